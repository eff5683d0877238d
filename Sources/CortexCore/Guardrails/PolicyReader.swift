/// The rules of one policy file and the problems found in it.
public struct PolicyDocument: Sendable {
    public var file: String
    public var version: Int?
    public var rules: [PolicyRule]
    public var issues: [PolicyIssue]

    public init(file: String, version: Int? = nil, rules: [PolicyRule] = [], issues: [PolicyIssue] = []) {
        self.file = file
        self.version = version
        self.rules = rules
        self.issues = issues
    }
}

/// Reads policy documents (already parsed into `PolicyNode` trees) into rules. Unknown keys,
/// missing keys and bad values are reported with file, line and key; every problem in every
/// file is collected before giving up.
///
///     version: 1
///     rules:
///       - id: production-changes
///         kind: protection
///         environments: [production]
///         action: confirm
public struct PolicyReader: Sendable {
    public var environments: EnvironmentCatalog

    public init(environments: EnvironmentCatalog = .standard) {
        self.environments = environments
    }

    /// The keys every rule may carry besides its kind's own.
    static let commonKeys = ["id", "kind", "description", "environments", "operations", "action"]

    /// Reads one document.
    public func read(_ root: PolicyNode, file: String) -> PolicyDocument {
        var doc = PolicyDocument(file: file, version: nil, rules: [], issues: [])
        func issue(_ line: Int, _ key: String?, _ problem: String) {
            doc.issues.append(PolicyIssue(file: file, line: line, key: key, problem: problem))
        }
        guard case .map(let top) = root.value else {
            issue(root.line, nil, "a policy file is a mapping with 'version' and 'rules', not \(root.shape)")
            return doc
        }
        for entry in top where !["version", "rules", "description"].contains(entry.key) {
            issue(entry.line, entry.key, "unknown key (a policy file has: version, rules, description)")
        }
        if let version = top.first(where: { $0.key == "version" }) {
            if case .scalar(let text) = version.value.value, let v = Int(text) {
                if v == Policy.currentVersion {
                    doc.version = v
                } else {
                    issue(version.line, "version", "this cortex reads policy version \(Policy.currentVersion), not \(v)")
                }
            } else {
                issue(version.line, "version", "must be a whole number (\(Policy.currentVersion))")
            }
        } else {
            issue(root.line, "version", "missing: every policy file starts with 'version: \(Policy.currentVersion)'")
        }
        guard let rules = top.first(where: { $0.key == "rules" }) else {
            issue(root.line, "rules", "missing: a policy file lists its rules under 'rules:'")
            return doc
        }
        switch rules.value.value {
        case .list(let items):
            for item in items {
                let (rule, issues) = readRule(item, file: file)
                doc.issues += issues
                if let rule { doc.rules.append(rule) }
            }
        case .null:
            break
        default:
            issue(rules.line, "rules", "must be a list of rules, not \(rules.value.shape)")
        }
        return doc
    }

    /// A policy from several documents, in order. Rule ids must be unique across files.
    public func policy(from documents: [PolicyDocument]) throws(PolicyProblems) -> Policy {
        var issues: [PolicyIssue] = []
        var seen: [String: RuleLocation] = [:]
        var rules: [PolicyRule] = []
        for doc in documents {
            issues += doc.issues
            for rule in doc.rules {
                if let first = seen[rule.id] {
                    issues.append(PolicyIssue(file: rule.location.file, line: rule.location.line, key: "id",
                                              problem: "'\(rule.id)' is already defined at \(first)"))
                } else {
                    seen[rule.id] = rule.location
                    rules.append(rule)
                }
            }
        }
        guard issues.isEmpty else { throw PolicyProblems(issues) }
        return Policy(rules: rules, files: documents.map(\.file))
    }

    func readRule(_ node: PolicyNode, file: String) -> (PolicyRule?, [PolicyIssue]) {
        guard case .map(let entries) = node.value else {
            return (nil, [PolicyIssue(file: file, line: node.line, problem: "a rule is a mapping with 'id' and 'kind', not \(node.shape)")])
        }
        var fields = RuleFields(file: file, line: node.line, entries: entries, catalog: environments)
        let id = fields.string("id")
        if id == nil, !entries.contains(where: { $0.key == "id" }) { fields.problem(nil, "missing 'id'") }
        if let id, !Self.isValidID(id) {
            fields.problem("id", "'\(id)' must be lowercase letters, digits and '-'")
        }
        let kindName = fields.string("kind")
        let kind = kindName.flatMap(RuleKinds.named)
        if kindName == nil, !entries.contains(where: { $0.key == "kind" }) {
            fields.problem(nil, "missing 'kind' (one of: \(Self.kindNames))")
        } else if let kindName, kind == nil {
            fields.problem("kind", "unknown kind '\(kindName)' (one of: \(Self.kindNames))")
        }
        let description = fields.string("description")
        let scope = RuleScope(environments: fields.environments("environments"), operations: fields.operations("operations"))
        let audience = fields.audience()
        var action: RuleAction?
        if kind?.ownsAction != true, let text = fields.string("action") {
            action = RuleAction(rawValue: text.lowercased()).flatMap { RuleAction.configurable.contains($0) ? $0 : nil }
            if action == nil {
                let names = RuleAction.configurable.map(\.rawValue).joined(separator: ", ")
                fields.problem("action", "must be one of \(names), not '\(text)'")
            }
        }
        guard let kind else { return (nil, fields.issues) }
        let rule = kind.init(reading: &fields)
        for entry in fields.unknownKeys {
            let known = fields.known.joined(separator: ", ")
            fields.problem(entry.key, "unknown key for a \(kind.kind) rule (known: \(known))")
        }
        guard fields.issues.isEmpty, let id else { return (nil, fields.issues) }
        var policyRule = PolicyRule(id: id, location: RuleLocation(file: file, line: node.line), scope: scope,
                                    action: action, description: description, rule: rule)
        policyRule.audience = audience
        return (policyRule, [])
    }

    static var kindNames: String { RuleKinds.all.map { $0.kind }.joined(separator: ", ") }

    static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, ("a"..."z").contains(first) || ("0"..."9").contains(first) else {
            return false
        }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
