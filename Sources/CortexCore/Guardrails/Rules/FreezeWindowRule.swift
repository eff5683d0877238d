public import FoundationEssentials

/// A change-freeze window in UTC: on the listed weekdays from `from` (inclusive) to `to`
/// (exclusive). A window whose `to` is earlier than `from` runs past midnight into the next
/// day. Without `from`/`to` the whole day is frozen.
///
///     - id: friday-evening-freeze
///       kind: freeze
///       environments: [production]
///       days: [fri]
///       from: "16:00"
///       to: "24:00"
public struct FreezeWindowRule: GuardrailRule, Equatable {
    public static let kind = "freeze"
    public static let defaultAction = RuleAction.deny

    public var days: Set<Weekday>
    /// Minutes after UTC midnight.
    public var from: Int
    public var to: Int

    public init(days: Set<Weekday>, from: Int = 0, to: Int = 1440) {
        self.days = days
        self.from = from
        self.to = to
    }

    public init(reading fields: inout RuleFields) {
        days = fields.weekdays("days") ?? []
        from = fields.timeOfDay("from") ?? 0
        to = fields.timeOfDay("to") ?? 1440
        fields.require("days")
        if from == to { fields.problem("to", "equals 'from': the window would be empty") }
        if from == 1440 { fields.problem("from", "24:00 ends a day; a window starts at 23:59 at the latest") }
    }

    /// Whether the instant falls inside the window.
    public func contains(_ date: Date) -> Bool {
        let day = UTCTime.weekday(of: date), minute = UTCTime.minuteOfDay(of: date)
        if from < to { return days.contains(day) && minute >= from && minute < to }
        let yesterday = Weekday(rawValue: (day.rawValue + 6) % 7)!
        return (days.contains(day) && minute >= from) || (days.contains(yesterday) && minute < to)
    }

    /// The end of the window's occurrence that holds `date` (which `contains` must hold):
    /// the first instant after it that this occurrence no longer covers.
    public func end(of date: Date) -> Date {
        let midnight = UTCTime.startOfDay(date)
        let minute = UTCTime.minuteOfDay(of: date)
        // A window past midnight that started yesterday ends today; one that started today, tomorrow.
        let endsTomorrow = from < to ? to == 1440 : minute >= from
        let endMinute = to == 1440 ? 0 : to
        return midnight.addingTimeInterval(Double((endsTomorrow ? 1440 : 0) + endMinute) * 60)
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        guard contains(context.now) else { return nil }
        let now = UTCTime.weekday(of: context.now).shortName + " " + UTCTime.clock(UTCTime.minuteOfDay(of: context.now))
        // Days of the same rule that follow each other make one freeze (sat and sun: Monday).
        var end = end(of: context.now)
        for _ in 0..<7 where contains(end) { end = self.end(of: end) }
        let ends = UTCTime.weekday(of: end).shortName + " " + UTCTime.clock(UTCTime.minuteOfDay(of: end))
        return .requires("change freeze \(summary) (now \(now) UTC); this window ends \(ends) UTC")
    }

    public var summary: String {
        let names = days.sorted().map(\.shortName).joined(separator: ",")
        return "\(names) \(UTCTime.clock(from))–\(UTCTime.clock(to)) UTC"
    }
}
