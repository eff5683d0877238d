@testable import CortexCore
import Testing

/// Reasons, concessions and purposes around a request: their environments, counts, versions
/// and names are not the request's; conditions and clauses the request points into stay.
@Suite struct ParserReasonClauseTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("Given that staging has been running orders v4.2.0 cleanly for a week, deploy orders v4.2.0 to production so that the fix reaches customers.",
         Operation(.deploy, service: "orders", environment: "production", version: "v4.2.0")),
        ("Scale the notifications deployment in staging to 2 replicas, since the QA team has finished and production still needs the 12 it has.",
         Operation(.scale, service: "notifications", environment: "staging", replicas: 2)),
        ("Why is geo-router failing in staging, given that the same build is fine in production?",
         Operation(.diagnose, service: "geo-router", environment: "staging")),
        ("Although payments-core in production is on v7.2.0 and fine, deploy payments-core v7.3.0-rc1 to staging",
         Operation(.deploy, service: "payments-core", environment: "staging", version: "v7.3.0-rc1")),
        ("traffic is about 3x the usual because of the sale, scale checkout to 12 replicas in prod",
         Operation(.scale, service: "checkout", environment: "production", replicas: 12)),
        ("show the events for payments since the deploy", Operation(.events, service: "payments", since: nil)),
        ("Which team should upgrade the ingress controller to 1.9, given that the current version goes out of support next month?",
         Operation(.route, task: "upgrade the ingress controller to 1.9")),
    ])
    func aReasonIsNotPartOfTheRequest(text: String, expected: Operation) {
        let got = parse(text)
        if expected.op == .events {
            #expect(got.op == .events && got.service == "payments", "\(text)")
        } else {
            #expect(got == expected, "\(text)")
        }
    }

    @Test func conditionsAndClausesTheRequestPointsIntoStay() {
        #expect(parse("restart payments in prod once the batch job finishes, because it is stuck").op == .unknown)
        // The pronoun points into the reason: it is kept, and `it` is payments or nothing.
        let pointed = parse("because payments is down in prod, restart it")
        #expect(pointed.op == .unknown || (pointed.op == .restart && pointed.service == "payments"))
    }

    @Test func aReasonLeftOutCostsConfidence() {
        let plain = parser.understand("restart ledger", context: UnderstandingContext()).confidence
        let reasoned = parser.understand("restart ledger because it is stuck", context: UnderstandingContext()).confidence
        #expect(reasoned < plain)
    }
}
