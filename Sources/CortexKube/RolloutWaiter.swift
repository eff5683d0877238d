public import CortexCore

/// Waits for a rollout by polling the Deployment and judging it with `RolloutStatus`.
///
/// The client-side `timeout` is separate from the controller's progress deadline: when it
/// passes, the rollout goes on in the cluster and the outcome says so. Cancellation (Ctrl-C)
/// stops the waiting, never the rollout.
public struct RolloutWaiter: Sendable {
    public var timeout: Duration
    public var pollInterval: Duration
    public let clock: any WaitingClock

    public init(timeout: Duration = .seconds(300), pollInterval: Duration = .seconds(1), clock: any WaitingClock) {
        self.timeout = timeout
        self.pollInterval = pollInterval
        self.clock = clock
    }

    /// How the waiting ended.
    public enum Outcome: Equatable, Sendable {
        case complete(Deployment)
        /// `ProgressDeadlineExceeded` or a revision mismatch; the message says which.
        case failed(String, Deployment)
        /// Still not done after `timeout`; carries the last progress message.
        case timedOut(String)
        case cancelled(String)
        case deleted
        /// The health judge found the new pods failing for certain.
        case unhealthy(RolloutFailure, Deployment)
    }

    /// Polls `fetch` until the rollout completes, fails, the time is up or `cancellation` fires.
    /// `progress` hears each new message once.
    public func wait(
        cancellation: any CancellationSignal = NeverCancelled(), revision: Int? = nil,
        fetch: () throws(CortexError) -> Deployment?, health: ((Deployment) throws(CortexError) -> RolloutFailure?)? = nil,
        progress: (String) -> Void
    ) throws(CortexError) -> Outcome {
        let deadline = clock.now() + timeout
        var last = ""
        while true {
            if cancellation.isCancelled { return .cancelled(last) }
            guard let deployment = try fetch() else { return .deleted }
            let state = RolloutStatus.evaluate(deployment, revision: revision)
            if state.message != last {
                last = state.message
                progress(last)
            }
            switch state {
            case .complete: return .complete(deployment)
            case .failed(let m): return .failed(m, deployment)
            case .waiting:
                if let health, let failure = try health(deployment) { return .unhealthy(failure, deployment) }
            }
            let left = deadline - clock.now()
            if left <= .zero { return .timedOut(last) }
            clock.sleep(for: min(pollInterval, left), cancellation: cancellation)
        }
    }
}
