@testable import CortexCore
import Foundation
import Testing

/// Responses from both providers, the good ones and every kind of bad one.
@Suite struct LLMResponseTests {
    static let key = Secret("sk-live-abcdef0123456789XYZ")
    let openai = LLMResponseParser(endpoint: LLMEndpoint(provider: .openai, baseURL: "http://127.0.0.1:8080/v1", model: "local"))
    let anthropic = LLMResponseParser(endpoint: LLMEndpoint(provider: .anthropic, baseURL: "https://api.anthropic.com", model: "claude"))
    let decoder = StrictOperationDecoder()

    func response(_ status: Int, _ body: String, type: String = "application/json") -> HTTPResponse {
        HTTPResponse(status: status, headers: ["content-type": type], body: Data(body.utf8))
    }

    func failure(_ parser: LLMResponseParser, _ response: HTTPResponse) -> LLMError? {
        do throws(LLMError) {
            _ = try parser.parse(response, apiKey: Self.key)
            Issue.record("expected an error for HTTP \(response.status)")
            return nil
        } catch {
            #expect(!error.description.contains(Self.key.revealed))
            #expect(!error.cortexError.description.contains(Self.key.revealed))
            return error
        }
    }

    // MARK: OpenAI-compatible

    @Test func openAIContentBecomesTheOperationWithUsage() throws {
        let reply = try openai.parse(response(200, #"""
            {"id":"c1","model":"qwen2.5-0.5b-instruct","choices":[{"index":0,"message":{"role":"assistant",
            "content":"{\"op\":\"scale\",\"service\":\"api\",\"replicas\":4}"},"finish_reason":"stop"}],
            "usage":{"prompt_tokens":412,"completion_tokens":17,"total_tokens":429}}
            """#))
        #expect(reply.answer == .text(#"{"op":"scale","service":"api","replicas":4}"#))
        #expect(reply.usage == LLMUsage(model: "qwen2.5-0.5b-instruct", promptTokens: 412, completionTokens: 17))
        #expect(reply.operation(using: decoder) == Operation(.scale, service: "api", replicas: 4))
        let record = try #require(reply.usage).record(at: Date(timeIntervalSince1970: 0), latencyMilliseconds: 640)
        #expect(record.promptTokens == 412 && record.latencyMilliseconds == 640)
    }

    @Test func openAIToolCallArgumentsAreAJSONString() throws {
        let reply = try openai.parse(response(200, #"""
            {"choices":[{"message":{"role":"assistant","content":null,"tool_calls":[{"id":"t","type":"function",
            "function":{"name":"submit_operation","arguments":"{\"op\":\"restart\",\"service\":\"api\"}"}}]},
            "finish_reason":"tool_calls"}]}
            """#))
        #expect(reply.usage == nil)
        #expect(reply.operation(using: decoder) == Operation(.restart, service: "api"))
        let two = try openai.parse(response(200, #"""
            {"choices":[{"message":{"tool_calls":[{"function":{"arguments":"{}"}},{"function":{"arguments":"{}"}}]}}]}
            """#))
        #expect(two.answer == .notUnderstood("the model answered with several operations"))
    }

    @Test func openAIContentPartsAreJoined() throws {
        let reply = try openai.parse(response(200, #"""
            {"choices":[{"message":{"content":[{"type":"text","text":"{\"op\":\"status\"}"}]}}]}
            """#))
        #expect(reply.operation(using: decoder) == Operation(.status))
    }

    @Test func openAIUnusableAnswersBecomeUnknown() throws {
        let cut = try openai.parse(response(200, #"""
            {"model":"m","choices":[{"message":{"content":"{\"op\":\"deploy\",\"serv"},"finish_reason":"length"}],
            "usage":{"prompt_tokens":10,"completion_tokens":256}}
            """#))
        #expect(cut.answer == .notUnderstood("the model's answer was cut off at the token limit"))
        #expect(cut.usage?.completionTokens == 256)
        let refused = try openai.parse(response(200, #"""
            {"choices":[{"message":{"content":null,"refusal":"I can't help with deleting production."},"finish_reason":"stop"}]}
            """#))
        #expect(refused.operation(using: decoder) == .unknown("the model refused: I can't help with deleting production."))
        let silent = try openai.parse(response(200, #"{"choices":[{"message":{"content":null}}]}"#))
        #expect(silent.answer == .notUnderstood("the model gave no answer"))
        let filtered = try openai.parse(response(200, #"{"choices":[{"message":{"content":""},"finish_reason":"content_filter"}]}"#))
        #expect(filtered.operation(using: decoder).op == .unknown)
    }

    @Test func openAIMissingChoicesIsAnInvalidResponse() {
        #expect(failure(openai, response(200, #"{"choices":[]}"#))?.kind == .invalidResponse)
        #expect(failure(openai, response(200, #"{"object":"chat.completion"}"#))?.message == "the LLM endpoint's response has no choices")
        #expect(failure(openai, response(200, #"{"choices":[{"text":"legacy"}]}"#))?.kind == .invalidResponse)
        #expect(failure(openai, response(200, "[1,2]"))?.message == "the LLM endpoint's response is not a JSON object")
    }

    @Test func openAIErrorBodies() throws {
        let unauthorized = try #require(failure(openai, response(401, #"""
            {"error":{"message":"Incorrect API key provided: sk-live-abcdef0123456789XYZ. You can find your API key at https://platform.openai.com.","type":"invalid_request_error","code":"invalid_api_key"}}
            """#)))
        #expect(unauthorized.kind == .unauthorized)
        #expect(unauthorized.message == "the LLM endpoint refused the credentials (HTTP 401)")
        #expect(unauthorized.hint?.contains("API key") == true)
        #expect(unauthorized.cortexError.exitCode == .usage)
        #expect(failure(openai, response(403, "{}"))?.kind == .unauthorized)

        let missing = try #require(failure(openai, response(404, #"{"error":{"message":"The model `gpt-9` does not exist","type":"invalid_request_error","code":"model_not_found"}}"#)))
        #expect(missing.kind == .notFound)
        #expect(missing.message == "the LLM endpoint has no such URL or model (HTTP 404): The model `gpt-9` does not exist (invalid_request_error)")
        #expect(missing.hint?.contains("http://127.0.0.1:8080/v1/chat/completions") == true)

        let withPassword = LLMResponseParser(endpoint: LLMEndpoint(provider: .openai, baseURL: "https://bob:hunter2secret@llm.internal/v1", model: "m"))
        #expect(failure(withPassword, response(404, "{}"))?.hint?.contains("hunter2secret") == false)

        let limited = try #require(failure(openai, response(429, #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#)))
        #expect(limited.kind == .rateLimited)
        #expect(limited.cortexError.exitCode == .failed)

        let rejected = try #require(failure(openai, response(400, #"{"error":{"message":"max_tokens is too large","type":"invalid_request_error"}}"#)))
        #expect(rejected.kind == .rejected)
        #expect(rejected.message.hasSuffix("max_tokens is too large (invalid_request_error)"))

        let bare = try #require(failure(openai, response(500, #"{"error":"model is loading"}"#)))
        #expect(bare.kind == .unavailable)
        #expect(bare.message == "the LLM endpoint failed (HTTP 500): model is loading")
    }

    @Test func llamaCppPythonRefusingJSONSchemaSuggestsTheOtherDialect() throws {
        let error = try #require(failure(openai, response(500, #"""
            {"error":{"message":"1 validation error for CreateChatCompletionRequest response_format","type":"internal_server_error"}}
            """#)))
        #expect(error.hint?.contains("json_object") == true)
    }

    @Test func errorsInASuccessfulStatusAreStillErrors() {
        let error = failure(openai, response(200, #"{"error":{"message":"context length exceeded","code":400}}"#))
        #expect(error?.kind == .invalidResponse)
        #expect(error?.message.contains("context length exceeded") == true)
    }

    @Test func echoedSecretsAreRemovedFromServerMessages() throws {
        let echoed = try #require(failure(openai, response(400, #"""
            {"error":{"message":"bad header Authorization: Bearer sk-live-abcdef0123456789XYZ and x-api-key=sk-live-abcdef0123456789XYZ"}}
            """#)))
        #expect(!echoed.message.contains("abcdef0123456789"))
        #expect(echoed.message.contains("[REDACTED]"))
        let plainKey = Secret("plainpassphrase42")
        do throws(LLMError) {
            _ = try openai.parse(response(404, #"{"error":{"message":"no route for key plainpassphrase42"}}"#), apiKey: plainKey)
        } catch {
            #expect(!error.message.contains("plainpassphrase42"))
        }
    }

    @Test func nonJSONBodies() throws {
        let html = try #require(failure(openai, response(200, "<html><body>Bad gateway</body></html>", type: "text/html")))
        #expect(html.kind == .invalidResponse)
        #expect(html.message.hasPrefix("the LLM endpoint's response is not JSON (text/html)"))
        #expect(!html.message.contains("Bad gateway"))
        let proxy = try #require(failure(openai, response(502, "<html>502 Bad Gateway</html>", type: "text/html")))
        #expect(proxy.kind == .unavailable)
        #expect(proxy.message == "the LLM endpoint failed (HTTP 502)")
        let empty = try #require(failure(openai, response(200, "")))
        #expect(empty.message == "the LLM endpoint sent an empty response (HTTP 200)")
        #expect(failure(openai, response(503, ""))?.kind == .unavailable)
        let truncated = try #require(failure(openai, response(200, #"{"choices":[{"message":{"content":"{\"op\""#)))
        #expect(truncated.message.contains("not JSON"))
    }

    // MARK: Anthropic

    @Test func anthropicToolUseBecomesTheOperation() throws {
        let reply = try anthropic.parse(response(200, #"""
            {"id":"msg_1","type":"message","role":"assistant","model":"claude-haiku-4-5-20251001",
            "content":[{"type":"text","text":"Submitting."},{"type":"tool_use","id":"toolu_1","name":"submit_operation",
            "input":{"op":"rollback","service":"payments","environment":"prod","revision":4}}],
            "stop_reason":"tool_use","usage":{"input_tokens":900,"output_tokens":40}}
            """#))
        #expect(reply.usage == LLMUsage(model: "claude-haiku-4-5-20251001", promptTokens: 900, completionTokens: 40))
        #expect(reply.operation(using: decoder) == Operation(.rollback, service: "payments", environment: "production", revision: 4))
    }

    @Test func anthropicTextAndUnusableAnswers() throws {
        let text = try anthropic.parse(response(200, #"""
            {"type":"message","content":[{"type":"text","text":"{\"op\":\"status\"}"}],"stop_reason":"end_turn"}
            """#))
        #expect(text.operation(using: decoder) == Operation(.status))
        let cut = try anthropic.parse(response(200, #"""
            {"type":"message","content":[{"type":"tool_use","name":"submit_operation","input":{"op":"deploy"}}],"stop_reason":"max_tokens","usage":{"input_tokens":5,"output_tokens":256}}
            """#))
        #expect(cut.answer == .notUnderstood("the model's answer was cut off at the token limit"))
        #expect(cut.usage?.model == "claude")
        let refused = try anthropic.parse(response(200, #"{"type":"message","content":[],"stop_reason":"refusal"}"#))
        #expect(refused.operation(using: decoder).op == .unknown)
        let two = try anthropic.parse(response(200, #"""
            {"type":"message","content":[{"type":"tool_use","input":{"op":"status"}},{"type":"tool_use","input":{"op":"status"}}]}
            """#))
        #expect(two.answer == .notUnderstood("the model answered with several operations"))
        #expect(failure(anthropic, response(200, #"{"type":"message"}"#))?.kind == .invalidResponse)
    }

    @Test func anthropicErrorBodies() throws {
        let overloaded = try #require(failure(anthropic, response(529, #"""
            {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}
            """#)))
        #expect(overloaded.kind == .unavailable)
        #expect(overloaded.message == "the LLM endpoint failed (HTTP 529): Overloaded (overloaded_error)")
        let auth = try #require(failure(anthropic, response(401, #"""
            {"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}
            """#)))
        #expect(auth.kind == .unauthorized)
        #expect(failure(anthropic, response(404, #"{"type":"error","error":{"type":"not_found_error","message":"model: claude-9"}}"#))?.kind == .notFound)
        let inBand = try #require(failure(anthropic, response(200, #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#)))
        #expect(inBand.kind == .unavailable)
    }
}
