public import CortexCore

/// The wire format a request to the stub speaks, decided by its path and headers.
public enum StubLLMProvider: String, Sendable, CaseIterable {
    /// OpenAI-compatible chat completions: `POST /v1/chat/completions` (or `/chat/completions`).
    case openAI = "openai"
    /// Anthropic Messages: `POST /v1/messages` (or `/messages`).
    case anthropic

    /// The provider a request is for: Anthropic for a `messages` path or when the request
    /// carries `anthropic-version` or `x-api-key` (which tells the two `GET /v1/models` apart);
    /// OpenAI otherwise.
    static func of(path: String, headers: [String: String]) -> StubLLMProvider {
        if path == "/v1/messages" || path == "/messages" { return .anthropic }
        if path.hasSuffix("/chat/completions") { return .openAI }
        return headers["anthropic-version"] != nil || headers["x-api-key"] != nil ? .anthropic : .openAI
    }
}

/// One HTTP request as the stub received it, kept for assertions.
public struct StubLLMRequest: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// The request target as sent: path and query.
    public var target: String
    /// Header fields with lowercased names; a repeated field keeps its last value.
    public var headers: [String: String]
    /// The body bytes exactly as received.
    public var body: [UInt8]
    /// The body parsed as JSON, or nil when it is empty or not JSON.
    public var json: JSONValue?

    public init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        self.method = method
        self.target = target
        self.headers = headers
        self.body = body
        json = body.isEmpty ? nil : try? JSONValue(parsing: body)
    }

    /// The target without its query.
    public var path: String {
        target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
    }

    /// The body as UTF-8 text.
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// The wire format the stub answers this request in.
    public var provider: StubLLMProvider { .of(path: path, headers: headers) }

    /// The `model` member of the JSON body.
    public var model: String? { json?["model"]?.stringValue }

    /// The tool the answer should call: the one `tool_choice` names, else the first of `tools`
    /// (OpenAI nests it under `function`, Anthropic does not).
    public var toolName: String? {
        if let choice = json?["tool_choice"] {
            if let name = choice["name"]?.stringValue ?? choice["function"]?["name"]?.stringValue { return name }
        }
        guard let first = json?["tools"]?.arrayValue?.first else { return nil }
        return first["name"]?.stringValue ?? first["function"]?["name"]?.stringValue
    }
}

/// What the stub answers one request with. Success replies are rendered in the wire format of
/// the request (see ``StubLLMProvider``); error replies in that provider's error envelope.
///
/// Modifiers wrap a reply: ``withUsage(input:output:)`` fixes the token counts and
/// ``withModel(_:)`` the reported model (both otherwise follow the request).
public indirect enum StubLLMReply: Sendable {
    /// A structured answer. OpenAI: the JSON text as the message content (`finish_reason: "stop"`).
    /// Anthropic: a `tool_use` block whose `input` is the value, named after the request's
    /// tool (`stop_reason: "tool_use"`); a request without tools gets the JSON text in a text
    /// block instead, and a value that is not an object is wrapped as `{"value": ...}`.
    case operation(JSONValue)
    /// Assistant text as it is, e.g. prose or malformed JSON. OpenAI: message content;
    /// Anthropic: one text block (`stop_reason: "end_turn"`).
    case text(String)
    /// An OpenAI tool call: `message.tool_calls` with these `arguments` (a JSON string, sent
    /// verbatim, so it may be malformed), `content: null`, `finish_reason: "tool_calls"`.
    /// The function is the request's tool (or `name`). Anthropic: a `tool_use` block when the
    /// arguments parse as an object, otherwise a text block.
    case toolCall(arguments: String, name: String? = nil)
    /// An error in the provider's envelope. OpenAI: `{"error":{"message","type","param":null,"code"}}`;
    /// Anthropic: `{"type":"error","error":{"type","message"}}`.
    case error(status: Int, type: String, message: String, code: String? = nil)
    /// 429 with `retry-after` and the provider's rate-limit body (OpenAI: type `requests`,
    /// code `rate_limit_exceeded`; Anthropic: `rate_limit_error`).
    case rateLimited(retryAfterSeconds: Int)
    /// Waits before sending the status line of `then`.
    case slow(seconds: Double, then: StubLLMReply)
    /// Announces a success body's full `Content-Length`, sends about half of it, then closes
    /// the connection.
    case truncated
    /// The model ran out of tokens: OpenAI `finish_reason: "length"` with a partial JSON text;
    /// Anthropic `stop_reason: "max_tokens"` with the same partial text in a text block.
    case cutOff
    /// Exactly these bytes (e.g. a proxy's HTML page, an empty body). `Content-Length` is added.
    case raw(status: Int, headers: [String: String], body: String)
    /// `reply` with these token counts in `usage`.
    case usage(input: Int, output: Int, reply: StubLLMReply)
    /// `reply` reporting this model instead of the requested one.
    case model(String, reply: StubLLMReply)

    /// The same reply with fixed token counts (prompt/input and completion/output).
    public func withUsage(input: Int, output: Int) -> StubLLMReply { .usage(input: input, output: output, reply: self) }

    /// The same reply naming `model` as the model that answered.
    public func withModel(_ model: String) -> StubLLMReply { .model(model, reply: self) }

    /// A structured answer given as JSON text; text that is not JSON becomes ``text(_:)``.
    public static func operation(json: String) -> StubLLMReply {
        if let value = try? JSONValue(parsing: json) { return .operation(value) }
        return .text(json)
    }

    /// Anthropic's 529 `overloaded_error` (OpenAI clients see the same status and type).
    public static var overloaded: StubLLMReply { .error(status: 529, type: "overloaded_error", message: "Overloaded") }

    /// The partial answer a ``cutOff`` reply carries.
    public static let cutOffText = #"{"operation":"scale","namespace":"staging","target":"deploy"#
}
