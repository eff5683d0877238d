/// Whom a rule speaks to: narrowed to groups or users, or exempting them.
///
///     - id: oncall-restarts-freely     # only for on-call
///       groups: [oncall]
///     - id: no-deletes-by-developers
///       except-groups: [platform]      # everyone but platform
///
/// Groups are those of a verified cluster identity: an operator the cluster did not vouch
/// for belongs to no group, so a rule narrowed to groups never speaks to them and a rule
/// exempting groups always does.
public struct RuleAudience: Equatable, Sendable {
    public var groups: [String]?
    public var exceptGroups: [String]?
    public var users: [String]?
    public var exceptUsers: [String]?

    public init(groups: [String]? = nil, exceptGroups: [String]? = nil, users: [String]? = nil, exceptUsers: [String]? = nil) {
        self.groups = groups
        self.exceptGroups = exceptGroups
        self.users = users
        self.exceptUsers = exceptUsers
    }

    /// Whether the rule applies to everyone.
    public var isEveryone: Bool { self == RuleAudience() }

    /// Whether the rule speaks to `principal`. Narrowing by users and by groups together
    /// means either one.
    public func covers(_ principal: Principal) -> Bool {
        if let exceptUsers, exceptUsers.contains(principal.name) { return false }
        if let exceptGroups, principal.groups.contains(where: exceptGroups.contains) { return false }
        if users == nil, groups == nil { return true }
        if let users, users.contains(principal.name) { return true }
        if let groups, principal.groups.contains(where: groups.contains) { return true }
        return false
    }

    /// `groups oncall; except groups platform`, for `policy explain`.
    public var summary: String {
        var parts: [String] = []
        if let users { parts.append("users " + users.joined(separator: ", ")) }
        if let groups { parts.append("groups " + groups.joined(separator: ", ")) }
        if let exceptUsers { parts.append("except users " + exceptUsers.joined(separator: ", ")) }
        if let exceptGroups { parts.append("except groups " + exceptGroups.joined(separator: ", ")) }
        return parts.isEmpty ? "everyone" : parts.joined(separator: "; ")
    }
}

extension RuleFields {
    /// `groups`, `except-groups`, `users`, `except-users`.
    mutating func audience() -> RuleAudience {
        RuleAudience(groups: strings("groups"), exceptGroups: strings("except-groups"),
                     users: strings("users"), exceptUsers: strings("except-users"))
    }
}
