@testable import CortexCore
import Testing

/// Chat lines addressed to colleagues, reports told beside a request (a canary that got
/// promoted, a variable set yesterday), what the speaker would do, thanks for a past change,
/// a request withdrawn because someone said to wait, and values a gerund or a field carries.
@Suite struct ParserMentionsAndReportsTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A canary told of beside the command is neither promoted nor ended by it.
        ("Roll back fraud-scorer on prod: the canary got promoted by mistake at 13:20, see INC-3390.",
         Operation(.rollback, service: "fraud-scorer", environment: "production")),
        ("roll back the payments canary", Operation(.abort, service: "payments")),
        // A variable set yesterday is told of; the request is the logs, of the workload named there.
        ("I already set LOG_LEVEL=debug on geo-fence yesterday, now please show me its logs", Operation(.logs, service: "geo-fence")),
        // A change named after `after`, `since` or `during` says when.
        ("ledger-sync prod: events last 30m (after deploy)", Operation(.events, service: "ledger-sync", environment: "production", since: "30m")),
        ("roll back pricing in prod, errors started after the 14:05 deploy", Operation(.rollback, service: "pricing", environment: "production")),
        ("Why after restart the hermes in prod is still failing?", Operation(.diagnose, service: "hermes", environment: "production")),
        // `help` before the verb it helps is politeness.
        ("prod environment the loyalty-points, please help expand to 5 replicas",
         Operation(.scale, service: "loyalty-points", environment: "production", replicas: 5)),
        ("Please help check the log of geo-fence from last 30 minutes on dev.",
         Operation(.logs, service: "geo-fence", environment: "development", since: "30m")),
        // A gerund clause with a value goes on with the request.
        ("autoscale search-ranker from 2 to 6, holding CPU at 75 percent",
         Operation(.autoscale, service: "search-ranker", min: 2, max: 6, cpuPercent: 75)),
        // `rev=5`: a field written as chat-ops arguments are.
        ("rollback sts/clickhouse -n stg rev=5", Operation(.rollback, service: "clickhouse", environment: "staging", revision: 5, kind: .statefulset)),
        ("hold off on the rollout of relay in prod", Operation(.pause, service: "relay", environment: "production")),
        ("Thanks for pausing earlier - now resume orders", Operation(.resume, service: "orders")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Addressed to colleagues, with a colon after the mention.
        "@sre-oncall: delete old-es -n dev pls",
        "not you cortex -- @ben: rollback tax-calc stg",
        // Labels of finished work or of work for later.
        "done: ledger-sync v4.3 canary prod -> promoted 14:20",
        "maybe later: autoscale tax-calc max=6",
        // Held off, thanked for, withdrawn, or what the speaker would do.
        "hold off on the card-auth deploy until compliance signs off pls",
        "Thank you for the restart of fx-rates before, it works now!",
        "I wanted to say: scale up sms-relay by 2 — but the lead said to wait.",
        "ok not doing it, but for the record: I'd scale click-dedup to 10",
        "I'd restart cart in prod",
        "we would roll back cart",
        // People are not workloads.
        "haha 'promote' the intern to prod owner 😂",
        // A change for after another one is a condition.
        "restart ledger-sync after the deploy",
        "scale cart to 3 after the rollout",
        "payments went down to 2 in prod",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aMentionOfCortexStillAsks() {
        #expect(parse("@cortex: delete old-es -n dev") == Operation(.delete, service: "old-es", environment: "development"))
        #expect(parse("I'd like to restart cart in prod") == Operation(.restart, service: "cart", environment: "production"))
    }
}
