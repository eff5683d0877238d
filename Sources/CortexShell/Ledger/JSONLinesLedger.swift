import FoundationEssentials
public import CortexCore

/// A line of a ledger that could not be read: reported with its file and line, and skipped.
public struct LedgerProblem: Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String

    public init(file: String, line: Int, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    /// `warning: /state/routing.jsonl:7: not JSON (line skipped)`.
    public var description: String { "warning: \(file):\(line): \(reason) (line skipped)" }
}

/// The readable records of a ledger and the lines that were not.
public struct LedgerContents<Record: Sendable>: Sendable {
    public var records: [Record]
    public var problems: [LedgerProblem]

    public init(records: [Record] = [], problems: [LedgerProblem] = []) {
        self.records = records
        self.problems = problems
    }
}

/// A JSON Lines file of one kind of record: one JSON object per line, appended, never
/// rewritten. Reading never fails on a bad line; it reports it and goes on.
///
/// A ledger value remembers what it decoded: a later read decodes only the lines appended
/// since, as long as the file is the same one, has not shrunk and still holds the bytes it
/// ended with; otherwise it reads the whole file again.
public struct JSONLinesLedger<Record: Codable & Sendable>: Sendable {
    public let path: String
    private let decoded = LockedValue<Decoded?>(nil)
    /// The file, kept open between operations. Its lock also keeps this process's threads
    /// from using the descriptor at once: a `flock` does not tell them apart.
    private let kept = LockedValue<KeptFile?>(nil)
    /// With `state: cluster`, the ledger's lines are kept in shared objects instead of the file.
    let shared: SequencedObjectLog?
    /// Whether each append is flushed to the device before the lock is released (see
    /// `LedgerFiles.flushes`).
    public let flushes: Bool

    public init(path: String, flushes: Bool = true) {
        self.path = path
        self.flushes = flushes
        shared = nil
    }

    /// A ledger kept in shared objects named `ledger-<name>-<n>`: each append is one object
    /// created under the next sequence number, so that appends from several machines are
    /// ordered and none is lost.
    public init(shared store: any SharedObjectStore, name: String) {
        shared = SequencedObjectLog(store: store, logName: "ledger-" + name)
        path = "ledger-\(name) in \(store.location)"
        flushes = true
    }

    /// Every record, in file order. A missing file is an empty ledger.
    public func read() throws(CortexError) -> LedgerContents<Record> {
        if let shared { return try readShared(shared).contents }
        let read = try locked(.read) { (file: borrowing LockedFile) throws(CortexError) -> LedgerContents<Record> in
            try contents(of: file)
        }
        guard let read else {
            decoded.withValue { $0 = nil }
            return LedgerContents()
        }
        return read
    }

    /// Runs `body` with the file locked (shared to read, exclusive to write), opening it
    /// only when it is not open yet or its path names another file now (moved aside,
    /// deleted). Nil when reading a file that does not exist.
    private func locked<Result>(_ mode: LockedFile.Mode, _ body: (borrowing LockedFile) throws(CortexError) -> Result) throws(CortexError) -> Result? {
        try kept.withValue { (kept: inout KeptFile?) throws(CortexError) -> Result? in
            if let file = kept, mode == .read || file.writable, PosixFile.identity(ofPath: path) == file.identity {
                return try body(try LockedFile.lock(file, path: path, mode: mode))
            }
            kept = nil
            guard let file = try KeptFile.open(path, mode: mode) else { return nil }
            kept = file
            return try body(try LockedFile.lock(file, path: path, mode: mode))
        }
    }

    /// The whole lines decoded so far: where they end, the bytes they end with, what they hold.
    struct Decoded {
        var file: FileIdentity
        var end: Int
        var trailer: [UInt8]
        var lines: Int
        var contents: LedgerContents<Record>
    }

    /// The contents of the open (locked) file, decoding only what was not decoded before.
    func contents(of file: borrowing LockedFile) throws(CortexError) -> LedgerContents<Record> {
        let (identity, size) = try file.identity()
        return try decoded.withValue { (cache: inout Decoded?) throws(CortexError) -> LedgerContents<Record> in
            var current = Decoded(file: identity, end: 0, trailer: [], lines: 0, contents: LedgerContents())
            // Taken out, so that extending it does not copy what it holds.
            if var previous = cache.take(), previous.file == identity, previous.end <= size {
                let bytes = try file.read(from: previous.end - previous.trailer.count)
                if bytes.starts(with: previous.trailer) {
                    let added = Array(bytes.dropFirst(previous.trailer.count))
                    return take(added, into: &previous, cache: &cache)
                }
            }
            return take(try file.readAll(), into: &current, cache: &cache)
        }
    }

    /// Decodes `bytes` (which follow `decoded.end`): whole lines are remembered, an
    /// unterminated last line is decoded now and again next time.
    private func take(_ bytes: [UInt8], into decoded: inout Decoded, cache: inout Decoded?) -> LedgerContents<Record> {
        let whole = bytes.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
        if whole > 0 {
            let added = decode(bytes[..<(whole - 1)], firstLine: decoded.lines + 1)
            decoded.contents.records += added.contents.records
            decoded.contents.problems += added.contents.problems
            decoded.lines = added.lastLine
            decoded.end += whole
            decoded.trailer = Array(bytes[max(0, whole - 64)..<whole])
        }
        cache = decoded
        guard whole < bytes.count else { return decoded.contents }
        var result = decoded.contents
        let rest = decode(bytes[whole...], firstLine: decoded.lines + 1).contents
        result.records += rest.records
        result.problems += rest.problems
        return result
    }

    /// Appends records, each on its own line, under an exclusive lock.
    public func append(_ records: [Record]) throws(CortexError) {
        guard !records.isEmpty else { return }
        if shared != nil { return try update { _ throws(CortexError) in (records, ()) } }
        let bytes = try encode(records)
        _ = try locked(.write) { (file: borrowing LockedFile) throws(CortexError) in try file.append(bytes, flush: flushes) }
    }

    /// Reads, decides and appends under one exclusive lock, so that what `decide` saw is
    /// still the whole file when its records are written (ids stay unique, checks hold).
    public func update<Result>(
        _ decide: (LedgerContents<Record>) throws(CortexError) -> (append: [Record], result: Result)
    ) throws(CortexError) -> Result {
        if let shared {
            while true {
                let (contents, last) = try readShared(shared)
                let (records, result) = try decide(contents)
                if records.isEmpty { return result }
                let bytes = try encode(records)
                // Someone else appended first: decide again on what is there now.
                if try shared.create(seq: last + 1, line: String(decoding: bytes.dropLast(), as: UTF8.self)) { return result }
            }
        }
        // Write mode never yields nil.
        return try locked(.write) { (file: borrowing LockedFile) throws(CortexError) -> Result in
            let (records, result) = try decide(try contents(of: file))
            if !records.isEmpty { try file.append(try encode(records), flush: flushes) }
            return result
        }!
    }

    /// The records of the shared objects in sequence order, and the last sequence number.
    func readShared(_ log: SequencedObjectLog) throws(CortexError) -> (contents: LedgerContents<Record>, last: Int) {
        var contents = LedgerContents<Record>()
        var last = 0
        for (seq, object) in try log.all() {
            guard let seq else { continue }
            last = max(last, seq)
            let lines = decode(Array((object.data[SequencedObjectLog.dataKey] ?? "").utf8)[...], firstLine: 1).contents
            contents.records += lines.records
            contents.problems += lines.problems.map { var p = $0; p.file = log.names.name(seq); return p }
        }
        return (contents, last)
    }

    func encode(_ records: [Record]) throws(CortexError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var out: [UInt8] = []
        for r in records {
            do {
                out.append(contentsOf: try encoder.encode(r))
            } catch {
                throw .failed("cannot encode a record for \(path): \(error)")
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out
    }

    func decode(_ bytes: [UInt8]) -> LedgerContents<Record> {
        decode(bytes[...], firstLine: 1).contents
    }

    /// Decodes the lines of `bytes`, numbering them from `firstLine`; also returns the
    /// number of the last one.
    func decode(_ bytes: ArraySlice<UInt8>, firstLine: Int) -> (contents: LedgerContents<Record>, lastLine: Int) {
        var contents = LedgerContents<Record>()
        let decoder = JSONDecoder()
        var lineNumber = firstLine - 1
        for slice in bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if slice.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
            do {
                contents.records.append(try decoder.decode(Record.self, from: Data(slice)))
            } catch {
                contents.problems.append(LedgerProblem(file: path, line: lineNumber, reason: JSONLinesLedger.reason(error)))
            }
        }
        return (contents, lineNumber)
    }

    /// A short reason for a line that did not decode.
    static func reason(_ error: any Error) -> String {
        if let invalid = error as? InvalidLedgerRecord { return "invalid record: \(invalid.reason)" }
        guard let error = error as? DecodingError else { return "not a valid record" }
        func field(_ path: [any CodingKey]) -> String {
            path.isEmpty ? "" : " `\(path.map(\.stringValue).joined(separator: "."))`"
        }
        switch error {
        case .keyNotFound(let key, let ctx): return "missing field" + field(ctx.codingPath + [key])
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx):
            return "wrong type for field" + field(ctx.codingPath)
        case .dataCorrupted(let ctx):
            if ctx.codingPath.isEmpty { return "not JSON" }
            return "invalid field" + field(ctx.codingPath) + ": " + ctx.debugDescription
        @unknown default: return "not a valid record"
        }
    }
}
