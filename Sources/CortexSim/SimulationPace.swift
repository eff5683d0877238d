/// How fast simulated time runs: `speed` simulated seconds per wall-clock second.
///
/// Pods start in about two simulated seconds, and a Deployment's `progressDeadlineSeconds`
/// is measured in simulated seconds: at `speed: 60`, the default ten-minute deadline of a
/// rollout that cannot progress expires after ten wall-clock seconds. Object timestamps
/// stay on the wall clock.
public struct SimulationPace: Sendable, Equatable, CustomStringConvertible {
    public let speed: Double

    /// `speed` must be a positive, finite number; anything else falls back to 1.
    public init(speed: Double) {
        self.speed = speed.isFinite && speed > 0 ? speed : 1
    }

    /// Real time: a broken rollout fails after its full progress deadline.
    public static let realtime = SimulationPace(speed: 1)
    /// Ten times real time, for demonstrations.
    public static let brisk = SimulationPace(speed: 10)
    /// A hundred times real time, for tests that run real clients.
    public static let fast = SimulationPace(speed: 100)

    /// The wall-clock seconds that a number of simulated seconds take.
    func wallSeconds(_ simulated: Double) -> Double { simulated / speed }

    /// The simulated seconds that a wall-clock interval represents.
    func simulatedSeconds(_ wall: Double) -> Double { wall * speed }

    public var description: String { speed == speed.rounded() ? "\(Int(speed))x" : "\(speed)x" }
}
