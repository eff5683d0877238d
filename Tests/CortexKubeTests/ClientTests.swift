import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// A transport that answers from a script and records requests.
final class ScriptedTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Result<HTTPResponse, HTTPTransportError>]
    private(set) var sent: [HTTPRequest] = []

    init(_ answers: [Result<HTTPResponse, HTTPTransportError>]) { self.answers = answers }

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock(); defer { lock.unlock() }
        sent.append(request)
        guard !answers.isEmpty else { return HTTPResponse(status: 500) }
        return try answers.removeFirst().get()
    }
}

/// Counts how often credentials are fetched and invalidated.
final class CountingAuthenticator: KubeAuthenticator, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var fetches = 0
    private(set) var invalidations = 0
    func credentials() -> RequestCredentials {
        lock.lock(); defer { lock.unlock() }
        fetches += 1
        return RequestCredentials(bearerToken: Secret("token-\(fetches)"))
    }
    func invalidate() -> Bool {
        lock.lock(); defer { lock.unlock() }
        invalidations += 1
        return true
    }
}

let httpsConfig = ResolvedKubeConfig(contextName: "prod-eu", server: "https://api.prod:6443/prefix/", namespace: "default",
                                     tls: TLSSettings(certificateAuthority: .data(Data("CA".utf8))), credentials: .token(Secret("t")))

@Suite struct KubeClientTests {
    @Test func requestsCarryServerPrefixCredentialsAndTLS() throws {
        let transport = ScriptedTransport([.success(FakeCluster.status(404, "NotFound", "deployments.apps \"web\" not found", name: "web"))])
        let client = KubeClient(config: httpsConfig, transport: transport, authenticator: StaticAuthenticator(RequestCredentials(bearerToken: Secret("abc"))))
        #expect(try client.deployment("staging", "web") == nil)
        let sent = try #require(transport.sent.first)
        #expect(sent.url == "https://api.prod:6443/prefix/apis/apps/v1/namespaces/staging/deployments/web")
        #expect(sent.bearerToken == Secret("abc"))
        #expect(sent.tls.certificateAuthority == .data(Data("CA".utf8)))
        #expect(sent.headers["Accept"] == "application/json")
    }

    @Test func missingNamespaceIsAnErrorNotAMissingDeployment() throws {
        let transport = ScriptedTransport([.success(FakeCluster.status(404, "NotFound", "namespaces \"qa\" not found", kind: "namespaces"))])
        let client = KubeClient(config: httpsConfig, transport: transport, authenticator: StaticAuthenticator(RequestCredentials()))
        let error = try #require(throws: CortexError.self) { try client.deployment("qa", "web") }
        #expect(error.message == "cannot read deployment web in namespace qa (context prod-eu): namespace qa does not exist")
    }

    @Test func unauthorizedRefreshesCredentialsOnce() throws {
        let auth = CountingAuthenticator()
        let transport = ScriptedTransport([.success(HTTPResponse(status: 401)), .success(FakeCluster.ok(["items": []]))])
        let client = KubeClient(config: httpsConfig, transport: transport, authenticator: auth)
        #expect(try client.deployments("staging").isEmpty)
        #expect(auth.invalidations == 1)
        #expect(transport.sent.map(\.bearerToken) == [Secret("token-1"), Secret("token-2")])

        let denied = ScriptedTransport([.success(HTTPResponse(status: 401)), .success(HTTPResponse(status: 401))])
        let error = try #require(throws: CortexError.self) {
            try KubeClient(config: httpsConfig, transport: denied, authenticator: CountingAuthenticator()).deployments("staging")
        }
        #expect(denied.sent.count == 2)
        #expect(error.message.contains("401"))
    }

    @Test func credentialsAreNeverOfferedOverPlainHTTP() throws {
        let plain = ResolvedKubeConfig(contextName: "local", server: "http://127.0.0.1:8080", credentials: .token(Secret("secret-token")))
        let transport = ScriptedTransport([])
        let auth = CountingAuthenticator()
        let error = try #require(throws: CortexError.self) {
            try KubeClient(config: plain, transport: transport, authenticator: auth).deployment("staging", "web")
        }
        #expect(transport.sent.isEmpty)
        #expect(auth.fetches == 0)  // an exec plugin would not even run
        #expect(error.message.contains("over plain http"))
        #expect(!error.description.contains("secret-token"))
        // Without credentials, plain http is fine (a local simulator).
        let open = ResolvedKubeConfig(contextName: "sim", server: "http://127.0.0.1:8080")
        let ok = ScriptedTransport([.success(FakeCluster.ok(["items": []]))])
        #expect(try KubeClient(config: open, transport: ok, authenticator: StaticAuthenticator(RequestCredentials())).deployments("x").isEmpty)
        #expect(ok.sent.first?.bearerToken == nil)
    }

    @Test func serverWarningsAreReported() throws {
        let warnings = LineLog()
        var response = FakeCluster.ok(["items": []])
        response.headers.add("Warning", #"299 - "apps/v1beta1 is deprecated""#)
        let client = KubeClient(config: httpsConfig, transport: ScriptedTransport([.success(response)]),
                                authenticator: StaticAuthenticator(RequestCredentials()), onWarning: { warnings.add($0) })
        _ = try client.deployments("staging")
        #expect(warnings.lines == ["apps/v1beta1 is deprecated"])
    }

    @Test func listsFollowContinueTokens() throws {
        let d1: JSONValue = ["metadata": ["name": "a"], "spec": ["selector": [:], "template": [:]]]
        let d2: JSONValue = ["metadata": ["name": "b"], "spec": ["selector": [:], "template": [:]]]
        let transport = ScriptedTransport([.success(FakeCluster.ok(["metadata": ["continue": "next"], "items": [d1]])),
                                           .success(FakeCluster.ok(["metadata": ["continue": ""], "items": [d2]]))])
        let client = KubeClient(config: httpsConfig, transport: transport, authenticator: StaticAuthenticator(RequestCredentials()))
        #expect(try client.deployments("staging").map(\.name) == ["a", "b"])
        #expect(transport.sent[1].url.hasSuffix("deployments?limit=500&continue=next"))
    }
}

@Suite struct ErrorMappingTests {
    let context = KubeErrorContext(context: "prod-eu", server: "https://api.prod:6443", namespace: "staging",
                                   object: "deployment web", action: "scale")

    func status(_ code: Int, _ reason: String, _ message: String, causes: [APIStatus.Cause]? = nil) -> KubeAPIError {
        var s = APIStatus(message: message, reason: reason, code: code)
        if let causes { s.details = APIStatus.Details(causes: causes) }
        return .status(code: code, s)
    }

    @Test(arguments: [
        (401, "Unauthorized", "cannot scale deployment web in namespace staging (context prod-eu): the cluster rejected the credentials (401 Unauthorized)", "refresh the credentials"),
        (403, "Forbidden", "cannot scale deployment web in namespace staging (context prod-eu): forbidden: User \"u\" cannot patch", "ask a cluster administrator"),
        (404, "NotFound", "cannot scale deployment web in namespace staging (context prod-eu): not found", "check the name"),
        (409, "AlreadyExists", "cannot scale deployment web in namespace staging (context prod-eu): it already exists", "update it"),
        (409, "Conflict", "cannot scale deployment web in namespace staging (context prod-eu): it was changed by someone else meanwhile: the object has been modified", "read its state again"),
        (429, "TooManyRequests", "cannot scale deployment web in namespace staging (context prod-eu): the API server is throttling requests (429) and kept doing so after retries", "wait a minute"),
        (503, "ServiceUnavailable", "cannot scale deployment web in namespace staging (context prod-eu): the API server failed (HTTP 503): the object has been modified", "the cluster may be overloaded or restarting"),
    ])
    func statusCodes(_ code: Int, _ reason: String, _ message: String, _ hint: String) {
        let serverMessage = code == 403 ? "User \"u\" cannot patch" : "the object has been modified"
        let e = status(code, reason, serverMessage).cortexError(context)
        #expect(e.message == message)
        #expect(e.hint?.hasPrefix(hint) == true, "\(e.hint ?? "")")
        #expect(e.exitCode == .failed)
    }

    @Test func invalidListsTheCauses() {
        let e = status(422, "Invalid", "Deployment.apps \"web\" is invalid",
                       causes: [.init(reason: "FieldValueInvalid", message: "must be greater than or equal to 0", field: "spec.replicas")]).cortexError(context)
        #expect(e.message.hasSuffix("the API server rejected the request: spec.replicas: must be greater than or equal to 0"))
    }

    @Test(arguments: [
        (HTTPTransportError.connectionFailed(host: "api.prod:6443", detail: "Connection refused"), "cannot reach the API server https://api.prod:6443 (Connection refused)", ExitCode.failed),
        (.tls(host: "api.prod:6443", detail: "SSL certificate problem: unable to get local issuer certificate"), "TLS with https://api.prod:6443 failed (SSL certificate problem: unable to get local issuer certificate)", .failed),
        (.timedOut(host: "api.prod:6443", after: .seconds(30)), "the API server https://api.prod:6443 did not answer within 30s", .failed),
        (.tlsConfiguration(detail: "unable to set private key"), "the TLS settings of context prod-eu cannot be used (unable to set private key)", .usage),
        (.credentialsOverPlainHTTP(host: "x"), "refused to send credentials to https://api.prod:6443 over plain http (context prod-eu)", .usage),
    ])
    func transportFailures(_ error: HTTPTransportError, _ fragment: String, _ exit: ExitCode) {
        let e = KubeAPIError.transport(error).cortexError(context)
        #expect(e.message.contains(fragment), "\(e.message)")
        #expect(e.hint != nil)
        #expect(e.exitCode == exit)
    }
}

@Suite struct ExecCredentialTests {
    let config = ExecConfig(command: "/bin/plugin", args: ["token"], env: nil, provideClusterInfo: true, installHint: "install plugin")
    let cluster = ExecClusterInfo(server: "https://x", certificateAuthorityData: "Q0E=", tlsServerName: "api.internal")

    @Test func execInfoCarriesClusterOnlyWhenAsked() throws {
        let info = try JSONDecoder().decode(JSONValue.self, from: Data(ExecCredentialProtocol.execInfo(config, cluster: cluster).utf8))
        #expect(info["kind"] == "ExecCredential" && info["apiVersion"] == "client.authentication.k8s.io/v1")
        #expect(info[path: ["spec", "interactive"]] == false)
        #expect(info[path: ["spec", "cluster", "server"]] == "https://x")
        #expect(info[path: ["spec", "cluster", "tls-server-name"]] == "api.internal")
        var plain = config
        plain.provideClusterInfo = nil
        let bare = try JSONDecoder().decode(JSONValue.self, from: Data(ExecCredentialProtocol.execInfo(plain, cluster: cluster).utf8))
        #expect(bare[path: ["spec", "cluster"]] == nil)
    }

    @Test func parsesTokensAndCertificates() throws {
        let token = try ExecCredentialProtocol.parse(Data(#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok","expirationTimestamp":"2030-01-01T00:00:00Z"}}"#.utf8),
                                                     expectedAPIVersion: "client.authentication.k8s.io/v1", command: "p")
        #expect(token.token == Secret("tok"))
        #expect(token.expiration == Date(timeIntervalSince1970: 1_893_456_000))
        let cert = try ExecCredentialProtocol.parse(Data(#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"C","clientKeyData":"K"}}"#.utf8),
                                                    expectedAPIVersion: "client.authentication.k8s.io/v1", command: "p")
        #expect(cert.clientCertificate == Data("C".utf8) && cert.clientKey == Data("K".utf8) && cert.token == nil)
    }

    @Test(arguments: [
        ("not json", "did not print an ExecCredential as JSON"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"secret-value"}}"#, "expected ExecCredential client.authentication.k8s.io/v1"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"secret-value"}}"#, "without a key"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}"#, "neither a token nor a client certificate"),
        (#"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"secret-value","expirationTimestamp":"soon"}}"#, "invalid expirationTimestamp"),
    ])
    func badAnswersAreRejectedWithoutQuotingThem(_ output: String, _ fragment: String) {
        let error = #expect(throws: CortexError.self) {
            try ExecCredentialProtocol.parse(Data(output.utf8), expectedAPIVersion: "client.authentication.k8s.io/v1", command: "p")
        }
        #expect(error?.message.contains(fragment) == true, "\(error?.message ?? "")")
        #expect(error?.description.contains("secret-value") == false)
    }

    @Test func cachesUntilExpiryOrInvalidation() throws {
        let runner = FakeRunner(output: #"{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"tok","expirationTimestamp":"2030-01-01T00:00:00Z"}}"#)
        let clock = WallClock(Date(timeIntervalSince1970: 1_893_000_000))
        let auth = ExecAuthenticator(config: config, cluster: cluster, runner: runner, now: { clock.now })
        #expect(try auth.credentials().bearerToken == Secret("tok"))
        _ = try auth.credentials()
        #expect(runner.calls == 1)
        clock.now = Date(timeIntervalSince1970: 1_893_456_001)   // past expiry
        _ = try auth.credentials()
        #expect(runner.calls == 2)
        #expect(auth.invalidate())
        _ = try auth.credentials()
        #expect(runner.calls == 3)
        #expect(runner.lastEnvironment["KUBERNETES_EXEC_INFO"]?.contains("\"server\":\"https://x\"") == true)
    }

    @Test func failingPluginGivesItsInstallHint() {
        let auth = ExecAuthenticator(config: config, cluster: cluster, runner: FakeRunner(output: "", status: 3), now: { Date() })
        let error = #expect(throws: CortexError.self) { try auth.credentials() }
        #expect(error?.message == "exec credential plugin /bin/plugin failed with exit status 3")
        #expect(error?.hint == "install plugin")
    }
}

final class FakeRunner: ProcessRunner, @unchecked Sendable {
    private let lock = NSLock()
    let output: String
    let status: Int32
    private(set) var calls = 0
    private(set) var lastEnvironment: [String: String] = [:]
    init(output: String, status: Int32 = 0) { self.output = output; self.status = status }
    func run(_ command: String, arguments: [String], environment: [String: String]) -> ProcessOutput {
        lock.lock(); defer { lock.unlock() }
        calls += 1
        lastEnvironment = environment
        return ProcessOutput(status: status, stdout: Data(output.utf8))
    }
}

final class WallClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ d: Date) { value = d }
    var now: Date {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}
