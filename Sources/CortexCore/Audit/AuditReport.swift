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
}
