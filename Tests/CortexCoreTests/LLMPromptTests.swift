@testable import CortexCore
import Foundation
import Testing

/// Parsing the prompt files, and the files shipped in `prompts/` themselves.
@Suite struct LLMPromptTests {
    /// The repository's `prompts/` folder, found from this source file.
    static let promptsFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("prompts")

    func error(_ examples: String) -> LLMPromptError? {
        do throws(LLMPromptError) {
            _ = try LLMPrompt.parseExamples(examples)
            return nil
        } catch {
            return error
        }
    }

    @Test func parsesExamplesAndSkipsBlankLines() throws {
        let prompt = try LLMPrompt.parse(system: "\n  Be strict.\n", examples: """
            {"text": "restart api on prod", "operation": {"op": "restart", "service": "api", "environment": "prod"}}

            {"text": "weather?", "expect": {"op": "unknown", "reason": "not an operations request"}, "why": "chit-chat"}
            """)
        #expect(prompt.system == "Be strict.")
        #expect(prompt.examples == [
            LLMExample(text: "restart api on prod", operation: Operation(.restart, service: "api", environment: "production")),
            LLMExample(text: "weather?", operation: .unknown("not an operations request")),
        ])
    }

    @Test func errorsNameTheLine() {
        #expect(error("\n{\"text\": \"x\"") == LLMPromptError(file: .examples, line: 2, problem: "not JSON: unexpected end of input at offset 12"))
        #expect(error(#"{"operation": {"op": "status"}}"#)?.problem == "missing text")
        #expect(error(#"{"text": "x"}"#)?.problem == "missing operation")
        #expect(error(#"{"text": "x", "operation": {"op": "status"}, "note": 1}"#)?.problem == #"unexpected member "note""#)
        #expect(error("[]")?.problem == "expected an object with text and operation")
        let invalid = error("{\"text\": \"a\", \"operation\": {\"op\": \"status\"}}\n{\"text\": \"b\", \"operation\": {\"op\": \"scale\", \"service\": \"api\"}}")
        #expect(invalid?.line == 2)
        #expect(invalid?.description.hasPrefix("prompts/examples.jsonl, line 2: the operation is not valid") == true)
        #expect(invalid?.cortexError.exitCode == .usage)
    }

    @Test func emptySystemPromptIsRefused() {
        #expect(throws: LLMPromptError(file: .system, line: nil, problem: "the system prompt is empty")) {
            try LLMPrompt.parse(system: " \n", examples: "")
        }
    }

    @Test func shippedPromptFilesParseAndCoverEveryOperation() throws {
        let system = try String(contentsOf: Self.promptsFolder.appendingPathComponent("system.md"), encoding: .utf8)
        let examples = try String(contentsOf: Self.promptsFolder.appendingPathComponent("examples.jsonl"), encoding: .utf8)
        let prompt = try LLMPrompt.parse(system: system, examples: examples)
        #expect((12...20).contains(prompt.examples.count))
        #expect(Set(prompt.examples.map(\.operation.op)) == Set(OperationKind.allCases))
        for kind in OperationKind.allCases {
            #expect(prompt.system.contains("- \(kind.rawValue):"), "the system prompt explains \(kind)")
        }
        // The examples must not repeat the development corpus, which measures accuracy.
        let corpus = try ParserCorpus.load("dev").map { $0.text.lowercased() }
        for example in prompt.examples {
            #expect(!corpus.contains(example.text.lowercased()), "\(example.text)")
        }
    }
}
