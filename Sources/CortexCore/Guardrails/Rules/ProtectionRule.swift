/// Environment protection: every change inside the rule's scope needs its action
/// (typically `confirm` for production, `deny` for a locked environment).
///
///     - id: production-changes
///       kind: protection
///       environments: [production]
///       action: confirm
public struct ProtectionRule: GuardrailRule, Equatable {
    public static let kind = "protection"
    public static let defaultAction = RuleAction.confirm

    public init() {}

    public init(reading fields: inout RuleFields) {}

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        if let env = resolved.effectiveEnvironment, scope.isEnvironmentScoped {
            return .requires("\(env) is protected: every change there is checked")
        }
        return .requires("\(resolved.operation.op.rawValue) is a protected kind of change")
    }

    public var summary: String { "every change in scope" }
}
