import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Synchronization
import Testing

/// A cluster module that answers every mutation with a fixed report.
private struct FixedClusterDispatcher: Dispatcher {
    var succeeds = true

    func resolve(_ operation: CortexCore.Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        ResolvedOperation(operation: operation, environment: operation.environment ?? environment)
    }

    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        DispatchReport(lines: ["done"], succeeded: succeeds)
    }
}

/// A clock tests move by hand.
private final class MovableClock: Sendable {
    private let time: Mutex<Date>
    init(_ start: Date) { time = Mutex(start) }
    var now: Date { time.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { time.withLock { $0.addTimeInterval(seconds) } }
}

/// How the cost module is wired into the rest: footprints after cluster changes, the
/// remaining budget for the guardrails, and route outcomes typed in a session.
@Suite struct CostWiringTests {
    static let start = Date(timeIntervalSince1970: 1_764_547_200)  // 2025-12-01T00:00:00Z

    /// 1 vCPU and 2 GiB a replica: $0.04 + $0.01 = $0.05 an hour at the default prices.
    static let pod = PodRequests(cpuMillis: 1_000, memoryBytes: 2 << 30)

    func scale(_ service: String, in env: String, from: Int, to: Int) -> ResolvedOperation {
        var r = ResolvedOperation(operation: Operation(.scale, service: service, environment: env, replicas: to), environment: env,
                                  current: WorkloadState(replicas: from, requests: Self.pod),
                                  planned: WorkloadState(replicas: to, requests: Self.pod))
        r.costChange = ClusterCostModel(prices: .defaults).change(from: from, to: to, pod: Self.pod)
        return r
    }

    @Test func clusterChangesRecordFootprintsSoSpendAccrues() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let clock = MovableClock(Self.start)
        let costs = RoutingCostDispatcher(configuration: .defaults, files: LedgerFiles(stateDirectory: dir.path), now: { clock.now })
        let modules = ModuleDispatcher(cluster: FixedClusterDispatcher(), routingCost: costs, footprints: costs)

        #expect(try modules.dispatch(scale("payments", in: "staging", from: 2, to: 4)).lines == ["done"])
        clock.advance(10 * 3600)
        // Ten hours of 4 replicas at $0.05 an hour.
        let report = try costs.costReport(.month, environment: "staging").lines.joined(separator: "\n")
        #expect(report.contains("staging/payments, 4 replicas now  $2.00"), "\(report)")

        // Failed changes and reads record nothing.
        let failing = ModuleDispatcher(cluster: FixedClusterDispatcher(succeeds: false), routingCost: costs, footprints: costs)
        _ = try failing.dispatch(scale("payments", in: "staging", from: 4, to: 9))
        _ = try modules.dispatch(ResolvedOperation(operation: Operation(.status, service: "payments", environment: "staging"),
                                                   environment: "staging", current: WorkloadState(replicas: 4, requests: Self.pod)))
        let footprints = try costs.ledgers.snapshot().footprints
        #expect(footprints.map(\.replicas) == [4])
    }

    @Test func aFootprintThatCannotBeWrittenIsAWarningNotAFailure() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // The state folder is a file, so no ledger can be written in it.
        let blocked = dir.path + "/state"
        try Data("not a folder".utf8).write(to: URL(fileURLWithPath: blocked))
        let costs = RoutingCostDispatcher(configuration: .defaults, files: LedgerFiles(stateDirectory: blocked))
        let report = try ModuleDispatcher(cluster: FixedClusterDispatcher(), routingCost: costs, footprints: costs)
            .dispatch(scale("payments", in: "staging", from: 2, to: 4))
        #expect(report.succeeded)
        #expect(report.lines.count == 2)
        #expect(report.lines[1].hasPrefix("warning: cluster spend of payments in staging not recorded: "))
    }

    @Test func theDefaultPolicyDeniesWhatWouldExceedTheBudgetAndAsksAboveTheThreshold() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let costs = RoutingCostDispatcher(configuration: .defaults, files: LedgerFiles(stateDirectory: dir.path), now: { Self.start })
        let policy = try PolicyLoader().load(.bundled)
        let actor = AuditActor(user: "alice", host: "ops-1")
        func verdict(_ r: ResolvedOperation) throws -> Verdict {
            let context = try GuardrailContext.gather(policy: policy, actor: actor, now: Self.start, audit: nil, approvals: nil,
                                                      remainingBudget: try costs.remainingMonthlyBudget())
            return Guardrails(policy: policy).evaluate(r, context: context)
        }
        // 2 -> 4 replicas adds $73.00 a month; 2 -> 20 adds $657.00.
        let small = scale("payments", in: "staging", from: 2, to: 4), large = scale("payments", in: "staging", from: 2, to: 20)
        #expect(try verdict(small).findings.isEmpty)
        #expect(try verdict(large).findings.map(\.ruleID).contains("cost-ceiling"))
        #expect(try verdict(large).decision == .confirm)

        _ = try costs.setBudget(Budget(period: .month, limit: MicroDollars(dollars: 50)!))
        let denied = try verdict(small)
        #expect(denied.decision == .deny)
        #expect(denied.findings.map(\.message) == ["adds $73.00 a month; only $50.00 is left in the budget"])
        _ = try costs.setBudget(Budget(period: .month, limit: MicroDollars(dollars: 100)!))
        #expect(try verdict(small).decision == .allow)
    }

    @Test func routeOutcomesAreABuiltInOfTheSession() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let costs = RoutingCostDispatcher(configuration: .defaults, files: LedgerFiles(stateDirectory: dir.path), now: { Self.start })
        _ = try costs.route("the integration tests are flaky on the CI runners")
        let out = OutputBuffer()
        let guards = TestSafeguards()
        let pipeline = Pipeline(understander: EmbeddedParser(), dispatcher: FixedClusterDispatcher(), output: out, safeguards: guards.make())
        let reader = ScriptedLineReader(["route outcome r1 success", "outcome r1 maybe", "outcome r9 failed"])
        let code = Session(state: SessionState(), pipeline: pipeline, reader: reader, output: out, source: .script, routing: costs).run()
        #expect(out.out == "recorded success for r1: cicd, kind pipeline\ncicd on pipeline tasks: 1 ok, 0 failed (expected success 67%)\n")
        #expect(out.err.contains("`maybe` is not an outcome"))
        #expect(out.err.contains("no route `r9`"))
        #expect(code == .usage || code == .failed)
        // Nothing reached the pipeline: no request was audited.
        #expect(guards.entries.isEmpty)
    }
}
