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

    public init(id: String, operation: Operation, requester: AuditActor, requestedAt: Date) {
        self.id = id
        self.operation = operation
        self.requester = requester
        self.requestedAt = AuditTimestamp(requestedAt)
    }

    /// The operation an approval must match: the resolved one with its environment filled in.
    public static func subject(of resolved: ResolvedOperation) -> Operation {
        var op = resolved.operation
        op.environment = resolved.effectiveEnvironment
        return op
    }

    /// Whether this approval lets `actor` run `resolved` at `now`: approved by someone else,
    /// requested by `actor`, for this exact operation, unused, and at most `validFor` seconds old.
    public func grants(_ resolved: ResolvedOperation, to actor: String, at now: Date, validFor: Double) -> Bool {
        guard let approver, let approvedAt, usedAt == nil else { return false }
        return requester.user == actor && approver.user != actor && operation == Self.subject(of: resolved)
            && now.timeIntervalSince(approvedAt.date) <= validFor && now >= approvedAt.date
    }

    public var isPending: Bool { approver == nil && usedAt == nil }
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
    public mutating func request(_ resolved: ResolvedOperation, by actor: AuditActor, at now: Date, newID: String) -> ApprovalRequest {
        let subject = ApprovalRequest.subject(of: resolved)
        if let open = requests.first(where: { $0.isPending && $0.operation == subject && $0.requester.user == actor.user }) {
            return open
        }
        let request = ApprovalRequest(id: newID, operation: subject, requester: actor, requestedAt: now)
        requests.append(request)
        return request
    }

    /// Approves a pending request on behalf of `actor`, who must not be its requester.
    public mutating func approve(_ id: String, by actor: AuditActor, at now: Date) throws(CortexError) -> ApprovalRequest {
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
        guard request.requester.user != actor.user else {
            throw CortexError("you asked for request \(id) yourself: a different operator must approve it", exitCode: .denied)
        }
        requests[i].approver = actor
        requests[i].approvedAt = AuditTimestamp(now)
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
        requests.filter { $0.approver != nil && $0.usedAt == nil }
    }
}
