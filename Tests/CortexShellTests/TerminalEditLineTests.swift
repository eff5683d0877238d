import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Glibc
import Synchronization
import Testing

/// An ``EditLineReader`` on a fresh pseudo-terminal, reading on a thread of its own until
/// the end of input (remembering every line, as the session does) while the test types.
private final class ReaderOnTerminal: Sendable {
    let inputs = Mutex<[LineInput]>([])
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
        try terminal.send("status of api\r")
        try terminal.expect("test> ")
        try terminal.send("\u{04}")
        #expect(reader.finish(terminal) == [.line("status of api"), .endOfInput])
    }

    @Test func upArrowRecallsThePreviousLine() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try terminal.send("restart web\r")
        try terminal.expect("test> ")
        try terminal.send("status\r")
        try terminal.expect("test> ")
        try terminal.send("\u{1b}[A\u{1b}[A\r")
        try terminal.expect("test> ")
        try terminal.send("\u{04}")
        #expect(reader.finish(terminal) == [.line("restart web"), .line("status"), .line("restart web"), .endOfInput])
        #expect(reader.history.withLock { $0 } == ["restart web", "status", "restart web"])
    }

    /// libedit redraws only what changed, so the completed line is checked where it ends
    /// up: in what the reader returns. Keys are handled in order, so they can go at once.
    @Test func tabCompletesVerbsEnvironmentsAndServices() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try terminal.send("resta\tsec\tin stag\t\r")
        try terminal.expect("test> ")
        try terminal.send("use st\t\r")
        try terminal.expect("test> ")
        try terminal.send("zzz\t\r")
        try terminal.expect("test> ")
        try terminal.send("\u{04}")
        #expect(reader.finish(terminal) == [
            .line("restart security-worker in staging "), .line("use staging "), .line("zzz"), .endOfInput,
        ])
    }

    @Test func secondTabListsTheCandidates() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try terminal.send("restart we")
        try terminal.expect("we")
        try terminal.send("\t")
        try terminal.drain()
        try terminal.send("\t")
        let listing = try terminal.expect("web-admin")
        #expect(listing.contains("web "))
        #expect(!listing.contains("api"))
        try terminal.send("\u{03}")
        try terminal.expect("test> ")
        try terminal.send("\u{04}")
        #expect(reader.finish(terminal) == [.interrupted, .endOfInput])
    }

    @Test func ctrlCDropsTheLineAndTheReaderGoesOn() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try terminal.send("delete everything")
        try terminal.expect("everything")
        try terminal.send("\u{03}")
        try terminal.expect("^C")
        try terminal.expect("test> ")
        try terminal.send("\u{03}")
        try terminal.expect("test> ")
        try terminal.send("status\r")
        try terminal.expect("test> ")
        try terminal.send("\u{04}")
        #expect(reader.finish(terminal) == [.interrupted, .interrupted, .line("status"), .endOfInput])
    }

    @Test func theInterruptCharacterIsBackOnceTheReadEnds() throws {
        let terminal = try PseudoTerminal()
        let probe = try terminal.openTerminalSide()
        defer { close(probe) }
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try #expect(interruptCharacter(probe) == nil)
        try terminal.send("\u{04}")
        _ = reader.finish(terminal)
        try #expect(interruptCharacter(probe) == 3)
    }

    /// The terminal's VINTR character, nil when disabled.
    private func interruptCharacter(_ fd: Int32) throws -> UInt8? {
        var settings = termios()
        try #require(tcgetattr(fd, &settings) == 0)
        let c = withUnsafeBytes(of: settings.c_cc) { $0[Int(VINTR)] }
        return c == 0 ? nil : c
    }

    @Test func utf8InputArrivesIntact() throws {
        let terminal = try PseudoTerminal()
        let reader = try ReaderOnTerminal.start(on: terminal)
        try terminal.expect("test> ")
        try terminal.send("use stäging ✓\r")
        try terminal.expect("test> ")
        try terminal.send("\u{04}")
        #expect(reader.finish(terminal) == [.line("use stäging ✓"), .endOfInput])
    }

    @Test func historyPersistsAcrossReadersWithoutSecrets() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = HistoryFile(path: dir.file("state/cortex/history"), limit: 3)

        let first = try PseudoTerminal()
        let one = try ReaderOnTerminal.start(on: first, history: file)
        for line in ["status", "deploy api token=abc", "restart web", "use staging", "help"] {
            try first.expect("test> ")
            try first.send(line + "\r")
        }
        try first.expect("test> ")
        try first.send("\u{04}")
        #expect(one.finish(first).count == 6)
        #expect(try file.load() == ["restart web", "use staging", "help"])

        let second = try PseudoTerminal()
        let two = try ReaderOnTerminal.start(on: second, history: file)
        try second.expect("test> ")
        try second.send("\u{1b}[A\u{1b}[A\r")
        try second.expect("test> ")
        try second.send("\u{04}")
        #expect(two.finish(second) == [.line("use staging"), .endOfInput])
        #expect(try String(contentsOfFile: file.path, encoding: .utf8) == "use staging\nhelp\nuse staging\n")
    }
}
