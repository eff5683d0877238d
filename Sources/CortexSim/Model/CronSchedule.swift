import Foundation

/// A standard five-field cron schedule (minute, hour, day of month, month, day of week)
/// with `*`, lists, ranges, steps, month and weekday names and the `@hourly`-style macros,
/// read as the CronJob controller reads it (robfig/cron's standard parser), in UTC.
struct CronSchedule: Equatable, Sendable {
    let minutes: Set<Int>
    let hours: Set<Int>
    let days: Set<Int>
    let months: Set<Int>
    let weekdays: Set<Int>
    /// Whether day of month or day of week was `*`: cron matches either field when both are restricted.
    let anyDay: Bool
    let anyWeekday: Bool

    /// Why a schedule cannot be read, in the words of the API server's validation.
    struct Problem: Error, Equatable {
        var message: String
    }

    private static let macros = [
        "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *", "@monthly": "0 0 1 * *", "@weekly": "0 0 * * 0",
        "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@hourly": "0 * * * *",
    ]
    private static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    private static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]

    init(_ text: String) throws(Problem) {
        let expanded = Self.macros[text.trimmingCharacters(in: .whitespaces).lowercased()] ?? text
        let fields = expanded.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0).lowercased() }
        guard fields.count == 5 else {
            throw Problem(message: "expected exactly 5 fields, found \(fields.count): \(text)")
        }
        minutes = try Self.field(fields[0], 0...59, names: [])
        hours = try Self.field(fields[1], 0...23, names: [])
        days = try Self.field(fields[2], 1...31, names: [])
        months = try Self.field(fields[3], 1...12, names: Self.monthNames)
        // 7 is Sunday too.
        weekdays = Set(try Self.field(fields[4], 0...7, names: Self.dayNames).map { $0 % 7 })
        anyDay = fields[2] == "*" || fields[2] == "?"
        anyWeekday = fields[4] == "*" || fields[4] == "?"
    }

    private static func field(_ text: String, _ range: ClosedRange<Int>, names: [String]) throws(Problem) -> Set<Int> {
        var result: Set<Int> = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) {
            let pieces = part.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard pieces.count <= 2 else { throw Problem(message: "too many slashes: \(part)") }
            var step = 1
            if pieces.count == 2 {
                guard let value = Int(pieces[1]), value > 0 else { throw Problem(message: "failed to parse int from \(pieces[1])") }
                step = value
            }
            var low = range.lowerBound, high = range.upperBound
            if pieces[0] != "*" && pieces[0] != "?" {
                let bounds = pieces[0].split(separator: "-", omittingEmptySubsequences: false).map(String.init)
                guard bounds.count <= 2 else { throw Problem(message: "too many hyphens: \(part)") }
                low = try value(bounds[0], names: names, offset: range.lowerBound == 1 ? 1 : 0)
                high = bounds.count == 2 ? try value(bounds[1], names: names, offset: range.lowerBound == 1 ? 1 : 0)
                    : (pieces.count == 2 ? range.upperBound : low)
            }
            guard range.contains(low), range.contains(high) else {
                throw Problem(message: "end of range (\(high)) above maximum (\(range.upperBound)): \(part)")
            }
            guard low <= high else { throw Problem(message: "beginning of range (\(low)) beyond end of range (\(high)): \(part)") }
            result.formUnion(stride(from: low, through: high, by: step))
        }
        return result
    }

    private static func value(_ text: String, names: [String], offset: Int) throws(Problem) -> Int {
        if let index = names.firstIndex(of: text) { return index + offset }
        guard let number = Int(text) else { throw Problem(message: "failed to parse int from \(text)") }
        return number
    }

    /// The first time after `date` (whole minutes, UTC) the schedule fires; nil when none
    /// within five years (`0 0 30 2 *`).
    func next(after date: Date) -> Date? {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let start = floor(date.timeIntervalSince1970 / 60) * 60 + 60
        var candidate = Date(timeIntervalSince1970: start)
        let limit = date.addingTimeInterval(5 * 366 * 86_400)
        while candidate <= limit {
            let parts = calendar.dateComponents([.month, .day, .weekday, .hour, .minute], from: candidate)
            let month = parts.month!, day = parts.day!, weekday = parts.weekday! - 1, hour = parts.hour!, minute = parts.minute!
            guard months.contains(month) else {
                candidate = calendar.date(byAdding: .month, value: 1, to: calendar.date(from: calendar.dateComponents([.year, .month], from: candidate))!)!
                continue
            }
            let dayMatches = anyDay || anyWeekday
                ? days.contains(day) && weekdays.contains(weekday)
                : days.contains(day) || weekdays.contains(weekday)
            guard dayMatches else {
                candidate = calendar.date(byAdding: .day, value: 1, to: calendar.startOfDay(for: candidate))!
                continue
            }
            guard hours.contains(hour) else {
                candidate = candidate.addingTimeInterval(Double(60 - minute) * 60)
                continue
            }
            if minutes.contains(minute) { return candidate }
            candidate = candidate.addingTimeInterval(60)
        }
        return nil
    }
}
