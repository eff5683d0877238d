@testable import CortexCore
import Testing

/// A line of several clauses where one is a command and the others comment on the situation:
/// the comment's verbs, negations and names never change what the command asks for, and a
/// condition or a question in it still stops a change.
@Suite struct ParserCommentaryTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("restart cart in prod, customers can't check out", Operation(.restart, service: "cart", environment: "production")),
        ("scale feed to 6 in staging, players are seeing errors on connect", Operation(.scale, service: "feed", environment: "staging", replicas: 6)),
        ("deploying isn't working, can someone roll back ledger in prod", Operation(.rollback, service: "ledger", environment: "production")),
        ("restart inbox in dev, users not getting their resets", Operation(.restart, service: "inbox", environment: "development")),
        ("pause the orders rollout in prod, don't roll back yet", Operation(.pause, service: "orders", environment: "production")),
        ("scale gateway up by one in prod, the lone pod is at 95% cpu", Operation(.scale, service: "gateway", environment: "production", delta: 1)),
        // Numbers, money and nouns in a statement about the workload are not the request's.
        ("drop 2 replicas from relay in stg, it sits at 5% cpu on 10 pods", Operation(.scale, service: "relay", environment: "staging", delta: -2)),
        ("scale shard-9 to 0 in dev, it burned $40 overnight on 2 nodes", Operation(.scale, service: "shard-9", environment: "development", replicas: 0)),
        ("remove obsolete-agent from prod, 0 of our 16 nodes have GPUs now", Operation(.delete, service: "obsolete-agent", environment: "production")),
        ("raise the memory limit on olap-1 to 32 gigs, 28GB used at peak", Operation(.setResources, service: "olap-1", memory: "32Gi", scope: .limits)),
        ("scale sts/queue-2 to 5 in prod, lag is 2.3M messages over 48 partitions", Operation(.scale, service: "queue-2", environment: "production", replicas: 5, kind: .statefulset)),
        // A read named by its noun, or a question, is what the line asks beside a statement.
        ("cost of renderer this week, it was $412 last week on 16 nodes", Operation(.cost, service: "renderer", period: .week)),
        ("last 300 lines of logs from invoicing in prod, the errors started around 2:15", Operation(.logs, service: "invoicing", environment: "production", lines: 300)),
        ("what's wrong with etl-7 on staging, job 8812 took 3h instead of 20m", Operation(.diagnose, service: "etl-7", environment: "staging")),
        // A statement first, then the command that points back to it.
        ("edge-proxy is dropping 0.5% of connections in prod, restart it", Operation(.restart, service: "edge-proxy", environment: "production")),
        // `all` beside a new canary's share does not promote it.
        ("deploy ranker v12 to production as a 25% canary on all nodes", Operation(.deploy, service: "ranker", environment: "production", version: "v12", canary: 25)),
    ])
    func aCommentDoesNotChangeTheCommand(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func twoCommandsAreStillTwo() {
        #expect(parse("restart api in prod, delete web in prod").op == .unknown)
        #expect(parse("deploy api to staging, then scale web to 3").op == .unknown)
    }

    @Test func aConditionOrAQuestionInAnotherClauseStillStopsTheChange() {
        #expect(parse("restart cart in prod, if it is still down").op == .unknown)
        #expect(parse("rollback payments? not sure").op == .unknown)
        #expect(parse("restart payments? yes or no").op == .unknown)
        #expect(parse("restart payments, it sits on 3 pods, if it is still slow").op == .unknown)
        #expect(parse("is restarting auth safe?").op == .unknown)
    }

    @Test func aPronounSaidToBeAValueStillNamesTheRequestsValue() {
        #expect(parse("restart payments, it's in prod").environment == "production")
        #expect(parse("ops needs the new version of landing-page on live, it is v3.2.0. Can you deploy please?").version == "v3.2.0")
    }

    @Test func aCommentNamesNoWorkloadBesideOneInTheRequest() {
        let op = parse("could you deploy mail 1.18.3 to staging, qa is waiting on it")
        #expect(op.service == "mail")
        #expect(parse("whats our spend in prod this week, finance is asking").service == nil)
    }

    @Test func whatTheSpeakerWillDoBesideACommandIsNotAReport() {
        let op = parse("turn off autoscaling for ui in dev; we will manage its replicas by hand")
        #expect(op.op == .autoscale)
        #expect(op.enabled == false)
        #expect(parse("we will restart ledger in prod tonight").op == .unknown)
    }

    @Test func arrowsPointAndSemicolonsInProseSeparate() {
        #expect(parse("payouts-v2 -> 5 replicas prod") == Operation(.scale, service: "payouts-v2", environment: "production", replicas: 5))
        #expect(parse("roll back billing in prod to revision 17; the 3.1.0 release broke rounding").revision == 17)
        #expect(parse("restart api > /etc/hosts").op == .unknown)
        #expect(parse("restart api;rm -rf /").op == .unknown)
    }

    @Test func proseInBackticksIsAQuotationAndCommandsInThemAreRefused() {
        let op = parse("whats wrong with payments-v3 on prod, `context deadline exceeded` everywhere")
        #expect(op == Operation(.diagnose, service: "payments-v3", environment: "production"))
        #expect(parse("restart api `shutdown now`").op == .unknown)
        #expect(parse("restart api `rm -rf /`").op == .unknown)
        #expect(parse("restart `delete web` in prod").op != .delete)
    }

    @Test func aVersionNoRuleReadsIsRefusedNotDropped() {
        #expect(parse("deploy mobile-bff 1.0.0~beta to staging").op == .unknown)
        #expect(parse("deploy mobile-bff 1.0.0-beta.3+build.77 to staging").version == "1.0.0-beta.3+build.77")
        #expect(parse("autoscale ledger 3..12 at 65% cpu").max == 12)
    }

    @Test func aStateDescribedIsNotAChange() {
        #expect(parse("billing in prod is on 6 replicas atm").op == .unknown)
        #expect(parse("i set DB_POOL_SIZE=40 on billing last night, fyi").op == .unknown)
    }

    @Test func aParticleAfterTheObjectSetsTheDirection() {
        #expect(parse("bring the number of api replicas in staging down by two").delta == -2)
    }
}

/// kubectl's flags in a request are read as the words they stand for; others stay refused.
@Suite struct ParserKubectlFlagTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test func knownFlagsBecomeFields() {
        #expect(parse("scale --replicas=4 deploy/inventory in stg") == Operation(.scale, service: "inventory", environment: "staging", replicas: 4, kind: .deployment))
        #expect(parse("rollout undo deploy/checkout --to-revision=7 in prod").revision == 7)
        #expect(parse("kubectl logs sts/kafka in prod --tail=100").lines == 100)
        #expect(parse("tail logs of payments --since=15m in stg").since == "15m")
        let hpa = parse("kubectl autoscale checkout --min=2 --max=10 --cpu-percent=80")
        #expect(hpa == Operation(.autoscale, service: "checkout", min: 2, max: 10, cpuPercent: 80))
    }

    @Test func otherFlagsWithValuesAreStillRefused() {
        #expect(parse("scale payments --force=true to 3").op == .unknown)
        #expect(parse("scale payments --replicas=$(reboot)").op == .unknown)
    }

    @Test func aCountWrittenAsAnAssignmentIsACount() {
        #expect(parse("set replicas=0 for legacy-batch in staging") == Operation(.scale, service: "legacy-batch", environment: "staging", replicas: 0))
    }

    @Test func theValueChangedFromIsNotTheOneAskedFor() {
        #expect(parse("lower mail's memory from 2Gi to 1Gi in stg").memory == "1Gi")
    }

    @Test func reportsAndPlansAreNotChanges() {
        #expect(parse("restarted ingress-nginx on live already, 3 nodes still NotReady").op == .unknown)
        #expect(parse("we cut notif-worker to 2 replicas last week").op == .unknown)
        #expect(parse("plan for next quarter: move search to 16 replicas").op == .unknown)
        #expect(parse("our budget was 3k last month").op == .unknown)
    }

    @Test(arguments: [
        ("scale benefits-ui down by 2 in prod, open enrollment ended yesterday", Operation(.scale, service: "benefits-ui", environment: "production", delta: -2)),
        ("restart the fluent-bit daemonset in production, log shipping stopped around 09:40", Operation(.restart, service: "fluent-bit", environment: "production", kind: .daemonset)),
        ("customers on ticket SUP-8812 are seeing double charges, please rollback billing-v2 in production", Operation(.rollback, service: "billing-v2", environment: "production")),
        ("deploy please the mail service to development, three replicas is enough", Operation(.deploy, service: "mail", environment: "development", replicas: 3)),
    ])
    func aStatementBesideTheCommandOnlyComments(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func aMeetingAboutMoneyAsksForNoBudget() {
        #expect(parse("before the budget review on the 15th, what's our total spend for the week so far?") == Operation(.cost, period: .week))
        #expect(parse("cost report").op == .cost)
    }

    @Test func aMessageToAPersonIsNotForCortex() {
        for text in ["Sam, abort the web-app canary in prod", "@devon please bump the memory on report-builder to 2Gi",
                     "@devon restart payments"] {
            let op = parse(text)
            #expect(op.op == .unknown && op.reason?.contains("addressed to a person") == true, "\(text)")
        }
        #expect(parse("@sre-team restart payments in prod") == Operation(.restart, service: "payments", environment: "production"))
        #expect(parse("Thanks, restart payments in prod") == Operation(.restart, service: "payments", environment: "production"))
    }

    @Test func aChangeThatWaitsForSomethingIsACondition() {
        for text in ["restart billing in prod once the batch job finishes",
                     "resume the rollout of ledger in production after the DB migration is done",
                     "deploy notifier to staging with 2 replicas after the freeze ends",
                     "scale api to 3 until the sale ends"] {
            #expect(parse(text).reason?.contains("conditions") == true, "\(text)")
        }
        #expect(parse("roll back pricing in prod, errors started after the 14:05 deploy").op != .unknown)
    }

    @Test func whatWasAddedOrReadIsAReport() {
        #expect(parse("we added two replicas to notifier in prod").op == .unknown)
        #expect(parse("I already read the last 100 lines of the scheduler logs in prod").op == .unknown)
        #expect(parse("read the last 100 lines of the scheduler logs in prod").op == .logs)
    }

    @Test(arguments: [
        ("Hello, the marketing team needs it on live. Please return the tax-calculator on staging to revision 12",
         Operation(.rollback, service: "tax-calculator", environment: "staging", revision: 12)),
        ("please send me last 200 lines of log from recommender at staging", Operation(.logs, service: "recommender", environment: "staging", lines: 200)),
        ("The new version of cart is broken for customers, go back to the previous one in production",
         Operation(.rollback, service: "cart", environment: "production")),
        ("please stop for a moment the rollout of onboarding in production, we check something",
         Operation(.pause, service: "onboarding", environment: "production")),
        ("who can help to upgrade the postgres driver in ledger-sync", Operation(.route, task: "upgrade the postgres driver in ledger-sync")),
        ("revert orders on dev to revision like twelve", Operation(.rollback, service: "orders", environment: "development", revision: 12)),
    ])
    func teamsPeopleAndPointingWordsNameNoWorkload(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func aDeployNeverDropsACountTheLineNames() {
        let op = parse("The sales team need the crm-sync in dev with 2 replicas, can you deploy it?")
        #expect(op.op == .unknown && op.reason?.contains("2 replicas") == true)
    }

    @Test(arguments: [
        ("scale notif-worker-2 to 8 in prod asap, queue is backed up to 40k msgs", Operation(.scale, service: "notif-worker-2", environment: "production", replicas: 8)),
        ("roll search back to revision 41 in staging, revision 42 broke the autocomplete tests", Operation(.rollback, service: "search", environment: "staging", revision: 41)),
        ("show logs for checkout since 2h on prd, looking for 503s", Operation(.logs, service: "checkout", environment: "production", since: "2h")),
        ("can you get me 50 log lines from kyc-svc on live?", Operation(.logs, service: "kyc-svc", environment: "production", lines: 50)),
        ("set the budget to 40k a month", Operation(.budget, amount: 40000, period: .month)),
    ])
    func countsOfThingsStatusCodesAndPastTensesInACommentChangeNothing(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func emojiHoldAndAlreadyAreRead() {
        #expect(parse("put the search-indexer rollout on hold in dev") == Operation(.pause, service: "search-indexer", environment: "development"))
        #expect(parse("⏳⏳ did the edge-proxy rollout in prod finish??") == Operation(.status, service: "edge-proxy", environment: "production"))
        #expect(parse("🔥🔥 restart payments in prod 🔥") == Operation(.restart, service: "payments", environment: "production"))
        #expect(parse("I already set LOG_LEVEL=debug on orders in staging").op == .unknown)
    }

    @Test func handoffNotesTyposPeopleAndRolesAreReadSafely() {
        for text in ["fyi restarted payments in prod at 2am looks fine now", "bumped cart-svc memory to 2Gi in prod last nite fyi",
                     "I'd need you to restart ledger tonight after 10pm", "I already had you restart payments yesterday, right?",
                     "u still need me to resmue the payments rollout?", "@mail-team can you restart mail in staging",
                     "promote Dana to team lead", "scale to 6 in staging, 14:00 is the cutoff", "set the budjet to 300"] {
            let op = parse(text)
            #expect(op.op == .unknown, "\(text): \(op.summary)")
        }
        #expect(parse("scael orders to 3") == Operation(.scale, service: "orders", replicas: 3))
        #expect(parse("set the budjet to 300 a month") == Operation(.budget, amount: 300, period: .month))
        #expect(parse("Please promote the recommendations canary in staging to full traffic.") == Operation(.promote, service: "recommendations", environment: "staging"))
        #expect(parse("@sre-team list the recent events for gradebook").op == .events)
        #expect(parse("Marta would like reports restarted in staging, could you do it").service != "marta")
    }

    @Test func letCommandsAndNegationsWithoutApostrophes() {
        #expect(parse("let api-v3 autoscale from 4 to 16 pods in staging; the last load test hit 80% cpu at 12 pods")
            == Operation(.autoscale, service: "api-v3", environment: "staging", min: 4, max: 16))
        #expect(parse("the payments canary is at 10% in prod havent promoted").op == .unknown)
        #expect(parse("pause the billing-v2 rollout in staging, the migration for DB-118 hasnt finished yet")
            == Operation(.pause, service: "billing-v2", environment: "staging"))
    }

    @Test func asidesInParenthesesAndMeasurementsAreRemarks() {
        #expect(parse("scale pdf-render down by 3 (currently 11) in staging") == Operation(.scale, service: "pdf-render", environment: "staging", delta: -3))
        #expect(parse("deploy geo-lookup v3.1.0 to dev with 2 replicas (the old 1.9 build ran 4)")
            == Operation(.deploy, service: "geo-lookup", environment: "development", replicas: 2, version: "v3.1.0"))
        #expect(parse("restart payments (in prod)") == Operation(.restart, service: "payments", environment: "production"))
        #expect(parse("restart payments (and delete cart)").op == .unknown)
        #expect(parse("restart payments (only if it is down)").op == .unknown)
        #expect(parse("logs of s3-sync from the last day in staging, 1.2TB failed to upload") == Operation(.logs, service: "s3-sync", environment: "staging", since: "1d"))
    }

    @Test func workloadsNamedLikeTheNounsOfAReadAreNames() {
        #expect(parse("scale events to 3") == Operation(.scale, service: "events", replicas: 3))
        #expect(parse("could you restart status in staging please") == Operation(.restart, service: "status", environment: "staging"))
        #expect(parse("status of status in prod") == Operation(.status, service: "status", environment: "production"))
        #expect(parse("show logs for status") == Operation(.logs, service: "status"))
        #expect(parse("show events for events in prod") == Operation(.events, service: "events", environment: "production"))
        // The nouns alone still read.
        #expect(parse("show status") == Operation(.status))
        #expect(parse("show events in prod") == Operation(.events, environment: "production"))
        #expect(parse("what's the status of payments") == Operation(.status, service: "payments"))
    }
}
