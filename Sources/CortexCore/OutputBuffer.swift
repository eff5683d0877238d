import Synchronization

/// An output sink that keeps what was written in memory: standard output and error apart
/// and interleaved. Replays compare it with the expected text; tests assert on it.
public final class OutputBuffer: OutputSink, Sendable {
    private let state = Mutex<(out: String, err: String, all: String)>(("", "", ""))

    public init() {}

    public func write(_ text: String) { state.withLock { $0.out += text; $0.all += text } }
    public func writeError(_ text: String) { state.withLock { $0.err += text; $0.all += text } }

    /// What went to standard output.
    public var out: String { state.withLock { $0.out } }
    /// What went to standard error.
    public var err: String { state.withLock { $0.err } }
    /// Both, in the order written.
    public var all: String { state.withLock { $0.all } }
}
