/// Replica bounds: the replica count after a change must stay within `min` and `max`
/// (both inclusive). Judges scales and deploys only: a delete is judged by the rules on
/// deletes, not as a scale to zero. Denies by default.
///
///     - id: production-replicas
///       kind: replica-bounds
///       environments: [production]
///       min: 2
///       max: 50
public struct ReplicaBoundsRule: GuardrailRule, Equatable {
    public static let kind = "replica-bounds"
    public static let defaultAction = RuleAction.deny

    public var minimum: Int?
    public var maximum: Int?

    public init(min: Int? = nil, max: Int? = nil) {
        self.minimum = min
        self.maximum = max
    }

    public init(reading fields: inout RuleFields) {
        minimum = fields.integer("min", atLeast: 0)
        maximum = fields.integer("max", atLeast: 0)
        fields.requireOne(of: ["min", "max"])
        if let minimum, let maximum, minimum > maximum {
            fields.problem("max", "must not be below min (\(minimum))")
        }
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        guard resolved.setsReplicaCount, let planned = resolved.plannedReplicas else { return nil }
        let place = { resolved.effectiveEnvironment.map { " in \($0)" } ?? "" }
        if let minimum, planned < minimum {
            return .requires("\(planned) replicas is below the minimum of \(minimum)\(place())")
        }
        if let maximum, planned > maximum {
            return .requires("\(planned) replicas is above the maximum of \(maximum)\(place())")
        }
        return nil
    }

    public var summary: String {
        switch (minimum, maximum) {
        case let (lo?, hi?): "replicas \(lo)…\(hi)"
        case let (lo?, nil): "replicas >= \(lo)"
        case let (nil, hi?): "replicas <= \(hi)"
        case (nil, nil): "no bounds"
        }
    }
}
