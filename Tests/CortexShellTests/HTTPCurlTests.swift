import CortexCore
import CortexShell
import Foundation
import Testing

/// A flag another thread sets, for cancellation tests.
final class TestFlag: CancellationSignal, @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isCancelled: Bool { lock.lock(); defer { lock.unlock() }; return value }
    func set() { lock.lock(); value = true; lock.unlock() }
}

@Suite(.serialized) struct CurlTransportTests {
    @Test func sendsMethodHeadersAndBodyAndReturnsTheAnswer() throws {
        let server = try HTTPTestServer { _ in
            CannedResponse(status: 201, headers: ["Content-Type": "application/json", "Warning": "299 - \"deprecated\""], body: Data(#"{"ok":true}"#.utf8))
        }
        defer { server.stop() }
        let body = Data(String(repeating: "x", count: 5000).utf8)   // above curl's Expect: 100-continue threshold
        let response = try CurlTransport(userAgent: "cortex-test").send(HTTPRequest(
            method: .post, url: server.url + "/apis/apps/v1/namespaces/staging/deployments?dryRun=All", headers: ["Accept": "application/json"], body: body))
        #expect(response.status == 201)
        #expect(response.bodyText == #"{"ok":true}"#)
        #expect(response.headers["warning"] == "299 - \"deprecated\"")
        let seen = try #require(server.requests.first)
        #expect(seen.method == "POST")
        #expect(seen.target == "/apis/apps/v1/namespaces/staging/deployments?dryRun=All")
        #expect(seen.headers["content-type"] == "application/json")   // never curl's form encoding
        #expect(seen.headers["expect"] == nil)
        #expect(seen.headers["user-agent"] == "cortex-test")
        #expect(seen.headers["authorization"] == nil)
        #expect(seen.body == body)
    }

    @Test(arguments: [HTTPMethod.patch, .put, .delete])
    func otherMethodsKeepTheirContentTypeAndBody(_ method: HTTPMethod) throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let body = Data(#"{"spec":{"replicas":3}}"#.utf8)
        _ = try CurlTransport().send(HTTPRequest(method: method, url: server.url + "/x", headers: ["Content-Type": "application/merge-patch+json"], body: body))
        let seen = try #require(server.requests.first)
        #expect(seen.method == method.rawValue)
        #expect(seen.headers["content-type"] == "application/merge-patch+json")
        #expect(seen.body == body)
    }

    @Test func oneTransportServesManyRequests() throws {
        let server = try HTTPTestServer { r in CannedResponse(body: Data(r.target.utf8)) }
        defer { server.stop() }
        let transport = CurlTransport()
        for i in 0..<3 {
            #expect(try transport.send(HTTPRequest(method: .get, url: server.url + "/n/\(i)")).bodyText == "/n/\(i)")
        }
    }

    @Test func responseSizeLimitIsEnforced() throws {
        let server = try HTTPTestServer { _ in CannedResponse(body: Data(repeating: 65, count: 200_000)) }
        defer { server.stop() }
        #expect(throws: HTTPTransportError.responseTooLarge(limit: 1000)) {
            try CurlTransport().send(HTTPRequest(method: .get, url: server.url, responseSizeLimit: ResponseSizeLimit(bytes: 1000)))
        }
        #expect(try CurlTransport().send(HTTPRequest(method: .get, url: server.url)).body.count == 200_000)
    }

    @Test func refusedConnectionIsConnectionFailed() throws {
        let server = try HTTPTestServer()
        let url = server.url
        server.stop()
        let error = #expect(throws: HTTPTransportError.self) { try CurlTransport().send(HTTPRequest(method: .get, url: url)) }
        guard case .connectionFailed(let host, _)? = error else { Issue.record("expected connectionFailed, got \(String(describing: error))"); return }
        #expect(host == "127.0.0.1:\(server.port)")
    }

    @Test func totalTimeoutEndsAHangingRequest() throws {
        let server = try HTTPTestServer { _ in CannedResponse(delay: 3) }
        defer { server.stop() }
        let error = #expect(throws: HTTPTransportError.self) {
            try CurlTransport().send(HTTPRequest(method: .get, url: server.url, timeouts: HTTPTimeouts(connect: .seconds(2), total: .milliseconds(200))))
        }
        #expect(error == .timedOut(host: "127.0.0.1:\(server.port)", after: .milliseconds(200)))
    }

    @Test func cancellationEndsAHangingRequest() throws {
        let server = try HTTPTestServer { _ in CannedResponse(delay: 3) }
        defer { server.stop() }
        let flag = TestFlag()
        Thread.detachNewThread {
            while server.requests.isEmpty { Thread.sleep(forTimeInterval: 0.01) }
            flag.set()
        }
        #expect(throws: HTTPTransportError.cancelled) {
            try CurlTransport(cancellation: flag).send(HTTPRequest(method: .get, url: server.url, timeouts: HTTPTimeouts(connect: .seconds(2), total: .seconds(10))))
        }
        // Already cancelled: nothing is sent.
        let before = server.connections
        #expect(throws: HTTPTransportError.cancelled) { try CurlTransport(cancellation: flag).send(HTTPRequest(method: .get, url: server.url)) }
        #expect(server.connections == before)
    }

    @Test(arguments: ["not a url", "ftp://example.com/file", "file:///etc/passwd"])
    func onlyHTTPURLsAreAccepted(_ url: String) {
        #expect(throws: HTTPTransportError.invalidURL(url)) { try CurlTransport().send(HTTPRequest(method: .get, url: url)) }
    }

    @Test func credentialsInURLAreRedactedFromErrors() {
        #expect(throws: HTTPTransportError.invalidURL("ftp://<redacted>@host/x")) {
            try CurlTransport().send(HTTPRequest(method: .get, url: "ftp://user:hunter2@host/x"))
        }
    }

    @Test func libcurlVersionIsReported() {
        #expect(CurlTransport.libraryVersion.hasPrefix("libcurl/"))
    }
}

@Suite(.serialized) struct CurlProxyTests {
    @Test func explicitProxyReceivesTheRequest() throws {
        let proxy = try HTTPTestServer { _ in CannedResponse(body: Data("via proxy".utf8)) }
        defer { proxy.stop() }
        let response = try CurlTransport().send(HTTPRequest(method: .get, url: "http://cluster.invalid:8080/version", proxy: .url(proxy.url)))
        #expect(response.bodyText == "via proxy")
        #expect(proxy.requests.first?.target == "http://cluster.invalid:8080/version")
    }

    @Test func directIgnoresTheEnvironmentProxy() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        #expect(try CurlTransport().send(HTTPRequest(method: .get, url: server.url + "/x", proxy: .direct)).status == 200)
        #expect(server.requests.first?.target == "/x")
    }
}

@Suite struct LiveKubeTests {
    @Test func noKubeconfigAndNoClusterMeansNoClients() throws {
        let pool = try LiveKube.clients(kubeconfig: nil, context: nil, environment: ["HOME": "/nonexistent-home"], transport: CurlTransport())
        #expect(pool == nil)
    }

    @Test func explicitKubeconfigMustExist() {
        let error = #expect(throws: CortexError.self) {
            try LiveKube.clients(kubeconfig: "/nonexistent/config", context: nil, environment: [:], transport: CurlTransport())
        }
        #expect(error?.message == "kubeconfig /nonexistent/config does not exist")
    }
}
