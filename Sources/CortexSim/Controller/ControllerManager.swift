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

    func reconcile(now: Date) {
        let deployments = DeploymentController(store: store, pace: pace, newUID: newUID)
        let replicaSets = ReplicaSetController(store: store, pace: pace, newUID: newUID, newSuffix: newSuffix,
                                               currentPods: podStages)
        collectGarbage()

        var events: [String: DeploymentController.NewReplicaSetEvent] = [:]
        for deployment in store.list(.deployments).map(\.value) where !deployment.isBeingDeleted {
            if let event = deployments.syncReplicaSets(deployment, now: now) { events[deployment.uid] = event }
        }
        for replicaSet in store.list(.replicaSets).map(\.value) where !replicaSet.isBeingDeleted {
            replicaSets.syncPods(replicaSet, now: now)
        }
        let pods = store.list(.pods)
        podStages.keep(Set(pods.map { ObjectStore.Key(namespace: $0.value.namespace, name: $0.value.name) }))
        for pod in pods {
            replicaSets.advance(pod, now: now)
        }
        for replicaSet in store.list(.replicaSets).map(\.value) {
            replicaSets.writeStatus(replicaSet, now: now)
        }
        let writer = DeploymentStatusWriter(pace: pace)
        for deployment in store.list(.deployments).map(\.value) where !deployment.isBeingDeleted {
            let status = writer.status(
                of: deployment, replicaSets: deployments.ownedReplicaSets(deployment), event: events[deployment.uid],
                now: now)
            guard deployment["status"] != status else { continue }
            var updated = deployment
            updated["status"] = status
            store.put(.deployments, updated)
        }
    }

    /// Finishes deletions: terminating namespaces lose their content, then go; objects
    /// being deleted in the foreground wait for their dependents; orphaning deletions
    /// release them; dependents whose controller is gone are deleted.
    private func collectGarbage() {
        for namespace in store.list(.namespaces).map(\.value) where namespace.isBeingDeleted {
            for kind in [ResourceKind.deployments, .replicaSets, .pods] {
                for object in store.list(kind, namespace: namespace.name) {
                    store.remove(kind, namespace: namespace.name, name: object.value.name)
                }
            }
            store.remove(.namespaces, namespace: "", name: namespace.name)
        }
        for (owner, dependent) in [(ResourceKind.deployments, ResourceKind.replicaSets), (.replicaSets, .pods)] {
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
            for child in store.list(dependent).map(\.value) {
                if let uid = child.controllerUID, !owners.contains(uid) {
                    store.remove(dependent, namespace: child.namespace, name: child.name)
                }
            }
        }
    }
}
