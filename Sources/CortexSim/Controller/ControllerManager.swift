import CortexCore
import Foundation

/// One pass of every controller, in dependency order: garbage collection, deployments
/// (ReplicaSets), replica sets (pods), the simulated kubelet (pod status), then the status
/// of ReplicaSets and Deployments. Each pass moves every rollout by at most one step, and
/// writes nothing when nothing changed.
struct ControllerManager {
    let store: ObjectStore
    let pace: SimulationPace
    let newUID: () -> String
    let newSuffix: () -> String
    let podStages: PodStages
    let memory: PassMemory

    func reconcile(now: Date) {
        memory.templates.forgetGone(in: store)
        let deployments = DeploymentController(store: store, pace: pace, newUID: newUID, now: now, templates: memory.templates)
        let replicaSets = ReplicaSetController(store: store, pace: pace, newUID: newUID, newSuffix: newSuffix,
                                               currentPods: podStages)
        collectGarbage()
        writeQuotaStatus()
        for hpa in store.list(.horizontalPodAutoscalers).map(\.value) where !hpa.isBeingDeleted {
            AutoscalerController(store: store).sync(hpa, now: now)
        }

        // Workloads (Deployments, StatefulSets, DaemonSets) whose objects the last pass left
        // as they were, when that pass ran at this same time or they were settled (rolled
        // out, every pod ready): a pass depends only on a workload's own objects and the
        // time, and a settled workload's do not change with time, so it would change nothing
        // there. Their ReplicaSets and pods are passed over too.
        let start = subtrees()
        let clean = memory.cleanDeployments(at: now, now: start)
        let cleanControllers = Set(start.filter { clean.contains($0.key) }.flatMap { [$0.key] + $0.value.replicaSets })
        func isClean(_ object: StoredObject) -> Bool { object.controllerUID.map(cleanControllers.contains) ?? false }

        var events: [String: DeploymentController.NewReplicaSetEvent] = [:]
        for deployment in store.list(.deployments, where: { !clean.contains($0.uid) }).map(\.value) where !deployment.isBeingDeleted {
            if let event = deployments.syncReplicaSets(deployment, now: now) { events[deployment.uid] = event }
        }
        for replicaSet in store.list(.replicaSets, where: { !clean.contains($0.controllerUID ?? "") }) where !replicaSet.value.isBeingDeleted {
            replicaSets.syncPods(replicaSet.value, now: now)
        }
        let factory = PodFactory(store: store, lifecycle: replicaSets.lifecycle, newUID: newUID, stages: podStages)
        let history = RevisionHistory(store: store, newUID: newUID)
        for set in store.list(.statefulSets, where: { !clean.contains($0.uid) }).map(\.value) where !set.isBeingDeleted {
            StatefulSetController(store: store, factory: factory, history: history).sync(set, now: now)
        }
        for set in store.list(.daemonSets, where: { !clean.contains($0.uid) }).map(\.value) where !set.isBeingDeleted {
            DaemonSetController(store: store, factory: factory, history: history, newSuffix: newSuffix).sync(set, now: now)
        }
        let pods = store.list(.pods, where: { !isClean($0) })
        podStages.forgetGone(in: store)
        for pod in pods {
            replicaSets.advance(pod, now: now)
        }
        MoreKindsControllers(store: store, pace: pace, factory: factory, newUID: newUID, newSuffix: newSuffix).reconcile(now: now)
        for replicaSet in store.list(.replicaSets, where: { !clean.contains($0.controllerUID ?? "") }) {
            // An idle ReplicaSet's status depends on nothing else: while neither it nor its
            // pods (none) were written since it was found current, it still is.
            let version = (replicaSet.resourceVersion, store.lastDependentChange(of: replicaSet.uid))
            if memory.idleReplicaSets[replicaSet.uid].map({ $0 == version }) ?? false { continue }
            replicaSets.writeStatus(replicaSet.value, now: now)
            memory.idleReplicaSets[replicaSet.uid] = nil
            guard let current = store.get(.replicaSets, namespace: replicaSet.value.namespace, name: replicaSet.value.name),
                  current.value.desiredReplicas == 0, replicaSets.ownedPods(current.value).isEmpty
            else { continue }
            memory.idleReplicaSets[current.uid] = (current.resourceVersion, store.lastDependentChange(of: current.uid))
        }
        if memory.idleReplicaSets.count > 2 * store.count(.replicaSets) + 16 {
            memory.idleReplicaSets = memory.idleReplicaSets.filter { store.contains(.replicaSets, uid: $0.key) }
        }
        let writer = DeploymentStatusWriter(pace: pace, templates: memory.templates)
        defer {
            let end = subtrees()
            func unchanged(_ object: StoredObject) -> Bool { start[object.uid] != nil && start[object.uid] == end[object.uid] }
            var settled: Set<String> = []
            for deployment in store.unordered(.deployments).values where unchanged(deployment) {
                if memory.isSettled(deployment.uid, end[deployment.uid], else: { isSettled(deployment.value) }) { settled.insert(deployment.uid) }
            }
            for kind in [ResourceKind.statefulSets, .daemonSets] {
                for set in store.unordered(kind).values where unchanged(set) {
                    if memory.isSettled(set.uid, end[set.uid], else: { isSettled(set: set.value) }) { settled.insert(set.uid) }
                }
            }
            memory.remember(at: now, start: start, end: end, settled: settled)
        }
        for deployment in store.list(.deployments, where: { !clean.contains($0.uid) }).map(\.value) where !deployment.isBeingDeleted {
            let status = writer.status(
                of: deployment, replicaSets: deployments.ownedReplicaSets(deployment), event: events[deployment.uid],
                now: now)
            guard deployment["status"] != status else { continue }
            var updated = deployment
            updated["status"] = status
            store.put(.deployments, updated)
        }
    }

    /// Each workload's objects as a version: the highest resource version of the workload
    /// and of the last change to the objects it controls and to theirs (a Deployment's
    /// ReplicaSets and their pods; a StatefulSet's or DaemonSet's pods and
    /// ControllerRevisions), which any write or removal among them raises, with the count
    /// and the uids of a Deployment's ReplicaSets.
    private func subtrees() -> [String: PassMemory.Subtree] {
        // Every write and removal raises the resource version: the same version, the same subtrees.
        if let known = memory.subtrees(at: store.resourceVersion) { return known }
        var result: [String: PassMemory.Subtree] = [:]
        for (key, deployment) in store.unordered(.deployments) {
            let version = max(deployment.resourceVersion, store.lastDependentChange(of: deployment.uid))
            // Its ReplicaSets are the same ones while the version is (a ReplicaSet's write raises it).
            let sets: [String]
            if let known = memory.replicaSets[deployment.uid], known.version == version {
                sets = known.uids
            } else {
                var named: [(name: String, uid: String)] = []
                store.forEach(.replicaSets, namespace: key.namespace, controlledBy: deployment.uid) { rsKey, rs in
                    named.append((rsKey.name, rs.uid))
                }
                named.sort { $0.name < $1.name }
                sets = named.map(\.uid)
                memory.replicaSets[deployment.uid] = (version, sets)
            }
            result[deployment.uid] = PassMemory.Subtree(version: version, count: 1 + sets.count, replicaSets: sets)
        }
        for kind in [ResourceKind.statefulSets, .daemonSets] {
            for set in store.unordered(kind).values {
                let version = max(set.resourceVersion, store.lastDependentChange(of: set.uid))
                result[set.uid] = PassMemory.Subtree(version: version, count: 1, replicaSets: [])
            }
        }
        if memory.replicaSets.count > result.count + 16 {
            memory.replicaSets = memory.replicaSets.filter { result[$0.key] != nil }
        }
        memory.keep(result, at: store.resourceVersion)
        return result
    }

    /// A StatefulSet or DaemonSet at rest: its status is of its current generation and
    /// counts every pod it wants as ready and of the update revision, and every pod is
    /// ready and not being deleted.
    private func isSettled(set: JSONValue) -> Bool {
        guard !set.isBeingDeleted, let status = set["status"], status["observedGeneration"]?.intValue == set.generation else {
            return false
        }
        let counts: [String]
        let wanted: Int
        if status["desiredNumberScheduled"] != nil {
            wanted = SimulatedNodes.names.count
            counts = ["desiredNumberScheduled", "currentNumberScheduled", "numberReady", "numberAvailable", "updatedNumberScheduled"]
        } else {
            guard status["currentRevision"] == status["updateRevision"] else { return false }
            wanted = set.desiredReplicas
            counts = ["replicas", "readyReplicas", "availableReplicas", "currentReplicas", "updatedReplicas"]
        }
        for key in counts where (status[key]?.intValue ?? 0) != wanted {
            return false
        }
        let pods = store.list(.pods, namespace: set.namespace, controlledBy: set.uid)
        return pods.count == wanted && pods.allSatisfy { PodLifecycle.isReady($0.value) && !$0.value.isBeingDeleted }
    }

    /// Rolled out and at rest: the status counts every wanted replica as updated, ready and
    /// available for the current generation, and every pod is ready and not being deleted.
    private func isSettled(_ deployment: JSONValue) -> Bool {
        guard !deployment.isBeingDeleted, let status = deployment["status"],
              status["observedGeneration"]?.intValue == deployment.generation else { return false }
        let wanted = deployment.desiredReplicas
        for key in ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] where (status[key]?.intValue ?? 0) != wanted {
            return false
        }
        for rs in store.list(.replicaSets, namespace: deployment.namespace, controlledBy: deployment.uid) {
            for pod in store.list(.pods, namespace: deployment.namespace, controlledBy: rs.value.uid) {
                let ready = pod.value[path: ["status", "conditions"]]?.arrayValue?
                    .contains { $0["type"] == "Ready" && $0["status"] == "True" } ?? false
                guard ready, !pod.value.isBeingDeleted else { return false }
            }
        }
        return true
    }

    /// Finishes deletions: terminating namespaces lose their content, then go; objects
    /// being deleted in the foreground wait for their dependents; orphaning deletions
    /// release them; dependents whose controller is gone are deleted.
    private func collectGarbage() {
        for namespace in store.beingDeleted(.namespaces).map(\.value) {
            for kind in [ResourceKind.deployments, .replicaSets, .statefulSets, .daemonSets, .controllerRevisions, .pods,
                         .horizontalPodAutoscalers, .limitRanges, .resourceQuotas] + ResourceKind.batchAndStorage.filter(\.namespaced) {
                for object in store.list(kind, namespace: namespace.name) {
                    store.remove(kind, namespace: namespace.name, name: object.value.name)
                }
            }
            store.remove(.namespaces, namespace: "", name: namespace.name)
        }
        let pairs: [(ResourceKind, ResourceKind)] = [
            (.deployments, .replicaSets), (.replicaSets, .pods), (.statefulSets, .pods), (.statefulSets, .controllerRevisions),
            (.daemonSets, .pods), (.daemonSets, .controllerRevisions),
        ] + MoreKindsControllers.ownedPairs
        for (owner, dependent) in pairs {
            for object in store.beingDeleted(owner).map(\.value) {
                let finalizers = object[path: ["metadata", "finalizers"]]?.arrayValue ?? []
                let children = store.list(dependent, namespace: object.namespace, controlledBy: object.uid).map(\.value)
                if finalizers.contains("orphan") {
                    for var child in children {
                        child[path: ["metadata", "ownerReferences"]] = nil
                        store.put(dependent, child)
                    }
                } else {
                    for child in children where !child.isBeingDeleted {
                        if dependent == .pods {
                            store.remove(dependent, namespace: child.namespace, name: child.name)
                        } else {
                            var marked = child
                            marked[path: ["metadata", "deletionTimestamp"]] = object[path: ["metadata", "deletionTimestamp"]]
                            marked[path: ["metadata", "finalizers"]] = ["foregroundDeletion"]
                            store.put(dependent, marked)
                        }
                    }
                    if !children.isEmpty { continue }
                }
                store.remove(owner, namespace: object.namespace, name: object.name)
            }
            // Dependents whose controller is gone, by namespace and name, found through the
            // controllers they name rather than by going through every dependent.
            let orphans = store.controllerUIDs(of: dependent, controllerKind: owner.kind).filter { !store.contains(owner, uid: $0) }
                .flatMap { store.list(dependent, controlledBy: $0).filter { $0.controllerKind == owner.kind }.map(\.value) }
                .sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }
            for child in orphans {
                store.remove(dependent, namespace: child.namespace, name: child.name)
            }
        }
    }
}

/// What the last controller pass found at the start and left at the end, per Deployment,
/// and at what time: where nothing changed during a pass and nothing has changed since,
/// another pass at the same time would change nothing either.
final class PassMemory {
    struct Subtree: Equatable {
        var version: Int
        var count: Int
        var replicaSets: [String]
    }

    private var time: Date?
    private var unchanged: [String: Subtree] = [:]
    private var settled: [String: Subtree] = [:]
    /// The subtrees last computed, and the store's resource version then.
    private var known: (version: Int, subtrees: [String: Subtree])?
    /// Whether each workload was found settled, with its subtree then: a subtree of the same
    /// version and count holds the same objects, so the verdict holds as long as it does.
    private var verdicts: [String: (subtree: Subtree, settled: Bool)] = [:]
    /// ReplicaSets that want no pods and have none, by uid, with their resource version and
    /// the last change to their dependents when their status was found current: such a
    /// status is a function of the ReplicaSet alone (no pod to count, no creation refused).
    var idleReplicaSets: [String: (Int, Int)] = [:]
    /// Each Deployment's ReplicaSets (by name), with the Deployment's subtree version then.
    var replicaSets: [String: (version: Int, uids: [String])] = [:]
    /// ReplicaSets' templates compared with their Deployments' (a copy starts without them).
    let templates = TemplateMatches()

    init() {}

    /// The same memory, kept independently from now on.
    init(copying other: PassMemory) {
        time = other.time
        unchanged = other.unchanged
        settled = other.settled
        known = other.known
        verdicts = other.verdicts
        idleReplicaSets = other.idleReplicaSets
        replicaSets = other.replicaSets
    }

    /// The subtrees computed at the store's resource version `version`, if they were.
    func subtrees(at version: Int) -> [String: Subtree]? {
        known?.version == version ? known?.subtrees : nil
    }

    func keep(_ subtrees: [String: Subtree], at version: Int) {
        known = (version, subtrees)
    }

    /// Whether the workload `uid`, whose objects are `subtree`, is settled: the verdict found
    /// for the same subtree before, else `evaluate()`'s.
    func isSettled(_ uid: String, _ subtree: Subtree?, else evaluate: () -> Bool) -> Bool {
        guard let subtree else { return evaluate() }
        if let verdict = verdicts[uid], verdict.subtree == subtree { return verdict.settled }
        let settled = evaluate()
        verdicts[uid] = (subtree, settled)
        return settled
    }

    /// The Deployments a pass at `time` may pass over, given their objects `now`: those the
    /// last pass left unchanged if it ran at the same time, else those it left settled.
    func cleanDeployments(at time: Date, now: [String: Subtree]) -> Set<String> {
        let remembered = self.time == time ? unchanged : settled
        return Set(now.filter { remembered[$0.key] == $0.value }.map(\.key))
    }

    /// Records a pass at `time`: the Deployments whose objects it did not change, and which
    /// of them are settled.
    func remember(at time: Date, start: [String: Subtree], end: [String: Subtree], settled: Set<String>) {
        self.time = time
        unchanged = end.filter { start[$0.key] == $0.value }
        self.settled = unchanged.filter { settled.contains($0.key) }
        verdicts = verdicts.filter { end[$0.key] != nil }
    }
}
