@testable import CortexCore
import Testing

/// Messages of several sentences, as pasted from a chat or a ticket: the one sentence that
/// asks is read, the ones that tell are not, and a sentence that puts the request off, takes
/// it back or sets a condition on it still stops a change.
@Suite struct ParserMessageTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test func sentencesEndAtStopsFollowedBySpace() {
        #expect(MessageSentences.split("Morning team. Deploy storefront 2.8.0 to production.") == ["Morning team.", "Deploy storefront 2.8.0 to production."])
        #expect(MessageSentences.split("deploy ghcr.io/acme/api:1.2 e.g. now") == ["deploy ghcr.io/acme/api:1.2 e.g. now"])
        #expect(MessageSentences.split("Is it up? Thanks!") == ["Is it up?", "Thanks!"])
        #expect(MessageSentences.split("say \"stop. now\" please. ok") == ["say \"stop. now\" please.", "ok"])
        // A word alone says what the next sentence is about.
        #expect(MessageSentences.split("abort! the canary is failing") == ["abort! the canary is failing"])
    }

    @Test(arguments: [
        ("Morning team. Release 2.8.0 of storefront passed QA yesterday (REL-3301). Deploy storefront 2.8.0 to production.",
         Operation(.deploy, service: "storefront", environment: "production", version: "2.8.0")),
        ("Roll back search-gateway on staging to revision 17. Revision 18 has the broken analyzer config. Thanks, Raj",
         Operation(.rollback, service: "search-gateway", environment: "staging", revision: 17)),
        ("Our restore drill starts at 14:00. Restart the mysql statefulset in dev. Ping me when it's back.",
         Operation(.restart, service: "mysql", environment: "development", kind: .statefulset)),
        ("Why is order-sync slow in staging? Merchants report delays of 10+ minutes. Ticket CS-21007.",
         Operation(.diagnose, service: "order-sync", environment: "staging")),
        ("We keep getting paged for disk pressure. Route this: clean up old docker images on the CI runners. Not urgent.",
         Operation(.route, task: "clean up old docker images on the CI runners")),
        ("After the review with Anna we agreed on a cap. Set the monthly budget to $2000.",
         Operation(.budget, amount: 2000, period: .month)),
    ])
    func theSentenceThatAsksIsRead(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func aMessageThatOnlyTellsAsksForNothing() {
        #expect(parse("Just deployed kyc-verifier 1.4.0 to staging. Let me know if anything looks off.").op == .unknown)
        #expect(parse("Please deploy to production. QA is done.").op == .unknown)
    }

    @Test func aSentenceThatPutsOffTakesBackOrDoubtsStopsTheChange() {
        for text in ["Deploy payments v2 to prod. Wait for QA first.", "Restart payments. But not before 5pm.",
                     "Restart payments in prod. Later today.", "Delete cart in staging. Just kidding.",
                     "Restart payments. Only if it's unhealthy.", "restart billing in prod. actually, hold off, don't",
                     "rollback payments? not sure", "Restart payments. We can do it after 5pm though.",
                     "Scale payments to 5. Then restart checkout."] {
            #expect(parse(text).op == .unknown, "\(text)")
        }
    }

    @Test(arguments: [
        ("PAGER IS GOING CRAZY 😱 scale orders to 12 replicas in production!!! traffic is 3x normal",
         Operation(.scale, service: "orders", environment: "production", replicas: 12)),
        ("ok it's stable-ish 😮‍💨 resume the pricing-engine rollout on production", Operation(.resume, service: "pricing-engine", environment: "production")),
        ("14:20 — hotfix is in!!! deploy checkout v3.4.1 to production, GO GO GO",
         Operation(.deploy, service: "checkout", environment: "production", version: "v3.4.1")),
        ("Show me staging. I want to see what's left over before the cleanup on Friday.", Operation(.status, environment: "staging")),
    ])
    func emojiEndSentencesAndTimesThatStampOrPutOffAReadChangeNothing(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }
}
