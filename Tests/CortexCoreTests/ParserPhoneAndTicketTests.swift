@testable import CortexCore
import Testing

/// Chat around a request: when the person asked is free (`once you're free, …`), texting
/// shorthand and slips typed on a phone, clause breaks typed without a comma, ticket fields,
/// and reports told in chat (`lol almost deleted prod`, `thanks for deploying …`).
@Suite struct ParserPhoneAndTicketTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // The listener's being free is no condition on the cluster.
        ("When you get a sec, could you restart ferry in prod?", Operation(.restart, service: "ferry", environment: "production")),
        ("Once you're free, scale quill on staging to 4", Operation(.scale, service: "quill", environment: "staging", replicas: 4)),
        ("whenever works for you: roll back ferry in dev", Operation(.rollback, service: "ferry", environment: "development")),
        ("Whenever's good, please pause the quill rollout in prod.", Operation(.pause, service: "quill", environment: "production")),
        ("resume ferry in staging once you're off that call", Operation(.resume, service: "ferry", environment: "staging")),
        ("Mind bouncing ferry on stage once you're done with standup?", Operation(.restart, service: "ferry", environment: "staging")),
        ("no rush - how is quill doing in prod?", Operation(.status, service: "quill", environment: "production")),
        // Typed on a phone.
        ("deploy quill too dev rn", Operation(.deploy, service: "quill", environment: "development")),
        ("roll black ferry in prod", Operation(.rollback, service: "ferry", environment: "production")),
        ("résumé rollout for quill on stg", Operation(.resume, service: "quill", environment: "staging")),
        ("raise the cup limit on ferry to 2 cores in live", Operation(.setResources, service: "ferry", environment: "production", cpu: "2", scope: .limits)),
        ("promote the cannery for quill in prod", Operation(.promote, service: "quill", environment: "production")),
        ("stg events last our pls", Operation(.events, environment: "staging", since: "1h")),
        ("how much r we spending this weak", Operation(.cost, period: .week)),
        // A second clause without its comma.
        ("nuke tmp-ferry on stg its not needed anymore", Operation(.delete, service: "tmp-ferry", environment: "staging")),
        ("need 2 more replicas of quill-gw in prod rn traffic is nuts", Operation(.scale, service: "quill-gw", environment: "production", delta: 2)),
        ("dont scale quill just show me its logs in prod", Operation(.logs, service: "quill", environment: "production")),
        // Ticket fields and a reason after the summary.
        ("CR-1182 | Deploy ferry v2.0.1 to production | Priority: High", Operation(.deploy, service: "ferry", environment: "production", version: "v2.0.1")),
        ("OPS-77 [P1] - Scale quill to 0 in staging: cost reduction", Operation(.scale, service: "quill", environment: "staging", replicas: 0)),
        ("OPS-78 - Verify ferry deploy completed in staging", Operation(.status, service: "ferry", environment: "staging")),
        // kubectl's words and flags.
        ("deploy ferry 1.0.3 --env live", Operation(.deploy, service: "ferry", environment: "production", version: "1.0.3")),
        ("cycle the po for deploy/quill -n dev", Operation(.restart, service: "quill", environment: "development", kind: .deployment)),
        ("rollback ferry on staging to rev number one", Operation(.rollback, service: "ferry", environment: "staging", revision: 1)),
        // Look-backs and counts in words.
        ("quill logs, last couple of hours, prod", Operation(.logs, service: "quill", environment: "production", since: "2h")),
        ("tail ferry's logs for the last quarter of an hour in live", Operation(.logs, service: "ferry", environment: "production", since: "15m")),
        ("Knock a replica off quill on live, we're over-egging it", Operation(.scale, service: "quill", environment: "production", delta: -1)),
        // A change told of before the request is not the request.
        ("ferry rollback at 3 bought us time; launch ferry v3.0.2 on prd as a 15 percent canary",
         Operation(.deploy, service: "ferry", environment: "production", version: "v3.0.2", canary: 15)),
        // Formal frames ask politely.
        ("Dear team, we would appreciate it if you could restart quill in staging. Kind regards, Ana", Operation(.restart, service: "quill", environment: "staging")),
        // A letter's greeting to a team and its sign-off are not workloads.
        ("Dear colleagues, ferry appears to be holding on to a stale connection pool, so please could you restart it. Regards, Anders",
         Operation(.restart, service: "ferry")),
        ("Good morning, platform team, could you show us the last fifty log lines from quill? Many thanks, Yusuf", Operation(.logs, service: "quill", lines: 50)),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // The clause waits for something in the systems, or ties the request to the cluster.
        "once you're done with the migration, restart ferry in prod",
        "when quill is healthy, restart ferry",
        // Reports told in chat.
        "lol almost deleted prod just now",
        "accidentally deleted ferry in prod",
        "Thanks for deploying quill earlier! let me know if it looks ok in staging",
        "Last week we make deploy of ferry 3.1 to prod and it goes very bad",
        "ferry deploy completed in staging",
        // Asking how something works.
        "Whenever you have time, can you walk me through how a rollback to a specific revision works?",
        "don't you dare delete the ferry-db statefulset",
        "whoever set LOG_LEVEL=trace on quill in prod, I hope you're proud of yourself",
        "Dear Platform Team, should the budget be exceeded this month, please scale quill in dev to zero. Kind regards, Olga",
        "restart the cleanup-tmp CronJob on prod",
        "kick off the reindex batch job by hand in stg",
        // A pipe outside a ticket's fields is still shell syntax.
        "kubectl get pods | grep ferry",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aChangeNamedFirstIsStillACommand() {
        #expect(parse("restart failed pods of ferry").op == .restart)
        #expect(parse("relay deploy finished?") == Operation(.status, service: "relay"))
        #expect(parse("REL-341 [stage] pause rollout: ferry") == Operation(.pause, service: "ferry", environment: "staging"))
        // A greeting to a person keeps the request addressed to them.
        #expect(parse("Hey Marco, please bump quill to 6 replicas in staging.").op == .unknown)
        #expect(parse("can ya bin the old-feed deployment in dev, mate") == Operation(.delete, service: "old-feed", environment: "development"))
        #expect(parse("please restart quill in prod, the batch job has finished") == Operation(.restart, service: "quill", environment: "production"))
        #expect(parse("I need quill to have 4 pods in prod before the sale kicks off") == Operation(.scale, service: "quill", environment: "production", replicas: 4))
    }
}
