import CortexCore
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A loopback LLM endpoint speaking the real wire formats of OpenAI-compatible chat
/// completions and Anthropic Messages, so the LLM client can be tested and benchmarked
/// without a model.
///
/// Plain HTTP/1.1 on 127.0.0.1 with an ephemeral port; one thread per connection, keep-alive
/// honoured (libcurl reuses connections), `Connection: close` honoured, and a client that
/// disconnects mid-answer only ends its own connection.
///
/// Each completion request (`POST /v1/chat/completions`, `POST /v1/messages`, also without
/// `/v1`) takes the next scripted reply from the queue, else asks the responder, else gets a
/// 500 in the provider's format saying nothing was scripted. Malformed requests get the
/// provider's 400/401 before any reply is taken (see ``init(replies:models:validatesRequests:respond:)``).
/// `GET /v1/models` lists ``models``. Every request is recorded, answered or not.
///
/// Call ``stop()`` when done (dropping the last reference stops it too).
public final class StubLLMServer: Sendable {
    /// The port the server listens on.
    public let port: Int
    /// Models listed by `GET /v1/models`.
    public let models: [String]
    private let core: StubLLMServerCore

    /// Starts listening on 127.0.0.1 at an ephemeral port.
    /// - Parameters:
    ///   - replies: answered in order to completion requests, before `respond` is asked.
    ///   - models: listed by `GET /v1/models`; the first is reported when a request names no model.
    ///   - validatesRequests: answer requests a real provider would refuse (no `x-api-key` or
    ///     `anthropic-version` for Anthropic, a body that is not a JSON object, a missing
    ///     `model`, `messages` or Anthropic `max_tokens`) with that provider's error, taking no reply.
    ///   - respond: answers completion requests once the queue is empty.
    public init(
        replies: [StubLLMReply] = [], models: [String] = ["stub-model"], validatesRequests: Bool = true,
        respond: (@Sendable (StubLLMRequest) -> StubLLMReply)? = nil
    ) throws {
        let listener = try LoopbackListener.open()
        self.models = models
        port = listener.port
        core = StubLLMServerCore(listener: listener.fd, replies: replies, models: models,
                                 validates: validatesRequests, respond: respond)
        let core = self.core
        Thread.detachNewThread { core.acceptLoop() }
    }

    deinit { core.stop() }

    /// `http://127.0.0.1:PORT/v1`, the base URL an OpenAI or Anthropic client is configured with.
    public var baseURL: String { "http://127.0.0.1:\(port)/v1" }

    /// `http://127.0.0.1:PORT`, for clients that add `/v1` themselves.
    public var rootURL: String { "http://127.0.0.1:\(port)" }

    /// Every request received so far, in arrival order.
    public var requests: [StubLLMRequest] { core.locked { $0.recorded } }

    /// TCP connections accepted so far (fewer than requests when connections are reused).
    public var connectionCount: Int { core.locked { $0.accepted } }

    /// Scripted replies not yet taken.
    public var pendingReplies: Int { core.locked { $0.queue.count } }

    /// Appends replies to the queue.
    public func enqueue(_ replies: StubLLMReply...) { enqueue(contentsOf: replies) }

    /// Appends replies to the queue.
    public func enqueue(contentsOf replies: [StubLLMReply]) { core.locked { $0.queue.append(contentsOf: replies) } }

    /// Stops accepting, closes every open connection and ends slow replies early. Safe to call twice.
    public func stop() { core.stop() }
}

/// The server's shared state and its threads' work. Every mutable field is behind `lock`;
/// the threads hold this object, not the ``StubLLMServer``, so dropping the server stops it.
private final class StubLLMServerCore: @unchecked Sendable {
    struct State {
        var recorded: [StubLLMRequest] = []
        var queue: [StubLLMReply]
        var accepted = 0
        var answered = 0
        var stopped = false
        /// Client sockets being served, shut down by `stop()` to wake their threads.
        var open: Set<Int32> = []
    }

    private let lock = NSLock()
    private var state: State
    private let listener: Int32
    private let models: [String]
    private let validates: Bool
    private let respond: (@Sendable (StubLLMRequest) -> StubLLMReply)?

    /// Largest request head and body accepted.
    static let headLimit = 64 * 1024
    static let bodyLimit = 32 * 1024 * 1024

    init(listener: Int32, replies: [StubLLMReply], models: [String], validates: Bool,
         respond: (@Sendable (StubLLMRequest) -> StubLLMReply)?) {
        self.listener = listener
        self.models = models
        self.validates = validates
        self.respond = respond
        state = State(queue: replies)
    }

    func locked<T>(_ body: (inout State) -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return body(&state)
    }

    var isStopped: Bool { locked { $0.stopped } }

    func stop() {
        // Only shut down: each connection's thread closes its own socket, so no descriptor is
        // closed twice or reused under a thread still reading it. The shutdowns happen under
        // the lock: a connection's thread leaves `open` under it before closing, so every
        // descriptor still in `open` is this server's (after a close the number may already
        // belong to another server's or client's socket in the same process).
        let first: Bool = locked {
            if $0.stopped { return false }
            $0.stopped = true
            for fd in $0.open { shutdown(fd, Int32(SHUT_RDWR)) }
            return true
        }
        guard first else { return }
        // Shut down only, which wakes `accept`: the accepting thread closes the listener when
        // it leaves, so it never calls `accept` on a number another socket has taken since.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    func acceptLoop() {
        defer { close(listener) }
        while true {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                return
            }
            let admitted = locked { state -> Bool in
                guard !state.stopped else { return false }
                state.accepted += 1
                state.open.insert(fd)
                return true
            }
            guard admitted else { close(fd); return }
            Thread.detachNewThread { [self] in
                serve(fd)
                locked { _ = $0.open.remove(fd) }
                close(fd)
            }
        }
    }

    // MARK: One connection

    private func serve(_ fd: Int32) {
        var idle = timeval(tv_sec: 120, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &idle, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var connection = StubConnection(fd: fd)
        while !isStopped {
            guard let parsed = connection.readRequest() else { return }
            let request: StubLLMRequest
            switch parsed {
            case .request(let r): request = r
            case .malformed(let status, let reason):
                _ = connection.write(answer: StubHTTPAnswer(status: status, headers: [("Content-Type", "text/plain")], body: Array(reason.utf8)),
                                     close: true)
                return
            }
            let answer = self.answer(request)
            if !waitOut(answer.delay) { return }
            let closing = request.wantsClose || answer.truncate
            guard connection.write(answer: answer, close: closing), !closing else { return }
        }
    }

    /// Records the request and works out its answer.
    private func answer(_ request: StubLLMRequest) -> StubHTTPAnswer {
        let serial = locked { state -> Int in
            state.recorded.append(request)
            state.answered += 1
            return state.answered
        }
        let renderer = StubLLMRenderer(models: models, now: Int(time(nil)), serial: serial)
        switch StubLLMRenderer.endpoint(of: request) {
        case .unknown:
            return renderer.notFound(request)
        case .models:
            return renderer.modelList(for: request)
        case .completion:
            if validates, let rejection = StubLLMRenderer.rejection(of: request) {
                return renderer.render(rejection, to: request)
            }
            let queued = locked { $0.queue.isEmpty ? nil : $0.queue.removeFirst() }
            let reply = queued ?? respond?(request)
                ?? .error(status: 500, type: request.provider == .openAI ? "server_error" : "api_error",
                          message: "cortex stub: no reply scripted for request \(serial)")
            return renderer.render(reply, to: request)
        }
    }

    /// Sleeps `seconds` in small steps; false when the server stopped meanwhile.
    private func waitOut(_ seconds: Double) -> Bool {
        guard seconds > 0 else { return true }
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if isStopped { return false }
            Thread.sleep(forTimeInterval: min(0.01, max(0, end.timeIntervalSinceNow)))
        }
        return true
    }
}

/// What reading one request from a connection gave.
private enum StubParsedRequest {
    case request(StubLLMRequest)
    /// Answer with this status and close.
    case malformed(status: Int, reason: String)
}

extension StubLLMRequest {
    /// Whether the client asked to close the connection after this exchange.
    var wantsClose: Bool {
        headers["connection"]?.lowercased().contains("close") == true
    }
}

/// The bytes of one client connection: buffered reads of HTTP/1.1 requests (Content-Length or
/// chunked bodies, `Expect: 100-continue`) and whole writes of answers.
private struct StubConnection {
    let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) { self.fd = fd }

    /// Reads more bytes into the buffer; false at end of stream or on error.
    private mutating func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n > 0 { buffer.append(contentsOf: chunk[0..<n]); return true }
            if n < 0 && errno == EINTR { continue }
            return false
        }
    }

    /// The index just past the first occurrence of `pattern` at or after `start`.
    private func find(_ pattern: [UInt8], from start: Int) -> Int? {
        guard buffer.count >= pattern.count else { return nil }
        var i = start
        while i + pattern.count <= buffer.count {
            if buffer[i] == pattern[0] && buffer[i..<i + pattern.count].elementsEqual(pattern) { return i + pattern.count }
            i += 1
        }
        return nil
    }

    private mutating func take(_ count: Int) -> [UInt8] {
        let taken = Array(buffer[0..<count])
        buffer.removeFirst(count)
        return taken
    }

    /// One line without its CRLF, or nil when the stream ended first.
    private mutating func readLine() -> String? {
        let crlf: [UInt8] = [13, 10]
        while true {
            if let end = find(crlf, from: 0) {
                return String(decoding: take(end).dropLast(2), as: UTF8.self)
            }
            if buffer.count > StubLLMServerCore.headLimit || !fill() { return nil }
        }
    }

    private mutating func read(exactly count: Int) -> [UInt8]? {
        while buffer.count < count {
            if !fill() { return nil }
        }
        return take(count)
    }

    /// The next request, or nil when the client closed the connection (or went idle too long).
    mutating func readRequest() -> StubParsedRequest? {
        let separator: [UInt8] = [13, 10, 13, 10]
        var searched = 0
        var headEnd: Int?
        while true {
            headEnd = find(separator, from: max(0, searched - 3))
            if headEnd != nil { break }
            searched = buffer.count
            if buffer.count > StubLLMServerCore.headLimit { return .malformed(status: 431, reason: "request head too large") }
            if !fill() { return nil }
        }
        let headBytes = take(headEnd!)
        let lines = String(decoding: headBytes.dropLast(4), as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = lines[0].split(separator: " ")
        guard requestLine.count == 3, requestLine[2].hasPrefix("HTTP/1.") else {
            return .malformed(status: 400, reason: "malformed request line")
        }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if requestLine[2] == "HTTP/1.0", headers["connection"]?.lowercased() != "keep-alive" {
            headers["connection"] = headers["connection"] ?? "close"
        }
        if headers["expect"]?.lowercased() == "100-continue" {
            _ = writeAll(Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
        }
        var body: [UInt8] = []
        if headers["transfer-encoding"]?.lowercased().contains("chunked") == true {
            guard let chunked = readChunkedBody() else { return .malformed(status: 400, reason: "malformed chunked body") }
            body = chunked
        } else if let lengthText = headers["content-length"] {
            guard let length = Int(lengthText), length >= 0 else { return .malformed(status: 400, reason: "bad Content-Length") }
            guard length <= StubLLMServerCore.bodyLimit else { return .malformed(status: 413, reason: "request body too large") }
            guard let bytes = read(exactly: length) else { return nil }
            body = bytes
        }
        return .request(StubLLMRequest(method: String(requestLine[0]), target: String(requestLine[1]), headers: headers, body: body))
    }

    private mutating func readChunkedBody() -> [UInt8]? {
        var body: [UInt8] = []
        while true {
            guard let sizeLine = readLine(),
                  let size = Int(sizeLine.split(separator: ";").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? "", radix: 16),
                  size >= 0, body.count + size <= StubLLMServerCore.bodyLimit
            else { return nil }
            if size == 0 {
                // Trailer fields up to the blank line.
                while let line = readLine() { if line.isEmpty { return body } }
                return nil
            }
            guard let chunk = read(exactly: size), read(exactly: 2) == [13, 10] else { return nil }
            body += chunk
        }
    }

    /// Writes the answer; a truncated one sends half its body and reports the connection done.
    /// False when the client went away.
    mutating func write(answer: StubHTTPAnswer, close: Bool) -> Bool {
        var head = "HTTP/1.1 \(answer.status) \(Self.reason(answer.status))\r\n"
        var hasLength = false
        for (name, value) in answer.headers {
            if name.lowercased() == "content-length" { hasLength = true }
            head += "\(name): \(value)\r\n"
        }
        if !hasLength { head += "Content-Length: \(answer.body.count)\r\n" }
        head += close ? "Connection: close\r\n" : "Connection: keep-alive\r\n"
        head += "\r\n"
        let body = answer.truncate ? Array(answer.body.prefix(answer.body.count / 2)) : answer.body
        return writeAll(Array(head.utf8) + body)
    }

    private func writeAll(_ bytes: [UInt8]) -> Bool {
        #if os(Linux)
        let flags = Int32(MSG_NOSIGNAL)
        #else
        let flags: Int32 = 0
        #endif
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { raw in send(fd, raw.baseAddress! + sent, raw.count - sent, flags) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return false }
            sent += n
        }
        return true
    }

    static func reason(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 413: "Payload Too Large"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 529: "Site Overloaded"
        default: "Status"
        }
    }
}
