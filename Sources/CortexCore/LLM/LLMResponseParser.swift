public import FoundationEssentials

/// The tokens one call used, as the endpoint reported them.
public struct LLMUsage: Equatable, Sendable {
    /// The model that answered, as the endpoint named it (which may differ from the one asked for).
    public var model: String
    /// Tokens read: system prompt, examples, context and sentence.
    public var promptTokens: Int64
    /// Tokens written by the model.
    public var completionTokens: Int64

    /// Usage as reported by the endpoint.
    public init(model: String, promptTokens: Int64, completionTokens: Int64) {
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }

    /// The usage ledger's record of this call; the caller supplies time and latency, which
    /// this pure layer cannot read.
    public func record(at instant: Date, latencyMilliseconds: Int64) -> LLMUsageRecord {
        LLMUsageRecord(
            at: instant, model: model, promptTokens: promptTokens, completionTokens: completionTokens,
            latencyMilliseconds: latencyMilliseconds)
    }
}

/// What the model said, before strict decoding.
public enum LLMAnswer: Equatable, Sendable {
    /// Message text, or a tool call's arguments as the JSON text OpenAI sends them in.
    case text(String)
    /// A tool call's input that arrived as a JSON value (Anthropic's `tool_use`).
    case arguments(JSONValue)
    /// The model gave no usable answer: it was cut off, refused, or said nothing. The reason
    /// becomes the `unknown` operation's.
    case notUnderstood(String)
}

/// A successful exchange: the answer and what it cost.
public struct LLMReply: Equatable, Sendable {
    /// What the model said, still to be decoded strictly.
    public var answer: LLMAnswer
    /// Nil when the endpoint reported no token counts.
    public var usage: LLMUsage?

    /// A reply; `usage` is nil when the endpoint reported no token counts.
    public init(answer: LLMAnswer, usage: LLMUsage?) {
        self.answer = answer
        self.usage = usage
    }

    /// The one operation the answer holds, or `unknown` saying why there is none.
    public func operation(using decoder: StrictOperationDecoder) -> Operation {
        switch answer {
        case .text(let text): decoder.decode(text)
        case .arguments(let value): decoder.decode(value)
        case .notUnderstood(let reason): .unknown(reason)
        }
    }
}

/// Why asking the model failed. Messages quote what the server said only after removing
/// anything that looks like a credential, and never for refused credentials, whose messages
/// tend to echo part of the key.
public struct LLMError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kind of failure, for callers that react differently (stop asking, retry later).
    public enum Kind: String, Sendable {
        /// 401 or 403: the key is missing, wrong or lacks access.
        case unauthorized
        /// 404: wrong base URL or unknown model.
        case notFound
        /// 429: too many requests or tokens.
        case rateLimited
        /// 5xx or an overloaded provider.
        case unavailable
        /// Another 4xx: the server would not take the request as built.
        case rejected
        /// A reply that is not what the protocol promises: not JSON, empty, wrong shape.
        case invalidResponse
        /// The key would have travelled unencrypted; nothing was sent.
        case insecure
    }

    /// What went wrong, as a value to switch on.
    public var kind: Kind
    /// The HTTP status, when a response came back.
    public var status: Int?
    /// One line for the user; never holds a credential.
    public var message: String
    /// What to do about it, when there is something to do.
    public var hint: String?

    /// An error; `message` and `hint` must already be free of secrets.
    public init(_ kind: Kind, status: Int?, message: String, hint: String? = nil) {
        self.kind = kind
        self.status = status
        self.message = message
        self.hint = hint
    }

    /// The message, and the hint on a second line, as `CortexError` renders them.
    public var description: String { cortexError.description }

    /// The error as the shell reports it. Problems of configuration (key, URL, model, a
    /// request the server refuses) exit 2; passing trouble with the endpoint exits 1.
    public var cortexError: CortexError {
        switch kind {
        case .unauthorized, .notFound, .rejected, .insecure: .usage(message, hint: hint)
        case .rateLimited, .unavailable, .invalidResponse: .failed(message, hint: hint)
        }
    }
}

/// Reads an endpoint's HTTP response into a reply or an error, for either provider.
///
/// A reply is produced whenever the model answered, even when the answer is unusable (cut
/// off at the token limit, refused): tokens were spent and the caller records them, and the
/// sentence becomes `unknown`. Errors are for exchanges where no answer came back.
public struct LLMResponseParser: Sendable {
    /// Decides the response format and the model name used when the server names none.
    public var endpoint: LLMEndpoint

    /// The longest piece of a server's error message quoted back to the user.
    public static let maxQuotedLength = 300

    /// A parser for responses from `endpoint`.
    public init(endpoint: LLMEndpoint) {
        self.endpoint = endpoint
    }

    /// Parses `response`. `apiKey`, when given, is removed from any quoted server text even
    /// in forms the general redactor would not recognise.
    public func parse(_ response: HTTPResponse, apiKey: Secret? = nil) throws(LLMError) -> LLMReply {
        let status = response.status
        guard !response.body.isEmpty else {
            if response.isSuccess {
                throw LLMError(.invalidResponse, status: status, message: "the LLM endpoint sent an empty response (HTTP \(status))")
            }
            throw failure(status: status, serverMessage: nil, apiKey: apiKey)
        }
        let body: JSONValue
        do throws(JSONParseError) {
            body = try JSONValue(parsing: response.body, maxDepth: 64)
        } catch {
            guard response.isSuccess else { throw failure(status: status, serverMessage: nil, apiKey: apiKey) }
            let type = response.headers["content-type"].map { " (\(StrictOperationDecoder.cleaned($0, limit: 60)))" } ?? ""
            throw LLMError(
                .invalidResponse, status: status,
                message: "the LLM endpoint's response is not JSON\(type): \(error.reason) at byte \(error.offset)",
                hint: "check that the base URL points at the API itself, not a web page or proxy")
        }
        let serverError = Self.errorMessage(in: body)
        guard response.isSuccess, serverError == nil else {
            throw failure(status: status, serverMessage: serverError ?? "", apiKey: apiKey)
        }
        guard body.objectValue != nil else {
            throw LLMError(.invalidResponse, status: status, message: "the LLM endpoint's response is not a JSON object")
        }
        switch endpoint.provider {
        case .openai: return try openAIReply(body, status: status)
        case .anthropic: return try anthropicReply(body, status: status)
        }
    }

    // MARK: - Successful replies

    private func openAIReply(_ body: JSONValue, status: Int) throws(LLMError) -> LLMReply {
        let usage = usage(body, prompt: "prompt_tokens", completion: "completion_tokens")
        guard let choice = body["choices"]?.arrayValue?.first, let message = choice["message"], message.objectValue != nil else {
            throw LLMError(.invalidResponse, status: status, message: "the LLM endpoint's response has no choices")
        }
        if let refusal = message["refusal"]?.stringValue, !refusal.trimmedWhitespace.isEmpty {
            return LLMReply(answer: .notUnderstood("the model refused: " + Self.quote(refusal, apiKey: nil)), usage: usage)
        }
        switch choice["finish_reason"]?.stringValue {
        case "length": return LLMReply(answer: .notUnderstood(Self.cutOff), usage: usage)
        case "content_filter": return LLMReply(answer: .notUnderstood(Self.filtered), usage: usage)
        default: break
        }
        if let calls = message["tool_calls"]?.arrayValue, !calls.isEmpty {
            guard calls.count == 1 else { return LLMReply(answer: .notUnderstood(Self.several), usage: usage) }
            switch calls[0][path: ["function", "arguments"]] {
            case .string(let text): return LLMReply(answer: .text(text), usage: usage)
            case .some(let value): return LLMReply(answer: .arguments(value), usage: usage)
            case nil: return LLMReply(answer: .notUnderstood(Self.silent), usage: usage)
            }
        }
        switch message["content"] {
        case .string(let text):
            return LLMReply(answer: .text(text), usage: usage)
        case .array(let parts):
            // Some servers send content as typed parts; only text parts carry an answer.
            let text = parts.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }.joined()
            return LLMReply(answer: text.isEmpty ? .notUnderstood(Self.silent) : .text(text), usage: usage)
        default:
            return LLMReply(answer: .notUnderstood(Self.silent), usage: usage)
        }
    }

    private func anthropicReply(_ body: JSONValue, status: Int) throws(LLMError) -> LLMReply {
        let usage = usage(body, prompt: "input_tokens", completion: "output_tokens")
        guard let blocks = body["content"]?.arrayValue else {
            throw LLMError(.invalidResponse, status: status, message: "the LLM endpoint's response has no content")
        }
        switch body["stop_reason"]?.stringValue {
        case "max_tokens": return LLMReply(answer: .notUnderstood(Self.cutOff), usage: usage)
        case "refusal": return LLMReply(answer: .notUnderstood("the model refused to answer"), usage: usage)
        default: break
        }
        let calls = blocks.filter { $0["type"]?.stringValue == "tool_use" }
        if !calls.isEmpty {
            guard calls.count == 1 else { return LLMReply(answer: .notUnderstood(Self.several), usage: usage) }
            guard let input = calls[0]["input"] else { return LLMReply(answer: .notUnderstood(Self.silent), usage: usage) }
            return LLMReply(answer: .arguments(input), usage: usage)
        }
        let text = blocks.compactMap { $0["type"]?.stringValue == "text" ? $0["text"]?.stringValue : nil }.joined()
        return LLMReply(answer: text.isEmpty ? .notUnderstood(Self.silent) : .text(text), usage: usage)
    }

    private static let cutOff = "the model's answer was cut off at the token limit"
    private static let filtered = "the provider's content filter stopped the model's answer"
    private static let several = "the model answered with several operations"
    private static let silent = "the model gave no answer"

    /// Token counts when both are whole, non-negative numbers; the model name falls back to
    /// the one asked for.
    private func usage(_ body: JSONValue, prompt: String, completion: String) -> LLMUsage? {
        guard case .int(let promptTokens)? = body[path: ["usage", prompt]],
              case .int(let completionTokens)? = body[path: ["usage", completion]],
              promptTokens >= 0, completionTokens >= 0
        else { return nil }
        let reported = body["model"]?.stringValue.map { StrictOperationDecoder.cleaned($0, limit: 200) } ?? ""
        return LLMUsage(
            model: reported.isEmpty ? endpoint.model : reported, promptTokens: promptTokens, completionTokens: completionTokens)
    }

    // MARK: - Errors

    /// The server's own error text: OpenAI's and llama.cpp's `{"error":{"message":…}}`, a bare
    /// `{"error":"…"}`, or Anthropic's `{"type":"error","error":{"type":…,"message":…}}`.
    /// Nil when the body is no error.
    static func errorMessage(in body: JSONValue) -> String? {
        guard let error = body["error"], !error.isNull else {
            return body["type"]?.stringValue == "error" ? "" : nil
        }
        if let text = error.stringValue { return text }
        let message = error["message"]?.stringValue ?? ""
        let type = error["type"]?.stringValue ?? ""
        if message.isEmpty { return type }
        return type.isEmpty || message.contains(type) ? message : "\(message) (\(type))"
    }

    private func failure(status: Int, serverMessage: String?, apiKey: Secret?) -> LLMError {
        let said = serverMessage.map { Self.quote($0, apiKey: apiKey) }.flatMap { $0.isEmpty ? nil : $0 }
        let detail = said.map { ": \($0)" } ?? ""
        switch status {
        case 401, 403:
            return LLMError(
                .unauthorized, status: status, message: "the LLM endpoint refused the credentials (HTTP \(status))",
                hint: "check the API key configured for the LLM endpoint and that it may use model \(StrictOperationDecoder.quoted(endpoint.model))")
        case 404:
            return LLMError(
                .notFound, status: status, message: "the LLM endpoint has no such URL or model (HTTP 404)\(detail)",
                hint: "check the base URL (\(Self.quote(endpoint.requestURL, apiKey: apiKey))) and the model name")
        case 429:
            return LLMError(
                .rateLimited, status: status, message: "the LLM endpoint is limiting requests (HTTP 429)\(detail)",
                hint: "wait a moment and try again, or raise the limit with the provider")
        case 500...599:
            return LLMError(
                .unavailable, status: status, message: "the LLM endpoint failed (HTTP \(status))\(detail)",
                hint: dialectHint(said) ?? "try again later; the embedded parser still works without the endpoint")
        case 400...499:
            return LLMError(
                .rejected, status: status, message: "the LLM endpoint rejected the request (HTTP \(status))\(detail)",
                hint: dialectHint(said))
        default:
            let overloaded = said?.contains("overloaded") == true
            return LLMError(
                overloaded ? .unavailable : .invalidResponse, status: status,
                message: "the LLM endpoint answered with an error (HTTP \(status))\(detail)")
        }
    }

    /// llama-cpp-python fails on `json_schema`; say which setting fixes it.
    private func dialectHint(_ said: String?) -> String? {
        guard endpoint.provider == .openai, endpoint.dialect == .jsonSchema,
              let said, said.contains("response_format") || said.contains("json_schema")
        else { return nil }
        return "this server may want the json_object schema dialect (llama-cpp-python does)"
    }

    /// Server text made safe to show: the key itself removed, credential shapes redacted,
    /// hidden characters dropped, cut short.
    static func quote(_ text: String, apiKey: Secret?) -> String {
        var scrubbed = text
        if let key = apiKey?.revealed, key.count >= 4 {
            scrubbed = scrubbed.replacing(key, with: SecretRedactor.mask)
        }
        return StrictOperationDecoder.cleaned(SecretRedactor().redact(scrubbed), limit: maxQuotedLength)
    }
}
