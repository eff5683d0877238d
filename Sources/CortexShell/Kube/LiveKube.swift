public import CortexCore
public import CortexKube
public import Foundation

/// Wires the Kubernetes module to the real world: libcurl with retries, files on disk,
/// `Process` for exec plugins, the system clock.
public enum LiveKube {
    /// libcurl, retrying 429 and 5xx with backoff and `Retry-After`.
    /// - Parameter onRetry: told before each wait (attempt, delay, reason), e.g. for a notice line.
    public static func transport(
        cancellation: any CancellationSignal = NeverCancelled(), policy: RetryPolicy = .standard,
        onRetry: @escaping @Sendable (Int, Duration, String) -> Void = { _, _, _ in }
    ) -> any HTTPTransport {
        transport(over: CurlTransport(cancellation: cancellation, userAgent: "cortex/\(CortexVersion.string)"),
                  cancellation: cancellation, policy: policy, onRetry: onRetry)
    }

    /// `base` (e.g. the in-process transport to the simulated cluster), retrying as `transport` does.
    public static func transport(
        over base: any HTTPTransport, cancellation: any CancellationSignal = NeverCancelled(), policy: RetryPolicy = .standard,
        onRetry: @escaping @Sendable (Int, Duration, String) -> Void = { _, _, _ in }
    ) -> any HTTPTransport {
        RetryingTransport(base, policy: policy, clock: SystemWaitingClock(), cancellation: cancellation, onRetry: onRetry)
    }

    /// Clients per context from `--kubeconfig`, `KUBECONFIG`, `~/.kube/config` or the in-cluster
    /// service account; nil when there is none of them.
    /// - Parameter environment: default the process's environment.
    public static func clients(
        kubeconfig: String?, context: String?, environment: [String: String]? = nil,
        transport: any HTTPTransport, onWarning: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(CortexError) -> KubeClientPool? {
        let environment = environment ?? ProcessInfo.processInfo.environment
        let files = LocalFileReader()
        let selection = try KubeconfigLoader.load(KubeconfigSources(explicitPath: kubeconfig, environment: environment), files: files)
        return try KubeClientPool.make(selection, context: context, transport: transport, files: files,
                                       runner: FoundationProcessRunner(environment: environment), now: { Date() }, onWarning: onWarning)
    }

    public static func dispatcher(
        clients: KubeClientPool, environments: EnvironmentClusterMap = EnvironmentClusterMap(),
        settings: KubeDispatchSettings = KubeDispatchSettings(), clock: any WaitingClock = SystemWaitingClock(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) -> KubeDispatcher {
        KubeDispatcher(clients: clients, environments: environments, settings: settings, clock: clock, now: now)
    }
}
