internal import FoundationEssentials
import Synchronization

/// A request for one operation, complete except for its credential.
///
/// `http` never holds the API key, so the request can be printed, logged, compared in tests
/// or kept for a retry without the key going along. `authorized()` places the key where the
/// provider wants it and is meant to be called right before the transport sends it.
public struct LLMRequest: Sendable, Equatable, CustomStringConvertible {
    /// Decides where `authorized()` puts the key.
    public var provider: LLMProvider
    /// The request without any credential.
    public var http: HTTPRequest
    /// Nil for endpoints without authentication, such as a local llama.cpp server.
    public var apiKey: Secret?

    /// A request whose `http` must not already carry a credential.
    public init(provider: LLMProvider, http: HTTPRequest, apiKey: Secret?) {
        self.provider = provider
        self.http = http
        self.apiKey = apiKey
    }

    /// `POST url`: no headers, no body, no key.
    public var description: String { http.description }

    /// The request to send. OpenAI-compatible servers get the key as a bearer token, which
    /// the transport refuses to send over plain http except to a server on this machine;
    /// Anthropic gets it as `x-api-key`, and since the transport does not know that header,
    /// the same rule is applied here.
    public func authorized() throws(LLMError) -> HTTPRequest {
        var request = http
        request.allowsCredentialsToLoopback = true
        guard let apiKey, !apiKey.revealed.isEmpty else { return request }
        switch provider {
        case .openai:
            request.bearerToken = apiKey
        case .anthropic:
            let local = LoopbackHost.host(of: request.url).map(LoopbackHost.contains) ?? false
            guard local || request.url.lowercased().hasPrefix("https://") else {
                throw LLMError(
                    .insecure, status: nil, message: "refused to send the API key over plain http",
                    hint: "use an https:// base URL for the Anthropic endpoint")
            }
            request.headers.set("x-api-key", apiKey.revealed)
        }
        return request
    }
}

/// Builds the HTTP request that asks a model to turn one sentence into one operation.
///
/// The model sees the system prompt, the few-shot examples as earlier turns, and a last user
/// message holding the context and the sentence. The context is limited to what helps name
/// the target: the configured environments with their aliases, the session's current
/// environment, and the service names in the cluster. Nothing else from the session,
/// configuration or cluster is sent.
public struct LLMRequestBuilder: Sendable {
    /// Where the request goes and in which format.
    public var endpoint: LLMEndpoint
    /// The system text and examples sent ahead of the sentence.
    public var prompt: LLMPrompt

    /// At most this many known service names go into a request; a large cluster would
    /// otherwise fill the context window with names.
    public static let maxServiceNames = 200
    /// The longest sentence sent, in characters.
    public static let maxSentenceLength = 2_000
    /// The name of the tool Anthropic is made to call.
    public static let toolName = "submit_operation"

    /// The serialized body around the last user turn, for the environments it was made for:
    /// everything but that turn (prompt, examples, schema) is the same for every request.
    private let template = BodyTemplateCache()

    /// A builder for one endpoint and prompt; it holds no key and can be shared.
    public init(endpoint: LLMEndpoint, prompt: LLMPrompt) {
        self.endpoint = endpoint
        self.prompt = prompt
    }

    /// The request for `sentence`. `apiKey` stays out of the HTTP request until `authorized()`.
    public func request(for sentence: String, context: UnderstandingContext, apiKey: Secret? = nil) -> LLMRequest {
        var headers: HTTPHeaders = ["content-type": "application/json", "accept": "application/json"]
        if endpoint.provider == .anthropic { headers.add("anthropic-version", "2023-06-01") }
        let http = HTTPRequest(
            method: .post, url: endpoint.requestURL, headers: headers,
            body: Data(serializedBody(for: sentence, context: context)),
            timeouts: endpoint.timeouts, responseSizeLimit: endpoint.responseSizeLimit)
        return LLMRequest(provider: endpoint.provider, http: http, apiKey: apiKey)
    }

    /// A request for plain text (no schema, no tool): `system` and one user turn, at most
    /// `maxTokens` long. Used to explain a diagnosis, never to choose an operation.
    public func textRequest(system: String, user: String, maxTokens: Int, apiKey: Secret? = nil) -> LLMRequest {
        var headers: HTTPHeaders = ["content-type": "application/json", "accept": "application/json"]
        if endpoint.provider == .anthropic { headers.add("anthropic-version", "2023-06-01") }
        var body: JSONValue = [
            "model": .string(endpoint.model), "max_tokens": .number(min(maxTokens, endpoint.maxTokens)),
            "temperature": .double(endpoint.temperature), "stream": false,
        ]
        switch endpoint.provider {
        case .openai:
            body["messages"] = [["role": "system", "content": .string(system)], ["role": "user", "content": .string(user)]]
        case .anthropic:
            body["system"] = .string(system)
            body["messages"] = [["role": "user", "content": .string(user)]]
        }
        let http = HTTPRequest(
            method: .post, url: endpoint.requestURL, headers: headers, body: Data(body.serialized()),
            timeouts: endpoint.timeouts, responseSizeLimit: endpoint.responseSizeLimit)
        return LLMRequest(provider: endpoint.provider, http: http, apiKey: apiKey)
    }

    /// `body(for:context:)` serialized, byte for byte, with the part that does not depend on
    /// the sentence built once per set of environments.
    public func serializedBody(for sentence: String, context: UnderstandingContext) -> [UInt8] {
        let parts = template.parts(for: context.environments) { () -> ([UInt8], [UInt8])? in
            let placeholder = "\u{1}cortex-last-turn\u{1}"
            return body(lastTurn: placeholder, environments: context.environments).serializedWithLastTurn(placeholder)
        }
        let turn = JSONValue.string(Self.userMessage(sentence, context: context)).serialized()
        guard let (head, tail) = parts else { return body(for: sentence, context: context).serialized() }
        return head + turn + tail
    }

    /// The JSON body for `sentence`, in the endpoint provider's format.
    public func body(for sentence: String, context: UnderstandingContext) -> JSONValue {
        body(lastTurn: Self.userMessage(sentence, context: context), environments: context.environments)
    }

    /// The body with `lastTurn` as the content of the final user message.
    func body(lastTurn: String, environments: EnvironmentCatalog) -> JSONValue {
        let context = UnderstandingContext(environments: environments)
        let schema = OperationSchema.schema(endpoint.schemaShape, environments: context.environments)
        let exampleContext = UnderstandingContext(environments: context.environments)
        var turns: [JSONValue] = []
        for example in prompt.examples {
            turns.append(["role": "user", "content": .string(Self.userMessage(example.text, context: exampleContext))])
            turns.append(["role": "assistant", "content": .string(Self.exampleAnswer(example.operation))])
        }
        turns.append(["role": "user", "content": .string(lastTurn)])
        var body: JSONValue = [
            "model": .string(endpoint.model), "max_tokens": .number(endpoint.maxTokens),
            "temperature": .double(endpoint.temperature), "stream": false,
        ]
        switch endpoint.provider {
        case .openai:
            body["messages"] = .array([["role": "system", "content": .string(prompt.system)]] + turns)
            switch endpoint.dialect {
            case .jsonSchema:
                body["response_format"] = [
                    "type": "json_schema",
                    "json_schema": ["name": "operation", "strict": true, "schema": schema],
                ]
            case .jsonObject:
                body["response_format"] = ["type": "json_object", "schema": schema]
            }
        case .anthropic:
            body["system"] = .string(prompt.system)
            body["messages"] = .array(turns)
            body["tools"] = [[
                "name": .string(Self.toolName),
                "description": "Submit the one operation the request asks for, or op unknown with a reason.",
                "input_schema": schema,
            ]]
            body["tool_choice"] = ["type": "tool", "name": .string(Self.toolName)]
        }
        return body
    }

    /// An example's operation as the assistant's answer: its JSON with the members in the order
    /// a schema-constrained server makes the model write them. llama.cpp turns an object
    /// schema into a grammar that writes the required properties first and the optional ones
    /// after, each group in name order. Examples in plain name order (`environment` before
    /// `op`) teach the model that `service` comes last, so under that grammar it closes the
    /// object right after `service` and drops the environment and every other optional field;
    /// measured against a real server, that alone cost most deploys and scales.
    public static func exampleAnswer(_ operation: Operation) -> String {
        let canonical = operation.canonicalJSON
        guard let members = (try? JSONValue(parsing: canonical))?.objectValue else { return canonical }
        let required = Set(([Operation.Field.op] + Operation.required[operation.op, default: []]).map(\.rawValue))
        let names = members.keys.sorted { a, b in
            required.contains(a) == required.contains(b) ? a < b : required.contains(a)
        }
        let parts = names.map { name in
            JSONValue.string(name).serializedString() + ":" + (members[name] ?? .null).serializedString()
        }
        return "{" + parts.joined(separator: ",") + "}"
    }

    /// The user turn: context lines, then the request. Every piece is cleaned to one line, so
    /// a sentence cannot forge a context line of its own.
    public static func userMessage(_ sentence: String, context: UnderstandingContext) -> String {
        let clean = { (text: String, limit: Int) in StrictOperationDecoder.cleaned(text, limit: limit) }
        let environments = context.environments.definitions.map { definition in
            let name = clean(definition.name, 63)
            let aliases = definition.aliases.map { clean($0, 63) }.filter { !$0.isEmpty }
            return aliases.isEmpty ? name : "\(name) (aliases: \(aliases.joined(separator: ", ")))"
        }
        var lines = ["Environments: " + (environments.isEmpty ? "none configured" : environments.joined(separator: "; "))]
        if let current = context.currentEnvironment.flatMap(context.environments.canonical) {
            lines.append("Current environment: \(clean(current, 63))")
        }
        var seen = Set<String>()
        let services = context.knownServices.filter { ServiceName.isValid($0) && seen.insert($0).inserted }
        if !services.isEmpty {
            lines.append("Known services: " + services.prefix(maxServiceNames).joined(separator: ", "))
        }
        // A secret typed into the request (a token, a password) never goes to the model.
        lines.append("Request: " + clean(SecretRedactor().redact(sentence), maxSentenceLength))
        return lines.joined(separator: "\n")
    }
}

/// The bytes before and after the last user turn, kept for one environment catalog.
private final class BodyTemplateCache: Sendable {
    private let state = Mutex<(environments: EnvironmentCatalog, parts: ([UInt8], [UInt8])?)?>(nil)

    func parts(for environments: EnvironmentCatalog, make: () -> ([UInt8], [UInt8])?) -> ([UInt8], [UInt8])? {
        if let cached = state.withLock({ $0 }), cached.environments == environments { return cached.parts }
        let parts = make()
        state.withLock { $0 = (environments, parts) }
        return parts
    }
}

extension JSONValue {
    /// The serialization split around the one occurrence of the string value `placeholder`,
    /// which must be the last user turn's content; nil when it is not found exactly once.
    fileprivate func serializedWithLastTurn(_ placeholder: String) -> ([UInt8], [UInt8])? {
        let bytes = serialized(), marker = JSONValue.string(placeholder).serialized()
        var found: Int?
        var i = 0
        while i + marker.count <= bytes.count {
            if bytes[i] == marker[0] && bytes[i..<(i + marker.count)].elementsEqual(marker) {
                guard found == nil else { return nil }
                found = i
            }
            i += 1
        }
        guard let at = found else { return nil }
        return (Array(bytes[..<at]), Array(bytes[(at + marker.count)...]))
    }
}
