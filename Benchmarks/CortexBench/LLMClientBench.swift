import CortexCore
import CortexShell
import CortexTestSupport
import Foundation

/// The LLM client's own cost per request, on loopback against the stub endpoint:
/// - `client work`: building the request, parsing the response and strict decoding, no I/O;
/// - `round trip`: one `EndpointUnderstander` call through libcurl to the stub;
/// - `bare transport`: the same bytes sent by libcurl alone, answered the same way.
/// The client's overhead is the round trip minus the bare transport, plus nothing else: the
/// stub's own time is in both.
func benchLLMClient(rounds: Int) throws -> [String] {
    let answer: JSONValue = ["op": "scale", "service": "payments", "environment": "staging", "replicas": 3]
    let stub = try StubLLMServer(respond: { _ in .operation(answer) })
    defer { stub.stop() }
    let prompt = try PromptFiles.load(folder: "prompts", environments: .standard)
    let endpoint = LLMEndpoint(provider: .openai, baseURL: stub.baseURL, model: "stub-model")
    let context = UnderstandingContext(knownServices: ["payments", "api-gateway", "web-frontend"], currentEnvironment: "staging")
    let transport = CurlTransport()
    let client = EndpointUnderstander(endpoint: endpoint, prompt: prompt, transport: transport, apiKey: nil)
    let sentence = "scale payments to 3 in staging"
    let clock = ContinuousClock()

    // One canned response body, as the stub sends it, for the no-I/O measurement.
    let request = try LLMRequestBuilder(endpoint: endpoint, prompt: prompt).request(for: sentence, context: context).authorized()
    let canned = try transport.send(request)
    let parser = LLMResponseParser(endpoint: endpoint)
    let decoder = StrictOperationDecoder()

    var work: [Double] = [], trip: [Double] = [], bare: [Double] = []
    for i in 0..<(rounds + 50) {
        let t0 = clock.now
        let built = try LLMRequestBuilder(endpoint: endpoint, prompt: prompt).request(for: sentence, context: context).authorized()
        let op = try parser.parse(canned, apiKey: nil).operation(using: decoder)
        let t1 = clock.now
        guard case .success(let u) = client.understand(sentence, context: context), u.operation == op, op.op == .scale else {
            throw CortexError.failed("the stub's answer did not decode to the expected operation")
        }
        let t2 = clock.now
        _ = try transport.send(built)
        let t3 = clock.now
        guard i >= 50 else { continue }  // warm-up: connection, caches
        work.append(nanoseconds(t1 - t0) / 1000)
        trip.append(nanoseconds(t2 - t1) / 1000)
        bare.append(nanoseconds(t3 - t2) / 1000)
    }
    let overhead = zip(trip, bare).map { $0 - $1 }
    return [
        Summary(work).line("llm client work per request (build, parse, decode; \(request.body?.count ?? 0)-byte request)", unit: "us"),
        Summary(trip).line("llm round trip on loopback through the client", unit: "us"),
        Summary(bare).line("llm bare libcurl round trip, same bytes", unit: "us"),
        Summary(overhead).line("llm client overhead (round trip minus bare)", unit: "us"),
    ]
}
