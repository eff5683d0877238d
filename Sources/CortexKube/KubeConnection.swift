public import CortexCore
public import FoundationEssentials

extension KubeClientPool {
    /// Clients for the contexts of a loaded configuration, or nil when there is none (no
    /// kubeconfig, not in a cluster): the caller then decides what to do (e.g. the simulator).
    ///
    /// - Parameters:
    ///   - context: `--context`; default the kubeconfig's current context.
    ///   - onWarning: told once per client about configuration warnings, and about server warnings.
    public static func make(
        _ selection: KubeconfigSelection, context: String?, transport: any HTTPTransport, files: any KubeFileReader,
        runner: any ProcessRunner, now: @escaping @Sendable () -> Date, onWarning: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(CortexError) -> KubeClientPool? {
        @Sendable func client(_ config: ResolvedKubeConfig) -> KubeClient {
            config.warnings.forEach(onWarning)
            let auth = KubeAuthenticators.make(config.credentials, files: files, runner: runner, now: now)
            return KubeClient(config: config, transport: transport, authenticator: auth, onWarning: onWarning)
        }
        switch selection {
        case .none:
            return nil
        case .inCluster(let config):
            if let context, context != config.contextName {
                throw .usage("context \(context) does not exist: no kubeconfig was found, only the in-cluster service account",
                             hint: "set KUBECONFIG or pass --kubeconfig")
            }
            return KubeClientPool(client(config))
        case .kubeconfig(let merged):
            let current = try merged.resolve(context: context, files: files)
            let first = client(current)
            return KubeClientPool(currentContext: current.contextName) { (name: String) throws(CortexError) -> KubeClient in
                name == current.contextName ? first : client(try merged.resolve(context: name, files: files))
            }
        }
    }
}
