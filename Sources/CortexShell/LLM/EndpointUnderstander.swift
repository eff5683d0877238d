public import CortexCore
public import Foundation

/// Where each LLM call's tokens, model and latency go, for the cost module.
public protocol LLMUsageRecorder: Sendable {
    func recordUsage(_ record: LLMUsageRecord) throws(CortexError)
}

extension CostLedgers: LLMUsageRecorder {}

/// Asks an LLM endpoint for the operation of one sentence: builds the provider's request,
/// sends it over the shared transport (TLS, proxy, timeouts, size limit, retries on 429 and
/// server errors, Ctrl-C), records usage, and decodes the answer strictly. Whatever the model
/// says, what comes out is one operation of the schema or `unknown` with the reason.
public struct EndpointUnderstander: RemoteUnderstander {
    let builder: LLMRequestBuilder
    let parser: LLMResponseParser
    let transport: any HTTPTransport
    let apiKey: Secret?
    let usage: (any LLMUsageRecorder)?
    let now: @Sendable () -> Date
    /// Reset before each call and set by Ctrl-C while it runs; nil where nobody can press it.
    let interrupt: CancellationFlag?

    public init(endpoint: LLMEndpoint, prompt: LLMPrompt, transport: any HTTPTransport, apiKey: Secret?,
                usage: (any LLMUsageRecorder)? = nil, interrupt: CancellationFlag? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        builder = LLMRequestBuilder(endpoint: endpoint, prompt: prompt)
        parser = LLMResponseParser(endpoint: endpoint)
        self.transport = transport
        self.apiKey = apiKey
        self.usage = usage
        self.interrupt = interrupt
        self.now = now
    }

    public var endpoint: LLMEndpoint { builder.endpoint }

    public func understand(_ text: String, context: UnderstandingContext) -> Result<Understanding, CortexError> {
        let reply: LLMReply
        do throws(CortexError) {
            reply = try call(text, context: context)
        } catch {
            return .failure(error)
        }
        let operation = reply.operation(using: StrictOperationDecoder(environments: context.environments))
        // The model's own certainty is unknown; a decoded operation counts as understood.
        return .success(Understanding(operation: operation, confidence: operation.op == .unknown ? 0 : 0.9, source: "llm"))
    }

    /// One exchange with the endpoint, usage recorded; errors say what to check.
    public func call(_ text: String, context: UnderstandingContext) throws(CortexError) -> LLMReply {
        let request: HTTPRequest
        do throws(LLMError) { request = try builder.request(for: text, context: context, apiKey: apiKey).authorized() } catch {
            throw error.cortexError
        }
        interrupt?.reset()
        let scope = interrupt.map { flag in InterruptScope.begin { flag.cancel() } }
        defer { scope?.end() }
        let started = ContinuousClock.now
        let response: HTTPResponse
        do throws(HTTPTransportError) { response = try transport.send(request) } catch {
            throw Self.transportError(error, endpoint: endpoint)
        }
        let elapsed = ContinuousClock.now - started
        do throws(LLMError) {
            let reply = try parser.parse(response, apiKey: apiKey)
            if let used = reply.usage {
                // Losing a usage record must not lose the request; the cost report shows ledger problems.
                try? usage?.recordUsage(used.record(at: now(), latencyMilliseconds: elapsed.wholeMilliseconds))
            }
            return reply
        } catch {
            throw error.cortexError
        }
    }

    static func transportError(_ error: HTTPTransportError, endpoint: LLMEndpoint) -> CortexError {
        switch error {
        case .cancelled:
            return CortexError("the LLM call was cancelled", exitCode: .notUnderstood)
        case .credentialsOverPlainHTTP:
            return .usage("refused to send the API key over plain http to \(endpoint.baseURL)", hint: "use an https:// URL")
        default:
            return .failed("the LLM endpoint \(endpoint.baseURL) failed: \(error.description)",
                           hint: "check that the server runs, or use --understand local")
        }
    }
}

/// The same endpoint, asked to explain a diagnosis in plain words (see `FindingsBriefing`).
/// A failure explains nothing and costs nothing else: the analyzers' report stands alone.
extension EndpointUnderstander: FindingsExplainer {
    public func explain(_ report: [String]) -> String? {
        let request = builder.textRequest(system: FindingsBriefing.system, user: FindingsBriefing.userMessage(report: report),
                                          maxTokens: 200, apiKey: apiKey)
        guard let http = try? request.authorized() else { return nil }
        interrupt?.reset()
        let scope = interrupt.map { flag in InterruptScope.begin { flag.cancel() } }
        defer { scope?.end() }
        let started = ContinuousClock.now
        guard let response = try? transport.send(http), let reply = try? parser.parse(response, apiKey: apiKey) else { return nil }
        if let used = reply.usage {
            try? usage?.recordUsage(used.record(at: now(), latencyMilliseconds: (ContinuousClock.now - started).wholeMilliseconds))
        }
        guard case .text(let text) = reply.answer else { return nil }
        return FindingsBriefing.explanation(from: text)
    }
}
