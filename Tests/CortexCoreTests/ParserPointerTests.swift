@testable import CortexCore
import Testing

/// Messages whose request points back to the workload an earlier sentence is about (`the same
/// service`, `that canary`, `Why?`), shorthand typed on a phone (`quill/stg`, `rs`, `evts`), and
/// remarks that only talk about a change.
@Suite struct ParserPointerTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A plain word is what a sentence is about when it is placed in an environment, or
        // stands before a word for the workload or its parts.
        ("The lantern service in staging is throttled. Set its cpu request to half a core.",
         Operation(.setResources, service: "lantern", environment: "staging", cpu: "500m", scope: .requests)),
        ("The quill workers in stg are leaking memory. Bounce the same service.",
         Operation(.restart, service: "quill", environment: "staging")),
        ("Ferry in staging came up with the wrong config after the drain. Roll it back to revision 4.",
         Operation(.rollback, service: "ferry", environment: "staging", revision: 4)),
        ("Load just tripled on lantern in prod. Add 2 replicas to it.",
         Operation(.scale, service: "lantern", environment: "production", delta: 2)),
        ("The canary for quill in stg is panicking. Abort that canary.",
         Operation(.abort, service: "quill", environment: "staging")),
        ("We fixed the secret on ferry-api in production. Resume the rollout there.",
         Operation(.resume, service: "ferry-api", environment: "production")),
        ("A stray shell-box deployment is eating cpu on prod. Delete that one.",
         Operation(.delete, service: "shell-box", environment: "production")),
        ("We're in a sev1 on quill in prod. Show events for it.",
         Operation(.events, service: "quill", environment: "production")),
        ("the memory request on ferry in prod is 4Gi. bring it down to 1Gi",
         Operation(.setResources, service: "ferry", environment: "production", memory: "1Gi", scope: .requests)),
        // `Why?`, `root cause?` and a read named alone ask about it.
        ("Stream-sync in stg keeps restarting. Why?", Operation(.diagnose, service: "stream-sync", environment: "staging")),
        ("i restarted ink-drain in dev twice and it won't start. logs?", Operation(.logs, service: "ink-drain", environment: "development")),
        // A report of the past describes; `after` said of a state is when it began.
        ("Everything in dev is red after the upgrade. What's running there?", Operation(.status, environment: "development")),
        // An article's description is not the name, nor is a name shaped elsewhere in the sentence.
        ("Quill in dev is a write-off after the migration. Delete it, we'll rebuild it from scratch later.",
         Operation(.delete, service: "quill", environment: "development")),
        ("the scheduler can't place ink-sync in stage. lower its memory request to 768MB",
         Operation(.setResources, service: "ink-sync", environment: "staging", memory: "768Mi", scope: .requests)),
        // A request that names no workload is of the one the sentence before is about.
        ("latency on ink-7 in prod keeps creeping up. One more replica, please.",
         Operation(.scale, service: "ink-7", environment: "production", delta: 1)),
        ("cron-lantern stopped picking up jobs in dev. Rolling restart, go.",
         Operation(.restart, service: "cron-lantern", environment: "development")),
        // A sentence that only names a workload says what the rest is about, and a plain word
        // told of after it is a part of it.
        ("ferry on staging — take it back to revision three.", Operation(.rollback, service: "ferry", environment: "staging", revision: 3)),
        ("quill-v2 on live. Last 500 log lines, now.", Operation(.logs, service: "quill-v2", environment: "production", lines: 500)),
        ("ink-v2 in prod — queue is backing up. Autoscale it between 3 and 15 replicas.",
         Operation(.autoscale, service: "ink-v2", environment: "production", min: 3, max: 15)),
        // The requests or limits the message names.
        ("quill-api in production has memory requests way too low. Set them to 768MB.",
         Operation(.setResources, service: "quill-api", environment: "production", memory: "768Mi", scope: .requests)),
        // Other readings.
        ("delete the old-ferry demon set from dev", Operation(.delete, service: "old-ferry", environment: "development", kind: .daemonset)),
        ("put ferry in production back to the version it had before", Operation(.rollback, service: "ferry", environment: "production")),
        // A change held off, then a read in a clause of its own: the read, of that workload.
        ("i was going to restart ink-sync in production but hold off and just show me its logs",
         Operation(.logs, service: "ink-sync", environment: "production")),
        ("no restart on quill-gw prd. status only", Operation(.status, service: "quill-gw", environment: "production")),
        ("hold off on promoting quill-gw, show its events in prod for the last 30m",
         Operation(.events, service: "quill-gw", environment: "production", since: "30m")),
        ("Please don't change anything on ferry-api in staging; I only want to understand why it keeps restarting.",
         Operation(.diagnose, service: "ferry-api", environment: "staging")),
        // Dictation: homophones in the company that makes them the operations word, and a
        // report said without a stop before a question.
        ("add to more replicas to quill in staging", Operation(.scale, service: "quill", environment: "staging", delta: 2)),
        ("roll back ferry in production two revision five", Operation(.rollback, service: "ferry", environment: "production", revision: 5)),
        ("show events for quill in production from the last for hours", Operation(.events, service: "quill", environment: "production", since: "4h")),
        ("tale the logs of ink-api in prod", Operation(.logs, service: "ink-api", environment: "production")),
        ("i already restarted ink-gw in staging is it healthy now", Operation(.status, service: "ink-gw", environment: "staging")),
        // A goal instead of a command: the state wished for a rollout, an earlier release,
        // a workload that scales itself.
        ("I want quill-api back on its previous release in production", Operation(.rollback, service: "quill-api", environment: "production")),
        ("I want the rollout of ferry-svc in prod frozen where it is", Operation(.pause, service: "ferry-svc", environment: "production")),
        ("I want the ferry-svc rollout in prod moving again", Operation(.resume, service: "ferry-svc", environment: "production")),
        ("I'd like the paused rollout of quill-api on staging to carry on", Operation(.resume, service: "quill-api", environment: "staging")),
        ("Let the ink-router to scale itself automatic up to 6 pods in staging.", Operation(.autoscale, service: "ink-router", environment: "staging", max: 6)),
        ("KILL the NEW_FLOW flag on quill-web in production, remove that env var NOW!!",
         Operation(.setEnv, service: "quill-web", environment: "production", env: ["NEW_FLOW": .remove])),
        ("I need quill to have 4 pods in prod before the sale kicks off", Operation(.scale, service: "quill", environment: "production", replicas: 4)),
        ("ferry-api has to be at seven replicas on staging", Operation(.scale, service: "ferry-api", environment: "staging", replicas: 7)),
        ("Let's have ink at zero replicas in dev overnight", Operation(.scale, service: "ink", environment: "development", replicas: 0)),
        // kubectl's habits.
        ("rca ferry-api stg", Operation(.diagnose, service: "ferry-api", environment: "staging")),
        ("undo rollout sts/quill-db stg", Operation(.rollback, service: "quill-db", environment: "staging", kind: .statefulset)),
        ("hpa ferry-svc prod min=3 max=15 cpu=60%", Operation(.autoscale, service: "ferry-svc", environment: "production", min: 3, max: 15, cpuPercent: 60)),
        ("autoscale quill in prod to keep CPU around 60%, with at most 15 pods",
         Operation(.autoscale, service: "quill", environment: "production", max: 15, cpuPercent: 60)),
    ])
    func pointsBack(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        ("rs quill prd pls", Operation(.restart, service: "quill", environment: "production")),
        ("ferry stg: rs", Operation(.restart, service: "ferry", environment: "staging")),
        ("bounce quill / dev", Operation(.restart, service: "quill", environment: "development")),
        ("rollback ferry/prd", Operation(.rollback, service: "ferry", environment: "production")),
        ("undo last deploy: quill @ stage", Operation(.rollback, service: "quill", environment: "staging")),
        ("cost ferry / month", Operation(.cost, service: "ferry", period: .month)),
        ("evts quill prd 1h", Operation(.events, service: "quill", environment: "production", since: "1h")),
        ("deploy: ink-api @ 2.4.1 / dev", Operation(.deploy, service: "ink-api", environment: "development", version: "2.4.1")),
        ("quill: cpu -> 1 core, mem -> 1gig", Operation(.setResources, service: "quill", cpu: "1", memory: "1Gi")),
        ("Put the variable LOG_LEVEL on debug for ferry in staging.",
         Operation(.setEnv, service: "ferry", environment: "staging", env: ["LOG_LEVEL": .set("debug")])),
        // A short name that only ends as an adverb does, and `gimme`.
        ("restart tally", Operation(.restart, service: "tally")),
        ("gimme the last 300 lines of logs from ink-sync in prod", Operation(.logs, service: "ink-sync", environment: "production", lines: 300)),
        ("let quill grow on its own up to 30 instances in prod, target 60% CPU",
         Operation(.autoscale, service: "quill", environment: "production", min: nil, max: 30, cpuPercent: 60)),
    ])
    func shorthand(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // Letters swapped or pressed twice, and words shortened, in the words requests are made of.
        ("scale otter to 3 in stagign", Operation(.scale, service: "otter", environment: "staging", replicas: 3)),
        ("remvoe two replicas from quill in prod", Operation(.scale, service: "quill", environment: "production", delta: -2)),
        ("pasue the rollout of ink-api in prod", Operation(.pause, service: "ink-api", environment: "production")),
        ("abrot the canary of ferry in production", Operation(.abort, service: "ferry", environment: "production")),
        ("events for quill in dev since 20 minuets ago", Operation(.events, service: "quill", environment: "development", since: "20m")),
        ("tear downn quill in stagign", Operation(.delete, service: "quill", environment: "staging")),
        ("deploy ferry to stg w 4 repl", Operation(.deploy, service: "ferry", environment: "staging", replicas: 4)),
        ("gimme 50 lns of ink2 logs frm dev, last 6h", Operation(.logs, service: "ink2", environment: "development", lines: 50, since: "6h")),
        ("rstrt quill", Operation(.restart, service: "quill")),
    ])
    func typedInAHurry(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    /// Names are never taken for slips: a short word, or one that is no swap of a known word.
    @Test func namesAreNotSlips() {
        #expect(TypingSlips.meant("form") == nil)
        #expect(TypingSlips.meant("stats") == nil)
        #expect(TypingSlips.meant("ledger") == nil)
        #expect(TypingSlips.meant("stagign") == "staging")
        #expect(TypingSlips.meant("devv") == "dev")
        #expect(parse("restart form in prod") == Operation(.restart, service: "form", environment: "production"))
    }

    /// A request read through a slip is less sure than the same request typed right.
    @Test func aSlipCostsConfidence() {
        let clean = parser.understand("pause ferry in prod", context: UnderstandingContext()).confidence
        let slipped = parser.understand("pasue ferry in prod", context: UnderstandingContext()).confidence
        #expect(slipped < clean)
    }

    @Test(arguments: [
        // Announcements, jokes and remarks about a change named as a gerund.
        "🎉 quill v2.1.0 is fully promoted in prod, great work everyone!!",
        "tell me a joke about kubernetes rollbacks",
        "restarting pods to fix leaks is basically turning it off and on again, classic",
        "scaling quill to 50 replicas would be hilarious",
        // A pointer with nothing to point to, beside a quantity or a phrase.
        "Set its cpu request to half a core.",
        "Bounce the same service.",
        "Delete it, we'll recreate it from scratch later.",
        // kubectl's ReplicaSets, not a restart; a word with a prefix is no name.
        "show rs of quill",
        "hold on, quill is mid-rollout in staging and I want to look first. pause that one",
        // `Black Friday` names a day, not the workload `it` is.
        "Black Friday traffic is hitting lantern hard in prod. Let it autoscale between 4 and 20 replicas.",
        // The speaker's own wish, denied, denies the request; `that` is something else the message named.
        "ink-5 in dev is fine now. We don't need to roll it back anymore.",
        "we don't need to roll it back, ink-5 is healthy",
        "Runbook says 'delete old-ferry in prod once traffic is drained'. Hold off on that for now.",
        // A plain word alone names no workload.
        "Morning. Rolling restart, go.",
        // A statement after the change held off asks for no read; a change before the cue is asked.
        "don't restart quill, I'm still reading its logs",
        "restart quill, don't wait, then scale it to 3",
        "restart quill, don't wait, show its logs",
        "why is the quill rollout paused",
        "i need to know if quill has 3 replicas",
        "quill in prod is on 6 replicas atm",
        "now deploy quill 1.0.4 to prod as a 5% canary... actually make that 10%",
    ])
    func changesNothingWrongly(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aSlashElsewhereIsStillRefused() {
        #expect(parse("GitHub Actions: CI / build failed on acme/quill — 2 failing tests").op == .unknown)
        #expect(parse("restart quill, the config is in / on the box").op == .unknown)
    }
}
