public import FoundationEssentials

/// Everything besides the operation that a verdict depends on. Evaluation reads no clock and
/// no file: the caller gathers these.
public struct PolicyContext: Sendable {
    /// The instant the operation would run.
    public var now: Date
    /// The operator's user name; two-person approval compares it with the requester's.
    public var actor: String
    /// Mutations carried out recently (newest last is not required), for rate limits.
    public var recentMutations: [MutationRecord]
    /// Approval requests on record; only approved, unused ones count.
    public var approvals: [ApprovalRequest]
    /// Money left in the current budget period, US dollars; nil when no budget is set.
    public var remainingBudget: Double?
    /// Who the cluster says the operator is; nil when no cluster was asked. Rules narrowed to
    /// groups see only the groups of a verified identity.
    public var identity: OperatorIdentity?
    /// The approval an approver is running (`cortex approve <id> --run`); only then may an
    /// approver, rather than the requester, use it.
    public var runningApproval: String?

    /// The operator as rules see them: the cluster identity, else `actor` unverified.
    public var principal: Principal {
        identity.map { Principal(name: $0.user, groups: $0.verified ? $0.groups : [], verified: $0.verified) }
            ?? Principal(name: actor)
    }

    public init(
        now: Date, actor: String, recentMutations: [MutationRecord] = [],
        approvals: [ApprovalRequest] = [], remainingBudget: Double? = nil, identity: OperatorIdentity? = nil
    ) {
        self.identity = identity
        self.now = now
        self.actor = actor
        self.recentMutations = recentMutations
        self.approvals = approvals
        self.remainingBudget = remainingBudget
    }
}

/// One mutation that was carried out, as rate limits count them.
public struct MutationRecord: Equatable, Sendable {
    public var time: Date
    public var operation: OperationKind
    public var environment: String?
    public var service: String?

    public init(time: Date, operation: OperationKind, environment: String? = nil, service: String? = nil) {
        self.time = time
        self.operation = operation
        self.environment = environment
        self.service = service
    }
}
