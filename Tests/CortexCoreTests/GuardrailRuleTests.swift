import CortexCore
import Foundation
import Testing

/// One row of a rule table: an operation, its context, and the decision the rule must reach.
struct RuleCase: Sendable, CustomTestStringConvertible {
    var name: String
    var resolved: ResolvedOperation
    var context: PolicyContext = Fixture.context()
    var expected: Verdict.Decision

    var testDescription: String { name }
}

private func decide(_ guardrails: Guardrails, _ row: RuleCase) -> Verdict.Decision {
    guardrails.evaluate(row.resolved, context: row.context).decision
}

private let F = Fixture.self

@Suite("Guardrail rule kinds")
struct GuardrailRuleTests {
    @Test(arguments: [
        RuleCase(name: "scale in production", resolved: F.resolved(.scale, replicas: 3), expected: .confirm),
        RuleCase(name: "delete in production", resolved: F.resolved(.delete), expected: .confirm),
        RuleCase(name: "scale in staging", resolved: F.resolved(.scale, env: "staging", replicas: 3), expected: .allow),
        RuleCase(name: "status in production is read-only", resolved: F.resolved(.status), expected: .allow),
        RuleCase(name: "logs in production are read-only", resolved: F.resolved(.logs), expected: .allow),
        RuleCase(name: "no environment", resolved: F.resolved(.restart, env: nil), expected: .allow),
    ])
    func protection(_ row: RuleCase) {
        #expect(decide(F.guardrails(ProtectionRule(), environments: ["production"]), row) == row.expected)
    }

    @Test func protectionWithoutEnvironmentScopeCoversBudgets() {
        let g = F.guardrails(ProtectionRule(), operations: [.budget], action: .typed)
        let budget = ResolvedOperation(operation: Operation(.budget, amount: 500, period: .month))
        #expect(g.evaluate(budget, context: F.context()).decision == .confirmTyped("budget"))
        #expect(g.evaluate(F.resolved(.scale, replicas: 2), context: F.context()).decision == .allow)
    }

    @Test(arguments: [
        RuleCase(name: "delete", resolved: F.resolved(.delete), expected: .confirmTyped("payments")),
        RuleCase(name: "scale 3 to 0", resolved: F.resolved(.scale, replicas: 0, current: 3), expected: .confirmTyped("payments")),
        RuleCase(name: "scale to 0, live count unknown", resolved: F.resolved(.scale, replicas: 0), expected: .confirmTyped("payments")),
        RuleCase(name: "scale by -3 from 3", resolved: F.resolved(.scale, delta: -3, current: 3), expected: .confirmTyped("payments")),
        RuleCase(name: "scale by -5 from 3", resolved: F.resolved(.scale, delta: -5, current: 3), expected: .confirmTyped("payments")),
        RuleCase(name: "deploy with 0 replicas", resolved: F.resolved(.deploy, replicas: 0, current: 2), expected: .confirmTyped("payments")),
        RuleCase(name: "scale 0 to 0 changes nothing", resolved: F.resolved(.scale, replicas: 0, current: 0), expected: .allow),
        RuleCase(name: "scale to 1", resolved: F.resolved(.scale, replicas: 1, current: 3), expected: .allow),
        RuleCase(name: "scale by -2 from 3", resolved: F.resolved(.scale, delta: -2, current: 3), expected: .allow),
        RuleCase(name: "restart", resolved: F.resolved(.restart), expected: .allow),
    ])
    func destructive(_ row: RuleCase) {
        #expect(decide(F.guardrails(DestructiveRule()), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "exactly the minimum", resolved: F.resolved(.scale, replicas: 2), expected: .allow),
        RuleCase(name: "one below the minimum", resolved: F.resolved(.scale, replicas: 1), expected: .deny),
        RuleCase(name: "exactly the maximum", resolved: F.resolved(.scale, replicas: 50), expected: .allow),
        RuleCase(name: "one above the maximum", resolved: F.resolved(.scale, replicas: 51), expected: .deny),
        RuleCase(name: "delta past the maximum", resolved: F.resolved(.scale, delta: 1, current: 50), expected: .deny),
        RuleCase(name: "delta to the maximum", resolved: F.resolved(.scale, delta: 1, current: 49), expected: .allow),
        RuleCase(name: "delta, live count unknown", resolved: F.resolved(.scale, delta: 100), expected: .allow),
        RuleCase(name: "deploy above the maximum", resolved: F.resolved(.deploy, replicas: 51), expected: .deny),
        RuleCase(name: "deploy without replicas", resolved: F.resolved(.deploy, version: "v2", current: 60), expected: .allow),
        RuleCase(name: "other environment", resolved: F.resolved(.scale, env: "staging", replicas: 0), expected: .allow),
    ])
    func replicaBounds(_ row: RuleCase) {
        #expect(decide(F.guardrails(ReplicaBoundsRule(min: 2, max: 50), environments: ["production"]), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "5 → 10 is exactly x2", resolved: F.resolved(.scale, replicas: 10, current: 5), expected: .allow),
        RuleCase(name: "5 → 11 is more than x2", resolved: F.resolved(.scale, replicas: 11, current: 5), expected: .confirm),
        RuleCase(name: "20 → 30 is exactly +10", resolved: F.resolved(.scale, replicas: 30, current: 20), expected: .allow),
        RuleCase(name: "20 → 31 is more than +10", resolved: F.resolved(.scale, replicas: 31, current: 20), expected: .confirm),
        RuleCase(name: "10 → 5 is exactly half", resolved: F.resolved(.scale, replicas: 5, current: 10), expected: .allow),
        RuleCase(name: "10 → 4 is less than half", resolved: F.resolved(.scale, replicas: 4, current: 10), expected: .confirm),
        RuleCase(name: "30 → 20 is exactly -10", resolved: F.resolved(.scale, replicas: 20, current: 30), expected: .allow),
        RuleCase(name: "30 → 19 is more than -10", resolved: F.resolved(.scale, replicas: 19, current: 30), expected: .confirm),
        RuleCase(name: "0 → 10 has no ratio", resolved: F.resolved(.scale, replicas: 10, current: 0), expected: .allow),
        RuleCase(name: "0 → 11 is more than +10", resolved: F.resolved(.scale, replicas: 11, current: 0), expected: .confirm),
        RuleCase(name: "delta +6 from 5", resolved: F.resolved(.scale, delta: 6, current: 5), expected: .confirm),
        RuleCase(name: "live count unknown", resolved: F.resolved(.scale, replicas: 40), expected: .allow),
    ])
    func largeJump(_ row: RuleCase) {
        #expect(decide(F.guardrails(LargeJumpRule(factor: 2, step: 10)), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "4 → 6 is exactly x1.5", resolved: F.resolved(.scale, replicas: 6, current: 4), expected: .allow),
        RuleCase(name: "4 → 7 is more than x1.5", resolved: F.resolved(.scale, replicas: 7, current: 4), expected: .confirm),
        RuleCase(name: "10 → 13 is exactly +3", resolved: F.resolved(.scale, replicas: 13, current: 10), expected: .allow),
        RuleCase(name: "10 → 14 is more than +3", resolved: F.resolved(.scale, replicas: 14, current: 10), expected: .confirm),
    ])
    func largeJumpConfigured(_ row: RuleCase) {
        #expect(decide(F.guardrails(LargeJumpRule(factor: 1.5, step: 3)), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "protected service", resolved: F.resolved(.restart, "vault"), expected: .deny),
        RuleCase(name: "service matching a prefix pattern", resolved: F.resolved(.restart, "vault-agent"), expected: .deny),
        RuleCase(name: "similar name", resolved: F.resolved(.restart, "vaultx"), expected: .allow),
        RuleCase(name: "protected namespace", resolved: F.resolved(.scale, "coredns", replicas: 3, namespace: "kube-system"), expected: .deny),
        RuleCase(name: "other namespace", resolved: F.resolved(.scale, "api", replicas: 3, namespace: "apps"), expected: .allow),
        RuleCase(name: "reading a protected service", resolved: F.resolved(.status, "vault"), expected: .allow),
    ])
    func protectedTargets(_ row: RuleCase) {
        let rule = ProtectedTargetRule(services: ["vault", "vault-*"], namespaces: ["kube-system"])
        #expect(decide(F.guardrails(rule), row) == row.expected)
    }

    private static func deployAt(_ time: String) -> RuleCase {
        RuleCase(name: time, resolved: F.resolved(.deploy, version: "v2"), context: F.context(now: F.at(time)), expected: .allow)
    }

    @Test(arguments: [
        ("2025-03-07T15:59:59.999Z", Verdict.Decision.allow),
        ("2025-03-07T16:00:00Z", .deny),
        ("2025-03-07T23:59:59.999Z", .deny),
        ("2025-03-08T00:00:00Z", .allow),
        ("2025-03-06T17:00:00Z", .allow),
        ("2025-03-14T16:30:00Z", .deny),
    ])
    func freezeFridayEvening(_ time: String, _ expected: Verdict.Decision) {
        let g = F.guardrails(FreezeWindowRule(days: [.friday], from: 16 * 60, to: 1440))
        #expect(decide(g, Self.deployAt(time)) == expected)
    }

    @Test(arguments: [
        ("2025-03-07T21:59:59Z", Verdict.Decision.allow),
        ("2025-03-07T22:00:00Z", .deny),
        ("2025-03-08T05:59:59Z", .deny),
        ("2025-03-08T06:00:00Z", .allow),
        ("2025-03-08T22:00:00Z", .allow),
        ("2025-03-07T05:00:00Z", .allow),
    ])
    func freezeAcrossMidnight(_ time: String, _ expected: Verdict.Decision) {
        let g = F.guardrails(FreezeWindowRule(days: [.friday], from: 22 * 60, to: 6 * 60))
        #expect(decide(g, Self.deployAt(time)) == expected)
    }

    @Test(arguments: [
        ("2025-03-07T23:59:59Z", Verdict.Decision.allow),
        ("2025-03-08T00:00:00Z", .deny),
        ("2025-03-09T23:59:59Z", .deny),
        ("2025-03-10T00:00:00Z", .allow),
    ])
    func freezeWholeWeekend(_ time: String, _ expected: Verdict.Decision) {
        let g = F.guardrails(FreezeWindowRule(days: [.saturday, .sunday]))
        #expect(decide(g, Self.deployAt(time)) == expected)
    }

    @Test func freezeMessageNamesTheWindowAndTheTime() {
        let g = F.guardrails(FreezeWindowRule(days: [.friday], from: 16 * 60, to: 1440))
        let verdict = g.evaluate(F.resolved(.deploy, version: "v2"), context: F.context(now: F.at("2025-03-07T17:03:00Z")))
        #expect(verdict.findings.map(\.message) == ["change freeze fri 16:00–24:00 UTC (now fri 17:03 UTC); this window ends sat 00:00 UTC"])
    }

    private static let now = Fixture.friday
    private static func ago(_ seconds: Double, _ env: String = "production") -> MutationRecord {
        MutationRecord(time: now.addingTimeInterval(-seconds), operation: .scale, environment: env, service: "api")
    }
    private static func rate(_ name: String, _ history: [MutationRecord], _ expected: Verdict.Decision) -> RuleCase {
        RuleCase(name: name, resolved: F.resolved(.restart), context: F.context(now: now, mutations: history), expected: expected)
    }

    @Test(arguments: [
        rate("no history", [], .allow),
        rate("2 of 3 used", [ago(10), ago(300)], .allow),
        rate("3 of 3 used", [ago(10), ago(300), ago(599)], .deny),
        rate("one exactly a window ago no longer counts", [ago(10), ago(300), ago(600)], .allow),
        rate("one a millisecond inside the window counts", [ago(10), ago(300), ago(599.999)], .deny),
        rate("changes in other environments do not count", [ago(10), ago(20, "staging"), ago(30, "staging")], .allow),
        rate("a change stamped just after now counts", [ago(10), ago(20), ago(-1)], .deny),
    ])
    func rateLimit(_ row: RuleCase) {
        #expect(decide(F.guardrails(RateLimitRule(max: 3, window: 600), environments: ["production"]), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "version latest", resolved: F.resolved(.deploy, version: "latest"), expected: .deny),
        RuleCase(name: "version LATEST", resolved: F.resolved(.deploy, version: "LATEST"), expected: .deny),
        RuleCase(name: "image tagged latest", resolved: F.resolved(.deploy, image: "ghcr.io/acme/api:latest"), expected: .deny),
        RuleCase(name: "image without tag", resolved: F.resolved(.deploy, image: "ghcr.io/acme/api"), expected: .deny),
        RuleCase(name: "registry port, no tag", resolved: F.resolved(.deploy, image: "localhost:5000/api"), expected: .deny),
        RuleCase(name: "registry port and tag", resolved: F.resolved(.deploy, image: "localhost:5000/api:1.0"), expected: .allow),
        RuleCase(name: "pinned by digest", resolved: F.resolved(.deploy, image: "ghcr.io/acme/api@sha256:abc"), expected: .allow),
        RuleCase(name: "version v1.4.2", resolved: F.resolved(.deploy, version: "v1.4.2"), expected: .allow),
        RuleCase(name: "latest in staging", resolved: F.resolved(.deploy, env: "staging", version: "latest"), expected: .allow),
        RuleCase(name: "deploy naming no image", resolved: F.resolved(.deploy, replicas: 3), expected: .allow),
        RuleCase(name: "scale a workload running latest", resolved: F.resolved(.scale, replicas: 3, currentImage: "api:latest"), expected: .allow),
    ])
    func image(_ row: RuleCase) {
        #expect(decide(F.guardrails(ImageRule(), environments: ["production"]), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "allowed registry", resolved: F.resolved(.deploy, image: "ghcr.io/acme/api:1.2"), expected: .allow),
        RuleCase(name: "other registry", resolved: F.resolved(.deploy, image: "docker.io/evil/api:1.2"), expected: .deny),
    ])
    func imageRegistries(_ row: RuleCase) {
        #expect(decide(F.guardrails(ImageRule(registries: ["ghcr.io/acme/"])), row) == row.expected)
    }

    @Test(arguments: [
        RuleCase(name: "exactly the ceiling", resolved: F.resolved(.scale, replicas: 9, cost: 500), expected: .allow),
        RuleCase(name: "a cent above the ceiling", resolved: F.resolved(.scale, replicas: 9, cost: 500.01), expected: .confirm),
        RuleCase(name: "a saving", resolved: F.resolved(.scale, replicas: 1, cost: -900), expected: .allow),
        RuleCase(name: "unknown cost", resolved: F.resolved(.scale, replicas: 9), expected: .allow),
        RuleCase(name: "exactly the budget left", resolved: F.resolved(.scale, replicas: 9, cost: 300), context: F.context(budget: 300), expected: .allow),
        RuleCase(name: "above the budget left", resolved: F.resolved(.scale, replicas: 9, cost: 300.5), context: F.context(budget: 300), expected: .confirm),
        RuleCase(name: "no budget set", resolved: F.resolved(.scale, replicas: 9, cost: 400), expected: .allow),
    ])
    func costCeiling(_ row: RuleCase) {
        #expect(decide(F.guardrails(CostCeilingRule(maxMonthlyIncrease: 500, withinBudget: true)), row) == row.expected)
    }

    private static func approval(
        _ op: ResolvedOperation = Fixture.resolved(.delete), requester: String = "alice", approver: String? = "bob",
        approvedSecondsAgo: Double = 60, used: Bool = false
    ) -> ApprovalRequest {
        var r = ApprovalRequest(id: "a1b2c3d4", operation: ApprovalRequest.subject(of: op),
                                requester: AuditActor(user: requester, host: "h1"), requestedAt: now.addingTimeInterval(-7200))
        if let approver {
            r.approver = AuditActor(user: approver, host: "h2")
            r.approvedAt = AuditTimestamp(now.addingTimeInterval(-approvedSecondsAgo))
        }
        if used { r.usedAt = AuditTimestamp(now) }
        return r
    }
    private static func twoPerson(_ name: String, _ approvals: [ApprovalRequest], _ expected: Verdict.Decision) -> RuleCase {
        RuleCase(name: name, resolved: F.resolved(.delete), context: F.context(now: now, approvals: approvals), expected: expected)
    }

    @Test(arguments: [
        twoPerson("no approval", [], .requireApproval),
        twoPerson("pending, not approved", [approval(approver: nil)], .requireApproval),
        twoPerson("approved by another operator", [approval()], .allow),
        twoPerson("approved by the requester", [approval(approver: "alice")], .requireApproval),
        twoPerson("asked by someone else", [approval(requester: "carol")], .requireApproval),
        twoPerson("approved for another operation", [approval(Fixture.resolved(.delete, "api"))], .requireApproval),
        twoPerson("approved for another environment", [approval(Fixture.resolved(.delete, env: "staging"))], .requireApproval),
        twoPerson("already used", [approval(used: true)], .requireApproval),
        twoPerson("exactly as old as it may be", [approval(approvedSecondsAgo: 3600)], .allow),
        twoPerson("a second too old", [approval(approvedSecondsAgo: 3601)], .requireApproval),
    ])
    func twoPersonApproval(_ row: RuleCase) {
        #expect(decide(F.guardrails(TwoPersonRule(validFor: 3600)), row) == row.expected)
    }

    @Test func approvalOnRecordIsReportedAndNamed() {
        let ctx = F.context(now: Self.now, approvals: [Self.approval()])
        let verdict = F.guardrails(TwoPersonRule()).evaluate(F.resolved(.delete), context: ctx)
        #expect(verdict.approvalID == "a1b2c3d4")
        #expect(verdict.findings.map(\.action) == [.note])
        #expect(verdict.findings.first?.message == "approved by bob (request a1b2c3d4)")
    }

    @Test func twoPersonLimitedToServices() {
        let g = F.guardrails(TwoPersonRule(services: ["payments"]))
        #expect(g.evaluate(F.resolved(.delete, "api"), context: F.context()).decision == .allow)
        #expect(g.evaluate(F.resolved(.delete, "payments"), context: F.context()).decision == .requireApproval)
    }
}
