public import CortexCore

/// One running cortex, opened from the launch options: the session's starting state, the
/// pipeline with its safeguards, and the modules behind it. The REPL, `cortex nl`, scripts,
/// recordings and transcript replays all open one this way, so every request takes the
/// same road whatever its source.
public final class Runtime {
    /// Where the session starts: the environment from `--env` or `@env`, the team's catalog.
    public private(set) var state: SessionState
    public let pipeline: Pipeline
    let modules: Modules
    let routing: RoutingCostDispatcher
    let output: any OutputSink

    init(state: SessionState, pipeline: Pipeline, modules: Modules, routing: RoutingCostDispatcher, output: any OutputSink) {
        self.state = state
        self.pipeline = pipeline
        self.modules = modules
        self.routing = routing
        self.output = output
    }

    /// Reads the configuration, loads the policy, opens the audit log, the ledgers and the
    /// cluster, and builds the pipeline writing to `output`.
    /// - Parameter understander: how sentences become operations; when nil, what `--understand`
    ///   and the LLM settings ask for (the embedded parser by default).
    public static func open(
        _ options: LaunchOptions, source: RequestSource, output: any OutputSink & Sendable,
        watch: any DispatchWatch = SilentDispatchWatch(), understander: (any Understander)? = nil
    ) throws(CortexError) -> Runtime {
        let configuration = try App.configuration(options)
        var state = try App.initialState(options, configuration)
        let shared = try App.sharedState(options, configuration)
        let routingCost = try RoutingCostCommands.dispatcher(processEnvironment: options.processEnvironment,
                                                             now: options.simulation.time.now, shared: shared?.store,
                                                             flushes: !options.scratchState)
        let modules = try Modules.open(options, configuration, routingCost: routingCost, warnings: output)
        let guards: Safeguards
        do {
            let identity = shared?.identity
                ?? modules.cluster.reviewedIdentity(local: options.simulation.time.actor(environment: options.processEnvironment))
            guards = try App.safeguards(options, source: AuditSource(rawValue: source.rawValue) ?? .script, budget: routingCost,
                                        shared: shared, identity: identity)
        } catch {
            modules.close()
            throw error
        }
        state.contextEnvironment = modules.cluster.contextEnvironment(among: state.environments.names)
        let interactive = source == .repl || (source == .oneShot && StandardInput.isTerminal)
        let chosen: any Understander
        if let understander { chosen = understander } else {
            chosen = try App.understander(options, configuration, interactive: interactive, notices: output) { routingCost }
        }
        let pipeline = Pipeline(understander: chosen, dispatcher: modules.dispatcher, output: output,
                                safeguards: guards, watch: watch)
        if let combined = chosen as? ModeUnderstander, combined.mode != .local {
            pipeline.explainer = combined.remote as? any FindingsExplainer
        }
        return Runtime(state: state, pipeline: pipeline, modules: modules, routing: routingCost, output: output)
    }

    /// The REPL's welcome on a terminal: where requests go (on `banner`, default the
    /// output), and completion over the cluster's services.
    public func greet(_ reader: any LineReader, banner: (any OutputSink)? = nil) {
        (banner ?? output).errorLine(modules.banner)
        state.knownServices = modules.cluster.serviceNames(in: state.environments.names)
        reader.setCompletionVocabulary(CompletionVocabulary(state: state))
    }

    /// A session reading from `reader`, writing where the pipeline writes.
    public func session(reader: any LineReader, source: RequestSource) -> Session {
        Session(state: state, pipeline: pipeline, reader: reader, output: output, source: source, routing: routing)
    }

    /// Stops the simulated cluster, if one was started.
    public func close() { modules.close() }
}
