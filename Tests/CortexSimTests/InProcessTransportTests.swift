import CortexCore
import CortexSim
import Dispatch
import Foundation
import Testing

/// The in-process transport answers as the HTTP server does, for cortex's own client.
///
/// The transport blocks its calling thread while the cluster's actor works, as cortex's
/// synchronous pipeline does; the tests call it from a Dispatch thread, never from the
/// task pool they run on.
@Suite struct InProcessTransportTests {
    static let start = Date(timeIntervalSince1970: 1_767_607_200)

    static func cluster() throws -> SimulatedCluster {
        try SimulatedCluster.inProcess(seed: .standard, pace: .fast, clock: SimulationClock(startingAt: start))
    }

    /// Sends each request on a Dispatch thread and returns the outcomes in order.
    static func send(_ transport: InProcessTransport, _ requests: [HTTPRequest]) async -> [Result<HTTPResponse, HTTPTransportError>] {
        await withCheckedContinuation { done in
            DispatchQueue.global().async {
                done.resume(returning: requests.map { request in
                    Result { () throws(HTTPTransportError) in try transport.send(request) }
                })
            }
        }
    }

    static func get(_ transport: InProcessTransport, _ path: String) -> HTTPRequest {
        HTTPRequest(method: .get, url: transport.baseURL + path)
    }

    @Test func answersWithoutListening() async throws {
        let sim = try Self.cluster()
        #expect(!sim.isListening)
        #expect(sim.url == SimulatedCluster.inProcessURL)
        let transport = sim.transport()
        let answers = await Self.send(transport, [Self.get(transport, "/version"),
                                                  Self.get(transport, "/apis/apps/v1/namespaces/staging/deployments/payments")])
        let version = try answers[0].get()
        #expect(version.status == 200)
        #expect(version.headers["Content-Type"] == "application/json")
        let deployment = try JSONValue(parsing: Array(answers[1].get().body))
        #expect(deployment[path: ["metadata", "name"]] == "payments")
        await sim.stop()
    }

    @Test func changesAndErrorsKeepTheirAPISemantics() async throws {
        let sim = try Self.cluster()
        let transport = sim.transport()
        let scale = "/apis/apps/v1/namespaces/staging/deployments/payments/scale"
        let answers = await Self.send(transport, [
            HTTPRequest(method: .patch, url: transport.baseURL + scale, headers: ["Content-Type": "application/merge-patch+json"],
                        body: Data(#"{"spec":{"replicas":5}}"#.utf8)),
            Self.get(transport, scale),
            Self.get(transport, "/apis/apps/v1/namespaces/staging/deployments/nothing-here"),
            HTTPRequest(method: .patch, url: transport.baseURL + scale, headers: ["Content-Type": "text/plain"], body: Data("x".utf8)),
            Self.get(transport, "/apis/apps/v1/namespaces/staging/deployments?watch=true"),
        ])
        #expect(try answers[0].get().status == 200)
        #expect(try JSONValue(parsing: Array(answers[1].get().body))[path: ["spec", "replicas"]] == 5)
        #expect(try answers[2].get().status == 404)
        #expect(try JSONValue(parsing: Array(answers[2].get().body))[path: ["reason"]] == "NotFound")
        #expect(try answers[3].get().status == 415)
        #expect(try answers[4].get().status == 405)
        await sim.stop()
    }

    @Test func refusesOtherHostsOversizedAnswersAndCancelledRequests() async throws {
        let sim = try Self.cluster()
        let transport = sim.transport()
        var answers = await Self.send(transport, [
            HTTPRequest(method: .get, url: "https://example.com/version"),
            HTTPRequest(method: .get, url: transport.baseURL + "/version", responseSizeLimit: ResponseSizeLimit(bytes: 10)),
        ])
        answers += await Self.send(transport.cancelled(by: AlwaysCancelled()), [Self.get(transport, "/version")])
        guard case .failure(.connectionFailed) = answers[0] else { Issue.record("expected a refused connection: \(answers[0])"); return }
        #expect(throws: HTTPTransportError.responseTooLarge(limit: 10)) { try answers[1].get() }
        #expect(throws: HTTPTransportError.cancelled) { try answers[2].get() }
        await sim.stop()
    }

    @Test func givesTheSameAnswersAsTheHTTPServer() async throws {
        let sim = try await SimulatedCluster.start(seed: .standard, pace: .fast, clock: SimulationClock(startingAt: Self.start))
        let paths = ["/version", "/apis/apps/v1/namespaces/staging/deployments/payments",
                     "/api/v1/namespaces/staging/pods?labelSelector=app%3Dweb-frontend", "/apis/apps/v1/namespaces/staging/deployments/absent"]
        let transport = sim.transport()
        let inProcess = await Self.send(transport, paths.map { Self.get(transport, $0) })
        for (path, answer) in zip(paths, inProcess) {
            let overHTTP = try await SimClient(sim.url).get(path)
            let response = try answer.get()
            #expect(response.status == overHTTP.status, "\(path)")
            #expect(response.body == overHTTP.body, "\(path)")
            #expect(response.headers["Content-Type"] == overHTTP.contentType, "\(path)")
        }
        await sim.stop()
    }

    /// The value an answer carries for a client in the same process is what its body
    /// parses to, for objects, lists (also paged and as another version), writes and errors.
    @Test func carriesTheValueItsBodyEncodes() async throws {
        let sim = try Self.cluster()
        let transport = sim.transport()
        let deployment = "/apis/apps/v1/namespaces/staging/deployments/payments"
        let requests = [
            Self.get(transport, deployment),
            Self.get(transport, "/apis/apps/v1/namespaces/staging/deployments"),
            Self.get(transport, "/apis/apps/v1/deployments?limit=2"),
            Self.get(transport, "/api/v1/namespaces/staging/pods?labelSelector=app%3Dweb-frontend"),
            Self.get(transport, "/apis/apps/v1/namespaces/staging/replicasets"),
            Self.get(transport, "/api/v1/namespaces/staging/events"),
            Self.get(transport, "/apis/autoscaling/v1/namespaces/staging/horizontalpodautoscalers"),
            HTTPRequest(method: .patch, url: transport.baseURL + deployment, headers: ["Content-Type": "application/merge-patch+json"],
                        body: Data(#"{"spec":{"replicas":4}}"#.utf8)),
            Self.get(transport, deployment + "/scale"),
            Self.get(transport, "/apis/apps/v1/namespaces/staging/deployments/absent"),
        ]
        let answers = await Self.send(transport, requests)
        var carried = 0
        for (request, answer) in zip(requests, answers) {
            let response = try answer.get()
            guard let json = response.json else { continue }
            carried += 1
            #expect(json == (try JSONValue(parsing: Array(response.body))), "\(request.description)")
            #expect(json.serialized() == (try JSONValue(parsing: Array(response.body))).serialized(), "\(request.description)")
        }
        #expect(carried >= 8)
        await sim.stop()
    }
}

private struct AlwaysCancelled: CancellationSignal {
    var isCancelled: Bool { true }
}
