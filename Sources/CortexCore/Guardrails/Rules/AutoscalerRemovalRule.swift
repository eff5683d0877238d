/// Removing an autoscaler: the workload keeps the replicas it has at that moment and no
/// longer follows its load. Confirmed by default.
///
///     - id: production-autoscaler-removal
///       kind: autoscaler-removal
///       environments: [production]
public struct AutoscalerRemovalRule: GuardrailRule, Equatable {
    public static let kind = "autoscaler-removal"
    public static let defaultAction = RuleAction.confirm

    public init() {}

    public init(reading fields: inout RuleFields) {}

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        guard resolved.operation.op == .autoscale, resolved.operation.enabled == false else { return nil }
        let name = resolved.operation.service ?? "the workload"
        let replicas = resolved.currentReplicas.map { "\($0) replicas" } ?? "the replicas it has then"
        return .requires("removing the autoscaler of \(name) leaves it at \(replicas), whatever its load")
    }

    public var summary: String { "removing an autoscaler" }
}
