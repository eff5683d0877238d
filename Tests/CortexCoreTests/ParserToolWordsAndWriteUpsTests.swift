@testable import CortexCore
import Testing

/// Requests in the words of other delivery tools (Helm, Argo Rollouts, Flux), slang, and
/// the lines around them that ask for nothing: a write-up's decisions and action items,
/// commands shown to a class as examples, and messages for someone else to act on.
@Suite struct ParserToolWordsAndWriteUpsTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A tool's verb stands for the operation; the tool is never the workload.
        ("helm upgrade kestrel to 4.2.0 in staging", Operation(.deploy, service: "kestrel", environment: "staging", version: "4.2.0")),
        ("helm rollback kestrel to revision 9 on prod", Operation(.rollback, service: "kestrel", environment: "production", revision: 9)),
        ("helm uninstall old-heron from dev", Operation(.delete, service: "old-heron", environment: "development")),
        ("helm ls for staging", Operation(.status, environment: "staging")),
        ("argo promote kestrel in prod", Operation(.promote, service: "kestrel", environment: "production")),
        ("flux suspend heron on staging", Operation(.pause, service: "heron", environment: "staging")),
        ("set replicaCount to 4 for heron in dev", Operation(.scale, service: "heron", environment: "development", replicas: 4)),
        // Slang for a restart, a look, a pause, a cost.
        ("bonk kestrel in prod", Operation(.restart, service: "kestrel", environment: "production")),
        ("vibe check heron in staging", Operation(.status, service: "heron", environment: "staging")),
        ("hit the brakes on the kestrel rollout in prod", Operation(.pause, service: "kestrel", environment: "production")),
        ("is heron alive on staging or nah", Operation(.status, service: "heron", environment: "staging")),
        ("why's kestrel crashing in stg?", Operation(.diagnose, service: "kestrel", environment: "staging")),
        ("kestrel @ dev: cpu ½ core, mem 1 gig", Operation(.setResources, service: "kestrel", environment: "development", cpu: "500m", memory: "1Gi")),
        // A clause after the request that says why, or what its output is for.
        ("scale heron to 0 in dev, saving $$", Operation(.scale, service: "heron", environment: "development", replicas: 0)),
        ("scale sts/heron-db to 3 in prod, read traffic is up",
         Operation(.scale, service: "heron-db", environment: "production", replicas: 3, kind: .statefulset)),
        ("pull the last 300 lines of heron logs in production for the appendix",
         Operation(.logs, service: "heron", environment: "production", lines: 300)),
        // Not conditions: a reminder to oneself, how long a pause lasts.
        ("ok before I forget, roll back kestrel in prod to revision 7", Operation(.rollback, service: "kestrel", environment: "production", revision: 7)),
        ("pause the rollout of heron in prod until the review is done", Operation(.pause, service: "heron", environment: "production")),
        // A trainer's own request during the demo.
        ("live demo: deploy kestrel 2.0.0 to staging as a 20% canary",
         Operation(.deploy, service: "kestrel", environment: "staging", version: "2.0.0", canary: 20)),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A tool's command without a workload, and jokes.
        "helm upgrade",
        "argo promote",
        "lol just helm delete prod and go home",
        "scale me to zero, going to sleep",
        // Examples shown to a class, and homework.
        "for instance you might type restart kestrel in prod",
        "so you might write: set the monthly budget to $5000. don't, it's my card",
        "pretend we're in prod: scale heron to 50. what do you expect?",
        "homework: set budget 100 a week on your own sandbox",
        // Messages for someone else to act on.
        "ask the DBA on call to promote the heron canary",
        "pls ask @li to restart kestrel @ dev",
        // Lines of a write-up.
        "AI (owner: Marco, due Jun 21): set memory limit on heron to 3Gi in prod",
        "Decision: all kestrel deploys go through staging with at least 2 replicas from now on",
        "Root cause: DB_POOL_SIZE was 10 on kestrel, it should have been 40",
        "Lessons learned: roll back heron sooner",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aDecisionTakenNowStillAsks() {
        #expect(parse("ok decision made: abort the heron canary in staging") == Operation(.abort, service: "heron", environment: "staging"))
        #expect(ToolCommands.rewrite("helm upgrade kestrel") == "deploy kestrel")
        #expect(ToolCommands.rewrite("kubectl argo rollouts abort kestrel") == "abort kestrel")
        // A verb of the tool without a meaning here is left as written.
        #expect(ToolCommands.rewrite("helm template kestrel") == "helm template kestrel")
    }
}
