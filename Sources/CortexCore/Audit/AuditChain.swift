import FoundationEssentials

/// The end of an audit chain: the last entry's sequence number, hash and algorithm.
public struct AuditLink: Equatable, Sendable {
    public var seq: Int
    public var hash: String
    public var algorithm: String

    public init(seq: Int, hash: String, algorithm: String) {
        self.seq = seq
        self.hash = hash
        self.algorithm = algorithm
    }
}

/// Bytes left by an interrupted write that a recovering entry vouches for: their count and
/// digest, so that they cannot be altered later either.
public struct RecoveredRegion: Equatable, Sendable {
    public var bytes: Int
    public var digest: String

    public init(bytes: Int, digest: String) {
        self.bytes = bytes
        self.digest = digest
    }
}

/// One line of the audit log as written: the text (without its newline) and the link it ends in.
public struct SealedEntry: Equatable, Sendable {
    public var line: String
    public var link: AuditLink
    public var record: AuditRecord
}

/// The canonical encoding of audit entries and the hash chain over them.
///
/// One entry is one line:
///
///     {"seq":7,"prev":"<hex>","alg":"sha256","record":{…sorted keys…},"hash":"<hex>"}
///
/// with an optional `"recovered":{"bytes":N,"digest":"<hex>"}` after `alg` when the entry
/// follows the remains of an interrupted write. `hash` is the digest of the line's bytes up
/// to (not including) `,"hash":`, so it covers the sequence number, the previous hash and
/// every byte of the record; verification hashes the stored bytes, never a re-encoding.
public enum AuditChain {
    /// The `prev` of the first entry.
    public static let genesis = String(repeating: "0", count: 64)

    /// Seals a record as the entry after `previous` (nil: the first entry). Free-text fields
    /// are redacted here, so that no path can write a secret.
    public static func seal(
        _ record: AuditRecord, after previous: AuditLink?, recovering region: RecoveredRegion? = nil, digest: any Digest
    ) -> SealedEntry {
        let clean = record.redacted()
        // What `JSONEncoder` (sorted keys, slashes unescaped) writes, or `{}` where it refuses.
        let body = clean.canonicalJSON ?? "{}"
        let seq = (previous?.seq ?? 0) + 1
        var text = "{\"seq\":\(seq),\"prev\":\"\(previous?.hash ?? genesis)\",\"alg\":\"\(digest.algorithm)\""
        if let region {
            text += ",\"recovered\":{\"bytes\":\(region.bytes),\"digest\":\"\(region.digest)\"}"
        }
        text += ",\"record\":" + body
        let hash = digest.hex(Array(text.utf8))
        text += ",\"hash\":\"\(hash)\"}"
        return SealedEntry(line: text, link: AuditLink(seq: seq, hash: hash, algorithm: digest.algorithm), record: clean)
    }
}

/// The fixed fields at the start and end of an entry line, read without decoding the record.
public struct EntryHeader: Equatable, Sendable {
    public var seq: Int
    public var prev: String
    public var algorithm: String
    public var recovered: RecoveredRegion?
    public var hash: String
    /// The line's bytes `0 ..< hashedLength` are what `hash` covers.
    public var hashedLength: Int

    public var link: AuditLink { AuditLink(seq: seq, hash: hash, algorithm: algorithm) }

    /// Reads the header of one line; nil when the line is not a complete entry.
    public init?(_ line: UnsafeBufferPointer<UInt8>) {
        guard let layout = EntryLayout(line) else { return nil }
        func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: line[range]), as: UTF8.self)
        }
        seq = layout.seq
        prev = text(layout.prev)
        algorithm = text(layout.algorithm)
        recovered = layout.recovered.map { RecoveredRegion(bytes: $0.bytes, digest: text($0.digest)) }
        hash = text(layout.hash)
        hashedLength = layout.hashedLength
    }

    /// Reads the header of a line given as text.
    public init?(line: String) {
        var text = line
        guard let header = text.withUTF8({ EntryHeader($0) }) else { return nil }
        self = header
    }
}

/// Where the fixed fields of an entry line are, as byte ranges of the line: what verification
/// compares without building strings.
struct EntryLayout {
    var seq: Int
    var prev: Range<Int>
    var algorithm: Range<Int>
    var recovered: (bytes: Int, digest: Range<Int>)?
    var hash: Range<Int>
    var hashedLength: Int

    static let seqKey = Array("{\"seq\":".utf8)
    static let prevKey = Array(",\"prev\":\"".utf8)
    static let algKey = Array("\",\"alg\":\"".utf8)
    static let recoveredKey = Array(",\"recovered\":{\"bytes\":".utf8)
    static let digestKey = Array(",\"digest\":\"".utf8)
    static let recoveredEnd = Array("\"}".utf8)
    static let recordKey = Array(",\"record\":{".utf8)
    static let hashKey = Array(",\"hash\":\"".utf8)
    static let hexLength = 64

    init?(_ line: UnsafeBufferPointer<UInt8>) {
        var i = 0
        func literal(_ bytes: [UInt8]) -> Bool {
            guard line.count - i >= bytes.count else { return false }
            for k in 0..<bytes.count where line[i + k] != bytes[k] { return false }
            i += bytes.count
            return true
        }
        func number() -> Int? {
            var value = 0, digits = 0
            while i < line.count, line[i] >= 48, line[i] <= 57, digits < 18 {
                value = value * 10 + Int(line[i] - 48)
                i += 1
                digits += 1
            }
            return digits > 0 ? value : nil
        }
        func hex() -> Range<Int>? {
            guard line.count - i >= Self.hexLength else { return nil }
            for k in i..<i + Self.hexLength {
                let c = line[k]
                guard (c >= 48 && c <= 57) || (c >= 97 && c <= 102) else { return nil }
            }
            defer { i += Self.hexLength }
            return i..<i + Self.hexLength
        }
        guard literal(Self.seqKey), let seq = number(), literal(Self.prevKey), let prev = hex(), literal(Self.algKey)
        else { return nil }
        let algStart = i
        while i < line.count, line[i] != 34 {
            let c = line[i]
            guard (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 45 else { return nil }
            i += 1
        }
        guard i > algStart, i < line.count else { return nil }
        algorithm = algStart..<i
        i += 1
        if literal(Self.recoveredKey) {
            guard let bytes = number(), literal(Self.digestKey), let digest = hex(), literal(Self.recoveredEnd) else {
                return nil
            }
            recovered = (bytes, digest)
        }
        guard literal(Self.recordKey) else { return nil }
        // The end: `},"hash":"<hex>"}`
        let tail = Self.hashKey.count + Self.hexLength + 2
        guard line.count - i >= tail, line[line.count - 1] == 125, line[line.count - 2] == 34 else { return nil }
        let hashedLength = line.count - tail
        guard line[hashedLength - 1] == 125 else { return nil }
        i = hashedLength
        guard literal(Self.hashKey), let hash = hex() else { return nil }
        self.seq = seq
        self.prev = prev
        self.hash = hash
        self.hashedLength = hashedLength
    }
}

/// One entry as `cortex audit log` reads it back.
public struct AuditEntry: Decodable, Equatable, Sendable {
    public var seq: Int
    public var prev: String
    public var alg: String
    public var record: AuditRecord
    public var hash: String

    /// Decodes one line; nil when it is not an entry.
    public static func decode(_ line: some Collection<UInt8>) -> AuditEntry? {
        try? JSONDecoder().decode(AuditEntry.self, from: Data(line))
    }
}

extension AuditEntry {
    /// The entry `decode` reads back from `sealed.line`, made without decoding it: the
    /// header's fields from the line, the record as sealed with its time as read back from
    /// its text (a test holds the two together). Nil where the line does not decode: a
    /// record the encoder refused, written as `{}`.
    public init?(sealed: SealedEntry) {
        if let amount = sealed.record.event.operation?.amount, !amount.isFinite { return nil }
        guard let header = EntryHeader(line: sealed.line), let time = UTCTime.parseISO8601(sealed.record.time.description) else {
            return nil
        }
        var record = sealed.record
        record.time.date = time
        self.init(seq: header.seq, prev: header.prev, alg: header.algorithm, record: record, hash: header.hash)
    }
}
