import CortexCore
import Testing

private let F = Fixture.self

@Suite("Guardrail evaluation")
struct GuardrailEvaluationTests {
    static func rule(_ id: String, line: Int, _ rule: any GuardrailRule, envs: Set<String>? = nil,
                     ops: Set<OperationKind>? = nil, action: RuleAction? = nil) -> PolicyRule {
        PolicyRule(id: id, location: RuleLocation(file: "team.yaml", line: line),
                   scope: RuleScope(environments: envs, operations: ops), action: action, rule: rule)
    }

    static let policy = Guardrails(policy: Policy(rules: [
        rule("production-changes", line: 4, ProtectionRule(), envs: ["production"]),
        rule("destructive", line: 9, DestructiveRule()),
        rule("production-replicas", line: 12, ReplicaBoundsRule(min: 2, max: 50), envs: ["production"]),
        rule("large-jump", line: 18, LargeJumpRule()),
        rule("protected", line: 23, ProtectedTargetRule(services: ["vault"])),
        rule("locked-env", line: 27, ProtectionRule(), envs: ["dr"], action: .deny),
    ]))

    @Test func everyRuleThatSpokeIsListedStrongestFirstWithItsLocation() {
        let verdict = Self.policy.evaluate(F.resolved(.scale, replicas: 0, current: 3), context: F.context())
        #expect(verdict.decision == .deny)
        #expect(verdict.findings.map(\.ruleID) == ["production-replicas", "destructive", "production-changes", "large-jump"])
        #expect(verdict.findings.map(\.action) == [.deny, .typed, .confirm, .confirm])
        #expect(verdict.findings.map(\.location.description) == ["team.yaml:12", "team.yaml:9", "team.yaml:4", "team.yaml:18"])
        #expect(verdict.findings.map(\.kind) == ["replica-bounds", "destructive", "protection", "large-jump"])
        #expect(verdict.deciding.map(\.ruleID) == ["production-replicas"])
    }

    @Test func typedConfirmationNamesTheService() {
        let verdict = Self.policy.evaluate(F.resolved(.delete, "checkout"), context: F.context())
        #expect(verdict.decision == .confirmTyped("checkout"))
        #expect(verdict.confirmationName == "checkout")
    }

    @Test func quietRulesLeaveAnAllow() {
        let verdict = Self.policy.evaluate(F.resolved(.scale, env: "staging", replicas: 4, current: 3), context: F.context())
        #expect(verdict == Verdict(decision: .allow, findings: [], confirmationName: "payments"))
    }

    @Test(arguments: [OperationKind.status, .logs, .route, .cost, .unknown])
    func readOnlyOperationsAreAlwaysAllowed(_ kind: OperationKind) {
        let everything = Guardrails(policy: Policy(rules: [
            Self.rule("deny-all", line: 1, ProtectionRule(), action: .deny),
            Self.rule("vault", line: 2, ProtectedTargetRule(services: ["vault"])),
        ]))
        let verdict = everything.evaluate(F.resolved(kind, "vault"), context: F.context())
        #expect(verdict == .readOnly)
    }

    @Test func aLockedEnvironmentDeniesEveryChange() {
        #expect(Self.policy.evaluate(F.resolved(.restart, env: "dr"), context: F.context()).decision == .deny)
    }

    @Test func theEnvironmentFromTheSessionCounts() {
        var resolved = F.resolved(.scale, env: nil, replicas: 3)
        resolved.environment = "production"
        resolved.environmentFromSession = true
        #expect(Self.policy.evaluate(resolved, context: F.context()).decision == .confirm)
    }

    @Test func plannedStateFromTheResolverWinsOverTheOperation() {
        var resolved = F.resolved(.scale, delta: -1, current: 1)
        #expect(resolved.plannedReplicas == 0)
        resolved.planned = WorkloadState(replicas: 2)
        #expect(resolved.plannedReplicas == 2)
    }

    @Test(arguments: [
        ("ghcr.io/acme/api:1.2", "ghcr.io/acme/api", "1.2", nil as String?),
        ("localhost:5000/api", "localhost:5000/api", nil, nil),
        ("api@sha256:ff", "api", nil, "sha256:ff"),
        ("registry:5000/team/api:v2@sha256:ab", "registry:5000/team/api", "v2", "sha256:ab"),
    ])
    func imageReferences(_ text: String, _ repository: String, _ tag: String?, _ digest: String?) {
        let ref = ImageReference(text)
        #expect(ref.repository == repository)
        #expect(ref.tag == tag)
        #expect(ref.digest == digest)
    }
}

@Suite("UTC time")
struct GuardrailTimeTests {
    @Test(arguments: [
        ("1970-01-01T00:00:00Z", Weekday.thursday),
        ("2025-03-07T23:59:59Z", .friday),
        ("2025-03-10T00:00:00Z", .monday),
        ("2024-02-29T12:00:00Z", .thursday),
        ("1969-12-31T23:59:59Z", .wednesday),
    ])
    func weekdays(_ text: String, _ day: Weekday) {
        #expect(UTCTime.weekday(of: Fixture.at(text)) == day)
    }

    @Test(arguments: ["2025-03-07T16:00:00.000Z", "2024-02-29T23:59:59.999Z", "1999-12-31T00:00:00.001Z"])
    func iso8601RoundTrips(_ text: String) {
        #expect(UTCTime.iso8601(Fixture.at(text)) == text)
    }

    @Test(arguments: ["2025-02-29", "2025-13-01", "2025-03-07T24:00", "2025-03-07T16:00:00.", "yesterday", "2025-3-7"])
    func invalidTimesAreRejected(_ text: String) {
        #expect(UTCTime.parseISO8601(text) == nil)
    }

    @Test func datesAndMinutesParse() {
        #expect(UTCTime.iso8601(Fixture.at("2025-03-07")) == "2025-03-07T00:00:00.000Z")
        #expect(UTCTime.iso8601(Fixture.at("2025-03-07T16:05")) == "2025-03-07T16:05:00.000Z")
        #expect(UTCTime.minuteOfDay(of: Fixture.at("2025-03-07T16:05:59Z")) == 16 * 60 + 5)
    }

    @Test(arguments: [("90s", 90.0), ("10m", 600), ("2h", 7200), ("1d", 86_400)])
    func durations(_ text: String, _ seconds: Double) {
        #expect(PolicyDuration.seconds(text) == seconds)
        #expect(PolicyDuration.describe(seconds) == text)
    }

    @Test(arguments: ["", "m", "0m", "-5m", "10", "10w", "1.5h"])
    func badDurations(_ text: String) {
        #expect(PolicyDuration.seconds(text) == nil)
    }

    @Test(arguments: [(1234.5, "$1,234.50"), (-12, "-$12.00"), (0.004, "$0.00"), (1_000_000, "$1,000,000.00"), (999.999, "$1,000.00")])
    func money(_ amount: Double, _ text: String) {
        #expect(Money.dollars(amount) == text)
    }
}
