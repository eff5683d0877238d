import CortexCore
import CortexShell
import Testing

/// `rollout-failure` rules as policy files write them: their own action words, their
/// scope, the first covering rule deciding, and what `policy check` and `explain` say.
@Suite struct RolloutFailurePolicyTests {
    func document(_ yaml: String) -> PolicyDocument { PolicyLoader().document(yaml, file: "team.yaml") }

    @Test func aRuleReadsRollbackOfferOrNone() throws {
        let doc = document("""
        version: 1
        rules:
          - {id: dev-undo, kind: rollout-failure, environments: [dev], action: rollback}
          - {id: prod-ask, kind: rollout-failure, environments: [prod], operations: [deploy], action: offer}
          - {id: rest, kind: rollout-failure, action: NONE}
        """)
        #expect(doc.issues.isEmpty)
        #expect(doc.rules.map { ($0.rule as? RolloutFailureRule)?.response } == [.rollback, .offer, RolloutFailureResponse.none])
        #expect(doc.rules.map(\.actionName) == ["rollback", "offer", "none"])
        let policy = Policy(rules: doc.rules)
        #expect(policy.rolloutFailure(operation: .deploy, environment: "development").response == .rollback)
        #expect(policy.rolloutFailure(operation: .deploy, environment: "production").rule?.id == "prod-ask")
        // prod-ask covers deploys only; a restart in production falls through to `rest`.
        #expect(policy.rolloutFailure(operation: .restart, environment: "production").rule?.id == "rest")
        #expect(Policy(rules: []).rolloutFailure(operation: .deploy, environment: "staging").response == .none)
        #expect(Policy(rules: []).rolloutFailure(operation: .deploy, environment: "staging").rule == nil)
    }

    @Test func verdictActionsAreNotRolloutFailureActionsAndTheActionIsRequired() {
        let issues = document("""
        version: 1
        rules:
          - {id: a, kind: rollout-failure, action: confirm}
          - {id: b, kind: rollout-failure}
          - {id: c, kind: protection, action: rollback}
        """).issues.map(\.description)
        #expect(issues.contains { $0.contains("team.yaml:3") && $0.contains("must be one of rollback, offer, none for a rollout-failure rule, not 'confirm'") })
        #expect(issues.contains { $0.contains("team.yaml:4") && $0.contains("missing 'action'") })
        #expect(issues.contains { $0.contains("team.yaml:5") && $0.contains("must be one of confirm, typed, approval, deny, not 'rollback'") })
    }

    @Test func theDefaultPolicyUndoesAtOnceBelowProductionAndOffersInProduction() throws {
        let policy = try PolicyLoader().load(.bundled)
        for env in ["development", "staging"] {
            #expect(policy.rolloutFailure(operation: .deploy, environment: env).response == .rollback)
        }
        let production = policy.rolloutFailure(operation: .deploy, environment: "production")
        #expect(production.response == .offer)
        #expect(production.source == "rule offer-undo-in-production (guardrails/default.yaml:137)")
    }

    @Test func theRuleNeverSpeaksAboutARequestAndCheckAndExplainNameIt() throws {
        let policy = try PolicyLoader().load(.bundled)
        let resolved = ResolvedOperation(operation: Operation(.deploy, service: "payments", environment: "staging", version: "v2"),
                                         environment: "staging")
        let context = PolicyContext(now: UTCTime.parseISO8601("2025-03-04T10:00:00Z")!, actor: "alice")
        let verdict = Guardrails(policy: policy).evaluate(resolved, context: context)
        #expect(!verdict.findings.contains { $0.kind == "rollout-failure" })
        let check = PolicyReport.check(policy, source: "built-in")
        #expect(check.contains("undo-failed-rollouts") && check.contains(/rollout-failure +rollback/))
        let explain = PolicyReport.explain(input: nil, resolved: resolved, verdict: verdict, policy: policy, liveStateRead: false)
        #expect(explain.contains("If the rollout fails: roll back at once, as its own judged step (rule undo-failed-rollouts, guardrails/default.yaml:132)"))
        var canary = resolved
        canary.operation.canary = 10
        #expect(PolicyReport.explain(input: nil, resolved: canary, verdict: verdict, policy: policy, liveStateRead: false)
            .contains("If the rollout fails: abort the canary at once, as its own judged step (rule undo-failed-rollouts, guardrails/default.yaml:132)"))
        let scale = ResolvedOperation(operation: Operation(.scale, service: "payments", environment: "staging", replicas: 3), environment: "staging")
        #expect(!PolicyReport.explain(input: nil, resolved: scale, verdict: verdict, policy: policy, liveStateRead: false).contains("If the rollout fails"))
    }
}
