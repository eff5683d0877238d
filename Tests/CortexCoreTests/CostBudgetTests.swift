import CortexCore
import FoundationEssentials
import Testing

@Suite struct CostPeriodTests {
    @Test func dayStartsAtMidnightUTC() {
        let before = PeriodWindow(.day, containing: utc("2025-03-01T23:59:59Z"))
        let after = PeriodWindow(.day, containing: utc("2025-03-02T00:00:00Z"))
        #expect(before.first.description == "2025-03-01")
        #expect(after.first.description == "2025-03-02")
        #expect(before.end == after.start)
        // A fraction of a second before midnight is still the old day.
        let almost = Date(timeIntervalSince1970: utc("2025-03-02T00:00:00Z").timeIntervalSince1970 - 0.001)
        #expect(PeriodWindow(.day, containing: almost).first.description == "2025-03-01")
        #expect(!before.contains(after.start))
        #expect(after.contains(after.start))
    }

    @Test(arguments: [
        ("2025-03-03T00:00:00Z", "2025-03-03"),  // a Monday at midnight starts its own week
        ("2025-03-02T23:59:59Z", "2025-02-24"),  // Sunday night still belongs to the week before
        ("2025-03-05T12:00:00Z", "2025-03-03"),
        ("2025-01-01T08:00:00Z", "2024-12-30"),  // weeks cross years
        ("1970-01-01T00:00:00Z", "1969-12-29"),
        ("2024-02-29T10:00:00Z", "2024-02-26"),
    ])
    func weekStartsOnMondayMidnightUTC(instant: String, monday: String) {
        let w = PeriodWindow(.week, containing: utc(instant))
        #expect(w.first.description == monday)
        #expect(w.first.isoWeekdayIndex == 0)
        #expect(w.next.daysSinceEpoch - w.first.daysSinceEpoch == 7)
    }

    @Test(arguments: [
        ("2025-01-31T23:59:59Z", "2025-01-01", "2025-02-01"),
        ("2025-02-01T00:00:00Z", "2025-02-01", "2025-03-01"),
        ("2025-02-28T23:59:59Z", "2025-02-01", "2025-03-01"),
        ("2024-02-29T23:59:59Z", "2024-02-01", "2024-03-01"),
        ("2024-03-01T00:00:00Z", "2024-03-01", "2024-04-01"),
        ("2025-04-30T12:00:00Z", "2025-04-01", "2025-05-01"),
        ("2025-12-31T23:59:59Z", "2025-12-01", "2026-01-01"),
        ("2026-01-01T00:00:00Z", "2026-01-01", "2026-02-01"),
    ])
    func monthStartsOnTheFirst(instant: String, first: String, next: String) {
        let w = PeriodWindow(.month, containing: utc(instant))
        #expect(w.first.description == first)
        #expect(w.next.description == next)
    }

    @Test func monthLengthsAndLeapYears() {
        #expect(CivilDate.daysIn(month: 2, year: 2024) == 29)
        #expect(CivilDate.daysIn(month: 2, year: 2025) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 2000) == 29)
        #expect([1, 3, 5, 7, 8, 10, 12].allSatisfy { CivilDate.daysIn(month: $0, year: 2025) == 31 })
        #expect([4, 6, 9, 11].allSatisfy { CivilDate.daysIn(month: $0, year: 2025) == 30 })
        let feb2024 = PeriodWindow(.month, containing: utc("2024-02-10T00:00:00Z"))
        #expect(feb2024.end.timeIntervalSince(feb2024.start) == 29 * 86_400)
        let leapDay = PeriodWindow(.day, containing: utc("2024-02-29T12:00:00Z"))
        #expect(leapDay.next.description == "2024-03-01")
    }

    @Test func civilDatesRoundTripAcrossFourCenturies() {
        var d: Int64 = -146_097
        while d < 146_097 * 2 {
            #expect(CivilDate(daysSinceEpoch: d).daysSinceEpoch == d)
            d += 97
        }
        #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
        #expect(CivilDate(daysSinceEpoch: 19_782).description == "2024-02-29")
    }

    @Test func timestampsRoundTripAndRejectNonsense() {
        #expect(UTCInstant.format(utc("2024-02-29T23:05:09Z")) == "2024-02-29T23:05:09Z")
        #expect(UTCInstant.parse("2025-03-01T12:00:00.250Z") == utc("2025-03-01T12:00:00Z"))
        for bad in ["2025-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-03-01 00:00:00Z", "2025-03-01T24:00:00Z",
                    "2025-03-01T00:00:00", "2025-03-01T00:00:00+01:00", "yesterday", "2025-03-01T00:00:00.Z"] {
            #expect(UTCInstant.parse(bad) == nil, "\(bad)")
        }
    }
}

@Suite struct CostBudgetTests {
    let calculator = SpendCalculator(prices: .defaults)
    let now = utc("2025-03-20T12:00:00Z")

    func usage(_ at: String, promptTokens: Int64) -> LLMUsageRecord {
        LLMUsageRecord(at: utc(at), model: "gpt-4o", promptTokens: promptTokens, completionTokens: 0, latencyMilliseconds: 10)
    }

    @Test func latestSettingWinsOverConfiguration() {
        let book = BudgetBook(
            configured: [Budget(period: .day, limit: .cents(500), scope: .llm), Budget(period: .month, limit: .cents(1_000))],
            settings: [
                BudgetSetting(at: now, budget: Budget(period: .month, limit: .cents(50_000))),
                BudgetSetting(at: now, budget: Budget(period: .week, limit: .cents(20_000))),
                BudgetSetting(at: now, budget: Budget(period: .month, limit: .cents(60_000))),
            ])
        #expect(book.budgets.map(\.name) == ["weekly budget", "monthly budget", "daily LLM budget"])
        #expect(book.budget(.month)?.limit == .cents(60_000))
        #expect(book.budget(.day, scope: .llm)?.limit == .cents(500))
        #expect(book.budget(.day) == nil)
    }

    @Test(arguments: [
        (7_999, BudgetStatus.Level.ok, 79), (8_000, .warning, 80), (9_999, .warning, 99), (10_000, .spent, 100), (12_500, .spent, 125),
    ] as [(Int64, BudgetStatus.Level, Int64)])
    func warningAtEightyPercentAndSpentAtTheLimit(spentCents: Int64, level: BudgetStatus.Level, percent: Int64) {
        let status = BudgetStatus(budget: Budget(period: .month, limit: .cents(10_000)),
                                  window: PeriodWindow(.month, containing: now), spentSoFar: .cents(spentCents))
        #expect(status.level == level)
        #expect(status.percentSpent == percent)
        #expect(status.remaining == .cents(max(0, 10_000 - spentCents)))
    }

    @Test func aZeroBudgetIsSpentFromTheStart() {
        let status = BudgetStatus(budget: Budget(period: .day, limit: .zero, scope: .llm),
                                  window: PeriodWindow(.day, containing: now), spentSoFar: .zero)
        #expect(status.level == .spent)
        #expect(status.percentSpent == 100)
    }

    @Test func spendOnlyCountsTheCurrentPeriod() {
        // 1M prompt tokens of gpt-4o cost $2.50.
        let records = [usage("2025-03-19T23:59:59Z", promptTokens: 1_000_000), usage("2025-03-20T00:00:00Z", promptTokens: 2_000_000),
                       usage("2025-03-20T12:00:00Z", promptTokens: 1_000_000), usage("2025-03-20T12:00:01Z", promptTokens: 9_000_000)]
        let day = calculator.summary(.day, now: now, usage: records, footprints: [])
        #expect(day.tokenTotal == MicroDollars(7_500_000))
        let week = calculator.summary(.week, now: now, usage: records, footprints: [])
        #expect(week.tokenTotal == MicroDollars(10_000_000))
    }

    @Test func llmBudgetSpentStopsLLMCallsAndNamesTheBudget() {
        let book = BudgetBook(configured: [Budget(period: .day, limit: .cents(500), scope: .llm)],
                              settings: [BudgetSetting(at: now, budget: Budget(period: .month, limit: .cents(100_000)))])
        let under = BudgetAssessment(book: book, calculator: calculator, now: now,
                                     usage: [usage("2025-03-20T08:00:00Z", promptTokens: 1_000_000)], footprints: [])
        #expect(!under.llmBudgetSpent)
        #expect(under.remainingMonthly == MicroDollars(997_500_000))
        #expect(under.remainingMonthlyDollars == 997.5)
        let over = BudgetAssessment(book: book, calculator: calculator, now: now,
                                    usage: [usage("2025-03-20T08:00:00Z", promptTokens: 2_000_000)], footprints: [])
        #expect(over.llmBudgetSpent)
        #expect(over.spentBudget?.budget.name == "daily LLM budget")
        #expect(CostReportText.embeddedParserNotice(over.spentBudget!)
            == "the daily LLM budget is spent ($5.00 of $5.00): using the embedded parser until 2025-03-21 00:00 UTC")
    }

    @Test func clusterSpendCountsAgainstABudgetForAllSpend() {
        let pod = PodRequests(cpuMillis: 1_000, memoryBytes: 0)
        let footprints = [WorkloadFootprint(at: utc("2025-03-01T00:00:00Z"), service: "api", environment: "production", replicas: 10, pod: pod)]
        // 10 vCPU × $0.04 × 468 hours (Mar 1 to Mar 20 noon) = $187.20.
        let book = BudgetBook(settings: [BudgetSetting(at: now, budget: Budget(period: .month, limit: .cents(20_000)))])
        let a = BudgetAssessment(book: book, calculator: calculator, now: now, usage: [], footprints: footprints)
        #expect(a.statuses.first?.spentSoFar == .cents(18_720))
        #expect(a.statuses.first?.level == .warning)
        #expect(a.remainingMonthly == .cents(1_280))
        #expect(!a.llmBudgetSpent)
        #expect(BudgetAssessment(statuses: []).remainingMonthly == nil)
    }

    @Test func narrowingToAServiceLeavesTokensOut() {
        let pod = PodRequests(cpuMillis: 1_000, memoryBytes: 0)
        let footprints = [
            WorkloadFootprint(at: utc("2025-03-20T00:00:00Z"), service: "api", environment: "production", replicas: 1, pod: pod),
            WorkloadFootprint(at: utc("2025-03-20T00:00:00Z"), service: "api", environment: "staging", replicas: 1, pod: pod),
            WorkloadFootprint(at: utc("2025-03-20T00:00:00Z"), service: "web", environment: "production", replicas: 1, pod: pod),
        ]
        let s = calculator.summary(.day, now: now, usage: [usage("2025-03-20T01:00:00Z", promptTokens: 1)], footprints: footprints,
                                   service: "api", environment: "production")
        #expect(s.workloads.map(\.service) == ["api"])
        #expect(s.workloads.first?.environment == "production")
        #expect(s.models.isEmpty && !s.includesTokens)
        #expect(s.total == .cents(48))
    }
}
