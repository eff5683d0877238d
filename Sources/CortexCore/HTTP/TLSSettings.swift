public import FoundationEssentials

/// PEM material given either as a file path or as the bytes themselves.
public enum PEMSource: Equatable, Sendable {
    case file(String)
    case data(Data)
}

/// How a connection proves the server's identity and, optionally, its own.
public struct TLSSettings: Equatable, Sendable {
    /// Trusted certificate authorities; nil means the system's trust store.
    public var certificateAuthority: PEMSource?
    public var clientCertificate: PEMSource?
    /// The client certificate's private key. Never printed: see `description`.
    public var clientKey: PEMSource?
    /// Skips verifying the server certificate. Only for throwaway clusters; callers warn.
    public var insecureSkipVerify: Bool
    /// The name to verify the server certificate against (and send as SNI) instead of the URL's host.
    public var serverName: String?

    public init(
        certificateAuthority: PEMSource? = nil, clientCertificate: PEMSource? = nil, clientKey: PEMSource? = nil,
        insecureSkipVerify: Bool = false, serverName: String? = nil
    ) {
        self.certificateAuthority = certificateAuthority
        self.clientCertificate = clientCertificate
        self.clientKey = clientKey
        self.insecureSkipVerify = insecureSkipVerify
        self.serverName = serverName
    }
}

extension TLSSettings: CustomStringConvertible {
    public var description: String {
        func show(_ s: PEMSource?) -> String {
            switch s {
            case nil: "none"
            case .file(let p): p
            case .data(let d): "<\(d.count) bytes>"
            }
        }
        return "TLSSettings(ca: \(show(certificateAuthority)), cert: \(show(clientCertificate)), key: \(clientKey == nil ? "none" : "<redacted>"), insecure: \(insecureSkipVerify), serverName: \(serverName ?? "none"))"
    }
}

/// Which proxy a request goes through.
public enum ProxySetting: Equatable, Sendable {
    /// `HTTPS_PROXY`/`https_proxy`, `HTTP_PROXY`/`http_proxy` and `NO_PROXY`/`no_proxy`, as kubectl does.
    case environment
    /// No proxy, whatever the environment says.
    case direct
    /// This proxy (`http://`, `https://` or `socks5://`), ignoring the environment.
    case url(String)
}
