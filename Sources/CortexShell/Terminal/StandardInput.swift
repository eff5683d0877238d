public import CortexCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Chooses how this process reads its requests.
public enum StandardInput {
    /// Whether standard input is a terminal (a person typing) rather than a pipe or file.
    public static var isTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The reader for the shell: on a terminal, the libedit editor with the history file
    /// (`--history-file`, `CORTEX_HISTORY_FILE` or the XDG state directory, bounded by
    /// `CORTEX_HISTORY_SIZE`) and completion over the session's words; otherwise plain lines
    /// without prompt or editing. A history location that cannot be determined (no HOME)
    /// leaves the history in memory.
    public static func reader(options: LaunchOptions, state: SessionState) throws(CortexError) -> any LineReader {
        let environment = options.processEnvironment
        let limit = try HistoryFile.limit(environment: environment)
        guard isTerminal else { return PlainLineReader(historyLimit: limit) }
        let overrides = CortexPaths.Overrides(historyFile: options.historyFile)
        let paths = try? CortexPaths.resolve(environment: environment, overrides: overrides)
        let history = paths.map { HistoryFile(path: $0.historyFile, limit: limit) }
        let reader = EditLineReader(history: history, historyLimit: limit)
        reader.setCompletionVocabulary(CompletionVocabulary(state: state))
        return reader
    }

    /// The reader for `cortex --script <file>`: the file's lines, or standard input for `-`.
    /// Nobody answers questions, as with any piped input.
    public static func scriptReader(_ path: String) throws(CortexError) -> any LineReader {
        if path == "-" { return PlainLineReader() }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw .usage("cannot read the script \(path): \(String(cString: strerror(errno)))", hint: "check the path")
        }
        return PlainLineReader(fileDescriptor: descriptor)
    }

    /// The reader for follow-up questions in one-shot mode (`cortex nl`): the editor without
    /// history on a terminal, none otherwise (nobody can answer).
    public static func questionReader() -> (any LineReader)? {
        isTerminal ? EditLineReader() : nil
    }
}

extension CompletionVocabulary {
    /// The words a session knows: the parser's verbs, its environments, its services.
    public init(state: SessionState) {
        self.init(
            verbs: EmbeddedParser.verbs,
            environments: state.environments,
            services: state.knownServices)
    }
}
