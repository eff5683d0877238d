import CortexCore
import CortexShell
import Foundation
import Testing

private let F = AuditFixture.self

@Suite("File audit store")
struct AuditFileStoreTests {
    @Test func appendsChainAndVerify() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...20 { _ = try store.append(F.record(n)) }
        let result = try F.verify(store)
        #expect(result.isIntact)
        #expect(result.entries == 20)
        #expect(try F.lines(store).count == 20)
        let head = try #require(AuditHead(encoded: Array(FileManager.default.contents(atPath: store.headPath)!)))
        #expect(head.seq == 20)
        #expect(head.hash == result.last?.hash)
    }

    @Test func aScratchStoreWritesTheSameChainWithoutFlushing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let durable = F.store(in: folder)
        let scratch = FileAuditStore(path: durable.path, appender: durable.appender, flushes: false)
        #expect(durable.flushes && !scratch.flushes)
        for n in 1...10 { _ = try (n % 2 == 0 ? durable : scratch).append(F.record(n)) }
        let result = try F.verify(durable)
        #expect(result.isIntact)
        #expect(result.entries == 10)
    }

    @Test func theLogAndItsFolderArePrivate() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        _ = try store.append(F.record(1))
        let attributes = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let dir = try FileManager.default.attributesOfItem(atPath: folder.path + "/state")
        #expect((dir[.posixPermissions] as? Int) == 0o700)
    }

    @Test func keyedModeNeverWritesTheKey() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder, keyed: true)
        for n in 1...3 { _ = try store.append(F.record(n)) }
        let everything = try String(contentsOfFile: store.path, encoding: .utf8)
            + String(contentsOfFile: store.headPath, encoding: .utf8)
        #expect(!everything.contains("correct horse"))
        #expect(everything.contains("\"alg\":\"hmac-sha256\""))
        #expect(try F.verify(store, keyed: true).isIntact)
        #expect(try F.verify(store).problem?.kind == .needsKey)
    }

    @Test func aTornLastLineIsKeptReportedAndChainedPast() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...3 { _ = try store.append(F.record(n)) }
        let handle = try #require(FileHandle(forWritingAtPath: store.path))
        handle.seekToEndOfFile()
        let fragment = String(try F.lines(store)[2].prefix(57))
        handle.write(Data(fragment.utf8))
        try handle.close()

        let torn = try F.verify(store)
        #expect(torn.isIntact)
        #expect(torn.tornTail?.line == 4)

        _ = try store.append(F.record(4))
        _ = try store.append(F.record(5))
        let lines = try F.lines(store)
        #expect(lines.count == 6)
        #expect(lines[3] == fragment)
        let recovered = try F.verify(store)
        #expect(recovered.isIntact)
        #expect(recovered.entries == 5)
        #expect(recovered.recoveredLines == [4])
        #expect(recovered.tornTail == nil)
    }

    @Test func readingRecentEntriesStopsAtTheWindow() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        for n in 1...30 { _ = try store.append(F.record(n * 60)) }
        let since = Date(timeIntervalSince1970: 1_741_341_600 + 25 * 60)
        #expect(try store.entries(since: since).map(\.seq) == [25, 26, 27, 28, 29, 30])
        #expect(try FileAuditStore(path: folder.path + "/none.jsonl", appender: store.appender).entries(since: since).isEmpty)
    }

    @Test func aMovingWindowForgetsOlderEntriesAlsoOutOfTimeOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = F.store(in: folder)
        let base = 1_741_341_600.0
        func at(_ minute: Int) -> Date { Date(timeIntervalSince1970: base + Double(minute * 60)) }
        for n in 1...10 { _ = try store.append(F.record(n * 60)) }
        #expect(try store.entries(since: at(0)).count == 10)
        // A writer that finished late: seq 11 carries the time of minute 3.
        _ = try store.append(F.record(3 * 60))
        for n in 11...12 { _ = try store.append(F.record(n * 60)) }
        #expect(try store.entries(since: at(2)).map(\.seq) == Array(2...13))
        #expect(try store.entries(since: at(4)).map(\.seq) == Array(4...10) + [12, 13])
        #expect(try store.entries(since: at(11)).map(\.seq) == [12, 13])
        for minute in [11, 12, 13] {
            let fresh = FileAuditStore(path: store.path, appender: store.appender)
            #expect(try store.entries(since: at(minute)).map(\.seq) == fresh.entries(since: at(minute)).map(\.seq))
        }
    }

    @Test func anUnwritableLogIsAClearError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "x".write(toFile: folder.path + "/file", atomically: false, encoding: .utf8)
        let store = FileAuditStore(path: folder.path + "/file/audit.jsonl", appender: AuditAppender(plain: OpenSSLDigest.sha256))
        #expect {
            try store.append(F.record(1))
        } throws: { error in
            (error as? CortexError)?.message.contains(folder.path + "/file") ?? false
        }
    }
}

/// Each way of tampering with the file, and what verification says about it.
@Suite("Audit tampering")
struct AuditTamperTests {
    /// A log of ten entries and the store that wrote it.
    static func log(keyed: Bool = false) throws -> (TemporaryFolder, FileAuditStore) {
        let folder = try TemporaryFolder()
        let store = F.store(in: folder, keyed: keyed)
        for n in 1...10 { _ = try store.append(F.record(n)) }
        return (folder, store)
    }

    @Test func anEditedEntryIsDetected() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        var lines = try F.lines(store)
        lines[4] = lines[4].replacingOccurrences(of: "\"replicas\":5", with: "\"replicas\":50")
        try F.write(lines, to: store)
        let problem = try #require(try F.verify(store).problem)
        #expect(problem.kind == .edited)
        #expect(problem.line == 5)
        #expect(problem.message == "entry 5 (line 5) was edited: its hash does not match its content")
    }

    @Test func aChangeOfOneCharacterOutsideTheRecordIsDetected() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        var lines = try F.lines(store)
        lines[2] = lines[2].replacingOccurrences(of: "{\"seq\":3,", with: "{\"seq\":3 ,")
        try F.write(lines, to: store)
        let problem = try #require(try F.verify(store).problem)
        #expect(problem.kind == .garbled)
        #expect(problem.line == 3)
    }

    @Test func aDeletedEntryIsDetected() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        var lines = try F.lines(store)
        lines.remove(at: 6)
        try F.write(lines, to: store)
        let problem = try #require(try F.verify(store).problem)
        #expect(problem.kind == .missing)
        #expect(problem.message == "entry 7 is missing: line 7 holds entry 8 (entries were deleted or moved)")
    }

    @Test func reorderedEntriesAreDetected() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        var lines = try F.lines(store)
        lines.swapAt(3, 4)
        try F.write(lines, to: store)
        let problem = try #require(try F.verify(store).problem)
        #expect(problem.kind == .missing)
        #expect(problem.line == 4)
    }

    @Test func aDuplicatedEntryIsDetected() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        var lines = try F.lines(store)
        lines.insert(lines[2], at: 3)
        try F.write(lines, to: store)
        let problem = try #require(try F.verify(store).problem)
        #expect(problem.kind == .outOfOrder)
        #expect(problem.line == 4)
    }

    @Test(arguments: [1, 3, 10])
    func removedEntriesAtTheEndAreDetected(_ removed: Int) throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        try F.write(Array(try F.lines(store).dropLast(removed)), to: store)
        if removed == 10 { try Data().write(to: URL(fileURLWithPath: store.path)) }
        let problem = try #require(try F.verify(store).problem)
        #expect(problem.kind == .truncated)
        #expect(problem.message.hasPrefix("entry 10 was written, but the log ends at entry \(10 - removed)"))
        #expect(throws: CortexError.self) { try store.append(F.record(11)) }
    }

    @Test func aFileCutInTheMiddleOfALineIsTruncationNotATornWrite() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: store.path))
        try bytes.prefix(bytes.count - 40).write(to: URL(fileURLWithPath: store.path))
        let result = try F.verify(store)
        #expect(result.tornTail?.line == 10)
        #expect(result.problem?.kind == .truncated)
        #expect(throws: CortexError.self) { try store.append(F.record(11)) }
    }

    @Test func aDeletedHeadIsDetected() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: store.headPath)
        #expect(try F.verify(store).problem?.kind == .headMissing)
        #expect(throws: CortexError.self) { try store.append(F.record(11)) }
    }

    /// What someone who can edit the file but lacks the key can do: change an entry and
    /// recompute every hash after it, and the head, with the digest they have.
    static func rehash(_ store: FileAuditStore, from index: Int, with digest: any CortexCore.Digest) throws {
        var lines = try F.lines(store)
        var previous = try #require(EntryHeader(line: lines[index - 1])).link
        for i in index..<lines.count {
            var entry = try #require(AuditEntry.decode(Array(lines[i].utf8)))
            if i == index { entry.record.event.operation?.replicas = 99 }
            let sealed = AuditChain.seal(entry.record, after: previous, digest: digest)
            lines[i] = sealed.line
            previous = sealed.link
        }
        try F.write(lines, to: store)
        try Data(AuditHead.make(previous, digest: digest).encoded).write(to: URL(fileURLWithPath: store.headPath))
    }

    @Test func withoutAKeyARehashedChainLooksIntact() throws {
        let (folder, store) = try Self.log()
        defer { folder.remove() }
        try Self.rehash(store, from: 4, with: OpenSSLDigest.sha256)
        #expect(try F.verify(store).isIntact)
    }

    @Test func keyedModeCatchesARehashWithTheWrongKey() throws {
        let (folder, store) = try Self.log(keyed: true)
        defer { folder.remove() }
        try Self.rehash(store, from: 4, with: OpenSSLDigest.hmacSHA256(key: Array("a guessed key, not the one".utf8)))
        let problem = try #require(try F.verify(store, keyed: true).problem)
        #expect(problem.kind == .edited)
        #expect(problem.line == 5)
    }

    @Test func keyedModeCatchesARehashThatDropsTheKey() throws {
        let (folder, store) = try Self.log(keyed: true)
        defer { folder.remove() }
        try Self.rehash(store, from: 4, with: OpenSSLDigest.sha256)
        let problem = try #require(try F.verify(store, keyed: true).problem)
        #expect(problem.kind == .downgraded)
        #expect(problem.line == 5)
    }

    @Test func keyedModeCatchesAWholeChainRehashedWithoutTheKey() throws {
        let (folder, store) = try Self.log(keyed: true)
        defer { folder.remove() }
        var lines = try F.lines(store)
        var previous: AuditLink?
        for i in lines.indices {
            let entry = try #require(AuditEntry.decode(Array(lines[i].utf8)))
            let sealed = AuditChain.seal(entry.record, after: previous, digest: OpenSSLDigest.sha256)
            lines[i] = sealed.line
            previous = sealed.link
        }
        try F.write(lines, to: store)
        try Data(AuditHead.make(previous!, digest: OpenSSLDigest.sha256).encoded).write(to: URL(fileURLWithPath: store.headPath))
        #expect(try F.verify(store, keyed: true).problem?.kind == .headNotKeyed)
    }

    @Test func aForgedHeadIsDetected() throws {
        let (folder, store) = try Self.log(keyed: true)
        defer { folder.remove() }
        var lines = try F.lines(store)
        lines.removeLast()
        try F.write(lines, to: store)
        let nine = try #require(EntryHeader(line: lines[8]))
        var forged = AuditHead.make(nine.link, digest: OpenSSLDigest.hmacSHA256(key: Array("a guessed key, not the one".utf8)))
        forged.algorithm = "hmac-sha256"
        try Data(forged.encoded).write(to: URL(fileURLWithPath: store.headPath))
        #expect(try F.verify(store, keyed: true).problem?.kind == .headForged)
    }
}
