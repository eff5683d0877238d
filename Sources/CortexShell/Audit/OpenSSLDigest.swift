public import CortexCore
import COpenSSL

/// SHA-256 and HMAC-SHA256 through OpenSSL's EVP interfaces, in libcrypto loaded the first
/// time a digest is taken (`COpenSSL`). The key of the keyed form never leaves this value: it
/// is not printed, logged or written anywhere.
///
/// A keyed context is prepared once and copied for each digest.
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
        Self.requireLibrary()
        var out = [UInt8](repeating: 0, count: 32)
        let done = out.withUnsafeMutableBufferPointer { out in
            if let keyed {
                cortex_hmac_sha256(keyed.context, bytes.baseAddress, bytes.count, out.baseAddress)
            } else {
                cortex_sha256(bytes.baseAddress, bytes.count, out.baseAddress)
            }
        }
        guard done == 1 else { fatalError("OpenSSL could not compute \(description)") }
        return out
    }

    public var description: String { keyed == nil ? "sha256" : "hmac-sha256 (key not shown)" }
    public var debugDescription: String { description }

    /// Loads libcrypto once. Without it no audit entry can be sealed or checked, and the
    /// libraries cortex needs are part of its installation (as the linked library was).
    fileprivate static func requireLibrary() {
        guard cortex_crypto_load() == 1 else {
            fatalError("OpenSSL's libcrypto is needed for the audit chain: \(String(cString: cortex_crypto_load_error()))")
        }
    }
}

/// An HMAC-SHA256 context keyed once; each digest works on a copy, so that the value can be
/// shared between threads.
private final class KeyedContext: @unchecked Sendable {
    let context: UnsafeMutableRawPointer

    init(key: [UInt8]) {
        OpenSSLDigest.requireLibrary()
        guard let context = key.withUnsafeBufferPointer({ cortex_hmac_sha256_new($0.baseAddress, $0.count) })
        else { fatalError("OpenSSL cannot key an HMAC-SHA256 context") }
        self.context = context
    }

    deinit { cortex_hmac_sha256_free(context) }
}
