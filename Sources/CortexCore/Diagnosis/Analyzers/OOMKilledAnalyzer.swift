/// Containers killed for using more memory than their limit (`OOMKilled`, exit 137).
/// The root cause of the crash loop that usually follows; the fix raises the limit.
public struct OOMKilledAnalyzer: DiagnosisAnalyzer {
    public let name = "oom-killed"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var byContainer: [String: [(PodEvidence, ContainerStatusEvidence, Termination)]] = [:]
        for pod in e.pods where !pod.deleting {
            for c in pod.containers {
                guard let t = c.lastTermination, t.reason == "OOMKilled" else { continue }
                // Killed long ago and running ready since: history, not a problem now.
                let old = t.finishedAt.map { e.gatheredAt.timeIntervalSince($0) > Diagnosis.recentWindow } ?? false
                if old && c.ready { continue }
                byContainer[c.name, default: []].append((pod, c, t))
            }
        }
        return byContainer.keys.sorted().map { container in
            let hits = byContainer[container]!
            let (pod, status, t) = hits.max { $0.1.restartCount < $1.1.restartCount }!
            let pods = hits.map(\.0)
            let spec = e.workload?.containers.first { $0.name == container }
            let limit = spec?.limits["memory"]
            var lines = [EvidenceLine(pod.ref, .status, "container \(container) last ended with \(AnalyzerSupport.describe(t))", at: t.finishedAt)]
            if status.restartCount > 0 || status.state?.waitingReason != nil {
                lines.append(EvidenceLine(pod.ref, .status,
                                          "container \(container) is \(status.state?.waitingReason ?? "running"), restarted \(AnalyzerSupport.plural(status.restartCount, "time"))"))
            }
            if let limit, let w = e.workload {
                lines.append(EvidenceLine(w.ref, .spec, "container \(container) has a memory limit of \(limit)"))
            }
            let scope = pods.count == 1 ? "pod \(pod.name)" : "\(pods.count) pods (\(AnalyzerSupport.names(pods)))"
            let cause = "container \(container) runs out of memory in \(scope): OOMKilled (exit 137)"
                + (limit.map { " at its \($0) limit" } ?? "")
            let crashing = hits.contains { $0.1.state?.waitingReason == "CrashLoopBackOff" || !$0.1.ready }
            return DiagnosisFinding(analyzer: name, cause: cause, severity: crashing ? .critical : .warning, role: .cause,
                           object: pod.ref, evidence: lines, fix: fix(e, container: container, limit: limit, pods: pods))
        }
    }

    /// Twice the memory limit (a `set-resources` of limits), or a rollback when only the
    /// new revision runs out of memory and no limit is known.
    func fix(_ e: DiagnosisEvidence, container: String, limit: String?, pods: [PodEvidence]) -> SuggestedFix? {
        if let limit, let doubled = MemoryLimit.doubled(limit) {
            var op = Operation(.setResources, service: e.subject.name, environment: e.environment)
            op.memory = doubled
            op.scope = .limits
            return SuggestedFix(op, "raise the memory limit of \(container) from \(limit) to \(doubled)")
        }
        return AnalyzerSupport.rollback(for: pods, in: e, because: "the new revision runs out of memory")
    }
}

/// Memory quantities doubled into the binary-suffixed form `set-resources` takes.
enum MemoryLimit {
    /// `256Mi` -> `512Mi`, `1Gi` -> `2Gi`, `500M` -> `954Mi`; nil for what is not a memory quantity.
    static func doubled(_ quantity: String) -> String? {
        guard let bytes = (try? ResourceQuantity(quantity))?.units, bytes > 0, bytes < Int64.max / 4 else { return nil }
        let target = bytes * 2
        let mebi = (target + 1_048_575) / 1_048_576
        return mebi % 1024 == 0 ? "\(mebi / 1024)Gi" : "\(mebi)Mi"
    }
}
