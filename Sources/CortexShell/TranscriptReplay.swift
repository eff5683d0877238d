public import CortexCore

/// Replays a transcript through a real session, the same road the REPL takes, and
/// compares what it shows with what the transcript expects.
public struct TranscriptReplay {
    /// What one replay produced.
    public struct Result: Sendable {
        public var output: String
        public var exitCode: ExitCode
        /// A line-by-line difference when the output is not the expected one.
        public var mismatch: String?
    }

    let makePipeline: @Sendable (any OutputSink) -> Pipeline

    /// `makePipeline` builds the pipeline for each replay: one fresh cluster and module
    /// state per transcript.
    public init(makePipeline: @escaping @Sendable (any OutputSink) -> Pipeline) {
        self.makePipeline = makePipeline
    }

    public func replay(_ transcript: Transcript, name: String) throws(CortexError) -> Result {
        var state = SessionState()
        if let word = transcript.settings[.env] {
            guard let env = state.environments.resolve(word) else {
                throw .usage("\(name): unknown environment `\(word)` in @env")
            }
            state.environment = env
        }
        let output = OutputBuffer()
        let reader = TranscriptReader(transcript, output: output)
        let session = Session(state: state, pipeline: makePipeline(output), reader: reader, output: output, source: .transcript)
        let code = session.run()
        let actual = output.all
        let expected = transcript.expectedOutput
        return Result(output: actual, exitCode: code,
                      mismatch: actual == expected ? nil : TextDiff.unified(expected: expected, actual: actual, name: name))
    }
}
