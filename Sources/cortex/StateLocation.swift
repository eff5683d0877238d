import ArgumentParser
import CortexCore
import CortexShell
import Foundation

/// Where shared state is: `--state cluster` (or `CORTEX_STATE`, or `state:` in config.yaml)
/// with the cluster of `--kubeconfig`/`--context`; the state folder otherwise.
struct StateLocation: ParsableArguments {
    @Option(help: ArgumentHelp("file (the state folder) or cluster (shared through the cluster; default: $CORTEX_STATE, else state: in config.yaml, else file).", valueName: "kind"))
    var state: String?

    @Option(help: ArgumentHelp("Kubeconfig file of the cluster that keeps shared state (instead of KUBECONFIG or ~/.kube/config).", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("Kubeconfig context of the cluster that keeps shared state.", valueName: "name"))
    var context: String?

    @Option(help: ArgumentHelp("Configuration file (also CORTEX_CONFIG).", valueName: "path"))
    var config: String?

    /// The shared state when asked for; nil for the state folder. `fileNamed`: the command
    /// was given a log file (`--audit-log`), which wins over `CORTEX_STATE` and config.yaml
    /// (not over `--state cluster`).
    func shared(audit: AuditSettings, fileNamed: Bool = false) throws(CortexError) -> SharedState? {
        if fileNamed, state == nil { return nil }
        var options = LaunchOptions(configFile: config, cluster: ClusterChoice(kubeconfig: kubeconfig, context: context),
                                    processEnvironment: ProcessInfo.processInfo.environment)
        options.state = state
        let configuration = try App.configuration(options)
        guard try SharedState.kind(flag: state, environment: options.processEnvironment, configuration: configuration) == .cluster else {
            return nil
        }
        return try SharedState.open(cluster: options.cluster, environment: options.processEnvironment, configuration: configuration,
                                    appender: audit.appender,
                                    local: AuditIdentity.current(environment: options.processEnvironment))
    }
}
