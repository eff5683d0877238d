import CortexCore
import Foundation

/// An HTTP request reduced to what the API layer looks at, independent of the server library.
struct APIRequest: Sendable {
    enum Method: String, Sendable {
        case get = "GET", post = "POST", put = "PUT", patch = "PATCH", delete = "DELETE", head = "HEAD"
        case other
    }

    var method: Method
    /// The path without the query string, still percent-encoded.
    var path: String
    var query: [String: String]
    var contentType: String?
    var accept: String?
    var body: [UInt8]
    /// The `Authorization` header; read only to authenticate, never logged or stored.
    var authorization: String?
    /// The client is in this process and reads an answer's value (`APIResponse.value`), so a
    /// list builds one beside its bytes; over HTTP nobody would read it.
    var readsValues = false

    init(
        method: Method, path: String, query: [String: String] = [:], contentType: String? = nil,
        accept: String? = nil, body: [UInt8] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.accept = accept
        self.body = body
    }

    /// Splits a request target (`/apis/apps/v1/deployments?watch=true`) into path and query.
    init(method: Method, target: String, contentType: String? = nil, accept: String? = nil, body: [UInt8] = []) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]), query: parts.count > 1 ? Self.parseQuery(String(parts[1])) : [:],
            contentType: contentType, accept: accept, body: body)
    }

    /// `dryRun=All` in the query string.
    var isDryRun: Bool { query["dryRun"] == "All" }

    /// The media type of the body without parameters, lowercased; empty when absent.
    var mediaType: String {
        guard let contentType else { return "" }
        return contentType.split(separator: ";").first.map { $0.trimmingSpaces.lowercased() } ?? ""
    }

    /// Whether the client asked for a `meta.k8s.io` Table rendering.
    var wantsTable: Bool { accept?.contains("as=Table") == true }

    static func parseQuery(_ text: String) -> [String: String] {
        var query: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let key = percentDecoded(String(parts[0]))
            let value = parts.count > 1 ? percentDecoded(String(parts[1])) : ""
            if query[key] == nil { query[key] = value }
        }
        return query
    }

    /// Decodes `%XX` escapes and `+` (form encoding) in a query component.
    static func percentDecoded(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return text }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8)[...]
        while let byte = iterator.popFirst() {
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), iterator.count >= 2,
                let value = UInt8(String(decoding: iterator.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                iterator = iterator.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// What the API layer answers: a status code and either a complete body or a stream of
/// chunks (watch).
struct APIResponse: Sendable {
    enum Body: Sendable {
        case bytes([UInt8])
        case stream(AsyncStream<[UInt8]>)
    }

    /// Identifies an open watch, so that its owner can end it after `timeoutSeconds`
    /// (with a last BOOKMARK when the client allows them).
    struct WatchHandle: Sendable {
        var id: Int
        var timeoutSeconds: Double?
        var bookmarks = false
    }

    var code: Int
    var contentType: String
    var body: Body
    var watch: WatchHandle?
    /// A followed pod log (`follow=true`), which its owner feeds as lines are written.
    var follow: LogFollow?
    /// The value `body` encodes, when the answer was made from one: a client in the same
    /// process reads it instead of parsing the bytes (which an HTTP client gets).
    var value: JSONValue?

    init(code: Int, contentType: String, body: Body, value: JSONValue? = nil) {
        self.code = code
        self.contentType = contentType
        self.body = body
        self.value = value
    }

    static func json(_ value: JSONValue, code: Int = 200) -> APIResponse {
        APIResponse(code: code, contentType: "application/json", body: .bytes(value.serialized()), value: value)
    }

    /// One stored object, from its kept encoding.
    static func stored(_ object: StoredObject, code: Int = 200) -> APIResponse {
        APIResponse(code: code, contentType: "application/json", body: .bytes(object.encoded), value: object.value)
    }

    static func encoded(_ bytes: [UInt8], code: Int = 200) -> APIResponse {
        APIResponse(code: code, contentType: "application/json", body: .bytes(bytes))
    }

    static func text(_ text: String) -> APIResponse {
        APIResponse(code: 200, contentType: "text/plain", body: .bytes(Array(text.utf8)))
    }

    static func error(_ error: APIError) -> APIResponse {
        json(error.status, code: error.code)
    }

    /// The complete body, or nil for a stream.
    var bytes: [UInt8]? {
        if case .bytes(let bytes) = body { return bytes }
        return nil
    }
}

/// A pod log being followed: where it stands, and the stream its new lines go to.
struct LogFollow: Sendable {
    struct State: Sendable {
        var namespace: String
        var pod: String
        /// The pod followed; a new pod of the same name ends the stream.
        var uid: String
        var container: String
        var timestamps: Bool
        /// Lines written up to this time were sent.
        var after: Date
        /// What is left of `limitBytes`; nil without a limit.
        var remainingBytes: Int?

        /// The part of `bytes` the byte limit still lets through, counting it off.
        mutating func take(_ bytes: [UInt8]) -> [UInt8] {
            guard let remaining = remainingBytes else { return bytes }
            let taken = Array(bytes.prefix(remaining))
            remainingBytes = remaining - taken.count
            return taken
        }
    }

    var state: State
    let continuation: AsyncStream<[UInt8]>.Continuation
}

extension StringProtocol {
    /// The text without leading and trailing spaces.
    var trimmingSpaces: String {
        // Most text has no space at either end; a Character is " " only if its bytes are.
        let text = String(self)
        if text.utf8.first != UInt8(ascii: " ") && text.utf8.last != UInt8(ascii: " ") { return text }
        guard let first = text.firstIndex(where: { $0 != " " }), let last = text.lastIndex(where: { $0 != " " }) else { return "" }
        return String(text[first...last])
    }
}
