/// Pods that are never created because a ResourceQuota is exhausted: the ReplicaSet's
/// `ReplicaFailure` condition or `FailedCreate` events saying `exceeded quota`.
public struct QuotaAnalyzer: DiagnosisAnalyzer {
    public let name = "quota-exceeded"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var lines: [EvidenceLine] = []
        var object: ObjectRef?
        var message: String?
        for revision in e.revisions {
            if let failure = revision.conditions.first(where: { $0.type == "ReplicaFailure" && $0.isTrue }),
               let text = failure.message, Self.isQuota(text) {
                object = object ?? revision.ref
                message = message ?? text
                lines.append(EvidenceLine(revision.ref, .status, "ReplicaFailure (\(failure.reason ?? "FailedCreate")): \(text)", at: failure.lastTransition))
            }
            if let event = AnalyzerSupport.warnings(e, about: revision.ref, reasons: ["FailedCreate"]).last(where: { Self.isQuota($0.message) }) {
                object = object ?? revision.ref
                message = message ?? event.message
                lines.append(AnalyzerSupport.eventLine(event))
            }
        }
        if let w = e.workload, let failure = w.condition("ReplicaFailure"), failure.isTrue, let text = failure.message, Self.isQuota(text), object == nil {
            object = w.ref
            message = text
            lines.append(EvidenceLine(w.ref, .status, "ReplicaFailure: \(text)"))
        }
        guard let object, let message else { return [] }
        for quota in e.quotas {
            let full = quota.hard.keys.sorted().filter { key in
                guard let used = quota.used[key], let hard = quota.hard[key] else { return false }
                return used == hard || message.contains("limited: \(key)=") || message.contains(",\(key)=")
            }
            for key in full {
                lines.append(EvidenceLine(ObjectRef(kind: "ResourceQuota", name: quota.name), .status,
                                          "\(key): used \(quota.used[key] ?? "?") of \(quota.hard[key] ?? "?")"))
            }
        }
        let missing = e.workload.map { max(($0.desiredReplicas ?? 0) - $0.readyReplicas, 0) } ?? 0
        let cause = "pods cannot be created: the namespace's resource quota is exhausted" + (missing > 0 ? " (\(AnalyzerSupport.plural(missing, "replica")) missing)" : "")
            + ": \(message)"
        return [DiagnosisFinding(analyzer: name, cause: cause, severity: missing > 0 ? .critical : .warning, role: .cause, object: object,
                        evidence: lines, fix: SuggestedFix(nil, "free quota in namespace \(e.namespace) (scale something down) or raise the ResourceQuota"))]
    }

    static func isQuota(_ text: String) -> Bool { text.contains("exceeded quota") || text.contains("forbidden: failed quota") }
}
