/// A rate limit: at most `max` changes inside the rule's scope within the last `window`.
/// A change exactly `window` ago no longer counts. The history comes from the caller
/// (`PolicyContext.recentMutations`).
///
///     - id: production-rate
///       kind: rate-limit
///       environments: [production]
///       max: 10
///       window: 10m
public struct RateLimitRule: GuardrailRule, Equatable {
    public static let kind = "rate-limit"
    public static let defaultAction = RuleAction.deny

    public var maximum: Int
    /// Seconds.
    public var window: Double

    public init(max: Int, window: Double) {
        self.maximum = max
        self.window = window
    }

    public init(reading fields: inout RuleFields) {
        let maximum = fields.integer("max", atLeast: 1)
        let window = fields.duration("window")
        fields.require("max")
        fields.require("window")
        self.maximum = maximum ?? 1
        self.window = window ?? 60
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        let since = context.now.timeIntervalSince1970 - window
        var count = 0
        for m in context.recentMutations
        where m.time.timeIntervalSince1970 > since && scope.covers(operation: m.operation, environment: m.environment) {
            count += 1
        }
        guard count >= maximum else { return nil }
        return .requires("\(count) changes in the last \(PolicyDuration.describe(window)) (limit \(maximum))")
    }

    public var summary: String { "at most \(maximum) per \(PolicyDuration.describe(window))" }
}
