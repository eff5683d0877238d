import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing

typealias Operation = CortexCore.Operation

@Suite struct RoutingCostDispatcherTests {
    static let fixed = Date(timeIntervalSince1970: 1_742_472_000)  // 2025-03-20T12:00:00Z

    func dispatcher(_ dir: TemporaryDirectory, config: RoutingCostConfiguration = .defaults) -> RoutingCostDispatcher {
        RoutingCostDispatcher(configuration: config, files: LedgerFiles(stateDirectory: dir.path), now: { Self.fixed })
    }

    func run(_ d: RoutingCostDispatcher, _ op: Operation, environment: String? = nil) throws(CortexError) -> DispatchReport {
        try d.dispatch(try d.resolve(op, environment: environment))
    }

    @Test func routeRecordsAnIdAndOutcomesRaiseTheNextConfidence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dispatcher(dir)
        let task = "the integration tests are flaky on the CI runners"
        let first = try run(d, Operation(.route, task: task))
        #expect(first.lines[0] == "route r1: \(task)")
        #expect(first.lines.last == "record the outcome: cortex route outcome r1 success|failure")
        let before = try #require(confidence(first.lines[1]))
        let recorded = try d.recordOutcome(id: "r1", result: .success)
        #expect(recorded.lines == ["recorded success for r1: cicd, kind pipeline",
                                   "cicd on pipeline tasks: 1 ok, 0 failed (expected success 67%)"])
        let second = try run(d, Operation(.route, task: task))
        #expect(second.lines[0] == "route r2: \(task)")
        #expect(try #require(confidence(second.lines[1])) > before)
    }

    @Test func failuresLowerTheNextConfidence() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dispatcher(dir)
        let task = "Dependabot flagged a critical CVE in lodash"
        let first = try run(d, Operation(.route, task: task))
        _ = try d.recordOutcome(id: "r1", result: .failure)
        let second = try run(d, Operation(.route, task: task))
        #expect(try #require(confidence(second.lines[1])) < #require(confidence(first.lines[1])))
    }

    func confidence(_ line: String) -> Int? {
        guard let r = line.range(of: "confidence ") else { return nil }
        return Int(line[r.upperBound...].prefix { $0.isNumber })
    }

    @Test func budgetIsSetAndReportedAgainstSpend() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dispatcher(dir)
        try d.ledgers.recordUsage(LLMUsageRecord(at: Self.fixed.addingTimeInterval(-3_600), model: "gpt-4o",
                                                 promptTokens: 4_000_000, completionTokens: 0, latencyMilliseconds: 900))
        let set = try run(d, Operation(.budget, amount: 12, period: .month))
        #expect(set.lines == [
            "monthly budget set to $12.00",
            "spent this month (March 2025, UTC): $10.00 (83%), $2.00 left",
            "warning: 83% of the monthly budget is spent ($10.00 of $12.00)",
        ])
        let again = try run(d, Operation(.budget, amount: 500, period: .month))
        #expect(again.lines[0] == "monthly budget set to $500.00 (was $12.00)")
        #expect(try d.remainingMonthlyBudget() == 490)
        #expect(try d.llmBudgetSpent() == nil)
    }

    @Test func theLLMBudgetFromConfigurationStopsLLMCalls() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let config = RoutingCostConfiguration(llmBudgets: [Budget(period: .day, limit: .cents(100), scope: .llm)])
        let d = dispatcher(dir, config: config)
        #expect(try d.llmBudgetSpent() == nil)
        #expect(try d.remainingMonthlyBudget() == nil)
        try d.ledgers.recordUsage(LLMUsageRecord(at: Self.fixed, model: "gpt-4o", promptTokens: 400_000, completionTokens: 0, latencyMilliseconds: 1))
        let spent = try #require(try d.llmBudgetSpent())
        #expect(spent.budget.name == "daily LLM budget")
    }

    @Test func costReportsSpendNarrowedByTheSessionEnvironment() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dispatcher(dir)
        let pod = try PodRequests(containers: [ContainerRequests(name: "app", cpu: "1", memory: "1Gi")])
        try d.ledgers.recordFootprint(WorkloadFootprint(at: Self.fixed.addingTimeInterval(-86_400), service: "api", environment: "staging", replicas: 2, pod: pod))
        try d.ledgers.recordFootprint(WorkloadFootprint(at: Self.fixed.addingTimeInterval(-86_400), service: "api", environment: "production", replicas: 5, pod: pod))
        let resolved = try d.resolve(Operation(.cost, period: .week), environment: "staging")
        #expect(resolved.environment == "staging")
        let report = try d.dispatch(resolved)
        #expect(report.lines[0] == "spend in staging this week (from Monday 2025-03-17, UTC), to 2025-03-20T12:00:00Z")
        // 2 replicas × 24 h × ($0.04 + $0.005).
        let total = try #require(report.lines.last)
        #expect(total.hasPrefix("  total ") && total.hasSuffix(" $2.16"))
        let all = try run(d, Operation(.cost))
        #expect(all.lines.contains { $0.contains("production/api, 5 replicas now") })
    }

    @Test func corruptLedgerLinesAreShownAsWarningsAndTheRestStillCounts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dispatcher(dir)
        try d.ledgers.recordUsage(LLMUsageRecord(at: Self.fixed, model: "gpt-4o", promptTokens: 1_000_000, completionTokens: 0, latencyMilliseconds: 1))
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: dir.file("llm-usage.jsonl")))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("garbage\n".utf8))
        try handle.close()
        try d.ledgers.recordUsage(LLMUsageRecord(at: Self.fixed, model: "gpt-4o", promptTokens: 1_000_000, completionTokens: 0, latencyMilliseconds: 1))
        let report = try run(d, Operation(.cost, period: .day))
        #expect(report.lines[0] == "warning: \(dir.file("llm-usage.jsonl")):2: not JSON (line skipped)")
        #expect(report.lines.last?.hasSuffix("$5.00") == true)
    }

    @Test func operationsOfOtherModulesAndBadBudgetsAreRefused() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let d = dispatcher(dir)
        #expect(throws: CortexError.self) { try d.resolve(Operation(.scale, service: "api", replicas: 3), environment: nil) }
        #expect(throws: CortexError.self) { try d.resolve(Operation(.budget, amount: -5, period: .day), environment: nil) }
        #expect(throws: CortexError.self) { try d.resolve(Operation(.budget, amount: 5), environment: nil) }
        #expect(RoutingCostDispatcher.handles(.route) && RoutingCostDispatcher.handles(.cost) && RoutingCostDispatcher.handles(.budget))
        #expect(!RoutingCostDispatcher.handles(.deploy))
        #expect(!FileManager.default.fileExists(atPath: dir.file("budgets.jsonl")))
    }

    @Test func planCostChangeUsesTheContainersRequests() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let change = try dispatcher(dir).monthlyCostChange(from: 3, to: 10, containers: [
            ContainerRequests(name: "app", cpu: "500m", memory: "1Gi"),
            ContainerRequests(name: "proxy", cpu: "100m", memory: "128Mi"),
        ])
        // Per replica-hour: 0.6 vCPU × $0.04 + 1.125 GiB × $0.005 = $0.029625; × 730 = $21.62625 a replica,
        // shown as $21.63; seven more replicas are seven times that.
        #expect(change.perReplica == MicroDollars.cents(2_163))
        #expect(change.delta == MicroDollars.cents(15_141))
        #expect(change.summary == "scaling 3 → 10 replicas costs $151.41 more a month ($64.89 → $216.30)")
    }

    @Test func outcomeCommandsParseFromTheREPL() throws {
        #expect(try OutcomeCommand.parse("route outcome r7 success") == OutcomeCommand(id: "r7", result: .success))
        #expect(try OutcomeCommand.parse("outcome 7 failed") == OutcomeCommand(id: "7", result: .failure))
        #expect(try OutcomeCommand.parse("route the flaky build to someone") == nil)
        #expect(throws: CortexError.self) { try OutcomeCommand.parse("route outcome r7") }
        #expect(throws: CortexError.self) { try OutcomeCommand.parse("route outcome r7 maybe") }
    }
}
