public import CortexCore
import Foundation

/// `HTTPTransport` that hands each request straight to a simulated cluster in the same
/// process: the same API layer, answers and errors as over HTTP, without sockets, HTTP
/// framing or server threads.
///
/// Only URLs under the cluster's base URL are answered; anything else fails as a refused
/// connection would. Watches are not served in process (cortex's own client never opens
/// one): a watch request is answered 405 MethodNotAllowed.
///
/// `send` runs the request on the calling thread, holding the cluster's lock while the
/// cluster answers (as long as a request takes, or a controller pass running meanwhile).
public struct InProcessTransport: HTTPTransport {
    /// Bodies larger than this are refused with 413, as the HTTP server does.
    static let maxBodyBytes = 8 << 20

    let engine: ClusterEngine
    /// `scheme://host[:port]` the cluster answers for, without a trailing slash.
    public let baseURL: String
    let cancellation: any CancellationSignal

    init(engine: ClusterEngine, baseURL: String, cancellation: any CancellationSignal = NeverCancelled()) {
        self.engine = engine
        self.baseURL = baseURL
        self.cancellation = cancellation
    }

    /// The same transport, checking `cancellation` before each request.
    public func cancelled(by cancellation: any CancellationSignal) -> InProcessTransport {
        InProcessTransport(engine: engine, baseURL: baseURL, cancellation: cancellation)
    }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        guard request.url.hasPrefix(baseURL) else {
            throw .connectionFailed(host: Self.host(of: request.url),
                                    detail: "the in-process simulated cluster answers only \(baseURL)")
        }
        var target = String(request.url.dropFirst(baseURL.count))
        guard target.isEmpty || target.hasPrefix("/") || target.hasPrefix("?") else {
            throw .connectionFailed(host: Self.host(of: request.url),
                                    detail: "the in-process simulated cluster answers only \(baseURL)")
        }
        if !target.hasPrefix("/") { target = "/" + target }
        if cancellation.isCancelled { throw .cancelled }
        let body = request.body.map { Array($0) } ?? []
        let answer: APIResponse
        if body.count > Self.maxBodyBytes {
            answer = .error(APIError(code: 413, reason: "RequestEntityTooLarge",
                                     message: "the request body is larger than 8 MiB", details: nil))
        } else {
            var apiRequest = APIRequest(
                method: APIRequest.Method(rawValue: request.method.rawValue) ?? .other, target: target,
                contentType: request.headers["Content-Type"] ?? (request.body == nil ? nil : "application/json"),
                accept: request.headers["Accept"], body: body)
            apiRequest.readsValues = true
            answer = engine.answer(apiRequest)
        }
        guard let bytes = answer.bytes else {
            // A stream (a watch, a followed log) is not served in process; close it on the cluster's side.
            if let watch = answer.watch { engine.endWatch(watch.id) }
            answer.follow?.continuation.finish()
            let status = APIError.methodNotAllowed
            return HTTPResponse(status: status.code, headers: ["Content-Type": "application/json"],
                                body: Data(status.status.serialized()))
        }
        if request.responseSizeLimit.isExceeded(by: bytes.count) {
            throw .responseTooLarge(limit: request.responseSizeLimit.bytes)
        }
        return HTTPResponse(status: answer.code, headers: ["Content-Type": answer.contentType], body: Data(bytes), json: answer.value)
    }

    private static func host(of url: String) -> String {
        guard let scheme = url.range(of: "://") else { return url }
        let rest = url[scheme.upperBound...]
        return String(rest.prefix { $0 != "/" && $0 != "?" })
    }
}
