/// Init containers that fail, so the pod never starts its main containers
/// (`Init:CrashLoopBackOff`, `Init:Error`).
public struct InitContainerAnalyzer: DiagnosisAnalyzer {
    public let name = "init-container"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var hits: [(PodEvidence, ContainerStatusEvidence)] = []
        for pod in e.pods where !pod.deleting {
            for c in pod.initContainers {
                let failedNow = c.state?.termination.map { $0.exitCode != 0 } ?? false
                let looping = c.state?.waitingReason == "CrashLoopBackOff"
                if failedNow || looping || (c.restartCount > 0 && (c.lastState?.termination?.exitCode ?? 0) != 0 && !c.ready) {
                    hits.append((pod, c))
                }
            }
        }
        guard let (pod, status) = hits.max(by: { $0.1.restartCount < $1.1.restartCount }) else { return [] }
        var lines: [EvidenceLine] = []
        var detail = ""
        if let t = status.lastTermination {
            detail = AnalyzerSupport.describe(t)
            lines.append(EvidenceLine(pod.ref, .status, "init container \(status.name) ended with \(detail)", at: t.finishedAt))
        }
        lines.append(EvidenceLine(pod.ref, .status,
                                  "init container \(status.name) is \(status.state?.waitingReason ?? "failing"), restarted \(AnalyzerSupport.plural(status.restartCount, "time"))"))
        let because = AnalyzerSupport.explainingLine(AnalyzerSupport.crashLog(e, pod: pod.name, container: status.name))
        if let because, let log = AnalyzerSupport.crashLog(e, pod: pod.name, container: status.name) {
            lines.append(EvidenceLine(pod.ref, .log(container: status.name, previous: log.previous), because))
        }
        let pods = hits.map(\.0)
        var cause = "init container \(status.name) fails, so \(pods.count == 1 ? "pod \(pod.name) never starts" : "\(Set(pods.map(\.name)).count) pods never start")"
        if !detail.isEmpty { cause += ": \(detail)" }
        if let because { cause += ": \(because)" }
        return [DiagnosisFinding(analyzer: name, cause: cause, severity: .critical, role: .cause, object: pod.ref, evidence: lines,
                        fix: AnalyzerSupport.rollback(for: pods, in: e, because: "the new revision's init container fails"))]
    }
}
