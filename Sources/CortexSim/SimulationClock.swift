public import Foundation

/// The time a simulated cluster lives in. `wall` reads the system clock; a manual clock
/// stands still until `advance(by:)` moves it, so that a replay sees the same times, the
/// same rollout steps and the same generated names on every run.
public final class SimulationClock: Sendable {
    private let manual: LockedBox<Date>?

    private init(manual: LockedBox<Date>?) {
        self.manual = manual
    }

    /// The system clock.
    public static var wall: SimulationClock { SimulationClock(manual: nil) }

    /// A clock that reads `start` until it is advanced.
    public convenience init(startingAt start: Date) {
        self.init(manual: LockedBox(start))
    }

    /// Whether time moves only when `advance(by:)` is called.
    public var isManual: Bool { manual != nil }

    public func now() -> Date {
        manual?.withValue { $0 } ?? Date()
    }

    /// Moves a manual clock forward; does nothing to the wall clock.
    public func advance(by seconds: Double) {
        manual?.withValue { $0 = $0.addingTimeInterval(seconds) }
    }
}

/// Generated names and uids: random, or (with a seed) the same sequence on every run.
final class SimulationNames {
    private var state: UInt64?

    init(seed: UInt64?) {
        state = seed
    }

    /// A generator that goes on from where this one is, independently of it.
    func copy() -> SimulationNames { SimulationNames(seed: state) }

    /// Five characters from the API server's alphabet for generated names.
    func suffix() -> String {
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String((0..<5).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] })
    }

    /// A uid in the usual 8-4-4-4-12 shape.
    func uid() -> String {
        guard state != nil else { return UUID().uuidString.lowercased() }
        let hex = String(next(), radix: 16).leftPadded(16) + String(next(), radix: 16).leftPadded(16)
        let c = Array(hex)
        return [c[0..<8], c[8..<12], c[12..<16], c[16..<20], c[20..<32]].map { String($0) }.joined(separator: "-")
    }

    /// SplitMix64 when seeded, the system generator otherwise.
    private func next() -> UInt64 {
        guard var z = state else {
            var generator = SystemRandomNumberGenerator()
            return generator.next()
        }
        z &+= 0x9E37_79B9_7F4A_7C15
        state = z
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
