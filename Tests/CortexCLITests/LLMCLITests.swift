import CortexCore
import CortexTestSupport
import Foundation
import Testing

/// The LLM flags of the real binary against the loopback stub endpoint.
@Suite(.serialized) struct LLMCLITests {
    func run(_ args: [String], env: [String: String] = [:]) throws -> CortexBinary.Run {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        var environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(env) { $1 }
        return try CortexBinary.run(args, input: "", environment: environment)
    }

    @Test func autoModeAsksTheEndpointForWhatTheParserCannotRead() throws {
        let stub = try StubLLMServer(replies: [.operation(["op": "restart", "service": "payments", "environment": "stg"])])
        defer { stub.stop() }
        let flags = ["--understand", "auto", "--llm-url", stub.baseURL, "--llm-model", "stub-model"]
        let known = try run(["parse", "--json"] + flags + ["restart payments in staging"])
        #expect(known.standardOutput == #"{"environment":"staging","op":"restart","service":"payments"}"# + "\n")
        #expect(stub.requests.isEmpty)
        let unknown = try run(["parse"] + flags + ["payments in stg feels sluggish, give it a fresh start"])
        #expect(unknown.status == 0)
        #expect(unknown.standardOutput.hasPrefix("restart payments in staging  (confidence 90%, llm)"), "\(unknown.standardOutput)")
        #expect(stub.requests.count == 1)
    }

    @Test func aDestructiveAnswerIsStillConfirmedAndAnAbsentEndpointFallsBack() throws {
        let stub = try StubLLMServer(replies: [.operation(["op": "delete", "service": "payments", "environment": "development"])])
        defer { stub.stop() }
        let env = ["CORTEX_UNDERSTAND": "llm", "CORTEX_LLM_URL": stub.baseURL, "CORTEX_LLM_MODEL": "stub-model"]
        let r = try run(["nl", "get rid of payments on dev"], env: env)
        #expect(r.status == 4, "\(r.standardError)")
        #expect(r.standardError.contains("nothing was changed") || r.standardError.contains("not confirmed"), "\(r.standardError)")

        // Nothing listens on port 9: auto mode answers with the parser and says why.
        let down = try run(["parse", "--understand", "auto", "--llm-url", "http://127.0.0.1:9/v1", "--llm-model", "m",
                            "we are expecting a rush, so payments should be able to take twice the traffic"])
        #expect(down.status == 0)
        #expect(down.standardError.contains("note: the LLM endpoint did not answer (cannot connect to 127.0.0.1:9"), "\(down.standardError)")
        #expect(down.standardError.contains("note: the LLM endpoint failed ("), "\(down.standardError)")
        #expect(down.standardOutput.contains("embedded"))
    }

    @Test func llmCheckReportsModelAndRoundTrip() throws {
        let stub = try StubLLMServer(models: ["stub-model"], respond: { _ in .operation(["op": "restart", "service": "payments", "environment": "staging"]) })
        defer { stub.stop() }
        let r = try run(["llm", "check", "--llm-url", stub.baseURL, "--llm-model", "stub-model"])
        #expect(r.status == 0, "\(r.standardError)")
        let lines = r.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "endpoint: \(stub.baseURL) (openai, json_schema), model stub-model")
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("models: answered in ") && lines[1].hasSuffix("stub-model (the configured model is listed)"))
        #expect(lines[2].hasPrefix(#"understanding: "restart payments in staging" -> {"environment":"staging","op":"restart","service":"payments"} in "#))

        let none = try run(["llm", "check"])
        #expect(none.status == 2)
        #expect(none.standardError.hasPrefix("error: no LLM endpoint is configured"))
    }
}
