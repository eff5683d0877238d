import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing

/// Replays every transcript in `transcripts/` through the same harness as `cortex run`: a
/// fresh simulated cluster, a fresh state folder, a fixed clock. `CORTEX_UPDATE_GOLDEN=1`
/// rewrites a transcript's body with what the session printed, keeping its header
/// (comments and settings).
@Suite(.serialized) struct TranscriptReplayTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("transcripts")

    static var files: [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted().map { folder.appendingPathComponent($0) }
    }

    @Test func thereAreTranscriptsToReplay() {
        #expect(Self.files.count >= 15, "expected at least 15 transcripts in \(Self.folder.path)")
    }

    /// The stub endpoint `@understand llm` and `auto` transcripts talk to: it answers the
    /// sentences of `transcripts/llm/answers.jsonl` with their operations (as given, valid or
    /// not) and anything else with `unknown`.
    static let stub: StubLLMServer? = {
        let answers = (try? String(contentsOf: folder.appendingPathComponent("llm/answers.jsonl"), encoding: .utf8)) ?? ""
        var table: [String: JSONValue] = [:]
        for line in answers.split(separator: "\n") {
            guard let entry = try? JSONValue(parsing: String(line)), let text = entry["text"]?.stringValue,
                  let operation = entry["operation"] else { continue }
            table[text] = operation
        }
        let answersBySentence = table
        return try? StubLLMServer(respond: { request in
            let turn = request.json?["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
            let sentence = turn.split(separator: "\n").last.map { String($0.dropFirst("Request: ".count)) } ?? ""
            return .operation(answersBySentence[sentence] ?? ["op": "unknown", "reason": "the stub has no answer for this request"])
        })
    }()

    /// Understanders for a transcript's mode, the LLM ones backed by `stub`.
    static let understanders: TranscriptReplay.ModeUnderstanders = { mode throws(CortexError) in
        guard let stub else { throw CortexError.failed("the stub LLM endpoint could not start") }
        let endpoint = LLMEndpoint(provider: .openai, baseURL: stub.baseURL, model: "stub-model")
        let remote = EndpointUnderstander(endpoint: endpoint, prompt: try PromptFiles.load(folder: nil, environments: .standard),
                                          transport: CurlTransport(), apiKey: nil)
        return ModeUnderstander(mode: mode, remote: remote)
    }

    @Test(arguments: files)
    func replay(_ file: URL) async throws {
        let (_, text, result) = try await OffThread.run {
            try TranscriptReplay(understanders: Self.understanders).replay(file: file.path)
        }
        if ProcessInfo.processInfo.environment["CORTEX_UPDATE_GOLDEN"] == "1" {
            if result.mismatch != nil {
                try Transcript.rewrite(text, output: result.output).write(to: file, atomically: true, encoding: .utf8)
            }
            return
        }
        if let mismatch = result.mismatch { Issue.record(Comment(rawValue: mismatch)) }
    }

    @Test func aChangedMessageFailsWithAReadableDiff() async throws {
        let transcript = try Transcript.parse("cortex> use moon\nerror: something else\n")
        let result = try await OffThread.run { try TranscriptReplay().replay(transcript, name: "t") }
        let diff = try #require(result.mismatch)
        #expect(diff == """
            --- t (expected)
            +++ t (actual)
            @@ -1,3 +1,4 @@
             cortex> use moon
            -error: something else
            +error: unknown environment `moon`
            +  hint: choose one of development, staging, production
             
            """)
        #expect(result.exitCode == ExitCode.usage)
    }

    @Test func theSameTranscriptShowsTheSameTextTwice() async throws {
        let transcript = try Transcript.parse("""
            @env staging
            cortex (staging)> restart payments
            cortex (staging)> route fix the flaky CI pipeline
            cortex (staging)> logs of payments
            """)
        let first = try await OffThread.run { try TranscriptReplay().replay(transcript, name: "t").output }
        let second = try await OffThread.run { try TranscriptReplay().replay(transcript, name: "t").output }
        #expect(first == second)
        #expect(first.contains("restarted payments in staging") || first.contains("payments in staging"))
    }

    @Test func anLLMModeWithoutAnUnderstanderIsSkippedWithTheReason() throws {
        let transcript = try Transcript.parse("@understand llm\ncortex> status\n")
        let result = try TranscriptReplay().replay(transcript, name: "llm.txt")
        #expect(result.skipped == "`@understand llm` needs an LLM endpoint, and none is configured "
            + "(--llm-url and --llm-model, or CORTEX_LLM_URL and CORTEX_LLM_MODEL)")
        #expect(result.mismatch == nil)
        #expect(result.output == "")
    }

    @Test func theUnderstanderFactoryHearsTheMode() async throws {
        let transcript = try Transcript.parse("@understand auto\ncortex> status of payments in staging\n")
        let heard = LockedModes()
        let replay = TranscriptReplay(understanders: { mode in
            heard.append(mode)
            return EmbeddedParser()
        })
        _ = try await OffThread.run { try replay.replay(transcript, name: "t") }
        #expect(heard.modes == [.auto])
    }
}

/// Modes heard by a factory, from any thread.
final class LockedModes: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Transcript.UnderstandMode] = []
    func append(_ mode: Transcript.UnderstandMode) { lock.withLock { list.append(mode) } }
    var modes: [Transcript.UnderstandMode] { lock.withLock { list } }
}

/// Runs blocking work (a replay waits on curl and on the simulated cluster, whose actor
/// needs the cooperative pool) on its own thread, so that the pool stays free.
enum OffThread {
    static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do { continuation.resume(returning: try body()) } catch { continuation.resume(throwing: error) }
            }
        }
    }
}
