public import CortexCore

/// The read-eval loop shared by the interactive REPL and script mode: reads lines, runs the
/// built-ins (`help`, `use`, `history`, `exit`) itself and hands everything else to the
/// pipeline. In script mode its result is the exit code of the worst failure; an interactive
/// session ends with 0, since leaving is not a failure whatever went wrong before.
public final class Session {
    public private(set) var state: SessionState
    let pipeline: Pipeline
    let reader: any LineReader
    let output: any OutputSink
    let source: RequestSource
    /// Where `route outcome <id> success|failure` is recorded; nil where routing is not wired.
    let routing: RoutingCostDispatcher?

    public init(state: SessionState, pipeline: Pipeline, reader: any LineReader, output: any OutputSink, source: RequestSource,
                routing: RoutingCostDispatcher? = nil) {
        self.state = state
        self.pipeline = pipeline
        self.reader = reader
        self.output = output
        self.source = source
        self.routing = routing
    }

    /// The prompt: `cortex> `, or `cortex (staging)> ` once an environment is chosen.
    public var prompt: String {
        state.environment.map { "cortex (\($0))> " } ?? "cortex> "
    }

    /// Runs until `exit`, Ctrl-D or the end of the script.
    public func run() -> ExitCode {
        let worst = loop()
        return source == .repl ? .success : worst
    }

    func loop() -> ExitCode {
        var worst = ExitCode.success
        while true {
            switch reader.readLine(prompt: prompt) {
            case .endOfInput:
                return worst
            case .interrupted:
                continue
            case .line(let raw):
                let line = raw.trimmedWhitespace
                if line.isEmpty || line.hasPrefix("#") { continue }
                reader.remember(line)
                if let code = recordOutcome(line) {
                    worst = max(worst, code)
                    continue
                }
                switch Builtin(line) {
                case .exit:
                    return worst
                case .some(let builtin):
                    worst = max(worst, perform(builtin))
                case nil:
                    worst = max(worst, pipeline.handle(line, source: source, state: state, reader: reader))
                }
            }
        }
    }

    /// Runs `route outcome <id> success|failure` (or `outcome …`); nil when the line is not one.
    func recordOutcome(_ line: String) -> ExitCode? {
        do throws(CortexError) {
            guard let command = try OutcomeCommand.parse(line) else { return nil }
            guard let routing else { throw .usage("route outcomes cannot be recorded here") }
            for text in try routing.recordOutcome(id: command.id, result: command.result).lines { output.line(text) }
            return .success
        } catch {
            output.errorLine(ErrorText.render(error))
            return error.exitCode
        }
    }

    func perform(_ builtin: Builtin) -> ExitCode {
        switch builtin {
        case .help:
            output.write(Session.helpText)
        case .history:
            for (i, line) in reader.history.enumerated() { output.line("\(String(i + 1).leftPadded(to: 5))  \(line)") }
        case .use(nil):
            output.line(state.environment.map { "environment: \($0)" } ?? "no environment chosen; `use <environment>` picks one (\(state.environments.names.joined(separator: ", ")))")
        case .use(let word?):
            if ["none", "-"].contains(word.lowercased()) {
                state.environment = nil
                output.line("no environment chosen")
            } else if let env = state.environments.resolve(word) {
                state.environment = env
                output.line("using \(env)")
            } else {
                output.errorLine(ErrorText.render(.usage(
                    "unknown environment `\(word)`",
                    hint: "choose one of \(state.environments.names.joined(separator: ", "))")))
                return .usage
            }
        case .exit:
            break
        }
        return .success
    }

    /// What `help` prints.
    public static let helpText = """
    Type a request in plain words; cortex turns it into one operation, shows it, and runs it.

      deploy security-worker to staging with 3 replicas
      ship api-gateway v2.3.1 to prod
      scale payments to 5 in staging          add two replicas of api-gateway
      restart billing-api on dev               roll back web-frontend to revision 3
      delete notifier from staging             status of payments in prod
      last 50 lines of logs from payments      who should fix the flaky CI pipeline
      how much have we spent this month        set the monthly budget to $500

    When something is wrong:
      why is payments failing in prod          what happened in staging in the last hour
      anything broken in production?           show events for checkout

    Configuration and releases:
      set LOG_LEVEL=debug on payments          raise the memory limit of cart to 1Gi
      autoscale payments between 2 and 10      stop autoscaling payments
      pause the rollout of checkout            resume checkout's rollout
      deploy payments v2.1 to prod as a 10% canary
      promote the payments canary              abort the canary of payments
      restart the redis statefulset            scale sts/kafka to 5

    A question about a change (`is it safe to restart payments?`) is never carried out: cortex
    says what to type to make the change.

    Built-ins:
      use <environment>   make it the default for requests that name none (`use none` clears)
      route outcome <id> success|failure
                          how a routed task turned out; later routings learn from it
      history             list earlier requests (Up arrow recalls them)
      help                this text
      exit                leave (Ctrl-D works too; Ctrl-C clears the line)

    """
}

/// The commands the session handles itself, before the pipeline.
enum Builtin: Equatable {
    case help, history, exit
    case use(String?)

    init?(_ line: String) {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        guard let first = words.first?.lowercased() else { return nil }
        switch (first, words.count) {
        case ("help", 1), ("?", 1): self = .help
        case ("history", 1): self = .history
        case ("exit", 1), ("quit", 1): self = .exit
        case ("use", 1): self = .use(nil)
        case ("use", 2): self = .use(words[1])
        default: return nil
        }
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
