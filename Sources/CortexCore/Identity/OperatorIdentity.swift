/// Who the operator is as far as the cluster can tell: the user name and groups the API
/// server's authenticator gave the credentials (`SelfSubjectReview`), or, where the cluster
/// cannot say, the kubeconfig user marked unverified.
public struct OperatorIdentity: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    public var user: String
    public var groups: [String]
    /// True only when the API server said who the credentials belong to.
    public var verified: Bool

    public init(user: String, groups: [String] = [], verified: Bool) {
        self.user = user
        self.groups = groups
        self.verified = verified
    }

    /// `alice (groups: sre, system:authenticated)`, or `alice (unverified)`.
    public var description: String {
        guard verified else { return "\(user) (unverified)" }
        let shown = groups.filter { !$0.hasPrefix("system:") }
        return shown.isEmpty ? user : "\(user) (groups: \(shown.joined(separator: ", ")))"
    }

    /// Whether the identity belongs to `group`; an unverified identity belongs to none.
    public func isMember(of group: String) -> Bool { verified && groups.contains(group) }
}

/// The principal a decision is about: the cluster identity when there is one, else the local
/// account. Two-person approval and rules narrowed to users compare these names.
public struct Principal: Equatable, Sendable {
    public var name: String
    public var groups: [String]
    public var verified: Bool

    public init(name: String, groups: [String] = [], verified: Bool = false) {
        self.name = name
        self.groups = groups
        self.verified = verified
    }

    public init(actor: AuditActor, identity: OperatorIdentity?) {
        if let identity {
            self.init(name: identity.user, groups: identity.verified ? identity.groups : [], verified: identity.verified)
        } else {
            self.init(name: actor.user)
        }
    }
}
