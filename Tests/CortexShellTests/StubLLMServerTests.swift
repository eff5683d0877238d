import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The stub LLM endpoint, driven through the real libcurl transport.
@Suite(.serialized) struct StubLLMServerTests {
    static let anthropicHeaders: HTTPHeaders = ["x-api-key": "sk-ant-test", "anthropic-version": "2023-06-01"]

    /// A minimal well-formed request body for `provider`, with optional tools.
    static func body(_ provider: StubLLMProvider, model: String = "gpt-test", tools: JSONValue? = nil, toolChoice: JSONValue? = nil) -> JSONValue {
        var members: [String: JSONValue] = [
            "model": .string(model),
            "messages": [["role": "user", "content": "scale web to 3"]],
        ]
        if provider == .anthropic { members["max_tokens"] = 512 }
        if provider == .openAI { members["response_format"] = ["type": "json_object"] }
        if let tools { members["tools"] = tools }
        if let toolChoice { members["tool_choice"] = toolChoice }
        return .object(members)
    }

    static let anthropicTools: JSONValue = [
        ["name": "first_tool", "description": "d", "input_schema": ["type": "object"]],
        ["name": "emit_operation", "description": "d", "input_schema": ["type": "object"]],
    ]

    /// Posts `body` to the provider's completion path and parses the answer.
    static func complete(
        _ server: StubLLMServer, _ provider: StubLLMProvider, body: JSONValue? = nil, transport: CurlTransport = CurlTransport(),
        timeouts: HTTPTimeouts = HTTPTimeouts()
    ) throws -> (response: HTTPResponse, json: JSONValue?) {
        let path = provider == .openAI ? "/chat/completions" : "/messages"
        let request = HTTPRequest(
            method: .post, url: server.baseURL + path, headers: provider == .anthropic ? anthropicHeaders : [:],
            body: Data((body ?? Self.body(provider)).serialized()), timeouts: timeouts)
        let response = try transport.send(request)
        return (response, try? JSONValue(parsing: Array(response.body)))
    }

    static func keys(_ value: JSONValue?) -> Set<String> { Set(value?.objectValue?.keys.map { $0 } ?? []) }

    // MARK: OpenAI success shapes

    @Test func openAIOperationIsContentTextInTheChatCompletionShape() throws {
        let operation: JSONValue = ["operation": "scale", "target": "web", "replicas": 3]
        let server = try StubLLMServer(replies: [.operation(operation)])
        defer { server.stop() }
        let (response, json) = try Self.complete(server, .openAI)
        #expect(response.status == 200)
        #expect(response.headers["content-type"] == "application/json")
        let body = try #require(json)
        #expect(Self.keys(body) == ["id", "object", "created", "model", "choices", "usage"])
        #expect(body["id"]?.stringValue?.hasPrefix("chatcmpl-") == true)
        #expect(body["object"] == "chat.completion")
        #expect((body["created"]?.intValue ?? 0) > 1_600_000_000)
        #expect(body["model"] == "gpt-test")
        let choice = try #require(body["choices"]?.arrayValue?.first)
        #expect(body["choices"]?.arrayValue?.count == 1)
        #expect(Self.keys(choice) == ["index", "message", "finish_reason", "logprobs"])
        #expect(choice["index"] == 0)
        #expect(choice["finish_reason"] == "stop")
        #expect(choice["logprobs"] == .null)
        let message = try #require(choice["message"])
        #expect(Self.keys(message) == ["role", "content", "refusal"])
        #expect(message["role"] == "assistant")
        #expect(message["refusal"] == .null)
        let content = try #require(message["content"]?.stringValue)
        #expect(try JSONValue(parsing: content) == operation)
        let usage = try #require(body["usage"])
        #expect(Self.keys(usage) == ["prompt_tokens", "completion_tokens", "total_tokens"])
        let prompt = try #require(usage["prompt_tokens"]?.intValue), completion = try #require(usage["completion_tokens"]?.intValue)
        #expect(prompt >= 1 && completion >= 1)
        #expect(usage["total_tokens"]?.intValue == prompt + completion)
    }

    @Test func openAIPathWithV1AndWithoutAreBothServed() throws {
        let server = try StubLLMServer(respond: { _ in .text("ok") })
        defer { server.stop() }
        let transport = CurlTransport()
        for url in [server.baseURL + "/chat/completions", server.rootURL + "/chat/completions"] {
            let response = try transport.send(HTTPRequest(method: .post, url: url, body: Data(Self.body(.openAI).serialized())))
            #expect(response.status == 200)
            #expect(try JSONValue(parsing: Array(response.body))["choices"]?.arrayValue?.first?["message"]?["content"] == "ok")
        }
        #expect(server.requests.map(\.path) == ["/v1/chat/completions", "/chat/completions"])
    }

    @Test func openAIToolCallCarriesArgumentsVerbatimWithNullContent() throws {
        let tools: JSONValue = [["type": "function", "function": ["name": "emit_operation", "parameters": ["type": "object"]]]]
        let server = try StubLLMServer(replies: [.toolCall(arguments: #"{"operation":"get","#), .toolCall(arguments: "{}", name: "other")])
        defer { server.stop() }
        let (response, json) = try Self.complete(server, .openAI, body: Self.body(.openAI, tools: tools))
        #expect(response.status == 200)
        let choice = try #require(json?["choices"]?.arrayValue?.first)
        #expect(choice["finish_reason"] == "tool_calls")
        let message = try #require(choice["message"])
        #expect(message["content"] == .null)
        #expect(message["role"] == "assistant")
        let calls = try #require(message["tool_calls"]?.arrayValue)
        #expect(calls.count == 1)
        #expect(Self.keys(calls[0]) == ["id", "type", "function"])
        #expect(calls[0]["id"]?.stringValue?.hasPrefix("call_") == true)
        #expect(calls[0]["type"] == "function")
        #expect(calls[0]["function"] == ["name": "emit_operation", "arguments": #"{"operation":"get","#])
        let second = try Self.complete(server, .openAI, body: Self.body(.openAI, tools: tools)).json
        #expect(second?["choices"]?.arrayValue?.first?["message"]?["tool_calls"]?.arrayValue?.first?["function"]?["name"] == "other")
    }

    // MARK: Anthropic success shapes

    @Test func anthropicOperationIsAToolUseBlockNamedByToolChoice() throws {
        let operation: JSONValue = ["operation": "restart", "target": "api"]
        let server = try StubLLMServer(replies: [.operation(operation), .operation(operation)])
        defer { server.stop() }
        let chosen = Self.body(.anthropic, model: "claude-test", tools: Self.anthropicTools, toolChoice: ["type": "tool", "name": "emit_operation"])
        let (response, json) = try Self.complete(server, .anthropic, body: chosen)
        #expect(response.status == 200)
        let body = try #require(json)
        #expect(Self.keys(body) == ["id", "type", "role", "model", "content", "stop_reason", "stop_sequence", "usage"])
        #expect(body["id"]?.stringValue?.hasPrefix("msg_") == true)
        #expect(body["type"] == "message")
        #expect(body["role"] == "assistant")
        #expect(body["model"] == "claude-test")
        #expect(body["stop_reason"] == "tool_use")
        #expect(body["stop_sequence"] == .null)
        let block = try #require(body["content"]?.arrayValue?.first)
        #expect(body["content"]?.arrayValue?.count == 1)
        #expect(Self.keys(block) == ["type", "id", "name", "input"])
        #expect(block["type"] == "tool_use")
        #expect(block["id"]?.stringValue?.hasPrefix("toolu_") == true)
        #expect(block["name"] == "emit_operation")
        #expect(block["input"] == operation)
        #expect(Self.keys(body["usage"]) == ["input_tokens", "output_tokens"])
        #expect((body["usage"]?["input_tokens"]?.intValue ?? 0) >= 1)

        // Without tool_choice the first tool is named.
        let first = try Self.complete(server, .anthropic, body: Self.body(.anthropic, tools: Self.anthropicTools)).json
        #expect(first?["content"]?.arrayValue?.first?["name"] == "first_tool")
    }

    @Test func operationFromJSONTextFallsBackToTextWhenItIsNotJSON() {
        guard case .operation(let value) = StubLLMReply.operation(json: #"{"operation":"get"}"#) else { Issue.record("not parsed"); return }
        #expect(value == ["operation": "get"])
        guard case .text(let text) = StubLLMReply.operation(json: "{oops") else { Issue.record("not kept as text"); return }
        #expect(text == "{oops")
    }

    @Test func anthropicOperationWithoutToolsIsJSONText() throws {
        let server = try StubLLMServer(replies: [.operation(json: #"{"operation":"get"}"#)])
        defer { server.stop() }
        let json = try #require(try Self.complete(server, .anthropic).json)
        #expect(json["stop_reason"] == "end_turn")
        #expect(json["content"] == [["type": "text", "text": #"{"operation":"get"}"#]])
    }

    @Test func anthropicToolCallArgumentsBecomeToolUseInputOrText() throws {
        let server = try StubLLMServer(replies: [.toolCall(arguments: #"{"a":1}"#), .toolCall(arguments: "not json")])
        defer { server.stop() }
        let body = Self.body(.anthropic, tools: Self.anthropicTools)
        let first = try #require(try Self.complete(server, .anthropic, body: body).json)
        #expect(first["content"]?.arrayValue?.first?["input"] == ["a": 1])
        #expect(first["stop_reason"] == "tool_use")
        let second = try #require(try Self.complete(server, .anthropic, body: body).json)
        #expect(second["content"] == [["type": "text", "text": "not json"]])
    }

    // MARK: Both providers

    @Test(arguments: StubLLMProvider.allCases)
    func textReplyIsTheAssistantTextAsIs(_ provider: StubLLMProvider) throws {
        let prose = "Sure! Here is the operation: {\"operation\": \"get\""
        let server = try StubLLMServer(replies: [.text(prose)])
        defer { server.stop() }
        let json = try #require(try Self.complete(server, provider).json)
        switch provider {
        case .openAI:
            #expect(json["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == prose)
            #expect(json["choices"]?.arrayValue?.first?["finish_reason"] == "stop")
        case .anthropic:
            #expect(json["content"] == [["type": "text", "text": .string(prose)]])
            #expect(json["stop_reason"] == "end_turn")
        }
    }

    @Test(arguments: StubLLMProvider.allCases)
    func cutOffReportsTheTokenLimit(_ provider: StubLLMProvider) throws {
        let server = try StubLLMServer(replies: [.cutOff])
        defer { server.stop() }
        let json = try #require(try Self.complete(server, provider).json)
        switch provider {
        case .openAI:
            let choice = json["choices"]?.arrayValue?.first
            #expect(choice?["finish_reason"] == "length")
            #expect(choice?["message"]?["content"]?.stringValue == StubLLMReply.cutOffText)
        case .anthropic:
            #expect(json["stop_reason"] == "max_tokens")
            #expect(json["content"]?.arrayValue?.first?["text"]?.stringValue == StubLLMReply.cutOffText)
        }
        #expect((try? JSONValue(parsing: StubLLMReply.cutOffText)) == nil)
    }

    @Test(arguments: StubLLMProvider.allCases)
    func usageAndModelCanBeScriptedAndOtherwiseFollowTheRequest(_ provider: StubLLMProvider) throws {
        let server = try StubLLMServer(replies: [.text("x").withUsage(input: 1234, output: 56).withModel("served-model"), .text(String(repeating: "y", count: 400))])
        defer { server.stop() }
        let (input, output) = provider == .openAI ? ("prompt_tokens", "completion_tokens") : ("input_tokens", "output_tokens")
        let scripted = try #require(try Self.complete(server, provider).json)
        #expect(scripted["usage"]?[input] == 1234)
        #expect(scripted["usage"]?[output] == 56)
        #expect(scripted["model"] == "served-model")
        let body = Self.body(provider, model: "asked-model")
        let computed = try #require(try Self.complete(server, provider, body: body).json)
        #expect(computed["model"] == "asked-model")
        #expect(computed["usage"]?[input]?.intValue == body.serialized().count / 4)
        #expect(computed["usage"]?[output] == 100)
    }

    @Test(arguments: StubLLMProvider.allCases)
    func modelsAreListedInTheProvidersShape(_ provider: StubLLMProvider) throws {
        let server = try StubLLMServer(models: ["m-one", "m-two"])
        defer { server.stop() }
        let response = try CurlTransport().send(HTTPRequest(method: .get, url: server.baseURL + "/models",
                                                            headers: provider == .anthropic ? Self.anthropicHeaders : [:]))
        #expect(response.status == 200)
        let json = try JSONValue(parsing: Array(response.body))
        let data = try #require(json["data"]?.arrayValue)
        #expect(data.map { $0["id"] } == ["m-one", "m-two"])
        switch provider {
        case .openAI:
            #expect(Self.keys(json) == ["object", "data"])
            #expect(json["object"] == "list")
            #expect(Self.keys(data[0]) == ["id", "object", "created", "owned_by"])
            #expect(data[0]["object"] == "model")
        case .anthropic:
            #expect(Self.keys(json) == ["data", "has_more", "first_id", "last_id"])
            #expect(json["has_more"] == false)
            #expect(json["first_id"] == "m-one")
            #expect(json["last_id"] == "m-two")
            #expect(Self.keys(data[0]) == ["type", "id", "display_name", "created_at"])
            #expect(data[0]["type"] == "model")
        }
        #expect(server.pendingReplies == 0)
    }

    // MARK: Errors

    @Test func openAIErrorsUseTheErrorEnvelope() throws {
        let server = try StubLLMServer(replies: [
            .error(status: 401, type: "invalid_request_error", message: "Incorrect API key provided", code: "invalid_api_key"),
            .error(status: 500, type: "server_error", message: "The server had an error"),
        ])
        defer { server.stop() }
        let (first, json) = try Self.complete(server, .openAI)
        #expect(first.status == 401)
        #expect(json == ["error": ["message": "Incorrect API key provided", "type": "invalid_request_error", "param": .null, "code": "invalid_api_key"]])
        let (second, json2) = try Self.complete(server, .openAI)
        #expect(second.status == 500)
        #expect(json2 == ["error": ["message": "The server had an error", "type": "server_error", "param": .null, "code": .null]])
    }

    @Test(arguments: [
        (400, "invalid_request_error"), (401, "authentication_error"), (403, "permission_error"), (404, "not_found_error"),
        (429, "rate_limit_error"), (500, "api_error"), (529, "overloaded_error"),
    ])
    func anthropicErrorsUseTheErrorEnvelope(_ status: Int, _ type: String) throws {
        let server = try StubLLMServer(replies: [.error(status: status, type: type, message: "m \(status)")])
        defer { server.stop() }
        let (response, json) = try Self.complete(server, .anthropic)
        #expect(response.status == status)
        #expect(json == ["type": "error", "error": ["type": .string(type), "message": .string("m \(status)")]])
        #expect(response.headers["request-id"]?.hasPrefix("req_") == true)
    }

    @Test func overloadedIsAnthropics529() throws {
        let server = try StubLLMServer(replies: [.overloaded])
        defer { server.stop() }
        let (response, json) = try Self.complete(server, .anthropic)
        #expect(response.status == 529)
        #expect(json?["error"]?["type"] == "overloaded_error")
    }

    @Test(arguments: StubLLMProvider.allCases)
    func rateLimitedIs429WithRetryAfter(_ provider: StubLLMProvider) throws {
        let server = try StubLLMServer(replies: [.rateLimited(retryAfterSeconds: 7)])
        defer { server.stop() }
        let (response, json) = try Self.complete(server, provider)
        #expect(response.status == 429)
        #expect(response.headers["Retry-After"] == "7")
        #expect(response.headers["retry-after"] == "7")
        switch provider {
        case .openAI:
            #expect(json?["error"]?["code"] == "rate_limit_exceeded")
            #expect(json?["error"]?["param"] == .null)
            #expect(json?["error"]?["message"]?.stringValue?.isEmpty == false)
        case .anthropic:
            #expect(json?["type"] == "error")
            #expect(json?["error"]?["type"] == "rate_limit_error")
        }
    }

    @Test func unknownPathsAre404InTheProvidersFormat() throws {
        let server = try StubLLMServer()
        defer { server.stop() }
        let transport = CurlTransport()
        let openAI = try transport.send(HTTPRequest(method: .post, url: server.baseURL + "/completions", body: Data("{}".utf8)))
        #expect(openAI.status == 404)
        #expect(try JSONValue(parsing: Array(openAI.body))["error"]?["type"] == "invalid_request_error")
        let anthropic = try transport.send(HTTPRequest(method: .get, url: server.baseURL + "/nothing", headers: Self.anthropicHeaders))
        #expect(anthropic.status == 404)
        #expect(try JSONValue(parsing: Array(anthropic.body)) == ["type": "error", "error": ["type": "not_found_error", "message": "Not found"]])
    }

    @Test func malformedRequestsAreRefusedAsTheProviderWouldWithoutTakingAReply() throws {
        let server = try StubLLMServer(replies: [.text("kept")])
        defer { server.stop() }
        let transport = CurlTransport()
        let noKey = try transport.send(HTTPRequest(method: .post, url: server.baseURL + "/messages", headers: ["anthropic-version": "2023-06-01"],
                                                   body: Data(Self.body(.anthropic).serialized())))
        #expect(noKey.status == 401)
        #expect(try JSONValue(parsing: Array(noKey.body))["error"]?["type"] == "authentication_error")
        let noVersion = try transport.send(HTTPRequest(method: .post, url: server.baseURL + "/messages", headers: ["x-api-key": "k"],
                                                       body: Data(Self.body(.anthropic).serialized())))
        #expect(noVersion.status == 400)
        var withoutMaxTokens = Self.body(.anthropic).objectValue ?? [:]
        withoutMaxTokens["max_tokens"] = nil
        let (noMax, noMaxJSON) = try Self.complete(server, .anthropic, body: .object(withoutMaxTokens))
        #expect(noMax.status == 400)
        #expect(noMaxJSON?["error"]?["message"] == "max_tokens: Field required")
        let notJSON = try transport.send(HTTPRequest(method: .post, url: server.baseURL + "/chat/completions", body: Data("{model:".utf8)))
        #expect(notJSON.status == 400)
        #expect(try JSONValue(parsing: Array(notJSON.body))["error"]?["type"] == "invalid_request_error")
        #expect(server.pendingReplies == 1)
        #expect(server.requests.count == 4)
        let lax = try StubLLMServer(replies: [.text("taken")], validatesRequests: false)
        defer { lax.stop() }
        #expect(try transport.send(HTTPRequest(method: .post, url: lax.baseURL + "/messages", body: Data("x".utf8))).status == 200)
    }

    // MARK: Transport-level behaviour

    @Test func slowRepliesWaitBeforeAnswering() throws {
        let server = try StubLLMServer(replies: [.slow(seconds: 0.4, then: .text("late"))])
        defer { server.stop() }
        let start = Date()
        let (response, json) = try Self.complete(server, .openAI)
        #expect(Date().timeIntervalSince(start) >= 0.4)
        #expect(response.status == 200)
        #expect(json?["choices"]?.arrayValue?.first?["message"]?["content"] == "late")
    }

    @Test func truncatedRepliesEndTheTransferWithATransportError() throws {
        let server = try StubLLMServer(replies: [.truncated, .text("after")])
        defer { server.stop() }
        let transport = CurlTransport()
        let error = #expect(throws: HTTPTransportError.self) { try Self.complete(server, .openAI, transport: transport) }
        guard case .other(let detail)? = error else { Issue.record("expected .other, got \(String(describing: error))"); return }
        #expect(detail.contains("transfer closed"))
        // The same transport goes on over a new connection.
        #expect(try Self.complete(server, .openAI, transport: transport).json?["choices"]?.arrayValue?.first?["message"]?["content"] == "after")
        #expect(server.connectionCount == 2)
    }

    @Test func rawRepliesAreSentAsGiven() throws {
        let html = "<html><body><h1>502 Bad Gateway</h1></body></html>"
        let server = try StubLLMServer(replies: [
            .raw(status: 502, headers: ["Content-Type": "text/html"], body: html),
            .raw(status: 200, headers: [:], body: ""),
        ])
        defer { server.stop() }
        let (gateway, gatewayJSON) = try Self.complete(server, .anthropic)
        #expect(gateway.status == 502)
        #expect(gateway.headers["content-type"] == "text/html")
        #expect(gateway.bodyText == html)
        #expect(gatewayJSON == nil)
        let (empty, _) = try Self.complete(server, .openAI)
        #expect(empty.status == 200)
        #expect(empty.body.isEmpty)
    }

    @Test func requestsAreRecordedWithHeadersAndJSONBodies() throws {
        let server = try StubLLMServer(replies: [.text("a")])
        defer { server.stop() }
        let body = Self.body(.anthropic, model: "claude-x")
        _ = try Self.complete(server, .anthropic, body: body, transport: CurlTransport(userAgent: "cortex-stub-test"))
        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.target == "/v1/messages")
        #expect(seen.provider == .anthropic)
        #expect(seen.headers["x-api-key"] == "sk-ant-test")
        #expect(seen.headers["anthropic-version"] == "2023-06-01")
        #expect(seen.headers["content-type"] == "application/json")
        #expect(seen.headers["user-agent"] == "cortex-stub-test")
        #expect(seen.body == body.serialized())
        #expect(seen.json == body)
        #expect(seen.model == "claude-x")
    }

    @Test func keepAliveServesManyRequestsOnOneConnectionAndConnectionCloseIsHonoured() throws {
        let server = try StubLLMServer(respond: { request in .text(request.model ?? "") })
        defer { server.stop() }
        let transport = CurlTransport()
        for i in 0..<5 {
            let json = try Self.complete(server, .openAI, body: Self.body(.openAI, model: "m\(i)"), transport: transport).json
            #expect(json?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue == "m\(i)")
        }
        #expect(server.connectionCount == 1)
        for _ in 0..<2 {
            let request = HTTPRequest(method: .post, url: server.baseURL + "/chat/completions", headers: ["Connection": "close"],
                                      body: Data(Self.body(.openAI).serialized()))
            let response = try transport.send(request)
            #expect(response.status == 200)
            #expect(response.headers["connection"] == "close")
        }
        // The first close goes over the kept connection and ends it; the second needs a new one.
        #expect(server.connectionCount == 2)
    }

    @Test func concurrentClientsAreServedAtOnce() throws {
        // Each answer waits until all three requests are in: a server serving one connection
        // at a time would answer "alone".
        let arrived = Locked(0)
        let server = try StubLLMServer(respond: { _ in
            arrived.update { $0 += 1 }
            let deadline = Date().addingTimeInterval(5)
            while arrived.value < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.005) }
            return .text(arrived.value >= 3 ? "together" : "alone")
        })
        defer { server.stop() }
        let url = server.baseURL + "/chat/completions", body = Data(Self.body(.openAI).serialized())
        let answers = (0..<3).map { _ in Locked<String?>(nil) }
        let threads = answers.map { answer in
            Thread {
                let response = try? CurlTransport().send(HTTPRequest(method: .post, url: url, body: body))
                answer.update { $0 = response.flatMap { try? JSONValue(parsing: Array($0.body)) }?["choices"]?.arrayValue?.first?["message"]?["content"]?.stringValue }
            }
        }
        threads.forEach { $0.start() }
        let deadline = Date().addingTimeInterval(10)
        while answers.contains(where: { $0.value == nil }) && Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(answers.map(\.value) == ["together", "together", "together"])
        #expect(server.connectionCount == 3)
    }

    @Test func aClientGivingUpMidAnswerDoesNotHurtTheServer() throws {
        let server = try StubLLMServer(replies: [.slow(seconds: 0.5, then: .text("too late")), .text("fine")])
        defer { server.stop() }
        let error = #expect(throws: HTTPTransportError.self) {
            try Self.complete(server, .openAI, timeouts: HTTPTimeouts(connect: .seconds(2), total: .milliseconds(100)))
        }
        guard case .timedOut? = error else { Issue.record("expected timedOut, got \(String(describing: error))"); return }
        Thread.sleep(forTimeInterval: 0.6)   // the stub writes to the closed connection meanwhile
        #expect(try Self.complete(server, .openAI).json?["choices"]?.arrayValue?.first?["message"]?["content"] == "fine")
    }

    /// A raw connection to the stub, for what libcurl never sends.
    static func openConnection(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        try #require(connected == 0)
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        return fd
    }

    static func sendText(_ fd: Int32, _ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
    }

    /// Everything the server sends until it closes the connection (or 5 s pass).
    static func readToEnd(_ fd: Int32) -> String {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            received += chunk[0..<n]
        }
        return String(decoding: received, as: UTF8.self)
    }

    @Test func chunkedBodiesPipelinedRequestsAndHTTP10AreRead() throws {
        let server = try StubLLMServer(replies: [.text("chunked ok")])
        defer { server.stop() }
        let body = Self.body(.openAI).serializedString()
        let split = body.index(body.startIndex, offsetBy: 10)
        let first = String(body[..<split]), rest = String(body[split...])
        let fd = try Self.openConnection(port: server.port)
        defer { close(fd) }
        Self.sendText(fd, "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
            + String(first.utf8.count, radix: 16) + "\r\n" + first + "\r\n"
            + String(rest.utf8.count, radix: 16) + ";ext=1\r\n" + rest + "\r\n0\r\n\r\n"
            + "GET /v1/models HTTP/1.0\r\n\r\n")
        let text = Self.readToEnd(fd)   // ends because HTTP/1.0 closes after its answer
        #expect(text.components(separatedBy: "HTTP/1.1 200 OK\r\n").count == 3)
        #expect(text.contains("chunked ok"))
        #expect(text.hasSuffix(#"{"data":[{"created":1700000000,"id":"stub-model","object":"model","owned_by":"cortex-stub"}],"object":"list"}"#))
        #expect(server.requests.map(\.json) == [Self.body(.openAI), nil])
        #expect(server.connectionCount == 1)
    }

    @Test func aClientHangingUpMidRequestDoesNotHurtTheServer() throws {
        let server = try StubLLMServer(replies: [.text("still here")])
        defer { server.stop() }
        let fd = try Self.openConnection(port: server.port)
        Self.sendText(fd, "POST /v1/messages HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"mo")
        close(fd)
        let garbage = try Self.openConnection(port: server.port)
        Self.sendText(garbage, "NOT HTTP\r\n\r\n")
        #expect(Self.readToEnd(garbage).hasPrefix("HTTP/1.1 400 Bad Request\r\n"))
        close(garbage)
        #expect(try Self.complete(server, .openAI).json?["choices"]?.arrayValue?.first?["message"]?["content"] == "still here")
        #expect(server.requests.count == 1)
    }

    @Test func unscriptedRequestsGetAProviderShaped500AndTheResponderIsAskedWhenTheQueueIsEmpty() throws {
        let bare = try StubLLMServer()
        defer { bare.stop() }
        let (response, json) = try Self.complete(bare, .anthropic)
        #expect(response.status == 500)
        #expect(json?["error"]?["type"] == "api_error")

        let server = try StubLLMServer(replies: [.text("queued")], respond: { _ in .text("responder") })
        defer { server.stop() }
        server.enqueue(.text("enqueued"))
        let answers = try (0..<3).map { _ in try Self.complete(server, .openAI).json?["choices"]?.arrayValue?.first?["message"]?["content"] }
        #expect(answers == ["queued", "enqueued", "responder"])
    }

    @Test func stoppedServerRefusesConnections() throws {
        let server = try StubLLMServer()
        _ = try CurlTransport().send(HTTPRequest(method: .get, url: server.baseURL + "/models"))
        server.stop()
        server.stop()
        let error = #expect(throws: HTTPTransportError.self) { try CurlTransport().send(HTTPRequest(method: .get, url: server.baseURL + "/models")) }
        guard case .connectionFailed? = error else { Issue.record("expected connectionFailed, got \(String(describing: error))"); return }
    }
}

/// A value one thread sets and the test reads afterwards.
private final class Locked<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.lock(); defer { lock.unlock() }; return stored }
    func update(_ change: (inout Value) -> Void) { lock.lock(); change(&stored); lock.unlock() }
}
