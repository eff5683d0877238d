/// What one read from the operator yields.
public enum LineInput: Equatable, Sendable {
    /// One line, without its line terminator.
    case line(String)
    /// Ctrl-C at the prompt: the line is dropped, the session goes on.
    case interrupted
    /// Ctrl-D, or the end of a piped script.
    case endOfInput
}

/// Where request lines come from: the libedit terminal, plain stdin, a transcript, a test.
public protocol LineReader: AnyObject {
    /// Reads one line, showing `prompt` where the reader is interactive.
    func readLine(prompt: String) -> LineInput
    /// Whether a person is there to answer questions (confirmations, missing details).
    var isInteractive: Bool { get }
    /// Records an accepted request line in the history, where the reader keeps one. Blank
    /// lines, repeats of the previous entry and lines that look like they carry a secret
    /// are not recorded.
    func remember(_ line: String)
    /// Lines of the history, oldest first.
    var history: [String] { get }
    /// The words tab completion offers from now on, where the reader completes. Call it at
    /// start and again whenever the session learns new names (services, environments).
    func setCompletionVocabulary(_ vocabulary: CompletionVocabulary)
}

extension LineReader {
    public func remember(_ line: String) {}
    public var history: [String] { [] }
    public func setCompletionVocabulary(_ vocabulary: CompletionVocabulary) {}
}
