import CortexCore
import FoundationEssentials
import Testing

func utc(_ text: String) -> Date {
    guard let d = UTCInstant.parse(text) else { fatalError("bad test timestamp \(text)") }
    return d
}

@Suite struct CostArithmeticTests {
    let cluster = ClusterCostModel(prices: .defaults)
    /// 250m and 512Mi: $0.01 + $0.0025 an hour per replica at the default prices.
    let pod = PodRequests(cpuMillis: 250, memoryBytes: 536_870_912)

    @Test func tokenSpendIsTokensTimesPricePerMillion() {
        let tokens = TokenSpendCalculator(prices: .defaults)
        let r = LLMUsageRecord(at: utc("2025-03-01T00:00:00Z"), model: "gpt-4o", promptTokens: 1_000_000,
                               completionTokens: 500_000, latencyMilliseconds: 900)
        // $2.50 + $5.00
        #expect(tokens.cost(of: r) == MicroDollars(7_500_000))
        let small = LLMUsageRecord(at: r.at, model: "gpt-4o-mini", promptTokens: 1_234, completionTokens: 56, latencyMilliseconds: 1)
        // 1234 × 0.15 + 56 × 0.60 = 185.1 + 33.6 = 218.7 µ$ -> 219
        #expect(tokens.cost(of: small) == MicroDollars(219))
    }

    @Test func datedModelNamesFindTheirFamilyAndUnknownModelsStayUnpriced() {
        let table = ModelPriceTable.defaults
        #expect(table.price(for: "gpt-4o-2024-08-06")?.model == "gpt-4o")
        #expect(table.price(for: "gpt-4o-mini-2024-07-18")?.model == "gpt-4o-mini")
        #expect(table.price(for: "claude-3-5-haiku-20241022")?.model == "claude-3-5-haiku")
        #expect(table.price(for: "GPT-4O")?.model == "gpt-4o")
        #expect(table.price(for: "llama3:8b") == nil)
        #expect(table.price(for: "gpt-4") == nil)
        let tokens = TokenSpendCalculator(prices: table)
        #expect(tokens.cost(of: LLMUsageRecord(at: utc("2025-03-01T00:00:00Z"), model: "llama3", promptTokens: 5,
                                               completionTokens: 5, latencyMilliseconds: 1)) == nil)
    }

    @Test func spendByModelSumsTokensBeforePricingOnce() {
        let tokens = TokenSpendCalculator(prices: .defaults)
        let at = utc("2025-03-01T00:00:00Z")
        // 0.3 µ$ three times: rounding each call would give 0, summing first gives 1.
        let calls = (0..<3).map { _ in LLMUsageRecord(at: at, model: "gpt-4o-mini", promptTokens: 2, completionTokens: 0, latencyMilliseconds: 5) }
            + [LLMUsageRecord(at: at, model: "mystery", promptTokens: 10, completionTokens: 20, latencyMilliseconds: 5)]
        let spend = tokens.spendByModel(calls)
        #expect(spend.map(\.model) == ["gpt-4o-mini", "mystery"])
        #expect(spend[0].calls == 3 && spend[0].promptTokens == 6)
        #expect(spend[0].amount == MicroDollars(1))
        #expect(spend[1].amount == nil)
    }

    @Test func monthlyClusterCostIsReplicasTimesRequestsTimesPriceOver730Hours() {
        // 730 × ($0.01 + $0.0025) = $9.125 a replica.
        #expect(cluster.monthly(replicas: 1, pod: pod) == MicroDollars(9_125_000))
        #expect(cluster.monthly(replicas: 3, pod: pod) == MicroDollars(27_375_000))
        let custom = ClusterCostModel(prices: ClusterPrices(perVCPUHour: .cents(10), perGiBHour: .cents(1)))
        // 2 vCPU × $0.10 + 4 GiB × $0.01 = $0.24 an hour; × 730 × 2 replicas.
        #expect(custom.monthly(replicas: 2, pod: PodRequests(cpuMillis: 2_000, memoryBytes: 4 << 30)) == MicroDollars(350_400_000))
    }

    @Test func scalingThreeToTenShowsTheMonthlyIncrease() {
        let change = cluster.change(from: 3, to: 10, pod: pod)
        // $9.125 a replica is shown as $9.13, rounded once; every figure is whole replicas of it.
        #expect(cluster.change(from: 0, to: 1, pod: pod).after == MicroDollars.cents(913))
        #expect(change.delta == MicroDollars.cents(6_391))
        #expect(change.deltaDollars == 63.91)
        #expect(change.summary == "scaling 3 → 10 replicas costs $63.91 more a month ($27.39 → $91.30)")
        #expect(cluster.change(from: 10, to: 3, pod: pod).summary == "scaling 10 → 3 replicas saves $63.91 a month ($91.30 → $27.39)")
        #expect(cluster.change(from: 0, to: 1, pod: pod).summary == "starting 1 replica costs $9.13 more a month ($0.00 → $9.13)")
        #expect(cluster.change(from: 2, to: 0, pod: pod).summary.hasPrefix("removing 2 replicas saves $18.26 a month"))
        #expect(cluster.change(from: 4, to: 4, pod: pod).summary == "scaling 4 → 4 replicas does not change the monthly cost")
    }

    /// 500m and 512Mi cost $16.425 a replica. Rounding each total on its own showed
    /// "$49.27 more ($49.28 → $98.55)": three more replicas cheaper than the three running.
    @Test func theSameReplicasCostTheSameInEverySentence() {
        let payments = PodRequests(cpuMillis: 500, memoryBytes: 536_870_912)
        let double = cluster.change(from: 3, to: 6, pod: payments)
        #expect(double.summary == "scaling 3 → 6 replicas costs $49.29 more a month ($49.29 → $98.58)")
        #expect(cluster.change(from: 3, to: 0, pod: payments).summary == "removing 3 replicas saves $49.29 a month ($49.29 → $0.00)")
        let one = cluster.change(from: 0, to: 1, pod: payments).after
        #expect(one == MicroDollars.cents(1_643))
        for from in 0...12 {
            for to in 0...12 {
                let c = cluster.change(from: from, to: to, pod: payments)
                #expect(c.after - c.before == c.delta)
                #expect(c.delta.value % 10_000 == 0 && c.before.value % 10_000 == 0)
                #expect(c.delta == MicroDollars(one.value * Int64(to - from)))
            }
        }
    }

    @Test func missingRequestsMakeTheChangeALowerBound() {
        let partial = PodRequests(cpuMillis: 250, memoryBytes: 0, containersWithoutRequests: ["sidecar"])
        let change = cluster.change(from: 1, to: 2, pod: partial)
        #expect(change.isLowerBound)
        #expect(change.summary == "scaling 1 → 2 replicas costs at least $7.30 more a month ($7.30 → $14.60); some containers request no CPU or memory")
    }

    @Test func footprintHistoryIsIntegratedOverTheWindow() {
        let footprints = [
            WorkloadFootprint(at: utc("2025-02-27T00:00:00Z"), service: "api", environment: "production", replicas: 2, pod: pod),
            WorkloadFootprint(at: utc("2025-03-02T00:00:00Z"), service: "api", environment: "production", replicas: 4, pod: pod),
            WorkloadFootprint(at: utc("2025-03-01T12:00:00Z"), service: "web", environment: "staging", replicas: 1, pod: pod),
            WorkloadFootprint(at: utc("2025-03-01T18:00:00Z"), service: "web", environment: "staging", replicas: 0, pod: pod),
            WorkloadFootprint(at: utc("2025-02-01T00:00:00Z"), service: "old", environment: "staging", replicas: 0, pod: pod),
        ]
        let spend = cluster.spend(footprints, from: utc("2025-03-01T00:00:00Z"), to: utc("2025-03-03T00:00:00Z"))
        // api: 24 h × 2 + 24 h × 4 = 144 replica-hours × $0.0125 = $1.80; web: 6 h × $0.0125.
        #expect(spend == [
            WorkloadSpend(service: "api", environment: "production", amount: MicroDollars(1_800_000), replicas: 4),
            WorkloadSpend(service: "web", environment: "staging", amount: MicroDollars(75_000), replicas: 0),
        ])
        #expect(cluster.spend(footprints, from: utc("2025-03-03T00:00:00Z"), to: utc("2025-03-03T00:00:00Z")).isEmpty)
    }
}
