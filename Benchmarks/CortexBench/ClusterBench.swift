import CortexCore
import CortexShell
import CortexSim
import Foundation

/// Records when the first request of a run goes out, then passes every request on.
final class FirstRequestClock: HTTPTransport, @unchecked Sendable {
    let inner: any HTTPTransport
    private let lock = NSLock()
    private var first: ContinuousClock.Instant?

    init(_ inner: any HTTPTransport) { self.inner = inner }

    func reset() { lock.withLock { first = nil } }
    var firstRequest: ContinuousClock.Instant? { lock.withLock { first } }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.withLock { if first == nil { first = ContinuousClock.now } }
        return try inner.send(request)
    }
}

/// The simulated cluster in-process and a client over the real libcurl transport:
/// (1) GET deployment status throughput, one client, sequential requests;
/// (2) time from handing a typed line to the pipeline (Enter) until its first API request.
func benchCluster(requests: Int = 5_000) throws {
    let sim = try SimulatedCluster.startInBackground(port: 0, seed: .standard, pace: .fast)
    defer { sim.stopAndWait() }
    let transport = LiveKube.transport()
    let url = sim.url + "/apis/apps/v1/namespaces/staging/deployments/payments/status"
    let clock = ContinuousClock()
    for _ in 0..<200 { _ = try? transport.send(HTTPRequest(method: .get, url: url)) }  // warm up
    var samples: [Double] = []
    let start = clock.now
    for _ in 0..<requests {
        let t = clock.now
        let response = try transport.send(HTTPRequest(method: .get, url: url))
        guard response.status == 200 else { print("simulated cluster answered \(response.status)"); return }
        samples.append(nanoseconds(clock.now - t) / 1000)
    }
    let seconds = nanoseconds(clock.now - start) / 1e9
    print(Summary(samples).line("simulated cluster GET deployment status (1 client, sequential, libcurl)", unit: "us"))
    print("simulated cluster throughput: \(Int(Double(requests) / seconds)) requests/s")

    let folder = NSTemporaryDirectory() + "cortex-bench-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try sim.writeKubeconfig(to: folder + "/kubeconfig")
    let recorder = FirstRequestClock(transport)
    guard let clients = try LiveKube.clients(kubeconfig: folder + "/kubeconfig", context: nil, environment: [:], transport: recorder) else { return }
    let audit = AuditLog(store: InMemoryAuditStore(appender: AuditAppender(plain: OpenSSLDigest.sha256)),
                         origin: AuditOrigin(actor: AuditActor(user: "bench", host: "localhost"), session: "bench", source: .repl))
    let pipeline = Pipeline(
        understander: EmbeddedParser(), dispatcher: LiveKube.dispatcher(clients: clients), output: OutputBuffer(),
        safeguards: Safeguards(policy: try PolicyLoader().load(.bundled), audit: audit,
                               options: ConfirmationOptions(interactive: false, assumeYes: true, confirmName: nil)))
    var enter: [Double] = []
    for _ in 0..<200 {
        recorder.reset()
        let t = clock.now
        _ = pipeline.handle("how is payments doing in staging", source: .repl, state: SessionState(), reader: nil)
        if let first = recorder.firstRequest { enter.append(nanoseconds(first - t) / 1000) }
    }
    print(Summary(enter).line("Enter to first API request (status of one service)", unit: "us"))
}
