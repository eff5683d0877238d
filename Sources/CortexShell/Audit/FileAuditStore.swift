public import CortexCore
public import FoundationEssentials

/// The audit log on disk: append-only JSON Lines, and a fixed-size head record beside it
/// (`<log>.head`).
///
/// An append takes an exclusive `flock` on the log, reads the last entry, writes the new line
/// in one `write`, releases the lock, flushes the data to disk (`fdatasync`), and then moves
/// the head forward. It returns only once the entry is on disk; several shells appending at
/// once each chain to the entry before. Remains of an interrupted write at the end are kept,
/// and the next entry chains to the last good one and vouches for them.
public final class FileAuditStore: AuditStore {
    public let path: String
    public let appender: AuditAppender

    public var headPath: String { path + ".head" }

    public init(path: String, appender: AuditAppender) {
        self.path = path
        self.appender = appender
    }

    public func append(_ record: AuditRecord) throws(CortexError) -> SealedEntry {
        try PosixFile.makeDirectories(PosixFile.parent(of: path))
        let log = try PosixFile.open(path, append: true)
        let headFile = try PosixFile.open(headPath)
        try log.lock()
        let entry: SealedEntry
        do {
            var head = try readHead(headFile)
            let tail = try readTail(log)
            if tail.isEmpty, head == .absent {
                // The head exists before the first entry, so that a log never lacks one.
                head = .present(AuditHead.empty(digest: appender.digest))
                try headFile.write(AuditHead.empty(digest: appender.digest).encoded, at: 0)
                try headFile.syncData()
                PosixFile.syncDirectory(PosixFile.parent(of: path))
            }
            let prepared = try appender.prepare(record, tail: tail, head: head)
            try log.write(prepared.bytes)
            entry = prepared.entry
        } catch {
            log.unlock()
            throw error
        }
        log.unlock()
        // Outside the lock, so that concurrent appenders share the flushes.
        try log.syncData()
        try log.lock()
        defer { log.unlock() }
        if case .present(let current) = try readHead(headFile), current.seq >= entry.link.seq { return entry }
        try headFile.write(appender.head(after: entry).encoded, at: 0)
        return entry
    }

    public func contents() throws(CortexError) -> AuditContents {
        guard let log = try PosixFile.openForReading(path) else {
            let head = try PosixFile.openForReading(headPath).map { file throws(CortexError) in try readHead(file) }
            return AuditContents(log: [], head: head ?? .absent)
        }
        try log.lock(shared: true)
        defer { log.unlock() }
        let bytes = try log.readAll()
        let head = try PosixFile.openForReading(headPath).map { file throws(CortexError) in try readHead(file) }
        return AuditContents(log: bytes, head: head ?? .absent)
    }

    /// Entries at the end of the log written at or after `since`, read backwards in growing
    /// chunks rather than the whole file.
    public func entries(since: Date) throws(CortexError) -> [AuditEntry] {
        guard let log = try PosixFile.openForReading(path) else { return [] }
        try log.lock(shared: true)
        defer { log.unlock() }
        let size = try log.size()
        var chunk = min(size, 1 << 18)
        while true {
            let bytes = try log.read(at: size - chunk, count: chunk)
            var lines = bytes.split(separator: 10, omittingEmptySubsequences: true)
            if chunk < size, !lines.isEmpty { lines.removeFirst() }
            let entries = lines.compactMap { AuditEntry.decode($0) }
            // A minute's slack: concurrent writers may finish slightly out of time order.
            if chunk == size || (entries.first.map { $0.record.time.date < since.addingTimeInterval(-60) } ?? false) {
                return entries.filter { $0.record.time.date >= since }
            }
            chunk = min(size, chunk * 4)
        }
    }

    func readHead(_ file: PosixFile) throws(CortexError) -> AuditHeadState {
        let bytes = try file.read(at: 0, count: AuditHead.encodedSize)
        if bytes.isEmpty { return .absent }
        return AuditHead(encoded: bytes).map { .present($0) } ?? .unreadable
    }

    func readTail(_ log: PosixFile) throws(CortexError) -> AuditTail {
        let size = try log.size()
        var chunk = min(size, 1 << 16)
        while true {
            let bytes = try log.read(at: size - chunk, count: chunk)
            if let tail = AuditTail.read(bytes, isWholeFile: chunk == size) { return tail }
            chunk = min(size, chunk * 4)
        }
    }
}
