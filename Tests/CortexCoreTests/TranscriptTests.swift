import CortexCore
import Testing

@Suite struct TranscriptTests {
    let text = """
    # Comments are ignored.
    @env staging
    @interactive no

    cortex (staging)> scale api to 3
    > scale api in staging to 3 replicas
    ? proceed? [y/N] y
    cortex> status

    """

    @Test func splitsSettingsRequestsAnswersAndOutput() throws {
        let t = try Transcript.parse(text)
        #expect(t.settings == [.env: "staging", .interactive: "no"])
        #expect(t.requests == ["scale api to 3", "status"])
        #expect(t.answers == ["y"])
        #expect(t.expectedOutput == "cortex (staging)> scale api to 3\n> scale api in staging to 3 replicas\n? proceed? [y/N] y\ncortex> status\n")
    }

    @Test func answerIsWhatFollowsTheLastBracket() {
        #expect(Transcript.answer(in: "? replicas [2] -> [3]: type the name [payments] payments") == "payments")
        #expect(Transcript.answer(in: "? no brackets here") == nil)
        #expect(Transcript.answer(in: "> [a] b") == nil)
    }

    @Test func promptLinesAreRecognisedExactly() {
        #expect(Transcript.request(in: "cortex> help") == "help")
        #expect(Transcript.request(in: "cortex (production)> status") == "status")
        #expect(Transcript.request(in: "cortexx> help") == nil)
        #expect(Transcript.request(in: "> cortex> help") == nil)
    }

    @Test func unknownSettingNamesTheLine() {
        #expect(throws: CortexError.usage("t:2: unknown setting `@colour`", hint: "known settings: @env, @interactive, @policy, @seed, @understand, @yes, @confirm")) {
            try Transcript.parse("# x\n@colour blue\n", name: "t")
        }
    }

    @Test func settingsAfterTheFirstRequestAreRejected() {
        #expect(throws: CortexError.self) { try Transcript.parse("cortex> help\n@env dev\n") }
    }

    @Test func readerEchoesPromptsAndRefusesQuestionsWhenNotInteractive() throws {
        let out = OutputBuffer()
        let reader = TranscriptReader(try Transcript.parse(text), output: out)
        #expect(!reader.isInteractive)
        #expect(reader.readLine(prompt: "cortex (staging)> ") == .line("scale api to 3"))
        #expect(reader.readLine(prompt: "? proceed? [y/N] ") == .endOfInput)
        #expect(reader.readLine(prompt: "cortex> ") == .line("status"))
        #expect(reader.readLine(prompt: "cortex> ") == .endOfInput)
        #expect(out.all == "cortex (staging)> scale api to 3\ncortex> status\n")
    }
}
