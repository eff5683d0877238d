/// Large jumps: a change of the replica count to more than `factor` times (or less than
/// 1/`factor`) of the live count, or by more than `step` replicas either way. Exactly at the
/// bound is not a jump. Needs the live count; silent without it, and about operations that
/// do not set the count (a delete is no jump to zero).
///
///     - id: large-jump
///       kind: large-jump
///       factor: 2
///       step: 10
public struct LargeJumpRule: GuardrailRule, Equatable {
    public static let kind = "large-jump"
    public static let defaultAction = RuleAction.confirm

    public var factor: Double
    public var step: Int

    public init(factor: Double = 2, step: Int = 10) {
        self.factor = factor
        self.step = step
    }

    public init(reading fields: inout RuleFields) {
        factor = fields.number("factor", above: 1, inclusive: false) ?? 2
        step = fields.integer("step", atLeast: 1) ?? 10
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        guard resolved.setsReplicaCount, let from = resolved.currentReplicas, let to = resolved.plannedReplicas, from != to else { return nil }
        let change = { "\(from) → \(to) replicas" }
        if to > from {
            if from > 0, Double(to) > Double(from) * factor { return .requires("\(change()) is more than x\(ratio)") }
            if to - from > step { return .requires("\(change()) adds more than \(step)") }
        } else {
            if Double(to) * factor < Double(from) { return .requires("\(change()) is less than 1/\(ratio) of now") }
            if from - to > step { return .requires("\(change()) removes more than \(step)") }
        }
        return nil
    }

    var ratio: String { RuleFields.plain(factor) }

    public var summary: String { "more than x\(ratio) or ±\(step) replicas" }
}
