import FoundationEssentials

/// What several analyzers need: which pods are failing in which revision, a rollback to a
/// revision that works, the log line that explains a crash.
enum AnalyzerSupport {
    /// Pods grouped by problem, limited to a few names for the evidence.
    static let podsShown = 3
    /// A revision younger than this counts as the change that may have broken things.
    static let recentChange: Double = 3600

    /// The revision a failing pod belongs to, when known.
    static func revision(of pod: PodEvidence, in e: DiagnosisEvidence) -> RevisionEvidence? {
        e.revisions.first { e.pods(of: $0).contains(pod) }
    }

    /// A rollback fix when the failing pods run the newest revision and an older revision
    /// works (has ready pods now, or was the one rolled out before). Nil otherwise.
    static func rollback(for failing: [PodEvidence], in e: DiagnosisEvidence, because why: String) -> SuggestedFix? {
        guard let workload = e.workload, workload.ref.kind != "DaemonSet" || !e.revisions.isEmpty,
              let current = e.currentRevision,
              !failing.isEmpty, failing.allSatisfy({ revision(of: $0, in: e)?.number == current.number })
        else { return nil }
        let previous = e.previousRevisions
        guard let target = previous.first(where: { $0.readyReplicas > 0 }) ?? previous.first else { return nil }
        // Rolling back helps when the older revision still serves or the failing one is a
        // recent change; a revision that ran for long failing now points elsewhere (a
        // dependency, capacity), and an older template would not fix that.
        let recent = current.createdAt.map { e.gatheredAt.timeIntervalSince($0) <= recentChange } ?? false
        guard target.readyReplicas > 0 || recent else { return nil }
        let serving = target.readyReplicas > 0 ? ", which still serves \(target.readyReplicas) ready pod\(target.readyReplicas == 1 ? "" : "s")" : ""
        let image = target.images.first.map { " (\($0))" } ?? ""
        var op = Operation(.rollback, service: e.subject.name, environment: e.environment, revision: target.number)
        // Named only where it is not the default, as a sentence would name it.
        if e.subject.kind != "Deployment" { op.kind = WorkloadKind(apiKind: e.subject.kind) }
        return SuggestedFix(op, "\(why); revision \(target.number)\(image) is the one before\(serving)")
    }

    /// The line of a log that best explains a crash: the last line that reads like an error,
    /// else the last non-empty line.
    static func explainingLine(_ log: LogEvidence?) -> String? {
        guard let log else { return nil }
        let lines = log.lines.map(\.trimmedWhitespace).filter { !$0.isEmpty }
        let markers = ["fatal", "panic", "error", "exception", "traceback", "not set", "refused", "denied", "cannot", "can't",
                       "failed", "missing", "no such", "not found", "killed", "out of memory", "invalid"]
        if let line = lines.last(where: { line in
            let lower = line.lowercased()
            return markers.contains { lower.contains($0) }
        }) { return line }
        return lines.last
    }

    /// The log lines of a container to quote: the previous instance's (the one that crashed)
    /// when it was read, else the current one's.
    static func crashLog(_ e: DiagnosisEvidence, pod: String, container: String) -> LogEvidence? {
        e.log(pod: pod, container: container, previous: true) ?? e.log(pod: pod, container: container, previous: false)
    }

    /// `pod-a, pod-b and 3 more`.
    static func names(_ pods: [PodEvidence]) -> String {
        let shown = pods.prefix(podsShown).map(\.name)
        let rest = pods.count - shown.count
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }

    static func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }

    /// `exit 1 (Error)`, `exit 137 (OOMKilled, signal 9)`.
    static func describe(_ t: Termination) -> String {
        var parts: [String] = []
        if let reason = t.reason, !reason.isEmpty { parts.append(reason) }
        if let signal = t.signal, signal != 0 { parts.append("signal \(signal)") }
        return "exit \(t.exitCode)" + (parts.isEmpty ? "" : " (\(parts.joined(separator: ", ")))")
    }

    /// Warning events about one object with one of `reasons`, newest last.
    static func warnings(_ e: DiagnosisEvidence, about object: ObjectRef, reasons: Set<String>) -> [EventEvidence] {
        e.events(about: object.kind, object.name).filter { reasons.contains($0.reason) }
    }

    static func eventLine(_ event: EventEvidence) -> EvidenceLine {
        EvidenceLine(event.object, .event(reason: event.reason, count: event.count), event.message, at: event.lastSeen)
    }
}
