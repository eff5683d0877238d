import CortexCore
import Foundation

/// The StatefulSet controller: pods `<name>-0 … <name>-(n-1)`, created in order, each only
/// when the ones before it are ready (`OrderedReady`; `Parallel` creates them together);
/// scaled down from the highest ordinal; a rolling update replaces pods from the highest
/// ordinal down to the partition, one at a time, each after the others are ready. Pods
/// carry their revision in `controller-revision-hash`; the status reports the current and
/// update revisions as the real controller does.
struct StatefulSetController {
    static let podNameLabel = "statefulset.kubernetes.io/pod-name"

    let store: ObjectStore
    let factory: PodFactory
    let history: RevisionHistory

    func sync(_ set: JSONValue, now: Date) {
        let update = history.current(of: set, kind: .statefulSets, now: now).name
        let current = set[path: ["status", "currentRevision"]]?.stringValue ?? update
        let replicas = set.desiredReplicas
        let partition = set[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.intValue ?? 0
        let ordered = set[path: ["spec", "podManagementPolicy"]]?.stringValue != "Parallel"
        let rolling = set[path: ["spec", "updateStrategy", "type"]]?.stringValue != "OnDelete"
        var pods = podsByOrdinal(set)
        let recorder = EventRecorder(store: store)

        // Create missing ordinals; in order, each after the ones before it are ready.
        for ordinal in 0..<replicas where pods[ordinal] == nil {
            if ordered, !(0..<ordinal).allSatisfy({ pods[$0].map(PodLifecycle.isReady) ?? false }) { break }
            let revision = ordinal < partition ? current : update
            let name = "\(set.name)-\(ordinal)"
            pods[ordinal] = factory.create(
                name, generateName: nil, owner: set, ownerKind: .statefulSets,
                labels: [RevisionHistory.hashLabel: revision, Self.podNameLabel: name],
                component: "statefulset-controller", message: "create Pod \(name) in StatefulSet \(set.name) successful",
                reason: "SuccessfulCreate", now: now)
            if ordered { break }
        }
        let allReady = (0..<replicas).allSatisfy { pods[$0].map(PodLifecycle.isReady) ?? false }
        // Scale down from the highest ordinal, one at a time, when the rest are ready.
        if let highest = pods.keys.filter({ $0 >= replicas }).max(), allReady || !ordered {
            delete(pods[highest]!, of: set, recorder: recorder, now: now)
            pods[highest] = nil
        } else if rolling, allReady {
            // Replace the highest outdated pod at or above the partition.
            for ordinal in (partition..<max(partition, replicas)).reversed() {
                guard let pod = pods[ordinal], pod.labels[RevisionHistory.hashLabel] != update else { continue }
                delete(pod, of: set, recorder: recorder, now: now)
                pods[ordinal] = nil
                break
            }
        }
        writeStatus(set, pods: Array(pods.values), current: current, update: update)
    }

    private func podsByOrdinal(_ set: JSONValue) -> [Int: JSONValue] {
        var result: [Int: JSONValue] = [:]
        for pod in store.list(.pods, namespace: set.namespace, controlledBy: set.uid).map(\.value) where !pod.isBeingDeleted {
            if let ordinal = Int(pod.name.dropFirst(set.name.count + 1)), pod.name.hasPrefix(set.name + "-") { result[ordinal] = pod }
        }
        return result
    }

    private func delete(_ pod: JSONValue, of set: JSONValue, recorder: EventRecorder, now: Date) {
        store.remove(.pods, namespace: pod.namespace, name: pod.name)
        recorder.record(set, kind: .statefulSets, type: "Normal", reason: "SuccessfulDelete",
                        message: "delete Pod \(pod.name) in StatefulSet \(set.name) successful", component: "statefulset-controller", now: now)
    }

    private func writeStatus(_ set: JSONValue, pods: [JSONValue], current: String, update: String) {
        let replicas = set.desiredReplicas
        let updated = pods.filter { $0.labels[RevisionHistory.hashLabel] == update }.count
        let ready = pods.filter(PodLifecycle.isReady).count
        // The update is complete when every wanted pod runs the update revision.
        let newCurrent = updated == replicas && pods.count == replicas ? update : current
        var status: JSONValue = [
            "observedGeneration": .number(set.generation), "replicas": .number(pods.count),
            "currentRevision": .string(newCurrent), "updateRevision": .string(update), "collisionCount": 0,
        ]
        status.setCount(["readyReplicas"], ready)
        status.setCount(["availableReplicas"], ready)
        status.setCount(["currentReplicas"], pods.filter { $0.labels[RevisionHistory.hashLabel] == newCurrent }.count)
        status.setCount(["updatedReplicas"], updated)
        guard set["status"] != status else { return }
        var changed = set
        changed["status"] = status
        store.put(.statefulSets, changed)
    }
}

/// The DaemonSet controller: one pod on each simulated node, named `<name>-<suffix>`; a
/// rolling update replaces outdated pods node by node while no more than `maxUnavailable`
/// (default 1) pods are unavailable. Pods carry the revision's hash in
/// `controller-revision-hash` and the set's generation in `pod-template-generation`.
struct DaemonSetController {
    let store: ObjectStore
    let factory: PodFactory
    let history: RevisionHistory
    let newSuffix: () -> String

    func sync(_ set: JSONValue, now: Date) {
        let hash = RevisionHistory.hash(of: history.current(of: set, kind: .daemonSets, now: now))
        let nodes = SimulatedNodes.names
        var byNode: [String: JSONValue] = [:]
        let recorder = EventRecorder(store: store)
        for pod in store.list(.pods, namespace: set.namespace, controlledBy: set.uid).map(\.value) where !pod.isBeingDeleted {
            let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
            if nodes.contains(node), byNode[node] == nil {
                byNode[node] = pod
            } else {
                delete(pod, of: set, recorder: recorder, now: now)
            }
        }
        for node in nodes where byNode[node] == nil {
            var name = ""
            repeat { name = "\(set.name)-\(newSuffix())" } while store.contains(.pods, namespace: set.namespace, name: name)
            byNode[node] = factory.create(
                name, generateName: "\(set.name)-", owner: set, ownerKind: .daemonSets,
                labels: [RevisionHistory.hashLabel: hash, "pod-template-generation": String(set.generation)], node: node,
                component: "daemonset-controller", message: "Created pod: \(name)", reason: "SuccessfulCreate", now: now)
        }
        if set[path: ["spec", "updateStrategy", "type"]]?.stringValue != "OnDelete" {
            let maxUnavailable = max(1, set[path: ["spec", "updateStrategy", "rollingUpdate", "maxUnavailable"]]?.intValue ?? 1)
            var unavailable = byNode.values.filter { !PodLifecycle.isReady($0) }.count
            for node in nodes.sorted() where unavailable < maxUnavailable {
                guard let pod = byNode[node], pod.labels[RevisionHistory.hashLabel] != hash else { continue }
                delete(pod, of: set, recorder: recorder, now: now)
                byNode[node] = nil
                unavailable += 1
            }
        }
        writeStatus(set, pods: Array(byNode.values), hash: hash, nodes: nodes.count)
    }

    private func delete(_ pod: JSONValue, of set: JSONValue, recorder: EventRecorder, now: Date) {
        store.remove(.pods, namespace: pod.namespace, name: pod.name)
        recorder.record(set, kind: .daemonSets, type: "Normal", reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)",
                        component: "daemonset-controller", now: now)
    }

    private func writeStatus(_ set: JSONValue, pods: [JSONValue], hash: String, nodes: Int) {
        let ready = pods.filter(PodLifecycle.isReady).count
        var status: JSONValue = [
            "observedGeneration": .number(set.generation), "desiredNumberScheduled": .number(nodes),
            "currentNumberScheduled": .number(pods.count), "numberMisscheduled": 0, "numberReady": .number(ready),
        ]
        status.setCount(["numberAvailable"], ready)
        status.setCount(["numberUnavailable"], nodes - ready)
        status.setCount(["updatedNumberScheduled"], pods.filter { $0.labels[RevisionHistory.hashLabel] == hash }.count)
        guard set["status"] != status else { return }
        var changed = set
        changed["status"] = status
        store.put(.daemonSets, changed)
    }
}
