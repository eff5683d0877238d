public import CortexCore
public import FoundationEssentials

/// Runs a program and collects what it printed; the live implementation is at the edge.
public protocol ProcessRunner: Sendable {
    /// Runs `command` (a path, or a name looked up in `PATH`) with stdin closed.
    /// - Parameter environment: added to (and overriding) the current process's environment.
    func run(_ command: String, arguments: [String], environment: [String: String]) throws(CortexError) -> ProcessOutput
}

/// The exit status and output of a finished program.
public struct ProcessOutput: Equatable, Sendable {
    public var status: Int32
    public var stdout: Data
    public var stderr: Data

    public init(status: Int32, stdout: Data, stderr: Data = Data()) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }
}

/// What an exec plugin answered.
public struct ExecCredential: Equatable, Sendable {
    public var token: Secret?
    public var clientCertificate: Data?
    public var clientKey: Data?
    /// When to run the plugin again; nil means the credential does not expire.
    public var expiration: Date?
}

/// The `client.authentication.k8s.io` exchange: the input given to the plugin in
/// `KUBERNETES_EXEC_INFO`, and the strict reading of its answer.
public enum ExecCredentialProtocol {
    /// The `KUBERNETES_EXEC_INFO` document for `config`.
    public static func execInfo(_ config: ExecConfig, cluster: ExecClusterInfo) -> String {
        var spec: [String: JSONValue] = ["interactive": false]
        if config.provideClusterInfo == true {
            var c: [String: JSONValue] = ["server": .string(cluster.server)]
            if let ca = cluster.certificateAuthorityData { c["certificate-authority-data"] = .string(ca) }
            if let name = cluster.tlsServerName { c["tls-server-name"] = .string(name) }
            if cluster.insecureSkipTLSVerify { c["insecure-skip-tls-verify"] = true }
            if let proxy = cluster.proxyURL { c["proxy-url"] = .string(proxy) }
            spec["cluster"] = .object(c)
        }
        let doc: JSONValue = [
            "kind": "ExecCredential", "apiVersion": .string(config.apiVersion ?? "client.authentication.k8s.io/v1"),
            "spec": .object(spec),
        ]
        return doc.serializedString()
    }

    /// Reads the plugin's stdout. The plugin's output is never quoted in errors (it holds credentials).
    public static func parse(_ stdout: Data, expectedAPIVersion: String, command: String) throws(CortexError) -> ExecCredential {
        struct Wire: Decodable {
            var apiVersion: String?
            var kind: String?
            var status: Status?
            struct Status: Decodable {
                var token: String?
                var clientCertificateData: String?
                var clientKeyData: String?
                var expirationTimestamp: String?
            }
        }
        let hint = "run the plugin by hand and check that it prints an ExecCredential"
        guard let wire = try? JSONDecoder().decode(Wire.self, from: stdout) else {
            throw .failed("exec plugin \(command) did not print an ExecCredential as JSON", hint: hint)
        }
        guard wire.kind == "ExecCredential", wire.apiVersion == expectedAPIVersion else {
            throw .failed("exec plugin \(command) answered \(wire.kind ?? "no kind") \(wire.apiVersion ?? "without apiVersion"), expected ExecCredential \(expectedAPIVersion)", hint: hint)
        }
        guard let status = wire.status else {
            throw .failed("exec plugin \(command) printed an ExecCredential without status", hint: hint)
        }
        let cert = status.clientCertificateData.flatMap { $0.isEmpty ? nil : Data($0.utf8) }
        let key = status.clientKeyData.flatMap { $0.isEmpty ? nil : Data($0.utf8) }
        if (cert == nil) != (key == nil) {
            throw .failed("exec plugin \(command) printed a client certificate without a key, or a key without a certificate", hint: hint)
        }
        let token = status.token.flatMap { $0.isEmpty ? nil : Secret($0) }
        if token == nil && cert == nil {
            throw .failed("exec plugin \(command) printed neither a token nor a client certificate", hint: hint)
        }
        var expiration: Date?
        if let ts = status.expirationTimestamp {
            guard let date = try? Date(ts, strategy: .iso8601) else {
                throw .failed("exec plugin \(command) printed an invalid expirationTimestamp", hint: hint)
            }
            expiration = date
        }
        return ExecCredential(token: token, clientCertificate: cert, clientKey: key, expiration: expiration)
    }
}
