import CortexCore
import CortexShell
import Foundation
import Testing

private let F = AuditFixture.self

/// A store keeps its files open between appends and remembers where it left the log: what
/// others do to the files in between must count as before.
@Suite("File audit store over a session")
struct AuditFileStoreSessionTests {
    /// The append fails, saying why the log cannot be extended.
    func expectRefusal(_ store: FileAuditStore, _ record: AuditRecord, because why: String,
                       sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sourceLocation: sourceLocation) {
            try store.append(record)
        } throws: { error in
            (error as? CortexError)?.message == "the audit log cannot be extended: " + why
        }
    }

    @Test func storesTakingTurnsOnOneLogEachChainToTheOthersEntries() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let stores = (0..<3).map { _ in F.store(in: folder) }
        for n in 1...30 { _ = try stores[(n * 7) % 3].append(F.record(n)) }
        let result = try F.verify(stores[0])
        #expect(result.isIntact)
        #expect(result.entries == 30)
        #expect(try F.lines(stores[0]).count == 30)
    }

    @Test func aLogMovedAsideIsFollowedByANewOneAtItsPath() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...3 { _ = try store.append(F.record(n)) }
        try FileManager.default.moveItem(atPath: store.path, toPath: store.path + ".old")
        try FileManager.default.moveItem(atPath: store.headPath, toPath: store.path + ".old.head")
        let entry = try store.append(F.record(4))
        #expect(entry.link.seq == 1)
        #expect(try F.verify(store).entries == 1)
        let old = FileAuditStore(path: store.path + ".old", appender: store.appender)
        #expect(try F.verify(old).isIntact)
        #expect(try F.verify(old).entries == 3)
    }

    @Test func entriesRemovedFromTheEndByAnotherWriterStopTheNextAppend() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...5 { _ = try store.append(F.record(n)) }
        try F.write(Array(try F.lines(store).dropLast(2)), to: store)
        expectRefusal(store, F.record(6), because: "entry 5 was written but the log ends at entry 3")
        #expect(try F.lines(store).count == 3)
    }

    @Test func aLastEntryRewrittenInPlaceIsNoticed() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...3 { _ = try store.append(F.record(n)) }
        var lines = try F.lines(store)
        // Same length, another hash: only the log's last bytes tell.
        let last = lines[2]
        let flipped = last.dropLast(3) + (last.dropLast(2).last == "0" ? "1" : "0") + last.suffix(2)
        lines[2] = String(flipped)
        try F.write(lines, to: store)
        expectRefusal(store, F.record(4), because: "its last entry is not the one the head record vouches for")
    }

    @Test func aHeadDeletedDuringTheSessionStopsTheNextAppend() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...2 { _ = try store.append(F.record(n)) }
        try FileManager.default.removeItem(atPath: store.headPath)
        expectRefusal(store, F.record(3), because: "its head record is missing")
    }
}
