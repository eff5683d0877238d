public import CortexCore

/// Where a request came from; recorded with it and deciding nothing else.
public enum RequestSource: String, Sendable {
    case repl, oneShot = "oneshot", script, transcript
}

/// What a session knows between requests.
public struct SessionState: Sendable {
    public var environment: String?
    public var environments: EnvironmentCatalog
    public var knownServices: [String]

    public init(environment: String? = nil, environments: EnvironmentCatalog = .standard, knownServices: [String] = []) {
        self.environment = environment
        self.environments = environments
        self.knownServices = knownServices
    }

    var understandingContext: UnderstandingContext {
        UnderstandingContext(environments: environments, knownServices: knownServices, currentEnvironment: environment)
    }
}

/// The one road every request travels, whatever its source: understand, resolve, dispatch,
/// report. The REPL, `cortex nl`, scripts and transcripts all call `handle`.
public final class Pipeline {
    let understander: any Understander
    let dispatcher: any Dispatcher
    let output: any OutputSink

    public init(understander: any Understander, dispatcher: any Dispatcher, output: any OutputSink) {
        self.understander = understander
        self.dispatcher = dispatcher
        self.output = output
    }

    /// Handles one request line and returns its exit code. `reader` is asked follow-up
    /// questions (a missing environment) when a person is there to answer.
    public func handle(_ text: String, source: RequestSource, state: SessionState, reader: (any LineReader)?) -> ExitCode {
        let understanding = understander.understand(text, context: state.understandingContext)
        var operation = understanding.operation
        if operation.op == .unknown {
            report(CortexError("not understood: \(operation.reason ?? "no reason given")",
                               hint: "type `help` for the requests cortex understands", exitCode: .notUnderstood))
            return .notUnderstood
        }
        do throws(CortexError) {
            try fillEnvironment(&operation, state: state, reader: reader)
            output.line("> \(operation.summary)")
            let resolved = try dispatcher.resolve(operation, environment: operation.environment)
            let result = try dispatcher.dispatch(resolved)
            for line in result.lines { output.line(line) }
            return result.succeeded ? .success : .failed
        } catch {
            report(error)
            return error.exitCode
        }
    }

    /// Fills the environment from the session; asks for it where the operation needs one,
    /// nobody named one, and a person can answer.
    func fillEnvironment(_ operation: inout Operation, state: SessionState, reader: (any LineReader)?) throws(CortexError) {
        guard operation.op.targetsEnvironment, operation.environment == nil else { return }
        if let current = state.environment {
            operation.environment = current
            return
        }
        let needsOne = operation.op.isMutation || operation.op == .logs
        guard needsOne else { return }
        let names = state.environments.names.joined(separator: ", ")
        guard let reader, reader.isInteractive else {
            throw .usage("no environment for `\(operation.summary)`",
                         hint: "name one in the request (… in staging) or choose one first with `use <environment>` (\(names))")
        }
        switch reader.readLine(prompt: "? which environment? [\(state.environments.names.joined(separator: "/"))] ") {
        case .line(let answer):
            let word = answer.trimmingSpaces
            guard let env = state.environments.resolve(word) else {
                throw .usage("unknown environment `\(word)`", hint: "choose one of \(names)")
            }
            operation.environment = env
        case .interrupted, .endOfInput:
            throw CortexError("no environment chosen; nothing was done", exitCode: .notConfirmed)
        }
    }

    func report(_ error: CortexError) {
        output.errorLine(ErrorText.render(error))
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
