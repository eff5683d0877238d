public import CortexCore
import Foundation

/// `cortex record <file>`: an interactive session, written down as a transcript that
/// `cortex run` replays. It runs where a replay runs (a fresh simulated cluster unless a
/// cluster is named, a fresh state folder, the fixed clock) so that the recording replays
/// as it was shown. Piped input works too: then nobody answers questions, and the header
/// says `@interactive no`.
public struct TranscriptRecorder {
    let path: String
    let settings: [Transcript.Setting: String]
    let cluster: ClusterChoice?
    let processEnvironment: [String: String]

    /// - Parameters:
    ///   - force: overwrite `path` when it exists.
    ///   - environment: the starting environment, written as `@env`.
    public init(path: String, force: Bool, environment: String?, cluster: ClusterChoice?,
                processEnvironment: [String: String]) throws(CortexError) {
        if !force, FileManager.default.fileExists(atPath: path) {
            throw .usage("\(path) already exists", hint: "pass --force to overwrite it, or choose another file")
        }
        self.path = path
        var settings: [Transcript.Setting: String] = [:]
        if let environment { settings[.env] = environment }
        if !StandardInput.isTerminal { settings[.interactive] = "no" }
        self.settings = settings
        self.cluster = cluster
        self.processEnvironment = processEnvironment
    }

    /// Runs the session until `exit` or the end of input, then writes the transcript.
    public func record() throws(CortexError) -> ExitCode {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let sandbox = try TranscriptSandbox.make(settings, name: path, directory: directory, cluster: cluster,
                                                 processEnvironment: processEnvironment)
        defer { sandbox.remove() }
        let console = StandardConsole()
        let tape = OutputBuffer()
        let runtime = try Runtime.open(sandbox.options, source: StandardInput.isTerminal ? .repl : .script,
                                       output: TeeOutput(console, tape), watch: ConsoleDispatchWatch(console: console))
        defer { runtime.close() }
        let reader = RecordingReader(try StandardInput.reader(options: sandbox.options, state: runtime.state), tape: tape)
        if reader.isInteractive { runtime.greet(reader, banner: console) }
        let code = runtime.session(reader: reader, source: reader.isInteractive ? .repl : .script).run()
        try TranscriptRunner.write(header() + "\n" + tape.all, to: path)
        console.errorLine("recorded \(path)")
        return code
    }

    func header() -> String {
        var lines = ["# Recorded with `cortex record` on \(Date().formatted(.iso8601.year().month().day()))."]
        for setting in Transcript.Setting.allCases {
            if let value = settings[setting] { lines.append("@\(setting.rawValue) \(value)") }
        }
        return lines.map { $0 + "\n" }.joined()
    }
}

/// Writes everything to two sinks: what the terminal shows, and the recording.
final class TeeOutput: OutputSink, Sendable {
    let first: any OutputSink & Sendable
    let second: any OutputSink & Sendable

    init(_ first: any OutputSink & Sendable, _ second: any OutputSink & Sendable) {
        self.first = first
        self.second = second
    }

    func write(_ text: String) {
        first.write(text)
        second.write(text)
    }

    func writeError(_ text: String) {
        first.writeError(text)
        second.writeError(text)
    }
}

/// A reader that writes each prompt with the line typed after it to the recording, as a
/// transcript shows it.
final class RecordingReader: LineReader {
    let base: any LineReader
    let tape: any OutputSink

    init(_ base: any LineReader, tape: any OutputSink) {
        self.base = base
        self.tape = tape
    }

    var isInteractive: Bool { base.isInteractive }
    var history: [String] { base.history }

    func readLine(prompt: String) -> LineInput {
        let input = base.readLine(prompt: prompt)
        if case .line(let text) = input { tape.write(prompt + text + "\n") }
        return input
    }

    func remember(_ line: String) { base.remember(line) }
    func setCompletionVocabulary(_ vocabulary: CompletionVocabulary) { base.setCompletionVocabulary(vocabulary) }
}
