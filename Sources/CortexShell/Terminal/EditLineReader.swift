import CEditLine
public import CortexCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The interactive reader: libedit's line editor with history, tab completion and Ctrl-C.
///
/// - History: entries from the ``HistoryFile`` are loaded at start; each accepted line is
///   added to libedit's list (Up/Down, Ctrl-R) and appended to the file, unless
///   ``HistoryFilter`` refuses it. A file that cannot be read or written is reported once
///   through `onHistoryProblem` and the session goes on without it.
/// - Ctrl-C: while the prompt waits, the terminal's interrupt character is switched off, so
///   Ctrl-C arrives as a key instead of a SIGINT. It is bound to a command that ends the
///   read; the typed text is dropped and ``LineInput/interrupted`` returned. After Ctrl-Z
///   and `fg` (the shell restores the interrupt character) it is switched off again. A
///   SIGINT that arrives while the prompt waits (`kill -INT`) ends the read the same way.
///   Outside the prompt the terminal and SIGINT are as the user had them.
/// - Ctrl-D on an empty line ends the input.
/// - When stdout is not a terminal, libedit draws on stderr, so editing stays on.
///
/// libedit keeps one editor per process: create one reader and keep it.
public final class EditLineReader: LineReader {
    public let isInteractive = true
    private let inputDescriptor: Int32
    private let file: HistoryFile?
    private var list: HistoryList
    /// Appended entries since the file was last bounded.
    private var fileEntries = 0
    private var persisting: Bool
    private let onHistoryProblem: (CortexError) -> Void

    /// - Parameters:
    ///   - history: where history is kept between runs; nil keeps it for this session only.
    ///   - historyLimit: entries kept in memory when `history` is nil.
    ///   - input: the terminal to read keys from (default: standard input).
    ///   - output: where the prompt and the edited line are drawn; nil means stdout when it
    ///     is a terminal, stderr otherwise.
    ///   - onHistoryProblem: told once when the history file cannot be read or written;
    ///     by default the problem is printed where the prompt is drawn.
    public init(
        history: HistoryFile? = nil,
        historyLimit: Int = HistoryFile.defaultLimit,
        input: Int32 = 0,
        output: Int32? = nil,
        onHistoryProblem: ((CortexError) -> Void)? = nil
    ) {
        inputDescriptor = input
        file = history
        persisting = history.map { $0.limit > 0 } ?? false
        self.onHistoryProblem = onHistoryProblem ?? { problem in
            cortex_rl_write("cortex: \(problem)\n")
        }
        list = HistoryList(limit: history?.limit ?? historyLimit)

        TerminalLocale.useUTF8()
        Self.configureEditor(input: input, output: output)
        stifle_history(Int32(list.limit))
        loadHistory()
    }

    public func readLine(prompt: String) -> LineInput {
        interruptRequested.store(false, ordering: .sequentiallyConsistent)
        var saved = termios()
        let quieted = cortex_tty_disable_intr(inputDescriptor, &saved) == 0
        var previousHandlers = [sigaction(), sigaction()]
        let catching = cortex_prompt_signals_catch(inputDescriptor, &previousHandlers) == 0
        let raw = readline(prompt)
        let signalled = catching && cortex_sigint_was_seen() != 0
        if catching { cortex_prompt_signals_release(previousHandlers) }
        if quieted { _ = cortex_tty_restore(inputDescriptor, &saved) }
        guard let raw else {
            if signalled || interruptRequested.load(ordering: .sequentiallyConsistent) {
                cortex_rl_write("^C\n")
                return .interrupted
            }
            cortex_rl_write("\n")
            return .endOfInput
        }
        defer { free(raw) }
        return .line(String(cString: raw))
    }

    public func remember(_ line: String) {
        guard let entry = list.add(line) else { return }
        add_history(entry)
        guard persisting, let file else { return }
        do throws(CortexError) {
            try file.append(entry)
            fileEntries += 1
            if fileEntries > file.limit { fileEntries = try file.load().count }
        } catch {
            giveUpPersisting(error)
        }
    }

    public var history: [String] { list.entries }

    public func setCompletionVocabulary(_ vocabulary: CompletionVocabulary) {
        completionSlot.withLock { $0 = CompletionEngine(vocabulary) }
    }

    private func loadHistory() {
        guard persisting, let file else { return }
        do throws(CortexError) {
            let entries = try file.load()
            fileEntries = entries.count
            for entry in entries {
                if let added = list.add(entry) { add_history(added) }
            }
        } catch {
            giveUpPersisting(error)
        }
    }

    private func giveUpPersisting(_ problem: CortexError) {
        persisting = false
        onHistoryProblem(problem)
    }

    /// Points libedit at the terminal and installs completion and the Ctrl-C key. Streams
    /// other than the standard ones stay open for the life of the process: libedit keeps
    /// using them until an editor replaces this one.
    private static func configureEditor(input: Int32, output: Int32?) {
        let inStream = input == STDIN_FILENO ? cortex_stdin() : fdopen(dup(input), "r")
        let outStream: UnsafeMutablePointer<FILE>?
        switch output {
        case nil: outStream = isatty(STDOUT_FILENO) == 1 ? cortex_stdout() : cortex_stderr()
        case STDOUT_FILENO?: outStream = cortex_stdout()
        case STDERR_FILENO?: outStream = cortex_stderr()
        case let fd?: outStream = fdopen(dup(fd), "w")
        }
        cortex_rl_set_name("cortex")
        cortex_rl_set_streams(inStream ?? cortex_stdin(), outStream ?? cortex_stderr())
        rl_initialize()
        using_history()
        cortex_rl_set_completion(completeWord)
        cortex_rl_break_on_blanks()
        cortex_rl_set_completion_append(Int32(UInt8(ascii: " ")))
        cortex_rl_bind_interrupt_key(interruptKey, 3)
    }
}

/// Set by the Ctrl-C key; read once readline() has returned.
private let interruptRequested = Atomic<Bool>(false)

/// The command bound to Ctrl-C: note the interrupt and end the read.
private func interruptKey(_ count: Int32, _ key: Int32) -> Int32 {
    interruptRequested.store(true, ordering: .sequentiallyConsistent)
    cortex_rl_finish()
    return 0
}
