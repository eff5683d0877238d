import FoundationEssentials

/// The head record kept beside the log: the sequence number and hash of the last entry
/// known to be on disk, with a check value over both (an HMAC in keyed mode). Deleting
/// entries from the end of the log leaves a valid chain; the head is what notices.
///
/// It is written after each entry is on disk, so it may lag behind the log after a crash
/// but is never ahead of it.
public struct AuditHead: Equatable, Sendable {
    public var seq: Int
    public var hash: String
    public var algorithm: String
    public var check: String

    /// The fixed size of the encoded head, so that it can be rewritten in place in one write.
    public static let encodedSize = 256

    /// The head before any entry.
    public static func empty(digest: any Digest) -> AuditHead {
        make(AuditLink(seq: 0, hash: AuditChain.genesis, algorithm: digest.algorithm), digest: digest)
    }

    /// The head for a chain ending in `link`, checked with `digest`.
    public static func make(_ link: AuditLink, digest: any Digest) -> AuditHead {
        AuditHead(seq: link.seq, hash: link.hash, algorithm: digest.algorithm,
                  check: digest.hex(checkedBytes(seq: link.seq, hash: link.hash)))
    }

    static func checkedBytes(seq: Int, hash: String) -> [UInt8] {
        Array("cortex-audit-head|\(seq)|\(hash)".utf8)
    }

    /// Whether the check value matches, computed with `digest` (which must be of the head's algorithm).
    public func isAuthentic(digest: any Digest) -> Bool {
        digest.algorithm == algorithm && Hex.matches(Array(check.utf8), digest.digest(Self.checkedBytes(seq: seq, hash: hash)))
    }

    /// One JSON line, padded with spaces to `encodedSize` bytes.
    public var encoded: [UInt8] {
        let text = "{\"seq\":\(seq),\"hash\":\"\(hash)\",\"alg\":\"\(algorithm)\",\"check\":\"\(check)\"}"
        var bytes = Array(text.utf8)
        bytes += [UInt8](repeating: 32, count: max(0, Self.encodedSize - 1 - bytes.count))
        bytes.append(10)
        return bytes
    }

    /// Reads an encoded head; nil when the bytes are not one.
    public init?(encoded bytes: [UInt8]) {
        guard let f = try? JSONDecoder().decode(EncodedFields.self, from: Data(bytes)), f.seq >= 0 else { return nil }
        self.init(seq: f.seq, hash: f.hash, algorithm: f.alg, check: f.check)
    }

    struct EncodedFields: Decodable {
        var seq: Int, hash: String, alg: String, check: String
    }

    init(seq: Int, hash: String, algorithm: String, check: String) {
        self.seq = seq
        self.hash = hash
        self.algorithm = algorithm
        self.check = check
    }
}
