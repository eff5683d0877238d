/// Lines written the way developers write code comments, commit messages and pull-request
/// titles. A comment (`// TODO: …`, `/* … */`), a line of `git log` (`3f9e21a fix: …`), an
/// autosquash commit (`fixup! …`), a merge commit and a review remark (`nit: …`) ask for
/// nothing now. A conventional-commit prefix typed before a request by habit (`fix: restart
/// quote-engine in prod`, `feat(imgproxy): deploy v2.0.0 to prod`) is set aside; a scope
/// shaped like a workload's name stays as the label of what follows.
enum CodeText {
    enum Reading: Equatable {
        case request(String)
        case notARequest(String)
    }

    static func read(_ text: String) -> Reading {
        let line = Substring(text).drop { $0 == " " || $0 == "\t" }
        if line.hasPrefix("//") || line.hasPrefix("/*") || line.hasPrefix("<!--") {
            return .notARequest("that is a code comment, not a request; to act now, say the request itself, e.g. restart ledger in staging")
        }
        let words = line.split(separator: " ", maxSplits: 1)
        guard let first = words.first else { return .request(text) }
        let lower = first.lowercased()
        if ["fixup!", "squash!", "amend!"].contains(lower) || isCommitHash(first) && words.count > 1 {
            return .notARequest("that is a commit from a history, not a request; to act now, say the request itself")
        }
        if lower == "merge", let rest = words.last?.lowercased(), rest.hasPrefix("pull request") || rest.hasPrefix("branch") || rest.hasPrefix("remote-tracking") {
            return .notARequest("that is a merge commit, not a request; to act now, say the request itself")
        }
        if let colon = first.firstIndex(of: ":"), colon == first.index(before: first.endIndex) || first.last == ":" {
            let label = first.dropLast().lowercased()
            if remarks.contains(label) {
                return .notARequest("that is a review remark or a suggestion, not a request; to act now, say the request itself")
            }
        }
        // `PR title: …`, `commit message: …`: a title or message quoted, not typed as a request.
        let opening = line.prefix(16).lowercased()
        if ["pr title:", "pr title -", "mr title:", "commit message:", "commit msg:", "commit:"].contains(where: opening.hasPrefix) {
            return .notARequest("that quotes a title or a commit message, not a request; to act now, say the request itself")
        }
        guard let prefix = commitPrefix(first), words.count > 1 else { return .request(text) }
        let rest = String(words[1])
        // `fix: typo in the button label`: what a commit changed, described by a noun.
        if let head = rest.split(separator: " ").first.map({ $0.lowercased() }), !Antecedent.isShaped(head),
           Lexicon.phrases(startingWith: head) == nil, prefix.scope == nil
        {
            return .notARequest("that describes a code change, not a request; to act now, say the request itself")
        }
        if let scope = prefix.scope, ServiceName.isValid(scope), !genericScopes.contains(scope) { return .request(scope + ": " + rest) }
        return .request(rest)
    }

    /// The type and scope of a conventional-commit prefix (`fix:`, `feat(imgproxy):`,
    /// `chore(hpa)!:`), or nil.
    static func commitPrefix(_ word: Substring) -> (type: String, scope: String?)? {
        guard word.hasSuffix(":") else { return nil }
        var body = word.dropLast()
        if body.hasSuffix("!") { body = body.dropLast() }
        var scope: String?
        if body.hasSuffix(")"), let open = body.firstIndex(of: "(") {
            scope = body[body.index(after: open)..<body.index(before: body.endIndex)].lowercased()
            body = body[..<open]
        }
        let type = body.lowercased()
        return commitTypes.contains(type) ? (type, scope) : nil
    }

    /// A short or full commit hash: 7 to 40 hex digits with at least one letter and one digit.
    static func isCommitHash(_ word: Substring) -> Bool {
        guard (7...40).contains(word.utf8.count) else { return false }
        var letter = false, digit = false
        for b in word.utf8 {
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = true
            case UInt8(ascii: "a")...UInt8(ascii: "f"): letter = true
            default: return false
            }
        }
        return letter && digit
    }

    private static let commitTypes: Set<String> = [
        "feat", "fix", "chore", "revert", "release", "perf", "refactor", "ci", "build", "ops", "debug", "hotfix",
    ]

    /// Scopes that name a kind of change, not a workload.
    private static let genericScopes: Set<String> = [
        "hpa", "sts", "ds", "env", "config", "cost", "budget", "logs", "events", "scale", "canary", "deps", "ci", "infra",
        "k8s", "helm", "resources", "autoscaling", "rollout", "release",
    ]

    /// Labels of a review remark or a suggestion.
    private static let remarks: Set<String> = ["nit", "review", "suggestion", "proposal", "idea", "thought", "thoughts", "opinion", "rfc", "wip", "draft"]
}
