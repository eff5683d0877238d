@testable import CortexCore
import Testing

@Suite struct ParserTokenizerTests {
    func tokens(_ text: String) -> [Token] { Tokenizer.tokenize(Array(text.utf8)).tokens }

    @Test func wordsAreLowercasedAndEdgePunctuationDropped() {
        let t = tokens("Restart  the API-Gateway, please!")
        #expect(t.map(\.word) == ["restart", "the", "api-gateway", "please"])
        #expect(t.map(\.raw) == ["Restart", "the", "API-Gateway", "please"])
        #expect(t.map(\.breakBefore) == [false, false, false, true])
    }

    @Test func namesVersionsImagesAndAmountsStayWhole() {
        let t = tokens("deploy ghcr.io/acme/api:1.2 v1.4.2 $2,000 auth-service:2.4.0 1,000 #3.")
        #expect(t.map(\.word) == ["deploy", "ghcr.io/acme/api:1.2", "v1.4.2", "$2,000", "auth-service:2.4.0", "1,000", "#3"])
    }

    @Test func colonsPossessivesAndApostrophes() {
        let t = tokens("prod: what\u{2019}s api\u{2019}s status, the jobs' logs")
        #expect(t.map(\.word) == ["prod", "what's", "api", "status", "the", "jobs", "logs"])
        #expect(t[0].colonAfter)
        #expect(t[1].breakBefore)
        #expect(t[2].possessive)
    }

    @Test func questionMarksAndDashesBreakClauses() {
        let text = Tokenizer.tokenize(Array("staging \u{2014} restart api? now".utf8))
        #expect(text.isQuestion)
        #expect(text.tokens.map(\.breakBefore) == [false, true, false, true])
        #expect(tokens("staging - restart api").map(\.word) == ["staging", "restart", "api"])
    }

    @Test func offsetsPointIntoTheOriginalText() {
        let text = "who should fix “the bug”"
        let t = tokens(text)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[t[3].start..<t[4].end], as: UTF8.self) == "the bug")
    }
}

@Suite struct ParserTokenShapeTests {
    func shape(_ word: String) -> CortexCore.Tag? { TokenShapes.classify(word.lowercased(), raw: word) }

    @Test func shapes() {
        #expect(shape("12") == .number(12))
        #expect(shape("+2") == .signed(2))
        #expect(shape("-1") == .signed(-1))
        #expect(shape("x3") == .number(3))
        #expect(shape("#4") == .hashNumber(4))
        #expect(shape("1.5") == .decimal(1.5))
        #expect(shape("$500") == .money(500))
        #expect(shape("$1.5k") == .money(1500))
        #expect(shape("2k") == .money(2000))
        #expect(shape("$2,000") == .money(2000))
        #expect(shape("100/day") == .moneyPer(100, .day))
        #expect(shape("$40/mo") == .moneyPer(40, .month))
        #expect(shape("v2") == .version)
        #expect(shape("V1.4.2") == .version)
        #expect(shape("2.0.1") == .version)
        #expect(shape("7.0.0-rc.2") == .version)
        #expect(shape("ghcr.io/acme/api:1.2") == .image)
        #expect(shape("registry:5000/team/app@sha256:abc123") == .image)
        #expect(shape("auth-service:2.4.0") == .serviceTag(service: "auth-service", version: "2.4.0"))
        #expect(shape("api:Latest") == .serviceTag(service: "api", version: "Latest"))
        #expect(shape("api@v2") == .serviceTag(service: "api", version: "v2"))
        #expect(shape("--force") == .flag)
        #expect(shape("-n") == .lineFlag)
        #expect(shape("api-gateway") == nil)
        #expect(shape("10:30") == nil)
        #expect(shape("https://example.com/x") == nil)
        #expect(shape("version") == nil)
        #expect(shape("w/") == nil)
    }

    @Test func serviceNamesFromImages() {
        #expect(TokenShapes.serviceName(fromImage: "ghcr.io/acme/notifier:4.2") == "notifier")
        #expect(TokenShapes.serviceName(fromImage: "registry:5000/team/app@sha256:abc") == "app")
        #expect(TokenShapes.serviceName(fromImage: "docker.io/library/Redis") == "redis")
        #expect(TokenShapes.serviceName(fromImage: "ghcr.io/acme/my_app:1") == nil)
    }
}

@Suite struct ParserRouteTests {
    func task(_ text: String) -> String? {
        let op = EmbeddedParser().understand(text, context: UnderstandingContext()).operation
        return op.op == .route ? op.task : nil
    }

    @Test(arguments: [
        ("who should fix the auth bug in login", "fix the auth bug in login"),
        ("Who can take the Flaky CI job?", "take the Flaky CI job"),
        ("which team should handle the flaky CI pipeline", "handle the flaky CI pipeline"),
        ("which of you could migrate the cron jobs", "migrate the cron jobs"),
        ("route: scan the payments service for CVEs", "scan the payments service for CVEs"),
        ("route this: rotate keys and restart nothing", "rotate keys and restart nothing"),
        ("assign the pager rotation cleanup to someone", "the pager rotation cleanup"),
        ("route the disk alerts to the right team, please", "the disk alerts"),
        ("who is best suited to review the Helm charts", "review the Helm charts"),
        ("who's the right person for the DNS cutover", "the DNS cutover"),
        ("who should I ask to renew the domain", "renew the domain"),
        ("find me someone who can tune the JVM heap", "tune the JVM heap"),
        ("someone should look at the 500s in prod", "look at the 500s in prod"),
        ("who handles billing disputes", "billing disputes"),
        ("whose job is it to patch the base images", "patch the base images"),
    ])
    func theTaskKeepsTheUsersWords(text: String, expected: String) {
        #expect(task(text) == expected)
    }

    @Test(arguments: ["who are you", "who won", "which version is live", "route", "find the logs of api"])
    func questionsThatAreNotRouting(text: String) {
        #expect(task(text) == nil)
    }
}

@Suite struct ParserLexiconTests {
    @Test func noPhraseHasTwoMeanings() {
        for (first, entries) in Lexicon.table {
            var seen: [[String]: CortexCore.Tag] = [:]
            for e in entries {
                let words = [first] + e.rest
                if let other = seen[words] { Issue.record("'\(words.joined(separator: " "))' is \(other) and \(e.tag) (\(first))") }
                seen[words] = e.tag
            }
        }
    }

    @Test func completionVerbsAreSortedUniqueSingleWords() {
        let verbs = EmbeddedParser.verbs
        #expect(verbs.count >= 20)
        #expect(verbs == verbs.sorted())
        #expect(Set(verbs).count == verbs.count)
        #expect(verbs.allSatisfy { !$0.contains(" ") && $0 == $0.lowercased() })
        for required in ["deploy", "scale", "restart", "rollback", "delete", "status", "logs", "route", "cost", "budget", "ship", "bounce", "revert", "nuke"] {
            #expect(verbs.contains(required), "\(required)")
        }
    }

    @Test(arguments: EmbeddedParser.verbs)
    func everyCompletionVerbIsUnderstood(verb: String) {
        let op = EmbeddedParser().understand("\(verb) ledger in staging", context: UnderstandingContext()).operation
        #expect(op.reason?.hasPrefix("not an operations request") != true, "\(verb): \(op.canonicalJSON)")
        #expect(op.reason?.contains("could mean several things") != true, "\(verb): \(op.canonicalJSON)")
    }
}
