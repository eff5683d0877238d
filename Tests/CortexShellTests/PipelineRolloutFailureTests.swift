import CortexCore
import CortexShell
import CortexTestSupport
import Synchronization
import Testing

/// Answers each operation kind with its own report, and plans what it is told to.
final class ScriptedDispatcher: Dispatcher, Sendable {
    let dispatched = Mutex<[Operation]>([])
    let reports: [OperationKind: DispatchReport]
    let plans: [OperationKind: (current: WorkloadState, planned: WorkloadState)]

    init(_ reports: [OperationKind: DispatchReport], plans: [OperationKind: (current: WorkloadState, planned: WorkloadState)] = [:]) {
        self.reports = reports
        self.plans = plans
    }

    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        let plan = plans[operation.op]
        return ResolvedOperation(operation: operation, environment: environment ?? operation.environment,
                                 current: plan?.current, planned: plan?.planned)
    }

    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        dispatched.withLock { $0.append(resolved.operation) }
        return reports[resolved.operation.op] ?? DispatchReport(lines: ["done"])
    }
}

/// A failed rollout answered as the `rollout-failure` rule says, the undoing judged by the
/// other rules (freeze, replica bounds, protection) and audited as its own request.
@Suite struct PipelineRolloutFailureTests {
    static let location = RuleLocation(file: "team.yaml", line: 3)

    static func deploy(_ env: String) -> Operation { Operation(.deploy, service: "payments", environment: env, version: "v2") }
    static func rollback(_ env: String) -> Operation { Operation(.rollback, service: "payments", environment: env, revision: 1) }

    static func failure(_ env: String) -> RolloutFailure {
        let first = TestSafeguards.tuesday.addingTimeInterval(-7)
        return RolloutFailure(service: "payments", workload: "payments", environment: env, revision: 2, version: "v2", newPods: 1,
                              failing: [PodFailureCount(reason: "CrashLoopBackOff", pods: 1)], detail: "exit 1: DATABASE_URL is not set",
                              cause: "container payments keeps crashing", firstFailureAt: first, detectedAt: first.addingTimeInterval(2),
                              remedy: rollback(env), remedyTarget: "revision 1 (ghcr.io/acme/payments:v1)")
    }

    static func undo(_ response: RolloutFailureResponse, _ envs: Set<String>? = nil) -> PolicyRule {
        PolicyRule(id: "undo", location: location, scope: RuleScope(environments: envs), rule: RolloutFailureRule(response: response))
    }

    struct Run {
        let code: ExitCode
        let dispatched: [Operation]
        let out: String
        let err: String
        let guards: TestSafeguards
    }

    func run(_ env: String, policy: [PolicyRule], reader: QueueReader? = nil, yes: Bool = false,
             plans: [OperationKind: (current: WorkloadState, planned: WorkloadState)] = [:]) -> Run {
        let failed = DispatchReport(lines: ["payments v2 failed in \(env): …"], succeeded: false, rolloutFailure: Self.failure(env))
        let d = ScriptedDispatcher([.deploy: failed, .rollback: DispatchReport(lines: ["rolled back"])], plans: plans)
        let out = CapturedOutput(), guards = TestSafeguards()
        let p = Pipeline(understander: TableUnderstander(table: ["deploy": Self.deploy(env)]), dispatcher: d, output: out,
                         safeguards: guards.make(Policy(rules: policy), yes: yes))
        let code = p.handle("deploy", source: reader?.isInteractive == true ? .repl : .oneShot, state: SessionState(), reader: reader)
        return Run(code: code, dispatched: d.dispatched.withLock { $0 }, out: out.out, err: out.err, guards: guards)
    }

    @Test func rollbackUndoesAtOnceAsItsOwnAuditedRequestAndSaysHowLongItTook() {
        let r = run("staging", policy: [Self.undo(.rollback)])
        #expect(r.code == .failed)
        #expect(r.dispatched == [Self.deploy("staging"), Self.rollback("staging")])
        #expect(r.out.contains("rule undo (team.yaml:3): undoing it at once"))
        #expect(r.out.contains("> roll back payments in staging to revision 1"))
        #expect(r.out.contains("payments in staging is back on the version of revision 1 (ghcr.io/acme/payments:v1), healthy 7 seconds after the first crash"))
        #expect(r.guards.events == [.understood, .confirmed, .failed, .understood, .confirmed, .executed])
        #expect(r.guards.entries[3].record.event.understander == "rollout-failure")
        #expect(r.guards.entries[3].record.event.input?.hasPrefix("automatic rollback after a failed rollout: payments v2 failed in staging") == true)
        #expect(r.guards.chainIsIntact)
    }

    @Test func aFreezeOnRollbacksStopsTheAutomaticRollback() {
        let freeze = PolicyRule(id: "tuesday-freeze", location: RuleLocation(file: "team.yaml", line: 9),
                                scope: RuleScope(operations: [.rollback]), rule: FreezeWindowRule(days: [.tuesday]))
        let r = run("staging", policy: [Self.undo(.rollback), freeze])
        #expect(r.code == .failed)
        #expect(r.dispatched == [Self.deploy("staging")])
        #expect(r.guards.events == [.understood, .confirmed, .failed, .understood, .denied])
        #expect(r.err.contains("tuesday-freeze"))
        #expect(r.out.contains("payments in staging was not undone; to try again, run: cortex nl \"roll back payments in staging to revision 1\""))
    }

    @Test func replicaBoundsAndAFreezeJudgeTheRollbackTogether() {
        // The bounds hold the deploy and the rollback alike; a rollback keeps the count, so
        // the bound does not speak, and the freeze (on deploys only) leaves the rollback alone.
        let bounds = PolicyRule(id: "staging-replicas", location: RuleLocation(file: "team.yaml", line: 12),
                                scope: RuleScope(environments: ["staging"]), rule: ReplicaBoundsRule(min: 2, max: 4))
        let freeze = PolicyRule(id: "deploy-freeze", location: RuleLocation(file: "team.yaml", line: 18),
                                scope: RuleScope(operations: [.deploy]), rule: FreezeWindowRule(days: [.wednesday]))
        let plans: [OperationKind: (current: WorkloadState, planned: WorkloadState)] = [
            .deploy: (WorkloadState(replicas: 3, image: "p:v1"), WorkloadState(replicas: 3, image: "p:v2")),
            .rollback: (WorkloadState(replicas: 3, image: "p:v2"), WorkloadState(replicas: 3, image: "p:v1")),
        ]
        let r = run("staging", policy: [Self.undo(.rollback), bounds, freeze], plans: plans)
        #expect(r.dispatched == [Self.deploy("staging"), Self.rollback("staging")])
        #expect(r.guards.events == [.understood, .confirmed, .failed, .understood, .confirmed, .executed])
        // A bound the live count already breaks does not stop a deploy from being judged…
        let tight = PolicyRule(id: "staging-replicas", location: RuleLocation(file: "team.yaml", line: 12),
                               scope: RuleScope(environments: ["staging"]), rule: ReplicaBoundsRule(min: 4))
        let denied = run("staging", policy: [Self.undo(.rollback), tight], plans: plans)
        // …it denies the deploy before anything runs, so there is no rollout to undo.
        #expect(denied.dispatched.isEmpty)
        #expect(denied.code == .denied)
    }

    @Test func productionProtectionStillAsksAndNobodyCanAnswerWithoutATerminal() {
        let protect = PolicyRule(id: "production-changes", location: RuleLocation(file: "team.yaml", line: 6),
                                 scope: RuleScope(environments: ["production"]), action: .confirm, rule: ProtectionRule())
        let refused = run("production", policy: [Self.undo(.rollback), protect], yes: false)
        // The deploy itself needed the yes; without --yes nothing ran at all.
        #expect(refused.dispatched.isEmpty)
        let yes = run("production", policy: [Self.undo(.rollback), protect], yes: true)
        #expect(yes.dispatched == [Self.deploy("production"), Self.rollback("production")])
        #expect(yes.guards.entries[4].record.event.confirmation == .assumedYes)
    }

    @Test func anOfferAsksAtATerminalAndOnlyAYesUndoes() {
        let offer = [Self.undo(.offer)]
        let accepted = QueueReader(["y"], interactive: true)
        let yes = run("production", policy: offer, reader: accepted)
        #expect(accepted.prompts == ["? Roll back payments in production to revision 1? [y/N] "])
        #expect(yes.dispatched == [Self.deploy("production"), Self.rollback("production")])
        #expect(yes.guards.entries[4].record.event.confirmation == .confirmed)
        #expect(yes.out.contains("healthy 7 seconds after the first crash"))

        let declined = run("production", policy: offer, reader: QueueReader(["n"], interactive: true))
        #expect(declined.dispatched == [Self.deploy("production")])
        #expect(declined.guards.events.suffix(2) == [.understood, .declined])
        #expect(declined.code == .failed)
    }

    @Test func anOfferWithoutATerminalPrintsTheCommandEvenWithYes() {
        let r = run("production", policy: [Self.undo(.offer)], yes: true)
        #expect(r.dispatched == [Self.deploy("production")])
        #expect(r.out.contains("rule undo (team.yaml:3) offers to undo it, and nobody can answer here: nothing was changed"))
        #expect(r.out.contains("to undo it, run: cortex nl \"roll back payments in production to revision 1\""))
        #expect(r.guards.events == [.understood, .confirmed, .failed])
    }

    @Test func noneAndNoRuleOnlyReport() {
        for policy in [[Self.undo(.none)], []] {
            let r = run("staging", policy: policy)
            #expect(r.dispatched == [Self.deploy("staging")])
            #expect(r.out.contains("to undo it, run: cortex nl \"roll back payments in staging to revision 1\""))
            #expect(r.code == .failed)
        }
    }
}
