import FoundationEssentials

/// Judges a rollout while it runs from its new pods, with the diagnose analyzers, and says
/// "failed" as soon as that is certain rather than at the progress deadline (Argo Rollouts
/// and Flagger abort on analysis, not on a timer).
///
/// Certain means: every new pod (at least one) is not ready and stuck in a state that does
/// not heal by itself, and the analyzers, run over the new pods alone, name a problem.
/// The stuck states are those of `PodFailure`. Anything else (pods still starting, a first
/// `ErrImagePull`, a probe that failed once) leaves the verdict open.
public struct RolloutHealthJudge: Sendable {
    /// Readiness probe failures (the kubelet's `Unhealthy` events) after which a running,
    /// never-ready pod counts as failed: the probe's default `failureThreshold`.
    public var probeFailures: Int

    public init(probeFailures: Int = 3) {
        self.probeFailures = probeFailures
    }

    /// The verdict on the revision being rolled out (`revision`, else the newest one).
    /// `canaryOf` names the stable workload when this one is its canary: the remedy is then
    /// the canary's abort rather than a rollback.
    /// With `deadlinePassed` (the controller reported `ProgressDeadlineExceeded`) every new
    /// pod that is not ready counts as failed, and the analyzers need not name a cause.
    public func judge(_ e: DiagnosisEvidence, revision: Int? = nil, canaryOf stable: String? = nil,
                      deadlinePassed: Bool = false) -> RolloutHealthVerdict {
        guard let (current, newPods) = candidates(e, revision: revision) else { return .undecided }
        var reasons: [String] = []
        for pod in newPods {
            guard let reason = PodFailure.reason(of: pod, in: e, probeFailures: probeFailures)
                    ?? (deadlinePassed ? PodFailure.notReadyAtDeadline : nil) else { return .undecided }
            reasons.append(reason)
        }
        // The analyzers see the new revision's pods only, so that healthy old pods do not
        // soften what they say about the new ones.
        var scoped = e
        let names = Set(newPods.map(\.name))
        scoped.pods = newPods
        scoped.logs = e.logs.filter { names.contains($0.pod) }
        let findings = Diagnosis.rank(Diagnosis.analyzers.flatMap { $0.analyze(scoped) }).filter { $0.severity >= .warning }
        let top = findings.first
        guard top != nil || deadlinePassed else { return .undecided }

        let counts = Dictionary(grouping: reasons, by: { $0 }).map { (reason: $0.key, pods: $0.value.count) }
            .sorted { $0.pods != $1.pods ? $0.pods > $1.pods : $0.reason < $1.reason }
        let failing = PodFailureCount.list(counts)
        let firstFailure = Self.firstFailure(newPods, in: e)
        let (remedy, target) = Self.remedy(e, failing: current, canaryOf: stable)
        return .failed(RolloutFailure(
            service: stable ?? e.subject.name, workload: e.subject.name, environment: e.environment, revision: current.number,
            version: Self.version(of: current), newPods: newPods.count, failing: failing,
            detail: Self.detail(newPods, counts.first?.reason, top, in: scoped),
            cause: top.map { ClusterText.sanitize($0.cause) } ?? "the new pods were not ready by the progress deadline",
            firstFailureAt: firstFailure, detectedAt: e.gatheredAt, remedy: remedy,
            remedyTarget: target.map { t in "revision \(t.number)" + (t.images.first.map { " (\($0))" } ?? "") },
            isCanary: stable != nil))
    }

    /// The revision being rolled out and its new pods, when they may have failed: at least
    /// one, none ready. Nil when the verdict stays open whatever else is read (events, logs).
    public func candidates(_ e: DiagnosisEvidence, revision: Int? = nil) -> (revision: RevisionEvidence, newPods: [PodEvidence])? {
        guard e.workload != nil,
              let current = revision.flatMap({ r in e.revisions.first { $0.number == r } }) ?? e.currentRevision
        else { return nil }
        let newPods = e.pods(of: current).filter { !$0.deleting }
        guard !newPods.isEmpty, newPods.allSatisfy({ !$0.isReady }) else { return nil }
        return (current, newPods)
    }

    /// Whether reading the events about `newPods` could still make the verdict "failed"
    /// before the progress deadline: only when each of them is stuck already or has a
    /// running container (readiness probe failures are events). While one is neither
    /// (still being created, say), the verdict stays open whatever the events say.
    public func eventsMayDecide(_ newPods: [PodEvidence], in e: DiagnosisEvidence) -> Bool {
        newPods.allSatisfy { pod in
            PodFailure.reason(of: pod, in: e, probeFailures: probeFailures) != nil
                || pod.containers.contains { if case .running = $0.state { true } else { false } }
        }
    }

    /// What undoes the failure: a canary's abort, else a rollback to the newest older
    /// revision that still serves (else the newest older one); nil when there is none.
    static func remedy(_ e: DiagnosisEvidence, failing current: RevisionEvidence, canaryOf stable: String?) -> (Operation?, RevisionEvidence?) {
        if let stable { return (Operation(.abort, service: stable, environment: e.environment), nil) }
        let older = e.revisions.filter { $0.number < current.number }.sorted { $0.number > $1.number }
        guard let target = older.first(where: { $0.readyReplicas > 0 }) ?? older.first else { return (nil, nil) }
        var rollback = Operation(.rollback, service: e.subject.name, environment: e.environment, revision: target.number)
        if e.subject.kind != "Deployment" { rollback.kind = WorkloadKind(apiKind: e.subject.kind) }
        return (rollback, target)
    }

    /// The tag of the revision's image (`v2`), else `revision 3`.
    static func version(of revision: RevisionEvidence) -> String {
        revision.images.first.flatMap { ImageReference($0).tag } ?? "revision \(revision.number)"
    }

    /// When the new pods first showed trouble: the earliest warning event about them, else
    /// the earliest termination, else nil.
    static func firstFailure(_ pods: [PodEvidence], in e: DiagnosisEvidence) -> Date? {
        let refs = Set(pods.map(\.ref))
        let events = e.events.filter { $0.isWarning && refs.contains($0.object) }.compactMap { $0.firstSeen ?? $0.lastSeen }
        if let first = events.min() { return first }
        return pods.flatMap { $0.containers + $0.initContainers }.compactMap { $0.lastTermination?.finishedAt }.min()
    }

    /// The memory limit the pod template gives a container, as written (`256Mi`).
    static func memoryLimit(of container: String, in e: DiagnosisEvidence) -> String? {
        e.workload.flatMap { w in (w.containers + w.initContainers).first { $0.name == container }?.limits["memory"] }
    }

    /// The few words in parentheses: `exit 1: fatal: DATABASE_URL is not set` for a crash,
    /// else the analyzers' first cause.
    static func detail(_ pods: [PodEvidence], _ reason: String?, _ top: DiagnosisFinding?, in e: DiagnosisEvidence) -> String {
        if reason == PodFailure.crashLoop || reason == PodFailure.oomKilled {
            let crashed = pods.flatMap { pod in (pod.initContainers + pod.containers).map { (pod, $0) } }
                .filter { $0.1.lastTermination != nil }
                .max { $0.1.restartCount < $1.1.restartCount }
            if let (pod, container) = crashed, let t = container.lastTermination {
                var text = "exit \(t.exitCode)"
                if reason == PodFailure.oomKilled {
                    // Killed from outside: its log says nothing about why.
                    return text + ": killed at its memory limit" + (Self.memoryLimit(of: container.name, in: e).map { " of \($0)" } ?? "")
                }
                if let line = AnalyzerSupport.explainingLine(AnalyzerSupport.crashLog(e, pod: pod.name, container: container.name)) {
                    text += ": " + ClusterText.sanitize(line, maxLength: 120)
                } else if let why = t.reason, !why.isEmpty {
                    text += " (\(why))"
                }
                return text
            }
        }
        if let reason, ImagePullAnalyzer.reasons.contains(reason) {
            // `Back-off pulling image "x": ErrImagePull: rpc error: … : not found`: the registry's last word.
            let waiting = pods.flatMap { $0.initContainers + $0.containers }.first { $0.state?.waitingReason == reason }
            if let waiting, case .waiting(_, let message?) = waiting.state,
               let last = message.components(separatedBy: ": ").last, !last.isEmpty {
                return ClusterText.sanitize("image \(waiting.image ?? "?"): \(last)", maxLength: 160)
            }
        }
        return top.map { ClusterText.sanitize($0.cause, maxLength: 240) } ?? "no cause found"
    }
}

/// What the new pods say about a rollout.
public enum RolloutHealthVerdict: Equatable, Sendable {
    /// Not certain yet: keep waiting.
    case undecided
    case failed(RolloutFailure)
}

/// How many new pods failed in one way (`CrashLoopBackOff`).
public struct PodFailureCount: Equatable, Sendable {
    public var reason: String
    public var pods: Int

    public init(reason: String, pods: Int) {
        self.reason = reason
        self.pods = pods
    }

    static func list(_ counts: [(reason: String, pods: Int)]) -> [PodFailureCount] {
        counts.map { PodFailureCount(reason: $0.reason, pods: $0.pods) }
    }
}

/// The states in which a new pod has failed for good, as far as a rollout is concerned.
public enum PodFailure {
    public static let crashLoop = "CrashLoopBackOff"
    public static let oomKilled = "OOMKilled"
    public static let unschedulable = "Unschedulable"
    public static let failingReadiness = "failing its readiness probe"
    public static let notReadyAtDeadline = "not ready by the progress deadline"

    /// Waiting reasons the kubelet only reports after it has tried and is backing off, or
    /// when the pod spec itself is wrong: none of them clears without a change.
    static let stuckWaiting: Set<String> = [
        "CrashLoopBackOff", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "CreateContainerConfigError",
        "CreateContainerError", "RunContainerError",
    ]

    /// Why `pod` has failed for good, in the kubelet's or scheduler's word; nil while it may
    /// still come up.
    public static func reason(of pod: PodEvidence, in e: DiagnosisEvidence, probeFailures: Int) -> String? {
        for c in pod.initContainers + pod.containers {
            if c.lastTermination?.reason == "OOMKilled" { return oomKilled }
            if let waiting = c.state?.waitingReason, stuckWaiting.contains(waiting) { return waiting }
        }
        if let scheduled = pod.condition("PodScheduled"), scheduled.isFalse, scheduled.reason == "Unschedulable" {
            return unschedulable
        }
        let running = pod.containers.contains { if case .running = $0.state { true } else { false } }
        if running {
            let failures = e.events(about: "Pod", pod.name)
                .filter { $0.isWarning && $0.reason == "Unhealthy" && $0.message.hasPrefix("Readiness probe") }
                .reduce(0) { $0 + $1.count }
            if failures >= probeFailures { return failingReadiness }
        }
        return nil
    }
}
