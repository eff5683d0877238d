public import CortexCore
import CortexKube
import CortexSim
import Foundation

/// Keeps the size of each workload cortex changed, so that cluster spend accrues from then on.
public protocol FootprintRecorder: Sendable {
    func recordFootprint(service: String, environment: String, replicas: Int, pod: PodRequests) throws(CortexError)
}

/// Sends each operation to the module that owns it: `route`, `cost` and `budget` to the
/// routing and cost module, everything else to the cluster. After a cluster change that
/// went through, the workload's new size goes to `footprints`.
public struct ModuleDispatcher: Dispatcher {
    let cluster: any Dispatcher
    let routingCost: any Dispatcher
    let footprints: (any FootprintRecorder)?

    public init(cluster: any Dispatcher, routingCost: any Dispatcher, footprints: (any FootprintRecorder)? = nil) {
        self.cluster = cluster
        self.routingCost = routingCost
        self.footprints = footprints
    }

    func module(for kind: OperationKind) -> any Dispatcher {
        RoutingCostDispatcher.handles(kind) ? routingCost : cluster
    }

    public func resolve(_ operation: CortexCore.Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        try module(for: operation.op).resolve(operation, environment: environment)
    }

    public func resolve(_ operation: CortexCore.Operation, environment: String?, choices: ResolutionChoices) throws(CortexError) -> ResolvedOperation {
        try module(for: operation.op).resolve(operation, environment: environment, choices: choices)
    }

    public func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        try dispatch(resolved, observer: .silent)
    }

    public func dispatch(_ resolved: ResolvedOperation, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        var report = try module(for: resolved.operation.op).dispatch(resolved, observer: observer)
        if report.succeeded, let warning = recordFootprint(resolved) { report.lines.append(warning) }
        return report
    }

    /// Records the planned size of a changed workload; a warning line when that fails (the
    /// change itself stands).
    func recordFootprint(_ r: ResolvedOperation) -> String? {
        let op = r.operation
        // An autoscaler's replicas follow the load: its plan's count is a maximum, not a size.
        guard let footprints, op.op.isMutation, op.op != .autoscale, !RoutingCostDispatcher.handles(op.op),
              let service = op.service, let env = r.environment,
              let replicas = r.planned?.replicas, let pod = r.plannedRequests else { return nil }
        do throws(CortexError) {
            try footprints.recordFootprint(service: service, environment: env, replicas: replicas, pod: pod)
            return nil
        } catch {
            return "warning: cluster spend of \(service) in \(env) not recorded: \(error.message)"
        }
    }
}

/// Which cluster the shell talks to, from the command line.
public struct ClusterChoice: Sendable {
    /// `--kubeconfig`: one file instead of `KUBECONFIG` / `~/.kube/config`.
    public var kubeconfig: String?
    /// `--context`: a context of the kubeconfig instead of its current one.
    public var context: String?
    /// `--cluster sim`: the embedded simulated cluster even when a kubeconfig exists.
    public var forceSimulator: Bool

    public init(kubeconfig: String? = nil, context: String? = nil, forceSimulator: Bool = false) {
        self.kubeconfig = kubeconfig
        self.context = context
        self.forceSimulator = forceSimulator
    }
}

/// A live connection to a cluster: a real one from kubeconfig, or the embedded simulator
/// started in-process on an ephemeral loopback port when there is no kubeconfig.
public final class ClusterConnection: Sendable {
    public let dispatcher: any Dispatcher
    /// One line saying where requests go, for the banner.
    public let banner: String
    let simulator: SimulatedCluster?
    let scratch: String?
    let clients: KubeClientPool
    let placements: EnvironmentClusterMap

    init(dispatcher: any Dispatcher, banner: String, simulator: SimulatedCluster?, scratch: String?,
         clients: KubeClientPool, placements: EnvironmentClusterMap) {
        self.clients = clients
        self.placements = placements
        self.dispatcher = dispatcher
        self.banner = banner
        self.simulator = simulator
        self.scratch = scratch
    }

    /// Connects as `choice` says; `onWarning` hears kubeconfig warnings (e.g. TLS checks off).
    public static func open(
        _ choice: ClusterChoice, environment: [String: String], configuration: ShellConfiguration = ShellConfiguration(),
        clusterPrices: ClusterPrices? = nil, simulation: SimulationSetup = SimulationSetup(),
        cancellation: any CancellationSignal = NeverCancelled(), onWarning: @escaping @Sendable (String) -> Void = { _ in }
    ) throws(CortexError) -> ClusterConnection {
        let transport = LiveKube.transport(cancellation: cancellation)
        let settings = KubeDispatchSettings(imageTemplate: configuration.imageTemplate, promotionOrder: configuration.environments.names,
                                            clusterPrices: clusterPrices, canaryCheck: configuration.canaryCheck)
        if !choice.forceSimulator,
           let clients = try LiveKube.clients(kubeconfig: choice.kubeconfig, context: choice.context, environment: environment,
                                               transport: transport, onWarning: onWarning) {
            return ClusterConnection(dispatcher: LiveKube.dispatcher(clients: clients, environments: configuration.placements, settings: settings),
                                     banner: "cluster: kubeconfig context \(clients.currentContext)",
                                     simulator: nil, scratch: nil, clients: clients, placements: configuration.placements)
        }
        if choice.context != nil && !choice.forceSimulator {
            throw .usage("no kubeconfig found for --context \(choice.context!)",
                         hint: "pass --kubeconfig FILE, set KUBECONFIG, or leave out --context to use the simulated cluster")
        }
        let time = simulation.time
        let sim = simulation.listens
            ? try SimulatedCluster.startInBackground(port: 0, seed: simulation.seed, pace: simulation.pace, clock: time.clock)
            : try SimulatedCluster.inProcess(seed: simulation.seed, pace: simulation.pace, clock: time.clock)
        let scratch = NSTemporaryDirectory() + "cortex-sim-\(getpid())-" + UUID().uuidString.prefix(8).lowercased()
        let kubeconfig = scratch + "/kubeconfig"
        do {
            try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
            try sim.writeKubeconfig(to: kubeconfig)
        } catch {
            sim.stopAndWait()
            throw .failed("cannot prepare the simulated cluster's kubeconfig in \(scratch)", hint: "check that the temporary folder is writable")
        }
        // cortex's own requests go to the cluster in process, also when it listens for others.
        let inProcess = LiveKube.transport(over: sim.transport(cancellation: cancellation), cancellation: cancellation)
        guard let clients = try LiveKube.clients(kubeconfig: kubeconfig, context: nil, environment: [:], transport: inProcess) else {
            sim.stopAndWait()
            throw .failed("the simulated cluster's kubeconfig could not be read")
        }
        let place = sim.isListening ? "at \(sim.url)" : "in process"
        return ClusterConnection(
            dispatcher: LiveKube.dispatcher(clients: clients, settings: settings,
                                            clock: time.waitingClock(settle: { sim.settleAndWait() }), now: time.now),
            banner: "cluster: simulated (no kubeconfig found) \(place); changes last until cortex exits",
            simulator: sim, scratch: scratch, clients: clients, placements: EnvironmentClusterMap())
    }

    /// The workloads (every kind) in `environments`, for completion. Best effort: an environment that
    /// cannot be read (no access, unreachable) adds nothing.
    /// The environment the current kubeconfig context's namespace holds, for requests that
    /// name none when the session has none; nil for the simulated cluster, or when no
    /// environment lives in that namespace.
    public func contextEnvironment(among environments: [String]) -> String? {
        guard simulator == nil, let client = try? clients.client(for: clients.currentContext) else { return nil }
        return placements.environment(namespace: client.config.namespace, context: clients.currentContext, among: environments)
    }

    public func serviceNames(in environments: [String]) -> [String] {
        var names = Set<String>()
        for env in environments {
            let target = placements.target(for: env, currentContext: clients.currentContext)
            guard let client = try? clients.client(for: target.context) else { continue }
            for kind in WorkloadKind.lookupOrder {
                names.formUnion(((try? client.workloads(kind, target.namespace)) ?? []).map(\.name))
            }
        }
        return names.sorted()
    }

    /// Stops the simulator, if one was started, and removes its scratch files.
    public func close() {
        simulator?.stopAndWait()
        if let scratch { try? FileManager.default.removeItem(atPath: scratch) }
    }
}
