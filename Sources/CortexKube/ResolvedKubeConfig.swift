public import CortexCore
import FoundationEssentials

/// How requests to one cluster authenticate, besides a client certificate (which is in `TLSSettings`).
public enum KubeCredentialSource: Equatable, Sendable {
    case none
    case token(Secret)
    /// Re-read before requests, so a rotated token is picked up; `fallback` is the kubeconfig's `token`.
    case tokenFile(path: String, fallback: Secret?)
    case exec(ExecConfig, cluster: ExecClusterInfo)
}

/// The cluster details an exec plugin receives when `provideClusterInfo` is set.
public struct ExecClusterInfo: Equatable, Sendable {
    public var server: String
    public var certificateAuthorityData: String?
    public var tlsServerName: String?
    public var insecureSkipTLSVerify: Bool
    public var proxyURL: String?

    public init(server: String, certificateAuthorityData: String? = nil, tlsServerName: String? = nil,
                insecureSkipTLSVerify: Bool = false, proxyURL: String? = nil) {
        self.server = server
        self.certificateAuthorityData = certificateAuthorityData
        self.tlsServerName = tlsServerName
        self.insecureSkipTLSVerify = insecureSkipTLSVerify
        self.proxyURL = proxyURL
    }
}

/// Everything needed to talk to one cluster as one user: the outcome of kubeconfig resolution.
public struct ResolvedKubeConfig: Equatable, Sendable {
    public var contextName: String
    /// The API server URL, possibly with a path prefix.
    public var server: String
    /// The context's namespace, or `default`.
    public var namespace: String
    public var tls: TLSSettings
    public var proxy: ProxySetting
    public var credentials: KubeCredentialSource
    /// Things the operator should know (insecure TLS), shown once at startup.
    public var warnings: [String]

    public init(contextName: String, server: String, namespace: String = "default", tls: TLSSettings = TLSSettings(),
                proxy: ProxySetting = .environment, credentials: KubeCredentialSource = .none, warnings: [String] = []) {
        self.contextName = contextName
        self.server = server
        self.namespace = namespace
        self.tls = tls
        self.proxy = proxy
        self.credentials = credentials
        self.warnings = warnings
    }

    public var usesTLS: Bool { server.lowercased().hasPrefix("https://") }

    /// Whether credentials may go over plain http because the server is on this machine and
    /// the cluster entry opts in with the `cortex.dev/loopback-credentials` extension (what
    /// `cortex sim serve --users` writes). Credentials never go over plain http elsewhere.
    public var allowsLoopbackCredentials = false

    /// The name of the cluster extension that opts in to credentials over plain http to loopback.
    public static let loopbackCredentialsExtension = "cortex.dev/loopback-credentials"

    /// Whether credentials may be added to requests to this server.
    public var mayCarryCredentials: Bool { usesTLS || allowsLoopbackCredentials }

    /// The kubeconfig user of the context: the operator's name when the cluster cannot say.
    public var userName: String?
}

extension MergedKubeconfig {
    /// Resolves one context (`--context`, else `current-context`) into a usable configuration.
    /// Files it references (CA, client certificate and key) are read now, so that a missing
    /// file is reported before any request.
    public func resolve(context requested: String? = nil, files: any KubeFileReader) throws(CortexError) -> ResolvedKubeConfig {
        guard let name = requested ?? currentContext else {
            throw .usage("no context selected: kubeconfig has no current-context",
                         hint: "pass --context NAME (known: \(contextNames.joined(separator: ", ")))")
        }
        guard let context = contexts[name] else {
            throw .usage("context \(name) is not in kubeconfig",
                         hint: contextNames.isEmpty ? "check KUBECONFIG or --kubeconfig" : "known contexts: \(contextNames.joined(separator: ", "))")
        }
        guard let clusterName = context.cluster, let cluster = clusters[clusterName] else {
            throw .usage("context \(name) names cluster \(context.cluster ?? "(none)"), which is not in kubeconfig", hint: "fix the context's cluster")
        }
        guard let server = cluster.server, !server.isEmpty else {
            throw .usage("cluster \(clusterName) of context \(name) has no server", hint: "set clusters[].cluster.server in kubeconfig")
        }
        let user = context.user.flatMap { users[$0] } ?? KubeconfigFile.User()
        if let userName = context.user, users[userName] == nil {
            throw .usage("context \(name) names user \(userName), which is not in kubeconfig", hint: "fix the context's user")
        }
        var warnings: [String] = []

        var tls = TLSSettings(serverName: cluster.tlsServerName)
        if cluster.insecureSkipTLSVerify == true {
            if cluster.certificateAuthority != nil || cluster.certificateAuthorityData != nil {
                throw .usage("cluster \(clusterName) sets both insecure-skip-tls-verify and a certificate authority",
                             hint: "remove one of them: a root certificate with the insecure flag is not allowed")
            }
            tls.insecureSkipVerify = true
            warnings.append("TLS verification is off for cluster \(clusterName) (insecure-skip-tls-verify): the server's identity is not checked")
        }
        if let file = cluster.certificateAuthority, !file.isEmpty, let data = cluster.certificateAuthorityData, !data.isEmpty {
            // kubectl refuses this too rather than silently preferring one of them.
            throw .usage("certificate-authority-data and certificate-authority are both set for cluster \(clusterName)",
                         hint: "keep one of them in kubeconfig")
        }
        tls.certificateAuthority = try pem(data: cluster.certificateAuthorityData, file: cluster.certificateAuthority,
                                           what: "certificate-authority of cluster \(clusterName)", files: files)
        tls.clientCertificate = try pem(data: user.clientCertificateData, file: user.clientCertificate,
                                        what: "client-certificate of user \(context.user ?? "")", files: files)
        tls.clientKey = try pem(data: user.clientKeyData, file: user.clientKey,
                                what: "client-key of user \(context.user ?? "")", files: files)
        if (tls.clientCertificate == nil) != (tls.clientKey == nil) {
            throw .usage("user \(context.user ?? "") has a client certificate without a key, or a key without a certificate",
                         hint: "set both client-certificate(-data) and client-key(-data)")
        }

        var proxy = ProxySetting.environment
        if let p = cluster.proxyURL, !p.isEmpty {
            let scheme = p.split(separator: ":").first.map { $0.lowercased() } ?? ""
            guard ["http", "https", "socks5"].contains(scheme) else {
                throw .usage("proxy-url of cluster \(clusterName) has scheme \(scheme); only http, https and socks5 are supported",
                             hint: "fix proxy-url in kubeconfig")
            }
            proxy = .url(p)
        }

        let credentials = try credentialSource(user, userName: context.user ?? "", cluster: cluster, server: server)
        var resolved = ResolvedKubeConfig(contextName: name, server: server, namespace: context.namespace.flatMap { $0.isEmpty ? nil : $0 } ?? "default",
                                          tls: tls, proxy: proxy, credentials: credentials, warnings: warnings)
        let host = URL(string: server)?.host ?? ""
        resolved.userName = context.user
        resolved.allowsLoopbackCredentials = LoopbackHost.contains(host)
            && (cluster.extensions ?? []).contains { $0.name == ResolvedKubeConfig.loopbackCredentialsExtension }
        return resolved
    }

    private func credentialSource(_ user: KubeconfigFile.User, userName: String, cluster: KubeconfigFile.Cluster, server: String) throws(CortexError) -> KubeCredentialSource {
        if let provider = user.authProvider {
            throw .usage("user \(userName) uses auth-provider \(provider.name ?? ""), which is not supported",
                         hint: "switch the user to an exec credential plugin (client.authentication.k8s.io/v1)")
        }
        let hasToken = user.token.map { !$0.isEmpty } ?? false || user.tokenFile != nil
        if user.username != nil || user.password != nil {
            if hasToken {
                throw .usage("more than one authentication method found for user \(userName)", hint: "keep either the token or the username/password")
            }
            throw .usage("user \(userName) uses basic authentication, which is not supported", hint: "use a token, a client certificate or an exec plugin")
        }
        if let exec = user.exec {
            let version = exec.apiVersion ?? ""
            guard version == "client.authentication.k8s.io/v1" || version == "client.authentication.k8s.io/v1beta1" else {
                throw .usage("exec plugin of user \(userName) has apiVersion \"\(version)\"",
                             hint: "use client.authentication.k8s.io/v1")
            }
            guard !exec.command.isEmpty else {
                throw .usage("exec plugin of user \(userName) has no command", hint: "set users[].user.exec.command")
            }
            return .exec(exec, cluster: ExecClusterInfo(
                server: server, certificateAuthorityData: cluster.certificateAuthorityData, tlsServerName: cluster.tlsServerName,
                insecureSkipTLSVerify: cluster.insecureSkipTLSVerify ?? false, proxyURL: cluster.proxyURL))
        }
        let token = user.token.flatMap { $0.isEmpty ? nil : Secret($0) }
        if let path = user.tokenFile { return .tokenFile(path: path, fallback: token) }
        if let token { return .token(token) }
        return .none
    }

    private func pem(data: String?, file: String?, what: String, files: any KubeFileReader) throws(CortexError) -> PEMSource? {
        if let data, !data.isEmpty {
            guard let bytes = Data(base64Encoded: data.filter { !$0.isWhitespace }) else {
                throw .usage("\(what)-data is not valid base64", hint: "encode the PEM file with `base64 -w0`")
            }
            return .data(bytes)
        }
        guard let file, !file.isEmpty else { return nil }
        guard let bytes = try files.read(file) else {
            throw .usage("\(what): file \(file) does not exist", hint: "fix the path in kubeconfig (relative paths count from the kubeconfig's folder)")
        }
        return .data(bytes)
    }
}
