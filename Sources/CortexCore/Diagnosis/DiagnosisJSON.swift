import FoundationEssentials

/// Diagnoses as data, for `--output json`: the verdict, every finding with its evidence and
/// fix, what could not be read.
public enum DiagnosisJSON {
    public static func report(_ r: DiagnosisReport) -> JSONValue {
        var o: JSONValue = [
            "workload": .string(r.subject.description), "environment": .string(r.environment), "namespace": .string(r.namespace),
            "verdict": .string(r.verdict.rawValue), "headline": .string(r.headline),
            "findings": .array(r.findings.map(finding)),
            "unreadable": .array(r.unreadable.map { .string($0) }),
            "gatheredAt": .string(UTCTime.iso8601(r.gatheredAt)),
        ]
        if r.findings.allSatisfy({ $0.severity < .warning }) { o["health"] = .array(r.health.map { line($0, now: r.gatheredAt) }) }
        if let fix = r.fix { o["fix"] = self.fix(fix) }
        return o
    }

    public static func environment(_ reports: [DiagnosisReport], environment: String, unreadable: [String]) -> JSONValue {
        ["environment": .string(environment), "workloads": .array(reports.map(report)), "unreadable": .array(unreadable.map { .string($0) })]
    }

    static func finding(_ f: DiagnosisFinding) -> JSONValue {
        var o: JSONValue = [
            "analyzer": .string(f.analyzer), "cause": .string(f.cause), "severity": .string(f.severity.label),
            "role": .string(String(describing: f.role)), "object": .string(f.object.description),
            "evidence": .array(f.evidence.map { line($0, now: nil) }),
        ]
        if let fix = f.fix { o["fix"] = self.fix(fix) }
        return o
    }

    static func fix(_ fix: SuggestedFix) -> JSONValue {
        var o: JSONValue = ["explanation": .string(fix.explanation)]
        if let op = fix.operation, let json = try? JSONValue(parsing: op.canonicalJSON) {
            o["operation"] = json
            o["summary"] = .string(op.summary)
        }
        return o
    }

    static func line(_ l: EvidenceLine, now: Date?) -> JSONValue {
        var o: JSONValue = ["object": .string(l.object.description), "text": .string(l.text)]
        switch l.source {
        case .spec: o["source"] = "spec"
        case .status: o["source"] = "status"
        case .event(let reason, let count):
            o["source"] = "event"
            o["reason"] = .string(reason)
            o["count"] = .number(count)
        case .log(let container, let previous):
            o["source"] = "log"
            o["container"] = .string(container)
            o["previous"] = .bool(previous)
        }
        if let at = l.at { o["at"] = .string(UTCTime.iso8601(at)) }
        return o
    }
}
