/// Sends one HTTP request and returns the response, whatever its status.
///
/// Only failures to get a response at all are errors: refused connections, TLS failures,
/// timeouts, cancellation, oversized bodies, and requests the transport refuses to send.
public protocol HTTPTransport: Sendable {
    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse
}

/// Why no response came back. Messages never contain credentials.
public enum HTTPTransportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Name resolution failed or nothing listened (refused, unreachable).
    case connectionFailed(host: String, detail: String)
    /// The server's certificate could not be verified, or the handshake failed.
    case tls(host: String, detail: String)
    /// The local TLS material (CA bundle, client certificate or key) could not be used.
    case tlsConfiguration(detail: String)
    case timedOut(host: String, after: Duration?)
    case cancelled
    case responseTooLarge(limit: Int)
    /// A credential would have gone over plain http; nothing was sent.
    case credentialsOverPlainHTTP(host: String)
    case invalidURL(String)
    /// Anything else the transport reported.
    case other(String)

    public var description: String {
        switch self {
        case .connectionFailed(let host, let detail): "cannot connect to \(host): \(detail)"
        case .tls(let host, let detail): "TLS with \(host) failed: \(detail)"
        case .tlsConfiguration(let detail): "TLS settings cannot be used: \(detail)"
        case .timedOut(let host, let after):
            if let after { "\(host) did not answer within \(Self.describe(after))" } else { "\(host) did not answer in time" }
        case .cancelled: "cancelled"
        case .responseTooLarge(let limit): "the response exceeded the limit of \(limit) bytes"
        case .credentialsOverPlainHTTP(let host):
            "refused to send credentials to \(host) over plain http"
        case .invalidURL(let url): "invalid URL: \(url)"
        case .other(let detail): detail
        }
    }

    /// A duration as `5s` or `0.25s`.
    public static func describe(_ d: Duration) -> String {
        let c = d.components
        let s = Double(c.seconds) + Double(c.attoseconds) / 1e18
        return s == s.rounded() ? "\(Int(s))s" : "\(s)s"
    }
}

/// Something that can be asked whether the operator gave up (Ctrl-C).
public protocol CancellationSignal: Sendable {
    var isCancelled: Bool { get }
}

/// A signal that never fires.
public struct NeverCancelled: CancellationSignal {
    public init() {}
    public var isCancelled: Bool { false }
}

extension Duration {
    /// Whole milliseconds, rounded down: for latency records and libcurl's millisecond options.
    public var wholeMilliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
