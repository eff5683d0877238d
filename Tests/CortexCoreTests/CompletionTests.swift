import CortexCore
import Testing

@Suite struct CompletionTests {
    let engine = CompletionEngine(CompletionVocabulary(
        verbs: ["deploy", "restart", "rollback", "scale", "status"],
        services: ["api", "security-worker", "web", "web-admin"]))

    @Test func firstWordOffersBuiltinsAndVerbs() {
        #expect(engine.candidates(for: "", after: "") ==
            ["deploy", "exit", "help", "history", "restart", "rollback", "scale", "status", "use"])
        #expect(engine.candidates(for: "h", after: "") == ["help", "history"])
        #expect(engine.candidates(for: "st", after: "  ") == ["staging", "status"])
    }

    @Test func afterUseOnlyEnvironments() {
        #expect(engine.candidates(for: "", after: "use ") == ["development", "production", "staging"])
        #expect(engine.candidates(for: "st", after: "use ") == ["staging"])
        #expect(engine.candidates(for: "pr", after: "USE ") == ["production"])
        #expect(engine.candidates(for: "prd", after: "use ") == ["prd"])
        #expect(engine.candidates(for: "d", after: "use ") == ["development"])
        #expect(engine.candidates(for: "api", after: "use ").isEmpty)
    }

    @Test func afterPrepositionOnlyEnvironments() {
        #expect(engine.candidates(for: "stg", after: "deploy api to ") == ["stg"])
        #expect(engine.candidates(for: "stag", after: "deploy api to ") == ["staging"])
        #expect(engine.candidates(for: "", after: "restart web in ") == ["development", "production", "staging"])
        #expect(engine.candidates(for: "li", after: "status on ") == ["live"])
    }

    @Test func elsewhereServicesThenVerbsAndEnvironmentsOnceTyped() {
        #expect(engine.candidates(for: "", after: "restart ") == ["api", "security-worker", "web", "web-admin"])
        #expect(engine.candidates(for: "we", after: "restart ") == ["web", "web-admin"])
        #expect(engine.candidates(for: "s", after: "deploy ") == ["scale", "security-worker", "staging", "status"])
        #expect(engine.candidates(for: "re", after: "in staging, ") == ["restart"])
        #expect(engine.candidates(for: "r", after: "prod: ") == ["restart", "rollback"])
    }

    @Test func caseInsensitiveAndNothingForUnknownWords() {
        #expect(engine.candidates(for: "WEB-", after: "restart ") == ["web-admin"])
        #expect(engine.candidates(for: "zzz", after: "").isEmpty)
        #expect(engine.candidates(for: "stä", after: "use ").isEmpty)
    }

    @Test func duplicatesAcrossSourcesAppearOnce() {
        let overlapping = CompletionEngine(CompletionVocabulary(
            verbs: ["status", "status"], services: ["staging", "api"]))
        #expect(overlapping.candidates(for: "sta", after: "restart ") == ["staging", "status"])
    }

    @Test func servicesLearnedLaterAreOffered() {
        var grown = engine
        #expect(grown.candidates(for: "bil", after: "restart ").isEmpty)
        grown.vocabulary.services.append("billing")
        #expect(grown.candidates(for: "bil", after: "restart ") == ["billing"])
    }

    @Test func replacementIsTheSingleMatchOrTheCommonPrefix() {
        #expect(engine.completion(for: "sec", after: "restart ").replacement == "security-worker")
        #expect(engine.completion(for: "w", after: "restart ").replacement == "web")
        #expect(engine.completion(for: "pr", after: "use ").replacement == "production")
        #expect(engine.completion(for: "st", after: "restart ").replacement == "sta")
        #expect(engine.completion(for: "x", after: "use ") == Completion(word: "x", candidates: []))
        #expect(engine.completion(for: "x", after: "use ").replacement == "x")
        #expect(engine.completion(for: "STA", after: "").replacement == "sta")
        #expect(Completion(word: "", candidates: ["stäging", "stärke"]).replacement == "stä")
    }
}
