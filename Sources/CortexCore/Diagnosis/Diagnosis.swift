public import FoundationEssentials

/// The outcome of diagnosing one workload.
public struct DiagnosisReport: Equatable, Sendable {
    public enum Verdict: String, Equatable, Sendable, Codable {
        /// Every replica ready, nothing wrong found.
        case healthy
        /// Running, but something is wrong (some pods failing, a problem coming).
        case degraded
        /// Not running as asked.
        case failing
        /// The workload does not exist.
        case missing
    }

    public var subject: ObjectRef
    public var environment: String
    public var namespace: String
    public var verdict: Verdict
    /// One line: the root cause, or the health summary.
    public var headline: String
    /// Ranked: root causes first, then symptoms, then effects; worse first within each.
    public var findings: [DiagnosisFinding]
    /// For a healthy workload, the evidence of health (ready replicas, restarts, events).
    public var health: [EvidenceLine]
    public var unreadable: [String]
    public var gatheredAt: Date

    /// The fix to offer: the first finding's that carries an operation.
    public var fix: SuggestedFix? { findings.lazy.compactMap(\.fix).first { $0.operation != nil } }
}

/// Runs the analyzers over the evidence and ranks what they find.
public enum Diagnosis {
    /// Every analyzer, in no particular order: ranking decides what comes first.
    public static let analyzers: [any DiagnosisAnalyzer] = [
        OOMKilledAnalyzer(), CrashLoopAnalyzer(), ImagePullAnalyzer(), UnschedulableAnalyzer(), ProbeFailureAnalyzer(),
        ContainerConfigAnalyzer(), InitContainerAnalyzer(), QuotaAnalyzer(), StalledRolloutAnalyzer(),
        ServiceEndpointsAnalyzer(), NodeHealthAnalyzer(), ClaimAnalyzer(),
    ]

    /// How far back a warning event counts against a healthy verdict.
    public static let recentWindow: Double = 3600

    public static func run(_ e: DiagnosisEvidence, analyzers: [any DiagnosisAnalyzer] = Diagnosis.analyzers) -> DiagnosisReport {
        guard let workload = e.workload else {
            return DiagnosisReport(subject: e.subject, environment: e.environment, namespace: e.namespace, verdict: .missing,
                                   headline: "\(e.subject.name) does not exist in \(e.environment)", findings: [], health: [],
                                   unreadable: e.unreadable, gatheredAt: e.gatheredAt)
        }
        let findings = rank(analyzers.flatMap { $0.analyze(e) })
        let problems = findings.filter { $0.severity >= .warning }
        let verdict: DiagnosisReport.Verdict
        let headline: String
        let place = "\(workload.ref.kind.lowercased()) \(e.subject.name) in \(e.environment)"
        let desired = workload.desiredReplicas ?? 0
        if problems.isEmpty {
            if desired > 0 && workload.readyReplicas < desired {
                verdict = .degraded
                headline = "\(place) is not fully ready (\(workload.readyReplicas)/\(desired)) and no cause is visible yet: a rollout may still be under way"
            } else {
                verdict = .healthy
                headline = "\(place) is healthy: \(workload.readyReplicas)/\(desired) replicas ready"
            }
        } else {
            let failing = problems.contains { $0.severity == .critical } && workload.readyReplicas == 0 && desired > 0
            verdict = failing ? .failing : .degraded
            headline = "\(place) is \(failing ? "failing" : "degraded"): \(problems[0].cause)"
        }
        return DiagnosisReport(subject: workload.ref, environment: e.environment, namespace: e.namespace, verdict: verdict,
                               headline: headline, findings: findings, health: healthEvidence(e, workload), unreadable: e.unreadable,
                               gatheredAt: e.gatheredAt)
    }

    /// Causes before symptoms before effects; within each, critical first; otherwise in the
    /// order the analyzers gave them.
    static func rank(_ findings: [DiagnosisFinding]) -> [DiagnosisFinding] {
        findings.enumerated().sorted { a, b in
            if a.element.role != b.element.role { return a.element.role < b.element.role }
            if a.element.severity != b.element.severity { return a.element.severity > b.element.severity }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The facts behind a verdict of health: ready replicas, restarts, recent warnings.
    static func healthEvidence(_ e: DiagnosisEvidence, _ w: WorkloadEvidence) -> [EvidenceLine] {
        var lines = [EvidenceLine(w.ref, .status, "\(w.readyReplicas)/\(w.desiredReplicas ?? 0) replicas ready, \(w.updatedReplicas) up to date")]
        let live = e.pods.filter { !$0.deleting }
        let restarts = live.reduce(0) { $0 + $1.restarts }
        lines.append(EvidenceLine(w.ref, .status, "\(AnalyzerSupport.plural(live.count, "pod")), \(live.filter(\.isReady).count) ready, \(AnalyzerSupport.plural(restarts, "restart"))"))
        let recent = e.events.filter { $0.isWarning && ($0.lastSeen.map { e.gatheredAt.timeIntervalSince($0) <= recentWindow } ?? true) }
        lines.append(EvidenceLine(w.ref, .status, recent.isEmpty ? "no warning events in the last hour"
                                                                 : "\(AnalyzerSupport.plural(recent.count, "warning event")) in the last hour"))
        if let current = e.currentRevision {
            lines.append(EvidenceLine(current.ref, .status, "revision \(current.number)" + (current.images.first.map { " runs \($0)" } ?? "")))
        }
        return lines
    }
}
