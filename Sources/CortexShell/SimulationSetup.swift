public import CortexCore
public import CortexSim
public import Foundation

/// The simulated cluster cortex starts when no kubeconfig is found (or with `--cluster
/// sim`), and the time and ids of the whole run.
public struct SimulationSetup: Sendable {
    /// What the new cluster holds.
    public var seed: ClusterSeed
    /// How fast its rollouts progress against the waiting clock.
    public var pace: SimulationPace
    /// The clock every module reads, and how new ids are made.
    public var time: RunTime
    /// Whether the cluster also serves the Kubernetes API on a loopback port (for kubectl and
    /// other clients; the banner names it). cortex's own requests reach it in process either way.
    public var listens: Bool

    public init(seed: ClusterSeed = .standard, pace: SimulationPace = .brisk, time: RunTime = .system, listens: Bool = true) {
        self.seed = seed
        self.pace = pace
        self.time = time
        self.listens = listens
    }
}

/// Where a run reads the time and gets new ids: the system clock and random ids, or (for
/// transcripts) a clock that stands still except while a rollout is waited for, with ids
/// counted from one. With a fixed clock a run prints the same text every time.
public struct RunTime: Sendable {
    public let clock: SimulationClock
    private let origin: Date

    private init(clock: SimulationClock) {
        self.clock = clock
        origin = clock.now()
    }

    /// The system clock, random session and approval ids.
    public static var system: RunTime { RunTime(clock: .wall) }

    /// A clock that starts at `start` and moves only when the run waits (by exactly the
    /// time waited, without sleeping), and ids counted from one.
    public static func fixed(at start: Date) -> RunTime { RunTime(clock: SimulationClock(startingAt: start)) }

    public var isFixed: Bool { clock.isManual }

    /// The current time.
    public var now: @Sendable () -> Date { { [clock] in clock.now() } }

    /// The audit log's session id: random, or `transcript` for a fixed clock.
    public func sessionID() -> String {
        isFixed ? "transcript" : AuditIdentity.newSessionID()
    }

    /// Who is at the keyboard: the real user and host, or `operator@transcript` for a fixed clock.
    public func actor(environment: [String: String]) -> AuditActor {
        isFixed ? AuditActor(user: "operator", host: "transcript") : AuditIdentity.current(environment: environment)
    }

    /// Makes approval request ids: random, or `00000001`, `00000002`, … for a fixed clock.
    public func approvalIDs() -> () -> String {
        guard isFixed else { return FileApprovalStore.newID }
        let counter = Counter()
        return {
            counter.value += 1
            let digits = String(counter.value, radix: 16)
            return String(repeating: "0", count: max(0, 8 - digits.count)) + digits
        }
    }

    /// The clock a dispatcher waits on: the system's, or for a fixed clock one whose
    /// `sleep` moves the time on and lets `settle` (the simulated cluster's controllers)
    /// catch up, so that a rollout is waited for in no time at all.
    public func waitingClock(settle: @escaping @Sendable () -> Void) -> any WaitingClock {
        isFixed ? AdvancingClock(clock: clock, origin: origin, settle: settle) : SystemWaitingClock()
    }

    private final class Counter {
        var value = 0
    }
}

/// A waiting clock over a manual `SimulationClock`: sleeping advances it.
struct AdvancingClock: WaitingClock {
    let clock: SimulationClock
    let origin: Date
    let settle: @Sendable () -> Void

    func now() -> Duration {
        .nanoseconds(Int64((clock.now().timeIntervalSince(origin) * 1e9).rounded()))
    }

    func sleep(for duration: Duration, cancellation: any CancellationSignal) {
        let (seconds, attoseconds) = duration.components
        clock.advance(by: Double(seconds) + Double(attoseconds) / 1e18)
        settle()
    }
}
