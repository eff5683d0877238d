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
    /// The process environment, passed in so that tests can give their own.
    public var processEnvironment: [String: String]

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
        let costs = try RoutingCostCommands.dispatcher(processEnvironment: options.processEnvironment)
        let understander = try understander(options, configuration, costs: costs, interactive: false, console: StandardConsole())
        let understanding = understander.understand(text, context: state.understandingContext)
        if let notice = understanding.notice { StandardConsole().errorLine("note: \(notice)") }
        if json { return understanding.operation.canonicalJSON }
        let confidence = Int((understanding.confidence * 100).rounded())
        return "\(understanding.operation.summary)  (confidence \(confidence)%, \(understanding.source))"
    }

    /// The understander `--understand` and the LLM settings ask for.
    static func understander(_ options: LaunchOptions, _ configuration: ShellConfiguration, costs: RoutingCostDispatcher?,
                             interactive: Bool, console: StandardConsole) throws(CortexError) -> any Understander {
        let settings = try LLMSettings.resolve(options.llm, environment: options.processEnvironment, config: configuration.llm)
        return try UnderstanderFactory.make(settings, environments: configuration.environments, processEnvironment: options.processEnvironment,
                                            costs: costs, interactive: interactive, onNotice: { console.errorLine("note: \($0)") })
    }

    /// `cortex nl "<text>"`: one request through the pipeline.
    public static func oneShot(_ text: String, options: LaunchOptions) throws(CortexError) -> ExitCode {
        let configuration = try configuration(options)
        let state = try initialState(options, configuration)
        let routingCost = try RoutingCostCommands.dispatcher(processEnvironment: options.processEnvironment)
        let guards = try safeguards(options, source: .oneshot, budget: routingCost)
        let console = StandardConsole()
        let reader = StandardInput.questionReader()
        let understander = try understander(options, configuration, costs: routingCost, interactive: reader?.isInteractive ?? false, console: console)
        let modules = try Modules.open(options, configuration, routingCost: routingCost, console: console)
        defer { modules.close() }
        return pipeline(console, guards, modules, understander).handle(text, source: .oneShot, state: state, reader: reader)
    }

    /// `cortex` with no request: the REPL on a terminal, script mode otherwise.
    public static func shell(options: LaunchOptions) throws(CortexError) -> ExitCode {
        let configuration = try configuration(options)
        var state = try initialState(options, configuration)
        let console = StandardConsole()
        let reader = try StandardInput.reader(options: options, state: state)
        let source: RequestSource = reader.isInteractive ? .repl : .script
        let routingCost = try RoutingCostCommands.dispatcher(processEnvironment: options.processEnvironment)
        let guards = try safeguards(options, source: AuditSource(rawValue: source.rawValue) ?? .script, budget: routingCost)
        let understander = try understander(options, configuration, costs: routingCost, interactive: reader.isInteractive, console: console)
        let modules = try Modules.open(options, configuration, routingCost: routingCost, console: console)
        defer { modules.close() }
        if reader.isInteractive {
            console.errorLine(modules.banner)
            state.knownServices = modules.cluster.serviceNames(in: state.environments.names)
            reader.setCompletionVocabulary(CompletionVocabulary(state: state))
        }
        let session = Session(state: state, pipeline: pipeline(console, guards, modules, understander), reader: reader, output: console, source: source,
                              routing: routingCost)
        return session.run()
    }

    static func pipeline(_ console: StandardConsole, _ safeguards: Safeguards, _ modules: Modules, _ understander: any Understander) -> Pipeline {
        Pipeline(understander: understander, dispatcher: modules.dispatcher, output: console, safeguards: safeguards,
                 watch: ConsoleDispatchWatch(console: console))
    }

    /// The guardrails, audit log and approvals from flags and the environment. A broken
    /// policy is a usage error naming file, line and key, before any request runs. `budget`
    /// tells the cost-ceiling rule what is left of the monthly budget.
    public static func safeguards(_ options: LaunchOptions, source: AuditSource,
                                  budget: RoutingCostDispatcher? = nil) throws(CortexError) -> Safeguards {
        let env = options.processEnvironment
        let policy = try PolicyLoader().load(PolicySource.resolve(flag: options.policyFolder, environment: env))
        let store = try AuditSettings.resolve(flag: options.auditLog, environment: env).store()
        let approvals = FileApprovalStore(path: try FileApprovalStore.path(flag: nil, environment: env))
        let actor = AuditIdentity.current(environment: env)
        let log = AuditLog(store: store, origin: AuditOrigin(actor: actor, session: AuditIdentity.newSessionID(), source: source))
        return Safeguards(policy: policy, audit: log, options: options.confirmation, approvals: approvals,
                          context: { now throws(CortexError) in
                              try GuardrailContext.gather(policy: policy, actor: actor, now: now, audit: store, approvals: approvals,
                                                          remainingBudget: try budget?.remainingMonthlyBudget())
                          })
    }

    /// The team's configuration file (`--config`, `CORTEX_CONFIG`, else `<config>/config.yaml`).
    static func configuration(_ options: LaunchOptions) throws(CortexError) -> ShellConfiguration {
        let paths = try CortexPaths.resolve(environment: options.processEnvironment,
                                            overrides: .init(configFile: options.configFile))
        return try ShellConfiguration.load(path: paths.configFile)
    }

    static func initialState(_ options: LaunchOptions, _ configuration: ShellConfiguration) throws(CortexError) -> SessionState {
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
                     console: StandardConsole) throws(CortexError) -> Modules {
        let cluster = try ClusterConnection.open(options.cluster, environment: options.processEnvironment,
                                                 configuration: configuration, clusterPrices: routingCost.configuration.prices.cluster,
                                                 onWarning: { console.errorLine("warning: \($0)") })
        return Modules(dispatcher: ModuleDispatcher(cluster: cluster.dispatcher, routingCost: routingCost, footprints: routingCost),
                       banner: cluster.banner, cluster: cluster)
    }

    func close() { cluster.close() }
}
