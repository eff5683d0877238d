/// Two-person approval: the operation waits until a different operator approves it with
/// `cortex approve <id>`. The approval counts for `valid-for` after it was given, once.
///
///     - id: production-delete-approval
///       kind: two-person
///       environments: [production]
///       operations: [delete]
///       services: [payments]      # optional: only these services
///       valid-for: 1h
public struct TwoPersonRule: GuardrailRule, Equatable {
    public static let kind = "two-person"
    public static let defaultAction = RuleAction.approval

    public var services: [String]?
    /// Seconds an approval stays usable after it was given.
    public var validFor: Double

    public init(services: [String]? = nil, validFor: Double = 3600) {
        self.services = services
        self.validFor = validFor
    }

    public init(reading fields: inout RuleFields) {
        services = fields.strings("services")
        validFor = fields.duration("valid-for") ?? 3600
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        if let services {
            guard let service = resolved.operation.service, services.contains(service) else { return nil }
        }
        let usable = context.approvals.first {
            $0.grants(resolved, to: context.actor, at: context.now, validFor: validFor)
        }
        if let grant = usable, let approver = grant.approver {
            return .note("approved by \(approver.user) (request \(grant.id))", approvalID: grant.id)
        }
        return .requires("needs approval by a second operator (someone other than \(context.actor))")
    }

    public var summary: String {
        let who = services.map { " for " + $0.joined(separator: ", ") } ?? ""
        return "second operator approves\(who); approval valid \(PolicyDuration.describe(validFor))"
    }
}
