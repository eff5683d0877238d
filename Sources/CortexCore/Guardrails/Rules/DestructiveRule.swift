/// Destructive operations: deleting a workload, or scaling it to zero. By default the
/// operator types the service name back.
///
///     - id: destructive
///       kind: destructive
public struct DestructiveRule: GuardrailRule, Equatable {
    public static let kind = "destructive"
    public static let defaultAction = RuleAction.typed

    public init() {}

    public init(reading fields: inout RuleFields) {}

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        let name = resolved.operation.service ?? "the workload"
        if resolved.operation.op == .delete {
            return .requires("deleting \(name) removes the workload and all its pods")
        }
        if resolved.plannedReplicas == 0, resolved.currentReplicas != 0 {
            return .requires("scaling \(name) to 0 stops all its pods")
        }
        return nil
    }

    public var summary: String { "delete, or scale to 0" }
}
