import CortexTestSupport
import CortexCore
import Testing

private let F = Fixture.self

@Suite("Confirmation prompt")
struct ConfirmationPromptTests {
    static func finding(_ id: String, _ kind: String, _ action: RuleAction, _ message: String, line: Int) -> Finding {
        Finding(ruleID: id, kind: kind, action: action, message: message,
                location: RuleLocation(file: "guardrails/default.yaml", line: line))
    }

    @Test func scaleToZeroInProduction() throws {
        var resolved = F.resolved(.scale, replicas: 0, current: 3, namespace: "payments")
        resolved.target = ClusterTarget(context: "prod-eu", namespace: "payments")
        resolved.monthlyCostDelta = -412.5
        let verdict = Verdict(findings: [
            Self.finding("production-changes", "protection", .confirm, "production is protected: every change there is checked", line: 21),
            Self.finding("destructive", "destructive", .typed, "scaling payments to 0 stops all its pods", line: 30),
        ], typedName: "payments")
        Golden.check(ConfirmationPrompt.render(resolved, verdict: verdict), "guard-prompt/scale-to-zero.txt", directory: "Fixtures/Golden")
    }

    @Test func deployNewImageWithCost() throws {
        let resolved = F.resolved(.deploy, "api", version: "v1.5.0", image: "ghcr.io/acme/api:v1.5.0",
                                  currentImage: "ghcr.io/acme/api:v1.4.2", cost: 620)
        let verdict = Verdict(findings: [
            Self.finding("cost-ceiling", "cost-ceiling", .confirm, "adds $620.00 a month, above the ceiling of $500.00", line: 88),
        ], typedName: "api")
        Golden.check(ConfirmationPrompt.render(resolved, verdict: verdict), "guard-prompt/deploy-cost.txt", directory: "Fixtures/Golden")
    }

    @Test func deleteAfterApproval() throws {
        let resolved = F.resolved(.delete, "ledger", current: 4)
        let verdict = Verdict(findings: [
            Self.finding("production-delete-approval", "two-person", .note, "approved by bob (request 5e6f7a8b)", line: 95),
            Self.finding("destructive", "destructive", .typed, "deleting ledger removes the workload and all its pods", line: 30),
        ], typedName: "ledger", approvalID: "5e6f7a8b")
        Golden.check(ConfirmationPrompt.render(resolved, verdict: verdict), "guard-prompt/delete-approved.txt", directory: "Fixtures/Golden")
    }

    @Test func scaleWithUnknownLiveCount() throws {
        let resolved = F.resolved(.scale, "worker", env: "staging", replicas: 40)
        let verdict = Verdict(findings: [
            Self.finding("large-jump", "large-jump", .confirm, "12 → 40 replicas is more than x2", line: 50),
        ], typedName: "worker")
        Golden.check(ConfirmationPrompt.render(resolved, verdict: verdict), "guard-prompt/scale-unknown-count.txt", directory: "Fixtures/Golden")
    }

    @Test func questions() {
        #expect(ConfirmationPrompt.question(for: .askYesNo) == "? Proceed? [y/N] ")
        #expect(ConfirmationPrompt.question(for: .askTypedName("ledger")) == "? Type ledger to proceed [ledger] ")
        #expect(ConfirmationPrompt.question(for: .proceed(.notRequired)) == "")
    }
}
