/// The wire protocol an LLM endpoint speaks.
public enum LLMProvider: String, Sendable, CaseIterable {
    /// OpenAI-compatible chat completions (`POST {base}/chat/completions`): OpenAI itself,
    /// Ollama, llama.cpp's server, vLLM, LM Studio.
    case openai
    /// Anthropic's Messages API (`POST {base}/v1/messages`), answering through a forced tool call.
    case anthropic
}

/// How an OpenAI-compatible server is told to hold its answer to the operation schema.
/// Servers disagree: llama.cpp's own server and OpenAI want `json_schema`, llama-cpp-python
/// answers HTTP 500 to that and wants its own `json_object` with a `schema` beside it.
/// The raw values are the names `--llm-dialect`, `CORTEX_LLM_DIALECT` and `llm: dialect` take.
public enum SchemaDialect: String, Sendable, CaseIterable {
    /// `{"type":"json_schema","json_schema":{"name":"operation","strict":true,"schema":…}}`.
    case jsonSchema = "json_schema"
    /// `{"type":"json_object","schema":…}`, llama-cpp-python's form.
    case jsonObject = "json_object"
}

/// Where and how to ask a model for an operation. Holds no credential: the API key is
/// handed over separately as a `Secret`, so an endpoint can be printed, compared and stored.
public struct LLMEndpoint: Sendable, Equatable {
    /// Which wire protocol to speak; decides the path, headers and body shape.
    public var provider: LLMProvider
    /// Up to the API's version segment for OpenAI-compatible servers
    /// (`http://127.0.0.1:8080/v1`, `https://api.openai.com/v1`); the host alone for
    /// Anthropic (`https://api.anthropic.com`, a trailing `/v1` is tolerated).
    public var baseURL: String
    /// The model name as the server knows it (`gpt-4o-mini`, `qwen2.5-0.5b`, `claude-haiku-4-5`).
    public var model: String
    /// Used by `openai` only; Anthropic is always asked through a tool's input schema.
    public var dialect: SchemaDialect
    /// `.flat` for OpenAI's strict mode, which refuses `anyOf` at the root.
    public var schemaShape: OperationSchema.Shape
    /// An operation is a short object; a low cap ends a rambling answer early and cheaply.
    public var maxTokens: Int
    /// 0, so the same sentence gives the same operation.
    public var temperature: Double
    /// Short by default: the embedded parser answers at once, so a slow endpoint should fail fast.
    public var timeouts: HTTPTimeouts
    /// A larger response is cut off by the transport, never read whole.
    public var responseSizeLimit: ResponseSizeLimit

    /// One mebibyte: a chat completion holding one operation is a few hundred bytes.
    public static let defaultResponseSizeLimit = ResponseSizeLimit(bytes: 1 << 20)

    /// An endpoint with the defaults a shell wants: deterministic, short answers and quick failure.
    public init(
        provider: LLMProvider, baseURL: String, model: String, dialect: SchemaDialect = .jsonSchema,
        schemaShape: OperationSchema.Shape = .perOperation, maxTokens: Int = 256, temperature: Double = 0,
        timeouts: HTTPTimeouts = HTTPTimeouts(connect: .seconds(5), total: .seconds(30)),
        responseSizeLimit: ResponseSizeLimit = LLMEndpoint.defaultResponseSizeLimit
    ) {
        self.provider = provider
        self.baseURL = baseURL
        self.model = model
        self.dialect = dialect
        self.schemaShape = schemaShape
        self.maxTokens = maxTokens
        self.temperature = temperature
        self.timeouts = timeouts
        self.responseSizeLimit = responseSizeLimit
    }

    /// The URL requests go to, with the provider's path appended to `baseURL`.
    public var requestURL: String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        switch provider {
        case .openai:
            return base + "/chat/completions"
        case .anthropic:
            return base.hasSuffix("/v1") ? base + "/messages" : base + "/v1/messages"
        }
    }
}
