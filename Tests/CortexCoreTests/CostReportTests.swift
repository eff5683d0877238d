import CortexCore
import CortexTestSupport
import FoundationEssentials
import Testing


@Suite struct CostReportTests {
    let now = utc("2025-03-20T12:00:00Z")
    let pod = PodRequests(cpuMillis: 250, memoryBytes: 536_870_912)

    var footprints: [WorkloadFootprint] {
        [
            WorkloadFootprint(at: utc("2025-02-01T00:00:00Z"), service: "api-gateway", environment: "production", replicas: 3, pod: pod),
            WorkloadFootprint(at: utc("2025-03-10T00:00:00Z"), service: "api-gateway", environment: "production", replicas: 10, pod: pod),
            WorkloadFootprint(at: utc("2025-03-05T09:30:00Z"), service: "security-worker", environment: "staging", replicas: 1, pod: pod),
        ]
    }

    var usage: [LLMUsageRecord] {
        [
            LLMUsageRecord(at: utc("2025-03-02T10:00:00Z"), model: "gpt-4o-mini-2024-07-18", promptTokens: 1_234_567,
                           completionTokens: 234_567, latencyMilliseconds: 800),
            LLMUsageRecord(at: utc("2025-03-03T10:00:00Z"), model: "gpt-4o-mini-2024-07-18", promptTokens: 1_000,
                           completionTokens: 100, latencyMilliseconds: 700),
            LLMUsageRecord(at: utc("2025-03-04T10:00:00Z"), model: "llama3:8b", promptTokens: 5_000,
                           completionTokens: 400, latencyMilliseconds: 2_000),
        ]
    }

    @Test func monthReportWithBudgetsMatchesTheGoldenFile() {
        let calculator = SpendCalculator(prices: .defaults)
        let summary = calculator.summary(.month, now: now, usage: usage, footprints: footprints)
        let book = BudgetBook(configured: [Budget(period: .day, limit: .cents(100), scope: .llm)],
                              settings: [BudgetSetting(at: now, budget: Budget(period: .month, limit: .cents(5_000))),
                                         BudgetSetting(at: now, budget: Budget(period: .week, limit: .cents(1_000)))])
        let budgets = BudgetAssessment(book: book, calculator: calculator, now: now, usage: usage, footprints: footprints)
        let text = CostReportText.lines(summary, budgets: budgets).joined(separator: "\n") + "\n"
        Golden.check(text, "cost-report-month.txt", directory: "Fixtures/Golden")
    }

    @Test func shownLinesAddUpToTheShownTotals() {
        let summary = SpendCalculator(prices: .defaults).summary(.month, now: now, usage: usage, footprints: footprints)
        let lines = CostReportText.lines(summary)
        func cents(_ line: String) -> Int64? {
            guard let dollar = line.lastIndex(of: "$") else { return nil }
            let digits = line[line.index(after: dollar)...].filter { $0.isNumber }
            return Int64(digits)
        }
        let indented = lines.filter { $0.hasPrefix("    ") }.compactMap(cents)
        let sections = lines.filter { $0.hasPrefix("  ") && !$0.hasPrefix("    ") && !$0.hasPrefix("  total") }.compactMap(cents)
        let total = lines.first { $0.hasPrefix("  total") }.flatMap(cents)
        #expect(sections.reduce(0, +) == total)
        #expect(indented.reduce(0, +) == total)
    }

    @Test func narrowedReportOmitsTokensAndSaysWhatItCovers() {
        let summary = SpendCalculator(prices: .defaults).summary(.week, now: now, usage: usage, footprints: footprints,
                                                                 service: "api-gateway", environment: "production")
        let lines = CostReportText.lines(summary)
        #expect(lines[0] == "spend of api-gateway in production this week (from Monday 2025-03-17, UTC), to 2025-03-20T12:00:00Z")
        #expect(!lines.contains { $0.contains("LLM") })
    }

    @Test func anEmptyPeriodSaysSo() {
        let summary = SpendCalculator(prices: .defaults).summary(.day, now: now, usage: [], footprints: [])
        let lines = CostReportText.lines(summary)
        #expect(lines.contains("    no workloads recorded in this period"))
        #expect(lines.contains("    no LLM calls in this period"))
        #expect(lines.last?.hasSuffix("$0.00") == true)
    }
}
