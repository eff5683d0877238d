@testable import CortexCore
import Testing

/// Lines copied from ticket trackers (keys, tags, closed states, post-mortems), words a
/// dictation tool mis-hears, changes named as nouns, and questions about what a command does.
@Suite struct ParserTicketTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A ticket's key and priority file the request; an environment tag says where it is meant.
        ("[dev] DEP-91: roll out beacon", Operation(.deploy, service: "beacon", environment: "development")),
        ("OPS-4471 | scale beacon to 4 in stg", Operation(.scale, service: "beacon", environment: "staging", replicas: 4)),
        ("OPS-4431: relay-7 → 6 replicas [prd]", Operation(.scale, service: "relay-7", environment: "production", replicas: 6)),
        ("INC-77 [P2] diagnose beacon (live)", Operation(.diagnose, service: "beacon", environment: "production")),
        ("[SEV1] restart beacon in staging", Operation(.restart, service: "beacon", environment: "staging")),
        // The words' own environment wins over none at all, and a tag adds none beside it.
        ("[dev] restart beacon in dev", Operation(.restart, service: "beacon", environment: "development")),
        // Dictation: homophones in the company that makes them operations words.
        ("role back beacon in production", Operation(.rollback, service: "beacon", environment: "production")),
        ("paws the rollout of beacon in prod", Operation(.pause, service: "beacon", environment: "production")),
        ("scale beacon to won replica on stage", Operation(.scale, service: "beacon", environment: "staging", replicas: 1)),
        ("okay so bump beacon up buy three on staging", Operation(.scale, service: "beacon", environment: "staging", delta: 3)),
        ("uh logs for beacon in live for the past three ours", Operation(.logs, service: "beacon", environment: "production", since: "3h")),
        ("how much have we spent this weak", Operation(.cost, period: .week)),
        ("show me events from the passed day in dev", Operation(.events, environment: "development", since: "1d")),
        // A workload named like a verb, before its version.
        ("deploy stream v1.2.0 to staging", Operation(.deploy, service: "stream", environment: "staging", version: "v1.2.0")),
        // Quantities with `of`, and the autoscaler in capitals.
        ("set cpu requests for beacon to half of a core", Operation(.setResources, service: "beacon", cpu: "500m", scope: .requests)),
        ("remove HPA from beacon in dev", Operation(.autoscale, service: "beacon", environment: "development", enabled: false)),
        // A change named after `before` and a determiner says when; the read is the request.
        ("check recent beacon logs before any restart", Operation(.logs, service: "beacon")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Openings that ask for what follows.
        ("Don't forget to deploy beacon 2.3.0 to production.", Operation(.deploy, service: "beacon", environment: "production", version: "2.3.0")),
        ("Don't wait for me, restart beacon in staging.", Operation(.restart, service: "beacon", environment: "staging")),
        ("Never mind the alerts, scale beacon to 3 in dev.", Operation(.scale, service: "beacon", environment: "development", replicas: 3)),
        // What not to do beside a read: the read.
        ("What's wrong with beacon in staging? Don't roll anything back yet.", Operation(.diagnose, service: "beacon", environment: "staging")),
        ("Don't abort the canary for beacon yet — show its logs from the last 10 minutes in staging",
         Operation(.logs, service: "beacon", environment: "staging", since: "10m")),
        ("dont scale anything yet, just tell me whats wrong w/ beacon in prod", Operation(.diagnose, service: "beacon", environment: "production")),
        ("Don't roll back beacon yet; first show me the events of the last 30 minutes in prod.",
         Operation(.events, service: "beacon", environment: "production", since: "30m")),
        // A read that points back to the workload a report of a change names.
        ("I restarted beacon in staging an hour ago and it's still failing. What's wrong with it?",
         Operation(.diagnose, service: "beacon", environment: "staging")),
        ("Priya rolled back beacon last night; show me its events in prod from the last 12 hours.",
         Operation(.events, service: "beacon", environment: "production", since: "12h")),
        ("we rolled back beacon yesterday, whats been happening w/ it the last 6h", Operation(.events, service: "beacon", since: "6h")),
        // `it` after a sentence about one workload: that workload, its kind and where it is.
        ("the kafka statefulset in staging lost a broker during the node drain. scale it back to 3",
         Operation(.scale, service: "kafka", environment: "staging", replicas: 3, kind: .statefulset)),
        ("queue depth on mail-worker in prod just crossed 40k. take it to 12 replicas",
         Operation(.scale, service: "mail-worker", environment: "production", replicas: 12)),
        ("node-agent is a daemonset, and on dev half its pods still have the old cert mounted. restart it",
         Operation(.restart, service: "node-agent", environment: "development", kind: .daemonset)),
        ("harbor's hpa in dev only goes to 4. make it min 2, max 6", Operation(.autoscale, service: "harbor", environment: "development", min: 2, max: 6)),
        ("secrets rotation for auth2 is done in staging. point it at the new one: DB_REF=vault:auth2/db-v2",
         Operation(.setEnv, service: "auth2", environment: "staging", env: ["DB_REF": .set("vault:auth2/db-v2")])),
        ("beacon in staging is slow after the deploy. what's wrong with it?", Operation(.diagnose, service: "beacon", environment: "staging")),
        ("beacon in staging is slow. Don't restart it yet — show its events", Operation(.events, service: "beacon", environment: "staging")),
        // The one place the message names, for a request that names none.
        ("dev cluster is tight on capacity today. drop hive by one replica", Operation(.scale, service: "hive", environment: "development", delta: -1)),
        // Reading and saying aloud.
        ("2. Verify relay is healthy in production", Operation(.status, service: "relay", environment: "production")),
        ("wtf happened in prod in the last 20 mins", Operation(.events, environment: "production", since: "20m")),
        ("set FEATURE_X equals true on hopper in dev", Operation(.setEnv, service: "hopper", environment: "development", env: ["FEATURE_X": .set("true")])),
        // An idiom for ending a canary.
        ("Pull the plug on the beacon canary in staging.", Operation(.abort, service: "beacon", environment: "staging")),
    ])
    func requestBesideWhatItIsNot(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A change beside a sentence that says not to make one.
        "Don't restart beacon. Scale it to 4 in prod.",
        // A change put off until an event to come.
        "restart beacon after lunch",
        "resume the beacon rollout in prod after the db migration",
        "don't forget to resume the beacon rollout in prod after the db migration",
        // A deploy that leaves out the version another sentence names.
        "fraud-scorer 4.0.0 passed the soak in stage. put it on live as a 5% canary",
        // The scope of a quantity is never the workload.
        "set the limits to 2 cores",
        // A description of an autoscaler's bounds.
        "harbor's hpa in dev only goes to 4",
        // What the speaker does after a report asks nothing.
        "rolled back beacon to 40, watching it now",
    ])
    func stillChangesNothing(text: String) {
        #expect(!parse(text).op.isMutation, "\(text)")
    }

    @Test func removingItAfterSpeakingOfAutoscalingRemovesTheAutoscaler() {
        var off = Operation(.autoscale, service: "beacon", environment: "production")
        off.enabled = false
        #expect(parse("We don't want more autoscaling for beacon in production, remove it.") == off)
        #expect(parse("remove it, the autoscaling of beacon in prod") == off)
    }

    @Test(arguments: [
        // Closed tickets and post-mortems ask for nothing now.
        "[WONTFIX] OPS-4791: delete beacon in dev",
        "OPS-4821 (resolved): budget raised to $900/month",
        "OPS-12 [done] restart beacon in staging",
        "Post-mortem: INC-2215 rollback of beacon in prod",
        "scale beacon to 3 in prod [closed]",
        // A question behind a ticket's key is still a question.
        "REL-361: can we promote the beacon canary yet?",
        // Changes in the plural as a subject, and what a command does.
        "Rollbacks have saved us twice this week.",
        "restarts are cheap",
        "wait what does the promote command actually do",
        "explain to me like im 5 what a rollout pause is",
    ])
    func changesNothing(text: String) {
        #expect(!parse(text).op.isMutation, "\(text)")
    }

    /// Every understander's answer is held to the mood: a closed ticket reports.
    @Test func aClosedTicketIsAReportInEveryMode() {
        #expect(EmbeddedParser.mood(of: "[WONTFIX] OPS-4790: delete sparrow in dev") == .report)
        #expect(EmbeddedParser.mood(of: "Post-mortem: rollback of inkwell in prod") == .report)
        #expect(EmbeddedParser.mood(of: "OPS-4790: delete sparrow in dev") == .request)
    }

    @Test func ticketHeaders() {
        let standard = EnvironmentCatalog.standard
        #expect(TicketHeaders.read("restart beacon", standard) == .request("restart beacon"))
        #expect(TicketHeaders.read("OPS-1: restart beacon", standard) == .request("restart beacon"))
        #expect(TicketHeaders.read("[dev] OPS-1: restart beacon", standard) == .request("restart beacon in development"))
        #expect(TicketHeaders.read("restart beacon (prod).", standard) == .request("restart beacon in production"))
        // A tag of another kind is the request's, for the parser to judge.
        #expect(TicketHeaders.read("(skip in prod) delete beacon in staging", standard) == .request("(skip in prod) delete beacon in staging"))
        #expect(TicketHeaders.read("[read-only] logs of beacon", standard) == .request("[read-only] logs of beacon"))
        // Two environments in tags stay a conflict for the parser.
        #expect(TicketHeaders.read("[dev] restart beacon [prod]", standard) == .request("[dev] restart beacon [prod]"))
        // A key alone, and lowercase words with a dash, are no ticket.
        #expect(TicketHeaders.read("OPS-1", standard) == .request("OPS-1"))
        #expect(TicketHeaders.read("api-2: restart it", standard) == .request("api-2: restart it"))
    }

    @Test func dictationSlipsNeedTheirCompany() {
        #expect(DictationSlips.correct("we won the game") == "we won the game")
        #expect(DictationSlips.correct("buy more disks") == "buy more disks")
        #expect(DictationSlips.correct("the role of beacon") == "the role of beacon")
        #expect(DictationSlips.correct("the signal is weak today") == "the signal is weak today")
        #expect(DictationSlips.correct("it passed the tests") == "it passed the tests")
        #expect(DictationSlips.correct("role it back") == "roll it back")
    }
}
