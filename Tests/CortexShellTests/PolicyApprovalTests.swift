import CortexCore
import CortexShell
import Foundation
import Testing

@Suite("Two-person approval")
struct PolicyApprovalTests {
    static let alice = AuditActor(user: "alice", host: "laptop")
    static let bob = AuditActor(user: "bob", host: "desk")
    static let now = UTCTime.parseISO8601("2025-03-04T10:00:00Z")!
    static let delete = ResolvedOperation(operation: CortexCore.Operation(.delete, service: "ledger"), environment: "production",
                                          environmentFromSession: true, current: WorkloadState(replicas: 2))

    static func verdict(_ store: FileApprovalStore, at time: Date, actor: AuditActor = alice) throws -> Verdict {
        let policy = try PolicyLoader().load(.bundled)
        let context = try GuardrailContext.gather(policy: policy, actor: actor, now: time, audit: nil, approvals: store)
        return Guardrails(policy: policy).evaluate(delete, context: context)
    }

    @Test func aSecondOperatorsApprovalLetsTheRequestProceedOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FileApprovalStore(path: folder.path + "/state/approvals.json")
        #expect(try Self.verdict(store, at: Self.now).decision == .requireApproval)

        let request = try store.update(at: Self.now) { book in book.request(Self.delete, by: Self.alice, at: Self.now, newID: "0a1b2c3d") }
        #expect(request.operation == CortexCore.Operation(.delete, service: "ledger", environment: "production"))
        let again = try store.update(at: Self.now) { book in book.request(Self.delete, by: Self.alice, at: Self.now, newID: "ffffffff") }
        #expect(again.id == "0a1b2c3d")
        #expect(try store.read().pending(at: Self.now).map(\.id) == ["0a1b2c3d"])
        #expect(try Self.verdict(store, at: Self.now).decision == .requireApproval)

        let later = Self.now.addingTimeInterval(300)
        _ = try store.update(at: later) { book throws(CortexError) in try book.approve("0a1b2c3d", by: Self.bob, at: later) }
        let approved = try Self.verdict(store, at: later)
        #expect(approved.decision == .confirmTyped("ledger"))
        #expect(approved.approvalID == "0a1b2c3d")
        #expect(approved.findings.contains { $0.ruleID == "production-delete-approval" && $0.message == "approved by bob (request 0a1b2c3d)" })
        // Bob cannot use the approval he gave.
        #expect(try Self.verdict(store, at: later, actor: Self.bob).decision == .requireApproval)
        // It expires an hour after it was given.
        #expect(try Self.verdict(store, at: later.addingTimeInterval(3601)).decision == .requireApproval)

        try store.update(at: later) { book in book.markUsed("0a1b2c3d", at: later) }
        #expect(try Self.verdict(store, at: later).decision == .requireApproval)
        #expect(try store.read().requests.isEmpty)
    }

    @Test func theRequesterCannotApproveItself() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FileApprovalStore(path: folder.path + "/approvals.json")
        _ = try store.update(at: Self.now) { book in book.request(Self.delete, by: Self.alice, at: Self.now, newID: "0a1b2c3d") }
        let otherHost = AuditActor(user: "alice", host: "desk")
        #expect {
            try store.update(at: Self.now) { book throws(CortexError) in try book.approve("0a1b2c3d", by: otherHost, at: Self.now) }
        } throws: { ($0 as? CortexError)?.exitCode == .denied }
        #expect(try store.read().requests.first?.approver == nil)
    }

    @Test(arguments: [
        ("nope", 0.0, "there is no approval request 'nope'"),
        ("0a1b2c3d", 86_401, "request 0a1b2c3d has expired"),
    ])
    func approvalsThatCannotBeGiven(_ id: String, _ age: Double, _ message: String) throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = FileApprovalStore(path: folder.path + "/approvals.json")
        _ = try store.update(at: Self.now) { book in book.request(Self.delete, by: Self.alice, at: Self.now, newID: "0a1b2c3d") }
        let time = Self.now.addingTimeInterval(age)
        #expect {
            try store.update(at: time) { book throws(CortexError) in try book.approve(id, by: Self.bob, at: time) }
        } throws: { ($0 as? CortexError)?.message == message }
    }

    @Test func aDamagedFileIsReportedAndLeftAlone() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/approvals.json"
        try "{not json".write(toFile: path, atomically: true, encoding: .utf8)
        let store = FileApprovalStore(path: path)
        #expect(throws: CortexError.self) { try store.read() }
        #expect(throws: CortexError.self) { try store.update(at: Self.now) { _ in () } }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "{not json")
    }
}
