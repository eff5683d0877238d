/// One kubeconfig file as written: the fields cortex honours. Unknown fields are ignored.
public struct KubeconfigFile: Decodable, Equatable, Sendable {
    public var currentContext: String?
    public var clusters: [Named<Cluster>]?
    public var users: [Named<User>]?
    public var contexts: [Named<Context>]?

    enum CodingKeys: String, CodingKey {
        case currentContext = "current-context", clusters, users, contexts
    }

    /// A `- name: x` entry with its body under `key`.
    public struct Named<Body: KubeconfigEntryBody>: Decodable, Equatable, Sendable {
        public var name: String
        public var body: Body


        public init(name: String, body: Body) {
            self.name = name
            self.body = body
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: KubeconfigEntryKey.self)
            name = try c.decode(String.self, forKey: .name)
            body = try c.decodeIfPresent(Body.self, forKey: Body.entryKey) ?? Body.empty
        }
    }

    /// `clusters[].cluster`: where the API server is and how to trust it.
    public struct Cluster: KubeconfigEntryBody {
        public static let entryKey = KubeconfigEntryKey.cluster
        public static let empty = Cluster()
        public var server: String?
        public var certificateAuthority: String?
        public var certificateAuthorityData: String?
        public var insecureSkipTLSVerify: Bool?
        public var tlsServerName: String?
        public var proxyURL: String?
        /// Named extensions; cortex reads only the names (see `ResolvedKubeConfig.loopbackCredentialsExtension`).
        public var extensions: [NamedExtension]?

        enum CodingKeys: String, CodingKey {
            case server
            case certificateAuthority = "certificate-authority"
            case certificateAuthorityData = "certificate-authority-data"
            case insecureSkipTLSVerify = "insecure-skip-tls-verify"
            case tlsServerName = "tls-server-name"
            case proxyURL = "proxy-url"
            case extensions
        }

        /// One `extensions[]` item: its name (the `extension` body is not read).
        public struct NamedExtension: Codable, Equatable, Sendable {
            public var name: String
            public init(name: String) { self.name = name }
        }

        public init(server: String? = nil, certificateAuthority: String? = nil, certificateAuthorityData: String? = nil,
                    insecureSkipTLSVerify: Bool? = nil, tlsServerName: String? = nil, proxyURL: String? = nil) {
            self.server = server
            self.certificateAuthority = certificateAuthority
            self.certificateAuthorityData = certificateAuthorityData
            self.insecureSkipTLSVerify = insecureSkipTLSVerify
            self.tlsServerName = tlsServerName
            self.proxyURL = proxyURL
        }
    }

    /// `users[].user`: how to authenticate.
    public struct User: KubeconfigEntryBody {
        public static let entryKey = KubeconfigEntryKey.user
        public static let empty = User()
        public var token: String?
        public var tokenFile: String?
        public var clientCertificate: String?
        public var clientCertificateData: String?
        public var clientKey: String?
        public var clientKeyData: String?
        public var username: String?
        public var password: String?
        public var exec: ExecConfig?
        public var authProvider: AuthProvider?

        enum CodingKeys: String, CodingKey {
            case token, tokenFile, username, password, exec
            case clientCertificate = "client-certificate"
            case clientCertificateData = "client-certificate-data"
            case clientKey = "client-key"
            case clientKeyData = "client-key-data"
            case authProvider = "auth-provider"
        }

        public init() {}
    }

    /// The legacy `auth-provider` block; only its name is read, to say it is unsupported.
    public struct AuthProvider: Decodable, Equatable, Sendable {
        public var name: String?
    }

    /// `contexts[].context`: a cluster, a user and a default namespace.
    public struct Context: KubeconfigEntryBody {
        public static let entryKey = KubeconfigEntryKey.context
        public static let empty = Context()
        public var cluster: String?
        public var user: String?
        public var namespace: String?

        public init(cluster: String? = nil, user: String? = nil, namespace: String? = nil) {
            self.cluster = cluster
            self.user = user
            self.namespace = namespace
        }
    }
}

/// An `exec` credential plugin as configured in a kubeconfig user.
public struct ExecConfig: Decodable, Equatable, Sendable {
    public var apiVersion: String?
    public var command: String
    public var args: [String]?
    public var env: [EnvVar]?
    public var interactiveMode: String?
    public var provideClusterInfo: Bool?
    public var installHint: String?

    /// An environment variable set for the plugin.
    public struct EnvVar: Decodable, Equatable, Sendable {
        public var name: String
        public var value: String
    }

    public init(apiVersion: String? = "client.authentication.k8s.io/v1", command: String, args: [String]? = nil,
                env: [EnvVar]? = nil, provideClusterInfo: Bool? = nil, installHint: String? = nil) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.provideClusterInfo = provideClusterInfo
        self.installHint = installHint
    }
}

/// The body of a named kubeconfig entry: where it sits (`cluster:`, `user:`, `context:`) and
/// what an entry without a body means.
public protocol KubeconfigEntryBody: Decodable, Equatable, Sendable {
    static var entryKey: KubeconfigEntryKey { get }
    static var empty: Self { get }
}

/// The keys of a named entry: its name, and where its body sits.
public enum KubeconfigEntryKey: String, CodingKey, Sendable { case name, cluster, user, context }
