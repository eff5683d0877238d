import CortexCore
import Foundation
import Testing

private let origin = AuditOrigin(actor: AuditActor(user: "alice", host: "ops1"), session: "s-1", source: .repl)

private func record(_ n: Int, _ kind: AuditEventKind = .executed, input: String? = nil) -> AuditRecord {
    let event = AuditEvent(kind, input: input ?? "scale api to \(n)",
                           operation: Operation(.scale, service: "api", environment: "staging", replicas: n),
                           environment: "staging", result: AuditResult(ok: true))
    return AuditRecord(event, time: Fixture.friday.addingTimeInterval(Double(n)), origin: origin)
}

private func store(keyed: Bool = false) -> InMemoryAuditStore {
    InMemoryAuditStore(appender: AuditAppender(plain: TestDigest(), keyed: keyed ? TestDigest(key: Array("k".utf8)) : nil))
}

private func verify(_ s: InMemoryAuditStore, keyed: Bool = false) -> AuditVerification {
    AuditVerifier(plain: TestDigest(), keyed: keyed ? TestDigest(key: Array("k".utf8)) : nil).verify(s.log, head: s.head)
}

@Suite("Audit chain")
struct AuditChainTests {
    @Test func entriesChainAndVerify() throws {
        let s = store()
        var links: [AuditLink] = []
        for n in 1...5 { links.append(try s.append(record(n)).link) }
        #expect(links.map(\.seq) == [1, 2, 3, 4, 5])
        let result = verify(s)
        #expect(result.isIntact)
        #expect(result.entries == 5)
        #expect(result.last == links.last)
        #expect(result.tornTail == nil)
    }

    @Test func aLineIsTheCanonicalEncodingAndDecodesBack() throws {
        let s = store()
        let first = try s.append(record(1))
        let second = try s.append(record(2))
        #expect(first.line.hasPrefix("{\"seq\":1,\"prev\":\"\(AuditChain.genesis)\",\"alg\":\"sha256\",\"record\":{\"actor\":"))
        #expect(second.line.hasPrefix("{\"seq\":2,\"prev\":\"\(first.link.hash)\""))
        #expect(second.line.hasSuffix(",\"hash\":\"\(second.link.hash)\"}"))
        let entries = AuditReading.entries(in: s.log)
        #expect(entries.map(\.record) == [first.record, second.record])
        #expect(entries.map(\.hash) == [first.link.hash, second.link.hash])
        let header = try #require(EntryHeader(line: second.line))
        #expect(header.link == second.link)
        #expect(header.prev == first.link.hash)
    }

    @Test func noPrefixOfALineIsAnEntry() throws {
        let s = store()
        let line = try s.append(record(1, input: "deploy api:v2 with \"quotes\" and ,\"hash\":\"x\"}")).line
        let bytes = Array(line.utf8)
        for n in 0..<bytes.count {
            let prefix = bytes[0..<n]
            #expect(prefix.withUnsafeBufferPointer { EntryHeader($0) } == nil, "prefix of \(n) bytes parsed")
        }
        #expect(EntryHeader(line: line) != nil)
    }

    @Test func secretsAreRedactedWhenSealed() throws {
        let s = store()
        var r = record(1, input: "deploy api with token=abc123secret")
        r.event.result = AuditResult(ok: false, error: "401 for Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig")
        r.event.operation = Operation(.route, task: "rotate key sk-proj-abcdefghijklmnop1234")
        let sealed = try s.append(r)
        #expect(!sealed.line.contains("abc123secret"))
        #expect(!sealed.line.contains("eyJhbGci"))
        #expect(!sealed.line.contains("sk-proj-abcdefghijklmnop1234"))
        #expect(sealed.record.event.input == "deploy api with token=[REDACTED]")
        #expect(sealed.record.event.result?.error == "401 for Bearer [REDACTED]")
    }

    @Test func tornLastLineIsReportedApartFromTampering() throws {
        let s = store()
        for n in 1...3 { _ = try s.append(record(n)) }
        let intact = s.log
        s.log += Array("{\"seq\":4,\"prev\":\"0a1b".utf8)
        let result = verify(s)
        #expect(result.isIntact)
        #expect(result.entries == 3)
        #expect(result.tornTail == TornTail(line: 4, bytes: s.log.count - intact.count))
    }

    @Test func appendingAfterATornLineKeepsItAndChainsToTheLastGoodEntry() throws {
        let s = store()
        for n in 1...3 { _ = try s.append(record(n)) }
        let fragment = Array("{\"seq\":4,\"prev\":\"0a1b".utf8)
        s.log += fragment
        let next = try s.append(record(4))
        #expect(next.link.seq == 4)
        let third = AuditReading.entries(in: s.log)[2]
        #expect(EntryHeader(line: next.line)?.prev == third.hash)
        #expect(s.log.split(separator: 10).contains { Array($0) == fragment })
        _ = try s.append(record(5))
        let result = verify(s)
        #expect(result.isIntact)
        #expect(result.entries == 5)
        #expect(result.recoveredLines == [4])
        #expect(result.tornTail == nil)
    }

    @Test func recoveryAfterACrashThatLeftANewline() throws {
        let s = store()
        _ = try s.append(record(1))
        s.log += Array("{\"seq\":2,\"pr\n".utf8)
        _ = try s.append(record(2))
        let result = verify(s)
        #expect(result.isIntact)
        #expect(result.recoveredLines == [2])
    }

    @Test func aCompleteLastLineMissingOnlyItsNewlineIsAnEntry() throws {
        let s = store()
        _ = try s.append(record(1))
        _ = try s.append(record(2))
        s.log.removeLast()
        #expect(verify(s).isIntact)
        #expect(verify(s).entries == 2)
        _ = try s.append(record(3))
        let result = verify(s)
        #expect(result.isIntact)
        #expect(result.entries == 3)
        #expect(result.recoveredLines.isEmpty)
    }

    @Test func alteringRecoveredBytesIsDetected() throws {
        let s = store()
        _ = try s.append(record(1))
        s.log += Array("{\"seq\":2,\"prev\":".utf8)
        _ = try s.append(record(2))
        let at = s.log.firstIndex(of: 10)! + 5
        s.log[at] = UInt8(ascii: "X")
        #expect(verify(s).problem?.kind == .recoveryMismatch)
    }

    @Test func garbageInTheMiddleIsNotATornLine() throws {
        let s = store()
        _ = try s.append(record(1))
        s.log += Array("not an entry\n".utf8)
        s.log += try store().append(record(2)).line.utf8 + [10]
        let result = verify(s)
        #expect(result.problem?.kind == .garbled)
        #expect(result.problem?.line == 2)
    }

    @Test func aRemovedLastEntryIsCaughtByTheHead() throws {
        let s = store()
        for n in 1...3 { _ = try s.append(record(n)) }
        let lines = s.log.split(separator: 10, omittingEmptySubsequences: true)
        s.log = Array(lines.dropLast().joined(separator: [10])) + [10]
        let result = verify(s)
        #expect(result.problem?.kind == .truncated)
        #expect(result.problem?.message == "entry 3 was written, but the log ends at entry 2: entries were removed from the end")
    }

    @Test func appendingRefusesALogWhoseEndWasRemoved() throws {
        let s = store()
        for n in 1...3 { _ = try s.append(record(n)) }
        let lines = s.log.split(separator: 10)
        s.log = Array(lines.dropLast().joined(separator: [10])) + [10]
        #expect(throws: CortexError.self) { try s.append(record(4)) }
        s.log += Array("{\"torn".utf8)
        // Garbling the last committed entry is not a crash either.
        #expect(throws: CortexError.self) { try s.append(record(4)) }
    }

    @Test func aLogWithoutItsHeadIsSuspect() throws {
        let s = store()
        _ = try s.append(record(1))
        s.head = .absent
        #expect(verify(s).problem?.kind == .headMissing)
        #expect(throws: CortexError.self) { try s.append(record(2)) }
        #expect(AuditVerifier(plain: TestDigest()).verify([], head: .absent).isIntact)
    }

    @Test func keyedEntriesNeedTheKey() throws {
        let s = store(keyed: true)
        _ = try s.append(record(1))
        let result = verify(s)
        #expect(result.problem?.kind == .needsKey)
        #expect(result.problem?.exitCode == .usage)
        #expect(verify(s, keyed: true).isIntact)
        let plainWriter = InMemoryAuditStore(appender: AuditAppender(plain: TestDigest()))
        plainWriter.log = s.log
        plainWriter.head = s.head
        #expect(throws: CortexError.self) { try plainWriter.append(record(2)) }
    }

    @Test func aPlainPrefixMayPrecedeKeyedEntries() throws {
        let plain = store()
        _ = try plain.append(record(1))
        let keyed = store(keyed: true)
        keyed.log = plain.log
        keyed.head = plain.head
        _ = try keyed.append(record(2))
        #expect(verify(keyed, keyed: true).isIntact)
    }

    @Test func tailReadingNeedsMoreBytesUntilItFindsAnEntry() throws {
        let s = store()
        for n in 1...3 { _ = try s.append(record(n)) }
        let lastLine = s.log.count - (s.log.dropLast().lastIndex(of: 10)! + 1)
        #expect(AuditTail.read(Array(s.log.suffix(lastLine - 1)), isWholeFile: false) == nil)
        #expect(AuditTail.read(Array(s.log.suffix(lastLine + 1)), isWholeFile: false)?.last?.seq == 3)
        #expect(AuditTail.read([], isWholeFile: true) == AuditTail(last: nil, junk: [], endsWithNewline: true))
    }
}

@Suite("Audit filters")
struct AuditFilterTests {
    @Test func filtersByTimeEnvironmentAndService() throws {
        let s = store()
        for n in 1...4 { _ = try s.append(record(n)) }
        var r = record(5)
        r.event.environment = "production"
        r.event.operation?.service = "payments"
        _ = try s.append(r)
        let entries = AuditReading.entries(in: s.log)
        let t = Fixture.friday
        #expect(entries.filter(AuditFilter(since: t.addingTimeInterval(2)).matches).map(\.seq) == [2, 3, 4, 5])
        #expect(entries.filter(AuditFilter(until: t.addingTimeInterval(2)).matches).map(\.seq) == [1])
        #expect(entries.filter(AuditFilter(environment: "production").matches).map(\.seq) == [5])
        #expect(entries.filter(AuditFilter(service: "api").matches).map(\.seq) == [1, 2, 3, 4])
    }

    @Test func mutationsForRateLimitsAreDispatchedChanges() throws {
        let s = store()
        _ = try s.append(record(1, .understood))
        _ = try s.append(record(2, .confirmed))
        _ = try s.append(record(3, .executed))
        _ = try s.append(record(4, .failed))
        var status = record(5, .executed)
        status.event.operation = Operation(.status, service: "api")
        _ = try s.append(status)
        let mutations = AuditReading.mutations(in: AuditReading.entries(in: s.log), since: Fixture.friday)
        #expect(mutations.map(\.time) == [Fixture.friday.addingTimeInterval(3), Fixture.friday.addingTimeInterval(4)])
        #expect(mutations.allSatisfy { $0.environment == "staging" && $0.operation == .scale })
    }

    @Test func listingLine() throws {
        let s = store()
        var r = record(3)
        r.event.verdict = AuditVerdict(Verdict(findings: [Finding(ruleID: "large-jump", kind: "large-jump", action: .confirm,
                                                            message: "m", location: RuleLocation(file: "f", line: 1))], typedName: "api"))
        r.event.confirmation = .assumedYes
        _ = try s.append(r)
        let entry = try #require(AuditReading.entries(in: s.log).first)
        #expect(AuditReading.describe(entry)
            == "#1 2025-03-07T10:00:03.000Z alice@ops1 repl executed scale api in staging to 3 replicas [confirm: large-jump] (assumed-yes) ok")
    }
}
