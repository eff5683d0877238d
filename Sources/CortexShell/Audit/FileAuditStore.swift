public import CortexCore
public import FoundationEssentials

/// The audit log on disk: append-only JSON Lines, and a fixed-size head record beside it
/// (`<log>.head`).
///
/// An append takes an exclusive `flock` on the log, reads the last entry, writes the new line
/// in one `write`, releases the lock, flushes the data to disk (`fdatasync`), and then moves
/// the head forward. It returns only once the entry is on disk; several shells appending at
/// once each chain to the entry before. Remains of an interrupted write at the end are kept,
/// and the next entry chains to the last good one and vouches for them. Both files stay open
/// between appends (`OpenFiles`).
public final class FileAuditStore: AuditStore, AuditEntrySource {
    public let path: String
    public let appender: AuditAppender
    /// What `entries(since:)` read last.
    private let recent = LockedValue<RecentEntries?>(nil)
    /// The files appends write to, kept open between them.
    private let kept = LockedValue<OpenFiles?>(nil)
    /// The entries of lines this store appended that `entries(since:)` has not read yet, by
    /// their hash: a line found here byte for byte is not decoded again.
    private let appended = LockedValue<[String: (line: String, entry: AuditEntry)]>([:])
    /// At most this many are kept (a session that never reads its entries back).
    static let maxAppended = 64

    public var headPath: String { path + ".head" }

    /// Whether each append is flushed to the device before it returns. Off only for a state
    /// folder that is deleted when the run ends (a transcript replay against the simulator),
    /// where a flush protects nothing.
    public let flushes: Bool

    public init(path: String, appender: AuditAppender, flushes: Bool = true) {
        self.path = path
        self.appender = appender
        self.flushes = flushes
    }

    public func append(_ record: AuditRecord) throws(CortexError) -> SealedEntry {
        let (files, entry) = try kept.withValue { (kept: inout OpenFiles?) throws(CortexError) -> (OpenFiles, SealedEntry) in
            let files = try current(&kept)
            do throws(CortexError) {
                return (files, try write(record, to: files))
            } catch {
                // Whatever the files hold now is read afresh next time.
                kept = nil
                throw error
            }
        }
        if let own = AuditEntry(sealed: entry) {
            appended.withValue { appended in
                if appended.count >= Self.maxAppended { appended.removeAll() }
                appended[own.hash] = (entry.line, own)
            }
        }
        // Outside the lock, so that concurrent appenders share the flushes.
        if flushes { try files.log.syncData() }
        try kept.withValue { (_: inout OpenFiles?) throws(CortexError) in
            try files.log.lock()
            defer { files.log.unlock() }
            if case .present(let current) = try files.readHead(), current.seq >= entry.link.seq { return }
            let head = appender.head(after: entry)
            let encoded = head.encoded
            try files.head.write(encoded, at: 0)
            files.lastHead = (encoded, .present(head))
        }
        return entry
    }

    /// Chains `record` to the log's last entry and writes it, under the exclusive lock.
    private func write(_ record: AuditRecord, to files: OpenFiles) throws(CortexError) -> SealedEntry {
        try files.log.lock()
        defer { files.log.unlock() }
        if let known = files.known, try !files.stillEnds(with: known) { files.known = nil }
        var head = try files.readHead()
        let size = try files.log.size()
        let tail: AuditTail
        if let known = files.known { tail = known.tail } else { tail = try readTail(files.log, size: size) }
        if tail.isEmpty, head == .absent {
            // The head exists before the first entry, so that a log never lacks one.
            head = .present(AuditHead.empty(digest: appender.digest))
            try files.head.write(AuditHead.empty(digest: appender.digest).encoded, at: 0)
            if flushes {
                try files.head.syncData()
                PosixFile.syncDirectory(PosixFile.parent(of: path))
            }
        }
        let prepared = try appender.prepare(record, tail: tail, head: head)
        try files.log.write(prepared.bytes)
        files.known = KnownEnd(size: size + prepared.bytes.count, trailer: Array(prepared.bytes.suffix(64)),
                               tail: AuditTail(last: prepared.entry.link, junk: [], endsWithNewline: true))
        return prepared.entry
    }

    /// The open files, opened again (and the folder created) when there are none yet or
    /// when the log or its head is no longer the file at its path (moved aside, deleted).
    private func current(_ kept: inout OpenFiles?) throws(CortexError) -> OpenFiles {
        if let files = kept, PosixFile.identity(ofPath: path) == files.logFile,
           PosixFile.identity(ofPath: headPath) == files.headFile {
            return files
        }
        kept = nil
        try PosixFile.makeDirectories(PosixFile.parent(of: path))
        let log = try PosixFile.open(path, append: true)
        let head = try PosixFile.open(headPath)
        let files = OpenFiles(log: log, head: head, logFile: try log.identity(), headFile: try head.identity())
        kept = files
        return files
    }

    /// The log and its head, open for appending for as long as the store lives (a session),
    /// so that an append opens nothing: each append still takes the lock, reads the head, and
    /// reads the end of the log unless it is still exactly what this store wrote last.
    final class OpenFiles {
        let log: PosixFile
        let head: PosixFile
        let logFile: FileIdentity
        let headFile: FileIdentity
        /// The end of the log as this store's last append left it.
        var known: KnownEnd?
        /// The head record's bytes as last read or written, and what they say.
        var lastHead: (bytes: [UInt8], state: AuditHeadState)?

        init(log: PosixFile, head: PosixFile, logFile: FileIdentity, headFile: FileIdentity) {
            self.log = log
            self.head = head
            self.logFile = logFile
            self.headFile = headFile
        }

        /// The head record, decoded only when its bytes changed since they were last read or written.
        func readHead() throws(CortexError) -> AuditHeadState {
            let bytes = try head.read(at: 0, count: AuditHead.encodedSize)
            if let lastHead, lastHead.bytes == bytes { return lastHead.state }
            let state = FileAuditStore.headState(bytes)
            lastHead = (bytes, state)
            return state
        }

        /// Whether the log still has the size and the last bytes `known` saw: nobody appended
        /// or rewrote its end since.
        func stillEnds(with known: KnownEnd) throws(CortexError) -> Bool {
            guard try log.size() == known.size else { return false }
            return try log.read(at: known.size - known.trailer.count, count: known.trailer.count) == known.trailer
        }
    }

    /// The log's size after an append, its last bytes, and the tail it ends in.
    struct KnownEnd {
        var size: Int
        var trailer: [UInt8]
        var tail: AuditTail
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

    /// Entries at the end of the log written at or after `since`.
    ///
    /// The first call reads the log backwards in growing chunks rather than the whole file;
    /// later calls read only the bytes appended since (by any writer) and decode only the
    /// new lines, as long as the file is the same one, has not shrunk, still holds the bytes
    /// read last before its end, and `since` is not earlier than what was kept covers.
    /// Anything else reads backwards afresh.
    public func entries(since: Date) throws(CortexError) -> [AuditEntry] {
        guard let log = try PosixFile.openForReading(path) else {
            recent.withValue { $0 = nil }
            return []
        }
        try log.lock(shared: true)
        defer { log.unlock() }
        let size = try log.size()
        let file = try log.identity()
        return try recent.withValue { (cached: inout RecentEntries?) throws(CortexError) -> [AuditEntry] in
            // Taken out, so that extending it does not copy what it holds.
            if var current = cached.take(), current.file == file, since >= current.coveredSince, size >= current.end,
               try log.read(at: current.end - current.trailer.count, count: current.trailer.count) == current.trailer {
                let added = try log.read(at: current.end, count: size - current.end)
                let unterminated = current.take(added, since: since, own: ownEntry)
                cached = current
                return unterminated.isEmpty ? current.entries : current.entries + unterminated
            }
            var chunk = min(size, 1 << 18)
            while true {
                let bytes = try log.read(at: size - chunk, count: chunk)
                var lines = bytes.split(separator: 10, omittingEmptySubsequences: true)
                if chunk < size, !lines.isEmpty { lines.removeFirst() }
                let entries = lines.compactMap { AuditEntry.decode($0) }
                // A minute's slack: concurrent writers may finish slightly out of time order.
                if chunk == size || (entries.first.map { $0.record.time.date < since.addingTimeInterval(-60) } ?? false) {
                    var fresh = RecentEntries(file: file, end: size - chunk, coveredSince: since)
                    // Only whole lines from where the chunk's first line ends.
                    if chunk < size, let newline = bytes.firstIndex(of: 10) {
                        fresh.end += newline + 1
                        fresh.trailer = [10]
                    }
                    let unterminated = fresh.take(Array(bytes[(fresh.end - (size - chunk))...]), since: since)
                    cached = fresh
                    return unterminated.isEmpty ? fresh.entries : fresh.entries + unterminated
                }
                chunk = min(size, chunk * 4)
            }
        }
    }

    /// The entry of `line` when this store appended it (and it was not read back yet).
    private func ownEntry(_ line: ArraySlice<UInt8>) -> AuditEntry? {
        // A line ends in `"hash":"<64 hex digits>"}`.
        guard line.count > 66 else { return nil }
        let hash = String(decoding: line[(line.endIndex - 66)..<(line.endIndex - 2)], as: UTF8.self)
        return appended.withValue { appended in
            guard let own = appended[hash], own.line.utf8.elementsEqual(line) else { return nil }
            appended[hash] = nil
            return own.entry
        }
    }

    /// The entries `entries(since:)` read last, to be extended by what is appended later.
    struct RecentEntries {
        /// The log file they came from.
        var file: FileIdentity
        /// Where the next line starts: just after the last newline read.
        var end: Int
        /// Every entry at or after this time between the start of the kept lines and `end` is kept.
        var coveredSince: Date
        /// The last bytes before `end`, compared before reading on, so that a log rewritten
        /// in place (not only appended to) is read afresh.
        var trailer: [UInt8] = []
        /// The entries of the whole lines up to `end`, at or after `coveredSince`.
        private(set) var entries: [AuditEntry] = []
        /// Each entry's time, by the same index: what forgetting older entries compares,
        /// without reaching into (and copying) the entries themselves.
        private var times: [Date] = []

        init(file: FileIdentity, end: Int, coveredSince: Date) {
            self.file = file
            self.end = end
            self.coveredSince = coveredSince
        }

        /// Takes the whole lines of `bytes` (which start at `end`): keeps their entries at or
        /// after `since`, forgets older ones, and moves `end` past them. Returns the entry of
        /// a complete but unterminated last line, if any, which is read again next time.
        /// `own` gives the entries of lines the store itself appended, without decoding them.
        mutating func take(_ bytes: [UInt8], since: Date, own: (ArraySlice<UInt8>) -> AuditEntry? = { _ in nil }) -> [AuditEntry] {
            if since > coveredSince {
                forget(before: since)
                coveredSince = since
            }
            let whole = bytes.lastIndex(of: 10).map { $0 + 1 } ?? 0
            for line in bytes[..<whole].split(separator: 10, omittingEmptySubsequences: true) {
                guard let entry = own(line) ?? AuditEntry.decode(line) else { continue }
                let time = entry.record.time.date
                if time >= since {
                    entries.append(entry)
                    times.append(time)
                }
            }
            if whole > 0 {
                end += whole
                trailer = Array(bytes[max(0, whole - 64)..<whole])
            }
            return whole < bytes.count ? AuditEntry.decode(bytes[whole...]).map { $0.record.time.date >= since ? [$0] : [] } ?? [] : []
        }

        /// Drops the entries written before `since`: usually the oldest ones, a prefix, moved
        /// out at once; entries out of time order (concurrent writers) are filtered one by one.
        private mutating func forget(before since: Date) {
            guard let first = times.firstIndex(where: { $0 < since }) else { return }
            let kept = times[first...].firstIndex { $0 >= since } ?? times.endIndex
            if first == 0, !times[kept...].contains(where: { $0 < since }) {
                entries.removeFirst(kept)
                times.removeFirst(kept)
                return
            }
            let keep = times.indices.filter { times[$0] >= since }
            entries = keep.map { entries[$0] }
            times = keep.map { times[$0] }
        }
    }

    func readHead(_ file: PosixFile) throws(CortexError) -> AuditHeadState {
        Self.headState(try file.read(at: 0, count: AuditHead.encodedSize))
    }

    static func headState(_ bytes: [UInt8]) -> AuditHeadState {
        if bytes.isEmpty { return .absent }
        return AuditHead(encoded: bytes).map { .present($0) } ?? .unreadable
    }

    func readTail(_ log: PosixFile, size: Int) throws(CortexError) -> AuditTail {
        var chunk = min(size, 1 << 16)
        while true {
            let bytes = try log.read(at: size - chunk, count: chunk)
            if let tail = AuditTail.read(bytes, isWholeFile: chunk == size) { return tail }
            chunk = min(size, chunk * 4)
        }
    }
}
