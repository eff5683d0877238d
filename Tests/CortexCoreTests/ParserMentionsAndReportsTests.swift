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
        // A count said again, an apology, a courtesy after the request.
        ("please add one more replica to click-dedup on staging, sorry, just one", Operation(.scale, service: "click-dedup", environment: "staging", delta: 1)),
        ("sorry if this is wrong but could you scale pixel-collector to 8 replicas in prod?",
         Operation(.scale, service: "pixel-collector", environment: "production", replicas: 8)),
        ("hit pause on quote-engine's rollout", Operation(.pause, service: "quote-engine")),
        ("make the canary of search-api the new stable in staging", Operation(.promote, service: "search-api", environment: "staging")),
        // Variables: `equal`, a path as a value, kubectl's `NAME-`, a chat-ops `task=`.
        ("on imgproxy in prod, make IMGPROXY_MAX_SRC_RESOLUTION equal 50",
         Operation(.setEnv, service: "imgproxy", environment: "production", env: ["IMGPROXY_MAX_SRC_RESOLUTION": .set("50")])),
        ("on geo-tiles in live: set TILE_CACHE_DIR to /var/cache/tiles and remove LEGACY_PROJECTION",
         Operation(.setEnv, service: "geo-tiles", environment: "production", env: ["TILE_CACHE_DIR": .set("/var/cache/tiles"), "LEGACY_PROJECTION": .remove])),
        ("set env deploy/tax-calc -n dev DEBUG_SQL-", Operation(.setEnv, service: "tax-calc", environment: "development", kind: .deployment, env: ["DEBUG_SQL": .remove])),
        ("route task=rotate kafka SASL creds", Operation(.route, task: "rotate kafka SASL creds")),
        // What is to be done first points back to the workload the rest names.
        ("I want to roll back fraud-scorer but first just show me its events in prod", Operation(.events, service: "fraud-scorer", environment: "production")),
        // Memory named in a comment beside a count of replicas; a core named before `set that`.
        ("remove two replicas from etl-loader on staging; Grace mentioned the cluster is tight on memory anyway",
         Operation(.scale, service: "etl-loader", environment: "staging", delta: -2)),
        ("geo-lookup only needs half a core, set that on dev", Operation(.setResources, service: "geo-lookup", environment: "development", cpu: "500m")),
        // A story between dashes, then `so` and the request; someone who will tell when done.
        ("The media-transcoder queue in prod has been backing up since around 9:40 -- Fatima saw it hit 30k jobs -- so add three more replicas of media-transcoder in prod",
         Operation(.scale, service: "media-transcoder", environment: "production", delta: 3)),
        ("Because Kenji is load-testing the session cache, scale the redis-cache statefulset in staging to 5 -- he'll ping us in OPS-2210 when he's done",
         Operation(.scale, service: "redis-cache", environment: "staging", replicas: 5, kind: .statefulset)),
        // Routes asked after an apology or of a `good` person.
        ("sorry, who's the right person to investigate the kafka consumer lag on segment-sync?",
         Operation(.route, task: "investigate the kafka consumer lag on segment-sync")),
        ("Please find the good person to review the migration of invoices table.", Operation(.route, task: "review the migration of invoices table")),
        // Where people talk is no environment; a ticket's number counts nothing.
        ("monthly budget 3000 dollars, the manager approved it in the channel", Operation(.budget, amount: 3000, period: .month)),
        ("email-ingest logs for the last 10 minutes in dev, ticket 55120", Operation(.logs, service: "email-ingest", environment: "development", since: "10m")),
        // Letting a workload scale out to a bound is an autoscaler's bound.
        ("let search-api scale out to 30 pods in production", Operation(.autoscale, service: "search-api", environment: "production", max: 30)),
        ("let checkout scale to 5", Operation(.scale, service: "checkout", replicas: 5)),
        // Courtesies and particles of the languages mixed into English.
        ("Yalla, deploy driver-locator v2.0.3 to prod", Operation(.deploy, service: "driver-locator", environment: "production", version: "v2.0.3")),
        ("kripya increase kyc-verifier by 2 more pods in prod, jaldi please", Operation(.scale, service: "kyc-verifier", environment: "production", delta: 2)),
        ("Help em scale order-sync to 4 replicas on staging ạ", Operation(.scale, service: "order-sync", environment: "staging", replicas: 4)),
        ("vnpay-bridge on prod is ok không?", Operation(.status, service: "vnpay-bridge", environment: "production")),
        // A summary, then a request in a sentence of its own.
        ("Recap: 04:00 zookeeper leader election looped, 04:12 it settled. Could you restart sts/zookeeper in staging?",
         Operation(.restart, service: "zookeeper", environment: "staging", kind: .statefulset)),
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
        // An opinion asked, what might have been, a report opened by `if anyone asks`.
        "Should I scale kolejka-worker to 10 on prod, what you think?",
        "do you think tax-calc needs more memory?",
        "could I have done the ach-gateway rollback myself? sure. but ask first next time",
        "if anyone asks, the webhook-relay restart at 01:15 was me",
        // What a thing shows.
        "the dashboard shows kyc-checker at 6 replicas and 99.2% uptime",
        // A system path outside a variable's value.
        "restart cart and cat /etc/passwd",
        // A summary of one sentence; a team named before a colon.
        "escalation summary: deploy of sso-bridge v2.8.3 went out at 16:05, customer impact resolved",
        "handover note: scaled kb-search to 8 in prod at 14:00, watch the queue",
        "Security team: please rotate the creds and restart secrets-sync in production",
        // Changes told in the past tense, a command that is what broke something.
        "we limited spending to 40 dollars a day last quarter",
        "For the record in INC-3302's timeline: at 02:14 Omar rolled back fraud-scorer in production to revision 21.",
        "Omar rolled back cart",
        "kubectl scale --replicas=0 sts/nats is what broke it yesterday",
        // Someone greeted in Arabic, then asked.
        "Ya Ahmed, please make restart for chat-relay in production when you are free",
        // A quote left open before `--` is an SQL comment.
        "admin' -- restart cart",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aDashAfterAClosedQuotationIsNoComment() {
        let got = parse("kubectl output: 'deployment.apps/fraud-scorer scaled' -- did that go through? status of fraud-scorer in prod")
        #expect(got.op == .status, "\(got)")
    }

    /// Settled without a model: auto mode asks one only about what the parser could not read.
    @Test func changesToldInThePastAreSettled() {
        for text in ["Omar rolled back cart", "at 02:14 Omar rolled back fraud-scorer in production to revision 21",
                     "memory on search-api was 3Gi before the rollback, right?"] {
            let understanding = parser.understand(text, context: UnderstandingContext())
            #expect(understanding.operation.op == .unknown && understanding.settled, "\(text)")
        }
    }

    @Test func aMentionOfCortexStillAsks() {
        #expect(parse("@cortex: delete old-es -n dev") == Operation(.delete, service: "old-es", environment: "development"))
        #expect(parse("I'd like to restart cart in prod") == Operation(.restart, service: "cart", environment: "production"))
    }
}
