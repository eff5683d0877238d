public import CortexCore
public import FoundationEssentials

/// Settings of the Kubernetes module that come from configuration.
public struct KubeDispatchSettings: Equatable, Sendable {
    public var imageTemplate: ImageTemplate
    /// Replicas of a Deployment created without a count.
    public var defaultReplicas: Int
    public var rolloutTimeout: Duration
    public var pollInterval: Duration
    public var deleteTimeout: Duration
    /// Log lines when the request names no count.
    public var defaultLogLines: Int
    /// Environments from least to most guarded. Deploying a service that does not exist yet,
    /// with no version or image named, promotes the image it runs in the nearest environment
    /// before the target (then any other).
    public var promotionOrder: [String]
    /// Prices for the monthly cost change every plan carries; nil leaves plans without one.
    public var clusterPrices: ClusterPrices?
    /// How long a canary's health is watched once it runs, before it waits for promote or abort.
    public var canaryCheck: Duration

    public init(imageTemplate: ImageTemplate = ImageTemplate(), defaultReplicas: Int = 1, rolloutTimeout: Duration = .seconds(300),
                pollInterval: Duration = .seconds(1), deleteTimeout: Duration = .seconds(60), defaultLogLines: Int = 50,
                promotionOrder: [String] = EnvironmentCatalog.standard.names, clusterPrices: ClusterPrices? = nil,
                canaryCheck: Duration = .seconds(120)) {
        self.canaryCheck = canaryCheck
        self.promotionOrder = promotionOrder
        self.clusterPrices = clusterPrices
        self.imageTemplate = imageTemplate
        self.defaultReplicas = defaultReplicas
        self.rolloutTimeout = rolloutTimeout
        self.pollInterval = pollInterval
        self.deleteTimeout = deleteTimeout
        self.defaultLogLines = defaultLogLines
    }
}

/// Executes the cluster's operations against Kubernetes, for Deployments, StatefulSets and
/// DaemonSets (see `KubeDispatcher+Workloads` for what every kind shares, and
/// `WorkloadTraits` for what differs); canaries (deploy as a canary, promote, abort) run
/// beside Deployments.
///
/// `resolve` finds the workload by name across kinds, reads it and sends every mutation
/// once with `dryRun=All`, so the plan shows what the API server would make of it. `dispatch` sends it for real, waits
/// for the rollout with kubectl's rules and reports ready replicas, image and revision.
public struct KubeDispatcher: Dispatcher {
    let clients: KubeClientPool
    let environments: EnvironmentClusterMap
    let settings: KubeDispatchSettings
    let clock: any WaitingClock
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - clients: a client per kubeconfig context.
    ///   - clock: for waiting on rollouts.
    ///   - now: the wall clock, for the `restartedAt` annotation.
    public init(clients: KubeClientPool, environments: EnvironmentClusterMap = EnvironmentClusterMap(),
                settings: KubeDispatchSettings = KubeDispatchSettings(), clock: any WaitingClock,
                now: @escaping @Sendable () -> Date) {
        self.clients = clients
        self.environments = environments
        self.settings = settings
        self.clock = clock
        self.now = now
    }

    /// One cluster from a resolved configuration; environments placed in other contexts are an error.
    public init(config: ResolvedKubeConfig, transport: any HTTPTransport, authenticator: any KubeAuthenticator,
                environments: EnvironmentClusterMap = EnvironmentClusterMap(), settings: KubeDispatchSettings = KubeDispatchSettings(),
                clock: any WaitingClock, now: @escaping @Sendable () -> Date) {
        let client = KubeClient(config: config, transport: transport, authenticator: authenticator)
        self.init(clients: KubeClientPool(client), environments: environments, settings: settings, clock: clock, now: now)
    }

    // MARK: Resolve

    public func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        try resolve(operation, environment: environment, choices: ResolutionChoices())
    }

    public func resolve(_ operation: Operation, environment: String?, choices: ResolutionChoices) throws(CortexError) -> ResolvedOperation {
        let env = operation.environment ?? environment
        var resolved = ResolvedOperation(operation: operation, environment: env,
                                         environmentFromSession: operation.environment == nil && env != nil)
        guard operation.op.targetsEnvironment, operation.op != .cost else { return resolved }
        guard let env else {
            if operation.op == .status { return resolved }  // every environment
            throw .usage("which environment? \(operation.op.rawValue) needs one", hint: "name it (\"in staging\") or choose one for the session")
        }
        let target = environments.target(for: env, currentContext: clients.currentContext)
        resolved.target = target
        let client = try clients.client(for: target.context)
        let ns = target.namespace
        guard let service = operation.service else { return resolved }  // a whole environment
        let found = try locate(client, ns, service, kind: operation.kind, env: env)
        resolved.workloadKind = found?.kind ?? operation.kind
        if [.diagnose, .events].contains(operation.op) { return resolved }  // read when dispatched
        if found == nil, let kind = operation.kind, kind != .deployment {
            if operation.op == .deploy {
                throw .failed("no \(kind.rawValue) \(service) in \(env)", hint: "cortex creates Deployments only; check the name with: status in \(env)")
            }
            _ = try requireWorkload(nil, service, env, kind: kind)
        }
        if Self.workloadOperations.contains(operation.op) || (found != nil && found?.kind != .deployment) {
            let w = try requireWorkload(found, service, env, kind: operation.kind)
            try resolveWorkload(&resolved, client, ns, w, choices: choices)
            return resolved
        }
        let live = found?.deployment
        resolved.current = live.map(Self.state)

        switch operation.op {
        case .deploy where operation.canary != nil:
            let live = try require(live, service, env)
            (resolved.current, resolved.planned) = try resolveCanary(client, ns, operation, live, env)
        case .promote, .abort:
            let live = try require(live, service, env)
            (resolved.current, resolved.planned) = try resolveCanary(client, ns, operation, live, env)
        case .deploy:
            if let live {
                let change = try deployChange(operation, live)
                if change.image != nil { try refuseNewVersionDuringCanary(client, ns, service, env) }
                let planned = change.isEmpty ? live : try client.patch(ns, service, .strategicMerge, change.patch, dryRun: true)
                resolved.planned = Self.state(planned)
            } else {
                let planned = try client.create(ns, try newDeployment(operation, namespace: ns, environment: env), dryRun: true)
                resolved.planned = Self.state(planned)
            }
        case .scale:
            let live = try require(live, service, env)
            if let w = found { try refuseScale(client, ns, w, place: "\(service) in \(env)") }
            let (_, after) = try client.updateScale(ns, service, dryRun: true) { current throws(CortexError) in
                try Self.scaleTarget(operation, current: current)
            }
            resolved.planned = WorkloadState(replicas: after.spec.replicas, image: Self.mainImage(live), requests: resolved.current?.requests)
        case .restart:
            let live = try require(live, service, env)
            if live.spec.paused == true { throw Self.pausedError(service, env, "restart") }
            resolved.planned = Self.state(try client.patch(ns, service, .strategicMerge, DeploymentPatch.restart(at: timestamp()), dryRun: true, action: "restart"))
        case .rollback:
            let live = try require(live, service, env)
            switch try rollbackDecision(client, ns, live, operation.revision, env) {
            case .skip: resolved.planned = Self.state(live)
            case .patch(_, _, let patch):
                resolved.planned = Self.state(try client.patch(ns, service, .json, patch, dryRun: true, action: "roll back"))
            }
        case .delete:
            _ = try require(live, service, env)
            try client.delete(ns, service, dryRun: true)
            resolved.planned = WorkloadState(replicas: 0, image: nil, requests: resolved.current?.requests)
        case .status, .logs:
            _ = try require(live, service, env)
        case .route, .cost, .budget, .unknown:
            break
        case .diagnose, .events:
            break  // read when dispatched
        case .setEnv, .setResources, .autoscale, .pause, .resume:
            break  // planned for every kind by resolveWorkload
        }
        resolved.costChange = costChange(resolved)
        return resolved
    }

    /// The monthly cost change of a mutation from the live and planned replica counts and
    /// what one replica requests (the planned template's, else the live one's).
    func costChange(_ r: ResolvedOperation) -> MonthlyCostChange? {
        guard r.operation.op.isMutation, let prices = settings.clusterPrices,
              let pod = r.plannedRequests else { return nil }
        return ClusterCostModel(prices: prices).change(from: r.current?.replicas ?? 0, to: r.planned?.replicas ?? 0, pod: pod)
    }

    // MARK: Dispatch

    public func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        try dispatch(resolved, observer: .silent)
    }

    public func dispatch(_ resolved: ResolvedOperation, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let operation = resolved.operation
        guard let env = resolved.environment else {
            if operation.op == .status { return statusEverywhere(operation) }
            throw .usage("which environment? \(operation.op.rawValue) needs one", hint: "name it (\"in staging\") or choose one for the session")
        }
        let target = resolved.target ?? environments.target(for: env, currentContext: clients.currentContext)
        let client = try clients.client(for: target.context)
        let ns = target.namespace
        var located = operation
        located.kind = operation.kind ?? resolved.workloadKind
        switch operation.op {
        case .diagnose: return try diagnose(client, ns, located, env)
        case .events: return try events(client, ns, located, env)
        default: break
        }
        guard let service = operation.service else {
            guard operation.op == .status else { throw .usage("\(operation.op.rawValue) needs a service") }
            return try statusOfAll(client, ns, env)
        }
        let place = "\(service) in \(env)"
        if let kind = resolved.workloadKind, kind != .deployment || Self.workloadOperations.contains(operation.op) || operation.op == .status {
            return try dispatchWorkload(resolved, client, ns, kind: kind, observer: observer)
        }

        switch operation.op {
        case .deploy where operation.canary != nil:
            let live = try require(try client.deployment(ns, service), service, env)
            return try startCanary(client, ns, operation, live, env, observer: observer)
        case .promote:
            return try promote(client, ns, service, env, observer: observer)
        case .abort:
            return try abort(client, ns, service, env, observer: observer)
        case .deploy:
            if let live = try client.deployment(ns, service) {
                let change = try deployChange(operation, live)
                if change.isEmpty {
                    return DispatchReport(lines: ["\(place) already runs \(Self.mainImage(live) ?? "that image") with \(live.spec.replicas ?? 1) replicas; nothing to change"])
                }
                _ = try client.patch(ns, service, .strategicMerge, change.patch, dryRun: false)
                return try finish(client, ns, service, env, first: change.summary(place), observer: observer, paused: live.spec.paused == true)
            }
            let created = try client.create(ns, try newDeployment(operation, namespace: ns, environment: env), dryRun: false)
            return try finish(client, ns, service, env,
                              first: "created \(place) with image \(Self.mainImage(created) ?? "?") and \(created.spec.replicas ?? 1) replicas",
                              observer: observer)
        case .scale:
            let w = try requireWorkload(try client.workload(.deployment, ns, service), service, env, kind: nil)
            try refuseScale(client, ns, w, place: place)
            let (before, after) = try client.updateScale(ns, service, dryRun: false) { current throws(CortexError) in
                try Self.scaleTarget(operation, current: current)
            }
            let from = before.spec.replicas ?? 0, to = after.spec.replicas ?? 0
            let first = from == to ? "\(place) already has \(to) replicas" : "scaled \(place) from \(from) to \(to) replicas"
            return try finish(client, ns, service, env, first: first, observer: observer, paused: w.paused)
        case .restart:
            let live = try require(try client.deployment(ns, service), service, env)
            if live.spec.paused == true { throw Self.pausedError(service, env, "restart") }
            _ = try client.patch(ns, service, .strategicMerge, DeploymentPatch.restart(at: timestamp()), dryRun: false, action: "restart")
            return try finish(client, ns, service, env, first: "restarting \(place)", observer: observer)
        case .rollback:
            let live = try require(try client.deployment(ns, service), service, env)
            switch try rollbackDecision(client, ns, live, operation.revision, env) {
            case .skip(let revision):
                return DispatchReport(lines: ["\(place) already runs the template of revision \(revision); nothing to roll back"])
            case .patch(let revision, let template, let patch):
                _ = try client.patch(ns, service, .json, patch, dryRun: false, action: "roll back")
                let image = Self.mainImage(of: template, service: service) ?? "?"
                return try finish(client, ns, service, env, first: "rolling \(place) back to revision \(revision) (image \(image))", observer: observer)
            }
        case .delete:
            _ = try require(try client.deployment(ns, service), service, env)
            try client.delete(ns, service, dryRun: false)
            return try waitForDeletion(client, ns, service, place, observer: observer)
        case .status:
            let live = try require(try client.deployment(ns, service), service, env)
            let canary = try canaryStatusLine(client, ns, live, env)
            return DispatchReport(lines: Self.statusLines(live, place: place) + (canary.map { [$0] } ?? []))
        case .logs:
            return try dispatchWorkload(resolved, client, ns, kind: resolved.workloadKind ?? .deployment, observer: observer)
        case .route, .cost, .budget, .unknown:
            throw .usage("\(operation.op.rawValue) is not a Kubernetes operation")
        case .setEnv, .setResources, .autoscale, .pause, .resume:
            return try dispatchWorkload(resolved, client, ns, kind: .deployment, observer: observer)
        case .diagnose, .events:
            throw .usage("\(operation.op.rawValue) is read when dispatched, not here")
        }
    }

    // MARK: Pieces

    /// What a deploy of an existing Deployment changes.
    struct DeployChange {
        var replicas: (from: Int, to: Int)?
        var image: (container: String, from: String, to: String)?
        var isEmpty: Bool { replicas == nil && image == nil }
        var patch: JSONValue { DeploymentPatch.update(replicas: replicas?.to, container: image?.container, image: image?.to) }

        func summary(_ place: String) -> String { "updating \(place): " + changes }

        /// `image a → b, replicas 2 → 3`.
        var changes: String {
            var parts: [String] = []
            if let image { parts.append("image \(image.from) → \(image.to)") }
            if let replicas { parts.append("replicas \(replicas.from) → \(replicas.to)") }
            return parts.joined(separator: ", ")
        }
    }

    func deployChange(_ operation: Operation, _ live: Deployment) throws(CortexError) -> DeployChange {
        var change = DeployChange()
        let currentReplicas = live.spec.replicas ?? 1
        if let replicas = operation.replicas, replicas != currentReplicas { change.replicas = (currentReplicas, replicas) }
        if let container = Self.mainContainer(of: live.spec.template, service: operation.service ?? "") {
            let wanted = operation.image ?? operation.version.map { ImageReference.retag(container.image, to: $0) }
            if let wanted, wanted != container.image { change.image = (container.name, container.image, wanted) }
        } else if operation.image != nil || operation.version != nil {
            throw .failed("deployment \(live.name) has no container to update")
        }
        return change
    }

    func newDeployment(_ operation: Operation, namespace: String, environment: String) throws(CortexError) -> Deployment {
        let service = operation.service ?? ""
        guard let image = operation.image ?? operation.version.map({ settings.imageTemplate.image(service: service, version: $0) })
                ?? promotedImage(service, to: environment) else {
            throw .usage("\(service) does not exist in namespace \(namespace), nor in another environment to promote it from",
                         hint: "name a version or an image, e.g. deploy \(service) version 1.0 to \(environment)")
        }
        let labels = ["app": service]
        return Deployment(
            metadata: ObjectMeta(name: service, labels: labels),
            spec: DeploymentSpec(replicas: operation.replicas ?? settings.defaultReplicas, selector: LabelSelector(matchLabels: labels),
                                 template: PodTemplate(labels: labels, containers: [(service, image)])))
    }

    /// The image `service` runs in the nearest environment before `environment` in the
    /// promotion order, else in any other; nil when it runs nowhere this shell can read.
    func promotedImage(_ service: String, to environment: String) -> String? {
        let order = settings.promotionOrder
        let position = order.firstIndex(of: environment) ?? order.count
        let candidates = order[..<position].reversed() + order[min(position + 1, order.count)...]
        for source in candidates {
            let target = environments.target(for: source, currentContext: clients.currentContext)
            guard let client = try? clients.client(for: target.context),
                  let live = try? client.deployment(target.namespace, service),
                  let image = Self.mainImage(live) else { continue }
            return image
        }
        return nil
    }

    static func scaleTarget(_ operation: Operation, current: Int) throws(CortexError) -> Int {
        if let replicas = operation.replicas { return replicas }
        let target = current + (operation.delta ?? 0)
        guard target >= 0 else {
            throw .usage("cannot scale \(operation.service ?? "") by \(operation.delta ?? 0): it has \(current) replicas",
                         hint: "scale to 0 at the lowest")
        }
        return target
    }

    func rollbackDecision(_ client: KubeClient, _ ns: String, _ live: Deployment, _ revision: Int?, _ env: String) throws(CortexError) -> RollbackDecision {
        let replicaSets = try client.replicaSets(ns, selector: live.spec.selector)
        do {
            return try Rollback.plan(live, replicaSets: replicaSets, toRevision: revision)
        } catch {
            throw .failed("cannot roll back \(live.name) in \(env): \(error)",
                          hint: error == .paused ? "resume the rollout first" : "see the revisions with `kubectl rollout history deployment/\(live.name) -n \(ns)`")
        }
    }

    /// Waits for the rollout and reports the outcome.
    func finish(_ client: KubeClient, _ ns: String, _ service: String, _ env: String, first: String,
                observer: DispatchObserver, canaryOf: String? = nil, paused: Bool = false) throws(CortexError) -> DispatchReport {
        observer.progress(first)
        if paused {
            // A paused Deployment records the change and does not roll it out.
            return DispatchReport(lines: [first, "\(service) in \(env): the rollout is paused; the change rolls out when it is resumed"])
        }
        let waiter = RolloutWaiter(timeout: settings.rolloutTimeout, pollInterval: settings.pollInterval, clock: clock)
        let place = "\(service) in \(env)"
        // Progress in cortex's words, from each Deployment read; the waiter's kubectl messages stay in the outcome.
        var shown = first
        let watch = RolloutHealthWatch(client: client, namespace: ns, workload: service, environment: env, canaryOf: canaryOf, now: now)
        // The object each poll read, so that the health watch does not read it again.
        var read: JSONValue?
        let outcome = try waiter.wait(cancellation: observer.cancellation, fetch: { () throws(CortexError) -> Deployment? in
            let object = try client.deploymentObject(ns, service)
            read = object?.json
            if let d = object?.deployment, let line = RolloutProgress.line(d, place: place), line != shown {
                shown = line
                observer.progress(line)
            }
            return object?.deployment
        }, health: { d in watch.failure(of: d, json: read) }, progress: { _ in })
        switch outcome {
        case .complete(let d):
            return DispatchReport(lines: [first, Self.summary(d, place: place)])
        case .unhealthy(let failure, let d):
            return DispatchReport(lines: [first] + Self.failureLines(failure, d, place: place), succeeded: false, rolloutFailure: failure)
        case .failed(let message, let d):
            // At the progress deadline the new pods are judged once more, with the deadline as proof.
            if let failure = watch.failure(of: d, deadlinePassed: true) {
                return DispatchReport(lines: [first, "\(place): \(message)"] + Self.failureLines(failure, d, place: place, early: false),
                                      succeeded: false, rolloutFailure: failure)
            }
            return DispatchReport(lines: [first, "\(place): \(message)", Self.summary(d, place: place),
                                          "roll it back with: rollback \(service) in \(env)"], succeeded: false)
        case .timedOut(let last):
            return DispatchReport(lines: [first, "\(place): not rolled out after \(HTTPTransportError.describe(settings.rolloutTimeout)): \(Self.shortProgress(last, service))",
                                          "the rollout goes on in the cluster; check with: status \(service) in \(env)"], succeeded: false)
        case .cancelled(let last):
            return DispatchReport(lines: [first, "stopped waiting for \(place)\(last.isEmpty ? "" : " (\(Self.shortProgress(last, service)))"); the rollout goes on in the cluster",
                                          "check with: status \(service) in \(env)"], succeeded: false)
        case .deleted:
            return DispatchReport(lines: [first, "\(place) was deleted while rolling out"], succeeded: false)
        }
    }

    /// The failure, how soon it was certain, and where the workload stands now.
    static func failureLines(_ failure: RolloutFailure, _ d: Deployment, place: String, early: Bool = true) -> [String] {
        var lines = [failure.headline]
        if early, let delay = failure.detectionDelay { lines.append("  \(delay), without waiting for the progress deadline") }
        lines.append(summary(d, place: place))
        return lines
    }

    func waitForDeletion(_ client: KubeClient, _ ns: String, _ service: String, _ place: String, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let deadline = clock.now() + settings.deleteTimeout
        observer.progress("deleting \(place)")
        while try client.deployment(ns, service) != nil {
            if observer.cancellation.isCancelled || clock.now() >= deadline {
                return DispatchReport(lines: ["deletion of \(place) requested; it is still terminating"])
            }
            clock.sleep(for: settings.pollInterval, cancellation: observer.cancellation)
        }
        return DispatchReport(lines: ["deleted \(place)"])
    }

    func statusOfAll(_ client: KubeClient, _ ns: String, _ env: String) throws(CortexError) -> DispatchReport {
        var all = try client.workloads(.deployment, ns)
        for kind in [WorkloadKind.statefulset, .daemonset] {
            // A cluster that forbids listing a kind still shows the others.
            all += (try? client.workloads(kind, ns)) ?? []
        }
        all.sort { ($0.name, $0.kind.rawValue) < ($1.name, $1.kind.rawValue) }
        guard !all.isEmpty else { return DispatchReport(lines: ["no workloads in \(env) (namespace \(ns))"]) }
        let revisions = all.contains { $0.kind != .deployment } ? client.latestRevisions(ns) : [:]
        let rows = all.map { w -> [String] in
            let name = w.kind == .deployment ? w.name : "\(w.name) (\(w.kind.rawValue))"
            if let d = w.deployment {
                let s = d.status ?? DeploymentStatus()
                return [name, "\(s.readyReplicas ?? 0)/\(d.spec.replicas ?? 0) ready", Self.mainImage(d) ?? "-",
                        d.revision.map { "revision \($0)" } ?? "-", d.spec.paused == true ? "paused" : Self.rolloutWord(d)]
            }
            let ready = w.kind == .daemonset ? w.status("numberReady") : w.status("readyReplicas")
            let state: String = switch WorkloadRollout.evaluate(w) {
            case .complete: "rolled out"
            case .waiting: "rolling out"
            case .failed: "failed"
            }
            let revision = revisions[w.uid ?? ""].map { "revision \($0)" } ?? "-"
            return [name, "\(ready)/\(w.desiredPods) ready", w.mainImage ?? "-", revision, state]
        }
        return DispatchReport(lines: ["\(env) (namespace \(ns)):"] + TextColumns.align(rows))
    }

    func require(_ d: Deployment?, _ service: String, _ env: String) throws(CortexError) -> Deployment {
        guard let d else { throw Self.notFound(service, env) }
        return d
    }

    static func notFound(_ service: String, _ env: String) -> CortexError {
        .failed("\(service) does not exist in \(env)", hint: "check the name with: status in \(env)")
    }

    static func pausedError(_ service: String, _ env: String, _ verb: String) -> CortexError {
        .failed("cannot \(verb) \(service) in \(env): its rollout is paused", hint: "resume it first (kubectl rollout resume)")
    }

    func timestamp() -> String { now().formatted(.iso8601) }

    // MARK: Presentation

    static func state(_ d: Deployment) -> WorkloadState {
        // Requests that are not valid quantities leave the estimate out rather than the plan.
        WorkloadState(replicas: d.spec.replicas, image: mainImage(d), requests: try? PodRequests(containers: d.spec.template.containerRequests))
    }

    /// The container named like the Deployment, else the first one.
    static func mainContainer(of template: PodTemplate, service: String) -> (name: String, image: String)? {
        let containers = template.containers
        return containers.first { $0.name == service } ?? containers.first
    }

    static func mainImage(_ d: Deployment) -> String? { mainContainer(of: d.spec.template, service: d.name)?.image }
    static func mainImage(of t: PodTemplate, service: String) -> String? { mainContainer(of: t, service: service)?.image }

    /// `security-worker in staging: 3/3 replicas ready (image …:1.5, revision 2)`. While old
    /// pods still run beside the new ones, ready replicas are not the new version's, and the
    /// line says so: `2/2 replicas ready, but only 1 of 2 updated to revision 2 (image …);
    /// ready replicas may run an older revision`.
    public static func summary(_ d: Deployment, place: String) -> String {
        let s = d.status ?? DeploymentStatus()
        var detail = ["image \(mainImage(d) ?? "?")"]
        if let r = d.revision { detail.append("revision \(r)") }
        let desired = d.spec.replicas ?? 0, updated = s.updatedReplicas ?? 0, total = s.replicas ?? 0
        let ready = "\(place): \(s.readyReplicas ?? 0)/\(desired) replicas ready"
        if updated < desired || total > updated {
            let revision = d.revision.map { " to revision \($0)" } ?? ""
            return "\(ready), but only \(updated) of \(desired) updated\(revision) (image \(mainImage(d) ?? "?")); ready replicas may run an older revision"
        }
        return "\(ready) (\(detail.joined(separator: ", ")))"
    }

    static func statusLines(_ d: Deployment, place: String) -> [String] {
        let s = d.status ?? DeploymentStatus()
        var lines = [summary(d, place: place),
                     "  updated \(s.updatedReplicas ?? 0), available \(s.availableReplicas ?? 0), total \(s.replicas ?? 0)"]
        let conditions = (s.conditions ?? []).map { c in "\(c.type)=\(c.status)" + (c.reason.map { " (\($0))" } ?? "") }
        if !conditions.isEmpty { lines.append("  conditions: " + conditions.joined(separator: ", ")) }
        let state = RolloutStatus.evaluate(d)
        if !(state == .complete(state.message)) { lines.append("  rollout: " + shortProgress(state.message, d.name)) }
        return lines
    }

    static func rolloutWord(_ d: Deployment) -> String {
        switch RolloutStatus.evaluate(d) {
        case .complete: "rolled out"
        case .waiting: "rolling out"
        case .failed: "failed"
        }
    }

    /// kubectl's message without its `Waiting for deployment "x" rollout to finish: ` preamble.
    static func shortProgress(_ message: String, _ service: String) -> String {
        let prefix = "Waiting for deployment \"\(service)\" rollout to finish: "
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }
}
