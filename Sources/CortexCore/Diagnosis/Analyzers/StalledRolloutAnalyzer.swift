/// A rollout that does not finish: `Progressing=False` with `ProgressDeadlineExceeded`, or a
/// new revision without ready pods while an older one still serves (a partial outage: which
/// revision works is said, and rolling back to it is the fix).
public struct StalledRolloutAnalyzer: DiagnosisAnalyzer {
    public let name = "stalled-rollout"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        guard let w = e.workload, let current = e.currentRevision else { return [] }
        let deadline = w.condition("Progressing").flatMap { $0.isFalse && $0.reason == "ProgressDeadlineExceeded" ? $0 : nil }
        let newPods = e.pods(of: current).filter { !$0.deleting }
        let newReady = newPods.filter(\.isReady).count
        let serving = e.previousRevisions.filter { $0.readyReplicas > 0 }
        // New pods not ready yet are a rollout under way unless something says they fail.
        let failing = newPods.contains { Self.showsFailure($0, in: e) }
        let stuck = newReady < max(current.desiredReplicas, 1) && !newPods.isEmpty && newPods.allSatisfy { !$0.isReady } && failing
        guard deadline != nil || (stuck && !serving.isEmpty) else { return [] }
        var lines: [EvidenceLine] = []
        if let deadline {
            lines.append(EvidenceLine(w.ref, .status, "Progressing is False (ProgressDeadlineExceeded)" + (deadline.message.map { ": \($0)" } ?? ""),
                                      at: deadline.lastTransition))
        }
        let image = current.images.first.map { " (\($0))" } ?? ""
        lines.append(EvidenceLine(current.ref, .status, "revision \(current.number)\(image): \(newReady) of \(newPods.count) pods ready"))
        for old in serving.prefix(2) {
            lines.append(EvidenceLine(old.ref, .status, "revision \(old.number)\(old.images.first.map { " (\($0))" } ?? ""): \(old.readyReplicas) pods ready"))
        }
        let cause: String
        let severity: FindingSeverity
        if let old = serving.first {
            let desired = w.desiredReplicas ?? 0
            let capacity = w.readyReplicas >= desired ? "no capacity lost yet" : "a partial outage"
            cause = "the rollout of revision \(current.number) is stuck (\(capacity)): revision \(old.number), which works, serves \(w.readyReplicas) of \(desired) desired replicas"
            severity = .warning
        } else {
            cause = "the rollout of revision \(current.number) is stuck: \(w.readyReplicas) of \(w.desiredReplicas ?? 0) replicas ready"
            severity = w.readyReplicas == 0 ? .critical : .warning
        }
        let fix = AnalyzerSupport.rollback(for: newPods.isEmpty ? [] : newPods, in: e, because: "the rollout of revision \(current.number) does not finish")
        return [DiagnosisFinding(analyzer: name, cause: cause, severity: severity, role: .effect, object: w.ref, evidence: lines, fix: fix)]
    }

    /// A pod that says it fails: a container waiting for another reason than being created,
    /// restarted, terminated with an error, failing probes, or the scheduler's refusal.
    static func showsFailure(_ pod: PodEvidence, in e: DiagnosisEvidence) -> Bool {
        if pod.condition("PodScheduled").map({ $0.isFalse && $0.reason == "Unschedulable" }) == true { return true }
        if !AnalyzerSupport.warnings(e, about: pod.ref, reasons: ["Unhealthy", "Failed", "FailedMount", "BackOff"]).isEmpty { return true }
        return (pod.containers + pod.initContainers).contains { c in
            if let reason = c.state?.waitingReason, !["ContainerCreating", "PodInitializing"].contains(reason) { return true }
            if c.restartCount > 0 { return true }
            if let t = c.state?.termination, t.exitCode != 0 { return true }
            return false
        }
    }
}
