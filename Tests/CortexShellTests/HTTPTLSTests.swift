import CortexCore
import CortexKube
import CortexShell
import Foundation
import Testing

private let pkiMissing = "needs the openssl command to make test certificates"

@Suite(.serialized, .enabled(if: TestPKI.shared != nil, "skipped: \(pkiMissing)"))
struct TLSTransportTests {
    let pki = TestPKI.shared!

    @Test func verifiesTheServerAgainstTheGivenCA() throws {
        let server = try HTTPTestServer(tls: pki.serverTLS)
        defer { server.stop() }
        let asData = try CurlTransport().send(HTTPRequest(method: .get, url: server.url + "/version",
                                                          tls: TLSSettings(certificateAuthority: .data(try pki.data("ca.crt")))))
        #expect(asData.status == 200)
        let asFile = try CurlTransport().send(HTTPRequest(method: .get, url: server.url + "/version",
                                                          tls: TLSSettings(certificateAuthority: .file(pki.path("ca.crt")))))
        #expect(asFile.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func wrongCAFailsClearly() throws {
        let server = try HTTPTestServer(tls: pki.serverTLS)
        defer { server.stop() }
        let error = #expect(throws: HTTPTransportError.self) {
            try CurlTransport().send(HTTPRequest(method: .get, url: server.url, tls: TLSSettings(certificateAuthority: .data(try pki.data("other-ca.crt")))))
        }
        guard case .tls(let host, let detail)? = error else { Issue.record("expected a TLS error, got \(String(describing: error))"); return }
        #expect(host == "127.0.0.1:\(server.port)")
        #expect(detail.contains("certificate"))
        #expect(server.requests.isEmpty)

        // Through the Kubernetes client: one message naming the cluster, with what to do.
        let config = ResolvedKubeConfig(contextName: "prod-eu", server: server.url,
                                        tls: TLSSettings(certificateAuthority: .data(try pki.data("other-ca.crt"))))
        let client = KubeClient(config: config, transport: CurlTransport(), authenticator: StaticAuthenticator(RequestCredentials()))
        let kubeError = try #require(throws: CortexError.self) { try client.deployment("staging", "web") }
        #expect(kubeError.message.hasPrefix("cannot read deployment web in namespace staging (context prod-eu): TLS with \(server.url) failed"))
        #expect(kubeError.hint?.contains("certificate-authority") == true)
    }

    @Test func insecureSkipVerifyAcceptsAnyCertificate() throws {
        let server = try HTTPTestServer(tls: pki.serverTLS)
        defer { server.stop() }
        #expect(throws: HTTPTransportError.self) { try CurlTransport().send(HTTPRequest(method: .get, url: server.url)) }
        #expect(try CurlTransport().send(HTTPRequest(method: .get, url: server.url, tls: TLSSettings(insecureSkipVerify: true))).status == 200)
    }

    @Test func tlsServerNameIsVerifiedInsteadOfTheHost() throws {
        let server = try HTTPTestServer(tls: .init(certificate: pki.path("named.crt"), key: pki.path("named.key")))
        defer { server.stop() }
        let ca = PEMSource.data(try pki.data("ca.crt"))
        #expect(throws: HTTPTransportError.self) {
            try CurlTransport().send(HTTPRequest(method: .get, url: server.url + "/version", tls: TLSSettings(certificateAuthority: ca)))
        }
        let response = try CurlTransport().send(HTTPRequest(method: .get, url: server.url + "/version",
                                                            tls: TLSSettings(certificateAuthority: ca, serverName: "kube.test")))
        #expect(response.status == 200)
        #expect(server.requests.last?.headers["host"] == "127.0.0.1:\(server.port)")
        #expect(server.requests.last?.target == "/version")
    }

    @Test func clientCertificatesAsBytesOrFiles() throws {
        let server = try HTTPTestServer(tls: .init(certificate: pki.path("server.crt"), key: pki.path("server.key"),
                                                   clientCA: pki.path("ca.crt"), requireClientCertificate: true))
        defer { server.stop() }
        let ca = PEMSource.data(try pki.data("ca.crt"))
        #expect(throws: HTTPTransportError.self) {
            try CurlTransport().send(HTTPRequest(method: .get, url: server.url, tls: TLSSettings(certificateAuthority: ca)))
        }
        let withBytes = TLSSettings(certificateAuthority: ca, clientCertificate: .data(try pki.data("client.crt")), clientKey: .data(try pki.data("client.key")))
        #expect(try CurlTransport().send(HTTPRequest(method: .get, url: server.url, tls: withBytes)).status == 200)
        #expect(server.requests.last?.clientSubject == "/O=ops/CN=ops-user")
        let withFiles = TLSSettings(certificateAuthority: ca, clientCertificate: .file(pki.path("client.crt")), clientKey: .file(pki.path("client.key")))
        #expect(try CurlTransport().send(HTTPRequest(method: .get, url: server.url, tls: withFiles)).status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func unusableClientKeyIsAConfigurationError() throws {
        let server = try HTTPTestServer(tls: pki.serverTLS)
        defer { server.stop() }
        let bad = TLSSettings(certificateAuthority: .data(try pki.data("ca.crt")), clientCertificate: .data(try pki.data("client.crt")),
                              clientKey: .data(Data("-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n".utf8)))
        let error = #expect(throws: HTTPTransportError.self) { try CurlTransport().send(HTTPRequest(method: .get, url: server.url, tls: bad)) }
        guard case .tlsConfiguration(let detail)? = error else { Issue.record("expected tlsConfiguration, got \(String(describing: error))"); return }
        #expect(!detail.contains("not a key"))
    }

    @Test func bearerTokenGoesOverHTTPS() throws {
        let server = try HTTPTestServer(tls: pki.serverTLS)
        defer { server.stop() }
        _ = try CurlTransport().send(HTTPRequest(method: .get, url: server.url, bearerToken: Secret("tok-123"),
                                                 tls: TLSSettings(certificateAuthority: .data(try pki.data("ca.crt")))))
        #expect(server.requests.first?.headers["authorization"] == "Bearer tok-123")
    }

    @Test func noCredentialEverGoesOverPlainHTTP() throws {
        let server = try HTTPTestServer()
        defer { server.stop() }
        let transport = CurlTransport()
        let withToken = HTTPRequest(method: .get, url: server.url + "/api", bearerToken: Secret("tok-123"))
        let error = #expect(throws: HTTPTransportError.self) { try transport.send(withToken) }
        #expect(error == .credentialsOverPlainHTTP(host: "127.0.0.1:\(server.port)"))
        #expect(!String(describing: error).contains("tok-123"))
        let withHeader = HTTPRequest(method: .get, url: server.url.uppercased().replacingOccurrences(of: "HTTP://", with: "HTTP://"),
                                     headers: ["authorization": "Bearer tok-123"])
        #expect(throws: HTTPTransportError.self) { try transport.send(withHeader) }
        #expect(server.connections == 0)
        // The same server answers when no credential is involved.
        #expect(try transport.send(HTTPRequest(method: .get, url: server.url + "/api")).status == 200)
        #expect(server.requests.map { $0.headers["authorization"] } == [nil])
    }

    @Test func execPluginFromKubeconfigSuppliesTheToken() throws {
        let server = try HTTPTestServer(tls: pki.serverTLS) { _ in CannedResponse(body: Data(#"{"kind":"DeploymentList","items":[]}"#.utf8)) }
        defer { server.stop() }
        let dir = pki.path("exec-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir + "/bin", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pki.path("ca.crt"), toPath: dir + "/ca.crt")
        let plugin = """
            #!/bin/sh
            printf '%s' "$KUBERNETES_EXEC_INFO" > "$(dirname "$0")/exec-info.json"
            echo "$STAGE" > "$(dirname "$0")/stage"
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-%s"}}' "$1"
            """
        try plugin.write(toFile: dir + "/bin/plugin.sh", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/bin/plugin.sh")
        let kubeconfig = """
            apiVersion: v1
            kind: Config
            current-context: tls
            clusters:
            - name: tls
              cluster: {server: '\(server.url)', certificate-authority: ca.crt}
            users:
            - name: ops
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: ./bin/plugin.sh
                  args: ["42"]
                  env: [{name: STAGE, value: from-kubeconfig}]
                  interactiveMode: Never
                  provideClusterInfo: true
            contexts:
            - name: tls
              context: {cluster: tls, user: ops, namespace: staging}
            """
        try kubeconfig.write(toFile: dir + "/config", atomically: true, encoding: .utf8)

        let selection = try KubeconfigLoader.load(KubeconfigSources(environment: ["KUBECONFIG": dir + "/config"]), files: LocalFileReader())
        let pool = try #require(try KubeClientPool.make(selection, context: nil, transport: CurlTransport(), files: LocalFileReader(),
                                                        runner: FoundationProcessRunner(), now: { Date() }))
        let client = try pool.client(for: pool.currentContext)
        #expect(client.config.namespace == "staging")
        #expect(try client.deployments("staging").isEmpty)
        #expect(server.requests.first?.headers["authorization"] == "Bearer exec-token-42")
        let info = try String(contentsOfFile: dir + "/bin/exec-info.json", encoding: .utf8)
        #expect(info.contains(#""kind":"ExecCredential""#) && info.contains(#""server":"\#(server.url)""#))
        #expect(try String(contentsOfFile: dir + "/bin/stage", encoding: .utf8) == "from-kubeconfig\n")
    }

    @Test func execPluginClientCertificateIsPresented() throws {
        let server = try HTTPTestServer(tls: .init(certificate: pki.path("server.crt"), key: pki.path("server.key"),
                                                   clientCA: pki.path("ca.crt"), requireClientCertificate: true)) { _ in
            CannedResponse(body: Data(#"{"kind":"DeploymentList","items":[]}"#.utf8))
        }
        defer { server.stop() }
        let dir = pki.path("exec-cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let credential: [String: Any] = ["apiVersion": "client.authentication.k8s.io/v1", "kind": "ExecCredential",
                                         "status": ["clientCertificateData": try String(contentsOfFile: pki.path("client.crt"), encoding: .utf8),
                                                    "clientKeyData": try String(contentsOfFile: pki.path("client.key"), encoding: .utf8)]]
        try JSONSerialization.data(withJSONObject: credential).write(to: URL(fileURLWithPath: dir + "/credential.json"))
        try "#!/bin/sh\ncat \"$(dirname \"$0\")/credential.json\"\n".write(toFile: dir + "/plugin", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir + "/plugin")
        let config = ResolvedKubeConfig(contextName: "mtls", server: server.url, tls: TLSSettings(certificateAuthority: .data(try pki.data("ca.crt"))),
                                        credentials: .exec(ExecConfig(command: dir + "/plugin"), cluster: ExecClusterInfo(server: server.url)))
        let auth = KubeAuthenticators.make(config.credentials, files: LocalFileReader(), runner: FoundationProcessRunner(), now: { Date() })
        let client = KubeClient(config: config, transport: CurlTransport(), authenticator: auth)
        #expect(try client.deployments("staging").isEmpty)
        #expect(server.requests.first?.clientSubject == "/O=ops/CN=ops-user")
        #expect(server.requests.first?.headers["authorization"] == nil)
    }
}

@Suite struct ExecPluginRunnerTests {
    @Test func aHangingPluginIsStopped() throws {
        let runner = FoundationProcessRunner(environment: ["PATH": "/usr/bin:/bin"], timeout: 0.3)
        let error = #expect(throws: CortexError.self) { try runner.run("sleep", arguments: ["30"], environment: [:]) }
        #expect(error?.message == "exec credential plugin sleep did not finish within 0.3 seconds")
    }

    @Test func missingPluginIsNamed() {
        let error = #expect(throws: CortexError.self) {
            try FoundationProcessRunner(environment: ["PATH": "/nonexistent"]).run("gke-gcloud-auth-plugin", arguments: [], environment: [:])
        }
        #expect(error?.message == "exec credential plugin gke-gcloud-auth-plugin was not found")
    }

    @Test func environmentAndArgumentsReachThePlugin() throws {
        let output = try FoundationProcessRunner(environment: ["PATH": "/usr/bin:/bin", "BASE": "b"])
            .run("sh", arguments: ["-c", "printf '%s %s %s' \"$BASE\" \"$EXTRA\" \"$0\"", "arg0"], environment: ["EXTRA": "e"])
        #expect(output.status == 0)
        #expect(String(decoding: output.stdout, as: UTF8.self) == "b e arg0")
    }
}
