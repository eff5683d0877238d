public import CortexCore
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Watches one dispatch for the operator: shows its progress and turns Ctrl-C into "stop
/// waiting" (the change already sent is not undone).
public protocol DispatchWatch: Sendable {
    /// Starts watching; the observer goes to the dispatcher, `end` is called when it returns.
    func begin() -> (observer: DispatchObserver, end: @Sendable () -> Void)
}

/// Shows nothing and never cancels: replays and tests.
public struct SilentDispatchWatch: DispatchWatch {
    public init() {}
    public func begin() -> (observer: DispatchObserver, end: @Sendable () -> Void) { (.silent, {}) }
}

/// Progress on standard error when it is a terminal: one line redrawn in place and erased
/// before the report. Piped or redirected, nothing: standard error then carries errors only,
/// and the report on standard output says how the change went. While the dispatch runs,
/// SIGINT sets the observer's cancellation instead of ending the process.
public struct ConsoleDispatchWatch: DispatchWatch {
    let console: StandardConsole
    let live: Bool

    public init(console: StandardConsole, live: Bool = StandardConsole.stderrIsTerminal) {
        self.console = console
        self.live = live
    }

    public func begin() -> (observer: DispatchObserver, end: @Sendable () -> Void) {
        let flag = CancellationFlag()
        let shown = ProgressLine(console: console, live: live)
        let interrupts = InterruptScope.begin {
            flag.cancel()
            shown.show("stopping the wait (the change itself goes on)...")
        }
        let observer = DispatchObserver(progress: { shown.show($0) }, cancellation: flag)
        return (observer, {
            interrupts.end()
            shown.finish()
        })
    }
}

/// Turns Ctrl-C (SIGINT) into a call of `onInterrupt` instead of the end of the process,
/// from `begin` until `end`: a wait or an LLM call in progress is cancelled, the shell lives on.
public final class InterruptScope: Sendable {
    private let source: SignalSource

    private init(_ source: SignalSource) { self.source = source }

    public static func begin(onInterrupt: @escaping @Sendable () -> Void) -> InterruptScope {
        signal(SIGINT, SIG_IGN)
        let source = SignalSource(DispatchSource.makeSignalSource(signal: SIGINT, queue: .global()))
        source.source.setEventHandler(handler: onInterrupt)
        source.source.resume()
        return InterruptScope(source)
    }

    /// Restores the default: Ctrl-C ends the process again.
    public func end() {
        source.source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}

/// The last progress message, drawn once in place on a terminal; nothing elsewhere.
final class ProgressLine: @unchecked Sendable {
    private let console: StandardConsole
    private let live: Bool
    private let lock = DispatchQueue(label: "cortex.progress")
    private var last: String?

    init(console: StandardConsole, live: Bool) {
        self.console = console
        self.live = live
    }

    func show(_ message: String) {
        lock.sync {
            guard live, message != last else { return }
            last = message
            // \r plus "erase to end of line" redraws the one line on a terminal.
            console.writeError("\r\u{1b}[K\(message)")
        }
    }

    func finish() {
        lock.sync {
            if live && last != nil { console.writeError("\r\u{1b}[K") }
            last = nil
        }
    }
}

/// A signal source handed to the closure that cancels it. Dispatch sources may be
/// cancelled from any thread; the type is only not marked Sendable.
private final class SignalSource: @unchecked Sendable {
    let source: any DispatchSourceSignal
    init(_ source: any DispatchSourceSignal) { self.source = source }
}
