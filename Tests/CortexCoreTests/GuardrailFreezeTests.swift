import CortexCore
import Foundation
import Testing

private let F = Fixture.self

/// A freeze refuses deploys for a while; its refusal says until when, which rules stand in
/// the way, and what stays possible, so that whoever is on call knows what to do next.
@Suite("Freeze windows")
struct GuardrailFreezeTests {
    /// The shape of the default policy: no production deploys on Friday from 15:00 or over
    /// the weekend; every production change confirmed.
    static let policy = Policy(rules: [
        PolicyRule(id: "production-changes", location: RuleLocation(file: "g/default.yaml", line: 23),
                   scope: RuleScope(environments: ["production"]), rule: ProtectionRule()),
        PolicyRule(id: "friday-deploy-freeze", location: RuleLocation(file: "g/default.yaml", line: 77),
                   scope: RuleScope(environments: ["production"], operations: [.deploy]),
                   rule: FreezeWindowRule(days: [.friday], from: 15 * 60, to: 1440)),
        PolicyRule(id: "weekend-deploy-freeze", location: RuleLocation(file: "g/default.yaml", line: 86),
                   scope: RuleScope(environments: ["production"], operations: [.deploy]),
                   rule: FreezeWindowRule(days: [.saturday, .sunday])),
    ])

    static let fridayAfternoon = F.at("2025-03-07T16:20:00Z")

    @Test func aDeployOnFridayAfternoonIsDeniedUntilMondayAcrossBothFreezes() throws {
        let verdict = Guardrails(policy: Self.policy).evaluate(F.resolved(.deploy, version: "v2"),
                                                               context: F.context(now: Self.fridayAfternoon))
        #expect(verdict.decision == .deny)
        #expect(verdict.deciding.map(\.message) == ["change freeze fri 15:00–24:00 UTC (now fri 16:20 UTC); this window ends sat 00:00 UTC"])
        let freeze = try #require(verdict.freeze)
        #expect(freeze.allowedFrom == F.at("2025-03-10T00:00:00Z"))
        #expect(freeze.rules.map(\.id) == ["friday-deploy-freeze", "weekend-deploy-freeze"])
        #expect(freeze.unfrozen == [.abort, .autoscale, .delete, .pause, .promote, .restart, .resume, .rollback, .scale, .setEnv, .setResources])

        guard case .stop(.denied, let error) = ConfirmationDecision.decide(verdict, options: ConfirmationOptions(interactive: true)) else {
            Issue.record("a freeze must deny")
            return
        }
        #expect(error.exitCode == .denied)
        #expect(error.hint == "deploy is allowed again from mon 2025-03-10 00:00 UTC; to allow it sooner, change "
            + "friday-deploy-freeze (g/default.yaml:77) and weekend-deploy-freeze (g/default.yaml:86); "
            + "abort, autoscale, delete, pause, promote, restart, resume, rollback, scale, set-env and set-resources are not frozen")
    }

    @Test func aRollbackDuringTheFreezeIsOnlyConfirmed() {
        let resolved = F.resolved(.rollback, current: 3)
        let verdict = Guardrails(policy: Self.policy).evaluate(resolved, context: F.context(now: Self.fridayAfternoon))
        #expect(verdict.decision == .confirm)
        #expect(verdict.findings.map(\.ruleID) == ["production-changes"])
        #expect(verdict.freeze == nil)
    }

    @Test func explainShowsTheNextAllowedTime() {
        let resolved = F.resolved(.deploy, version: "v2")
        let verdict = Guardrails(policy: Self.policy).evaluate(resolved, context: F.context(now: Self.fridayAfternoon))
        let text = PolicyReport.explain(input: "ship payments v2 to prod", resolved: resolved, verdict: verdict,
                                        policy: Self.policy, liveStateRead: true)
        #expect(text.contains("Verdict: denied\nNext allowed: mon 2025-03-10 00:00 UTC (after friday-deploy-freeze, weekend-deploy-freeze)\n"))
    }

    @Test func aFreezeThatNeverEndsSaysSo() throws {
        let always = Policy(rules: [PolicyRule(
            id: "no-deploys", location: RuleLocation(file: "t.yaml", line: 2), scope: RuleScope(operations: [.deploy]),
            rule: FreezeWindowRule(days: Set(Weekday.allCases)))])
        let verdict = Guardrails(policy: always).evaluate(F.resolved(.deploy, version: "v2"), context: F.context(now: Self.fridayAfternoon))
        let freeze = try #require(verdict.freeze)
        #expect(freeze.allowedFrom == nil)
        #expect(freeze.rules.map(\.id) == ["no-deploys"])
    }

    @Test(arguments: [
        ("2025-03-07T16:00:00Z", "2025-03-08T00:00:00Z"),
        ("2025-03-07T23:00:00Z", "2025-03-08T06:00:00Z"),
        ("2025-03-08T03:00:00Z", "2025-03-08T06:00:00Z"),
    ])
    func aWindowEndsWhereItsDayDoes(_ now: String, _ end: String) {
        let evening = FreezeWindowRule(days: [.friday], from: 16 * 60, to: 1440)
        let overnight = FreezeWindowRule(days: [.friday], from: 22 * 60, to: 6 * 60)
        let rule = F.at(now) < F.at("2025-03-07T22:00:00Z") ? evening : overnight
        #expect(rule.end(of: F.at(now)) == F.at(end))
    }
}
