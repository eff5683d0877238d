/// One kind of guardrail (`freeze`, `rate-limit`, …): a small value read from a policy
/// file that judges a resolved operation. Scope (environments, operations) and the action
/// are the policy rule's business; a kind only says whether and why it speaks.
public protocol GuardrailRule: Sendable {
    /// The `kind:` name in policy files.
    static var kind: String { get }
    /// The action a rule of this kind takes when the policy file sets none.
    static var defaultAction: RuleAction { get }
    /// Reads the kind's own keys, recording problems in `fields` (values fall back to
    /// defaults; a rule with problems is never used).
    init(reading fields: inout RuleFields)
    /// Whether the rule speaks about this operation, and why. Only mutations inside the
    /// rule's scope are shown to it.
    func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement?
    /// The rule's settings in a few words, for `cortex policy check`.
    var summary: String { get }
    /// Whether the kind reads `action` itself, with words of its own (`rollout-failure`:
    /// rollback, offer, none) rather than the actions of a verdict.
    static var ownsAction: Bool { get }
    /// The action as the policy file wrote it, for a kind that owns its action.
    var actionName: String? { get }
}

extension GuardrailRule {
    public static var ownsAction: Bool { false }
    public var actionName: String? { nil }
}

/// What a rule says about an operation.
public enum Judgement: Equatable, Sendable {
    /// The rule's action applies, for this reason.
    case requires(String)
    /// The rule reports without asking anything; `approvalID` names an approval it relied on.
    case note(String, approvalID: String? = nil)
}

/// The rule kinds policy files may use.
public enum RuleKinds {
    public static let all: [any GuardrailRule.Type] = [
        ProtectionRule.self, DestructiveRule.self, ReplicaBoundsRule.self, LargeJumpRule.self,
        ProtectedTargetRule.self, FreezeWindowRule.self, RateLimitRule.self, ImageRule.self,
        CostCeilingRule.self, TwoPersonRule.self, RolloutFailureRule.self, AutoscalerRemovalRule.self,
    ]

    static func named(_ kind: String) -> (any GuardrailRule.Type)? {
        all.first { $0.kind == kind }
    }
}
