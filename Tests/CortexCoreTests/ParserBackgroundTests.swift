@testable import CortexCore
import Testing

/// Background before a polite request (what someone noticed, asked for or needs) is not part
/// of the request; a condition, a hypothesis, a negation or an environment the request does
/// not name keeps the background in the line.
@Suite struct ParserBackgroundTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("Marketing says the promo page is slow; could you scale promo-web in prod to 6?",
         Operation(.scale, service: "promo-web", environment: "production", replicas: 6)),
        ("Audit asked us to freeze spending, so please set the weekly budget to $400.",
         Operation(.budget, amount: 400, period: .week)),
        ("The vendor shipped a fix yesterday, please deploy invoicer v2.3.1 to staging",
         Operation(.deploy, service: "invoicer", environment: "staging", version: "v2.3.1")),
        ("Sales needs the demo stable for Thursday — kindly restart demo-api in dev",
         Operation(.restart, service: "demo-api", environment: "development")),
        ("Support keeps escalating tickets about it; who should look into the slow invoice search?",
         Operation(.route, task: "look into the slow invoice search")),
        ("For the quarterly review, please show me the events in production from the last 2 hours",
         Operation(.events, environment: "production", since: "2h")),
        ("Since the pen test is next week, please route this to the right team: rotate the admin API keys",
         Operation(.route, task: "rotate the admin API keys")),
        // An alert, a bot or a ticket, a dash, then the request.
        ("Opsgenie: disk pressure on node-3 — events in staging for the last 30m", Operation(.events, environment: "staging", since: "30m")),
        ("Datadog: p95 latency 2.4s on quotes (prod) — add 2 replicas to quotes in production",
         Operation(.scale, service: "quotes", environment: "production", delta: 2)),
        ("Billing alert — set the weekly budget to $650", Operation(.budget, amount: 650, period: .week)),
        ("Renovate: 9 open PRs on quotes — route: review the renovate PRs on quotes",
         Operation(.route, task: "review the renovate PRs on quotes")),
        // Second-language targets and look-backs.
        ("scale the quotes until seven in staging", Operation(.scale, service: "quotes", environment: "staging", replicas: 7)),
        ("rollback of quotes until the revision 5 in prod", Operation(.rollback, service: "quotes", environment: "production", revision: 5)),
        ("events of staging since thirty minutes", Operation(.events, environment: "staging", since: "30m")),
    ])
    func requestAfterBackground(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // A condition before the request is still a condition.
        "if the error rate stays above 5%, please roll back promo-web in prod",
        "once QA signs off, could you deploy invoicer v2.3.1 to prod?",
        // A hypothesis.
        "hypothetically, could you scale promo-web to 50?",
        // A negation.
        "don't touch invoicer, please",
        // An alert that itself sets a condition.
        "Datadog: if latency stays high — add 2 replicas to quotes in production",
        // Reports, whatever opens them.
        "INC-88 — done, rolled back quotes to revision 4 in prod",
        "I set FEATURE_Y=on and restarted quotes in staging.",
        "we let quotes autoscale to 12 pods in prod last night",
        "quotes deploy to staging went smoothly",
        // `until` before a time keeps the wait.
        "scale quotes to 0 until 6pm",
        "keep quotes at 2 replicas until 5 o'clock",
    ])
    func backgroundThatChangesTheAsk(text: String) {
        #expect(!parse(text).op.isMutation, "\(text)")
    }

    /// A budget said not to be changed is not set; spending said not to pass an amount sets one.
    @Test func budgetNotToBeChanged() {
        #expect(parse("never raise the weekly budget above 900 dollars").op == .unknown)
        #expect(parse("don't set the daily budget to $50").op == .unknown)
        #expect(parse("make sure we don't spend more than $700 a week") == Operation(.budget, amount: 700, period: .week))
    }

    /// A read that names nothing may be about what the background names: it is not read alone.
    @Test func readsThatPointBack() {
        #expect(parse("quotes-api is throwing 500s, can you check why").service != nil || parse("quotes-api is throwing 500s, can you check why").op == .unknown)
        #expect(parse("the build is ghcr.io/acme/quotes:7.1, please ship it as quotes to staging").image == "ghcr.io/acme/quotes:7.1"
            || parse("the build is ghcr.io/acme/quotes:7.1, please ship it as quotes to staging").op == .unknown)
    }

    /// A tool's message alone asks for nothing, and the parser settles that itself.
    @Test func aToolsMessageAlone() {
        for text in ["Prometheus: [FIRING] quotes-api memory usage 97%", "Jenkins: build #512 for quotes passed (sha-1a2b3c4)"] {
            let understanding = parser.understand(text, context: UnderstandingContext())
            #expect(understanding.operation.op == .unknown, "\(text)")
            #expect(understanding.settled, "\(text)")
        }
    }

    /// The environment said only in the background stays with the request.
    @Test func environmentOnlyInTheBackground() {
        let operation = parse("For the staging cluster, please restart demo-api")
        #expect(operation.op != .restart || operation.environment == "staging")
    }
}
