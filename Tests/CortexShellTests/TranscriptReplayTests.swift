import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing

/// Replays every transcript in `transcripts/` through a real session and compares the
/// output line for line. `CORTEX_UPDATE_GOLDEN=1` rewrites a transcript's body with what
/// the session printed, keeping its header (comments and settings).
@Suite struct TranscriptReplayTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("transcripts")

    static var files: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func thereAreTranscriptsToReplay() {
        #expect(!Self.files.isEmpty, "no transcripts found in \(Self.folder.path)")
    }

    @Test(arguments: files)
    func replay(_ file: URL) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let transcript = try Transcript.parse(text, name: file.lastPathComponent)
        let policy = try PolicyLoader().load(.bundled)
        let replay = TranscriptReplay { output in
            Pipeline(understander: EmbeddedParser(), dispatcher: DryRunDispatcher(), output: output,
                     safeguards: TestSafeguards().make(policy))
        }
        let result = try replay.replay(transcript, name: file.lastPathComponent)
        if ProcessInfo.processInfo.environment["CORTEX_UPDATE_GOLDEN"] == "1" {
            let header = text.split(separator: "\n", omittingEmptySubsequences: false)
                .prefix { $0.hasPrefix("#") || $0.hasPrefix("@") || $0.isEmpty }
                .joined(separator: "\n")
            try (header + "\n" + result.output).write(to: file, atomically: true, encoding: .utf8)
            return
        }
        if let mismatch = result.mismatch { Issue.record(Comment(rawValue: mismatch)) }
    }

    @Test func aChangedMessageFailsWithAReadableDiff() throws {
        let transcript = try Transcript.parse("cortex> use moon\nerror: something else\n")
        let result = try TranscriptReplay {
            Pipeline(understander: EmbeddedParser(), dispatcher: DryRunDispatcher(), output: $0, safeguards: TestSafeguards().make())
        }.replay(transcript, name: "t")
        let diff = try #require(result.mismatch)
        #expect(diff.contains("-error: something else"))
        #expect(diff.contains("+error: unknown environment `moon`"))
        #expect(result.exitCode == ExitCode.usage)
    }
}
