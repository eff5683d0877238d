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
        let deployments = DeploymentController(store: store, pace: pace, newUID: newUID, now: now)
        let replicaSets = ReplicaSetController(store: store, pace: pace, newUID: newUID, newSuffix: newSuffix,
                                               currentPods: podStages)
        collectGarbage()
        writeQuotaStatus()
        for hpa in store.list(.horizontalPodAutoscalers).map(\.value) where !hpa.isBeingDeleted {
            AutoscalerController(store: store).sync(hpa, now: now)
        }

        // Deployments whose objects the last pass left as they were, when that pass ran at
        // this same time or they were settled (rolled out, every pod ready): a pass depends
        // only on a Deployment's own objects and the time, and a settled Deployment's do not
        // change with time, so it would change nothing there. Their ReplicaSets and pods are
        // passed over too.
        let start = subtrees()
        let clean = memory.cleanDeployments(at: now, now: start)
        let cleanReplicaSets = Set(start.filter { clean.contains($0.key) }.flatMap(\.value.replicaSets))
        func isClean(_ object: JSONValue) -> Bool { object.controllerUID.map(cleanReplicaSets.contains) ?? false }

        var events: [String: DeploymentController.NewReplicaSetEvent] = [:]
        for deployment in store.list(.deployments).map(\.value) where !deployment.isBeingDeleted && !clean.contains(deployment.uid) {
            if let event = deployments.syncReplicaSets(deployment, now: now) { events[deployment.uid] = event }
        }
        for replicaSet in store.list(.replicaSets).map(\.value) where !replicaSet.isBeingDeleted && !clean.contains(replicaSet.controllerUID ?? "") {
            replicaSets.syncPods(replicaSet, now: now)
        }
        let factory = PodFactory(store: store, lifecycle: replicaSets.lifecycle, newUID: newUID)
        let history = RevisionHistory(store: store, newUID: newUID)
        for set in store.list(.statefulSets).map(\.value) where !set.isBeingDeleted {
            StatefulSetController(store: store, factory: factory, history: history).sync(set, now: now)
        }
        for set in store.list(.daemonSets).map(\.value) where !set.isBeingDeleted {
            DaemonSetController(store: store, factory: factory, history: history, newSuffix: newSuffix).sync(set, now: now)
        }
        let pods = store.list(.pods)
        podStages.keep(Set(pods.map { ObjectStore.Key(namespace: $0.value.namespace, name: $0.value.name) }))
        for pod in pods where !isClean(pod.value) {
            replicaSets.advance(pod, now: now)
        }
        MoreKindsControllers(store: store, pace: pace, factory: factory, newUID: newUID, newSuffix: newSuffix).reconcile(now: now)
        for replicaSet in store.list(.replicaSets).map(\.value) where !clean.contains(replicaSet.controllerUID ?? "") {
            replicaSets.writeStatus(replicaSet, now: now)
        }
        let writer = DeploymentStatusWriter(pace: pace)
        defer {
            let end = subtrees()
            let settled = Set(store.list(.deployments).map(\.value)
                .filter { start[$0.uid] != nil && start[$0.uid] == end[$0.uid] && isSettled($0) }.map(\.uid))
            memory.remember(at: now, start: start, end: end, settled: settled)
        }
        for deployment in store.list(.deployments).map(\.value) where !deployment.isBeingDeleted && !clean.contains(deployment.uid) {
            let status = writer.status(
                of: deployment, replicaSets: deployments.ownedReplicaSets(deployment), event: events[deployment.uid],
                now: now)
            guard deployment["status"] != status else { continue }
            var updated = deployment
            updated["status"] = status
            store.put(.deployments, updated)
        }
    }

    /// Each Deployment's objects as a version: the highest resource version and the count of
    /// the Deployment, its ReplicaSets and their pods (any write raises the one, any
    /// deletion lowers the other), with the uids of its ReplicaSets.
    private func subtrees() -> [String: PassMemory.Subtree] {
        var result: [String: PassMemory.Subtree] = [:]
        for deployment in store.list(.deployments) {
            var top = deployment.resourceVersion, count = 1
            var sets: [String] = []
            for rs in store.list(.replicaSets, namespace: deployment.value.namespace, controlledBy: deployment.value.uid) {
                top = max(top, rs.resourceVersion)
                count += 1
                sets.append(rs.value.uid)
                for pod in store.list(.pods, namespace: deployment.value.namespace, controlledBy: rs.value.uid) {
                    top = max(top, pod.resourceVersion)
                    count += 1
                }
            }
            result[deployment.value.uid] = PassMemory.Subtree(version: top, count: count, replicaSets: sets)
        }
        return result
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
        for namespace in store.list(.namespaces).map(\.value) where namespace.isBeingDeleted {
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
            for object in store.list(owner).map(\.value) where object.isBeingDeleted {
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
            let owners = Set(store.list(owner).map(\.value.uid))
            for child in store.list(dependent).map(\.value) where child.controllerKind == owner.kind {
                if let uid = child.controllerUID, !owners.contains(uid) {
                    store.remove(dependent, namespace: child.namespace, name: child.name)
                }
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
    }
}
