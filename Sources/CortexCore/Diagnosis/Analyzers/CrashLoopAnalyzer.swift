/// Containers that keep exiting: `CrashLoopBackOff`, or restarting after non-zero exits.
/// Out-of-memory kills are left to `OOMKilledAnalyzer` (they are the cause, the loop the
/// symptom); the log line of the crashed instance says why it exited.
public struct CrashLoopAnalyzer: DiagnosisAnalyzer {
    public let name = "crash-loop"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var byContainer: [String: [(PodEvidence, ContainerStatusEvidence)]] = [:]
        for pod in e.pods where !pod.deleting {
            for c in pod.containers where Self.isCrashing(c) {
                byContainer[c.name, default: []].append((pod, c))
            }
        }
        return byContainer.keys.sorted().map { container in
            let hits = byContainer[container]!
            let pods = hits.map(\.0)
            let (pod, status) = hits.max { $0.1.restartCount < $1.1.restartCount }!
            var lines: [EvidenceLine] = []
            var detail = ""
            if let t = status.lastTermination {
                detail = AnalyzerSupport.describe(t)
                lines.append(EvidenceLine(pod.ref, .status, "container \(container) last ended with \(detail)", at: t.finishedAt))
            }
            let state = status.state?.waitingReason ?? "restarting"
            lines.append(EvidenceLine(pod.ref, .status,
                                      "container \(container) is \(state), restarted \(AnalyzerSupport.plural(status.restartCount, "time"))"))
            let log = AnalyzerSupport.crashLog(e, pod: pod.name, container: container)
            let because = AnalyzerSupport.explainingLine(log)
            if let because, let log {
                lines.append(EvidenceLine(pod.ref, .log(container: container, previous: log.previous), because))
            }
            if let backoff = AnalyzerSupport.warnings(e, about: pod.ref, reasons: ["BackOff"]).last {
                lines.append(AnalyzerSupport.eventLine(backoff))
            }
            let count = pods.count == 1 ? "pod \(pod.name)" : "\(pods.count) pods (\(AnalyzerSupport.names(pods)))"
            var cause = "container \(container) keeps crashing in \(count)"
            if !detail.isEmpty { cause += ": \(detail)" }
            if let because { cause += ": \(because)" }
            let fix = AnalyzerSupport.rollback(for: pods, in: e, because: "the new revision crashes")
            let allFail = pods.count >= e.pods.filter { !$0.deleting }.count
            return DiagnosisFinding(analyzer: name, cause: cause, severity: allFail ? .critical : .warning, role: .symptom,
                           object: pod.ref, evidence: lines, fix: fix)
        }
    }

    /// Crash-looping, or restarted after a non-zero exit and not running ready now; not an
    /// out-of-memory kill.
    static func isCrashing(_ c: ContainerStatusEvidence) -> Bool {
        if c.lastTermination?.reason == "OOMKilled" { return false }
        if c.state?.waitingReason == "CrashLoopBackOff" { return true }
        if case .terminated(let t) = c.state, t.exitCode != 0, c.restartCount > 0 { return true }
        if c.restartCount >= 3, let t = c.lastState?.termination, t.exitCode != 0, !c.ready { return true }
        return false
    }
}
