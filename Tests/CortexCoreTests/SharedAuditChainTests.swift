import CortexCore
import Foundation
import Testing

private func record(_ n: Int, by user: String) -> AuditRecord {
    let origin = AuditOrigin(actor: AuditActor(user: user, host: "laptop-\(user)"), session: "s-\(user)", source: .oneshot,
                             identity: OperatorIdentity(user: user, groups: ["sre"], verified: true))
    let event = AuditEvent(.executed, input: "scale api to \(n)",
                           operation: Operation(.scale, service: "api", environment: "staging", replicas: n),
                           environment: "staging", result: AuditResult(ok: true))
    return AuditRecord(event, time: Fixture.friday.addingTimeInterval(Double(n)), origin: origin)
}

private func shared(_ objects: InMemorySharedObjectStore) -> SharedAuditStore {
    SharedAuditStore(store: objects, appender: AuditAppender(plain: TestDigest()))
}

private func verify(_ objects: InMemorySharedObjectStore) throws -> AuditVerification {
    try shared(objects).verify(with: AuditVerifier(plain: TestDigest())).result
}

@Suite("Audit chain in shared objects")
struct SharedAuditChainTests {
    @Test func entriesAreObjectsNamedBySequenceNumber() throws {
        let objects = InMemorySharedObjectStore()
        let store = shared(objects)
        for n in 1...3 { _ = try store.append(record(n, by: "alice")) }
        let names = objects.objects.keys.sorted()
        #expect(names == ["audit-0000000001", "audit-0000000002", "audit-0000000003", "audit-head"])
        #expect(SequenceNames(prefix: "audit").seq(of: "audit-0000000002") == 2)
        #expect(SequenceNames(prefix: "audit").seq(of: "audit-head") == nil)
        let result = try verify(objects)
        #expect(result.isIntact)
        #expect(result.entries == 3)
        let line = try #require(objects.objects["audit-0000000001"]?.data["entry"])
        #expect(line.contains(#""identity":{"groups":["sre"],"user":"alice","verified":true}"#))
    }

    /// Writers that each believe they know the end of the chain: the loser of every race gets
    /// AlreadyExists, reads what it missed, and chains after it.
    @Test func writersWithStaleViewsBuildOneChain() throws {
        let objects = InMemorySharedObjectStore()
        let a = shared(objects), b = shared(objects)
        _ = try a.append(record(1, by: "alice"))
        _ = try b.append(record(2, by: "bob"))    // b reads the end: entry 1
        _ = try a.append(record(3, by: "alice"))  // a still thinks entry 1 is last: loses position 2, retries at 3
        let third = try b.append(record(4, by: "bob"))
        #expect(third.link.seq == 4)
        let result = try verify(objects)
        #expect(result.isIntact)
        #expect(result.entries == 4)
    }

    @Test func concurrentWritersNeverForkOrLoseAnEntry() async throws {
        let objects = InMemorySharedObjectStore()
        let writers = 4, each = 200
        try await withThrowingTaskGroup(of: Void.self) { group in
            for w in 0..<writers {
                group.addTask {
                    let store = shared(objects)
                    for n in 0..<each { _ = try store.append(record(n, by: "user\(w)")) }
                }
            }
            try await group.waitForAll()
        }
        let result = try verify(objects)
        #expect(result.isIntact, "\(result.problem?.message ?? "")")
        #expect(result.entries == writers * each)
        let entries = try shared(objects).entries(since: .distantPast)
        #expect(Dictionary(grouping: entries, by: { $0.record.actor.user }).mapValues(\.count) == ["user0": 200, "user1": 200, "user2": 200, "user3": 200])
    }

    @Test(arguments: ["edit", "delete", "reorder", "replay", "truncate", "stray"])
    func tamperingWithStoredObjectsIsDetected(_ how: String) throws {
        let objects = InMemorySharedObjectStore()
        let store = shared(objects)
        for n in 1...5 { _ = try store.append(record(n, by: "alice")) }
        var stored = objects.objects
        func name(_ n: Int) -> String { SequenceNames(prefix: "audit").name(n) }
        switch how {
        case "edit":
            let edited = stored[name(3)]?.data["entry"]?.replacingOccurrences(of: "scale api to 3", with: "scale api to 9")
            stored[name(3)]?.data["entry"] = edited
        case "delete":
            stored[name(2)] = nil
        case "reorder":
            let two = stored[name(2)]?.data, four = stored[name(4)]?.data
            stored[name(2)]?.data = four ?? [:]
            stored[name(4)]?.data = two ?? [:]
        case "replay":
            var copy = try #require(stored[name(2)])
            copy.name = name(6)
            stored[name(6)] = copy
        case "truncate":
            stored[name(5)] = nil
        default:
            stored["audit-extra"] = SharedObject(name: "audit-extra", labels: ["cortex.dev/log": "audit"], data: ["entry": "{}"])
        }
        objects.objects = stored
        let result = try verify(objects)
        let expected: [String: AuditProblem.Kind] = [
            "edit": .edited, "delete": .missing, "reorder": .missing, "replay": .outOfOrder, "truncate": .truncated, "stray": .garbled,
        ]
        #expect(result.problem?.kind == expected[how], "\(how): \(result.problem?.message ?? "intact")")
    }

    /// Rate limits read recent entries: backwards from the end at first, then what is appended.
    @Test func recentEntriesAreReadFromTheEndAndFollowed() throws {
        let objects = InMemorySharedObjectStore()
        let reader = shared(objects), writer = shared(objects)
        #expect(try reader.entries(since: .distantPast).isEmpty)
        _ = try writer.append(record(1, by: "alice"))
        #expect(try reader.entries(since: .distantPast).map(\.seq) == [1])
        for n in 2...300 { _ = try writer.append(record(n * 3600, by: "alice")) }
        let fresh = shared(objects)
        let since = Fixture.friday.addingTimeInterval(Double(299 * 3600))
        #expect(try fresh.entries(since: since).map(\.seq) == [299, 300])
        _ = try writer.append(record(301 * 3600, by: "bob"))
        #expect(try fresh.entries(since: since).map(\.seq) == [299, 300, 301])
        #expect(try reader.entries(since: since).map(\.seq) == [299, 300, 301])
    }

    @Test func aDamagedEntryStopsAppendsInsteadOfChainingPastIt() throws {
        let objects = InMemorySharedObjectStore()
        _ = try shared(objects).append(record(1, by: "alice"))
        var stored = objects.objects
        stored["audit-0000000002"] = SharedObject(name: "audit-0000000002", labels: ["cortex.dev/log": "audit"], data: ["entry": "garbage"])
        objects.objects = stored
        #expect(throws: CortexError.self) { try shared(objects).append(record(2, by: "bob")) }
    }

    @Test func anIntactLocalChainIsCopiedWithItsHashes() throws {
        let local = InMemoryAuditStore(appender: AuditAppender(plain: TestDigest()))
        for n in 1...3 { _ = try local.append(record(n, by: "alice")) }
        let lines = local.log.split(separator: 10).map { String(decoding: $0, as: UTF8.self) }
        let objects = InMemorySharedObjectStore()
        try shared(objects).copyVerbatim(lines)
        let contents = try shared(objects).contents()
        #expect(contents.log == local.log)
        #expect(contents.head == local.head)
        #expect(throws: CortexError.self) { try shared(objects).copyVerbatim(lines) }
    }
}

@Suite("Approvals by identity")
struct IdentityApprovalTests {
    let alice = OperatorIdentity(user: "alice", groups: ["sre"], verified: true)
    let bob = OperatorIdentity(user: "bob", groups: ["security"], verified: true)
    let carol = OperatorIdentity(user: "carol", groups: ["sre"], verified: true)
    let here = AuditActor(user: "root", host: "vm")
    let delete = ResolvedOperation(operation: Operation(.delete, service: "payments", environment: "production"), environment: "production")

    func book(_ requirement: ApproverRequirement?) -> (ApprovalBook, String) {
        var book = ApprovalBook()
        let id = book.request(delete, by: here, identity: alice, at: Fixture.friday, newID: "r1", requirement: requirement).id
        return (book, id)
    }

    @Test func theRequesterCannotApproveEvenFromAnotherAccount() throws {
        var (b, id) = book(nil)
        // Same cluster identity, different local account and host: still the same person.
        let error = try #require(throws: CortexError.self) {
            try b.approve(id, by: AuditActor(user: "other", host: "laptop"), identity: alice, at: Fixture.friday)
        }
        #expect(error.message.contains("yourself"))
    }

    @Test func anUnverifiedApproverDoesNotCountForAVerifiedRequester() throws {
        var (b, id) = book(nil)
        #expect(throws: CortexError.self) {
            try b.approve(id, by: AuditActor(user: "bob", host: "x"), identity: OperatorIdentity(user: "bob", verified: false), at: Fixture.friday)
        }
        let approved = try b.approve(id, by: here, identity: bob, at: Fixture.friday)
        #expect(approved.approver != nil)
        let principal = Principal(actor: here, identity: alice)
        #expect(approved.grants(delete, to: principal, at: Fixture.friday.addingTimeInterval(60), validFor: 3600, requirement: ApproverRequirement()))
        // The approver may run it with `approve --run`, not otherwise; a third person may not.
        #expect(approved.grants(delete, to: Principal(actor: here, identity: bob), at: Fixture.friday, validFor: 3600,
                                requirement: ApproverRequirement(), runningApproval: "r1"))
        #expect(!approved.grants(delete, to: Principal(actor: here, identity: bob), at: Fixture.friday, validFor: 3600,
                                 requirement: ApproverRequirement()))
        #expect(!approved.grants(delete, to: Principal(actor: here, identity: carol), at: Fixture.friday, validFor: 3600, requirement: ApproverRequirement()))
    }

    @Test func namedGroupsAndDistinctGroups() throws {
        let requirement = ApproverRequirement(groups: ["sre", "security"], distinctGroups: true)
        var (b, id) = book(requirement)
        let outsider = OperatorIdentity(user: "dave", groups: ["dev"], verified: true)
        #expect(throws: CortexError.self) { try b.approve(id, by: here, identity: outsider, at: Fixture.friday) }
        let first = try b.approve(id, by: here, identity: carol, at: Fixture.friday)
        #expect(first.approver == nil)  // one group so far
        let alsoSRE = OperatorIdentity(user: "erin", groups: ["sre"], verified: true)
        #expect(try b.approve(id, by: here, identity: alsoSRE, at: Fixture.friday).approver == nil)  // still one group
        let second = try b.approve(id, by: here, identity: bob, at: Fixture.friday)
        #expect(second.approver != nil)
        let runner = Principal(actor: here, identity: alice)
        #expect(second.grants(delete, to: runner, at: Fixture.friday, validFor: 3600, requirement: requirement))
        // Judged by the rule as it is when it runs: a stricter rule is not met by these approvals.
        #expect(!second.grants(delete, to: runner, at: Fixture.friday, validFor: 3600,
                               requirement: ApproverRequirement(groups: ["platform"])))
    }

    @Test func rulesNarrowedToGroupsAndUsers() {
        let oncall = RuleAudience(groups: ["oncall"])
        let exceptPlatform = RuleAudience(exceptGroups: ["platform"])
        let verified = Principal(name: "alice", groups: ["oncall"], verified: true)
        let platform = Principal(name: "pat", groups: ["platform"], verified: true)
        let unverified = Principal(actor: AuditActor(user: "alice", host: "x"), identity: OperatorIdentity(user: "alice", groups: ["oncall"], verified: false))
        #expect(oncall.covers(verified))
        #expect(!oncall.covers(platform))
        #expect(!oncall.covers(unverified))  // an unverified identity belongs to no group
        #expect(exceptPlatform.covers(verified))
        #expect(!exceptPlatform.covers(platform))
        #expect(RuleAudience(users: ["pat"]).covers(platform))
        #expect(!RuleAudience(exceptUsers: ["pat"]).covers(platform))
    }
}

/// A store that lets another writer in just before the first update, as another machine would.
private final class InterferingStore: SharedObjectStore, @unchecked Sendable {
    let inner = InMemorySharedObjectStore()
    var beforeNextUpdate: (() -> Void)?
    var location: String { "test" }
    func create(_ object: SharedObject) throws(SharedWriteError) -> SharedObject { try inner.create(object) }
    func update(_ object: SharedObject) throws(SharedWriteError) -> SharedObject {
        if let interfere = beforeNextUpdate {
            beforeNextUpdate = nil
            interfere()
        }
        return try inner.update(object)
    }
    func get(_ name: String) -> SharedObject? { inner.get(name) }
    func list(label: String, value: String) -> [SharedObject] { inner.list(label: label, value: value) }
}

@Suite("Approval book in a shared object")
struct SharedApprovalStoreTests {
    @Test func aChangeMadeOnAStaleBookIsMadeAgainOnTheNewOne() throws {
        let objects = InterferingStore()
        let mine = SharedApprovalStore(store: objects), theirs = SharedApprovalStore(store: objects)
        let here = AuditActor(user: "root", host: "vm")
        func resolved(_ service: String) -> ResolvedOperation {
            ResolvedOperation(operation: Operation(.delete, service: service, environment: "production"), environment: "production")
        }
        _ = try mine.update(at: Fixture.friday) { book in book.request(resolved("a"), by: here, at: Fixture.friday, newID: "r1") }
        objects.beforeNextUpdate = {
            _ = try? theirs.update(at: Fixture.friday) { book in book.request(resolved("b"), by: here, at: Fixture.friday, newID: "r2") }
        }
        var runs = 0
        _ = try mine.update(at: Fixture.friday) { book in
            runs += 1
            return book.request(resolved("c"), by: here, at: Fixture.friday, newID: "r3")
        }
        #expect(runs == 2)
        #expect(try mine.read().requests.map(\.id) == ["r1", "r2", "r3"])
    }
}
