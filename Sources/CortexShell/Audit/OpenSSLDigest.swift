public import CortexCore
import COpenSSL

/// SHA-256 and HMAC-SHA256 through OpenSSL's EVP and one-shot HMAC functions. The key of the
/// keyed form never leaves this value: it is not printed, logged or written anywhere.
public struct OpenSSLDigest: CortexCore.Digest, CustomStringConvertible, CustomDebugStringConvertible {
    private let key: [UInt8]?

    /// Plain SHA-256: detects accidental and careless change; anyone can recompute it.
    public static let sha256 = OpenSSLDigest(key: nil)

    /// HMAC-SHA256 with a secret key: without the key a changed chain cannot be re-hashed.
    public static func hmacSHA256(key: [UInt8]) -> OpenSSLDigest {
        OpenSSLDigest(key: key)
    }

    private init(key: [UInt8]?) {
        self.key = key
    }

    public var algorithm: String { key == nil ? DigestAlgorithm.sha256 : DigestAlgorithm.hmacSHA256 }
    public var isKeyed: Bool { key != nil }

    public func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let data = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self)
        if let key {
            key.withUnsafeBytes { (k: UnsafeRawBufferPointer) -> Void in
                _ = HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), data, bytes.count, &out, &length)
            }
        } else {
            _ = EVP_Digest(data, bytes.count, &out, &length, EVP_sha256(), nil)
        }
        return Array(out.prefix(Int(length)))
    }

    public var description: String { key == nil ? "sha256" : "hmac-sha256 (key not shown)" }
    public var debugDescription: String { description }
}
