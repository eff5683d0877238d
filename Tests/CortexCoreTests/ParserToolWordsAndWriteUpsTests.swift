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

/// Lines in the habits of code (commit messages, comments, pull-request titles), a change
/// widened beyond one workload, the kind said of a workload, an environment mistyped by
/// autocorrect, and courtesies of other languages.
@Suite struct ParserCodeHabitsAndScopeTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("fix: restart heron in prod", Operation(.restart, service: "heron", environment: "production")),
        ("feat(kestrel): deploy v2.0.0 to prod", Operation(.deploy, service: "kestrel", environment: "production", version: "v2.0.0")),
        ("chore(hpa): stop autoscaling heron in staging", Operation(.autoscale, service: "heron", environment: "staging", enabled: false)),
        ("restart the kestrel-agent pod on each node, it's a daemonset",
         Operation(.restart, service: "kestrel-agent", kind: .daemonset)),
        ("restart heron in prof pls", Operation(.restart, service: "heron", environment: "production")),
        ("Scale kestrel to 8 inprof", Operation(.scale, service: "kestrel", environment: "production", replicas: 8)),
        ("revert heron on stag", Operation(.rollback, service: "heron", environment: "staging")),
        ("shrink kestrel down to just 1 replica on staging", Operation(.scale, service: "kestrel", environment: "staging", replicas: 1)),
        ("tolong deploy heron v3.2 to staging ya, makasih", Operation(.deploy, service: "heron", environment: "staging", version: "v3.2")),
        // The words of the languages mixed into English around the operation's own.
        ("hazle un restart a heron-gw en dev, gracias", Operation(.restart, service: "heron-gw", environment: "development")),
        ("dame los logs de heron, las ultimas 100 lineas, en prod", Operation(.logs, service: "heron", environment: "production", lines: 100)),
        ("yaar heron ko prod mein restart karna hai, jaldi please", Operation(.restart, service: "heron", environment: "production")),
        ("Bitte deploy heron 2.8.0 nach prod als 10% canary", Operation(.deploy, service: "heron", environment: "production", version: "2.8.0", canary: 10)),
        ("Zeig mir die logs von heron aus den letzten 2 Stunden in prod", Operation(.logs, service: "heron", environment: "production", since: "2h")),
        ("let heron autoscale to at most 20 replicas, holding 65% cpu across all pods",
         Operation(.autoscale, service: "heron", max: 20, cpuPercent: 65)),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "// TODO: set LOG_LEVEL=info on heron before GA",
        "3f9e21a fix: restart kestrel on OOM",
        "squash! chore: bump heron to 0.8.2",
        "Merge pull request #482 from platform/scale-heron",
        "PR title: feat(hpa): autoscale heron 2-10",
        "WIP: do not merge - scales heron to 20 in prod",
        "fix: typo in the \"restart\" button label",
        "nit: scale kestrel to 2 in staging?",
        "scale each of the workers to 2 replicas",
        "deploy v3.1.0 to all the frontend services in staging",
        "restart heron-cache, and kestrel-svc too while you're at it",
        "delete both the zk statefulset and the zk deployment",
        "Mas Andi, after lunch please restart heron in staging ya",
        "heron-bot deploys, kestrel-guard rolls back",
        "- [ ] restart heron in prod after cert rotation",
        "sure lets just delete prof entirely and go home lol",
        "I'm scared to press deploy",
        // Reports: a log line's time first, told for information, a thing and what it did.
        "02:47 scaled heron to 24, queue draining",
        "fyi I set RETRY_LIMIT=3 on heron at 08:30 per ticket 6610",
        "the 10% canary of heron ran for 48h with 0.01% errors",
        "o Pedro já fez restart do heron em staging ontem",
        // People greeted or called on, then asked.
        "Hey team, could someone restart heron in production?",
        "sam, please rollback heron in staging",
        "Anh Tuan oi, can you rollback heron when you are free?",
        // A word where a place belongs that is not one stays refused.
        "restart heron in pod",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func slipsOfShortAliasesOnlyWhereAPlaceIsExpected() {
        let catalog = EnvironmentCatalog.standard
        #expect(catalog.resolveSlip("prof") == "production")
        #expect(catalog.resolveSlip("stag") == "staging")
        // Neighbours of an alias that is an English word are words themselves.
        #expect(catalog.resolveSlip("line") == nil)
        #expect(catalog.resolveSlip("pods") == nil)
        #expect(parse("restart heron in line with the runbook").environment == nil)
        #expect(CodeText.isCommitHash("3f9e21a"))
        #expect(!CodeText.isCommitHash("deadbeef"))
    }
}

/// Values and scopes that reach past a clause: a variable's value with commas in it, the
/// scope a sentence denies (`requests, not limits`), a field closed by a comma.
@Suite struct ParserValuesAcrossClauses: ReadsSentences {
    let parser = EmbeddedParser()

    @Test func readsExactly() {
        let cases: [(String, Operation)] = [
            ("SPRING_PROFILES_ACTIVE=prod,metrics for tax-calc on live",
             Operation(.setEnv, service: "tax-calc", environment: "production", env: ["SPRING_PROFILES_ACTIVE": .set("prod,metrics")])),
            ("set ALLOWED_ORIGINS=a.example.com,b.example.com on web-frontend",
             Operation(.setEnv, service: "web-frontend", env: ["ALLOWED_ORIGINS": .set("a.example.com,b.example.com")])),
            ("requests not limits, you mixed them up. set cpu requests on risk-scorer to 750m in prod",
             Operation(.setResources, service: "risk-scorer", environment: "production", cpu: "750m", scope: .requests)),
            ("set memory requests, not limits, on ledger to 1Gi",
             Operation(.setResources, service: "ledger", memory: "1Gi", scope: .requests)),
            ("give session-store 4Gi of memory, limits only, kind=statefulset, env=staging",
             Operation(.setResources, service: "session-store", environment: "staging", kind: .statefulset, memory: "4Gi", scope: .limits)),
            ("restart session-store, kind=statefulset, env=staging",
             Operation(.restart, service: "session-store", environment: "staging", kind: .statefulset)),
        ]
        for (text, expected) in cases {
            #expect(parse(text) == expected, "\(text)")
        }
    }

    /// A lower-case name or a second `=` after the comma is not one value.
    @Test func commasStillSeparate() {
        #expect(parse("set A=1,B=2 on cart").env?["A"] != .set("1,B=2"))
        #expect(parse("set log_level=debug,trace on cart").env?["LOG_LEVEL"] != .set("debug,trace"))
    }
}
