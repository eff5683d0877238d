import CTestOpenSSL
import CortexTestSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One request as the test server saw it.
struct RecordedRequest: Sendable {
    var method: String
    /// Path and query.
    var target: String
    /// Header names lowercased.
    var headers: [String: String]
    var body: Data
    /// The verified client certificate's subject, e.g. `/O=ops/CN=ops-user`.
    var clientSubject: String?
}

/// What the test server answers.
struct CannedResponse: Sendable {
    var status: Int = 200
    var headers: [String: String] = ["Content-Type": "application/json"]
    var body: Data = Data("{}".utf8)
    /// Waits this long before answering (for timeout and cancellation tests).
    var delay: Double = 0
}

/// A loopback HTTP/1.1 server, plain or TLS (OpenSSL), one connection at a time, that
/// records every request. Used to test the libcurl transport for real: certificates,
/// client certificates, headers on the wire.
final class HTTPTestServer: @unchecked Sendable {
    struct TLS {
        var certificate: String
        var key: String
        /// When set, client certificates signed by this CA are verified (and required when `requireClientCertificate`).
        var clientCA: String? = nil
        var requireClientCertificate = false
    }

    let port: Int
    private let listener: Int32
    private let context: OpaquePointer?
    private let lock = NSLock()
    private var recorded: [RecordedRequest] = []
    private var accepted = 0
    private var stopped = false
    private let respond: @Sendable (RecordedRequest) -> CannedResponse

    var requests: [RecordedRequest] { lock.lock(); defer { lock.unlock() }; return recorded }
    /// TCP connections accepted, whether or not a request followed.
    var connections: Int { lock.lock(); defer { lock.unlock() }; return accepted }
    var url: String { "\(context == nil ? "http" : "https")://127.0.0.1:\(port)" }

    init(tls: TLS? = nil, respond: @escaping @Sendable (RecordedRequest) -> CannedResponse = { _ in CannedResponse() }) throws {
        signal(SIGPIPE, SIG_IGN)
        self.respond = respond
        if let tls {
            guard let ctx = SSL_CTX_new(TLS_server_method()) else { throw ServerError("SSL_CTX_new") }
            guard SSL_CTX_use_certificate_chain_file(ctx, tls.certificate) == 1,
                  SSL_CTX_use_PrivateKey_file(ctx, tls.key, SSL_FILETYPE_PEM) == 1 else { throw ServerError("server certificate") }
            if let ca = tls.clientCA {
                guard SSL_CTX_load_verify_locations(ctx, ca, nil) == 1 else { throw ServerError("client CA") }
                SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | (tls.requireClientCertificate ? SSL_VERIFY_FAIL_IF_NO_PEER_CERT : 0), nil)
            }
            context = ctx
        } else {
            context = nil
        }
        let listening = try LoopbackListener.open(backlog: 16)
        listener = listening.fd
        port = listening.port
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    deinit { stop() }

    func stop() {
        lock.lock()
        let wasStopped = stopped
        stopped = true
        lock.unlock()
        guard !wasStopped else { return }
        // Shut down only, which wakes `accept`: the accepting thread closes the listener when
        // it leaves, so it never calls `accept` on a number another test's socket has taken.
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private var isStopped: Bool { lock.lock(); defer { lock.unlock() }; return stopped }

    private func acceptLoop() {
        defer { close(listener) }
        while !isStopped {
            let fd = accept(listener, nil, nil)
            if fd < 0 { return }
            lock.lock(); accepted += 1; lock.unlock()
            serve(fd)
            close(fd)
        }
    }

    private func serve(_ fd: Int32) {
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var ssl: OpaquePointer?
        var subject: String?
        if let context {
            ssl = SSL_new(context)
            SSL_set_fd(ssl, fd)
            guard SSL_accept(ssl) == 1 else { SSL_free(ssl); return }
            if let cert = SSL_get1_peer_certificate(ssl) {
                var buffer = [CChar](repeating: 0, count: 256)
                X509_NAME_oneline(X509_get_subject_name(cert), &buffer, 256)
                subject = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                X509_free(cert)
            }
        }
        defer {
            if let ssl { SSL_shutdown(ssl); SSL_free(ssl) }
        }
        func read(_ buffer: UnsafeMutableRawPointer, _ count: Int) -> Int {
            if let ssl { return Int(SSL_read(ssl, buffer, Int32(count))) }
            return Glibc.read(fd, buffer, count)
        }
        func write(_ data: Data) {
            data.withUnsafeBytes { raw in
                guard let base = raw.baseAddress else { return }
                if let ssl { _ = SSL_write(ssl, base, Int32(raw.count)) } else { _ = send(fd, base, raw.count, Int32(MSG_NOSIGNAL)) }
            }
        }
        var input = Data()
        var chunk = [UInt8](repeating: 0, count: 16384)
        let separator = Data("\r\n\r\n".utf8)
        while input.range(of: separator) == nil {
            let n = chunk.withUnsafeMutableBytes { read($0.baseAddress!, $0.count) }
            if n <= 0 { return }
            input.append(contentsOf: chunk[0..<n])
        }
        let headEnd = input.range(of: separator)!
        let head = String(decoding: input[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let requestLine = head[0].split(separator: " ")
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        var body = Data(input[headEnd.upperBound...])
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while body.count < length {
            let n = chunk.withUnsafeMutableBytes { read($0.baseAddress!, $0.count) }
            if n <= 0 { break }
            body.append(contentsOf: chunk[0..<n])
        }
        let request = RecordedRequest(method: requestLine.first.map(String.init) ?? "", target: requestLine.count > 1 ? String(requestLine[1]) : "",
                                      headers: headers, body: body, clientSubject: subject)
        lock.lock(); recorded.append(request); lock.unlock()
        let answer = respond(request)
        var waited = 0.0
        while waited < answer.delay && !isStopped {
            Thread.sleep(forTimeInterval: 0.02)
            waited += 0.02
        }
        var text = "HTTP/1.1 \(answer.status) Test\r\nContent-Length: \(answer.body.count)\r\nConnection: close\r\n"
        for (k, v) in answer.headers { text += "\(k): \(v)\r\n" }
        write(Data((text + "\r\n").utf8) + answer.body)
    }
}

struct ServerError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Certificates made at test time with the `openssl` command: a CA, a server certificate for
/// 127.0.0.1, one valid only for `kube.test`, a client certificate (`CN=ops-user, O=ops`), and
/// an unrelated CA.
struct TestPKI: Sendable {
    let directory: String

    static let opensslPath: String? = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Made once per test process.
    static let shared: TestPKI? = try? make()

    static func make() throws -> TestPKI {
        guard let openssl = opensslPath else { throw ServerError("openssl not found") }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cortex-pki-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let ec = "-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes"
        let script = """
            set -e
            cd '\(dir)'
            O='\(openssl)'
            $O req -x509 -new \(ec) -keyout ca.key -out ca.crt -days 2 -subj '/CN=cortex test CA' 2>/dev/null
            $O req -x509 -new \(ec) -keyout other-ca.key -out other-ca.crt -days 2 -subj '/CN=unrelated CA' 2>/dev/null
            printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\\nextendedKeyUsage=serverAuth\\n' > server.ext
            printf 'subjectAltName=DNS:kube.test\\nextendedKeyUsage=serverAuth\\n' > named.ext
            printf 'extendedKeyUsage=clientAuth\\n' > client.ext
            for name in server named client; do
              subj='/CN=localhost'; [ $name = client ] && subj='/O=ops/CN=ops-user'
              $O req -new \(ec) -keyout $name.key -out $name.csr -subj "$subj" 2>/dev/null
              $O x509 -req -in $name.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out $name.crt -days 2 -extfile $name.ext 2>/dev/null
            done
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ServerError("openssl failed with \(process.terminationStatus)") }
        return TestPKI(directory: dir)
    }

    func path(_ name: String) -> String { "\(directory)/\(name)" }
    func data(_ name: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path(name))) }

    var serverTLS: HTTPTestServer.TLS { .init(certificate: path("server.crt"), key: path("server.key")) }
}
