public import CortexCore
import Foundation

/// Finds the LLM API key: `CORTEX_LLM_API_KEY`, else the provider's own variable
/// (`OPENAI_API_KEY`, `ANTHROPIC_API_KEY`), else the output of `llm: api-key-command`.
/// None is fine: local servers need no key. Errors never show the key or the command's output.
public enum APIKeySource {
    public static func resolve(provider: LLMProvider, environment env: [String: String], command: String?) throws(CortexError) -> Secret? {
        let providerVariable = provider == .anthropic ? "ANTHROPIC_API_KEY" : "OPENAI_API_KEY"
        for variable in ["CORTEX_LLM_API_KEY", providerVariable] {
            if let value = env[variable]?.trimmedWhitespace, !value.isEmpty { return Secret(value) }
        }
        guard let command else { return nil }
        return Secret(try run(command))
    }

    /// Runs `command` with `/bin/sh -c` and returns its first line of output.
    static func run(_ command: String) throws(CortexError) -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch {
            throw .usage("cannot run the llm api-key-command", hint: "check `api-key-command` under llm: in config.yaml")
        }
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw .usage("the llm api-key-command failed (exit \(process.terminationStatus))",
                         hint: "run it by hand to see why; its output is never shown by cortex")
        }
        let key = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init)?.trimmedWhitespace ?? ""
        guard !key.isEmpty else { throw .usage("the llm api-key-command printed nothing", hint: "it should print the key on its first line") }
        return key
    }
}
