import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Testing

/// An ``EditLineReader`` on a fresh pseudo-terminal, reading on a thread of its own until
/// the end of input (remembering every line, as the session does) while the test types.
private final class ReaderOnTerminal: Sendable {
    let inputs = Mutex<[LineInput]>([])
    let readsStarted = Atomic<Int>(0)
    let history = Mutex<[String]>([])
    let finished = DispatchSemaphore(value: 0)

    static let vocabulary = CompletionVocabulary(
        verbs: ["deploy", "restart", "scale", "status"],
        services: ["api", "security-worker", "web", "web-admin"])

    /// Starts the reader; `terminal` is where the test types and reads.
    static func start(on terminal: PseudoTerminal, history file: HistoryFile? = nil) throws -> ReaderOnTerminal {
        let session = ReaderOnTerminal()
        let side = try terminal.openTerminalSide()
        let thread = Thread {
            let reader = EditLineReader(history: file, input: side, output: side)
            reader.setCompletionVocabulary(vocabulary)
            while true {
                session.readsStarted.add(1, ordering: .sequentiallyConsistent)
                let input = reader.readLine(prompt: "test> ")
                session.inputs.withLock { $0.append(input) }
                if case .line(let line) = input { reader.remember(line) }
                if input == .endOfInput { break }
            }
            session.history.withLock { $0 = reader.history }
            close(side)
            session.finished.signal()
        }
        thread.start()
        return session
    }

    /// Reads the keys typed so far will end (Enter, Ctrl-C, Ctrl-D on an empty line).
    let readsEnded = Mutex(0)

    /// Types `keys` once the reader is waiting for them: every read the keys typed before
    /// end has returned, the next has started, and libedit has put the terminal in raw mode.
    /// Keys typed earlier would reach the terminal while it is in line mode.
    func type(_ keys: String, on terminal: PseudoTerminal) throws {
        let ended = readsEnded.withLock { $0 }
        let deadline = ContinuousClock.now + .seconds(15)
        while true {
            let done = inputs.withLock { $0.count }
            if done >= ended, readsStarted.load(ordering: .sequentiallyConsistent) == done + 1 { break }
            guard ContinuousClock.now < deadline else { throw PseudoTerminalError("the reader never waited for keys") }
            try terminal.drain(for: .milliseconds(10))
        }
        try terminal.waitForRawMode()
        readsEnded.withLock { $0 += keys.unicodeScalars.filter { ["\r", "\u{03}", "\u{04}"].contains($0) }.count }
        try terminal.send(keys)
    }

    /// Waits for the reader to reach the end of input; closing the terminal unblocks it
    /// when a test failed halfway.
    func finish(_ terminal: PseudoTerminal) -> [LineInput] {
        if finished.wait(timeout: .now() + 15) == .timedOut {
            terminal.close()
            _ = finished.wait(timeout: .now() + 15)
        }
        return inputs.withLock { $0 }
    }
}

/// libedit keeps one editor per process: these tests take turns.
@Suite(.serialized) struct TerminalEditLineTests {
    @Test func promptLinesAndEndOfInput() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try reader.type("status of api\r", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [.line("status of api"), .endOfInput])
        try terminal.drain()
        #expect(terminal.output.components(separatedBy: "test> ").count >= 3)
    }

    @Test func upArrowRecallsThePreviousLine() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try reader.type("restart web\r", on: terminal)
        try reader.type("status\r", on: terminal)
        try reader.type("\u{1b}[A\u{1b}[A\r", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [.line("restart web"), .line("status"), .line("restart web"), .endOfInput])
        #expect(reader.history.withLock { $0 } == ["restart web", "status", "restart web"])
    }

    /// libedit redraws only what changed, so the completed line is checked where it ends
    /// up: in what the reader returns. Keys are handled in order, so they can go at once.
    @Test func tabCompletesVerbsEnvironmentsAndServices() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try reader.type("resta\tsec\tin stag\t\r", on: terminal)
        try reader.type("use st\t\r", on: terminal)
        try reader.type("zzz\t\r", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [
            .line("restart security-worker in staging "), .line("use staging "), .line("zzz"), .endOfInput,
        ])
    }

    @Test func secondTabListsTheCandidates() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try reader.type("restart we\t", on: terminal)
        try terminal.drain()
        try reader.type("\t", on: terminal)
        let listing = try terminal.expect("web-admin")
        #expect(listing.contains("web "))
        #expect(!listing.contains("api"))
        try reader.type("\u{03}", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [.interrupted, .endOfInput])
    }

    @Test func ctrlCDropsTheLineAndTheReaderGoesOn() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try reader.type("delete everything", on: terminal)
        try terminal.expect("everything")
        try reader.type("\u{03}", on: terminal)
        try terminal.expect("^C")
        try terminal.expect("test> ")
        try reader.type("\u{03}", on: terminal)
        try reader.type("status\r", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [.interrupted, .interrupted, .line("status"), .endOfInput])
    }

    @Test func theInterruptCharacterIsBackOnceTheReadEnds() throws {
        let terminal = try PseudoTerminal()
        #expect(try terminal.interruptCharacter() == 3)
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try terminal.waitForRawMode()
        #expect(try terminal.interruptCharacter() == nil)
        try reader.type("\u{04}", on: terminal)
        _ = reader.finish(terminal)
        #expect(try terminal.interruptCharacter() == 3)
    }

    @Test func utf8InputArrivesIntact() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try reader.type("use stäging ✓\r", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [.line("use stäging ✓"), .endOfInput])
    }

    @Test func historyPersistsAcrossReadersWithoutSecrets() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HistoryFile(path: dir.file("state/cortex/history"), limit: 3)

        let first = try PseudoTerminal()
        let one = try ReaderOnTerminal.start(on: first, history: file)
        for line in ["status", "deploy api token=abc", "restart web", "use staging", "help"] {
            try one.type(line + "\r", on: first)
        }
        try one.type("\u{04}", on: first)
        #expect(one.finish(first).count == 6)
        #expect(try file.load() == ["restart web", "use staging", "help"])

        let second = try PseudoTerminal()
        let two = try ReaderOnTerminal.start(on: second, history: file)
        try two.type("\u{1b}[A\u{1b}[A\r", on: second)
        try two.type("\u{04}", on: second)
        #expect(two.finish(second) == [.line("use staging"), .endOfInput])
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "use staging\nhelp\nuse staging\n")
    }

    @Test func aHistoryFileThatCannotBeWrittenIsReportedOnceAndTheSessionGoesOn() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try #require(FileManager.default.createFile(atPath: dir.file("blocker"), contents: Data()))
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal, history: HistoryFile(path: dir.file("blocker/history")))
        try terminal.expect("Not a directory")
        try terminal.expect("history is not saved")
        try reader.type("status\r", on: terminal)
        try reader.type("help\r", on: terminal)
        try reader.type("\u{1b}[A\u{1b}[A\r", on: terminal)
        try reader.type("\u{04}", on: terminal)
        #expect(reader.finish(terminal) == [.line("status"), .line("help"), .line("status"), .endOfInput])
        try terminal.drain()
        #expect(terminal.output.components(separatedBy: "history is not saved").count == 2)
    }
}
