public import CortexCore
public import FoundationEssentials
import Foundation

/// The credentials added to one request.
public struct RequestCredentials: Equatable, Sendable {
    public var bearerToken: Secret?
    public var clientCertificate: PEMSource?
    public var clientKey: PEMSource?

    public init(bearerToken: Secret? = nil, clientCertificate: PEMSource? = nil, clientKey: PEMSource? = nil) {
        self.bearerToken = bearerToken
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
    }
}

/// Supplies credentials for each request and refreshes them after a 401.
public protocol KubeAuthenticator: Sendable {
    func credentials() throws(CortexError) -> RequestCredentials
    /// Drops cached credentials; returns whether asking again may give different ones.
    func invalidate() -> Bool
}

/// Builds the authenticator for a resolved configuration.
public enum KubeAuthenticators {
    public static func make(_ source: KubeCredentialSource, files: any KubeFileReader, runner: any ProcessRunner,
                            now: @escaping @Sendable () -> Date) -> any KubeAuthenticator {
        switch source {
        case .none: StaticAuthenticator(RequestCredentials())
        case .token(let t): StaticAuthenticator(RequestCredentials(bearerToken: t))
        case .tokenFile(let path, let fallback): TokenFileAuthenticator(path: path, fallback: fallback, files: files)
        case .exec(let config, let cluster): ExecAuthenticator(config: config, cluster: cluster, runner: runner, now: now)
        }
    }
}

/// Credentials fixed at startup: a kubeconfig token, or none.
public struct StaticAuthenticator: KubeAuthenticator {
    let value: RequestCredentials
    public init(_ value: RequestCredentials) { self.value = value }
    public func credentials() -> RequestCredentials { value }
    public func invalidate() -> Bool { false }
}

/// Reads the token file on each request, so that rotated service-account tokens are used.
public struct TokenFileAuthenticator: KubeAuthenticator {
    let path: String
    let fallback: Secret?
    let files: any KubeFileReader

    public init(path: String, fallback: Secret?, files: any KubeFileReader) {
        self.path = path
        self.fallback = fallback
        self.files = files
    }

    public func credentials() throws(CortexError) -> RequestCredentials {
        if let data = try files.read(path) {
            let token = String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }
            if !token.isEmpty { return RequestCredentials(bearerToken: Secret(token)) }
        }
        guard let fallback else {
            throw .usage("token file \(path) is missing or empty", hint: "fix tokenFile in kubeconfig")
        }
        return RequestCredentials(bearerToken: fallback)
    }

    public func invalidate() -> Bool { true }
}

/// Runs an exec credential plugin and caches its answer until it expires or a 401 says it is stale.
public final class ExecAuthenticator: KubeAuthenticator, @unchecked Sendable {
    let config: ExecConfig
    let cluster: ExecClusterInfo
    let runner: any ProcessRunner
    let now: @Sendable () -> Date
    private let lock = NSLock()
    private var cached: ExecCredential?

    public init(config: ExecConfig, cluster: ExecClusterInfo, runner: any ProcessRunner, now: @escaping @Sendable () -> Date) {
        self.config = config
        self.cluster = cluster
        self.runner = runner
        self.now = now
    }

    public func credentials() throws(CortexError) -> RequestCredentials {
        lock.lock()
        defer { lock.unlock() }
        if let c = cached, c.expiration.map({ $0 > now() }) ?? true { return Self.requestCredentials(c) }
        var environment: [String: String] = [:]
        for e in config.env ?? [] { environment[e.name] = e.value }
        environment["KUBERNETES_EXEC_INFO"] = ExecCredentialProtocol.execInfo(config, cluster: cluster)
        let output = try runner.run(config.command, arguments: config.args ?? [], environment: environment)
        guard output.status == 0 else {
            throw .failed("exec credential plugin \(config.command) failed with exit status \(output.status)",
                          hint: config.installHint ?? "run the plugin by hand to see why")
        }
        let credential = try ExecCredentialProtocol.parse(
            output.stdout, expectedAPIVersion: config.apiVersion ?? "client.authentication.k8s.io/v1", command: config.command)
        cached = credential
        return Self.requestCredentials(credential)
    }

    public func invalidate() -> Bool {
        lock.lock()
        cached = nil
        lock.unlock()
        return true
    }

    static func requestCredentials(_ c: ExecCredential) -> RequestCredentials {
        RequestCredentials(bearerToken: c.token, clientCertificate: c.clientCertificate.map { .data($0) },
                           clientKey: c.clientKey.map { .data($0) })
    }
}
