import CortexCore
import CortexTestSupport
import Foundation
import Testing

/// `cortex run`, `cortex record` and `cortex --script`, through the real binary.
@Suite struct TranscriptCommandTests {
    func run(_ args: [String], input: String = "", in folder: TemporaryDirectory) throws -> CortexBinary.Run {
        let environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
                           "CORTEX_STATE_DIR": folder.file("state"), "CORTEX_CONFIG_DIR": folder.file("config")]
        return try CortexBinary.run(args, input: input, environment: environment)
    }

    static let passing = """
        # Scaling in staging.
        @env staging

        cortex (staging)> scale payments to 3
        > scale payments in staging to 3 replicas
        scaled payments in staging from 2 to 3 replicas
        payments in staging: 3/3 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 1)

        """

    @Test func runPrintsOkAndExitsZeroWhenTheTranscriptMatches() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.passing.write(toFile: dir.file("scale.txt"), atomically: true, encoding: .utf8)
        let r = try run(["run", dir.path], in: dir)
        #expect(r.standardOutput == "ok scale.txt\n1 transcript: 1 ok\n")
        #expect(r.status == 0)
    }

    @Test func runShowsAUnifiedDiffAndExitsOneWhenAMessageChanged() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let changed = Self.passing.replacingOccurrences(of: "from 2 to 3 replicas", with: "from two to three")
        try changed.write(toFile: dir.file("scale.txt"), atomically: true, encoding: .utf8)
        let r = try run(["run", dir.file("scale.txt")], in: dir)
        Golden.check(r.standardOutput, "run-fail.txt")
        #expect(r.status == 1)
    }

    @Test func runUpdateRewritesTheBodyAndKeepsTheHeader() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let stale = Self.passing.components(separatedBy: "> scale payments in staging")[0] + "old output\n"
        try stale.write(toFile: dir.file("scale.txt"), atomically: true, encoding: .utf8)
        let r = try run(["run", "--update", dir.file("scale.txt")], in: dir)
        #expect(r.standardOutput == "updated scale.txt\n1 transcript: 0 ok, 1 updated\n")
        #expect(try String(contentsOfFile: dir.file("scale.txt"), encoding: .utf8) == Self.passing)
        #expect(try run(["run", dir.file("scale.txt")], in: dir).status == 0)
    }

    @Test func runExitsTwoForAnInvalidTranscript() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "@colour blue\ncortex> status\n".write(toFile: dir.file("bad.txt"), atomically: true, encoding: .utf8)
        let r = try run(["run", dir.file("bad.txt")], in: dir)
        #expect(r.status == 2)
        #expect(r.standardError.contains("error: bad.txt:1: unknown setting `@colour`"))
    }

    /// A fresh machine has no LLM endpoint: a transcript that needs one is skipped with the
    /// reason, counted apart, and leaves the exit code to the transcripts that ran.
    @Test func aTranscriptNeedingAnAbsentEndpointIsSkippedNotInvalid() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.passing.write(toFile: dir.file("a-scale.txt"), atomically: true, encoding: .utf8)
        try "@understand auto\ncortex> status of payments in staging\n".write(toFile: dir.file("b-auto.txt"), atomically: true, encoding: .utf8)
        let r = try run(["run", dir.path], in: dir)
        #expect(r.standardOutput == """
            ok a-scale.txt
            skip b-auto.txt: `@understand auto` needs an LLM endpoint, and none is configured (--llm-url and --llm-model, or CORTEX_LLM_URL and CORTEX_LLM_MODEL)
            2 transcripts: 1 ok, 1 skipped

            """)
        #expect(r.standardError == "")
        #expect(r.status == 0)

        let changed = Self.passing.replacingOccurrences(of: "from 2 to 3 replicas", with: "from two to three")
        try changed.write(toFile: dir.file("a-scale.txt"), atomically: true, encoding: .utf8)
        let failing = try run(["run", dir.path], in: dir)
        #expect(failing.standardOutput.hasSuffix("2 transcripts: 0 ok, 1 failed, 1 skipped\n"))
        #expect(failing.status == 1)
    }

    @Test func recordWritesATranscriptThatReplays() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let r = try run(["record", "--env", "staging", dir.file("session.txt")],
                        input: "scale payments to 3\nrestart payments in prod\n", in: dir)
        #expect(r.status == 4)  // the production restart needed a confirmation nobody could give
        let text = try String(contentsOfFile: dir.file("session.txt"), encoding: .utf8)
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        Golden.check(body, "record.txt")
        #expect(try run(["run", dir.file("session.txt")], in: dir).status == 0)
        let again = try run(["record", dir.file("session.txt")], input: "status\n", in: dir)
        #expect(again.status == 2)
        #expect(again.standardError.contains("already exists"))
    }

    @Test func scriptRunsARunbookWithTheWorstExitCode() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "# a runbook\nstatus of payments in staging\nwhat's the weather like\nscale payments to 3 in staging\n"
            .write(toFile: dir.file("runbook.txt"), atomically: true, encoding: .utf8)
        let r = try run(["--script", dir.file("runbook.txt"), "--cluster", "sim"], in: dir)
        #expect(r.status == 5)
        #expect(r.standardOutput.contains("scaled payments in staging from 2 to 3 replicas"))
        let piped = try run(["--script", "-", "--cluster", "sim"], input: "status of payments in staging\n", in: dir)
        #expect(piped.status == 0)
        #expect(piped.standardOutput.contains("payments in staging: 2/2 replicas ready"))
    }
}
