/// The text shown before a confirmation question: the plan (what changes from what to
/// what), the risk, and the rules that asked. Pure, so that it is tested against golden files.
///
///     Plan: scale payments to 0 replicas in production
///       where     context prod-eu, namespace payments
///       replicas  3 → 0
///     Risk: high, type the name to proceed
///       typed    destructive (default.yaml:41)
///                scaling payments to 0 stops all its pods
public enum ConfirmationPrompt {
    /// `descriptions` maps rule ids to the team's reasons for them, shown under the message.
    public static func render(_ resolved: ResolvedOperation, verdict: Verdict, descriptions: [String: String] = [:]) -> String {
        var lines = ["Plan: " + resolved.operation.summary(in: resolved.effectiveEnvironment)]
        lines += planDetails(resolved).map { "  " + pad($0.0, 10) + $0.1 }
        lines.append("Risk: " + risk(verdict.decision))
        for finding in verdict.findings {
            lines.append("  " + pad(finding.action.rawValue, 9) + "\(finding.ruleID) (\(finding.location))")
            lines.append("  " + pad("", 9) + finding.message)
            if let why = descriptions[finding.ruleID] { lines.append("  " + pad("", 9) + why) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The question for a step that asks; empty for the others. Like every question cortex
    /// asks, it starts with `? ` and ends with `] ` before the answer; anything else cancels.
    public static func question(for step: ConfirmationStep) -> String {
        switch step {
        case .askYesNo: "? Proceed? [y/N] "
        case .askTypedName(let name): "? Type \(name) to proceed [\(name)] "
        default: ""
        }
    }

    /// The risk a decision stands for, in words.
    public static func risk(_ decision: Verdict.Decision) -> String {
        switch decision {
        case .allow: "low"
        case .confirm: "medium, confirmation needed"
        case .confirmTyped: "high, type the name to proceed"
        case .requireApproval: "high, a second operator must approve"
        case .deny: "not allowed"
        }
    }

    /// Label and value pairs describing the change.
    static func planDetails(_ r: ResolvedOperation) -> [(String, String)] {
        var rows: [(String, String)] = []
        if let target = r.target { rows.append(("where", "context \(target.context), namespace \(target.namespace)")) }
        if r.operation.op == .autoscale {
            // The range is in `changes`: replicas move within it, they are not set.
        } else if let to = r.plannedReplicas {
            rows.append(("replicas", r.currentReplicas.map { "\($0) → \(to)" } ?? "\(to) (live count unknown)"))
        } else if r.operation.op == .delete, let now = r.currentReplicas {
            rows.append(("replicas", "\(now) → removed"))
        }
        if let image = r.plannedImage, image != r.current?.image {
            rows.append(("image", r.current?.image.map { "\($0) → \(image)" } ?? image))
        } else if r.plannedImage == nil, let version = r.operation.version {
            rows.append(("version", version))
        }
        for change in r.changes { rows.append(("change", change)) }
        if let note = r.costNote {
            rows.append(("cost", note))
        } else if let change = r.costChange {
            rows.append(("cost", change.summary))
        } else if let cost = r.monthlyCostDelta {
            rows.append(("cost", (cost > 0 ? "+" : "") + Money.dollars(cost) + " a month"))
        }
        return rows
    }

    static func pad(_ s: String, _ width: Int) -> String {
        s.count >= width ? s + " " : s + String(repeating: " ", count: width - s.count)
    }
}
