public import CortexCore
import Foundation

/// The real monotonic clock; sleeps in short slices so that cancellation ends a wait quickly.
public struct SystemWaitingClock: WaitingClock {
    private let clock = ContinuousClock()
    private let origin: ContinuousClock.Instant

    public init() { origin = clock.now }

    public func now() -> Duration { origin.duration(to: clock.now) }

    public func sleep(for duration: Duration, cancellation: any CancellationSignal) {
        let end = now() + duration
        while !cancellation.isCancelled {
            let left = end - now()
            if left <= .zero { return }
            Thread.sleep(forTimeInterval: min(0.05, Double(left.components.seconds) + Double(left.components.attoseconds) / 1e18))
        }
    }
}

/// A cancellation flag that a signal handler or another thread sets and a transfer checks.
public final class CancellationFlag: CancellationSignal, @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    public func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
    }

    /// Clears the flag before the next command.
    public func reset() {
        lock.lock()
        cancelled = false
        lock.unlock()
    }
}
