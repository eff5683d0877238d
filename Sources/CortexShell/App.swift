#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import CortexCore

/// What the command line said, independent of how it was parsed.
public struct LaunchOptions: Sendable {
    /// The starting environment (`--env`, else `CORTEX_ENV`).
    public var environment: String?
    public var historyFile: String?
    public var configFile: String?
    /// The process environment, passed in so that tests can give their own.
    public var processEnvironment: [String: String]

    public init(environment: String? = nil, historyFile: String? = nil, configFile: String? = nil, processEnvironment: [String: String]) {
        self.environment = environment
        self.historyFile = historyFile
        self.configFile = configFile
        self.processEnvironment = processEnvironment
    }
}

/// Wires the pieces together for each way cortex is started. The executable only parses
/// arguments and calls one of these.
public enum App {
    /// `cortex parse`: the operation for one sentence, as canonical JSON or a summary line.
    public static func parse(_ text: String, json: Bool, options: LaunchOptions) throws(CortexError) -> String {
        let state = try initialState(options)
        let understanding = EmbeddedParser().understand(text, context: state.understandingContext)
        if json { return understanding.operation.canonicalJSON }
        let confidence = Int((understanding.confidence * 100).rounded())
        return "\(understanding.operation.summary)  (confidence \(confidence)%, \(understanding.source))"
    }

    /// `cortex nl "<text>"`: one request through the pipeline.
    public static func oneShot(_ text: String, options: LaunchOptions) throws(CortexError) -> ExitCode {
        let state = try initialState(options)
        let console = StandardConsole()
        let reader = StandardInput.questionReader()
        return pipeline(console).handle(text, source: .oneShot, state: state, reader: reader)
    }

    /// `cortex` with no request: the REPL on a terminal, script mode otherwise.
    public static func shell(options: LaunchOptions) throws(CortexError) -> ExitCode {
        let state = try initialState(options)
        let console = StandardConsole()
        let reader = try StandardInput.reader(options: options, state: state)
        let session = Session(state: state, pipeline: pipeline(console), reader: reader, output: console,
                              source: reader.isInteractive ? .repl : .script)
        return session.run()
    }

    static func pipeline(_ console: StandardConsole) -> Pipeline {
        Pipeline(understander: EmbeddedParser(), dispatcher: DryRunDispatcher(), output: console)
    }

    static func initialState(_ options: LaunchOptions) throws(CortexError) -> SessionState {
        var state = SessionState()
        let requested = options.environment ?? options.processEnvironment["CORTEX_ENV"].flatMap { $0.isEmpty ? nil : $0 }
        if let requested {
            guard let env = state.environments.resolve(requested) else {
                throw .usage("unknown environment `\(requested)`",
                             hint: "choose one of \(state.environments.names.joined(separator: ", "))")
            }
            state.environment = env
        }
        return state
    }
}
