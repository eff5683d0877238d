public import CortexCore
import CCurl
import Foundation

/// `HTTPTransport` over one libcurl easy handle.
///
/// Requests are sent one at a time (the handle is shared and keeps connections alive between
/// requests). Credentials are refused over plain http, TLS material given as bytes is handed
/// to libcurl as blobs (never written to disk), and the cancellation signal is checked while
/// bytes move, so Ctrl-C ends a request within a fraction of a second.
///
/// libcurl is loaded (`dlopen`) when the first request goes out, not when the transport is
/// made: commands that never reach the network do not pay for libcurl and the thirty-odd
/// libraries it brings. Without libcurl on the machine, `send` fails with a message saying so.
public final class CurlTransport: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    /// The easy handle, made on the first request; guarded by `lock`.
    private var handle: UnsafeMutableRawPointer?
    private let errorBuffer: UnsafeMutablePointer<CChar>
    private let cancellation: any CancellationSignal
    private let userAgent: String

    /// - Parameters:
    ///   - cancellation: checked during every transfer; when it fires the request ends with `.cancelled`.
    ///   - userAgent: sent as `User-Agent` unless the request sets its own.
    public init(cancellation: any CancellationSignal = NeverCancelled(), userAgent: String = "cortex") {
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        self.cancellation = cancellation
        self.userAgent = userAgent
    }

    deinit {
        if let handle { cortex_curl_easy_cleanup(handle) }
        errorBuffer.deallocate()
    }

    /// The libcurl version string, e.g. `libcurl/7.88.1 OpenSSL/3.0.22 ...`, or why libcurl
    /// cannot be loaded.
    public static var libraryVersion: String {
        switch CurlLibrary.load() {
        case .success: String(cString: cortex_curl_version())
        case .failure(let error): error.description
        }
    }

    /// The easy handle of the request under way (only called after `easyHandle()` made it).
    private var current: UnsafeMutableRawPointer { handle! }

    /// The easy handle, loading libcurl and making the handle on first use. Call with `lock` held.
    private func easyHandle() throws(HTTPTransportError) -> UnsafeMutableRawPointer {
        if let handle { return handle }
        if case .failure(let error) = CurlLibrary.load() { throw error }
        // curl_easy_init fails only when memory is exhausted.
        guard let made = cortex_curl_easy_init() else { throw .other("libcurl could not make a connection handle (out of memory)") }
        handle = made
        return made
    }

    public func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        guard let url = URL(string: request.url), let scheme = url.scheme?.lowercased(), let host = url.host,
              scheme == "http" || scheme == "https"
        else { throw .invalidURL(Self.redactedURL(request.url)) }
        let hostLabel = url.port.map { "\(host):\($0)" } ?? host
        let loopbackAllowed = request.allowsCredentialsToLoopback && LoopbackHost.contains(host)
        if scheme != "https" && !loopbackAllowed && (request.bearerToken != nil || request.headers["Authorization"] != nil) {
            throw .credentialsOverPlainHTTP(host: hostLabel)
        }
        if cancellation.isCancelled { throw .cancelled }

        lock.lock()
        defer { lock.unlock() }
        let handle = try easyHandle()
        cortex_curl_easy_reset(handle)
        errorBuffer[0] = 0
        let exchange = CurlExchange(limit: request.responseSizeLimit, cancellation: cancellation)
        var headerList: UnsafeMutablePointer<curl_slist>? = nil
        var connectTo: UnsafeMutablePointer<curl_slist>? = nil
        defer {
            cortex_curl_slist_free_all(headerList)
            cortex_curl_slist_free_all(connectTo)
        }

        var target = request.url
        var headers = request.headers
        if let serverName = request.tls.serverName, scheme == "https", serverName != host {
            // Verify against (and send SNI for) serverName while connecting to the URL's host.
            let port = url.port ?? 443
            var components = URLComponents(string: request.url)
            components?.host = serverName
            if let rewritten = components?.string { target = rewritten }
            connectTo = cortex_curl_slist_append(nil, "\(serverName):\(port):\(host):\(port)")
            if headers["Host"] == nil { headers.add("Host", url.port.map { "\(host):\($0)" } ?? host) }
        }

        setString(CURLOPT_URL, target)
        setString(CURLOPT_PROTOCOLS_STR, "http,https")
        setLong(CURLOPT_NOSIGNAL, 1)
        setPointer(CURLOPT_ERRORBUFFER, UnsafeMutableRawPointer(errorBuffer))
        setString(CURLOPT_ACCEPT_ENCODING, "")
        setLong(CURLOPT_TCP_KEEPALIVE, 1)
        if let connectTo { _ = cortex_curl_setopt_slist(handle, CURLOPT_CONNECT_TO, connectTo) }

        switch request.method {
        case .get: setLong(CURLOPT_HTTPGET, 1)
        default: setString(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
        }
        if let body = request.body {
            setOff(CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count))
            body.withUnsafeBytes { raw in
                // COPYPOSTFIELDS copies the bytes; the buffer may go after the call.
                _ = cortex_curl_setopt_pointer(handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!))
            }
            if headers["Content-Type"] == nil { headers.add("Content-Type", "application/json") }
        } else if request.method != .get {
            setOff(CURLOPT_POSTFIELDSIZE_LARGE, 0)
            setString(CURLOPT_COPYPOSTFIELDS, "")
        }
        if headers["User-Agent"] == nil { headers.add("User-Agent", userAgent) }
        headers.add("Expect", "")
        if let token = request.bearerToken { headers.set("Authorization", "Bearer \(token.revealed)") }
        for field in headers {
            // "Name:" with nothing after it removes a header libcurl would add on its own.
            let line = field.value.isEmpty ? "\(field.name):" : "\(field.name): \(field.value)"
            headerList = cortex_curl_slist_append(headerList, line)
        }
        _ = cortex_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList)

        try applyTLS(request.tls)
        switch request.proxy {
        case .environment: break
        case .direct: setString(CURLOPT_PROXY, "")
        case .url(let proxy): setString(CURLOPT_PROXY, proxy)
        }
        if let connect = request.timeouts.connect { setLong(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(connect)) }
        if let total = request.timeouts.total { setLong(CURLOPT_TIMEOUT_MS, Self.milliseconds(total)) }

        let context = Unmanaged.passRetained(exchange)
        defer { context.release() }
        let opaque = context.toOpaque()
        _ = cortex_curl_setopt_write(handle, CURLOPT_WRITEFUNCTION, curlWriteBody)
        setPointer(CURLOPT_WRITEDATA, opaque)
        _ = cortex_curl_setopt_write(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader)
        setPointer(CURLOPT_HEADERDATA, opaque)
        setLong(CURLOPT_NOPROGRESS, 0)
        _ = cortex_curl_setopt_xferinfo(handle, curlProgress)
        setPointer(CURLOPT_XFERINFODATA, opaque)

        let code = cortex_curl_easy_perform(handle)
        guard code == CURLE_OK else {
            throw mapError(code, host: hostLabel, exchange: exchange, timeouts: request.timeouts)
        }
        var status = 0
        _ = cortex_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, headers: exchange.headers, body: exchange.body)
    }

    private func applyTLS(_ tls: TLSSettings) throws(HTTPTransportError) {
        switch tls.certificateAuthority {
        case nil: break
        case .file(let path): setString(CURLOPT_CAINFO, path)
        case .data(let pem): try setBlob(CURLOPT_CAINFO_BLOB, pem, what: "certificate authority")
        }
        switch tls.clientCertificate {
        case nil: break
        case .file(let path): setString(CURLOPT_SSLCERT, path)
        case .data(let pem): try setBlob(CURLOPT_SSLCERT_BLOB, pem, what: "client certificate")
        }
        if tls.clientCertificate != nil { setString(CURLOPT_SSLCERTTYPE, "PEM") }
        switch tls.clientKey {
        case nil: break
        case .file(let path): setString(CURLOPT_SSLKEY, path)
        case .data(let pem): try setBlob(CURLOPT_SSLKEY_BLOB, pem, what: "client key")
        }
        if tls.clientKey != nil { setString(CURLOPT_SSLKEYTYPE, "PEM") }
        if tls.insecureSkipVerify {
            setLong(CURLOPT_SSL_VERIFYPEER, 0)
            setLong(CURLOPT_SSL_VERIFYHOST, 0)
        } else {
            setLong(CURLOPT_SSL_VERIFYPEER, 1)
            setLong(CURLOPT_SSL_VERIFYHOST, 2)
        }
    }

    private func mapError(_ code: CURLcode, host: String, exchange: CurlExchange, timeouts: HTTPTimeouts) -> HTTPTransportError {
        let detail = errorBuffer[0] != 0 ? String(cString: errorBuffer) : String(cString: cortex_curl_easy_strerror(code))
        switch code {
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_WRITE_ERROR where exchange.exceededLimit:
            return .responseTooLarge(limit: exchange.limit.bytes)
        case CURLE_OPERATION_TIMEDOUT:
            var connectTime = 0.0
            _ = cortex_curl_getinfo_double(current, CURLINFO_CONNECT_TIME, &connectTime)
            let connected = connectTime > 0 || exchange.receivedAnything
            return .timedOut(host: host, after: connected ? timeouts.total : (timeouts.connect ?? timeouts.total))
        case CURLE_COULDNT_CONNECT, CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .connectionFailed(host: host, detail: detail)
        case CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CIPHER, CURLE_SSL_ISSUER_ERROR,
             CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS:
            return .tls(host: host, detail: detail)
        case CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ENGINE_INITFAILED,
             CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED:
            return .tlsConfiguration(detail: detail)
        case CURLE_RECV_ERROR where exchange.headers.fields.isEmpty:
            // A server that rejects the client certificate closes the connection after the handshake.
            return .tls(host: host, detail: detail)
        default:
            return .other(detail)
        }
    }

    private func setBlob(_ option: CURLoption, _ data: Data, what: String) throws(HTTPTransportError) {
        let code = data.withUnsafeBytes { raw in
            cortex_curl_setopt_blob(current, option, raw.baseAddress, raw.count)
        }
        if code != CURLE_OK { throw .tlsConfiguration(detail: "libcurl cannot take the \(what) as bytes") }
    }

    private func setLong(_ option: CURLoption, _ value: Int) { _ = cortex_curl_setopt_long(current, option, value) }
    private func setOff(_ option: CURLoption, _ value: curl_off_t) { _ = cortex_curl_setopt_off(current, option, value) }
    private func setString(_ option: CURLoption, _ value: String) { _ = cortex_curl_setopt_string(current, option, value) }
    private func setPointer(_ option: CURLoption, _ value: UnsafeMutableRawPointer) { _ = cortex_curl_setopt_pointer(current, option, value) }

    static func milliseconds(_ d: Duration) -> Int {
        max(1, Int(d.wholeMilliseconds))
    }

    /// The URL without user info, for error text.
    static func redactedURL(_ url: String) -> String {
        guard let at = url.firstIndex(of: "@"), let scheme = url.range(of: "://"), scheme.upperBound < at else { return url }
        return String(url[..<scheme.upperBound]) + "<redacted>" + String(url[at...])
    }
}

/// libcurl, loaded into the process once, on first use.
enum CurlLibrary {
    /// Loads libcurl and initialises it globally; the outcome is the same on every call.
    static func load() -> Result<Void, HTTPTransportError> {
        outcome
    }

    private static let outcome: Result<Void, HTTPTransportError> = {
        if cortex_curl_load() != 0 { return .success(()) }
        let why = String(cString: cortex_curl_load_error())
        return .failure(.other("libcurl cannot be loaded (\(why)); install libcurl (\(String(cString: cortex_curl_library_name()))) to reach a cluster or an LLM endpoint"))
    }()
}

/// What the callbacks of one transfer collect. Touched only on the thread running `curl_easy_perform`.
private final class CurlExchange {
    let limit: ResponseSizeLimit
    let cancellation: any CancellationSignal
    var body = Data()
    var headers = HTTPHeaders()
    var exceededLimit = false
    var receivedAnything = false

    init(limit: ResponseSizeLimit, cancellation: any CancellationSignal) {
        self.limit = limit
        self.cancellation = cancellation
    }

    func appendBody(_ bytes: UnsafeRawBufferPointer) -> Bool {
        receivedAnything = true
        if limit.isExceeded(by: body.count + bytes.count) {
            exceededLimit = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    func headerLine(_ line: String) {
        receivedAnything = true
        let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.hasPrefix("HTTP/") {
            // A new status line (after 100 Continue or a proxy's CONNECT answer): start over.
            headers = HTTPHeaders()
        } else if let colon = trimmed.firstIndex(of: ":") {
            let name = String(trimmed[..<colon])
            let value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers.add(name, value)
        }
    }
}

private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    let total = size * count
    guard total > 0, let data else { return total }
    return exchange.appendBody(UnsafeRawBufferPointer(start: data, count: total)) ? total : 0
}

private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    let total = size * count
    guard total > 0, let data else { return total }
    let line = String(decoding: UnsafeRawBufferPointer(start: data, count: total), as: UTF8.self)
    exchange.headerLine(line)
    return total
}

private func curlProgress(_ context: UnsafeMutableRawPointer?, _ dlTotal: curl_off_t, _ dlNow: curl_off_t, _ ulTotal: curl_off_t, _ ulNow: curl_off_t) -> Int32 {
    guard let context else { return 0 }
    let exchange = Unmanaged<CurlExchange>.fromOpaque(context).takeUnretainedValue()
    return exchange.cancellation.isCancelled ? 1 : 0
}
