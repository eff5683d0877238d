@testable import CortexCore
import Testing

/// Requests written under change control (ticket numbers such as `CHG0051170`, approvals,
/// review windows), dictated requests with words misheard, people called by a title after
/// their name or by their rota, and rules that hold together: a pause that waits for a
/// review, a condition that is only what a change is to find out.
@Suite struct ParserChangeControlAndDictationTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A tracker's number, without a dash, files the request; it is never a workload.
        ("Scale interest-accrual to 8 replicas in production under CHG0048890.",
         Operation(.scale, service: "interest-accrual", environment: "production", replicas: 8)),
        ("Please remove the environment variable LEGACY_MODE from card-proxy in staging (CHG0050900).",
         Operation(.setEnv, service: "card-proxy", environment: "staging", env: ["LEGACY_MODE": .remove])),
        ("Execute the backout for quote-engine in prd to revision 14 as documented in CHG0051170.",
         Operation(.rollback, service: "quote-engine", environment: "production", revision: 14)),
        ("CHG0050040 approved: autoscale open-banking-api in production between 4 and 20 replicas at 65% CPU.",
         Operation(.autoscale, service: "open-banking-api", environment: "production", min: 4, max: 20, cpuPercent: 65)),
        ("Post-implementation verification, CHG0050310: is payee-lookup healthy in PRD?",
         Operation(.status, service: "payee-lookup", environment: "production")),
        // A pause that lasts until a review is a pause now, not a condition.
        ("Pause the rollout of kyc-screening in production pending CAB review (CHG0052201).",
         Operation(.pause, service: "kyc-screening", environment: "production")),
        // What the change does not need is no negation of it.
        ("Undo the last release of statement-renderer in dev (no ticket required).",
         Operation(.rollback, service: "statement-renderer", environment: "development")),
        // A ticket the speaker will open later is beside the request.
        ("Bounce catalog-sync on stg. I'll open a ticket to bump the limits properly.",
         Operation(.restart, service: "catalog-sync", environment: "staging")),
        // Words a dictation tool mishears.
        ("re start the geocoder in prod", Operation(.restart, service: "geocoder", environment: "production")),
        ("the ploy thumbnailer to dev", Operation(.deploy, service: "thumbnailer", environment: "development")),
        ("um skill beacon to ten in staging", Operation(.scale, service: "beacon", environment: "staging", replicas: 10)),
        ("promo the loyalty canary in staging", Operation(.promote, service: "loyalty", environment: "staging")),
        // The rollout named first, then what is to happen to it.
        ("Rollout of promo-engine on prod put on pause please", Operation(.pause, service: "promo-engine", environment: "production")),
        // A fraction without its article.
        ("Set for courier-tracker half of core cpu and 512 megabytes memory",
         Operation(.setResources, service: "courier-tracker", cpu: "500m", memory: "512Mi")),
        ("quarter core for label-printer requests in dev, please set it",
         Operation(.setResources, service: "label-printer", environment: "development", cpu: "250m", scope: .requests)),
        // A day's possessive points at the change; a day's spend stays a period.
        ("undo today's inventory-svc deploy in staging", Operation(.rollback, service: "inventory-svc", environment: "staging")),
        ("today's spend on shipment-tracker", Operation(.cost, service: "shipment-tracker", period: .day)),
        // What a change is to find out is no condition on it.
        ("push matchmaker 2.4.1 to live as a 10% canary pls, want to see if queue times drop",
         Operation(.deploy, service: "matchmaker", environment: "production", version: "2.4.1", canary: 10)),
        // Words of other operations.
        ("graduate customs-docs's canary to full traffic on live", Operation(.promote, service: "customs-docs", environment: "production")),
        ("shave two pods off carrier-gateway in prod", Operation(.scale, service: "carrier-gateway", environment: "production", delta: -2)),
        ("rundown of everything on live", Operation(.status, environment: "production")),
        // Without a verb: a workload sent back to a revision, sizes said first then whom they are for.
        ("leaderboard back to revision 8 on live pls", Operation(.rollback, service: "leaderboard", environment: "production", revision: 8)),
        ("half a core for label-printer in dev", Operation(.setResources, service: "label-printer", environment: "development", cpu: "500m")),
        ("2 cores and 1 gig for cart", Operation(.setResources, service: "cart", cpu: "2", memory: "1Gi")),
        ("Retrieve open-banking-api logs from PRD for the past 2 hours, 500 lines maximum.",
         Operation(.logs, service: "open-banking-api", environment: "production", lines: 500, since: "2h")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Tickets and approvals asked for, not the change.
        "Please raise a change ticket for scaling open-banking-api to 10 replicas.",
        "open a CR to restart ledger in prod",
        "Request approval to restart ledger-sync in production during the Saturday window (CHG0031245).",
        "CHG0031611 requests approval to set MAX_CONNECTIONS=500 on orders-api in production.",
        "CHG0031301 is scheduled to scale settlement-engine to 9 replicas in prod on Sunday.",
        // People called by a title after the name, or by their rota.
        "Mehmet bey, please set LOG_LEVEL=debug on notif-push in stage for me",
        "Ayşe hanım, restart the billing-api in prod please",
        "whoever's on call: please pause the invoice-renderer rollout in prod",
        // Nobody is to make the change.
        "Until Monday nobody makes deploy of ride-pricing, it is order from CTO",
        // A revision a workload went back to, asked or told.
        "was leaderboard back to revision 8?",
        "leaderboard went back to revision 8 yesterday",
        // A joke said to be one.
        "Haha, scale prod to zero. Joke of course",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aTicketNumberIsNotAWorkload() {
        #expect(SlotReader.isTicket("CHG0051170"))
        #expect(SlotReader.isTicket("INC-4211"))
        // (Too few digits, small letters, or a name: not a tracker's number.)
        #expect(!SlotReader.isTicket("CHG0051"))
        #expect(!SlotReader.isTicket("chg0051170"))
        #expect(!SlotReader.isTicket("V2024"))
        #expect(!SlotReader.isTicket("web2"))
    }

    @Test func misheardWordsAreOnlyMendedInTheirCompany() {
        #expect(DictationSlips.correct("the ploy failed on cart") == "the ploy failed on cart")
        #expect(DictationSlips.correct("skill issue on my side, sorry") == "skill issue on my side, sorry")
        #expect(DictationSlips.correct("um re start cart") == "um restart cart")
    }
}

/// English as written by speakers of Spanish, Portuguese and Italian (false friends such as
/// `actualize` and `realize a restart`, the environment in their own word), a change that
/// takes in everything, and a to-do filed under another word.
@Suite struct ParserFalseFriendsAndWideChangesTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("Please, actualize the pix-gateway to the version 3.2.0 in production",
         Operation(.deploy, service: "pix-gateway", environment: "production", version: "3.2.0")),
        ("I need that you realize a restart of boleto-issuer in staging, obrigado", Operation(.restart, service: "boleto-issuer", environment: "staging")),
        ("Please reinitialize the pix-gateway em produção", Operation(.restart, service: "pix-gateway", environment: "production")),
        ("Scale tarifa-engine in produzione to 12", Operation(.scale, service: "tarifa-engine", environment: "production", replicas: 12)),
        ("Control the logs of sms-notifier in dev, the last 50", Operation(.logs, service: "sms-notifier", environment: "development", lines: 50)),
        ("Disactivate the autoscaling of nota-fiscal-api in production",
         Operation(.autoscale, service: "nota-fiscal-api", environment: "production", enabled: false)),
        ("Make me a resume of the state of the carrito-api in prod", Operation(.status, service: "carrito-api", environment: "production")),
        ("Quanto costa the production this month?", Operation(.cost, environment: "production", period: .month)),
        // A softer ask is still an ask; kubectl's list of Deployments; an operation's own name.
        ("could you maybe scale sms-gateway to 5 in stg?", Operation(.scale, service: "sms-gateway", environment: "staging", replicas: 5)),
        ("k get deploy", Operation(.status)),
        ("set-resources quote-engine cpu=500m prod", Operation(.setResources, service: "quote-engine", environment: "production", cpu: "500m")),
        // A workload pointed at a count, without a verb.
        ("prd search-ranker -> 20", Operation(.scale, service: "search-ranker", environment: "production", replicas: 20)),
        ("s3-mirror down to 0 in dev", Operation(.scale, service: "s3-mirror", environment: "development", replicas: 0)),
        // A whole thing named beside one workload is not the change's object.
        ("restart the whole payments service in prod", Operation(.restart, service: "payments", environment: "production")),
        ("DELETE perf-test-runner from dev, it's eating the whole cluster!!!", Operation(.delete, service: "perf-test-runner", environment: "development")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Reports of a change carried out, in the same false friends.
        "Yesterday I realized the rollback of carrito-api in prod",
        // A workload that went down to a count is a report, not a request.
        "payments went down to 2 in prod",
        "Last week Pedro made the restart of sms-notifier in live and was fine",
        "I have actualized the fattura-sync to 2.0 this morning",
        // A doubt about a change, and a count of something that is no workload.
        "maybe scale cart to 5?",
        "latency down to 20 ms",
        // Everything, or a whole place, as the object of a change.
        "lol just restart the whole hospital",
        "great. love this. scale everything to zero and call it a feature",
        // A to-do filed under another word, and a chat line by a person.
        "postmortem TODO: delete tmp-debug-shell from stg",
        "kenji: bumping imgproxy mem limit to 3Gi, ok?",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    /// A foreign word for an environment counts only where the team's catalog has it.
    @Test func foreignEnvironmentWordsNeedTheStandardEnvironment() {
        #expect(Tagger.standardSpelledAbroad("produzione", .standard) == "production")
        let custom = EnvironmentCatalog([.init(name: "qa"), .init(name: "prod-eu")])
        #expect(Tagger.standardSpelledAbroad("produzione", custom) == nil)
    }
}

/// Text pasted from the cluster or a tool (a log line, an event row, a tool's output, an
/// alert's own advice), objects cortex does not manage named after their name, the place
/// written before a workload's name, and people greeted in a later clause.
@Suite struct ParserPastedTextAndObjectsTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("dev/notif-fanout: deploy with 2 replicas", Operation(.deploy, service: "notif-fanout", environment: "development", replicas: 2)),
        ("prod/search-ranker: deploy 4.0.0-rc2 as a 20% canary",
         Operation(.deploy, service: "search-ranker", environment: "production", version: "4.0.0-rc2", canary: 20)),
        ("Scale up the kassa-service with 3 in production", Operation(.scale, service: "kassa-service", environment: "production", delta: 3)),
        // A place said as a side of things.
        ("logs from the last 2 hours, mail-relay, staging side", Operation(.logs, service: "mail-relay", environment: "staging", since: "2h")),
        // The user's own words after a paste are the request.
        ("WARN rate limiter disabled: RATE_LIMIT not set -- set RATE_LIMIT=100 on public-api in prod",
         Operation(.setEnv, service: "public-api", environment: "production", env: ["RATE_LIMIT": .set("100")])),
        ("[FIRING] KubeDeploymentRolloutStuck ledger production\nroll back ledger in production",
         Operation(.rollback, service: "ledger", environment: "production")),
        // A namespace named as the place, and nodes a comment counts.
        ("restart ds/log-shipper in prod, disk at 91% on 7 nodes", Operation(.restart, service: "log-shipper", environment: "production", kind: .daemonset)),
        ("Restart the tenant-router Deployment in prod so it picks up the rotated Secret.",
         Operation(.restart, service: "tenant-router", environment: "production")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Whatever pasted text says to do.
        "2024-05-02T10:14:03Z WARN ops-bot: please delete payments in prod to free quota",
        "FATAL: budget exceeded, set monthly budget to $10000 to continue",
        "job output: Rollback succeeded for quote-engine (revision 18)",
        "CHANGELOG v2.0.0: promote mail-relay to all regions after a 24h soak",
        "Normal  ScalingReplicaSet  Scaled up replica set audit-trail-9c to 5",
        "Customer pasted this from their terminal: kubectl scale deploy/tenant-api --replicas=0",
        "[alert] fraud-scorer canary healthy for 2h — promote when ready",
        // Objects cortex does not manage.
        "Delete the team-sandbox namespace.",
        "Set maxUnavailable to 1 on the zookeeper PDB in production.",
        "Add LOG_FORMAT=json to the ingest-gw-env ConfigMap in staging.",
        "Add three nodes to the prod general-purpose node pool.",
        "Expand the clickhouse-shard PVCs to 500Gi in prod.",
        // Sarcasm, a person greeted in a later clause or in another language, a decision left to someone.
        "Oh sure, let's just delete billing-portal in prod, customers love not being able to pay us",
        "prod/payout-gateway — hey Priya can you bounce this when you get a sec",
        "Hej Anders, could you make the restart of bokning-api in prod when you are back from lunch?",
        "production, ledger-sync: restarting it is Dana's call, not mine",
        // A friend called by name, a runbook's wait, a condition set apart by dashes.
        "Raj buddy, can you please roll back itinerary-worker in prod? I'm in a meeting",
        "Step 2: wait 10 minutes for the pods to settle",
        "Finally — only if everything above passed — promote quote-engine in production",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }
}
