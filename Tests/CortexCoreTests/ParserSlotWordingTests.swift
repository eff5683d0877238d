@testable import CortexCore
import Testing

/// How slots are worded in ordinary requests: a bare core count after `cpu`, bounds said as
/// `at least` and `at most`, a tag said as `tagged`, abbreviated scopes and common slips in
/// slot words, a business noun as a workload's name, and the canary share in a clause of its
/// own. A quantity whose resource is unclear is never dropped beside a clear one.
@Suite struct ParserSlotWordingTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("set ledger limits cpu 2 mem 1Gi prod", Operation(.setResources, service: "ledger", environment: "production", cpu: "2", memory: "1Gi", scope: .limits)),
        ("autoscale quotes with at least 3 and at most 12 replicas", Operation(.autoscale, service: "quotes", min: 3, max: 12)),
        ("deploy resizer tagged v4.1.0 to staging", Operation(.deploy, service: "resizer", environment: "staging", version: "v4.1.0")),
        ("set mem lim search-api 2Gi stg", Operation(.setResources, service: "search-api", environment: "staging", memory: "2Gi", scope: .limits)),
        ("roll back fx-feed in staging to revsion 4", Operation(.rollback, service: "fx-feed", environment: "staging", revision: 4)),
        ("restart accounts in dev", Operation(.restart, service: "accounts", environment: "development")),
        ("what did mail cost this week?", Operation(.cost, service: "mail", period: .week)),
        ("ship ledger v3.0.1 to prod, sending 15 percent of traffic to the canary first", Operation(.deploy, service: "ledger", environment: "production", version: "v3.0.1", canary: 15)),
        ("roll out ledger 3.0.1 to staging and run it on 5 replicas", Operation(.deploy, service: "ledger", environment: "staging", replicas: 5, version: "3.0.1")),
        // A label before a complete request says what it is filed under.
        ("triage note ENG-12: restart ledger in staging", Operation(.restart, service: "ledger", environment: "staging")),
        ("Quota alert: 95% of the weekly budget used. set the weekly budget to $800", Operation(.budget, amount: 800, period: .week)),
        // (A line that opens with a command keeps its colon: `set resources on deploy/X: …`.)
        ("set resources on deploy/ledger: requests cpu 250m", Operation(.setResources, service: "ledger", kind: .deployment, cpu: "250m", scope: .requests)),
        ("did the ledger canary in staging get promoted?", Operation(.status, service: "ledger", environment: "staging")),
        // A change written as a hyphenated noun, asked about, reads the workload.
        ("could you check whether the scale-up of ledger in prod worked?", Operation(.status, service: "ledger", environment: "production")),
        ("scale-down ledger to 1 in dev", Operation(.scale, service: "ledger", environment: "development", replicas: 1)),
        // How a rollout looks, then a command: the command.
        ("ledger rollout looks stuck in staging, roll it back", Operation(.rollback, service: "ledger", environment: "staging")),
        ("make a diagnostic of the statefulset ledger in dev", Operation(.diagnose, service: "ledger", environment: "development", kind: .statefulset)),
        ("what was our expenditure this week?", Operation(.cost, period: .week)),
        // Rolling a workload to a version rolls it out; to a revision it stays unclear.
        ("roll deploy/ledger to v4.2.0 on staging", Operation(.deploy, service: "ledger", environment: "staging", version: "v4.2.0", kind: .deployment)),
        ("we don't need the old ledger-v1 service in dev anymore; tear it down", Operation(.delete, service: "ledger-v1", environment: "development")),
        // Quantities as people write them: a spaced percent sign, `per cent`, `half core`, `giga`.
        ("deploy ledger v2.0.0 to staging as a 15 % canary", Operation(.deploy, service: "ledger", environment: "staging", version: "v2.0.0", canary: 15)),
        ("canary ledger v2.0.0 in prod at thirty per cent", Operation(.deploy, service: "ledger", environment: "production", version: "v2.0.0", canary: 30)),
        ("give ledger half core of cpu in dev", Operation(.setResources, service: "ledger", environment: "development", cpu: "500m")),
        ("raise the memory of ledger to 2 giga in prod", Operation(.setResources, service: "ledger", environment: "production", memory: "2Gi")),
        // Dropping a limit to a size lowers it.
        ("drop the cpu limit of ledger to 250m in staging", Operation(.setResources, service: "ledger", environment: "staging", cpu: "250m", scope: .limits)),
    ])
    func slotsAreReadAsWorded(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The resource of `4` is unclear: it is asked for, not left out.
        "set ledger memory 1Gi and 4 in prod",
        // A business's own things are not deleted by cortex.
        "delete the accounts in dev",
        // A canary the line only describes starts nothing.
        "nice, that 10% canary looks healthy",
        "cheers, the ledger rollout looks good now",
        // Storage is not a container's memory.
        "can you make the disk of the ledger node 300GB?",
        // A person greeted and named is the one asked.
        "Hi @marco, could you roll back ledger in prod?",
        // A hypothetical change asks nothing.
        "would doubling the replicas of ledger fix the latency?",
        // A label that quotes someone is not a request.
        "Sam wrote: restart ledger in prod",
        // Removing a container's limit is no operation, and never deletes the workload.
        "remove the cpu limit of ledger in dev",
        // `update` alone says nothing about what to roll out.
        "update the status page: investigating elevated errors on ledger",
        // Kinds of object cortex does not manage, with a courtesy in between.
        "Create please a new namespace for the team of ledger",
        // A team greeted is asked as people are.
        "hey @ops-team, bump the weekly budget to $800",
    ])
    func notAChange(text: String) {
        #expect(!parse(text).op.isMutation, "\(text)")
    }

    @Test func howThingsWorkIsNotRead() {
        let op = parse("how do I read ledger's logs?")
        #expect(op.op == .unknown)
        #expect(op.reason?.contains("logs of ledger") == true)
        #expect(parse("explain why ledger is failing in prod") == Operation(.diagnose, service: "ledger", environment: "production"))
    }
}
