@testable import CortexCore
import Testing

/// Values corrected as they are said (`scale orders to four no five`): the correction
/// counts, and words that only look like one change nothing.
@Suite struct ParserSelfCorrectionTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        ("scale orders to four no five", Operation(.scale, service: "orders", replicas: 5)),
        ("scale orders in staging to six actually make that seven", Operation(.scale, service: "orders", environment: "staging", replicas: 7)),
        ("uh roll out mail to staging with like four replicas no five replicas", Operation(.deploy, service: "mail", environment: "staging", replicas: 5)),
        ("uh deploy billing version 4.0.0 to staging wait no 4.0.1", Operation(.deploy, service: "billing", environment: "staging", version: "4.0.1")),
        ("um deploy orders-v2 to stage no sorry to dev", Operation(.deploy, service: "orders-v2", environment: "development")),
        ("restart billing in staging uh no prod", Operation(.restart, service: "billing", environment: "production")),
        ("restart orders no wait inventory in staging", Operation(.restart, service: "inventory", environment: "staging")),
        ("autoscale gateway from three to twelve no fifteen replicas", Operation(.autoscale, service: "gateway", min: 3, max: 15)),
        ("set the cpu limit on ingest to one core no two cores in staging", Operation(.setResources, service: "ingest", environment: "staging", cpu: "2", scope: .limits)),
    ])
    func theCorrectedValueCounts(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test func wordsThatOnlyLookLikeACorrectionChangeNothing() {
        // A name is corrected only with a word that says so.
        #expect(parse("restart payments no downtime please").op == .unknown)
        // After a comma, `no` says where not to.
        #expect(parse("deploy v2 to staging, no prod").op == .unknown)
        // Waiting for something first is a condition.
        #expect(parse("deploy payments wait for qa").op == .unknown)
        // A retraction with no value after it still takes the request back.
        #expect(parse("restart payments in prod wait no").op == .unknown)
    }
}
