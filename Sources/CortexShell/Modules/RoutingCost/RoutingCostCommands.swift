public import CortexCore
public import FoundationEssentials

/// What the `cortex route` commands run: the dispatcher built from the process's paths
/// and configuration.
public enum RoutingCostCommands {
    /// The routing and cost dispatcher for this process: configuration from
    /// `$XDG_CONFIG_HOME/cortex`, ledgers in `$XDG_STATE_HOME/cortex` (or their overrides).
    /// `now` is the clock of the run (fixed in replays); `flushes` is off only for a state
    /// folder deleted when the run ends.
    public static func dispatcher(processEnvironment env: [String: String],
                                  now: @escaping @Sendable () -> Date = { Date() },
                                  shared: (any SharedObjectStore)? = nil, flushes: Bool = true) throws(CortexError) -> RoutingCostDispatcher {
        let paths = try CortexPaths.resolve(environment: env)
        let config = try RoutingCostConfiguration.load(configDirectory: paths.configDirectory)
        var files = LedgerFiles(stateDirectory: paths.stateDirectory, environment: env)
        files.flushes = flushes
        return RoutingCostDispatcher(configuration: config, files: files, now: now, shared: shared)
    }

    /// `cortex route "<task>"`: the ranking, recorded under a new id.
    public static func route(_ task: String, processEnvironment env: [String: String]) throws(CortexError) -> [String] {
        guard !task.isEmpty else { throw .usage("no task given", hint: "cortex route \"fix the flaky integration tests\"") }
        return try dispatcher(processEnvironment: env).route(task).lines
    }

    /// `cortex route outcome <id> success|failure`.
    public static func outcome(id: String, result word: String, processEnvironment env: [String: String]) throws(CortexError) -> [String] {
        let result = try RoutingResult(word: word)
        return try dispatcher(processEnvironment: env).recordOutcome(id: id, result: result).lines
    }
}
