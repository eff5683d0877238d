import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing

@Suite struct RoutingCostConfigTests {
    @Test func missingFilesMeanTheDefaults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try RoutingCostConfiguration.load(configDirectory: dir.path) == .defaults)
    }

    @Test func routingFileReplacesSpecialistsAndKinds() throws {
        let config = try RoutingCostConfiguration.parseRouting("""
            version: 1
            weights:
              expertise: 0.7
              cost: 0
            kinds:
              - id: database
                cues: [postgres, migration, replication lag]
            specialists:
              - id: dba
                name: Database team
                domains: [database]
                keywords: [pgbouncer]
                capacity: 2
                load: 1
                cost-per-task: 80.50
              - id: anyone
                domains: []
                capacity: 10
                cost-per-task: 10
            """, file: "routing.yaml")
        #expect(config.weights == RoutingWeights(expertise: 0.7, availability: 0.15, history: 0.2, cost: 0))
        #expect(config.kinds == [TaskKindDefinition(id: "database", cues: ["postgres", "migration", "replication lag"])])
        #expect(config.specialists.map(\.id) == ["dba", "anyone"])
        #expect(config.specialists[0].costPerTask == MicroDollars(80_500_000))
        #expect(config.specialists[1].name == "anyone")
        #expect(Router(configuration: config).route("replication lag on the postgres replica").chosen.specialist.id == "dba")
    }

    @Test(arguments: [
        ("version: 1\nspecialist: []\n", "routing.yaml:2: unknown key `specialist` in the file"),
        ("specialists:\n  - id: a\n    domains: [defect]\n    capasity: 2\n    cost-per-task: 1\n",
         "routing.yaml:4: unknown key `capasity` in specialist #1"),
        ("weights:\n  expertise: lots\n", "routing.yaml:2: `expertise` in weights must be a number of at least 0, not `lots`"),
        ("specialists:\n  - id: a\n    domains: [defect]\n    cost-per-task: 1\n", "routing.yaml:2: specialist #1 needs `capacity`"),
        ("specialists:\n  - id: a\n    domains: [astrology]\n    capacity: 1\n    cost-per-task: 1\n",
         "routing.yaml: specialist `a`: domain `astrology` is not a task kind"),
        ("version: 2\n", "routing.yaml:1: `version` in the file is `2`; this cortex reads version 1"),
        ("specialists: {a: 1}\n", "routing.yaml:1: `specialists` in the file must be a list"),
        ("weights: [1, 2\n", "routing.yaml: not valid YAML"),
    ])
    func routingFileErrorsNameFileLineAndKey(yaml: String, message: String) {
        do {
            _ = try RoutingCostConfiguration.parseRouting(yaml, file: "routing.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.message.hasPrefix(message), "\(error.message)")
            #expect(error.exitCode == .usage)
        }
    }

    @Test func costFileMergesPricesAndReadsLLMBudgets() throws {
        let (prices, budgets) = try RoutingCostConfiguration.parseCost("""
            version: 1
            models:
              llama3: {prompt: 0, completion: 0}
              gpt-4o: {prompt: "2.00", completion: 9}
            cluster:
              vcpu-hour: 0.031611
            llm-budget:
              day: 2.50
              month: 40
            """, file: "cost.yaml")
        #expect(prices.models.price(for: "llama3:8b")?.promptPerMillion == .zero)
        #expect(prices.models.price(for: "gpt-4o")?.completionPerMillion == MicroDollars(9_000_000))
        #expect(prices.models.price(for: "claude-3-5-haiku") != nil)
        #expect(prices.cluster == ClusterPrices(perVCPUHour: MicroDollars(31_611), perGiBHour: ClusterPrices.defaults.perGiBHour))
        #expect(budgets == [Budget(period: .day, limit: .cents(250), scope: .llm), Budget(period: .month, limit: .cents(4_000), scope: .llm)])
    }

    @Test(arguments: [
        ("models:\n  gpt-4o: {prompt: 1}\n", "cost.yaml:2: model `gpt-4o` needs `completion`"),
        ("models:\n  gpt-4o: {prompt: 1, completion: 2, cached: 1}\n", "cost.yaml:2: unknown key `cached` in model `gpt-4o`"),
        ("cluster:\n  cpu-hour: 1\n", "cost.yaml:2: unknown key `cpu-hour` in cluster"),
        ("llm-budget:\n  year: 100\n", "cost.yaml:2: unknown key `year` in llm-budget"),
        ("llm-budget:\n  day: -1\n", "cost.yaml:2: `day` in llm-budget must be an amount in US dollars such as 2.50, not `-1`"),
    ])
    func costFileErrorsNameFileLineAndKey(yaml: String, message: String) {
        do {
            _ = try RoutingCostConfiguration.parseCost(yaml, file: "cost.yaml")
            Issue.record("expected an error for \(yaml)")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func filesAreReadFromTheConfigDirectory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("cluster: {gib-hour: 0.01}\n".utf8).write(to: URL(fileURLWithPath: dir.file("cost.yaml")))
        let config = try RoutingCostConfiguration.load(configDirectory: dir.path)
        #expect(config.prices.cluster.perGiBHour == .cents(1))
        #expect(config.routing == .defaults)
    }
}
