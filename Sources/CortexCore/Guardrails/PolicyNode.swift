/// A policy document as a tree of plain values that remember their line: what the YAML
/// reader hands over, so that reading and checking policies stays pure.
public struct PolicyNode: Equatable, Sendable {
    public enum Value: Equatable, Sendable {
        /// A scalar exactly as written (numbers, times and booleans are read by the rules).
        case scalar(String)
        /// An empty value, `~` or `null`.
        case null
        case list([PolicyNode])
        case map([PolicyEntry])
    }

    public var value: Value
    /// 1-based line where the value starts.
    public var line: Int

    public init(_ value: Value, line: Int) {
        self.value = value
        self.line = line
    }

    /// A short name for the kind of value, for messages (`a list`, `text`).
    var shape: String {
        switch value {
        case .scalar: "a single value"
        case .null: "nothing"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}

/// One `key: value` pair of a mapping, with the line of its key.
public struct PolicyEntry: Equatable, Sendable {
    public var key: String
    public var line: Int
    public var value: PolicyNode

    public init(key: String, line: Int, value: PolicyNode) {
        self.key = key
        self.line = line
        self.value = value
    }
}

/// A problem in a policy file, named by file, line and key.
public struct PolicyIssue: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// The key at fault; nil for problems of the document itself (syntax, shape).
    public var key: String?
    public var problem: String

    public init(file: String, line: Int, key: String? = nil, problem: String) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    /// `guardrails/default.yaml:14: max: must be a whole number >= 0, not 'ten'`
    public var description: String {
        "\(file):\(line): " + (key.map { "\($0): " } ?? "") + problem
    }
}

/// Every problem found while reading a policy; reading never stops at the first one.
public struct PolicyProblems: Error, Equatable, Sendable {
    public var issues: [PolicyIssue]

    public init(_ issues: [PolicyIssue]) {
        self.issues = issues
    }

    /// The configuration error a command reports (exit code 2).
    public var cortexError: CortexError {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        let lines = issues.map { "  \($0)" }.joined(separator: "\n")
        return .usage("the guardrail policy has \(count):\n\(lines)",
                      hint: "fix the files named above; `cortex policy check` checks them again")
    }
}
