@testable import CortexCore
import Testing

/// A line of several clauses where one is a command and the others comment on the situation:
/// the comment's verbs, negations and names never change what the command asks for, and a
/// condition or a question in it still stops a change.
@Suite struct ParserCommentaryTests {
    let parser = EmbeddedParser()

    func parse(_ text: String) -> Operation {
        parser.understand(text, context: UnderstandingContext()).operation
    }

    @Test(arguments: [
        ("restart cart in prod, customers can't check out", Operation(.restart, service: "cart", environment: "production")),
        ("scale feed to 6 in staging, players are seeing errors on connect", Operation(.scale, service: "feed", environment: "staging", replicas: 6)),
        ("deploying isn't working, can someone roll back ledger in prod", Operation(.rollback, service: "ledger", environment: "production")),
        ("restart inbox in dev, users not getting their resets", Operation(.restart, service: "inbox", environment: "development")),
        ("pause the orders rollout in prod, don't roll back yet", Operation(.pause, service: "orders", environment: "production")),
        ("scale gateway up by one in prod, the lone pod is at 95% cpu", Operation(.scale, service: "gateway", environment: "production", delta: 1)),
    ])
    func aCommentDoesNotChangeTheCommand(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func twoCommandsAreStillTwo() {
        #expect(parse("restart api in prod, delete web in prod").op == .unknown)
        #expect(parse("deploy api to staging, then scale web to 3").op == .unknown)
    }

    @Test func aConditionOrAQuestionInAnotherClauseStillStopsTheChange() {
        #expect(parse("restart cart in prod, if it is still down").op == .unknown)
        #expect(parse("rollback payments? not sure").op == .unknown)
        #expect(parse("restart payments? yes or no").op == .unknown)
    }

    @Test func aCommentNamesNoWorkloadBesideOneInTheRequest() {
        let op = parse("could you deploy mail 1.18.3 to staging, qa is waiting on it")
        #expect(op.service == "mail")
        #expect(parse("whats our spend in prod this week, finance is asking").service == nil)
    }

    @Test func whatTheSpeakerWillDoBesideACommandIsNotAReport() {
        let op = parse("turn off autoscaling for ui in dev; we will manage its replicas by hand")
        #expect(op.op == .autoscale)
        #expect(op.enabled == false)
        #expect(parse("we will restart ledger in prod tonight").op == .unknown)
    }

    @Test func arrowsPointAndSemicolonsInProseSeparate() {
        #expect(parse("payouts-v2 -> 5 replicas prod") == Operation(.scale, service: "payouts-v2", environment: "production", replicas: 5))
        #expect(parse("roll back billing in prod to revision 17; the 3.1.0 release broke rounding").revision == 17)
        #expect(parse("restart api > /etc/hosts").op == .unknown)
        #expect(parse("restart api;rm -rf /").op == .unknown)
    }

    @Test func proseInBackticksIsAQuotationAndCommandsInThemAreRefused() {
        let op = parse("whats wrong with payments-v3 on prod, `context deadline exceeded` everywhere")
        #expect(op == Operation(.diagnose, service: "payments-v3", environment: "production"))
        #expect(parse("restart api `shutdown now`").op == .unknown)
        #expect(parse("restart api `rm -rf /`").op == .unknown)
        #expect(parse("restart `delete web` in prod").op != .delete)
    }

    @Test func aVersionNoRuleReadsIsRefusedNotDropped() {
        #expect(parse("deploy mobile-bff 1.0.0~beta to staging").op == .unknown)
        #expect(parse("deploy mobile-bff 1.0.0-beta.3+build.77 to staging").version == "1.0.0-beta.3+build.77")
        #expect(parse("autoscale ledger 3..12 at 65% cpu").max == 12)
    }

    @Test func aStateDescribedIsNotAChange() {
        #expect(parse("billing in prod is on 6 replicas atm").op == .unknown)
        #expect(parse("i set DB_POOL_SIZE=40 on billing last night, fyi").op == .unknown)
    }

    @Test func aParticleAfterTheObjectSetsTheDirection() {
        #expect(parse("bring the number of api replicas in staging down by two").delta == -2)
    }
}
