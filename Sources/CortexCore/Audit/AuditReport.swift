/// The text of `cortex audit verify`.
public enum AuditReport {
    public static func verification(_ result: AuditVerification, log: String) -> String {
        let entries = result.entries == 1 ? "1 entry" : "\(result.entries) entries"
        guard let problem = result.problem else {
            var lines = ["\(log): \(entries), chain intact"]
            if !result.recoveredLines.isEmpty {
                let list = result.recoveredLines.map(String.init).joined(separator: ", ")
                lines.append(result.recoveredLines.count == 1
                    ? "note: line \(list) holds the remains of an interrupted write, vouched for by the entry after it"
                    : "note: lines \(list) hold the remains of interrupted writes, vouched for by the entries after them")
            }
            if let torn = result.tornTail {
                lines.append("warning: line \(torn.line) is the remains of an interrupted write (\(torn.bytes) bytes), not tampering; the entries before it are intact and the next entry will chain past it")
            }
            return lines.joined(separator: "\n") + "\n"
        }
        let one = result.entries == 1
        let intact = switch (result.entries, problem.line) {
        case (0, _): ""
        case (_, nil): one ? "; the entry itself is intact" : "; the \(entries) themselves are intact"
        default: one ? "; the entry before it is intact" : "; the \(entries) before it are intact"
        }
        return "\(log): NOT intact: \(problem.message)\(intact)\n"
    }

    /// Who did what, one line per operator in order of first appearance: the identity (the
    /// cluster's, else the local account) and the steps they took, changes named.
    ///
    ///     alice (groups: sre) via alice@laptop-1: 4 entries; pending delete payments in production (approval 1a2b3c4d)
    public static func actors(_ entries: [AuditEntry]) -> String {
        var order: [String] = []
        var steps: [String: [String]] = [:]
        var counts: [String: Int] = [:]
        for entry in entries {
            let r = entry.record
            let who = r.identity.map { "\($0) via \(r.actor)" } ?? r.actor.description
            if counts[who] == nil { order.append(who) }
            counts[who, default: 0] += 1
            let e = r.event
            guard [.pending, .approved, .executed, .failed, .denied].contains(e.kind), let op = e.operation, op.op.isMutation else { continue }
            var step = "\(e.kind.rawValue) \(op.summary(in: e.environment))"
            if let id = e.approval { step += " (approval \(id))" }
            steps[who, default: []].append(step)
        }
        return order.map { who in
            let n = counts[who] ?? 0
            let done = steps[who].map { "; " + $0.joined(separator: "; ") } ?? ""
            return "  \(who): \(n == 1 ? "1 entry" : "\(n) entries")\(done)\n"
        }.joined()
    }
}
