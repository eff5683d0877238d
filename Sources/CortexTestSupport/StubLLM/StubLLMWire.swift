import CortexCore

/// One HTTP answer ready to be written: what the renderer makes of a ``StubLLMReply``.
struct StubHTTPAnswer: Sendable {
    var status: Int
    /// Fields in order; the server adds `Content-Length` (unless present) and `Connection`.
    var headers: [(name: String, value: String)]
    var body: [UInt8]
    /// Seconds to wait before the status line.
    var delay: Double = 0
    /// Send only part of the body, then close the connection.
    var truncate = false

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8], delay: Double = 0, truncate: Bool = false) {
        self.status = status
        self.headers = headers
        self.body = body
        self.delay = delay
        self.truncate = truncate
    }

    static func json(_ status: Int, _ value: JSONValue, extra: [(name: String, value: String)] = []) -> StubHTTPAnswer {
        StubHTTPAnswer(status: status, headers: [("Content-Type", "application/json")] + extra, body: value.serialized())
    }
}

/// Turns requests and scripted replies into provider-shaped HTTP answers. Pure: the caller
/// gives the clock and a serial number for ids, so the same inputs give the same bytes.
struct StubLLMRenderer: Sendable {
    /// Models listed by `GET /v1/models`; the first is reported when a request names none.
    var models: [String]
    /// Unix seconds for `created`.
    var now: Int
    /// Makes ids unique per answer.
    var serial: Int

    // MARK: Routing and validation

    /// The endpoint a request is for.
    enum Endpoint: Equatable {
        case completion
        case models
        case unknown
    }

    static func endpoint(of request: StubLLMRequest) -> Endpoint {
        let path = request.path
        switch (request.method, path) {
        case ("POST", "/v1/chat/completions"), ("POST", "/chat/completions"), ("POST", "/v1/messages"), ("POST", "/messages"):
            return .completion
        case ("GET", "/v1/models"), ("GET", "/models"):
            return .models
        default:
            return .unknown
        }
    }

    /// The error a real provider would give a malformed request, or nil when the request is
    /// well formed. Anthropic wants `x-api-key`, `anthropic-version`, `model` and `max_tokens`;
    /// OpenAI wants `model` and `messages`; both want a JSON object body.
    static func rejection(of request: StubLLMRequest) -> StubLLMReply? {
        switch request.provider {
        case .anthropic:
            if request.headers["x-api-key"] == nil {
                return .error(status: 401, type: "authentication_error", message: "x-api-key header is required")
            }
            if request.headers["anthropic-version"] == nil {
                return .error(status: 400, type: "invalid_request_error", message: "anthropic-version: header is required")
            }
            guard request.json?.objectValue != nil else {
                return .error(status: 400, type: "invalid_request_error", message: "There was an issue with the format of your request: the body is not a JSON object")
            }
            for field in ["model", "messages", "max_tokens"] where request.json?[field] == nil {
                return .error(status: 400, type: "invalid_request_error", message: "\(field): Field required")
            }
        case .openAI:
            guard request.json?.objectValue != nil else {
                return .error(status: 400, type: "invalid_request_error",
                              message: "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)")
            }
            if request.json?["model"] == nil {
                return .error(status: 400, type: "invalid_request_error", message: "you must provide a model parameter")
            }
            if request.json?["messages"] == nil {
                return .error(status: 400, type: "invalid_request_error", message: "Missing required parameter: 'messages'.", code: "missing_required_parameter")
            }
        }
        return nil
    }

    /// The answer to a path the stub does not serve.
    func notFound(_ request: StubLLMRequest) -> StubHTTPAnswer {
        switch request.provider {
        case .openAI:
            render(.error(status: 404, type: "invalid_request_error", message: "Invalid URL (\(request.method) \(request.path))"), to: request)
        case .anthropic:
            render(.error(status: 404, type: "not_found_error", message: "Not found"), to: request)
        }
    }

    // MARK: Replies

    /// The answer for `reply` in the wire format of `request`.
    func render(_ reply: StubLLMReply, to request: StubLLMRequest) -> StubHTTPAnswer {
        render(reply, to: request, context: Context(model: request.model ?? models.first ?? "stub-model"))
    }

    /// What modifiers collected on the way down to a concrete reply.
    private struct Context {
        var model: String
        var usage: (input: Int, output: Int)?
        var delay: Double = 0
    }

    private func render(_ reply: StubLLMReply, to request: StubLLMRequest, context: Context) -> StubHTTPAnswer {
        var context = context
        let provider = request.provider
        var answer: StubHTTPAnswer
        switch reply {
        case .usage(let input, let output, let inner):
            context.usage = (input, output)
            return render(inner, to: request, context: context)
        case .model(let model, let inner):
            context.model = model
            return render(inner, to: request, context: context)
        case .slow(let seconds, let inner):
            context.delay += seconds
            return render(inner, to: request, context: context)
        case .operation(let value):
            let text = value.serializedString()
            if provider == .anthropic, let tool = request.toolName {
                let input: JSONValue = value.objectValue != nil ? value : ["value": value]
                answer = anthropicMessage(content: [toolUse(name: tool, input: input)], stop: "tool_use",
                                          outputBytes: input.serialized().count, request, context)
            } else {
                answer = success(text: text, finish: "stop", request, context)
            }
        case .text(let text):
            answer = success(text: text, finish: "stop", request, context)
        case .cutOff:
            answer = success(text: StubLLMReply.cutOffText, finish: "length", request, context)
        case .toolCall(let arguments, let name):
            let tool = name ?? request.toolName ?? "operation"
            switch provider {
            case .openAI:
                let call: JSONValue = [
                    "id": .string("call_stub\(serialText)"), "type": "function",
                    "function": ["name": .string(tool), "arguments": .string(arguments)],
                ]
                answer = openAICompletion(message: ["role": "assistant", "content": .null, "tool_calls": [call], "refusal": .null],
                                          finish: "tool_calls", outputBytes: arguments.utf8.count, request, context)
            case .anthropic:
                if let input = try? JSONValue(parsing: arguments), input.objectValue != nil {
                    answer = anthropicMessage(content: [toolUse(name: tool, input: input)], stop: "tool_use",
                                              outputBytes: arguments.utf8.count, request, context)
                } else {
                    answer = success(text: arguments, finish: "stop", request, context)
                }
            }
        case .error(let status, let type, let message, let code):
            answer = error(status: status, type: type, message: message, code: code, provider)
        case .rateLimited(let seconds):
            switch provider {
            case .openAI:
                answer = error(status: 429, type: "requests", message: "Rate limit reached for requests. Please try again in \(seconds)s.",
                               code: "rate_limit_exceeded", provider)
                answer.headers.append(("Retry-After", String(seconds)))
            case .anthropic:
                answer = error(status: 429, type: "rate_limit_error",
                               message: "This request would exceed the rate limit for your organization. Please try again later.", code: nil, provider)
                answer.headers.append(("retry-after", String(seconds)))
            }
        case .truncated:
            answer = success(text: #"{"operation":"get","resource":"pods","namespace":"default"}"#, finish: "stop", request, context)
            answer.truncate = true
        case .raw(let status, let headers, let body):
            answer = StubHTTPAnswer(status: status, headers: headers.sorted { $0.key < $1.key }.map { ($0.key, $0.value) },
                                    body: Array(body.utf8))
        }
        answer.delay += context.delay
        return answer
    }

    /// `GET /v1/models` in the request's format.
    func modelList(for request: StubLLMRequest) -> StubHTTPAnswer {
        switch request.provider {
        case .openAI:
            let data = models.map { JSONValue.object(["id": .string($0), "object": "model", "created": .number(1_700_000_000), "owned_by": "cortex-stub"]) }
            return withRequestID(.json(200, ["object": "list", "data": .array(data)]), .openAI)
        case .anthropic:
            let data = models.map {
                JSONValue.object(["type": "model", "id": .string($0), "display_name": .string($0), "created_at": "2025-01-01T00:00:00Z"])
            }
            return withRequestID(.json(200, [
                "data": .array(data), "has_more": false,
                "first_id": models.first.map(JSONValue.string) ?? .null, "last_id": models.last.map(JSONValue.string) ?? .null,
            ]), .anthropic)
        }
    }

    // MARK: Bodies

    private var serialText: String {
        let digits = String(serial)
        return String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// A plain-text success: OpenAI content, or one Anthropic text block.
    private func success(text: String, finish: String, _ request: StubLLMRequest, _ context: Context) -> StubHTTPAnswer {
        switch request.provider {
        case .openAI:
            openAICompletion(message: ["role": "assistant", "content": .string(text), "refusal": .null],
                             finish: finish, outputBytes: text.utf8.count, request, context)
        case .anthropic:
            anthropicMessage(content: [["type": "text", "text": .string(text)]],
                             stop: finish == "length" ? "max_tokens" : "end_turn", outputBytes: text.utf8.count, request, context)
        }
    }

    /// Token counts: the scripted ones, else about one token per four bytes (at least one).
    private func usage(_ request: StubLLMRequest, _ outputBytes: Int, _ context: Context) -> (input: Int, output: Int) {
        context.usage ?? (max(1, request.body.count / 4), max(1, outputBytes / 4))
    }

    private func openAICompletion(message: JSONValue, finish: String, outputBytes: Int, _ request: StubLLMRequest, _ context: Context) -> StubHTTPAnswer {
        let tokens = usage(request, outputBytes, context)
        let body: JSONValue = [
            "id": .string("chatcmpl-stub\(serialText)"),
            "object": "chat.completion",
            "created": .number(now),
            "model": .string(context.model),
            "choices": [["index": 0, "message": message, "logprobs": .null, "finish_reason": .string(finish)]],
            "usage": ["prompt_tokens": .number(tokens.input), "completion_tokens": .number(tokens.output),
                      "total_tokens": .number(tokens.input + tokens.output)],
        ]
        return withRequestID(.json(200, body), .openAI)
    }

    private func toolUse(name: String, input: JSONValue) -> JSONValue {
        ["type": "tool_use", "id": .string("toolu_stub\(serialText)"), "name": .string(name), "input": input]
    }

    private func anthropicMessage(content: [JSONValue], stop: String, outputBytes: Int, _ request: StubLLMRequest, _ context: Context) -> StubHTTPAnswer {
        let tokens = usage(request, outputBytes, context)
        let body: JSONValue = [
            "id": .string("msg_stub\(serialText)"),
            "type": "message",
            "role": "assistant",
            "model": .string(context.model),
            "content": .array(content),
            "stop_reason": .string(stop),
            "stop_sequence": .null,
            "usage": ["input_tokens": .number(tokens.input), "output_tokens": .number(tokens.output)],
        ]
        return withRequestID(.json(200, body), .anthropic)
    }

    private func error(status: Int, type: String, message: String, code: String?, _ provider: StubLLMProvider) -> StubHTTPAnswer {
        switch provider {
        case .openAI:
            let body: JSONValue = ["error": ["message": .string(message), "type": .string(type), "param": .null,
                                             "code": code.map(JSONValue.string) ?? .null]]
            return withRequestID(.json(status, body), .openAI)
        case .anthropic:
            let body: JSONValue = ["type": "error", "error": ["type": .string(type), "message": .string(message)]]
            return withRequestID(.json(status, body), .anthropic)
        }
    }

    /// Adds the request-id header each provider sends (`x-request-id` / `request-id`).
    private func withRequestID(_ answer: StubHTTPAnswer, _ provider: StubLLMProvider) -> StubHTTPAnswer {
        var answer = answer
        answer.headers.append((provider == .openAI ? "x-request-id" : "request-id", "req_stub\(serialText)"))
        return answer
    }
}
