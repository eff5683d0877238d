public import FoundationEssentials

/// A calendar date in UTC (proleptic Gregorian).
public struct CivilDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01.
    public init(daysSinceEpoch days: Int64) {
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        year = Int(yoe + era * 400) + (m <= 2 ? 1 : 0)
        month = Int(m)
        day = Int(d)
    }

    /// Days from 1970-01-01 to this date.
    public var daysSinceEpoch: Int64 {
        let y = Int64(month <= 2 ? year - 1 : year)
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let m = Int64(month)
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + Int64(day) - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Monday is 0, Sunday 6 (ISO 8601 order).
    public var isoWeekdayIndex: Int {
        let d = daysSinceEpoch + 3  // 1970-01-01 was a Thursday
        return Int(((d % 7) + 7) % 7)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `2025-03-01`.
    public var description: String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.daysSinceEpoch < b.daysSinceEpoch }
}

/// One budget period: from its start (inclusive) to the next period's start (exclusive),
/// in UTC. Days start at midnight UTC, weeks on Monday at midnight UTC (ISO 8601), months
/// on the 1st at midnight UTC.
public struct PeriodWindow: Equatable, Sendable {
    public var period: Period
    public var first: CivilDate
    /// The first day of the next period.
    public var next: CivilDate

    /// The period of the given kind that contains `instant`.
    public init(_ period: Period, containing instant: Date) {
        let day = CivilDate(daysSinceEpoch: UTCInstant.seconds(instant).floorDivided(by: 86_400))
        self.period = period
        switch period {
        case .day:
            first = day
            next = CivilDate(daysSinceEpoch: day.daysSinceEpoch + 1)
        case .week:
            first = CivilDate(daysSinceEpoch: day.daysSinceEpoch - Int64(day.isoWeekdayIndex))
            next = CivilDate(daysSinceEpoch: first.daysSinceEpoch + 7)
        case .month:
            first = CivilDate(year: day.year, month: day.month, day: 1)
            next = day.month == 12 ? CivilDate(year: day.year + 1, month: 1, day: 1)
                : CivilDate(year: day.year, month: day.month + 1, day: 1)
        }
    }

    public var start: Date { UTCInstant.date(seconds: first.daysSinceEpoch * 86_400) }
    public var end: Date { UTCInstant.date(seconds: next.daysSinceEpoch * 86_400) }

    public func contains(_ instant: Date) -> Bool { instant >= start && instant < end }

    /// `today (2025-03-01)`, `this week (from Monday 2025-02-24)`, `this month (March 2025)`.
    public var label: String {
        switch period {
        case .day: "today (\(first), UTC)"
        case .week: "this week (from Monday \(first), UTC)"
        case .month: "this month (\(CivilDate.monthNames[first.month - 1]) \(first.year), UTC)"
        }
    }
}

extension CivilDate {
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]
}

/// Instants as ledgers write them: ISO 8601 in UTC to the second (`2025-03-01T00:00:00Z`).
public enum UTCInstant {
    /// Whole seconds since 1970-01-01T00:00:00Z, rounded down.
    public static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public static func date(seconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(seconds))
    }

    public static func format(_ date: Date) -> String {
        let s = seconds(date)
        let day = CivilDate(daysSinceEpoch: s.floorDivided(by: 86_400))
        let sod = s - day.daysSinceEpoch * 86_400
        func pad(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(day)T\(pad(sod / 3600)):\(pad(sod / 60 % 60)):\(pad(sod % 60))Z"
    }

    /// Reads `YYYY-MM-DDTHH:MM:SSZ` (fractions of a second are ignored); nil for anything else.
    public static func parse(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.last == UInt8(ascii: "Z"), b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":") else { return nil }
        func num(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard b[i] >= 48, b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        if b.count > 20 {
            guard b[19] == UInt8(ascii: "."), b.count > 21, (20..<(b.count - 1)).allSatisfy({ b[$0] >= 48 && b[$0] <= 57 }) else { return nil }
        }
        guard let y = num(0..<4), let mo = num(5..<7), let d = num(8..<10),
              let h = num(11..<13), let mi = num(14..<16), let s = num(17..<19),
              (1...12).contains(mo), d >= 1, d <= CivilDate.daysIn(month: mo, year: y),
              h < 24, mi < 60, s < 60 else { return nil }
        let days = CivilDate(year: y, month: mo, day: d).daysSinceEpoch
        return date(seconds: days * 86_400 + Int64(h * 3600 + mi * 60 + s))
    }
}

extension Int64 {
    /// Division rounding toward negative infinity.
    func floorDivided(by d: Int64) -> Int64 {
        let q = self / d
        return (self % d != 0 && (self < 0) != (d < 0)) ? q - 1 : q
    }
}
