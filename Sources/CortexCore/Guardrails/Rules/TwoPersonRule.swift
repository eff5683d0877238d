/// Two-person approval: the operation waits until a different operator approves it with
/// `cortex approve <id>`. The approval counts for `valid-for` after it was given, once.
///
///     - id: production-delete-approval
///       kind: two-person
///       environments: [production]
///       operations: [delete]
///       services: [payments]      # optional: only these services
///       valid-for: 1h
///       approvers: {groups: [sre, security], distinct-groups: true}   # optional
public struct TwoPersonRule: GuardrailRule, Equatable {
    public static let kind = "two-person"
    public static let defaultAction = RuleAction.approval

    public var services: [String]?
    /// Seconds an approval stays usable after it was given.
    public var validFor: Double
    /// Who may approve; by default anyone other than the requester.
    public var approvers: ApproverRequirement

    public init(services: [String]? = nil, validFor: Double = 3600, approvers: ApproverRequirement = ApproverRequirement()) {
        self.services = services
        self.validFor = validFor
        self.approvers = approvers
    }

    public init(reading fields: inout RuleFields) {
        services = fields.strings("services")
        validFor = fields.duration("valid-for") ?? 3600
        approvers = fields.approvers("approvers") ?? ApproverRequirement()
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        if let services {
            guard let service = resolved.operation.service, services.contains(service) else { return nil }
        }
        let usable = context.approvals.first {
            $0.grants(resolved, to: context.principal, at: context.now, validFor: validFor, requirement: approvers,
                      runningApproval: context.runningApproval)
        }
        if let grant = usable {
            let names = grant.givenApprovals.filter { approvers.counts($0.principal, requester: grant.requesterPrincipal) }
                .map(\.principal.name)
            return .note("approved by \(names.joined(separator: " and ")) (request \(grant.id))", approvalID: grant.id)
        }
        if approvers == ApproverRequirement() {
            return .requires("needs approval by a second operator (someone other than \(context.actor))")
        }
        return .requires("needs approval by \(approvers.summary) (someone other than \(context.actor))")
    }

    public var summary: String {
        let who = services.map { " for " + $0.joined(separator: ", ") } ?? ""
        let by = approvers == ApproverRequirement() ? "second operator" : approvers.summary
        return "\(by) approves\(who); approval valid \(PolicyDuration.describe(validFor))"
    }
}
