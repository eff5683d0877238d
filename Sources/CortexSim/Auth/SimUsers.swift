public import CortexCore

/// One user the simulated cluster knows: the bearer token that authenticates as them, and
/// the user name and groups the authenticator gives the token (what `SelfSubjectReview`
/// answers).
public struct SimUser: Equatable, Sendable {
    public var name: String
    public var groups: [String]
    public var token: Secret

    public init(name: String, groups: [String] = [], token: Secret) {
        self.name = name
        self.groups = groups
        self.token = token
    }
}

/// The users of a simulated cluster (`cortex sim serve --users FILE`). With users, every
/// request but `/version` and the health checks needs a known bearer token, as with a
/// real API server's token authenticator; without, the cluster is open and answers
/// `SelfSubjectReview` with 404, like a server too old to have it.
public struct SimUsers: Equatable, Sendable {
    public var users: [SimUser]

    public init(_ users: [SimUser]) throws(CortexError) {
        var names = Set<String>(), tokens = Set<String>()
        for user in users {
            guard !user.name.isEmpty else { throw .usage("a simulated user has an empty name") }
            guard user.token.revealed.count >= 8 else {
                throw .usage("the token of simulated user \(user.name) is too short", hint: "use at least 8 characters")
            }
            guard names.insert(user.name).inserted else { throw .usage("simulated user \(user.name) is listed twice") }
            guard tokens.insert(user.token.revealed).inserted else {
                throw .usage("two simulated users have the same token", hint: "give each user a token of their own")
            }
        }
        self.users = users
    }

    /// The user a `Authorization` header authenticates, if any.
    func user(authorization: String?) -> SimUser? {
        guard let authorization, authorization.hasPrefix("Bearer ") else { return nil }
        let token = authorization.dropFirst("Bearer ".count)
        return users.first { $0.token.revealed == token }
    }
}
