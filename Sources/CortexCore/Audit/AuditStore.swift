/// Where audit entries are kept. Appends are serialized across every writer of the same log
/// and durable when `append` returns, so that an entry is on disk before the step it records
/// proceeds.
public protocol AuditStore: AnyObject {
    /// Seals `record` as the next entry of the chain and stores it.
    func append(_ record: AuditRecord) throws(CortexError) -> SealedEntry
    /// The whole log and the head record, for verification and reading.
    func contents() throws(CortexError) -> AuditContents
}

/// The bytes of a log and the state of its head record.
public struct AuditContents: Equatable, Sendable {
    public var log: [UInt8]
    public var head: AuditHeadState

    public init(log: [UInt8], head: AuditHeadState) {
        self.log = log
        self.head = head
    }
}

/// The end of a log as an appender sees it: the entry to chain to, and whatever follows it
/// that is not an entry (the remains of an interrupted write).
public struct AuditTail: Equatable, Sendable {
    public var last: AuditLink?
    /// Bytes after the last entry that are not entries; kept, and vouched for by the next entry.
    public var junk: [UInt8]
    /// Whether the log is empty or ends with a newline.
    public var endsWithNewline: Bool

    public init(last: AuditLink?, junk: [UInt8], endsWithNewline: Bool) {
        self.last = last
        self.junk = junk
        self.endsWithNewline = endsWithNewline
    }

    /// Reads the end of a log from its last bytes. `isWholeFile` says whether `bytes` starts
    /// at the beginning of the log; nil means more bytes are needed.
    public static func read(_ bytes: [UInt8], isWholeFile: Bool) -> AuditTail? {
        bytes.withUnsafeBufferPointer { read($0, isWholeFile: isWholeFile) }
    }

    static func read(_ b: UnsafeBufferPointer<UInt8>, isWholeFile: Bool) -> AuditTail? {
        let endsWithNewline = b.isEmpty || b[b.count - 1] == 10
        func lineStart(before end: Int) -> Int? {
            if let nl = b[..<end].lastIndex(of: 10) { return nl + 1 }
            return isWholeFile ? 0 : nil
        }
        func header(_ range: Range<Int>) -> EntryHeader? { EntryHeader(UnsafeBufferPointer(rebasing: b[range])) }
        var end = b.count
        if !endsWithNewline {
            // An unterminated last line is an entry only if it is complete.
            guard let start = lineStart(before: end) else { return nil }
            if let h = header(start..<end) { return AuditTail(last: h.link, junk: [], endsWithNewline: false) }
            end = start
        }
        while end > 0 {
            guard let start = lineStart(before: end - 1) else { return nil }
            if let h = header(start..<(end - 1)) {
                return AuditTail(last: h.link, junk: Array(b[end...]), endsWithNewline: endsWithNewline)
            }
            end = start
        }
        return isWholeFile ? AuditTail(last: nil, junk: Array(b), endsWithNewline: endsWithNewline) : nil
    }

    /// Whether the log holds nothing at all.
    public var isEmpty: Bool { last == nil && junk.isEmpty }
}

/// The pure half of appending: checks the log can be extended, and produces the bytes to
/// write and the entry they hold. Both stores use it.
public struct AuditAppender: Sendable {
    public var plain: any Digest
    /// Used for new entries when present (keyed mode).
    public var keyed: (any Digest)?

    public init(plain: any Digest, keyed: (any Digest)? = nil) {
        self.plain = plain
        self.keyed = keyed
    }

    public var digest: any Digest { keyed ?? plain }

    /// The bytes to append after `tail` (a newline first where the log lacks one) and the entry.
    public func prepare(_ record: AuditRecord, tail: AuditTail, head: AuditHeadState) throws(CortexError) -> (bytes: [UInt8], entry: SealedEntry) {
        try check(tail: tail, head: head)
        let prefix: [UInt8] = tail.endsWithNewline ? [] : [10]
        var region: RecoveredRegion?
        if !tail.junk.isEmpty {
            let bytes = tail.junk + prefix
            region = RecoveredRegion(bytes: bytes.count, digest: digest.hex(bytes))
        }
        let entry = AuditChain.seal(record, after: tail.last, recovering: region, digest: digest)
        return (prefix + Array(entry.line.utf8) + [10], entry)
    }

    /// The head record after appending `entry`.
    public func head(after entry: SealedEntry) -> AuditHead {
        AuditHead.make(entry.link, digest: digest)
    }

    func check(tail: AuditTail, head: AuditHeadState) throws(CortexError) {
        let lastSeq = tail.last?.seq ?? 0
        if tail.last?.algorithm == DigestAlgorithm.hmacSHA256, keyed == nil {
            throw Self.needsKey
        }
        switch head {
        case .absent:
            guard tail.isEmpty else { throw Self.damaged("its head record is missing") }
        case .unreadable:
            throw Self.damaged("its head record is unreadable")
        case .present(let h):
            let checker: any Digest
            if h.algorithm == plain.algorithm {
                checker = plain
            } else if let keyed, h.algorithm == keyed.algorithm {
                checker = keyed
            } else {
                throw h.algorithm == DigestAlgorithm.hmacSHA256 ? Self.needsKey : Self.damaged("its head record uses an unknown digest")
            }
            guard h.isAuthentic(digest: checker) else { throw Self.damaged("its head record was altered") }
            if h.seq > lastSeq {
                throw Self.damaged("entry \(h.seq) was written but the log ends at entry \(lastSeq)")
            }
            if h.seq == lastSeq, h.seq > 0, h.hash != tail.last?.hash {
                throw Self.damaged("its last entry is not the one the head record vouches for")
            }
        }
    }

    static let needsKey = CortexError.usage(
        "the audit log is keyed (HMAC-SHA256)", hint: "set CORTEX_AUDIT_KEY to the log's key")

    static func damaged(_ why: String) -> CortexError {
        .failed("the audit log cannot be extended: \(why)",
                hint: "run `cortex audit verify`; nothing runs until the log can be written. To start a new log, move the log and its .head file aside, and keep them")
    }
}

/// An audit store in memory, for tests and embedding. `log` and `head` are open to tests
/// that simulate crashes and tampering.
public final class InMemoryAuditStore: AuditStore {
    public var log: [UInt8] = []
    public var head: AuditHeadState = .absent
    public let appender: AuditAppender

    public init(appender: AuditAppender) {
        self.appender = appender
    }

    public func append(_ record: AuditRecord) throws(CortexError) -> SealedEntry {
        // Whole file: never nil.
        let tail = AuditTail.read(log, isWholeFile: true)!
        let (bytes, entry) = try appender.prepare(record, tail: tail, head: head)
        log += bytes
        head = .present(appender.head(after: entry))
        return entry
    }

    public func contents() throws(CortexError) -> AuditContents {
        AuditContents(log: log, head: head)
    }
}
