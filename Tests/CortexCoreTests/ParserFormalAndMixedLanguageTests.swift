@testable import CortexCore
import Testing

/// Requests in the formal passive, English mixed with another language's small words, labels
/// that put the rest off, and a read asked twice in one message.
@Suite struct ParserFormalAndMixedLanguageTests: ReadsSentences {
    let parser = EmbeddedParser()

    @Test(arguments: [
        // The formal passive.
        ("heron is to be scaled to five replicas in staging", Operation(.scale, service: "heron", environment: "staging", replicas: 5)),
        ("The latest release of osprey in production is to be rolled back.", Operation(.rollback, service: "osprey", environment: "production")),
        ("It is requested that the heron canary be promoted in prod.", Operation(.promote, service: "heron", environment: "production")),
        ("It is requested that the osprey canary be cancelled and all traffic returned to the stable version.", Operation(.abort, service: "osprey")),
        ("osprey-api must be rolled back to revision 6 in dev", Operation(.rollback, service: "osprey-api", environment: "development", revision: 6)),
        ("The logs of heron-svc in staging are required.", Operation(.logs, service: "heron-svc", environment: "staging")),
        // Small words of another language around the request.
        ("deploy de ghcr.io/acme/garza:2.0 como garza en stg", Operation(.deploy, service: "garza", environment: "staging", image: "ghcr.io/acme/garza:2.0")),
        ("restart von heron-api in prod bitte", Operation(.restart, service: "heron-api", environment: "production")),
        // The verb in that language.
        ("reinicia heron-api en prod", Operation(.restart, service: "heron-api", environment: "production")),
        ("escala osprey a 3 replicas en staging", Operation(.scale, service: "osprey", environment: "staging", replicas: 3)),
        ("zeig mir die logs von heron in staging", Operation(.logs, service: "heron", environment: "staging")),
        // The same read asked twice: once of the workload, once of nothing more.
        ("What's wrong with osprey on stg? Pods stuck in CrashLoopBackOff", Operation(.diagnose, service: "osprey", environment: "staging")),
    ])
    func understood(text: String, expected: Operation) {
        #expect(parse(text) == expected, "\(text)")
    }

    @Test(arguments: [
        // `should be` gives an opinion or asks; a quoted passive is someone else's words.
        "should heron be restarted in prod?",
        "The following note came from the release manager: \"osprey is to be deleted from staging\".",
        "if heron is to be restarted, tell me first",
        // A condition or a negation in the language mixed in.
        "si heron se cae, haz rollback",
        "se o osprey travar, faz rollback pra revision 3",
        "Bitte NICHT deleten: heron in staging",
        // A label that puts the rest off.
        "Parking lot, not actioning today: autoscale heron up to 12.",
        "Backlog: delete osprey from dev",
        // A hypothetical typed as a label.
        "what-if: op=scale svc=heron replicas=0",
    ])
    func changesNothing(text: String) {
        let got = parse(text)
        #expect(!got.op.isMutation, "\(text) → \(got)")
    }

    @Test func aLabelThatOnlySaysHowSoonStillAsks() {
        #expect(parse("Not urgent: restart heron in dev") == Operation(.restart, service: "heron", environment: "development"))
    }
}
