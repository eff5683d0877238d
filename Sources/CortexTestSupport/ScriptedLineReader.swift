public import CortexCore
import CortexShell

/// A ``LineReader`` fed from a list, for pipeline and session tests: it returns the given
/// inputs in order, then ``LineInput/endOfInput``, and records the prompts it was shown.
public final class ScriptedLineReader: LineReader {
    public let isInteractive: Bool
    private var pending: ArraySlice<LineInput>
    private var list = HistoryList()
    /// Every prompt passed to ``readLine(prompt:)``, in order.
    public private(set) var prompts: [String] = []
    /// The vocabulary most recently given for completion.
    public private(set) var completionVocabulary: CompletionVocabulary?

    /// Lines typed one after another.
    public convenience init(_ lines: [String], interactive: Bool = false) {
        self.init(inputs: lines.map(LineInput.line), interactive: interactive)
    }

    /// Any sequence of reads, including Ctrl-C (`.interrupted`).
    public init(inputs: [LineInput], interactive: Bool = false) {
        pending = inputs[...]
        isInteractive = interactive
    }

    public func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return pending.popFirst() ?? .endOfInput
    }

    public func remember(_ line: String) { list.add(line) }
    public var history: [String] { list.entries }

    public func setCompletionVocabulary(_ vocabulary: CompletionVocabulary) {
        completionVocabulary = vocabulary
    }
}
