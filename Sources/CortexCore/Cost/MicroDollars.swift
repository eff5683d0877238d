/// An amount of US dollars as a whole number of micro-dollars (1 USD = 1,000,000).
///
/// Money is stored, summed and compared as integers so that totals are exact: a report's
/// total is the sum of its lines, with no floating-point drift. `Double` appears only
/// where an amount enters from outside (an operation's `amount`) or leaves for a consumer
/// that speaks dollars (`ResolvedOperation.monthlyCostDelta`).
public struct MicroDollars: Hashable, Comparable, Sendable, Codable, AdditiveArithmetic, CustomStringConvertible {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }

    public static let zero = MicroDollars(0)
    public static let perDollar: Int64 = 1_000_000

    /// Whole cents.
    public static func cents(_ cents: Int64) -> MicroDollars { MicroDollars(cents * 10_000) }

    /// Dollars given as a binary floating-point number, rounded to the nearest micro-dollar.
    /// Returns nil for amounts that are not finite or do not fit.
    public init?(dollars: Double) {
        let scaled = (dollars * 1_000_000).rounded()
        guard scaled.isFinite, abs(scaled) < 9.0e18 else { return nil }
        value = Int64(scaled)
    }

    /// Dollars written in decimal, read exactly: `12`, `0.15`, `2.50`, `$1,250.75`, `0.0000005`.
    /// Digits beyond the sixth decimal place are rounded half away from zero.
    public init?(decimal text: String) {
        var s = Substring(text)
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() }
        if s.first == "$" { s = s.dropFirst() }
        s = Substring(s.filter { $0 != "," && $0 != "_" })
        let parts = s.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, !(whole.isEmpty && parts.count == 1) else { return nil }
        let fraction = parts.count == 2 ? parts[1] : ""
        guard !(whole.isEmpty && fraction.isEmpty),
              whole.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit) else { return nil }
        var micros: Int64 = 0
        for c in whole {
            let (m, o1) = micros.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(c.asciiValue! - 48))
            guard !o1, !o2 else { return nil }
            micros = a
        }
        let (scaled, overflow) = micros.multipliedReportingOverflow(by: MicroDollars.perDollar)
        guard !overflow else { return nil }
        var frac: Int64 = 0
        let digits = Array(fraction)
        for i in 0..<6 {
            frac = frac * 10 + (i < digits.count ? Int64(digits[i].asciiValue! - 48) : 0)
        }
        if digits.count > 6, digits[6] >= "5" { frac += 1 }
        value = (scaled + frac) * (negative ? -1 : 1)
    }

    /// The amount in dollars, for consumers that speak `Double`.
    public var dollars: Double { Double(value) / 1_000_000 }

    public static func + (a: MicroDollars, b: MicroDollars) -> MicroDollars { MicroDollars(a.value &+ b.value) }
    public static func - (a: MicroDollars, b: MicroDollars) -> MicroDollars { MicroDollars(a.value &- b.value) }
    public static func < (a: MicroDollars, b: MicroDollars) -> Bool { a.value < b.value }

    /// `$1,234.57`: rounded half away from zero to the cent.
    public var description: String { MoneyText.cents(roundedToCents) }

    /// The amount in whole cents, rounded half away from zero.
    public var roundedToCents: Int64 {
        let q = value / 10_000, r = value % 10_000
        if r >= 5_000 { return q + 1 }
        if r <= -5_000 { return q - 1 }
        return q
    }

    public init(from decoder: any Decoder) throws {
        value = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(value)
    }
}

extension Sequence where Element == MicroDollars {
    /// The exact sum.
    public func sum() -> MicroDollars { reduce(.zero, +) }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// Renders money the way cortex shows it: `$1,234.50`, `-$12.00`.
public enum MoneyText {
    /// A whole number of cents as dollars with thousands separators.
    public static func cents(_ cents: Int64) -> String {
        let magnitude = cents.magnitude
        let fraction = magnitude % 100
        return (cents < 0 ? "-" : "") + "$" + thousands(magnitude / 100) + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }

    /// `1,234,567`.
    public static func thousands(_ n: UInt64) -> String {
        var digits = String(n)
        var out = ""
        while digits.count > 3 {
            out = "," + digits.suffix(3) + out
            digits = String(digits.dropLast(3))
        }
        return digits + out
    }

    /// A signed change: `+$12.00`, `-$3.50`, `$0.00`.
    public static func change(_ amount: MicroDollars) -> String {
        let cents = amount.roundedToCents
        return (cents > 0 ? "+" : "") + MoneyText.cents(cents)
    }
}

/// Rounds parts of a total to cents so that the shown parts add up to the shown total
/// (largest-remainder method): each part is its exact value rounded down or up, and the
/// cents left over go to the parts that lost the most in rounding down, earliest first on
/// ties.
public enum CentApportionment {
    /// Cents for each part, summing to `total` (by default the exact sum rounded to the cent).
    public static func apportion(_ parts: [MicroDollars], total: Int64? = nil) -> [Int64] {
        let floors = parts.map { $0.value.floorDivided(by: 10_000) }
        let target = total ?? parts.sum().roundedToCents
        var result = floors
        var remaining = target - floors.reduce(0, +)
        let order = parts.indices.sorted { a, b in
            let ra = parts[a].value - floors[a] * 10_000, rb = parts[b].value - floors[b] * 10_000
            return ra != rb ? ra > rb : a < b
        }
        var i = 0
        while remaining > 0, !order.isEmpty {
            result[order[i % order.count]] += 1
            remaining -= 1
            i += 1
        }
        i = 0
        while remaining < 0, !order.isEmpty {
            result[order[order.count - 1 - i % order.count]] -= 1
            remaining += 1
            i += 1
        }
        return result
    }
}
