public import CortexCore
import Glibc

/// Chooses how this process reads its requests.
public enum StandardInput {
    /// Whether standard input is a terminal (a person typing) rather than a pipe or file.
    public static var isTerminal: Bool { isatty(STDIN_FILENO) == 1 }

    /// The reader for standard input: the libedit editor with `history` and completion over
    /// `vocabulary` on a terminal; plain lines without prompt or editing otherwise.
    public static func reader(history: HistoryFile?, vocabulary: CompletionVocabulary) -> any LineReader {
        guard isTerminal else {
            return PlainLineReader(historyLimit: history?.limit ?? HistoryFile.defaultLimit)
        }
        let reader = EditLineReader(history: history)
        reader.setCompletionVocabulary(vocabulary)
        return reader
    }
}
