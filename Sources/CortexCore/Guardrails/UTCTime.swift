public import FoundationEssentials

/// A day of the week, Monday first, as policy files name them (`mon` … `sun`).
public enum Weekday: Int, CaseIterable, Comparable, Sendable {
    case monday = 0, tuesday, wednesday, thursday, friday, saturday, sunday

    /// The three-letter name used in policy files and messages.
    public var shortName: String {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"][rawValue]
    }

    /// Reads `mon`, `Monday`, `tues`… (case-insensitive, three letters or more of the name).
    public init?(name: String) {
        let n = name.lowercased()
        guard n.count >= 3 else { return nil }
        let full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
        guard let i = full.firstIndex(where: { $0.hasPrefix(n) }) else { return nil }
        self.init(rawValue: i)
    }

    /// The day after this one, Sunday wrapping to Monday.
    public var next: Weekday { Weekday(rawValue: (rawValue + 1) % 7)! }

    public static func < (a: Weekday, b: Weekday) -> Bool { a.rawValue < b.rawValue }
}

/// Calendar arithmetic in UTC without a `Calendar`: weekday, time of day, and the
/// `2025-03-07T16:00:00.000Z` form the audit log writes.
public enum UTCTime {
    static let secondsPerDay = 86_400.0

    /// The UTC weekday of an instant.
    public static func weekday(of date: Date) -> Weekday {
        let days = floorDays(date)
        // 1970-01-01 was a Thursday.
        let index = ((days + 3) % 7 + 7) % 7
        return Weekday(rawValue: Int(index))!
    }

    /// Minutes since UTC midnight, 0 ..< 1440.
    public static func minuteOfDay(of date: Date) -> Int {
        let t = date.timeIntervalSince1970
        let secondsIntoDay = t - Double(floorDays(date)) * secondsPerDay
        return min(1439, max(0, Int(secondsIntoDay / 60)))
    }

    /// UTC midnight at the start of the instant's day.
    public static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(floorDays(date)) * secondsPerDay)
    }

    /// `mon 2025-03-10 00:00 UTC`: an instant as freeze messages name it.
    public static func dayAndTime(_ date: Date) -> String {
        weekday(of: date).shortName + " " + iso8601(date).prefix(10) + " " + clock(minuteOfDay(of: date)) + " UTC"
    }

    /// `HH:MM` for a minute of the day (1440 prints as `24:00`).
    public static func clock(_ minute: Int) -> String {
        let h = minute / 60, m = minute % 60
        return (h < 10 ? "0" : "") + String(h) + ":" + (m < 10 ? "0" : "") + String(m)
    }

    /// ISO 8601 in UTC with milliseconds: `2025-03-07T16:00:00.000Z`.
    public static func iso8601(_ date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let days = floorDivide(millis, 86_400_000)
        var rest = millis - days * 86_400_000
        let (y, mo, d) = civil(fromDays: days)
        let h = rest / 3_600_000; rest -= h * 3_600_000
        let mi = rest / 60_000; rest -= mi * 60_000
        let s = rest / 1000, ms = rest % 1000
        return pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2) + "T" + pad(h, 2) + ":" + pad(mi, 2)
            + ":" + pad(s, 2) + "." + pad(ms, 3) + "Z"
    }

    /// Reads `2025-03-07`, `2025-03-07T16:00`, `2025-03-07T16:00:00`, with optional fraction
    /// and an optional `Z`; always UTC. Nil for anything else.
    public static func parseISO8601(_ text: String) -> Date? {
        let b = Array(text.utf8)
        var i = 0
        func number(_ digits: Int) -> Int64? {
            guard i + digits <= b.count else { return nil }
            var v: Int64 = 0
            for k in i ..< i + digits {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int64(b[k] - 48)
            }
            i += digits
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let y = number(4), expect(45), let mo = number(2), expect(45), let d = number(2),
              (1...12).contains(mo), (1...daysIn(month: mo, year: y)).contains(d)
        else { return nil }
        var seconds = Double(days(fromCivil: y, mo, d)) * secondsPerDay
        if i < b.count {
            guard expect(84) || expect(32), let h = number(2), expect(58), let mi = number(2),
                  h < 24, mi < 60 else { return nil }
            seconds += Double(h * 3600 + mi * 60)
            if expect(58) {
                guard let s = number(2), s < 60 else { return nil }
                seconds += Double(s)
                if expect(46) {
                    var scale = 0.1
                    let start = i
                    while i < b.count, b[i] >= 48, b[i] <= 57 {
                        seconds += Double(b[i] - 48) * scale
                        scale /= 10
                        i += 1
                    }
                    guard i > start else { return nil }
                }
            }
            _ = expect(90)
        }
        guard i == b.count else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }

    // MARK: - Civil calendar (proleptic Gregorian), after H. Hinnant's algorithms

    static func floorDays(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 / secondsPerDay).rounded(.down))
    }

    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }

    static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = floorDivide(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDivide(y, 400)
        let yoe = y - era * 400
        let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}

/// Lengths of time as policy files and filters write them: `90s`, `10m`, `2h`, `7d`.
public enum PolicyDuration {
    /// Seconds in a duration written as a whole number and a unit (s, m, h, d); nil otherwise.
    public static func seconds(_ text: String) -> Double? {
        guard let unit = text.last, let n = Int(text.dropLast()), n > 0 else { return nil }
        switch unit {
        case "s": return Double(n)
        case "m": return Double(n) * 60
        case "h": return Double(n) * 3600
        case "d": return Double(n) * 86_400
        default: return nil
        }
    }

    /// The shortest exact form of a number of seconds: `600` → `10m`.
    public static func describe(_ seconds: Double) -> String {
        let s = Int(seconds)
        if s % 86_400 == 0 { return "\(s / 86_400)d" }
        if s % 3600 == 0 { return "\(s / 3600)h" }
        if s % 60 == 0 { return "\(s / 60)m" }
        return "\(s)s"
    }
}
