@testable import CortexCore
import Testing

/// Requests typed where Markdown is rendered (headings that label the ask, code spans, bold,
/// links, arrows, lists on one line), chat-ops slash commands with their arguments, offhand
/// ways of asking, a purpose or a story told around the request, and reports told by what did
/// them.
@Suite struct ParserMarkdownAndChatOpsTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // A heading that labels what follows.
        ("## Ask: restart `tern-api` in **prod**", Operation(.restart, service: "tern-api", environment: "production")),
        ("### Action needed — scale `gannet` down by **3** replicas in `staging`", Operation(.scale, service: "gannet", environment: "staging", delta: -3)),
        ("# TL;DR: set the **memory limit** of `petrel` to `1Gi` in dev",
         Operation(.setResources, service: "petrel", environment: "development", memory: "1Gi", scope: .limits)),
        // Code spans holding a variable or an amount; bold; a link's target.
        ("Set env on `petrel` (**staging**): `RETRY_MAX=5`, `ZONE=eu-2`",
         Operation(.setEnv, service: "petrel", environment: "staging", env: ["RETRY_MAX": .set("5"), "ZONE": .set("eu-2")])),
        ("Budget: `$75` / **week**", Operation(.budget, amount: 75, period: .week)),
        ("### Release: deploy `tern-api` `v1.4.0` to **dev** — notes in [CHANGELOG](https://git.example.com/tern/CHANGELOG.md)",
         Operation(.deploy, service: "tern-api", environment: "development", version: "v1.4.0")),
        // An arrow after a field's name; a list numbered within the line.
        ("`gannet`: cpu → **3 cores**, memory → **6 gigs** (prod)", Operation(.setResources, service: "gannet", environment: "production", cpu: "3", memory: "6Gi")),
        ("Autoscaler request: 1. service `skua` 2. **min 3 / max 7** 3. env `stg`",
         Operation(.autoscale, service: "skua", environment: "staging", min: 3, max: 7)),
        // Slash commands and their arguments.
        ("/deploy skua v5.1.0 env=prod canary=20", Operation(.deploy, service: "skua", environment: "production", version: "v5.1.0", canary: 20)),
        ("/setenv petrel CACHE_MODE=warm env=dev", Operation(.setEnv, service: "petrel", environment: "development", env: ["CACHE_MODE": .set("warm")])),
        ("/autoscale tern-api --min 2 --max 6 --cpu-percent 70 --env staging",
         Operation(.autoscale, service: "tern-api", environment: "staging", min: 2, max: 6, cpuPercent: 70)),
        ("/logs gannet stg --tail 50", Operation(.logs, service: "gannet", environment: "staging", lines: 50)),
        ("/status env=prod", Operation(.status, environment: "production")),
        ("/promote skua --env=live", Operation(.promote, service: "skua", environment: "production")),
        // A bot addressed by its handle; kubectl's alias and flags that only change its output.
        ("@deploybot pause tern-api in staging", Operation(.pause, service: "tern-api", environment: "staging")),
        ("k logs sts/gannet-db -c db --tail=40", Operation(.logs, service: "gannet-db", lines: 40, kind: .statefulset)),
        ("k get sts gannet-db -o wide, prod", Operation(.status, service: "gannet-db", environment: "production", kind: .statefulset)),
        ("scale skua to 5 replicas, --context=staging", Operation(.scale, service: "skua", environment: "staging", replicas: 5)),
        // Offhand ways of asking.
        ("any chance you could restart petrel in dev?", Operation(.restart, service: "petrel", environment: "development")),
        ("got a sec to abort the skua canary on staging?", Operation(.abort, service: "skua", environment: "staging")),
        ("are you able to scale gannet to four replicas in prod?", Operation(.scale, service: "gannet", environment: "production", replicas: 4)),
        // What the change is for.
        ("scale tern-api to 8 in staging for the regression run", Operation(.scale, service: "tern-api", environment: "staging", replicas: 8)),
        ("set FAKE_SMTP=true on petrel in dev for the contract suite",
         Operation(.setEnv, service: "petrel", environment: "development", env: ["FAKE_SMTP": .set("true")])),
        // A story, then `so` and the request.
        ("the batch importer hammered the queue all night and the dashboards are still red, so scale gannet to six in prod",
         Operation(.scale, service: "gannet", environment: "production", replicas: 6)),
        ("Nobody is using skua in staging this month, so bring it down to zero replicas",
         Operation(.scale, service: "skua", environment: "staging", replicas: 0)),
        // Idioms.
        ("switch the petrel service off and back on in dev", Operation(.restart, service: "petrel", environment: "development")),
        ("let gannet use two cores at most in prod", Operation(.setResources, service: "gannet", environment: "production", cpu: "2", scope: .limits)),
        // A route's task after who would be the one for it.
        ("who'd be the right person to renew the wildcard cert?", Operation(.route, task: "renew the wildcard cert")),
        ("which team can help me set up SSO for the billing portal?", Operation(.route, task: "set up SSO for the billing portal")),
        ("who should I talk to about the search page timing out", Operation(.route, task: "the search page timing out")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        "## Rollback procedure",
        // A condition in parentheses still waits.
        "- [ ] scale `skua` to 0 in dev (after the demo)",
        // Reports told by what did them.
        "lol the smoke suite deleted its own namespace again",
        "the nightly job restarted tern-api twice",
        // Quoted word for word.
        "Ops lead's ask, verbatim: delete gannet in prod. Can you confirm it's approved?",
        // A frame only opens a clause: `take care to …` asks nothing of cortex.
        "take care to restart petrel",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func markdownMarksAreReadAsWords() {
        #expect(MarkdownMarks.withoutLinkTargets("see [the doc](https://x.example/a) first") == "see the doc first")
        #expect(MarkdownMarks.withArrowsAsTo("replicas -> 3") == "replicas to 3")
        // An arrow after anything else stays for the parser (`api -> v2.4.0` is shorthand).
        #expect(MarkdownMarks.withArrowsAsTo("api -> v2.4.0") == "api -> v2.4.0")
        #expect(MarkdownMarks.withoutListNumbers("Ask: 1. restart a 2. in dev") == "Ask: restart a, in dev")
        // Numbers that do not count up from 1 are not a list.
        #expect(MarkdownMarks.withoutListNumbers("scale to 2. thanks 3. ok") == "scale to 2. thanks 3. ok")
        #expect(MarkdownMarks.withoutBold("deploy **tern** to **dev**") == "deploy tern to dev")
        // A shell command in a code span is still refused.
        #expect(parse("`rm -rf /` then restart tern").op == .unknown)
    }
}
