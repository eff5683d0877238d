/// How many pods a canary runs beside the stable workload so that its share of the ready
/// pods (which is its share of the traffic a Service spreads evenly over them) comes as
/// close as whole pods allow to the percentage asked for. The stable workload is not
/// resized: the canary fits the replicas there are, and the plan says how close it gets.
public struct CanaryPlan: Equatable, Sendable {
    /// The percentage asked for, 1–99.
    public var requested: Int
    public var stable: Int
    public var canary: Int

    /// The closest share with at least one canary pod: `c / (s + c)` nearest to `p%`.
    public init(stable: Int, percent: Int) {
        let stable = max(0, stable)
        requested = percent
        self.stable = stable
        let exact = Double(percent) * Double(stable) / Double(100 - percent)
        let floor = max(1, Int(exact.rounded(.down)))
        func error(_ c: Int) -> Double { abs(Double(c) / Double(stable + c) * 100 - Double(percent)) }
        // Ties go to the smaller canary: less of the new version at risk.
        canary = error(floor + 1) < error(floor) ? floor + 1 : floor
    }

    /// The canary's share of all pods, in percent.
    public var share: Double { Double(canary) / Double(stable + canary) * 100 }

    /// Whether whole pods reach the percentage exactly.
    public var isExact: Bool { canary * 100 == requested * (stable + canary) }

    /// `1 canary pod beside 3 stable: 25% of the pods, the closest to the 10% asked with 3
    /// stable replicas (exactly 10% takes 9 stable replicas)`.
    public var sentence: String {
        let pods = "\(canary) canary pod\(canary == 1 ? "" : "s") beside \(stable) stable"
        let share = "\(Self.percent(self.share)) of the pods"
        guard !isExact else { return "\(pods): \(share), as asked" }
        var text = "\(pods): \(share), the closest to the \(requested)% asked with \(stable) stable replica\(stable == 1 ? "" : "s")"
        if let needed = stableForExactShare { text += " (exactly \(requested)% takes \(needed) stable replicas)" }
        return text
    }

    /// The stable replicas that would make the same canary exactly the percentage asked,
    /// when some whole number does.
    var stableForExactShare: Int? {
        let numerator = canary * (100 - requested)
        guard numerator % requested == 0 else { return nil }
        return numerator / requested
    }

    /// `25%`, `33.3%`.
    public static func percent(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths))%" : "\(tenths)%"
    }
}
