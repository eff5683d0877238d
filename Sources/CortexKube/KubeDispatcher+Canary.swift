import CortexCore
import FoundationEssentials

/// Canary deploys: `deploy … canary: N` starts `<name>-canary` with the new version beside
/// the stable workload, sized by `CanaryPlan`, waits for it and watches its health for
/// `settings.canaryCheck`; `promote` gives the stable workload the canary's version and
/// removes the canary; `abort` removes the canary. One canary per workload.
extension KubeDispatcher {
    /// The canary of `service`, when there is one; a Deployment that only has the name is an error.
    func canary(_ client: KubeClient, _ ns: String, of service: String, _ env: String) throws(CortexError) -> Deployment? {
        let name = CanaryWorkload.name(of: service)
        guard let d = try client.deployment(ns, name) else { return nil }
        guard CanaryWorkload.isCanary(d, of: service) else {
            throw .failed("\(name) in \(env) exists but is not a canary cortex started for \(service) (no \(CanaryWorkload.canaryOfKey) label)",
                          hint: "rename or remove it before starting a canary of \(service)")
        }
        return d
    }

    func requireCanary(_ client: KubeClient, _ ns: String, of service: String, _ env: String) throws(CortexError) -> Deployment {
        guard let d = try canary(client, ns, of: service, env) else {
            throw .failed("\(service) has no canary in \(env)", hint: "start one with a deploy that names a canary share, e.g. deploy \(service) v2 to \(env) as a 10% canary")
        }
        return d
    }

    /// The canary to create: checked (one per workload, a new image, no replica count), sized and built.
    func canaryToStart(_ client: KubeClient, _ ns: String, _ operation: Operation, _ stable: Deployment, _ env: String) throws(CortexError) -> (Deployment, CanaryPlan) {
        let service = stable.name
        if operation.replicas != nil {
            throw .usage("a canary is sized from its share; a replica count cannot be given with it",
                         hint: "deploy \(service) with a version and a canary share only")
        }
        if let existing = try canary(client, ns, of: service, env) {
            throw .failed("\(service) already has a canary in \(env) (\(existing.name), image \(Self.mainImage(existing) ?? "?")); one canary per workload",
                          hint: "promote or abort it first")
        }
        let change = try deployChange(operation, stable)
        guard let image = change.image else {
            throw .usage("a canary needs a new version: \(service) in \(env) already runs \(Self.mainImage(stable) ?? "that image")")
        }
        let plan = CanaryPlan(stable: stable.spec.replicas ?? 1, percent: operation.canary ?? 0)
        let canary = CanaryWorkload.deployment(of: stable, container: image.container, image: image.to, replicas: plan.canary,
                                               percent: plan.requested)
        return (canary, plan)
    }

    /// A new version for a workload whose canary still runs would leave the canary judged
    /// against a stable version that is no longer there: refused until it is promoted or aborted.
    func refuseNewVersionDuringCanary(_ client: KubeClient, _ ns: String, _ service: String, _ env: String) throws(CortexError) {
        guard let canary = try client.deployment(ns, CanaryWorkload.name(of: service)), CanaryWorkload.isCanary(canary, of: service) else { return }
        throw .failed("\(service) has a canary in \(env) (\(canary.name), image \(Self.mainImage(canary) ?? "?")); a new version waits until it is promoted or aborted",
                      hint: "promote the \(service) canary in \(env), or abort the canary of \(service) in \(env)")
    }

    // MARK: Resolve

    /// The plan of a canary start, promotion or abort: the service's pods before and after
    /// (stable and canary together), and the image the change brings.
    func resolveCanary(_ client: KubeClient, _ ns: String, _ operation: Operation, _ stable: Deployment, _ env: String) throws(CortexError) -> (WorkloadState, WorkloadState) {
        let service = stable.name
        let stableReplicas = stable.spec.replicas ?? 1
        let state = Self.state(stable)
        switch operation.op {
        case .deploy:
            let (canary, plan) = try canaryToStart(client, ns, operation, stable, env)
            let planned = try client.create(ns, canary, dryRun: true)
            return (state, WorkloadState(replicas: stableReplicas + plan.canary, image: Self.mainImage(planned), requests: state.requests))
        case .promote:
            let canary = try requireCanary(client, ns, of: service, env)
            let image = Self.mainImage(canary) ?? "?"
            let current = WorkloadState(replicas: stableReplicas + (canary.spec.replicas ?? 0), image: state.image, requests: state.requests)
            let planned = try client.patch(ns, service, .strategicMerge, try promotion(stable, canary).patch, dryRun: true, action: "promote")
            return (current, WorkloadState(replicas: stableReplicas, image: Self.mainImage(planned) ?? image, requests: state.requests))
        default:  // abort
            let canary = try requireCanary(client, ns, of: service, env)
            try client.delete(ns, canary.name, dryRun: true)
            let current = WorkloadState(replicas: stableReplicas + (canary.spec.replicas ?? 0), image: Self.mainImage(canary), requests: state.requests)
            return (current, WorkloadState(replicas: stableReplicas, image: state.image, requests: state.requests))
        }
    }

    /// The stable workload's change that takes the canary's version.
    func promotion(_ stable: Deployment, _ canary: Deployment) throws(CortexError) -> DeployChange {
        guard let image = Self.mainContainer(of: canary.spec.template, service: stable.name)?.image else {
            throw .failed("the canary \(canary.name) has no container to take the version from")
        }
        return try deployChange(Operation(.deploy, service: stable.name, image: image), stable)
    }

    // MARK: Dispatch

    /// Starts the canary, waits for it, and watches its health for the check period.
    func startCanary(_ client: KubeClient, _ ns: String, _ operation: Operation, _ stable: Deployment, _ env: String,
                     observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let (canary, plan) = try canaryToStart(client, ns, operation, stable, env)
        let created = try client.create(ns, canary, dryRun: false)
        let first = "started the canary of \(stable.name) in \(env): \(created.name) with image \(Self.mainImage(created) ?? "?"), \(plan.sentence)"
        var report = try finish(client, ns, created.name, env, first: first, observer: observer, canaryOf: stable.name)
        guard report.succeeded else { return report }
        let judged = try judgeCanary(client, ns, stable.name, created.name, env, observer: observer)
        report.lines += judged.lines
        report.succeeded = judged.succeeded
        report.rolloutFailure = judged.rolloutFailure
        return report
    }

    /// Watches a running canary for `settings.canaryCheck`; a failure ends the watch at once.
    func judgeCanary(_ client: KubeClient, _ ns: String, _ service: String, _ name: String, _ env: String,
                     observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let watch = RolloutHealthWatch(client: client, namespace: ns, workload: name, environment: env, canaryOf: service, now: now)
        let period = SpokenDuration.text(settings.canaryCheck)
        observer.progress("checking the canary of \(service) in \(env) for \(period)")
        let deadline = clock.now() + settings.canaryCheck
        while clock.now() < deadline {
            if observer.cancellation.isCancelled {
                return DispatchReport(lines: ["stopped checking the canary of \(service) in \(env); it keeps running beside the stable version",
                                              Self.canaryNext(service, env)], succeeded: false)
            }
            clock.sleep(for: min(settings.pollInterval, deadline - clock.now()), cancellation: observer.cancellation)
            guard let (d, object) = try client.deploymentObject(ns, name) else {
                return DispatchReport(lines: ["the canary of \(service) in \(env) was deleted while it was checked"], succeeded: false)
            }
            if let failure = watch.failure(of: d, json: object) {
                return DispatchReport(lines: Self.failureLines(failure, d, place: "\(name) in \(env)"), succeeded: false, rolloutFailure: failure)
            }
        }
        let d = try requireCanary(client, ns, of: service, env)
        let stable = try require(try client.deployment(ns, service), service, env)
        var lines = ["the canary of \(service) in \(env) stayed healthy for \(period): " + Self.canaryShare(d, stable)]
        if let traffic = canaryTraffic(client, ns, name, env) { lines.append(traffic) }
        return DispatchReport(lines: lines + [Self.canaryNext(service, env)])
    }

    /// Which Services send the canary traffic: those whose selector its pods match (read as
    /// the diagnosis reads them); nil when they could not be read.
    func canaryTraffic(_ client: KubeClient, _ ns: String, _ name: String, _ env: String) -> String? {
        guard let evidence = try? EvidenceGatherer(client: client).gather(name, kind: "Deployment", namespace: ns, environment: env, now: now()),
              !evidence.unreadable.contains(where: { $0.hasPrefix("services") }) else { return nil }
        let services = evidence.services.map(\.name).sorted()
        guard !services.isEmpty else {
            return "no Service in \(env) selects these pods, nor the stable ones (they carry the same labels): neither version gets Service traffic"
        }
        let list = services.map { "Service \($0)" }.joined(separator: ", ")
        return "traffic: \(list) select\(services.count == 1 ? "s" : "") its pods beside the stable ones"
    }

    /// `1/1 ready, 0 restarts; 1 of 4 ready pods (25%, asked 10%)`.
    static func canaryShare(_ canary: Deployment, _ stable: Deployment) -> String {
        let c = canary.status?.readyReplicas ?? 0, s = stable.status?.readyReplicas ?? 0
        let share = c + s == 0 ? "no ready pods" : "\(c) of \(c + s) ready pods (\(CanaryPlan.percent(Double(c) / Double(c + s) * 100))"
            + (CanaryWorkload.requestedPercent(canary).map { ", asked \($0)%" } ?? "") + ")"
        return "\(c)/\(canary.spec.replicas ?? 0) ready, image \(mainImage(canary) ?? "?"); \(share)"
    }

    static func canaryNext(_ service: String, _ env: String) -> String {
        "next: promote the \(service) canary in \(env), or abort the canary of \(service) in \(env)"
    }

    /// The stable workload takes the canary's version; once it is rolled out, the canary goes.
    func promote(_ client: KubeClient, _ ns: String, _ service: String, _ env: String, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let stable = try require(try client.deployment(ns, service), service, env)
        let canary = try requireCanary(client, ns, of: service, env)
        let change = try promotion(stable, canary)
        let place = "\(service) in \(env)"
        if !change.isEmpty { _ = try client.patch(ns, service, .strategicMerge, change.patch, dryRun: false, action: "promote") }
        var report = try finish(client, ns, service, env, first: "promoting the canary of \(place): " + (change.isEmpty ? "it already runs \(Self.mainImage(stable) ?? "that image")" : change.changes),
                                observer: observer)
        guard report.succeeded else {
            report.lines.append("the canary \(canary.name) is left running; abort it with: abort the canary of \(service) in \(env)")
            return report
        }
        try client.delete(ns, canary.name, dryRun: false)
        let gone = try waitForDeletion(client, ns, canary.name, "\(canary.name) in \(env)", observer: observer)
        report.lines += gone.lines
        return report
    }

    /// Removes the canary; the stable workload serves alone again.
    func abort(_ client: KubeClient, _ ns: String, _ service: String, _ env: String, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let canary = try requireCanary(client, ns, of: service, env)
        try client.delete(ns, canary.name, dryRun: false)
        var report = try waitForDeletion(client, ns, canary.name, "\(canary.name) in \(env)", observer: observer)
        report.lines.insert("aborting the canary of \(service) in \(env) (image \(Self.mainImage(canary) ?? "?"))", at: 0)
        if let stable = try client.deployment(ns, service) { report.lines.append(Self.summary(stable, place: "\(service) in \(env)")) }
        return report
    }

    /// The line `status` adds for a workload with a canary.
    func canaryStatusLine(_ client: KubeClient, _ ns: String, _ stable: Deployment, _ env: String) throws(CortexError) -> String? {
        guard let canary = try canary(client, ns, of: stable.name, env) else { return nil }
        return "  canary: \(canary.name) " + Self.canaryShare(canary, stable)
    }
}
