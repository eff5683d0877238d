/// What one read from the operator yields.
public enum LineInput: Equatable, Sendable {
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
    /// Records an accepted request line in the history, where the reader keeps one.
    func remember(_ line: String)
    /// Lines of the history, oldest first.
    var history: [String] { get }
}

extension LineReader {
    public func remember(_ line: String) {}
    public var history: [String] { [] }
}
