public import FoundationEssentials
import Synchronization

/// The audit chain kept in shared objects (`state: cluster`): entry n is the object
/// `audit-<n>`, holding the same line the file store writes, and `audit-head` holds the head
/// record, moved forward with version-checked updates.
///
/// An append seals the record after the last entry it knows and creates it under the next
/// sequence number. When another writer was first (AlreadyExists), it reads the entries it
/// missed, seals again after the real last one, and retries: every writer chains to the entry
/// before its own, so concurrent writers on many machines build one chain.
public final class SharedAuditStore: AuditStore, AuditEntrySource, Sendable {
    public let log: SequencedObjectLog
    public let appender: AuditAppender
    public static let headName = "audit-head"
    static let headKey = "head"

    /// The end of the chain as this process last saw it, and entries read for rate limits.
    private let cache = Mutex<(tail: AuditLink?, head: AuditHeadState?, entries: [AuditEntry], read: Int?)>((nil, nil, [], nil))

    public init(store: any SharedObjectStore, appender: AuditAppender) {
        log = SequencedObjectLog(store: store, logName: "audit")
        self.appender = appender
    }

    public var location: String { log.store.location }

    public func append(_ record: AuditRecord) throws(CortexError) -> SealedEntry {
        var (last, head) = try knownTail()
        while true {
            let prepared = try appender.prepare(record, tail: AuditTail(last: last, junk: [], endsWithNewline: true), head: head)
            let entry = prepared.entry
            if try log.create(seq: entry.link.seq, line: entry.line) {
                cache.withLock { $0.tail = entry.link; $0.head = head }
                try advanceHead(to: entry)
                return entry
            }
            // Someone else took the position: chain after what they wrote.
            last = try follow(last)
        }
    }

    /// The last entry and head as known, reading the store the first time.
    func knownTail() throws(CortexError) -> (AuditLink?, AuditHeadState) {
        if let known = cache.withLock({ c in c.head.map { (c.tail, $0) } }) { return known }
        var head = try readHead().state
        var last: AuditLink?
        switch head {
        case .present(let h):
            last = h.seq > 0 ? AuditLink(seq: h.seq, hash: h.hash, algorithm: h.algorithm) : nil
            last = try follow(last)
        case .absent:
            let existing = try log.all()
            if existing.isEmpty {
                // The head exists before the first entry, so that the chain never lacks one.
                let empty = AuditHead.empty(digest: appender.digest)
                do { _ = try log.store.create(Self.headObject(empty)) } catch {
                    if case .failed(let e) = error { throw e }
                }
                head = try readHead().state
                if case .present = head { last = try follow(nil) }
            }
        case .unreadable:
            break
        }
        return (last, head)
    }

    /// Reads the entries after `last` and returns the new end of the chain.
    func follow(_ last: AuditLink?) throws(CortexError) -> AuditLink? {
        var end = last
        for (seq, line) in try log.entries(after: last?.seq ?? 0) {
            guard let line, let header = EntryHeader(line: line), header.seq == seq else {
                throw AuditAppender.damaged("the object \(log.names.name(seq)) is not a valid entry")
            }
            end = header.link
        }
        return end
    }

    /// Moves the head record forward to `entry` unless another writer already moved it further.
    func advanceHead(to entry: SealedEntry) throws(CortexError) {
        try advanceHead(to: appender.head(after: entry))
    }

    func advanceHead(to new: AuditHead) throws(CortexError) {
        while true {
            let (state, object) = try readHead()
            guard let object else { return }
            if case .present(let current) = state, current.seq >= new.seq { return }
            var updated = Self.headObject(new)
            updated.resourceVersion = object.resourceVersion
            do {
                _ = try log.store.update(updated)
                return
            } catch {
                if case .failed(let e) = error { throw e }
            }
        }
    }

    /// Whether the shared chain holds no entry yet.
    public var isEmpty: Bool {
        get throws(CortexError) { try log.all().isEmpty }
    }

    /// Copies the entries of an intact chain into this empty one, line for line, so that every
    /// hash stays what it was; the head follows the last entry. Fails without changing
    /// anything further when someone else appends meanwhile.
    public func copyVerbatim(_ lines: [String]) throws(CortexError) {
        guard try isEmpty else {
            throw .usage("the shared audit chain already holds entries", hint: "entries can only be copied as they are into an empty chain")
        }
        _ = try knownTail()
        for (index, line) in lines.enumerated() {
            guard let header = EntryHeader(line: line), header.seq == index + 1 else {
                throw .failed("line \(index + 1) of the log is not entry \(index + 1)", hint: "run `cortex audit verify` on the file first")
            }
            guard try log.create(seq: header.seq, line: line) else {
                throw .failed("someone appended to the shared audit chain while it was being copied (entry \(header.seq))",
                              hint: "entries 1 to \(header.seq - 1) were copied; the chain stays valid")
            }
            if index == lines.count - 1 {
                guard let digest = appender.digest.algorithm == header.algorithm ? appender.digest
                    : (appender.plain.algorithm == header.algorithm ? appender.plain : nil) else {
                    throw AuditAppender.needsKey
                }
                try advanceHead(to: AuditHead.make(header.link, digest: digest))
            }
        }
        cache.withLock { $0 = (nil, nil, [], nil) }
    }

    func readHead() throws(CortexError) -> (state: AuditHeadState, object: SharedObject?) {
        guard let object = try log.store.get(Self.headName) else { return (.absent, nil) }
        guard let text = object.data[Self.headKey], let head = AuditHead(encoded: Array(text.utf8)) else {
            return (.unreadable, object)
        }
        return (.present(head), object)
    }

    static func headObject(_ head: AuditHead) -> SharedObject {
        var bytes = head.encoded
        while let last = bytes.last, last == 10 || last == 32 { bytes.removeLast() }
        let text = String(decoding: bytes, as: UTF8.self)
        return SharedObject(name: headName, labels: ["cortex.dev/head": "audit"], data: [headKey: text])
    }

    /// The chain as one log, entry objects in name order, one line each, and the head record.
    /// An object whose name is not a position, or that holds no entry, becomes a line that is
    /// not an entry, so that verification reports it where it stands.
    public func contents() throws(CortexError) -> AuditContents {
        let listing = try snapshot()
        return AuditContents(log: listing.log, head: listing.head)
    }

    /// The log's bytes with the object behind each line.
    public func snapshot() throws(CortexError) -> (log: [UInt8], head: AuditHeadState, objects: [String]) {
        let head = try readHead().state
        var bytes: [UInt8] = []
        var objects: [String] = []
        for (seq, object) in try log.all() {
            let line = seq == nil ? nil : object.data[SequencedObjectLog.dataKey]
            bytes += Array((line ?? "(object \(object.name) holds no entry)").utf8)
            bytes.append(10)
            objects.append(object.name)
        }
        return (bytes, head, objects)
    }

    /// Checks the shared chain. Objects are created whole or not at all, so, unlike a file,
    /// the chain has no remains of interrupted writes: an object that holds no entry is
    /// reported where it stands, even at the end.
    public func verify(with verifier: AuditVerifier) throws(CortexError) -> (result: AuditVerification, objects: [String], log: [UInt8]) {
        let (log, head, objects) = try snapshot()
        var result = verifier.verify(log, head: head)
        if result.problem == nil, let line = result.tornTail?.line ?? result.recoveredLines.first {
            let name = line <= objects.count ? objects[line - 1] : "?"
            result.problem = AuditProblem(kind: .garbled, line: line, message:
                "line \(line) (object \(name)) is not a valid entry: it was edited or put there")
            result.tornTail = nil
            result.recoveredLines = []
        }
        return (result, objects, log)
    }

    /// Entries written at or after `since`. The first call reads backwards from the end of the
    /// chain, one object at a time, until an entry a minute older than `since` (concurrent
    /// writers may finish slightly out of time order), and lists the whole chain only when
    /// that would take more than `backwardReadLimit` reads; later calls read only what was
    /// appended since.
    public func entries(since: Date) throws(CortexError) -> [AuditEntry] {
        let (known, read) = cache.withLock { ($0.entries, $0.read) }
        var entries = known
        var last: Int
        if let read {
            last = read
            for (seq, line) in try log.entries(after: read) {
                if let line, let entry = AuditEntry.decode(Array(line.utf8)) { entries.append(entry) }
                last = seq
            }
        } else {
            (entries, last) = try recentEntries(since: since.addingTimeInterval(-60))
        }
        let cutoff = since.addingTimeInterval(-60)
        entries.removeAll { $0.record.time.date < cutoff }
        let kept = entries
        cache.withLock { $0.entries = kept; $0.read = last }
        return entries.filter { $0.record.time.date >= since }
    }

    /// How many objects the first `entries(since:)` reads backwards before listing instead.
    public static let backwardReadLimit = 200

    /// The entries from `cutoff` on, and the sequence number of the last entry.
    func recentEntries(since cutoff: Date) throws(CortexError) -> ([AuditEntry], Int) {
        guard case .present(let head) = try readHead().state else { return ([], 0) }
        let end = try follow(head.seq > 0 ? AuditLink(seq: head.seq, hash: head.hash, algorithm: head.algorithm) : nil)?.seq ?? 0
        var back: [AuditEntry] = []
        var seq = end
        while seq > 0 {
            guard back.count < Self.backwardReadLimit else {
                let all = try log.all().compactMap { item in
                    item.seq == nil ? nil : item.object.data[SequencedObjectLog.dataKey].flatMap { AuditEntry.decode(Array($0.utf8)) }
                }
                return (all, end)
            }
            guard let line = try log.store.get(log.names.name(seq))?.data[SequencedObjectLog.dataKey],
                  let entry = AuditEntry.decode(Array(line.utf8)) else { break }
            back.append(entry)
            if entry.record.time.date < cutoff { break }
            seq -= 1
        }
        return (back.reversed(), end)
    }
}

/// Entries of an audit log by time, for rate limits: the file store and the shared store.
public protocol AuditEntrySource: AnyObject {
    func entries(since: Date) throws(CortexError) -> [AuditEntry]
}
