import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// Files in memory, for kubeconfig tests.
struct MemoryFiles: KubeFileReader {
    var files: [String: String]
    func read(_ path: String) throws(CortexError) -> Data? { files[path].map { Data($0.utf8) } }
}

private let fileA = """
    apiVersion: v1
    kind: Config
    current-context: ctx-a
    clusters:
    - name: shared
      cluster:
        server: https://a.example:6443
        certificate-authority: certs/ca.crt
    - name: only-a
      cluster:
        server: https://only-a.example
        insecure-skip-tls-verify: true
    users:
    - name: alice
      user:
        token: token-a
    contexts:
    - name: ctx-a
      context: {cluster: shared, user: alice, namespace: team-a}
    - name: insecure
      context: {cluster: only-a, user: alice}
    """

private let fileB = """
    apiVersion: v1
    kind: Config
    current-context: ctx-b
    clusters:
    - name: shared
      cluster:
        server: https://b.example:6443
        insecure-skip-tls-verify: true
    - name: only-b
      cluster:
        server: https://only-b.example
        certificate-authority-data: \(Data("CA-B".utf8).base64EncodedString())
        tls-server-name: api.internal
        proxy-url: socks5://proxy:1080
    users:
    - name: alice
      user:
        token: token-from-b
    - name: bob
      user:
        client-certificate-data: \(Data("CERT".utf8).base64EncodedString())
        client-key-data: \(Data("KEY".utf8).base64EncodedString())
    - name: carol
      user:
        tokenFile: tokens/carol
        exec:
          apiVersion: client.authentication.k8s.io/v1
          command: ./bin/plugin
          args: [get-token]
          env: [{name: STAGE, value: test}]
          interactiveMode: Never
    contexts:
    - name: ctx-a
      context: {cluster: only-b, user: bob}
    - name: ctx-b
      context: {cluster: only-b, user: bob}
    - name: ctx-carol
      context: {cluster: only-b, user: carol, namespace: ops}
    """

private let files = MemoryFiles(files: [
    "/cfg/a.yaml": fileA, "/other/b.yaml": fileB, "/cfg/certs/ca.crt": "CA-A", "/home/me/.kube/config": fileB,
])

@Suite struct KubeconfigLoadingTests {
    func merged(_ kubeconfig: String) throws -> MergedKubeconfig {
        let selection = try KubeconfigLoader.load(KubeconfigSources(environment: ["KUBECONFIG": kubeconfig, "HOME": "/home/me"]), files: files)
        guard case .kubeconfig(let m) = selection else { Issue.record("no kubeconfig loaded"); return MergedKubeconfig() }
        return m
    }

    @Test func firstFileWinsWholeEntriesAndCurrentContext() throws {
        let m = try merged("/cfg/a.yaml:/other/b.yaml")
        #expect(m.currentContext == "ctx-a")
        #expect(m.clusters["shared"]?.server == "https://a.example:6443")
        // The second file's fields of a conflicting entry are dropped, not merged in.
        #expect(m.clusters["shared"]?.insecureSkipTLSVerify == nil)
        #expect(m.users["alice"]?.token == "token-a")
        #expect(m.contexts["ctx-a"]?.cluster == "shared")
        // Entries without conflict come from either file.
        #expect(m.clusters["only-b"] != nil && m.users["bob"] != nil && m.clusters["only-a"] != nil)
    }

    @Test func reversedOrderReversesTheWinner() throws {
        let m = try merged("/other/b.yaml:/cfg/a.yaml")
        #expect(m.currentContext == "ctx-b")
        #expect(m.clusters["shared"]?.server == "https://b.example:6443")
    }

    @Test func missingAndDuplicateAndEmptyEntriesAreSkipped() throws {
        let m = try merged("::/missing.yaml:/cfg/a.yaml:/cfg/a.yaml:")
        #expect(m.files == ["/cfg/a.yaml"])
    }

    @Test func relativePathsCountFromTheDefiningFile() throws {
        let m = try merged("/cfg/a.yaml:/other/b.yaml")
        #expect(m.clusters["shared"]?.certificateAuthority == "/cfg/certs/ca.crt")
        #expect(m.users["carol"]?.tokenFile == "/other/tokens/carol")
        #expect(m.users["carol"]?.exec?.command == "/other/./bin/plugin")
    }

    @Test func execCommandWithoutSlashIsLeftForPathLookup() throws {
        let yaml = "users:\n- name: u\n  user:\n    exec: {apiVersion: client.authentication.k8s.io/v1, command: gke-auth}\n"
        let m = KubeconfigLoader.merge([("/x/config", try KubeconfigLoader.parse(Data(yaml.utf8), path: "/x/config"))])
        #expect(m.users["u"]?.exec?.command == "gke-auth")
    }

    @Test func homeConfigIsTheFallback() throws {
        let selection = try KubeconfigLoader.load(KubeconfigSources(environment: ["HOME": "/home/me"]), files: files)
        guard case .kubeconfig(let m) = selection else { Issue.record("expected kubeconfig"); return }
        #expect(m.files == ["/home/me/.kube/config"])
    }

    @Test func explicitFileIsUsedAloneAndMustExist() throws {
        let selection = try KubeconfigLoader.load(
            KubeconfigSources(explicitPath: "/other/b.yaml", environment: ["KUBECONFIG": "/cfg/a.yaml"]), files: files)
        guard case .kubeconfig(let m) = selection else { Issue.record("expected kubeconfig"); return }
        #expect(m.files == ["/other/b.yaml"])
        #expect(throws: CortexError.self) {
            try KubeconfigLoader.load(KubeconfigSources(explicitPath: "/nope", environment: [:]), files: files)
        }
    }

    @Test func brokenYAMLNamesTheFile() throws {
        let bad = MemoryFiles(files: ["/bad.yaml": "clusters: [ {name: x, cluster: {server: [1,2]} }"])
        let error = try #require(throws: CortexError.self) {
            try KubeconfigLoader.load(KubeconfigSources(environment: ["KUBECONFIG": "/bad.yaml"]), files: bad)
        }
        #expect(error.message.contains("/bad.yaml"))
        #expect(error.exitCode == .usage)
    }

    @Test func nothingFoundIsNone() throws {
        #expect(try KubeconfigLoader.load(KubeconfigSources(environment: ["HOME": "/nowhere"]), files: files) == .none)
    }

    @Test func inClusterServiceAccount() throws {
        let sa = KubeconfigLoader.serviceAccountDirectory
        let pod = MemoryFiles(files: ["\(sa)/token": "sa-token\n", "\(sa)/ca.crt": "CA", "\(sa)/namespace": "payments\n"])
        let env = ["KUBERNETES_SERVICE_HOST": "fd00::1", "KUBERNETES_SERVICE_PORT": "443", "HOME": "/nowhere"]
        guard case .inCluster(let c) = try KubeconfigLoader.load(KubeconfigSources(environment: env), files: pod) else {
            Issue.record("expected in-cluster"); return
        }
        #expect(c.server == "https://[fd00::1]:443")
        #expect(c.namespace == "payments")
        #expect(c.tls.certificateAuthority == .data(Data("CA".utf8)))
        #expect(c.credentials == .tokenFile(path: "\(sa)/token", fallback: nil))
        var withPodNamespace = env
        withPodNamespace["POD_NAMESPACE"] = "override"
        guard case .inCluster(let c2) = try KubeconfigLoader.load(KubeconfigSources(environment: withPodNamespace), files: pod) else { return }
        #expect(c2.namespace == "override")
        // Without the token file it is not in-cluster.
        #expect(try KubeconfigLoader.load(KubeconfigSources(environment: env), files: MemoryFiles(files: [:])) == .none)
    }
}

@Suite struct KubeconfigResolutionTests {
    let merged = KubeconfigLoader.merge([
        ("/cfg/a.yaml", try! KubeconfigLoader.parse(Data(fileA.utf8), path: "/cfg/a.yaml")),
        ("/other/b.yaml", try! KubeconfigLoader.parse(Data(fileB.utf8), path: "/other/b.yaml")),
    ])

    @Test func currentContextWithFileCAAndToken() throws {
        let c = try merged.resolve(files: files)
        #expect(c.contextName == "ctx-a")
        #expect(c.server == "https://a.example:6443")
        #expect(c.namespace == "team-a")
        #expect(c.tls.certificateAuthority == .data(Data("CA-A".utf8)))
        #expect(c.credentials == .token(Secret("token-a")))
        #expect(c.warnings.isEmpty)
    }

    @Test func contextFlagWinsAndDataFieldsAreDecoded() throws {
        let c = try merged.resolve(context: "ctx-b", files: files)
        #expect(c.namespace == "default")
        #expect(c.tls.certificateAuthority == .data(Data("CA-B".utf8)))
        #expect(c.tls.clientCertificate == .data(Data("CERT".utf8)))
        #expect(c.tls.clientKey == .data(Data("KEY".utf8)))
        #expect(c.tls.serverName == "api.internal")
        #expect(c.proxy == .url("socks5://proxy:1080"))
        #expect(c.credentials == .none)
    }

    @Test func execPluginWithClusterInfo() throws {
        let c = try merged.resolve(context: "ctx-carol", files: files)
        guard case .exec(let exec, let cluster) = c.credentials else { Issue.record("expected exec"); return }
        #expect(exec.command == "/other/./bin/plugin")
        #expect(exec.args == ["get-token"])
        #expect(cluster.server == "https://only-b.example")
        #expect(cluster.tlsServerName == "api.internal")
    }

    @Test func insecureSkipVerifyWarns() throws {
        let c = try merged.resolve(context: "insecure", files: files)
        #expect(c.tls.insecureSkipVerify)
        #expect(c.warnings.count == 1)
        #expect(c.warnings[0].contains("only-a"))
    }

    @Test(arguments: [
        ("nope", "context nope is not in kubeconfig"),
    ])
    func unknownContext(_ name: String, _ message: String) throws {
        let error = try #require(throws: CortexError.self) { try merged.resolve(context: name, files: files) }
        #expect(error.message == message)
        #expect(error.hint?.contains("ctx-a") == true)
    }

    @Test func configurationErrorsAreClear() throws {
        func resolve(_ yaml: String) throws(CortexError) -> ResolvedKubeConfig {
            let m = KubeconfigLoader.merge([("/k", try KubeconfigLoader.parse(Data(yaml.utf8), path: "/k"))])
            return try m.resolve(files: MemoryFiles(files: [:]))
        }
        let head = "current-context: c\ncontexts:\n- name: c\n  context: {cluster: k, user: u}\n"
        let cases: [(String, String)] = [
            ("clusters:\n- name: k\n  cluster: {server: 'https://x', insecure-skip-tls-verify: true, certificate-authority-data: QQ==}\nusers:\n- name: u\n  user: {}\n",
             "both insecure-skip-tls-verify and a certificate authority"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority: /missing.crt}\nusers:\n- name: u\n  user: {}\n",
             "file /missing.crt does not exist"),
            ("clusters:\n- name: k\n  cluster: {}\nusers:\n- name: u\n  user: {}\n", "has no server"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {auth-provider: {name: gcp}}\n", "auth-provider gcp"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}}\n",
             "v1alpha1"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {token: t, username: a, password: b}\n",
             "more than one authentication method"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x'}\nusers:\n- name: u\n  user: {client-certificate-data: QQ==}\n",
             "without a key"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x', proxy-url: 'ftp://p'}\nusers:\n- name: u\n  user: {}\n", "scheme ftp"),
            ("clusters:\n- name: k\n  cluster: {server: 'https://x'}\nusers:\n- name: other\n  user: {}\n", "user u, which is not in kubeconfig"),
            // kubectl refuses both as well, rather than silently preferring one.
            ("clusters:\n- name: k\n  cluster: {server: 'https://x', certificate-authority: /ca.crt, certificate-authority-data: QQ==}\nusers:\n- name: u\n  user: {}\n",
             "certificate-authority-data and certificate-authority are both set for cluster k"),
        ]
        for (body, expected) in cases {
            let error = try #require(throws: CortexError.self) { try resolve(head + body) }
            #expect(error.message.contains(expected), "\(error.message)")
            #expect(error.exitCode == .usage)
        }
    }

    @Test func tokenNeverPrints() throws {
        let c = try merged.resolve(files: files)
        #expect(!String(describing: c).contains("token-a"))
        #expect(!"\(c.credentials)".contains("token-a"))
    }
}

@Suite struct EnvironmentPlacementTests {
    @Test func defaultIsCurrentContextAndEnvironmentNamespace() {
        let map = EnvironmentClusterMap(["production": EnvironmentPlacement(context: "prod-eu", namespace: "shop"),
                                         "staging": EnvironmentPlacement(namespace: "shop-staging")])
        #expect(map.target(for: "production", currentContext: "dev") == ClusterTarget(context: "prod-eu", namespace: "shop"))
        #expect(map.target(for: "staging", currentContext: "dev") == ClusterTarget(context: "dev", namespace: "shop-staging"))
        #expect(map.target(for: "qa", currentContext: "dev") == ClusterTarget(context: "dev", namespace: "qa"))
    }

    /// kubectl users set a namespace on their context; it picks the environment that lives
    /// there when a request names none and the session has none.
    @Test func aContextNamespacePicksTheEnvironmentPlacedThere() {
        let map = EnvironmentClusterMap(["production": EnvironmentPlacement(context: "prod-eu", namespace: "shop"),
                                         "staging": EnvironmentPlacement(namespace: "shop-staging")])
        let names = ["development", "staging", "production"]
        #expect(map.environment(namespace: "shop-staging", context: "dev", among: names) == "staging")
        #expect(map.environment(namespace: "development", context: "dev", among: names) == "development")
        #expect(map.environment(namespace: "shop", context: "prod-eu", among: names) == "production")
        // The production namespace seen from another context is not production.
        #expect(map.environment(namespace: "shop", context: "dev", among: names) == nil)
        #expect(map.environment(namespace: "staging", context: "dev", among: names) == nil)
        #expect(map.environment(namespace: "team-a", context: "dev", among: names) == nil)
    }

    @Test func decodesFromConfiguration() throws {
        let json = #"{"production":{"context":"prod","namespace":"p"},"staging":{}}"#
        let map = try JSONDecoder().decode(EnvironmentClusterMap.self, from: Data(json.utf8))
        #expect(map.target(for: "staging", currentContext: "c") == ClusterTarget(context: "c", namespace: "staging"))
        #expect(map.target(for: "production", currentContext: "c") == ClusterTarget(context: "prod", namespace: "p"))
    }

    @Test func imagesFromTemplateAndRetagging() {
        #expect(ImageTemplate("registry.example.com/{service}:{version}").image(service: "api", version: "1.5") == "registry.example.com/api:1.5")
        #expect(ImageReference.retag("ghcr.io/acme/api:1.2", to: "1.3") == "ghcr.io/acme/api:1.3")
        #expect(ImageReference.retag("localhost:5000/api", to: "2") == "localhost:5000/api:2")
        #expect(ImageReference.retag("api@sha256:abc", to: "2") == "api:2")
        #expect(ImageReference.tag(of: "localhost:5000/api") == nil)
        #expect(ImageReference.tag(of: "nginx:1.27") == "1.27")
    }
}
