public import CortexCore
import Foundation

/// `cortex run <file|folder>...`: replays each transcript (a folder's `*.txt` in name
/// order), prints `ok <name>` or `FAIL <name>` with a unified diff, then a summary.
/// Exit code 0 when all match, 1 when any differs, 2 when any cannot be read or parsed; a
/// transcript that needs something absent here (an LLM endpoint) is skipped with the reason
/// and leaves the exit code to those that ran.
/// With `update`, a transcript that differs gets the session's output as its new body,
/// its header (comments and settings) kept.
public struct TranscriptRunner {
    let replay: TranscriptReplay
    let update: Bool
    let output: any OutputSink

    public init(replay: TranscriptReplay, update: Bool = false, output: any OutputSink) {
        self.replay = replay
        self.update = update
        self.output = output
    }

    /// How the transcripts turned out.
    struct Tally {
        var ok = 0, failed = 0, updated = 0, invalid = 0, skipped = 0

        var summary: String {
            let total = ok + failed + updated + invalid + skipped
            var parts = ["\(ok) ok"]
            if failed > 0 { parts.append("\(failed) failed") }
            if updated > 0 { parts.append("\(updated) updated") }
            if invalid > 0 { parts.append("\(invalid) invalid") }
            if skipped > 0 { parts.append("\(skipped) skipped") }
            return "\(total) transcript\(total == 1 ? "" : "s"): " + parts.joined(separator: ", ")
        }

        var exitCode: ExitCode { invalid > 0 ? .usage : failed > 0 ? .failed : .success }
    }

    public func run(_ paths: [String]) -> ExitCode {
        var tally = Tally()
        for path in paths {
            let files: [String]
            do throws(CortexError) {
                files = try Self.transcripts(at: path)
            } catch {
                output.errorLine(ErrorText.render(error))
                tally.invalid += 1
                continue
            }
            for file in files { check(file, &tally) }
        }
        output.line(tally.summary)
        return tally.exitCode
    }

    func check(_ file: String, _ tally: inout Tally) {
        let name = URL(fileURLWithPath: file).lastPathComponent
        do throws(CortexError) {
            let (_, text, result) = try replay.replay(file: file)
            if let reason = result.skipped {
                output.line("skip \(name): \(reason)")
                tally.skipped += 1
                return
            }
            guard let mismatch = result.mismatch else {
                output.line("ok \(name)")
                tally.ok += 1
                return
            }
            if update {
                try Self.write(Transcript.rewrite(text, output: result.output), to: file)
                output.line("updated \(name)")
                tally.updated += 1
            } else {
                output.line("FAIL \(name)")
                output.write(mismatch.hasSuffix("\n") ? mismatch : mismatch + "\n")
                tally.failed += 1
            }
        } catch {
            output.line("ERROR \(name)")
            output.errorLine(ErrorText.render(error))
            tally.invalid += 1
        }
    }

    /// The file itself, or a folder's `*.txt` files sorted by name.
    static func transcripts(at path: String) throws(CortexError) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw .usage("no transcript at \(path)", hint: "give a transcript file or a folder of *.txt transcripts")
        }
        guard isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let files = names.filter { $0.hasSuffix(".txt") }.sorted().map { URL(fileURLWithPath: path).appendingPathComponent($0).path }
        guard !files.isEmpty else { throw .usage("no *.txt transcripts in \(path)") }
        return files
    }

    static func write(_ text: String, to path: String) throws(CortexError) {
        do {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw .failed("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
