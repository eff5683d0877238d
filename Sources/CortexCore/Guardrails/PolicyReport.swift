/// The text of `cortex policy check` and `cortex policy explain`. Pure, so that it is tested
/// against golden files.
public enum PolicyReport {
    /// The rules of a valid policy, one per line, aligned.
    public static func check(_ policy: Policy, source: String) -> String {
        let files = policy.files.count == 1 ? "1 file" : "\(policy.files.count) files"
        let count = policy.rules.count == 1 ? "1 rule" : "\(policy.rules.count) rules"
        var lines = ["\(source): \(count) in \(files), policy version \(policy.version): ok"]
        let rows = policy.rules.map { rule in
            [rule.id, rule.kind, rule.actionName, rule.scope.summary, rule.rule.summary, rule.location.description]
        }
        lines += table(rows)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The problems of an invalid policy, one per line.
    public static func problems(_ issues: [PolicyIssue], source: String) -> String {
        let count = issues.count == 1 ? "1 problem" : "\(issues.count) problems"
        return (["\(source): \(count)"] + issues.map { "  \($0)" }).joined(separator: "\n") + "\n"
    }

    /// Which rules speak about a request, and why; `liveStateRead` says whether replica counts
    /// and images came from the cluster.
    public static func explain(
        input: String?, resolved: ResolvedOperation, verdict: Verdict, policy: Policy, liveStateRead: Bool
    ) -> String {
        var lines: [String] = []
        // Shown as the audit log keeps them: secret-looking values masked.
        let shown = AuditEvent(.understood, input: input, operation: resolved.operation).redacted()
        if let input = shown.input { lines.append("Request: \(input)") }
        lines.append("Operation: \((shown.operation ?? resolved.operation).canonicalJSON)")
        if let env = resolved.operation.env, env.contains(where: { SecretLookingName.matches($0.key) && $0.value != .remove }) {
            lines.append("Refused before the guardrails: a secret-looking variable is never set as a plain value (use a Secret)")
        }
        guard resolved.operation.op.isMutation else {
            lines.append("Verdict: allowed: \(resolved.operation.op.rawValue) changes nothing, and guardrails judge only changes")
            return lines.joined(separator: "\n") + "\n"
        }
        let descriptions = Dictionary(policy.rules.compactMap { r in r.description.map { (r.id, $0) } }, uniquingKeysWith: { a, _ in a })
        var text = lines.joined(separator: "\n") + "\n" + ConfirmationPrompt.render(resolved, verdict: verdict, descriptions: descriptions)
        let silent = policy.rules.count - Set(verdict.findings.map(\.ruleID)).count
        text += "Verdict: " + decision(verdict.decision) + "\n"
        if let freeze = verdict.freeze { text += "Next allowed: " + freeze.nextAllowed + "\n" }
        if RolloutFailureDecision.covers(resolved.operation.op) {
            let decision = policy.rolloutFailure(operation: resolved.operation.op, environment: resolved.effectiveEnvironment)
            text += "If the rollout fails: " + decision.explanation(canary: resolved.operation.canary != nil) + "\n"
        }
        text += "\(silent) of \(policy.rules.count) rules did not speak.\n"
        if !liveStateRead {
            text += "The live state was not read: rules on replica counts, jumps and images saw only what the request states.\n"
        }
        return text + "Nothing was executed.\n"
    }

    static func decision(_ decision: Verdict.Decision) -> String {
        switch decision {
        case .allow: "allowed"
        case .confirm: "needs a yes (Proceed? [y/N], or --yes)"
        case .confirmTyped(let name): "needs the name typed back (\(name), or --confirm \(name))"
        case .requireApproval: "needs a second operator's approval (cortex approve <id>)"
        case .deny: "denied"
        }
    }

    static func table(_ rows: [[String]]) -> [String] {
        guard let columns = rows.first?.count else { return [] }
        let widths = (0..<columns).map { c in rows.map { $0[c].count }.max() ?? 0 }
        return rows.map { row in
            "  " + row.enumerated().map { c, cell in
                c == columns - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count + 2)
            }.joined()
        }
    }
}
