public import CortexCore
import Foundation

/// `cortex llm check`: whether the endpoint answers, which models it serves, and one real
/// understanding request with its round-trip time and tokens.
public enum LLMCheck {
    /// The sentence sent as a probe: plain, one operation, every field present.
    public static let probe = "restart payments in staging"

    public static func run(_ options: LaunchOptions) throws(CortexError) -> [String] {
        let configuration = try App.configuration(options)
        let settings = try LLMSettings.resolve(options.llm, environment: options.processEnvironment, config: configuration.llm)
        let costs = try RoutingCostCommands.dispatcher(processEnvironment: options.processEnvironment)
        guard let client = try UnderstanderFactory.endpoint(settings, environments: configuration.environments,
                                                            processEnvironment: options.processEnvironment, costs: costs, interactive: true)
        else { throw .usage("no LLM endpoint is configured", hint: LLMSettings.hint) }
        let endpoint = client.endpoint
        var lines = ["endpoint: \(endpoint.baseURL) (\(endpoint.provider.rawValue)"
            + (endpoint.provider == .openai ? ", \(endpoint.dialect.rawValue)" : "") + "), model \(endpoint.model)"]
        lines.append(models(client, endpoint))

        let context = UnderstandingContext(environments: configuration.environments, knownServices: ["payments"])
        let started = ContinuousClock.now
        let reply = try client.call(probe, context: context)
        let elapsed = ContinuousClock.now - started
        let operation = reply.operation(using: StrictOperationDecoder(environments: configuration.environments))
        var detail = "in \(elapsed.wholeMilliseconds) ms"
        if let usage = reply.usage { detail += ", \(usage.promptTokens) prompt + \(usage.completionTokens) completion tokens, model \(usage.model)" }
        lines.append("understanding: \"\(probe)\" -> \(operation.canonicalJSON) \(detail)")
        if operation.op == .unknown {
            lines.append("the endpoint answered but gave no usable operation: check the model and --llm-dialect")
        }
        return lines
    }

    /// `GET /models`: best effort, since not every server lists its models.
    static func models(_ client: EndpointUnderstander, _ endpoint: LLMEndpoint) -> String {
        var base = endpoint.baseURL
        while base.hasSuffix("/") { base.removeLast() }
        var list = HTTPRequest(method: .get, url: endpoint.provider == .anthropic && !base.hasSuffix("/v1") ? base + "/v1/models" : base + "/models",
                               timeouts: endpoint.timeouts, responseSizeLimit: endpoint.responseSizeLimit)
        if endpoint.provider == .anthropic { list.headers.set("anthropic-version", "2023-06-01") }
        let request: HTTPRequest
        do throws(LLMError) { request = try LLMRequest(provider: endpoint.provider, http: list, apiKey: client.apiKey).authorized() } catch {
            return "models: \(error.message)"
        }
        let started = ContinuousClock.now
        do throws(HTTPTransportError) {
            let response = try client.transport.send(request)
            let ms = (ContinuousClock.now - started).wholeMilliseconds
            guard response.isSuccess else { return "models: HTTP \(response.status) in \(ms) ms (the server may not list models)" }
            let ids = ((try? JSONValue(parsing: Array(response.body)))?["data"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
            let listed = ids.contains(endpoint.model) ? "the configured model is listed" : "the configured model is not listed"
            return "models: answered in \(ms) ms: \(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", …" : "") (\(listed))"
        } catch {
            return "models: \(error.description)"
        }
    }
}
