@testable import CortexCore
import Testing

/// Speech as a dictation tool writes it down (fillers, corrections said on the fly, a phrase
/// pointing back at the workload), steps copied from a runbook, business language, and
/// resource requests that cortex cannot carry out as said.
@Suite struct ParserSpeechAndRunbookTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // Fillers.
        ("um so basically can you restart ferry in prod", Operation(.restart, service: "ferry", environment: "production")),
        ("I mean just roll back quill in production, y'know, the last one was bad", Operation(.rollback, service: "quill", environment: "production")),
        ("so basically is anything, y'know, broken on staging right now", Operation(.diagnose, environment: "staging")),
        ("could you pull, uh, the ferry-svc logs from the past two hours on live", Operation(.logs, service: "ferry-svc", environment: "production", since: "2h")),
        ("so basically what's wrong with quill-api, like, it's slow on staging", Operation(.diagnose, service: "quill-api", environment: "staging")),
        // Corrections said on the fly.
        ("scale ferry to four, no, five replicas in prod", Operation(.scale, service: "ferry", environment: "production", replicas: 5)),
        ("roll back quill on staging to revision, um, six, no wait, seven", Operation(.rollback, service: "quill", environment: "staging", revision: 7)),
        ("scale ferry up by three, no, by four on live", Operation(.scale, service: "ferry", environment: "production", delta: 4)),
        ("scale down quill-7 on dev by one, I mean by two", Operation(.scale, service: "quill-7", environment: "development", delta: -2)),
        ("um delete, no wait, restart ferry in dev", Operation(.restart, service: "ferry", environment: "development")),
        ("scale up, no, scale down quill by one in dev", Operation(.scale, service: "quill", environment: "development", delta: -1)),
        // A correction's `no` is fenced by commas; `no` before a noun is part of the request.
        ("restart ferry in staging, no downtime please", Operation(.restart, service: "ferry", environment: "staging")),
        ("show me ferry logs in staging, um, no, in prod", Operation(.logs, service: "ferry", environment: "production")),
        ("autoscale quill in dev from three to six, no, three to nine replicas", Operation(.autoscale, service: "quill", environment: "development", min: 3, max: 9)),
        ("deploy ferry 1.9.2 to prod as a, um, five percent canary, no, ten percent",
         Operation(.deploy, service: "ferry", environment: "production", version: "1.9.2", canary: 10)),
        ("bump the cpu limit on quill to, uh, one core, no, two cores, on live",
         Operation(.setResources, service: "quill", environment: "production", cpu: "2", scope: .limits)),
        // A phrase pointing back at the workload.
        ("roll back ferry-site, y'know, the one in staging", Operation(.rollback, service: "ferry-site", environment: "staging")),
        ("rollback quill on staging, uh, to revision three, y'know, the one from tuesday", Operation(.rollback, service: "quill", environment: "staging", revision: 3)),
        // Runbook steps.
        ("Step 1: Identify why ferry-api pods are crashlooping in dev", Operation(.diagnose, service: "ferry-api", environment: "development")),
        ("- [ ] Note the cost of quill for today", Operation(.cost, service: "quill", period: .day)),
        ("Step 15: Record the weekly cost for prod", Operation(.cost, environment: "production", period: .week)),
        ("- [ ] Review cluster events in staging from the last 6 hours", Operation(.events, environment: "staging", since: "6h")),
        ("Sweep prod for anything else that's broken", Operation(.diagnose, environment: "production")),
        ("Status on ferry in prod. Now.", Operation(.status, service: "ferry", environment: "production")),
        // Business language.
        ("Why is ferry broken for customers in production?", Operation(.diagnose, service: "ferry", environment: "production")),
        ("Put version 1.12.3 of quill in front of customers in production", Operation(.deploy, service: "quill", environment: "production", version: "1.12.3")),
        ("Quill needs more memory in production — give it 4GB", Operation(.setResources, service: "quill", environment: "production", memory: "4Gi")),
        ("Turn ferry off and on again in staging", Operation(.restart, service: "ferry", environment: "staging")),
        ("Retire the ferry-banner service in dev", Operation(.delete, service: "ferry-banner", environment: "development")),
        ("Fire up quill in dev with the image registry.acme.io/quill:0.9.1",
         Operation(.deploy, service: "quill", environment: "development", image: "registry.acme.io/quill:0.9.1")),
        ("I need four replicas of ferry in staging for a load test my lead set up", Operation(.scale, service: "ferry", environment: "staging", replicas: 4)),
        ("flip FEATURE_NEW_PRICING to false on quill in prod, now", Operation(.setEnv, service: "quill", environment: "production", env: ["FEATURE_NEW_PRICING": .set("false")])),
        ("quill-svc: cpu 0.5, memory 256MB, staging", Operation(.setResources, service: "quill-svc", environment: "staging", cpu: "500m", memory: "256Mi")),
        // Words that describe, ask about spending, or tell who asked.
        ("Are we over budget this month?", Operation(.cost, period: .month)),
        ("please delete the test service ferry-3 from dev, I made it by mistake", Operation(.delete, service: "ferry-3", environment: "development")),
        ("Ship the partner build ghcr.io/acme/quill-portal:7.0.2 to prod as quill-portal",
         Operation(.deploy, service: "quill-portal", environment: "production", image: "ghcr.io/acme/quill-portal:7.0.2")),
        ("the rollout of ferry-svc in prod looks stuck and scary, can you pause it?", Operation(.pause, service: "ferry-svc", environment: "production")),
        ("The board asked how much quill-pipeline costs per month", Operation(.cost, service: "quill-pipeline", period: .month)),
        ("deploy the ferry build 1.2.3 to staging", Operation(.deploy, service: "ferry", environment: "staging", version: "1.2.3")),
        // A chat reply under a quoted line, and a vote before the request.
        ("> should we just delete the old quill deployment in dev?\nyeah go ahead, delete quill in dev", Operation(.delete, service: "quill", environment: "development")),
        ("+1 to that. restart ferry in staging", Operation(.restart, service: "ferry", environment: "staging")),
        // Money said every way.
        ("make the budget half a grand weekly", Operation(.budget, amount: 500, period: .week)),
        ("budget $99.99 per day", Operation(.budget, amount: 99.99, period: .day)),
        ("Spending cap: $1.75k monthly.", Operation(.budget, amount: 1750, period: .month)),
        ("daily budget of 1.2 thousand dollars", Operation(.budget, amount: 1200, period: .day)),
        // kubectl's command lines.
        ("get deploy ferry -n prod", Operation(.status, service: "ferry", environment: "production", kind: .deployment)),
        ("kubectl set image deploy/quill quill=ghcr.io/acme/quill:3.1.0 -n staging",
         Operation(.deploy, service: "quill", environment: "staging", image: "ghcr.io/acme/quill:3.1.0", kind: .deployment)),
        ("kubectl delete deployment old-ferry --namespace prd", Operation(.delete, service: "old-ferry", environment: "production", kind: .deployment)),
        // A read asked before a change the speaker will make.
        ("before I restart ferry-proxy, um, what's been happening with it in the last ten minutes", Operation(.events, service: "ferry-proxy", since: "10m")),
        ("- [ ] Before restarting quill, check why it's failing in staging", Operation(.diagnose, service: "quill", environment: "staging")),
        ("before I touch anything: what's running in dev right now?", Operation(.status, environment: "development")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Changes by an amount, and a unit of the other resource.
        "bump cpu on ferry by 200 millicores",
        "give quill 10% more cpu",
        "set the cpu limit of ferry to 4 gigs",
        // Reports and conditions.
        "Mo bumped quill to 2 gigs this morning.",
        "I need to roll back ferry, but only after my lead says ok",
        "Thanks for the help with the rollout earlier",
        // Quoted, agreed with, priced in another currency, ruled out, or only wondered about.
        "> delete ferry in prod",
        "> if ferry errors go over 5% roll it back\n+1 to that plan",
        "budget 300 CAD monthly",
        "0.02 BTC per day budget",
        "don't touch the $2k monthly budget",
        "tell me what scaling quill to 20 in prod would cost",
        "Sam wrote in the ticket: set LOG_LEVEL=trace on ferry",
        // A degree and a participle describe, they name no workload.
        "We're over-provisioned on quill in staging; drop three instances",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func refusalsSayWhatToTypeInstead() {
        #expect(parse("bump cpu on ferry by 200 millicores").reason?.contains("set the cpu of ferry to") == true)
        #expect(parse("set the cpu limit of ferry to 4 gigs").reason?.contains("is a size of memory") == true)
        // A past tense told of earlier today is a report; asked about, it is a question.
        #expect(parse("was ferry in prod restarted overnight? show me its events from the last 12 hours")
            == Operation(.events, service: "ferry", environment: "production", since: "12h"))
        // `the one` counted is still a count.
        #expect(parse("scale ferry to the one replica") == Operation(.scale, service: "ferry", replicas: 1))
        // A task said plainly keeps its verb; only `own the work to` is a wrapper.
        #expect(parse("which team should handle the flaky CI pipeline") == Operation(.route, task: "handle the flaky CI pipeline"))
        #expect(parse("Who should own the work to speed up the invoice PDFs?") == Operation(.route, task: "speed up the invoice PDFs"))
        #expect(parse("I need someone to audit the IAM roles for the data team, who's best for that")
            == Operation(.route, task: "audit the IAM roles for the data team"))
    }
}
