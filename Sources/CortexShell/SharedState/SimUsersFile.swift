public import CortexCore
public import CortexSim
import Foundation

/// The users of `cortex sim serve --users FILE`:
///
///     users:
///       - name: alice
///         token: alice-0123456789        # the bearer token that authenticates as alice
///         groups: [sre, oncall]
///       - name: bob
///         token: bob-0123456789
///         groups: [security]
///
/// Read with the policy files' YAML reader, so a mistake names file, line and key.
public enum SimUsersFile {
    public static func load(_ path: String) throws(CortexError) -> SimUsers {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read the users file \(path)", hint: "check the path and its permissions")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    public static func parse(_ text: String, file: String) throws(CortexError) -> SimUsers {
        func fail(_ line: Int, _ key: String?, _ problem: String) -> CortexError {
            .usage(PolicyIssue(file: file, line: line, key: key, problem: problem).description,
                   hint: "each user has a name, a token and optional groups")
        }
        let root: PolicyNode
        switch PolicyYAML.tree(text, file: file) {
        case .success(let node): root = node
        case .failure(let issue): throw .usage(issue.description)
        }
        guard case .map(let top) = root.value, let entry = top.first(where: { $0.key == "users" }), top.count == 1,
              case .list(let items) = entry.value.value else {
            throw fail(root.line, "users", "the file is a mapping with one key, users: a list of users")
        }
        var users: [SimUser] = []
        for item in items {
            guard case .map(let fields) = item.value else { throw fail(item.line, nil, "a user is a mapping of name, token, groups") }
            var name: String?, token: String?, groups: [String] = []
            for field in fields {
                switch (field.key, field.value.value) {
                case ("name", .scalar(let v)): name = v
                case ("token", .scalar(let v)): token = v
                case ("groups", .list(let list)):
                    for g in list {
                        guard case .scalar(let group) = g.value, !group.isEmpty else { throw fail(g.line, "groups", "each group is a name") }
                        groups.append(group)
                    }
                case ("name", _), ("token", _), ("groups", _):
                    throw fail(field.line, field.key, "has the wrong shape (name, token: a word; groups: a list)")
                default:
                    throw fail(field.line, field.key, "unknown key (a user has: name, token, groups)")
                }
            }
            guard let name else { throw fail(item.line, "name", "missing") }
            guard let token else { throw fail(item.line, "token", "missing") }
            users.append(SimUser(name: name, groups: groups, token: Secret(token)))
        }
        return try SimUsers(users)
    }
}
