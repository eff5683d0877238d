public import FoundationEssentials

/// A request for a second operator's approval, as the pending-approval store keeps it.
public struct ApprovalRequest: Codable, Equatable, Sendable {
    public var id: String
    /// The operation with its environment filled in: what the approval is for, exactly.
    public var operation: Operation
    public var requester: AuditActor
    public var requestedAt: AuditTimestamp
    public var approver: AuditActor?
    public var approvedAt: AuditTimestamp?
    /// When the approved operation ran; an approval counts once.
    public var usedAt: AuditTimestamp?
    /// Who the cluster says asked; nil when no cluster was asked (file state).
    public var requesterIdentity: OperatorIdentity?
    /// Every approval given so far, in order; `approver` is set once they meet `requirement`.
    public var signatures: [ApprovalSignature]?
    /// Who must approve, as the policy said when the request was made. The rule as it is
    /// when the operation runs decides again.
    public var requirement: ApproverRequirement?
    /// The plan shown to the requester, shown again to the approver.
    public var plan: [String]?

    public init(id: String, operation: Operation, requester: AuditActor, requestedAt: Date,
                identity: OperatorIdentity? = nil, requirement: ApproverRequirement? = nil, plan: [String]? = nil) {
        self.id = id
        self.operation = operation
        self.requester = requester
        self.requestedAt = AuditTimestamp(requestedAt)
        requesterIdentity = identity
        self.requirement = requirement
        self.plan = plan
    }

    /// The requester as decisions see them: the cluster identity, else the local user.
    public var requesterPrincipal: Principal { Principal(actor: requester, identity: requesterIdentity) }

    /// The approvals given, the one recorded before signatures were kept included.
    public var givenApprovals: [ApprovalSignature] {
        if let signatures { return signatures }
        guard let approver, let approvedAt else { return [] }
        return [ApprovalSignature(actor: approver, identity: nil, at: approvedAt.date)]
    }

    /// When the request expires unapproved.
    public var expiresAt: AuditTimestamp { AuditTimestamp(requestedAt.date.addingTimeInterval(ApprovalBook.lifetime)) }

    /// The operation an approval must match: the resolved one with its environment filled in.
    public static func subject(of resolved: ResolvedOperation) -> Operation {
        var op = resolved.operation
        op.environment = resolved.effectiveEnvironment
        return op
    }

    /// Whether this approval lets `actor` run `resolved` at `now`: approved by someone else,
    /// requested by `actor`, for this exact operation, unused, and at most `validFor` seconds old.
    public func grants(_ resolved: ResolvedOperation, to actor: String, at now: Date, validFor: Double) -> Bool {
        grants(resolved, to: Principal(name: actor), at: now, validFor: validFor, requirement: ApproverRequirement())
    }

    /// Whether this approval lets `principal` run `resolved` at `now` under `requirement` (the
    /// rule as it is now): requested by `principal` (or approved by them, when they run it as
    /// `runningApproval`), for this exact operation, unused, and
    /// approved by others who meet the requirement, the last of them at most `validFor` ago.
    public func grants(_ resolved: ResolvedOperation, to principal: Principal, at now: Date, validFor: Double,
                       requirement: ApproverRequirement, runningApproval: String? = nil) -> Bool {
        guard usedAt == nil, operation == Self.subject(of: resolved) else { return false }
        let signers = givenApprovals.filter { requirement.counts($0.principal, requester: requesterPrincipal) }
        // The requester runs it, or one of those who approved it with `cortex approve <id> --run`.
        let approverRuns = runningApproval == id && signers.contains { $0.principal.name == principal.name }
        guard requesterPrincipal.name == principal.name || approverRuns else {
            return false
        }
        guard let last = signers.map(\.at.date).max(), requirement.isMet(by: signers.map(\.principal)) else { return false }
        return now.timeIntervalSince(last) <= validFor && now >= last
    }

    public var isPending: Bool { approver == nil && usedAt == nil }
}

/// One approval of a request: who gave it (the local account and the cluster identity) and when.
public struct ApprovalSignature: Codable, Equatable, Sendable {
    public var actor: AuditActor
    public var identity: OperatorIdentity?
    public var at: AuditTimestamp

    public init(actor: AuditActor, identity: OperatorIdentity?, at: Date) {
        self.actor = actor
        self.identity = identity
        self.at = AuditTimestamp(at)
    }

    public var principal: Principal { Principal(actor: actor, identity: identity) }
}

/// Who may approve: anyone else (the default), a member of one of `groups`, or, with
/// `distinctGroups`, two people from two different of those groups (dual approval by two
/// independent parties). Pure.
///
///     approvers: {groups: [sre, security], distinct-groups: true}
public struct ApproverRequirement: Codable, Equatable, Sendable {
    public var groups: [String]?
    public var distinctGroups: Bool

    public init(groups: [String]? = nil, distinctGroups: Bool = false) {
        self.groups = groups
        self.distinctGroups = distinctGroups
    }

    /// How many approvals are needed.
    public var count: Int { distinctGroups ? 2 : 1 }

    /// The groups of `signer` that count: all of them without a group list.
    func countingGroups(_ signer: Principal) -> [String] {
        guard signer.verified else { return [] }
        guard let groups else { return signer.groups }
        return signer.groups.filter(groups.contains)
    }

    /// Whether `signer` may approve a request of `requester` at all: someone else; verified
    /// when the requester is, or when groups are named; and a member of one of the groups.
    public func counts(_ signer: Principal, requester: Principal) -> Bool {
        refusal(signer, requester: requester) == nil
    }

    /// Why `signer` cannot approve a request of `requester`; nil when they can.
    public func refusal(_ signer: Principal, requester: Principal) -> String? {
        if signer.name == requester.name {
            return "\(signer.name) asked for it: a different operator must approve it"
        }
        if (requester.verified || groups != nil || distinctGroups), !signer.verified {
            return "\(signer.name) is not an identity the cluster verified, and this request needs one"
        }
        if let groups, countingGroups(signer).isEmpty {
            return "\(signer.name) is not in \(groups.count == 1 ? "group" : "any of the groups") \(groups.joined(separator: ", "))"
        }
        return nil
    }

    /// Whether `signers` (each already counting) meet the requirement: one approval, or two
    /// people who can stand for two different groups.
    public func isMet(by signers: [Principal]) -> Bool {
        guard distinctGroups else { return !signers.isEmpty }
        for (i, a) in signers.enumerated() {
            for b in signers[(i + 1)...] where a.name != b.name {
                let ga = countingGroups(a), gb = countingGroups(b)
                if ga.contains(where: { g in gb.contains { $0 != g } }) { return true }
            }
        }
        return false
    }

    /// `a member of sre or security`, `two people from two of sre, security`, `another operator`.
    public var summary: String {
        switch (groups, distinctGroups) {
        case (nil, false): "another operator"
        case (nil, true): "two other operators from two different groups"
        case (let g?, false): "a member of \(g.joined(separator: " or "))"
        case (let g?, true): "two people from two different groups of \(g.joined(separator: ", "))"
        }
    }
}

/// The pending-approval book: requests, approvals, and their use. Pure; the store in the
/// state directory loads and saves it.
public struct ApprovalBook: Codable, Equatable, Sendable {
    /// How long an unapproved request, or an unused approval, is kept: one day.
    public static let lifetime: Double = 86_400

    public var requests: [ApprovalRequest]

    public init(requests: [ApprovalRequest] = []) {
        self.requests = requests
    }

    /// Records that `actor` asks for approval of `resolved`; an open request for the same
    /// operation by the same operator is reused rather than duplicated.
    public mutating func request(_ resolved: ResolvedOperation, by actor: AuditActor, identity: OperatorIdentity? = nil,
                                 at now: Date, newID: String, requirement: ApproverRequirement? = nil,
                                 plan: [String]? = nil) -> ApprovalRequest {
        let subject = ApprovalRequest.subject(of: resolved)
        let asker = Principal(actor: actor, identity: identity)
        if let open = requests.first(where: { $0.isPending && $0.operation == subject && $0.requesterPrincipal.name == asker.name }) {
            return open
        }
        let request = ApprovalRequest(id: newID, operation: subject, requester: actor, requestedAt: now,
                                      identity: identity, requirement: requirement, plan: plan)
        requests.append(request)
        return request
    }

    /// Approves a pending request on behalf of `actor`, who must not be its requester.
    public mutating func approve(_ id: String, by actor: AuditActor, identity: OperatorIdentity? = nil,
                                 at now: Date) throws(CortexError) -> ApprovalRequest {
        guard let i = requests.firstIndex(where: { $0.id == id }) else {
            throw .usage("there is no approval request '\(id)'", hint: "`cortex approve` lists the pending requests")
        }
        let request = requests[i]
        if let approver = request.approver {
            throw .usage("request \(id) was already approved by \(approver.user)")
        }
        if request.usedAt != nil || now.timeIntervalSince(request.requestedAt.date) > Self.lifetime {
            throw .usage("request \(id) has expired", hint: "the requester runs the request again to ask anew")
        }
        let signer = Principal(actor: actor, identity: identity)
        guard request.requesterPrincipal.name != signer.name else {
            throw CortexError("you asked for request \(id) yourself: a different operator must approve it", exitCode: .denied)
        }
        let requirement = request.requirement ?? ApproverRequirement()
        if let why = requirement.refusal(signer, requester: request.requesterPrincipal) {
            throw CortexError("you cannot approve request \(id): \(why) (it needs \(requirement.summary))", exitCode: .denied)
        }
        var given = request.givenApprovals
        if given.contains(where: { $0.principal.name == signer.name }) {
            throw .usage("you have already approved request \(id)", hint: "it needs \(requirement.summary)")
        }
        given.append(ApprovalSignature(actor: actor, identity: identity, at: now))
        requests[i].signatures = given
        let counting = given.filter { requirement.counts($0.principal, requester: request.requesterPrincipal) }
        if requirement.isMet(by: counting.map(\.principal)) {
            requests[i].approver = actor
            requests[i].approvedAt = AuditTimestamp(now)
        }
        return requests[i]
    }

    /// Marks an approval used, once the operation it allowed has run.
    public mutating func markUsed(_ id: String, at now: Date) {
        if let i = requests.firstIndex(where: { $0.id == id }) { requests[i].usedAt = AuditTimestamp(now) }
    }

    /// Drops used requests and those older than `lifetime`.
    public mutating func prune(at now: Date) {
        requests.removeAll { r in
            r.usedAt != nil || now.timeIntervalSince((r.approvedAt ?? r.requestedAt).date) > Self.lifetime
        }
    }

    /// Requests still waiting for approval.
    public func pending(at now: Date) -> [ApprovalRequest] {
        requests.filter { $0.isPending && now.timeIntervalSince($0.requestedAt.date) <= Self.lifetime }
    }

    /// Approvals given and not yet used, for `PolicyContext.approvals`.
    public var granted: [ApprovalRequest] {
        requests.filter { !$0.givenApprovals.isEmpty && $0.usedAt == nil }
    }
}
