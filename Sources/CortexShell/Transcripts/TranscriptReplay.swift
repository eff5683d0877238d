public import CortexCore
import Foundation

/// Replays transcripts through a real session, the same road the REPL takes: for each one
/// a fresh simulated cluster (or the cluster named), a fresh state folder and a fixed
/// clock; then compares what the session showed with what the transcript expects, after
/// `TranscriptNormalization` on both sides. Paths of files beside the transcript (its
/// `@policy` folder) are shown relative to the transcript's folder.
public struct TranscriptReplay: Sendable {
    /// Turns a transcript's `@understand` mode into the understander its requests go to.
    public typealias ModeUnderstanders = @Sendable (Transcript.UnderstandMode) throws(CortexError) -> any Understander

    /// What one replay produced.
    public struct Result: Sendable {
        /// What the session showed, as a terminal would have.
        public var output: String
        public var exitCode: ExitCode
        /// A unified diff of expected against actual (both normalised); nil when they match.
        public var mismatch: String?
        /// Why the transcript was not run (it needs something absent here); nil when it ran.
        public var skipped: String?
    }

    /// A real cluster instead of a fresh simulated one; nil for the simulator.
    public var cluster: ClusterChoice?
    /// Understanders for `@understand llm` and `auto` (and `local`, if given); without one,
    /// such a transcript is skipped with the reason.
    public var understanders: ModeUnderstanders?
    /// The process environment, passed on only for a real cluster.
    public var processEnvironment: [String: String]

    public init(cluster: ClusterChoice? = nil, understanders: ModeUnderstanders? = nil, processEnvironment: [String: String] = [:]) {
        self.cluster = cluster
        self.understanders = understanders
        self.processEnvironment = processEnvironment
    }

    /// Reads, parses and replays the transcript at `path`.
    public func replay(file path: String) throws(CortexError) -> (transcript: Transcript, text: String, result: Result) {
        let name = URL(fileURLWithPath: path).lastPathComponent
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .usage("cannot read \(path): \(error.localizedDescription)")
        }
        let transcript = try Transcript.parse(text, name: name)
        let result = try replay(transcript, name: name, directory: URL(fileURLWithPath: path).deletingLastPathComponent().path)
        return (transcript, text, result)
    }

    /// Replays `transcript`; `name` labels errors and the diff, `directory` resolves `@policy`.
    public func replay(_ transcript: Transcript, name: String, directory: String? = nil) throws(CortexError) -> Result {
        if let absent = missingRequirement(transcript) {
            return Result(output: "", exitCode: .success, mismatch: nil, skipped: absent)
        }
        let understander = try understander(for: transcript.understandMode, name: name)
        let sandbox = try TranscriptSandbox.make(transcript.settings, name: name, directory: directory, cluster: cluster,
                                                 processEnvironment: processEnvironment)
        defer { sandbox.remove() }
        let output = OutputBuffer()
        let runtime: Runtime
        do {
            runtime = try Runtime.open(sandbox.options, source: .transcript, output: output, understander: understander)
        } catch {
            throw CortexError("\(name): \(error.message)", hint: error.hint, exitCode: error.exitCode)
        }
        defer { runtime.close() }
        let code = runtime.session(reader: TranscriptReader(transcript, output: output), source: .transcript).run()
        // Files beside the transcript (its @policy folder) are shown relative to it.
        let actual = directory.map { output.all.replacingOccurrences(of: $0 + "/", with: "") } ?? output.all
        let expected = TranscriptNormalization.apply(transcript.expectedOutput)
        let normalised = TranscriptNormalization.apply(actual)
        return Result(output: actual, exitCode: code,
                      mismatch: expected == normalised ? nil : TextDiff.unified(expected: expected, actual: normalised, name: name))
    }

    /// What the transcript needs that this replay does not have: an LLM endpoint for
    /// `@understand llm` or `auto`. Nil when it can run.
    public func missingRequirement(_ transcript: Transcript) -> String? {
        let mode = transcript.understandMode
        guard mode != .local, understanders == nil else { return nil }
        return "`@understand \(mode.rawValue)` needs an LLM endpoint, and none is configured "
            + "(--llm-url and --llm-model, or CORTEX_LLM_URL and CORTEX_LLM_MODEL)"
    }

    func understander(for mode: Transcript.UnderstandMode, name: String) throws(CortexError) -> (any Understander)? {
        try understanders?(mode)
    }
}
