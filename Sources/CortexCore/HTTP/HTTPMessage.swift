public import FoundationEssentials

/// The request methods cortex sends.
public enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE"

    /// Whether repeating the request cannot change the outcome, so a 5xx may be retried blindly.
    public var isIdempotent: Bool {
        switch self {
        case .get, .put, .delete: true
        case .post, .patch: false
        }
    }
}

/// Header fields in the order they were added; names compare case-insensitively.
public struct HTTPHeaders: Equatable, Sendable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var fields: [(name: String, value: String)] = []

    public init() {}

    public init(dictionaryLiteral elements: (String, String)...) {
        for (n, v) in elements { add(n, v) }
    }

    public mutating func add(_ name: String, _ value: String) {
        fields.append((name, value))
    }

    /// Replaces every field named `name` with one field.
    public mutating func set(_ name: String, _ value: String) {
        remove(name)
        add(name, value)
    }

    public mutating func remove(_ name: String) {
        let key = name.lowercased()
        fields.removeAll { $0.name.lowercased() == key }
    }

    /// The first value of `name`.
    public subscript(name: String) -> String? {
        let key = name.lowercased()
        return fields.first { $0.name.lowercased() == key }?.value
    }

    /// Every value of `name`, in order.
    public func values(_ name: String) -> [String] {
        let key = name.lowercased()
        return fields.filter { $0.name.lowercased() == key }.map(\.value)
    }

    public func makeIterator() -> IndexingIterator<[(name: String, value: String)]> {
        fields.makeIterator()
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.count == rhs.fields.count
            && zip(lhs.fields, rhs.fields).allSatisfy { $0.name.lowercased() == $1.name.lowercased() && $0.value == $1.value }
    }
}

/// How long one request may take. `nil` means no limit of that kind.
public struct HTTPTimeouts: Equatable, Sendable {
    /// Until the connection (TLS included) is up.
    public var connect: Duration?
    /// For the whole exchange, response body included.
    public var total: Duration?

    public init(connect: Duration? = .seconds(10), total: Duration? = .seconds(60)) {
        self.connect = connect
        self.total = total
    }
}

/// One HTTP request, with everything the transport needs to send it securely.
///
/// The bearer token is kept apart from `headers` so that a transport can refuse to send it
/// over plain http and so that printing a request never shows it.
public struct HTTPRequest: Equatable, Sendable, CustomStringConvertible {
    public var method: HTTPMethod
    public var url: String
    public var headers: HTTPHeaders
    public var body: Data?
    public var bearerToken: Secret?
    public var tls: TLSSettings
    public var proxy: ProxySetting
    public var timeouts: HTTPTimeouts
    /// The largest response body accepted; larger ones fail with `HTTPTransportError.responseTooLarge`.
    public var responseSizeLimit: ResponseSizeLimit
    /// Whether a credential may go over plain http to this machine itself (127.0.0.0/8, ::1,
    /// localhost): a local model server. Never to another host.
    public var allowsCredentialsToLoopback = false

    public init(
        method: HTTPMethod, url: String, headers: HTTPHeaders = [:], body: Data? = nil,
        bearerToken: Secret? = nil, tls: TLSSettings = TLSSettings(), proxy: ProxySetting = .environment,
        timeouts: HTTPTimeouts = HTTPTimeouts(), responseSizeLimit: ResponseSizeLimit = .standard
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.bearerToken = bearerToken
        self.tls = tls
        self.proxy = proxy
        self.timeouts = timeouts
        self.responseSizeLimit = responseSizeLimit
    }

    /// `METHOD url`, without headers, body or credentials.
    public var description: String { "\(method.rawValue) \(url)" }

    /// The body as UTF-8 text, for tests and diagnostics.
    public var bodyText: String? { body.map { String(decoding: $0, as: UTF8.self) } }
}

/// One HTTP response.
public struct HTTPResponse: Equatable, Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: Data
    /// The body as the JSON value it encodes, when the transport had the value itself (the
    /// in-process simulated cluster): a client may read it instead of parsing `body`.
    public var json: JSONValue?

    public init(status: Int, headers: HTTPHeaders = [:], body: Data = Data(), json: JSONValue? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.json = json
    }

    public var isSuccess: Bool { (200..<300).contains(status) }
    public var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// The largest response body a request accepts, in bytes.
public struct ResponseSizeLimit: Equatable, Sendable {
    public var bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    /// 16 MiB: far above any Deployment list a shell shows, far below trouble.
    public static let standard = ResponseSizeLimit(bytes: 16 << 20)

    /// Whether `count` bytes would exceed the limit.
    public func isExceeded(by count: Int) -> Bool { count > bytes }
}

/// Hosts that name this machine, where traffic never reaches a network.
public enum LoopbackHost {
    /// `localhost`, `127.x.y.z` and `::1` (with or without brackets), case-insensitive.
    public static func contains(_ host: String) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("[") && h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        if h == "localhost" || h == "::1" { return true }
        let parts = h.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// The host of an `http://` or `https://` URL, without port or credentials.
    public static func host(of url: String) -> String? {
        let lower = url.lowercased()
        let scheme = lower.hasPrefix("https://") ? "https://" : lower.hasPrefix("http://") ? "http://" : nil
        guard let scheme else { return nil }
        var rest = url.dropFirst(scheme.count)
        if let end = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        if let at = rest.lastIndex(of: "@") { rest = rest[rest.index(after: at)...] }
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[...close]) }
        if let colon = rest.lastIndex(of: ":") { rest = rest[..<colon] }
        return rest.isEmpty ? nil : String(rest)
    }
}
