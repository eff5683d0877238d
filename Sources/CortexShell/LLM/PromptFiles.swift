public import CortexCore
import Foundation

/// Loads the system prompt and few-shot examples: `system.md` and `examples.jsonl` from a
/// folder (`--prompts`, `CORTEX_PROMPTS_DIR`, `llm: prompts`), else the built-in copy of the
/// repository's `prompts/`.
public enum PromptFiles {
    public static func load(folder: String?, environments: EnvironmentCatalog) throws(CortexError) -> LLMPrompt {
        let system: String, examples: String
        if let folder {
            system = try read(folder + "/system.md")
            examples = try read(folder + "/examples.jsonl")
        } else {
            system = BundledPrompts.system
            examples = BundledPrompts.examples
        }
        do throws(LLMPromptError) {
            return try LLMPrompt.parse(system: system, examples: examples, environments: environments)
        } catch {
            let base = error.cortexError
            throw CortexError((folder.map { "\($0): " } ?? "the built-in prompt: ") + base.message, hint: base.hint, exitCode: .usage)
        }
    }

    static func read(_ path: String) throws(CortexError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read the prompt file \(path)", hint: "a prompts folder holds system.md and examples.jsonl")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
