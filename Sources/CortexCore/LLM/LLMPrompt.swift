/// One worked example shown to the model before the real request: a sentence and the
/// operation it must become.
public struct LLMExample: Equatable, Sendable {
    /// The sentence as an operator would type it.
    public var text: String
    /// What the sentence must become; sent as the assistant's turn in canonical JSON.
    public var operation: Operation

    /// An example pairing `text` with the operation a model should answer.
    public init(text: String, operation: Operation) {
        self.text = text
        self.operation = operation
    }
}

/// The instructions sent with every request: the system text and the few-shot examples.
///
/// The shell reads them from `prompts/system.md` and `prompts/examples.jsonl`; this type
/// only parses their text, so a team can edit the files without rebuilding and a broken
/// edit is reported with the line that broke.
public struct LLMPrompt: Equatable, Sendable {
    /// The instructions that open every conversation.
    public var system: String
    /// Shown in order, each as a user turn and the assistant's answer.
    public var examples: [LLMExample]

    /// A prompt from already-parsed parts; `parse` builds one from the files' text.
    public init(system: String, examples: [LLMExample] = []) {
        self.system = system
        self.examples = examples
    }

    /// Parses both files' text. The system text is kept as written, less surrounding white space.
    public static func parse(system: String, examples: String, environments: EnvironmentCatalog = .standard) throws(LLMPromptError) -> LLMPrompt {
        let text = system.trimmedWhitespace
        guard !text.isEmpty else { throw LLMPromptError(file: .system, line: nil, problem: "the system prompt is empty") }
        return LLMPrompt(system: text, examples: try parseExamples(examples, environments: environments))
    }

    /// Parses JSON Lines of `{"text": "...", "operation": {...}}` (`expect` is accepted in place
    /// of `operation`, so corpus lines can be reused). Blank lines are skipped. Each operation
    /// must pass the same strict decoding a model's answer gets: an example that teaches the
    /// model something the decoder would refuse is a mistake in the file.
    public static func parseExamples(_ text: String, environments: EnvironmentCatalog = .standard) throws(LLMPromptError) -> [LLMExample] {
        let decoder = StrictOperationDecoder(environments: environments)
        var examples: [LLMExample] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let trimmed = String(line).trimmedWhitespace
            if trimmed.isEmpty { continue }
            func fail(_ problem: String) -> LLMPromptError { LLMPromptError(file: .examples, line: number, problem: problem) }
            let value: JSONValue
            do throws(JSONParseError) {
                value = try JSONValue(parsing: trimmed, maxDepth: 16)
            } catch {
                throw fail("not JSON: \(error.description)")
            }
            guard let members = value.objectValue else { throw fail("expected an object with text and operation") }
            if let extra = members.keys.sorted().first(where: { !["text", "operation", "expect", "why"].contains($0) }) {
                throw fail("unexpected member \"\(extra)\"")
            }
            guard let sentence = members["text"]?.stringValue?.trimmedWhitespace, !sentence.isEmpty else {
                throw fail("missing text")
            }
            guard let encoded = members["operation"] ?? members["expect"] else { throw fail("missing operation") }
            let operation = decoder.decode(encoded)
            if operation.op == .unknown, encoded["op"]?.stringValue != OperationKind.unknown.rawValue {
                throw fail("the operation is not valid: \(operation.reason ?? "")")
            }
            examples.append(LLMExample(text: sentence, operation: operation))
        }
        return examples
    }
}

/// A prompt file that cannot be used, naming the file and, for examples, the line.
public struct LLMPromptError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The prompt file at fault, named by its path under the repository's `prompts/`.
    public enum File: String, Sendable {
        case system = "prompts/system.md"
        case examples = "prompts/examples.jsonl"
    }

    /// Which file to fix.
    public var file: File
    /// 1-based; nil when the problem is the file as a whole.
    public var line: Int?
    /// What is wrong, in words meant for the person editing the file.
    public var problem: String

    /// An error about `file`, at `line` when one line is to blame.
    public init(file: File, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    /// `file, line N: problem`, as printed by the shell.
    public var description: String {
        if let line { return "\(file.rawValue), line \(line): \(problem)" }
        return "\(file.rawValue): \(problem)"
    }

    /// The error as the shell reports it: a configuration problem (exit 2).
    public var cortexError: CortexError {
        .usage(description, hint: "fix the prompt file; each example line is {\"text\": \"...\", \"operation\": {...}}")
    }
}
