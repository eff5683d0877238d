/// A hash function for the audit chain. Core names the algorithms; the implementations
/// (OpenSSL SHA-256 and HMAC-SHA256) live with the other adapters.
public protocol Digest: Sendable {
    /// The name recorded in every entry (`sha256`, `hmac-sha256`).
    var algorithm: String { get }
    /// Whether the digest needs a secret key, so that the file's owner cannot recompute it.
    var isKeyed: Bool { get }
    /// The digest of `bytes`.
    func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8]
}

extension Digest {
    /// The digest of a byte collection.
    public func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        if let result = bytes.withContiguousStorageIfAvailable({ digest(UnsafeRawBufferPointer($0)) }) {
            return result
        }
        return Array(bytes).withUnsafeBytes { digest($0) }
    }

    /// The digest of a byte collection as lowercase hex.
    public func hex(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(digest(bytes))
    }
}

/// The names of the two digests the audit log knows.
public enum DigestAlgorithm {
    public static let sha256 = "sha256"
    public static let hmacSHA256 = "hmac-sha256"
}

/// Lowercase hexadecimal.
public enum Hex {
    static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` is the lowercase hex form of `bytes`, without building a string.
    public static func matches(_ text: some Collection<UInt8>, _ bytes: [UInt8]) -> Bool {
        guard text.count == bytes.count * 2 else { return false }
        var i = text.startIndex
        for b in bytes {
            let hi = text[i]
            i = text.index(after: i)
            let lo = text[i]
            i = text.index(after: i)
            guard hi == digits[Int(b >> 4)], lo == digits[Int(b & 15)] else { return false }
        }
        return true
    }
}
