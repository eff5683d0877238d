public import CortexCore
import COpenSSL

/// SHA-256 and HMAC-SHA256 through OpenSSL's EVP interfaces. The key of the keyed form never
/// leaves this value: it is not printed, logged or written anywhere.
///
/// The algorithms are fetched once (OpenSSL 3's one-shot `SHA256()`/`HMAC()` fetch them on every
/// call, which costs more than hashing an audit entry), and a keyed context is prepared once
/// and copied for each digest.
public struct OpenSSLDigest: CortexCore.Digest, CustomStringConvertible, CustomDebugStringConvertible {
    private let keyed: KeyedContext?

    /// Plain SHA-256: detects accidental and careless change; anyone can recompute it.
    public static let sha256 = OpenSSLDigest(keyed: nil)

    /// HMAC-SHA256 with a secret key: without the key a changed chain cannot be re-hashed.
    public static func hmacSHA256(key: [UInt8]) -> OpenSSLDigest {
        OpenSSLDigest(keyed: KeyedContext(key: key))
    }

    private init(keyed: KeyedContext?) {
        self.keyed = keyed
    }

    public var algorithm: String { keyed == nil ? DigestAlgorithm.sha256 : DigestAlgorithm.hmacSHA256 }
    public var isKeyed: Bool { keyed != nil }

    public func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length = 0
        if let keyed {
            let ctx = EVP_MAC_CTX_dup(keyed.context)
            defer { EVP_MAC_CTX_free(ctx) }
            _ = EVP_MAC_update(ctx, bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
            _ = EVP_MAC_final(ctx, &out, &length, out.count)
        } else {
            var size: UInt32 = 0
            _ = EVP_Digest(bytes.baseAddress, bytes.count, &out, &size, Algorithms.shared.sha256, nil)
            length = Int(size)
        }
        return Array(out.prefix(length))
    }

    public var description: String { keyed == nil ? "sha256" : "hmac-sha256 (key not shown)" }
    public var debugDescription: String { description }
}

/// The algorithm objects, fetched once and shared (OpenSSL's fetched objects are thread-safe).
private final class Algorithms: @unchecked Sendable {
    static let shared = Algorithms()
    let sha256: OpaquePointer
    let hmac: OpaquePointer

    private init() {
        guard let sha256 = EVP_MD_fetch(nil, "SHA256", nil), let hmac = EVP_MAC_fetch(nil, "HMAC", nil) else {
            fatalError("OpenSSL provides no SHA256 or HMAC")
        }
        self.sha256 = sha256
        self.hmac = hmac
    }
}

/// An HMAC-SHA256 context keyed once; each digest works on a copy, so that the value can be
/// shared between threads.
private final class KeyedContext: @unchecked Sendable {
    let context: OpaquePointer

    init(key: [UInt8]) {
        guard let context = EVP_MAC_CTX_new(Algorithms.shared.hmac),
              key.withUnsafeBufferPointer({ cortex_hmac_sha256_init(context, $0.baseAddress, $0.count) }) == 1
        else { fatalError("OpenSSL cannot key an HMAC-SHA256 context") }
        self.context = context
    }

    deinit { EVP_MAC_CTX_free(context) }
}
