import CortexCore
import Testing

@Suite struct TranscriptNormalizationTests {
    @Test(arguments: [
        ("spend to 2026-01-05T10:00:00Z", "spend to <time>"),
        ("at 2026-01-05T10:00:00.123+01:00 ok", "at <time> ok"),
        ("GET /healthz 200 12ms", "GET /healthz 200 <duration>"),
        ("rolled out in 0.4s.", "rolled out in <duration>."),
        ("cluster at http://127.0.0.1:41234 now", "cluster at http://127.0.0.1:<port> now"),
        ("localhost:8080", "localhost:<port>"),
        ("cortex approve 3fa9c1d2", "cortex approve <id>"),
        ("digest e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "digest <hash>"),
    ])
    func replacesWhatVaries(_ text: String, _ expected: String) {
        #expect(TranscriptNormalization.apply(text) == expected)
    }

    @Test(arguments: [
        "scale payments to 3 replicas", "revision 12", "image ghcr.io/acme/payments:2.3.1",
        "$131.40 a month", "12345678 items", "v2.5.0-broken", "payments-8bcbff4c9-27jnt", "10s-of-thousands",
        "policy.yaml:13", "route r1",
    ])
    func leavesEverythingElse(_ text: String) {
        #expect(TranscriptNormalization.apply(text) == text)
    }

    @Test func keepsLinesApart() {
        #expect(TranscriptNormalization.apply("a 1s\nb 2s\n") == "a <duration>\nb <duration>\n")
    }

    /// A line of ASCII is read byte by byte, any other character by character: the same line
    /// with a non-ASCII letter after a space (which no rule reads) goes the other way, and
    /// the two must agree on every line, here made of the characters the rules look at;
    /// lines are read apart.
    @Test func asciiLinesAreNormalizedAsTheirCharactersAre() {
        let alphabet = Array("0123456789abcdefABCDEFTZ:.-+_ sml/hotcaxyz\t")
        var lines = ["2026-01-05T10:00:00Z 12ms localhost:80 127.0.0.1:9 3fa9c1d2 0.4s 10s-of"]
        var state: UInt64 = 42
        for _ in 0..<3000 {
            var line = ""
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            for _ in 0..<(Int(state >> 58) + 1) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                let pick = Int(state >> 33)
                // Whole pieces now and then, so that the longer rules match too.
                switch pick % 9 {
                case 0: line += "2026-01-05T10:00:0\(pick % 10)"
                case 1: line += ["localhost:", "127.0.0.1:", ".123+01:00", "ms", "e3b0c44298fc1c149afbf4c8996fb924"][pick % 5]
                default: line.append(alphabet[pick % alphabet.count])
                }
            }
            lines.append(line)
        }
        for line in lines {
            #expect(TranscriptNormalization.apply(line + " é") == TranscriptNormalization.apply(line) + " é", "\(line)")
        }
        for (a, b) in zip(lines, lines.dropFirst()) {
            #expect(TranscriptNormalization.apply(a + "\n" + b + " é\r\n") == TranscriptNormalization.apply(a) + "\n" + TranscriptNormalization.apply(b + " é\r") + "\n")
        }
    }
}

@Suite struct TranscriptHeaderTests {
    @Test func readsEverySetting() throws {
        let t = try Transcript.parse("""
            # comment
            @env staging
            @interactive no
            @policy policies/strict
            @seed empty
            @understand auto
            @yes
            @confirm payments
            cortex (staging)> status
            """)
        #expect(t.settings == [.env: "staging", .interactive: "no", .policy: "policies/strict", .seed: "empty",
                               .understand: "auto", .yes: "", .confirm: "payments"])
        #expect(!t.isInteractive)
        #expect(t.understandMode == .auto)
        #expect(t.requests == ["status"])
    }

    @Test func defaultsAreInteractiveAndLocal() throws {
        let t = try Transcript.parse("cortex> status\n")
        #expect(t.isInteractive)
        #expect(t.understandMode == .local)
    }

    @Test(arguments: [
        ("@seed huge\n", "t.txt:1: `@seed` takes standard or empty, not `huge`"),
        ("# x\n@understand magic\n", "t.txt:2: `@understand` takes local or llm or auto, not `magic`"),
        ("@yes please\n", "t.txt:1: `@yes` takes no value, not `please`"),
        ("@env\n", "t.txt:1: `@env` needs a value"),
        ("@colour blue\n", "t.txt:1: unknown setting `@colour`"),
    ])
    func badSettingsNameFileAndLine(_ text: String, _ message: String) {
        #expect(throws: CortexError.self) { try Transcript.parse(text, name: "t.txt") }
        do {
            _ = try Transcript.parse(text, name: "t.txt")
        } catch {
            #expect(error.message == message)
        }
    }

    @Test func rewriteKeepsTheHeader() {
        let text = "# about\n@env staging\n\ncortex (staging)> status\nold\n"
        #expect(Transcript.rewrite(text, output: "cortex (staging)> status\nnew\n")
            == "# about\n@env staging\n\ncortex (staging)> status\nnew\n")
    }
}
