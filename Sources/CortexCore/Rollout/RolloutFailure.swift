public import FoundationEssentials

/// A rollout that has failed for certain, as `RolloutHealthJudge` found it: which revision,
/// how many new pods failed and how, when the trouble began, and the change that undoes it
/// (a rollback to the revision before, or the abort of a canary).
public struct RolloutFailure: Equatable, Sendable {
    /// The service as the operator names it (a canary's stable workload).
    public var service: String
    /// The workload that failed: the service itself, or `<service>-canary`.
    public var workload: String
    public var environment: String
    /// The failing revision.
    public var revision: Int
    /// The new version's tag (`v2`), else `revision 3`.
    public var version: String
    public var newPods: Int
    /// New pods by the way they failed, most first.
    public var failing: [PodFailureCount]
    /// Exit code and log line of a crash, else the analyzers' cause; cluster text, sanitised.
    public var detail: String
    /// The analyzers' first cause, sanitised.
    public var cause: String
    /// When the new pods first showed trouble (the first crash, pull failure, probe failure).
    public var firstFailureAt: Date?
    /// When the failure was certain.
    public var detectedAt: Date
    /// The change that undoes it; nil when there is nothing to go back to.
    public var remedy: Operation?
    /// `revision 1 (ghcr.io/acme/payments:2.3.1)`: where the remedy goes back to.
    public var remedyTarget: String?
    public var isCanary: Bool

    public init(service: String, workload: String, environment: String, revision: Int, version: String, newPods: Int,
                failing: [PodFailureCount], detail: String, cause: String, firstFailureAt: Date?, detectedAt: Date,
                remedy: Operation?, remedyTarget: String?, isCanary: Bool = false) {
        self.service = service
        self.workload = workload
        self.environment = environment
        self.revision = revision
        self.version = version
        self.newPods = newPods
        self.failing = failing
        self.detail = detail
        self.cause = cause
        self.firstFailureAt = firstFailureAt
        self.detectedAt = detectedAt
        self.remedy = remedy
        self.remedyTarget = remedyTarget
        self.isCanary = isCanary
    }

    /// `payments v2 failed in staging: 3 of 3 new pods CrashLoopBackOff (exit 1: DATABASE_URL is not set)`.
    public var headline: String {
        let who = isCanary ? "the canary of \(service) (\(version))" : "\(service) \(version)"
        let how = failing.enumerated().map { i, f in
            i == 0 ? "\(f.pods) of \(newPods) new pod\(newPods == 1 ? "" : "s") \(f.reason)" : "\(f.pods) \(f.reason)"
        }.joined(separator: ", ")
        return "\(who) failed in \(environment): \(how) (\(detail))"
    }

    /// How long after the first trouble the failure was certain: `3s after the first
    /// crash`; nil when the start is unknown.
    public var detectionDelay: String? {
        guard let first = firstFailureAt else { return nil }
        return "certain \(RolloutFailure.seconds(detectedAt.timeIntervalSince(first))) after the first \(firstTroubleWord)"
    }

    /// What the first trouble was called: crash, failed pull, failed probe.
    var firstTroubleWord: String {
        switch failing.first?.reason {
        case PodFailure.crashLoop?: "crash"
        case PodFailure.oomKilled?: "out-of-memory kill"
        case "ImagePullBackOff"?, "InvalidImageName"?, "ErrImageNeverPull"?: "failed pull"
        case PodFailure.unschedulable?: "failed scheduling"
        case PodFailure.failingReadiness?: "failed probe"
        default: "failure"
        }
    }

    /// The sentence for a remedy that brought the workload back, `at` the moment it was
    /// healthy again: `payments in staging is back on revision 1 (…), healthy 6s after the
    /// first crash`.
    public func recovered(at: Date) -> String {
        let place = "\(service) in \(environment)"
        let back = isCanary ? "\(place) runs only its stable version again" : "\(place) is back on the version of \(remedyTarget ?? "the previous revision")"
        guard let first = firstFailureAt else { return "\(back), healthy" }
        return "\(back), healthy \(RolloutFailure.seconds(at.timeIntervalSince(first))) after the first \(firstTroubleWord)"
    }

    static func seconds(_ interval: Double) -> String { SpokenDuration.text(seconds: interval) }
}

/// A length of time in words: whole seconds below two minutes (`7 seconds`), else minutes
/// and seconds (`2 minutes`, `3 minutes 5 seconds`). Words rather than `7s`, so that a
/// transcript compares the figure itself instead of normalising it away.
public enum SpokenDuration {
    public static func text(seconds interval: Double) -> String {
        let total = max(0, Int(interval.rounded()))
        func unit(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
        guard total >= 120 else { return unit(total, "second") }
        return unit(total / 60, "minute") + (total % 60 == 0 ? "" : " " + unit(total % 60, "second"))
    }

    public static func text(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        return text(seconds: Double(seconds) + Double(attoseconds) / 1e18)
    }
}
