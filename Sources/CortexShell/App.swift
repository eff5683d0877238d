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
    /// Which cluster requests go to.
    public var cluster: ClusterChoice
    /// `--policy`: the folder of guardrail policy files.
    public var policyFolder: String?
    /// `--audit-log`: the audit log file.
    public var auditLog: String?
    /// `--yes` and `--confirm <name>`; whether a person can answer is found out later.
    public var confirmation: ConfirmationOptions
    /// `--understand` and the `--llm-*` flags.
    public var llm: LLMOptions
    /// The state folder is deleted when the run ends (a transcript replay against the
    /// simulated cluster), so audit appends skip the flush to disk that protects a real log.
    public var scratchState = false
    /// The process environment, passed in so that tests can give their own.
    public var processEnvironment: [String: String]
    /// The simulated cluster's seed, and the clock and ids of the run (replays fix them).
    public var simulation = SimulationSetup()
    /// `--state`: file or cluster; nil leaves it to `CORTEX_STATE` and config.yaml.
    public var state: String?
    /// The approval `cortex approve <id> --run` runs as its approver.
    public var runningApproval: String?

    public init(
        environment: String? = nil, historyFile: String? = nil, configFile: String? = nil, cluster: ClusterChoice = ClusterChoice(),
        policyFolder: String? = nil, auditLog: String? = nil, assumeYes: Bool = false, confirmName: String? = nil,
        llm: LLMOptions = LLMOptions(), processEnvironment: [String: String]
    ) {
        self.llm = llm
        self.environment = environment
        self.historyFile = historyFile
        self.configFile = configFile
        self.cluster = cluster
        self.policyFolder = policyFolder
        self.auditLog = auditLog
        confirmation = ConfirmationOptions(interactive: false, assumeYes: assumeYes, confirmName: confirmName)
        self.processEnvironment = processEnvironment
    }
}

/// Wires the pieces together for each way cortex is started. The executable only parses
/// arguments and calls one of these.
public enum App {
    /// `cortex parse`: the operation for one sentence, as canonical JSON or a summary line.
    public static func parse(_ text: String, json: Bool, options: LaunchOptions) throws(CortexError) -> String {
        let configuration = try configuration(options)
        let state = try initialState(options, configuration)
        let understander = try understander(options, configuration, interactive: false, notices: StandardConsole()) { () throws(CortexError) in
            try RoutingCostCommands.dispatcher(processEnvironment: options.processEnvironment)
        }
        let understanding = understander.understand(text, context: state.understandingContext)
        if let notice = understanding.notice { StandardConsole().errorLine("note: \(notice)") }
        if json { return understanding.operation.canonicalJSON }
        let confidence = Int((understanding.confidence * 100).rounded())
        return "\(understanding.operation.summary)  (confidence \(confidence)%, \(understanding.source))"
    }

    /// The understander `--understand` and the LLM settings ask for. `costs` (where usage is
    /// recorded and the LLM budget read) is only opened when an LLM endpoint is used.
    static func understander(_ options: LaunchOptions, _ configuration: ShellConfiguration, interactive: Bool,
                             notices: any OutputSink & Sendable,
                             costs: () throws(CortexError) -> RoutingCostDispatcher?) throws(CortexError) -> any Understander {
        let settings = try LLMSettings.resolve(options.llm, environment: options.processEnvironment, config: configuration.llm)
        guard settings.mode != .local else { return EmbeddedParser() }
        return try UnderstanderFactory.make(settings, environments: configuration.environments, processEnvironment: options.processEnvironment,
                                            costs: try costs(), interactive: interactive, onNotice: { notices.errorLine("note: \($0)") })
    }

    /// `cortex nl "<text>"`: one request through the pipeline.
    public static func oneShot(_ text: String, options: LaunchOptions) throws(CortexError) -> ExitCode {
        let console = StandardConsole()
        let runtime = try Runtime.open(options, source: .oneShot, output: console, watch: ConsoleDispatchWatch(console: console))
        defer { runtime.close() }
        return runtime.pipeline.handle(text, source: .oneShot, state: runtime.state, reader: StandardInput.questionReader())
    }

    /// `cortex nl --output json "<text>"`: the request through the same pipeline, its plan,
    /// verdict, outcome and exit code as one line of JSON. Nobody is asked anything (pass
    /// `--yes` or `--confirm`), and nothing else is written.
    public static func oneShotJSON(_ text: String, options: LaunchOptions) throws(CortexError) -> (json: String, code: ExitCode) {
        let buffer = OutputBuffer()
        let runtime = try Runtime.open(options, source: .oneShot, output: buffer)
        defer { runtime.close() }
        let trace = RequestTrace()
        runtime.pipeline.trace = trace
        let code = runtime.pipeline.handle(text, source: .oneShot, state: runtime.state, reader: nil)
        return (trace.report(request: text, errorText: buffer.err, exitCode: code).json, code)
    }

    /// `cortex` with no request: the REPL on a terminal, script mode otherwise; with
    /// `--script <file>` (or `-`), the requests of that runbook.
    public static func shell(options: LaunchOptions, script: String? = nil) throws(CortexError) -> ExitCode {
        let console = StandardConsole()
        let source: RequestSource = script == nil && StandardInput.isTerminal ? .repl : .script
        let runtime = try Runtime.open(options, source: source, output: console, watch: ConsoleDispatchWatch(console: console))
        defer { runtime.close() }
        let reader: any LineReader
        if let script {
            reader = try StandardInput.scriptReader(script)
        } else {
            reader = try StandardInput.reader(options: options, state: runtime.state)
        }
        if reader.isInteractive {
            runtime.greet(reader)
            StartupPages.release()
        }
        return runtime.session(reader: reader, source: source).run()
    }

    /// The guardrails, audit log and approvals from flags and the environment. A broken
    /// policy is a usage error naming file, line and key, before any request runs. `budget`
    /// tells the cost-ceiling rule what is left of the monthly budget.
    public static func safeguards(_ options: LaunchOptions, source: AuditSource,
                                  budget: RoutingCostDispatcher? = nil, shared: SharedState? = nil,
                                  identity reviewed: OperatorIdentity? = nil) throws(CortexError) -> Safeguards {
        let time = options.simulation.time
        let env = options.processEnvironment
        let policy = try PolicyLoader().load(PolicySource.resolve(flag: options.policyFolder, environment: env))
        let settings = try AuditSettings.resolve(flag: options.auditLog, environment: env)
        let store: any AuditStore & AuditEntrySource = shared?.audit ?? settings.store(flushes: !options.scratchState)
        let approvals: any ApprovalStore
        if let shared { approvals = shared.approvals } else {
            approvals = FileApprovalStore(path: try FileApprovalStore.path(flag: nil, environment: env))
        }
        let actor = time.actor(environment: env)
        let identity = shared?.identity ?? reviewed, running = options.runningApproval
        let log = AuditLog(store: store, origin: AuditOrigin(actor: actor, session: time.sessionID(), source: source, identity: identity),
                           now: time.now)
        return Safeguards(policy: policy, audit: log, options: options.confirmation, approvals: approvals,
                          clock: time.now, newApprovalID: time.approvalIDs(),
                          context: { now throws(CortexError) in
                              var context = try GuardrailContext.gather(
                                  policy: policy, actor: actor, now: now, audit: store, approvals: approvals,
                                  remainingBudget: try budget?.remainingMonthlyBudget(), identity: identity)
                              context.runningApproval = running
                              return context
                          })
    }

    /// The team's shared state in the cluster when `--state`, `CORTEX_STATE` or config.yaml
    /// ask for it; nil for the state folder.
    public static func sharedState(_ options: LaunchOptions, _ configuration: ShellConfiguration) throws(CortexError) -> SharedState? {
        let env = options.processEnvironment
        guard try SharedState.kind(flag: options.state, environment: env, configuration: configuration) == .cluster else { return nil }
        let settings = try AuditSettings.resolve(flag: options.auditLog, environment: env)
        return try SharedState.open(cluster: options.cluster, environment: env, configuration: configuration,
                                    appender: settings.appender, local: options.simulation.time.actor(environment: env))
    }

    /// The team's configuration file (`--config`, `CORTEX_CONFIG`, else `<config>/config.yaml`).
    public static func configuration(_ options: LaunchOptions) throws(CortexError) -> ShellConfiguration {
        let paths = try CortexPaths.resolve(environment: options.processEnvironment,
                                            overrides: .init(configFile: options.configFile))
        return try ShellConfiguration.load(path: paths.configFile)
    }

    public static func initialState(_ options: LaunchOptions, _ configuration: ShellConfiguration) throws(CortexError) -> SessionState {
        var state = SessionState(environments: configuration.environments)
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

/// The modules a running shell dispatches to, and what must be closed when it ends.
struct Modules {
    let dispatcher: any Dispatcher
    let banner: String
    let cluster: ClusterConnection

    static func open(_ options: LaunchOptions, _ configuration: ShellConfiguration, routingCost: RoutingCostDispatcher,
                     warnings: any OutputSink & Sendable) throws(CortexError) -> Modules {
        let cluster = try ClusterConnection.open(options.cluster, environment: options.processEnvironment,
                                                 configuration: configuration, clusterPrices: routingCost.configuration.prices.cluster,
                                                 simulation: options.simulation,
                                                 onWarning: { warnings.errorLine("warning: \($0)") })
        return Modules(dispatcher: ModuleDispatcher(cluster: cluster.dispatcher, routingCost: routingCost, footprints: routingCost),
                       banner: cluster.banner, cluster: cluster)
    }

    func close() { cluster.close() }
}
