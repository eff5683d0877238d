import CortexTestSupport
import CortexCore
import Testing

private let F = Fixture.self

@Suite("Policy reports")
struct GuardrailReportTests {
    static let policy = Policy(rules: [
        PolicyRule(id: "production-changes", location: RuleLocation(file: "g/team.yaml", line: 4),
                   scope: RuleScope(environments: ["production"]), action: .confirm,
                   description: "Production serves customers.", rule: ProtectionRule()),
        PolicyRule(id: "destructive", location: RuleLocation(file: "g/team.yaml", line: 10), rule: DestructiveRule()),
        PolicyRule(id: "weekend", location: RuleLocation(file: "g/team.yaml", line: 14),
                   scope: RuleScope(environments: ["production"], operations: [.deploy, .scale]),
                   rule: FreezeWindowRule(days: [.saturday, .sunday])),
        PolicyRule(id: "rate", location: RuleLocation(file: "g/more.yaml", line: 3),
                   rule: RateLimitRule(max: 10, window: 600)),
    ], files: ["g/team.yaml", "g/more.yaml"])

    @Test func checkListsEveryRule() throws {
        Golden.check(PolicyReport.check(Self.policy, source: "g"), "guard-report/check.txt", directory: "Fixtures/Golden")
    }

    @Test func problemsAreListedOnePerLine() {
        let issues = [PolicyIssue(file: "g/a.yaml", line: 3, key: "max", problem: "must be a whole number >= 0, not 'ten'"),
                      PolicyIssue(file: "g/b.yaml", line: 1, problem: "the file is empty")]
        #expect(PolicyReport.problems(issues, source: "g") == """
        g: 2 problems
          g/a.yaml:3: max: must be a whole number >= 0, not 'ten'
          g/b.yaml:1: the file is empty

        """)
    }

    @Test func explainAChange() throws {
        let resolved = F.resolved(.scale, replicas: 0)
        let verdict = Guardrails(policy: Self.policy).evaluate(resolved, context: F.context(now: F.at("2025-03-08T09:00:00Z")))
        let text = PolicyReport.explain(input: "just scale payments in prod to 0", resolved: resolved, verdict: verdict,
                                        policy: Self.policy, liveStateRead: false)
        Golden.check(text, "guard-report/explain-scale.txt", directory: "Fixtures/Golden")
    }

    @Test func explainAReadingRequest() {
        let text = PolicyReport.explain(input: "status of payments", resolved: F.resolved(.status, env: nil),
                                        verdict: .readOnly, policy: Self.policy, liveStateRead: true)
        #expect(text == """
        Request: status of payments
        Operation: {"op":"status","service":"payments"}
        Verdict: allowed: status changes nothing, and guardrails judge only changes

        """)
    }
}
