public import CortexCore
public import FoundationEssentials

/// What stands between a typed operation and its dispatch: the guardrail policy, the audit
/// log, what the operator passed to answer confirmations, and where two-person approvals are
/// kept. The pipeline consults it for every request.
public struct Safeguards {
    public var guardrails: Guardrails
    /// Every step of a request is appended here before it takes effect. The log's origin
    /// names the operator and the session; each request's own source replaces the origin's.
    public var audit: AuditLog
    /// `--yes` and `--confirm <name>`. `interactive` is decided per request by the reader.
    public var options: ConfirmationOptions
    /// Where requests held by the two-person rule are recorded; without one they are refused.
    public var approvals: (any ApprovalStore)?
    /// The moment a verdict is made and an entry is stamped.
    public var clock: () -> Date
    /// Makes the id of a request held for a second operator's approval.
    public var newApprovalID: () -> String
    /// What a verdict depends on besides the operation, at a given moment.
    let context: (Date) throws(CortexError) -> PolicyContext
    /// The policy's reasons for its rules, shown in confirmation prompts.
    let descriptions: [String: String]

    /// `context` gathers recent mutations and approvals; by default it knows none, which
    /// suits tests and embedding without files.
    public init(
        policy: Policy, audit: AuditLog, options: ConfirmationOptions, approvals: (any ApprovalStore)? = nil,
        clock: @escaping () -> Date = { Date() }, newApprovalID: @escaping () -> String = FileApprovalStore.newID,
        context: ((Date) throws(CortexError) -> PolicyContext)? = nil
    ) {
        guardrails = Guardrails(policy: policy)
        self.audit = audit
        self.options = options
        self.approvals = approvals
        self.clock = clock
        self.newApprovalID = newApprovalID
        let actor = audit.origin.actor.user, identity = audit.origin.identity
        self.context = context ?? { now in PolicyContext(now: now, actor: identity?.user ?? actor, identity: identity) }
        var descriptions: [String: String] = [:]
        for rule in policy.rules { if let why = rule.description { descriptions[rule.id] = why } }
        self.descriptions = descriptions
    }

    /// The audit log for one request from `source`.
    func log(for source: RequestSource) -> AuditLog {
        var origin = audit.origin
        origin.source = AuditSource(rawValue: source.rawValue) ?? origin.source
        return AuditLog(store: audit.store, origin: origin, now: clock)
    }
}

extension Safeguards {
    /// Who must approve the request `verdict` holds back, as the two-person rules that spoke say.
    func approverRequirement(for verdict: Verdict) -> ApproverRequirement? {
        let ids = Set(verdict.findings.filter { $0.kind == TwoPersonRule.kind }.map(\.ruleID))
        return guardrails.policy.rules.lazy.filter { ids.contains($0.id) }.compactMap { ($0.rule as? TwoPersonRule)?.approvers }.first
    }
}
