import CortexCore
import FoundationEssentials

/// Operations on any workload kind: finding a name across kinds, the configuration changes
/// (`set-env`, `set-resources`), autoscalers, pausing and resuming, and the StatefulSet and
/// DaemonSet paths of the operations that Deployments run through `KubeDispatcher`.
extension KubeDispatcher {
    /// Operations planned the same way for every kind.
    static let workloadOperations: Set<OperationKind> = [.setEnv, .setResources, .autoscale, .pause, .resume]

    // MARK: Finding the workload

    /// The workload named `service`: of `kind` when the request names one, else of the one
    /// kind that has the name. Nil when none has it; a name two kinds share is a question.
    func locate(_ client: KubeClient, _ ns: String, _ service: String, kind: WorkloadKind?, env: String) throws(CortexError) -> Workload? {
        if let kind { return try client.workload(kind, ns, service) }
        var found: [Workload] = []
        for k in WorkloadKind.lookupOrder {
            // A user who may not read StatefulSets or DaemonSets still reaches Deployments.
            if let w = try client.workload(k, ns, service, forbiddenIsAbsent: k != .deployment) { found.append(w) }
        }
        guard found.count > 1 else { return found.first }
        let kinds = found.map(\.kind.rawValue)
        throw CortexError("\(kinds.joined(separator: " and ")) are both named \(service) in \(env): which one?",
                          hint: "name the kind: … the \(service) \(kinds[0]) in \(env)", exitCode: .usage,
                          question: ResolutionQuestion(slot: .kind, prompt: "which \(service) in \(env)?", options: kinds))
    }

    func requireWorkload(_ w: Workload?, _ service: String, _ env: String, kind: WorkloadKind?) throws(CortexError) -> Workload {
        guard let w else {
            if let kind { throw .failed("no \(kind.rawValue) \(service) in \(env)", hint: "check the name with: status in \(env)") }
            throw Self.notFound(service, env)
        }
        return w
    }

    // MARK: Planning

    /// Plans an operation on a workload of any kind; fills `resolved` with the plan.
    func resolveWorkload(_ resolved: inout ResolvedOperation, _ client: KubeClient, _ ns: String, _ w: Workload,
                         choices: ResolutionChoices) throws(CortexError) {
        let operation = resolved.operation
        let env = resolved.environment ?? ""
        let place = "\(w.name) in \(env)"
        resolved.current = w.state
        resolved.workloadKind = w.kind
        switch operation.op {
        case .setEnv:
            let plan = try envPlan(operation, w, place: place, choices: choices)
            resolved.container = plan.container
            resolved.changes = [plan.summary]
            resolved.planned = plan.isEmpty ? w.state : try client.patch(w, ns, .json, try Self.containerPatch(w, plan.container, "env", .array(plan.env)), dryRun: true, action: "set the environment of").state
        case .setResources:
            let plan = try resourcePlan(client, ns, operation, w, place: place, choices: choices)
            resolved.container = plan.container
            resolved.changes = [plan.summary]
            resolved.planned = plan.isEmpty ? w.state : try client.patch(w, ns, .json, try Self.containerPatch(w, plan.container, "resources", plan.resources), dryRun: true, action: "set the resources of").state
            if let prices = settings.clusterPrices, let before = resolved.current?.requests, let after = resolved.planned?.requests {
                resolved.costChange = ClusterCostModel(prices: prices).change(replicas: w.desiredPods, from: before, to: after)
            }
            return
        case .autoscale:
            try resolveAutoscale(&resolved, client, ns, w, place: place)
            return
        case .pause, .resume:
            if let refusal = w.kind.traits.pauseRefusal { throw .usage("cannot \(operation.op.rawValue) the rollout of \(place): \(refusal)") }
            let pausing = operation.op == .pause
            if w.paused == pausing {
                resolved.changes = ["its rollout is already \(pausing ? "paused" : "running"); nothing to change"]
                resolved.planned = w.state
            } else {
                resolved.changes = [pausing ? "rollout paused: template changes wait until it is resumed" : "rollout resumed: waiting template changes roll out"]
                resolved.planned = try client.patch(w, ns, .strategicMerge, ["spec": ["paused": .bool(pausing)]], dryRun: true, action: operation.op.rawValue).state
            }
        case .scale:
            try refuseScale(client, ns, w, place: place)
            let (_, after) = try client.updateScale(ns, w.name, kind: w.kind, dryRun: true) { current throws(CortexError) in
                try Self.scaleTarget(operation, current: current)
            }
            resolved.planned = WorkloadState(replicas: after.spec.replicas, image: w.mainImage, requests: w.state.requests)
        case .deploy where operation.canary != nil, .promote, .abort:
            throw Self.canaryRefusal(w, place: place)
        case .deploy:
            let change = try workloadDeployChange(operation, w)
            resolved.planned = change.isEmpty ? w.state : try client.patch(w, ns, .strategicMerge, change.patch, dryRun: true, action: "update").state
        case .restart:
            resolved.planned = try client.patch(w, ns, .strategicMerge, DeploymentPatch.restart(at: timestamp()), dryRun: true, action: "restart").state
        case .rollback:
            switch try revisionRollback(client, ns, w, operation.revision, env) {
            case .skip: resolved.planned = w.state
            case .patch(_, _, let patch): resolved.planned = try client.patch(w, ns, .json, patch, dryRun: true, action: "roll back").state
            }
        case .delete:
            try client.delete(w, ns, dryRun: true)
            resolved.planned = WorkloadState(replicas: 0, image: nil, requests: w.state.requests)
        default:
            break
        }
        resolved.costChange = costChange(resolved)
    }

    /// Canaries run beside Deployments only.
    static func canaryRefusal(_ w: Workload, place: String) -> CortexError {
        .usage("\(place) is a \(w.kind.apiKind): cortex runs canaries beside Deployments only",
               hint: "deploy the new version with a rolling update: deploy \(w.name) <version>")
    }

    func envPlan(_ operation: Operation, _ w: Workload, place: String, choices: ResolutionChoices) throws(CortexError) -> EnvPlan {
        let env = operation.env ?? [:]
        try SecretLookingName.refusePlainValues(env, workload: w.name)
        let name = try ContainerChoice.pick(w.containers.compactMap { $0["name"]?.stringValue }, workload: w.name,
                                            chosen: choices.container, place: place)
        return EnvPlan(env, container: w.containers.first { $0["name"]?.stringValue == name } ?? [:])
    }

    func resourcePlan(_ client: KubeClient, _ ns: String, _ operation: Operation, _ w: Workload, place: String,
                      choices: ResolutionChoices) throws(CortexError) -> ResourcePlan {
        let name = try ContainerChoice.pick(w.containers.compactMap { $0["name"]?.stringValue }, workload: w.name,
                                            chosen: choices.container, place: place)
        let bounds = ContainerLimitBounds(limitRanges: try client.limitRanges(ns))
        return try ResourcePlan(cpu: operation.cpu, memory: operation.memory, scope: operation.scope,
                                container: w.containers.first { $0["name"]?.stringValue == name } ?? [:], bounds: bounds, namespace: ns)
    }

    /// A JSON patch replacing one field of one container, guarded by a test of the container's
    /// name at that index, so that a template changed meanwhile is refused rather than misapplied.
    static func containerPatch(_ w: Workload, _ container: String, _ field: String, _ value: JSONValue) throws(CortexError) -> JSONValue {
        guard let index = w.containers.firstIndex(where: { $0["name"]?.stringValue == container }) else {
            throw .failed("\(w.reference) has no container \(container)")
        }
        let base = "/spec/template/spec/containers/\(index)"
        let present = w.containers[index][field] != nil
        return [
            ["op": "test", "path": .string("\(base)/name"), "value": .string(container)],
            ["op": present ? "replace" : "add", "path": .string("\(base)/\(field)"), "value": value],
        ]
    }

    /// Scale does not apply to DaemonSets, nor to workloads an autoscaler scales.
    func refuseScale(_ client: KubeClient, _ ns: String, _ w: Workload, place: String) throws(CortexError) {
        if let refusal = w.kind.traits.scaleRefusal { throw .usage("cannot scale \(place): \(refusal)", hint: "see its pods with: status \(w.name) in \(place.split(separator: " ").last ?? "")") }
        if let hpa = try client.autoscaler(for: w, ns), let range = AutoscalerRange(hpa: hpa) {
            let env = String(place.split(separator: " ").last ?? "")
            throw .usage("\(place) is autoscaled (\(range.text), HorizontalPodAutoscaler \(hpa[path: ["metadata", "name"]]?.stringValue ?? "?")): the autoscaler owns its replica count",
                         hint: "change the range (autoscale \(w.name) between \(range.min) and N in \(env)), or stop autoscaling \(w.name) in \(env) first")
        }
    }

    func resolveAutoscale(_ resolved: inout ResolvedOperation, _ client: KubeClient, _ ns: String, _ w: Workload, place: String) throws(CortexError) {
        let operation = resolved.operation
        if let refusal = w.kind.traits.autoscaleRefusal { throw .usage("cannot autoscale \(place): \(refusal)") }
        let existing = try client.autoscaler(for: w, ns)
        let current = existing.flatMap(AutoscalerRange.init(hpa:))
        let hpaName = existing?[path: ["metadata", "name"]]?.stringValue ?? w.name
        resolved.planned = w.state
        if operation.enabled == false {
            guard let current else {
                resolved.changes = ["\(place) has no autoscaler; nothing to remove"]
                return
            }
            try client.deleteAutoscaler(ns, hpaName, dryRun: true)
            resolved.changes = ["autoscaler \(hpaName) (\(current.text)) removed; replicas stay at \(w.desiredPods)"]
            return
        }
        let range = try AutoscalerRange.wanted(operation, current: current)
        let object = AutoscalerObject.make(name: hpaName, targetKind: w.kind, range: range)
        if let current {
            _ = try client.patchAutoscaler(ns, hpaName, spec: object["spec"] ?? [:], dryRun: true)
            resolved.changes = [current == range ? "autoscaler \(hpaName) already keeps \(range.text); nothing to change"
                                : "autoscaler \(hpaName): \(current.text) → \(range.text)"]
        } else {
            _ = try client.createAutoscaler(ns, object, dryRun: true)
            resolved.changes = ["autoscaler \(hpaName) (new): \(range.text)"]
        }
        let now = w.desiredPods
        if now < range.min { resolved.changes.append("replicas \(now) now: the autoscaler raises them to \(range.min) at once") }
        if now > range.max { resolved.changes.append("replicas \(now) now: the autoscaler lowers them to \(range.max) at once") }
        // Guardrails and the budget judge the most it may run.
        resolved.planned = WorkloadState(replicas: range.max, image: w.mainImage, requests: w.state.requests)
        if let prices = settings.clusterPrices, let pod = w.state.requests {
            let model = ClusterCostModel(prices: prices)
            resolved.costChange = model.change(from: now, to: range.max, pod: pod)
            resolved.costNote = AutoscalerCost(model: model, pod: pod, current: now, range: range).summary
        }
    }

    /// What a deploy changes on an existing StatefulSet or DaemonSet: the image, and for a
    /// StatefulSet the replicas.
    func workloadDeployChange(_ operation: Operation, _ w: Workload) throws(CortexError) -> DeployChange {
        var change = DeployChange()
        if let replicas = operation.replicas {
            if let refusal = w.kind.traits.scaleRefusal { throw .usage("cannot deploy \(w.name) with \(replicas) replicas: \(refusal)") }
            if replicas != w.specReplicas { change.replicas = (w.specReplicas ?? 0, replicas) }
        }
        if let container = w.mainContainer {
            let wanted = operation.image ?? operation.version.map { ImageReference.retag(container.image, to: $0) }
            if let wanted, wanted != container.image { change.image = (container.name, container.image, wanted) }
        }
        return change
    }

    /// `kubectl rollout undo` for StatefulSets and DaemonSets: the template of a
    /// ControllerRevision (`data.spec.template`), by default the one before the current.
    func revisionRollback(_ client: KubeClient, _ ns: String, _ w: Workload, _ revision: Int?, _ env: String) throws(CortexError) -> RollbackDecision {
        let history = try client.controllerRevisions(ns, of: w)
        let hint = "see the revisions with `kubectl rollout history \(w.kind.rawValue)/\(w.name) -n \(ns)`"
        guard history.count > 1 || revision != nil else {
            throw .failed("cannot roll back \(w.name) in \(env): no rollout history found: there is no earlier revision to return to", hint: hint)
        }
        let target: JSONValue
        if let revision {
            guard let found = history.first(where: { $0["revision"]?.intValue == revision }) else {
                throw .failed("cannot roll back \(w.name) in \(env): unable to find revision \(revision) in the rollout history", hint: hint)
            }
            target = found
        } else {
            target = history[history.count - 2]
        }
        let number = target["revision"]?.intValue ?? 0
        guard var template = target[path: ["data", "spec", "template"]] else {
            throw .failed("cannot roll back \(w.name) in \(env): revision \(number) carries no pod template", hint: hint)
        }
        template["$patch"] = nil
        if PodTemplate(json: template).matchesIgnoringHash(w.template) { return .skip(revision: number) }
        return .patch(revision: number, template: PodTemplate(json: template),
                      patch: [["op": "replace", "path": "/spec/template", "value": template]])
    }

    // MARK: Carrying out

    /// Carries out an operation on a workload of any kind, re-read by the kind planning found.
    func dispatchWorkload(_ resolved: ResolvedOperation, _ client: KubeClient, _ ns: String, kind: WorkloadKind,
                          observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let operation = resolved.operation
        let service = operation.service ?? ""
        let env = resolved.environment ?? ""
        let place = "\(service) in \(env)"
        let w = try requireWorkload(try client.workload(kind, ns, service), service, env, kind: kind)
        let choices = ResolutionChoices(container: resolved.container)
        switch operation.op {
        case .setEnv:
            let plan = try envPlan(operation, w, place: place, choices: choices)
            if plan.isEmpty { return DispatchReport(lines: ["\(place): \(plan.summary); nothing to change"]) }
            _ = try client.patch(w, ns, .json, try Self.containerPatch(w, plan.container, "env", .array(plan.env)), dryRun: false, action: "set the environment of")
            return try finishWorkload(client, ns, w, env, first: "updating \(place): \(plan.summary)", observer: observer)
        case .setResources:
            let plan = try resourcePlan(client, ns, operation, w, place: place, choices: choices)
            if plan.isEmpty { return DispatchReport(lines: ["\(place): \(plan.summary); nothing to change"]) }
            _ = try client.patch(w, ns, .json, try Self.containerPatch(w, plan.container, "resources", plan.resources), dryRun: false, action: "set the resources of")
            var report = try finishWorkload(client, ns, w, env, first: "updating \(place): \(plan.summary)", observer: observer)
            if let cost = resolved.costChange { report.lines.insert(cost.summary, at: 1) }
            return report
        case .autoscale:
            var report = try dispatchAutoscale(client, ns, w, operation, place: place)
            if let note = resolved.costNote { report.lines.append("cost: " + note) }
            return report
        case .pause, .resume:
            if let refusal = w.kind.traits.pauseRefusal { throw .usage("cannot \(operation.op.rawValue) the rollout of \(place): \(refusal)") }
            let pausing = operation.op == .pause
            if w.paused == pausing { return DispatchReport(lines: ["the rollout of \(place) is already \(pausing ? "paused" : "running"); nothing to change"]) }
            _ = try client.patch(w, ns, .strategicMerge, ["spec": ["paused": .bool(pausing)]], dryRun: false, action: operation.op.rawValue)
            if pausing {
                return DispatchReport(lines: ["paused the rollout of \(place): template changes wait until it is resumed"])
            }
            return try finishWorkload(client, ns, w, env, first: "resumed the rollout of \(place)", observer: observer, paused: false)
        case .scale:
            try refuseScale(client, ns, w, place: place)
            let (before, after) = try client.updateScale(ns, service, kind: w.kind, dryRun: false) { current throws(CortexError) in
                try Self.scaleTarget(operation, current: current)
            }
            let from = before.spec.replicas ?? 0, to = after.spec.replicas ?? 0
            let first = from == to ? "\(place) already has \(to) replicas" : "scaled \(place) from \(from) to \(to) replicas"
            return try finishWorkload(client, ns, w, env, first: first, observer: observer)
        case .deploy:
            let change = try workloadDeployChange(operation, w)
            if change.isEmpty { return DispatchReport(lines: ["\(place) already runs \(w.mainImage ?? "that image"); nothing to change"]) }
            _ = try client.patch(w, ns, .strategicMerge, change.patch, dryRun: false, action: "update")
            return try finishWorkload(client, ns, w, env, first: change.summary(place), observer: observer)
        case .restart:
            _ = try client.patch(w, ns, .strategicMerge, DeploymentPatch.restart(at: timestamp()), dryRun: false, action: "restart")
            return try finishWorkload(client, ns, w, env, first: "restarting \(w.kind.rawValue) \(place)", observer: observer)
        case .rollback:
            switch try revisionRollback(client, ns, w, operation.revision, env) {
            case .skip(let revision):
                return DispatchReport(lines: ["\(place) already runs the template of revision \(revision); nothing to roll back"])
            case .patch(let revision, let template, let patch):
                _ = try client.patch(w, ns, .json, patch, dryRun: false, action: "roll back")
                let image = Self.mainImage(of: template, service: service) ?? "?"
                return try finishWorkload(client, ns, w, env, first: "rolling \(place) back to revision \(revision) (image \(image))", observer: observer)
            }
        case .delete:
            try client.delete(w, ns, dryRun: false)
            return try waitForRemoval(client, ns, w, place, observer: observer)
        case .status:
            var lines = try workloadStatusLines(client, ns, w, place: place)
            if let d = w.deployment, let canary = try canaryStatusLine(client, ns, d, env) {
                // After the Deployment's own lines, before its autoscaler and pods.
                let at = lines.firstIndex { ["  autoscaler:", "  pods:", "  no pods"].contains(where: $0.hasPrefix) } ?? lines.count
                lines.insert(canary, at: at)
            }
            return DispatchReport(lines: lines)
        case .promote, .abort:
            throw Self.canaryRefusal(w, place: place)
        case .logs:
            return try logs(client, ns, w, env, lines: operation.lines ?? settings.defaultLogLines)
        default:
            throw .usage("\(operation.op.rawValue) is not a workload operation")
        }
    }

    func dispatchAutoscale(_ client: KubeClient, _ ns: String, _ w: Workload, _ operation: Operation, place: String) throws(CortexError) -> DispatchReport {
        if let refusal = w.kind.traits.autoscaleRefusal { throw .usage("cannot autoscale \(place): \(refusal)") }
        let existing = try client.autoscaler(for: w, ns)
        let current = existing.flatMap(AutoscalerRange.init(hpa:))
        let name = existing?[path: ["metadata", "name"]]?.stringValue ?? w.name
        if operation.enabled == false {
            guard let current else { return DispatchReport(lines: ["\(place) has no autoscaler; nothing to remove"]) }
            try client.deleteAutoscaler(ns, name, dryRun: false)
            return DispatchReport(lines: ["removed autoscaler \(name) of \(place) (it kept \(current.text)); replicas stay at \(w.desiredPods)"])
        }
        let range = try AutoscalerRange.wanted(operation, current: current)
        let object = AutoscalerObject.make(name: name, targetKind: w.kind, range: range)
        let first: String
        let written: JSONValue
        if let current {
            if current == range { return DispatchReport(lines: ["autoscaler \(name) of \(place) already keeps \(range.text); nothing to change"]) }
            written = try client.patchAutoscaler(ns, name, spec: object["spec"] ?? [:], dryRun: false)
            first = "autoscaler \(name) of \(place): \(current.text) → \(range.text)"
        } else {
            written = try client.createAutoscaler(ns, object, dryRun: false)
            first = "\(place) is autoscaled: \(range.text) (HorizontalPodAutoscaler \(name), autoscaling/v2); it runs \(w.desiredPods) replicas now"
        }
        return DispatchReport(lines: [first, try awaitAutoscaler(client, ns, name, generation: written[path: ["metadata", "generation"]]?.intValue ?? 1, place: place)])
    }

    /// How long to wait for an autoscaler's first judgement after a change (the controller
    /// syncs every 15 seconds).
    static let autoscalerReportWait: Duration = .seconds(30)

    /// Waits (briefly) for the autoscaler to judge the change, and says what it wants.
    func awaitAutoscaler(_ client: KubeClient, _ ns: String, _ name: String, generation: Int, place: String) throws(CortexError) -> String {
        let deadline = clock.now() + Self.autoscalerReportWait
        while true {
            if let hpa = try client.autoscaler(named: name, ns),
               (hpa[path: ["status", "observedGeneration"]]?.intValue ?? 0) >= generation {
                let desired = hpa[path: ["status", "desiredReplicas"]]?.intValue ?? 0
                let range = AutoscalerRange(hpa: hpa)
                let cpu = hpa[path: ["status", "currentMetrics"]]?.arrayValue?.first?[path: ["resource", "current", "averageUtilization"]]?.intValue
                let seen = cpu.map { "cpu at \($0)% of requests" + (range?.cpuPercent.map { " (target \($0)%)" } ?? "") } ?? "no cpu figure yet"
                return "the autoscaler sees \(seen) and wants \(desired) replica\(desired == 1 ? "" : "s")"
            }
            let left = deadline - clock.now()
            if left <= .zero { return "the autoscaler has not judged the change yet; check with: status \(place)" }
            clock.sleep(for: min(settings.pollInterval, left), cancellation: NeverCancelled())
        }
    }

    /// Waits for the rollout of a change: Deployments with the progress deadline and
    /// kubectl's messages (`finish`, which says when a paused Deployment holds the change),
    /// the other kinds by `WorkloadRollout`.
    /// - Parameter paused: whether the Deployment's rollout is paused after the change (as it
    ///   was read before it, except after a resume).
    func finishWorkload(_ client: KubeClient, _ ns: String, _ w: Workload, _ env: String, first: String,
                        observer: DispatchObserver, paused: Bool? = nil) throws(CortexError) -> DispatchReport {
        let paused = paused ?? w.paused
        let place = "\(w.name) in \(env)"
        if w.kind == .deployment { return try finish(client, ns, w.name, env, first: first, observer: observer, paused: paused) }
        observer.progress(first)
        let deadline = clock.now() + settings.rolloutTimeout
        var last = ""
        while true {
            guard let now = try client.workload(w.kind, ns, w.name) else {
                return DispatchReport(lines: [first, "\(place) was deleted while rolling out"], succeeded: false)
            }
            let state = WorkloadRollout.evaluate(now)
            if state.message != last {
                last = state.message
                if !state.isFinal { observer.progress("\(place): \(last)") }
            }
            switch state {
            case .complete:
                let revision = (try? client.controllerRevisions(ns, of: now))?.last?["revision"]?.intValue
                return DispatchReport(lines: [first, WorkloadRollout.summary(now, place: place, revision: revision)])
            case .failed(let message): return DispatchReport(lines: [first, "\(place): \(message)"], succeeded: false)
            case .waiting: break
            }
            if observer.cancellation.isCancelled {
                return DispatchReport(lines: [first, "stopped waiting for \(place) (\(last)); the rollout goes on in the cluster",
                                              "check with: status \(w.name) in \(env)"], succeeded: false)
            }
            let left = deadline - clock.now()
            if left <= .zero {
                return DispatchReport(lines: [first, "\(place): not rolled out after \(HTTPTransportError.describe(settings.rolloutTimeout)): \(last)",
                                              "the rollout goes on in the cluster; check with: status \(w.name) in \(env)"], succeeded: false)
            }
            clock.sleep(for: min(settings.pollInterval, left), cancellation: observer.cancellation)
        }
    }

    func waitForRemoval(_ client: KubeClient, _ ns: String, _ w: Workload, _ place: String, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        let deadline = clock.now() + settings.deleteTimeout
        observer.progress("deleting \(place)")
        while try client.workload(w.kind, ns, w.name) != nil {
            if observer.cancellation.isCancelled || clock.now() >= deadline {
                return DispatchReport(lines: ["deletion of \(place) requested; it is still terminating"])
            }
            clock.sleep(for: settings.pollInterval, cancellation: observer.cancellation)
        }
        return DispatchReport(lines: ["deleted \(w.kind.rawValue) \(place)"])
    }

    // MARK: Reading

    /// The status of one workload, then its pods with readiness and restarts.
    func workloadStatusLines(_ client: KubeClient, _ ns: String, _ w: Workload, place: String) throws(CortexError) -> [String] {
        var lines: [String]
        if let d = w.deployment {
            lines = Self.statusLines(d, place: place)
            if d.spec.paused == true {
                // kubectl's progress message means little while nothing progresses.
                lines.removeAll { $0.hasPrefix("  rollout: ") }
                let status = d.status ?? DeploymentStatus()
                let waiting = (d.metadata.generation ?? 0) > (status.observedGeneration ?? 0)
                    || (status.updatedReplicas ?? 0) < (d.spec.replicas ?? 0)
                let held = waiting ? "paused, with template changes waiting" : "paused"
                lines.insert("  rollout: \(held) (resume it with: resume \(w.name) in \(place.split(separator: " ").last ?? ""))", at: 1)
            }
        } else {
            let revision = (try? client.controllerRevisions(ns, of: w))?.last?["revision"]?.intValue
            lines = [WorkloadRollout.summary(w, place: place, revision: revision)]
            let state = WorkloadRollout.evaluate(w)
            if !state.isFinal { lines.append("  rollout: " + state.message) }
        }
        if let hpa = try? client.autoscaler(for: w, ns), let range = AutoscalerRange(hpa: hpa) {
            let cpu = hpa[path: ["status", "currentMetrics"]]?.arrayValue?.first?[path: ["resource", "current", "averageUtilization"]]?.intValue
            lines.append("  autoscaler: \(range.text)" + (cpu.map { ", cpu now \($0)%" } ?? ""))
        }
        let pods = try client.pods(ns, selector: w.selector).sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        guard !pods.isEmpty else { return lines + ["  no pods"] }
        lines.append("  pods:")
        let rows = pods.map { pod -> [String] in
            let statuses = pod.status?.containerStatuses ?? []
            let ready = statuses.filter { $0.ready == true }.count
            let restarts = statuses.reduce(0) { $0 + ($1.restartCount ?? 0) }
            return ["    " + (pod.metadata.name ?? "?"), "\(ready)/\(max(statuses.count, 1)) ready", pod.status?.phase ?? "Unknown",
                    "\(restarts) restart\(restarts == 1 ? "" : "s")"]
        }
        return lines + TextColumns.align(rows)
    }

    /// Logs of the workload's pods (its main container), any kind.
    func logs(_ client: KubeClient, _ ns: String, _ w: Workload, _ env: String, lines: Int) throws(CortexError) -> DispatchReport {
        let pods = try client.pods(ns, selector: w.selector).sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        guard !pods.isEmpty else { return DispatchReport(lines: ["\(w.name) in \(env) has no pods"]) }
        let container = w.mainContainer?.name
        var out: [String] = []
        for pod in pods {
            let name = pod.metadata.name ?? "?"
            let text = try client.logs(ns, pod: name, container: container, tailLines: lines)
            var podLines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if podLines.last == "" { podLines.removeLast() }
            out += pods.count == 1 ? podLines : podLines.map { "[\(name)] \($0)" }
        }
        return DispatchReport(lines: out.isEmpty ? ["no log lines from \(w.name) in \(env)"] : out)
    }

    /// `status` with no environment: every configured environment, one after the other; an
    /// environment that cannot be read says why and the others still show.
    func statusEverywhere(_ operation: Operation) -> DispatchReport {
        var lines: [String] = []
        var allFailed = true
        for env in settings.promotionOrder {
            let target = environments.target(for: env, currentContext: clients.currentContext)
            do throws(CortexError) {
                let client = try clients.client(for: target.context)
                if let service = operation.service {
                    guard let w = try locate(client, target.namespace, service, kind: operation.kind, env: env) else {
                        lines.append("\(service) in \(env): not there")
                        allFailed = false
                        continue
                    }
                    lines += try workloadStatusLines(client, target.namespace, w, place: "\(service) in \(env)")
                } else {
                    lines += try statusOfAll(client, target.namespace, env).lines
                }
                allFailed = false
            } catch {
                // A name two kinds share is a question there too: it reads as one.
                lines.append(error.question == nil ? "\(env): cannot be read: \(error.message)" : "\(env): \(error.message)")
                if error.question != nil { allFailed = false }
            }
        }
        return DispatchReport(lines: lines, succeeded: !allFailed || settings.promotionOrder.isEmpty)
    }
}
