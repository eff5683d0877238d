@testable import CortexCore
import Testing

/// Messages as chat tools carry them (handles, shortcodes, background before the line
/// addressed to cortex, an opinion asked after a relayed request), workloads named like
/// verbs, and what is to be done first.
@Suite struct ParserChatTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A verb of another operation where the workload goes is the workload's name.
        ("bounce the triage svc in prod", Operation(.restart, service: "triage", environment: "production")),
        ("tail triage logs in staging", Operation(.logs, service: "triage", environment: "staging")),
        ("scale debug to 2 in dev", Operation(.scale, service: "debug", environment: "development", replicas: 2)),
        ("set memory limits for triage to 1Gi", Operation(.setResources, service: "triage", memory: "1Gi", scope: .limits)),
        // The line addressed to cortex after what others are told.
        ("per the #ops thread (OPS-12): @cortex restart ledger in staging", Operation(.restart, service: "ledger", environment: "staging")),
        ("@here freeze is over. @cortex resume ledger in prod", Operation(.resume, service: "ledger", environment: "production")),
        ("@cortex route: rotate the signing keys :key:", Operation(.route, task: "rotate the signing keys")),
        ("scale ledger to 4 in prod :rocket:", Operation(.scale, service: "ledger", environment: "production", replicas: 4)),
        // Courtesy in other languages, and plural percents.
        ("bitte restart ledger in dev", Operation(.restart, service: "ledger", environment: "development")),
        ("por favor scale ledger to 2 in staging", Operation(.scale, service: "ledger", environment: "staging", replicas: 2)),
        ("deploy ledger v3 in prod as canary with 15 percents of traffic",
         Operation(.deploy, service: "ledger", environment: "production", version: "v3", canary: 15)),
        // `put … on pause`, and a target the autoscaler holds.
        ("put the rollout of ledger on pause in staging", Operation(.pause, service: "ledger", environment: "staging")),
        ("autoscale ledger in prod, 2 to 8 replicas, hold cpu at 60%",
         Operation(.autoscale, service: "ledger", environment: "production", min: 2, max: 8, cpuPercent: 60)),
        // What is to be done first.
        ("the boss wants ledger deleted, but first show me the status of ledger in prod",
         Operation(.status, service: "ledger", environment: "production")),
        // A question with `or not` after a change named as a noun asks how it went.
        ("is the redeploy of ledger in staging finished or not?", Operation(.status, service: "ledger", environment: "staging")),
        // Money in thousands, and verbs of size from other languages.
        ("set the monthly budget to twelve grand", Operation(.budget, amount: 12000, period: .month)),
        ("diminish ledger by 2 in dev", Operation(.scale, service: "ledger", environment: "development", delta: -2)),
        // A fix named before the workload it is for.
        ("deploy the hotfix, ledger v2.0.1-hotfix, to staging", Operation(.deploy, service: "ledger", environment: "staging", version: "v2.0.1-hotfix")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A time already past.
        "Last quarter we set the weekly budget to $900 and it held.",
        // A wish already past.
        "I needed 6 replicas of ledger during the launch",
        // A relayed request and an opinion asked.
        "Dana says scale ledger-api to 9. thoughts?",
        "roll back ledger-api to revision 2. what do you reckon?",
        // A bot's report of a finished change.
        "rollback of ledger-api to revision 4 completed by @kim",
        "restart ledger or not",
        // What is to be done first points back: it is asked on its own line, and the rest never runs.
        "delete ledger, but first show me its status",
        // A condition before the line addressed to cortex.
        "if ledger is down: @cortex restart it",
        // A change in a clause of its own, to come; an intention given up; a negated verb.
        "show logs before we restart ledger-api",
        "I was going to bump ledger to 6 replicas but the freeze is on.",
        "Change freeze is in effect, so don't promote the ledger canary in prod",
        // `on hold` said of a ticket.
        "CHG-77 on hold: don't deploy ledger to prod until Monday",
    ])
    func changesNothing(text: String) {
        #expect(!parse(text).op.isMutation, "\(text)")
    }

    /// Shortcodes go; colons in values and variables stay.
    @Test func shortcodes() {
        #expect(EmojiShortcodes.removing(from: "restart api :white_check_mark: now") == "restart api  now")
        #expect(EmojiShortcodes.removing(from: "set FOO=a:b: on x") == "set FOO=a:b: on x")
        #expect(EmojiShortcodes.removing(from: "ship api:v2") == "ship api:v2")
        #expect(EmojiShortcodes.removing(from: ":+1: ok") == " ok")
    }
}
