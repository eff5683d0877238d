import CortexCore
import CortexShell
import Foundation
import Testing

@Suite("Guardrail context from the audit log")
struct PolicyContextTests {
    static let start = UTCTime.parseISO8601("2025-03-04T10:00:00Z")!

    @Test func recentChangesInTheAuditLogFeedTheRateLimit() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let store = AuditFixture.store(in: folder)
        var clock = Self.start
        let log = AuditLog(store: store, origin: AuditFixture.origin, now: { clock })
        let restart = ResolvedOperation(operation: CortexCore.Operation(.restart, service: "api"), environment: "production")
        // Ten production changes one minute apart; reading and unfinished steps do not count.
        for _ in 0..<10 {
            try log.append(AuditEvent(.confirmed, resolved: restart))
            try log.append(AuditEvent(.executed, resolved: restart, result: AuditResult(ok: true)))
            try log.append(AuditEvent(.executed, operation: CortexCore.Operation(.status), environment: "production"))
            clock.addTimeInterval(60)
        }
        let policy = try PolicyLoader().load(.bundled)
        let guardrails = Guardrails(policy: policy)
        func verdict(at time: Date) throws -> Verdict {
            let context = try GuardrailContext.gather(policy: policy, actor: AuditFixture.origin.actor, now: time,
                                                      audit: store, approvals: nil)
            return guardrails.evaluate(restart, context: context)
        }
        // The first change was at 10:00; at 10:09:59 all ten are within ten minutes.
        let denied = try verdict(at: Self.start.addingTimeInterval(599))
        #expect(denied.decision == .deny)
        #expect(denied.deciding.map(\.ruleID) == ["production-rate-limit"])
        #expect(denied.deciding.first?.message == "10 changes in the last 10m (limit 10)")
        // At 10:10:00 the first has left the window.
        #expect(try verdict(at: Self.start.addingTimeInterval(600)).decision == .confirm)
    }

    @Test func theLogStampsTimeAndOrigin() throws {
        let store = InMemoryAuditStore(appender: AuditAppender(plain: OpenSSLDigest.sha256))
        let log = AuditLog(store: store, origin: AuditFixture.origin, now: { Self.start })
        let entry = try log.append(AuditEvent(.understood, input: "status"))
        #expect(entry.record.time.description == "2025-03-04T10:00:00.000Z")
        #expect(entry.record.actor == AuditFixture.origin.actor)
        #expect(entry.record.source == .oneshot)
        #expect(entry.record.session == "s-1")
    }

    @Test func approvalIDsAreShortAndRandom() {
        let ids = (0..<20).map { _ in FileApprovalStore.newID() }
        #expect(ids.allSatisfy { $0.count == 8 && $0.allSatisfy(\.isHexDigit) })
        #expect(Set(ids).count == ids.count)
    }
}
