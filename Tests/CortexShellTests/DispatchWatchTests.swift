import CortexCore
import CortexShell
import CortexTestSupport
import Synchronization
import Testing

/// Reports progress through the observer, and whether it was asked to stop waiting.
struct ProgressingDispatcher: Dispatcher {
    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        ResolvedOperation(operation: operation, environment: environment)
    }
    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        DispatchReport(lines: ["no observer"])
    }
    func dispatch(_ resolved: ResolvedOperation, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        observer.progress("1 of 3 replicas ready")
        observer.progress("3 of 3 replicas ready")
        return DispatchReport(lines: [observer.cancellation.isCancelled ? "stopped waiting" : "done"])
    }
}

/// Records what the pipeline does with the watch.
final class RecordingWatch: DispatchWatch, Sendable {
    let events = Mutex<[String]>([])
    let cancelled: Bool
    init(cancelled: Bool = false) { self.cancelled = cancelled }

    func begin() -> (observer: DispatchObserver, end: @Sendable () -> Void) {
        let flag = CancellationFlag()
        if cancelled { flag.cancel() }
        events.withLock { $0.append("begin") }
        return (DispatchObserver(progress: { m in self.events.withLock { $0.append(m) } }, cancellation: flag),
                { self.events.withLock { $0.append("end") } })
    }
}

@Suite struct DispatchWatchTests {
    func run(_ watch: RecordingWatch) -> OutputBuffer {
        let out = OutputBuffer()
        let pipeline = Pipeline(understander: TableUnderstander(table: ["status": Operation(.status)]),
                                dispatcher: ProgressingDispatcher(), output: out, safeguards: TestSafeguards().make(), watch: watch)
        #expect(pipeline.handle("status", source: .repl, state: SessionState(), reader: nil) == .success)
        return out
    }

    @Test func progressReachesTheWatchBetweenBeginAndEnd() {
        let watch = RecordingWatch()
        let out = run(watch)
        #expect(watch.events.withLock { $0 } == ["begin", "1 of 3 replicas ready", "3 of 3 replicas ready", "end"])
        #expect(out.out.hasSuffix("done\n"))
    }

    @Test func cancellationFromTheWatchReachesTheDispatcher() {
        let out = run(RecordingWatch(cancelled: true))
        #expect(out.out.hasSuffix("stopped waiting\n"))
    }
}
