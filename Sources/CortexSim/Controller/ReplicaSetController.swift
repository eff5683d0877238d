import CortexCore
import Foundation

/// The replica set controller and a kubelet in one: keeps each ReplicaSet's pod count at
/// `spec.replicas` (deleting unready and newest pods first), advances pod status through
/// `PodLifecycle`, and writes ReplicaSet status.
struct ReplicaSetController {
    let store: ObjectStore
    let pace: SimulationPace
    let newUID: () -> String
    let newSuffix: () -> String
    /// Pods whose stored status was current at a stage of their life, by resource version.
    let currentPods: PodStages

    /// The kubelet's view of pods, with the ConfigMaps and Secrets of this store.
    var lifecycle: PodLifecycle {
        let store = store
        return PodLifecycle(
            pace: pace,
            lookup: ObjectLookup(
                configMapExists: { store.contains(.configMaps, namespace: $0, name: $1) },
                secretExists: { store.contains(.secrets, namespace: $0, name: $1) }))
    }

    func syncPods(_ replicaSet: JSONValue, now: Date) {
        let pods = ownedPods(replicaSet)
        let desired = replicaSet.desiredReplicas
        if pods.count < desired {
            // A refused create ends the pass's creations, as the controller's slow start does.
            for _ in pods.count..<desired where createPod(for: replicaSet, now: now) == nil { break }
        } else if pods.count > desired {
            let doomed = pods.sorted(by: deletionOrder).prefix(pods.count - desired)
            let recorder = EventRecorder(store: store)
            for pod in doomed {
                for container in pod[path: ["spec", "containers"]]?.arrayValue ?? [] {
                    guard let name = container["name"]?.stringValue, pod[path: ["spec", "nodeName"]] != nil else { continue }
                    recorder.reconcile(
                        pod: pod,
                        events: [
                            KubeletEvent(type: "Normal", reason: "Killing", message: "Stopping container \(name)",
                                         fieldPath: "spec.containers{\(name)}", count: 1, first: 0, last: 0)
                        ],
                        time: { _ in now })
                }
                store.remove(.pods, namespace: pod.namespace, name: pod.name)
                recorder.record(
                    replicaSet, kind: .replicaSets, type: "Normal", reason: "SuccessfulDelete", message: "Deleted pod: \(pod.name)",
                    component: "replicaset-controller", now: now)
            }
        }
    }

    /// Unready pods go first, then the newest.
    private func deletionOrder(_ a: JSONValue, _ b: JSONValue) -> Bool {
        let readyA = PodLifecycle.isReady(a)
        let readyB = PodLifecycle.isReady(b)
        if readyA != readyB { return !readyA }
        let createdA = a[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        let createdB = b[path: ["metadata", "creationTimestamp"]]?.stringValue ?? ""
        return (createdA, a.name) > (createdB, b.name)
    }

    func ownedPods(_ replicaSet: JSONValue) -> [JSONValue] {
        store.list(.pods, namespace: replicaSet.namespace, controlledBy: replicaSet.uid).map(\.value)
    }

    private func createPod(for replicaSet: JSONValue, now: Date) -> JSONValue? {
        var name = ""
        repeat {
            name = "\(replicaSet.name)-\(newSuffix())"
        } while store.contains(.pods, namespace: replicaSet.namespace, name: name)
        return PodFactory(store: store, lifecycle: lifecycle, newUID: newUID, stages: currentPods).create(
            name, generateName: "\(replicaSet.name)-", owner: replicaSet, ownerKind: .replicaSets,
            component: "replicaset-controller", message: "Created pod: \(name)", reason: "SuccessfulCreate", now: now)
    }

    /// Recomputes a pod's status; writes only when it changed. A pod found current at the
    /// same stage of its life, unchanged since, is not computed again; nor is its stage, when
    /// it was found current at this very time with the same ConfigMaps and Secrets (the
    /// stage is a function of the pod, the time and which of them exist).
    func advance(_ pod: StoredObject, now: Date) {
        guard !pod.value.isBeingDeleted else { return }
        let key = ObjectStore.Key(namespace: pod.value.namespace, name: pod.value.name)
        let found = PodStages.Moment(time: now, lookups: store.generation(of: .configMaps) &+ store.generation(of: .secrets))
        if let current = currentPods[key], current.resourceVersion == pod.resourceVersion, current.found == found {
            return
        }
        let snapshot = lifecycle.snapshot(of: pod.value, now: now)
        let stage = pod.value[path: ["metadata", "creationTimestamp"]] == nil ? nil : Optional(snapshot.stage)
        if let stage, let current = currentPods[key], current.resourceVersion == pod.resourceVersion, current.stage == stage {
            currentPods[key] = PodStages.Entry(resourceVersion: pod.resourceVersion, stage: stage, found: found)
            return
        }
        let status = snapshot.status
        guard pod.value["status"] != status else {
            // A new stage can bring events without a new status: a readiness probe that
            // keeps failing is counted on its `Unhealthy` event while the pod stays unready.
            EventRecorder(store: store).reconcile(pod: pod.value, events: snapshot.events, time: lifecycle.time(of: pod.value))
            currentPods[key] = stage.map { PodStages.Entry(resourceVersion: pod.resourceVersion, stage: $0, found: found) }
            return
        }
        var updated = pod.value
        updated["status"] = status
        let stored = store.put(.pods, updated)
        EventRecorder(store: store).reconcile(pod: stored.value, events: snapshot.events, time: lifecycle.time(of: stored.value))
        // The status written is current at this moment: a snapshot reads the pod's metadata
        // and spec, never its status, so the written pod's is this one.
        currentPods[key] = stage.map { PodStages.Entry(resourceVersion: stored.resourceVersion, stage: $0, found: found) }
    }

    func writeStatus(_ replicaSet: JSONValue, now: Date) {
        let pods = ownedPods(replicaSet)
        let minReady = replicaSet[path: ["spec", "minReadySeconds"]]?.intValue ?? 0
        let selector = LabelSelector(object: replicaSet[path: ["spec", "selector"]] ?? [:]) ?? .everything
        var status: JSONValue = ["replicas": .number(pods.count)]
        status.setCount(["fullyLabeledReplicas"], pods.filter { selector.matches($0.labels) }.count)
        status.setCount(["readyReplicas"], pods.filter(PodLifecycle.isReady).count)
        status.setCount(["availableReplicas"], pods.filter { lifecycle.isAvailable($0, minReadySeconds: minReady, now: now) }.count)
        status["observedGeneration"] = .number(replicaSet.generation)
        if let failure = CreationFailures(store: store, owner: replicaSet, ownerKind: .replicaSets, component: "replicaset-controller")
            .condition(short: pods.count < replicaSet.desiredReplicas, previous: replicaSet[path: ["status", "conditions"]], now: now)
        {
            status["conditions"] = [failure]
        }
        guard replicaSet["status"] != status else { return }
        var updated = replicaSet
        updated["status"] = status
        store.put(.replicaSets, updated)
    }
}

/// Makes the pods of a controller from its template, as the controllers of a real cluster
/// do: owner reference, labels, a node when the scheduler would find one, the kubelet's
/// first status, and the controller's `SuccessfulCreate` event.
struct PodFactory {
    let store: ObjectStore
    let lifecycle: PodLifecycle
    let newUID: () -> String
    /// Where a new pod's first status is noted as current, so that the kubelet's pass
    /// right after does not work it out again.
    var stages: PodStages? = nil

    /// Creates pod `name` from `owner`'s `spec.template`, with `labels` added and on `node`
    /// when given (else where the scheduler would put it, if anywhere). The API server's
    /// admission applies: when it refuses the pod, nil, and a `FailedCreate` warning on the
    /// owner (see `CreationFailures`).
    @discardableResult
    func create(
        _ name: String, generateName: String?, owner: JSONValue, ownerKind: ResourceKind, labels: [String: String] = [:],
        node: String? = nil, component: String, message: String, reason: String, now: Date
    ) -> JSONValue? {
        let failures = CreationFailures(store: store, owner: owner, ownerKind: ownerKind, component: component)
        guard failures.mayRetry(now: now) else { return nil }
        let template = owner[path: ["spec", "template"]] ?? [:]
        var metadata = template["metadata"] ?? [:]
        metadata["name"] = .string(name)
        if let generateName { metadata["generateName"] = .string(generateName) }
        metadata["namespace"] = .string(owner.namespace)
        metadata["uid"] = .string(newUID())
        metadata["creationTimestamp"] = .string(Timestamp.format(now))
        metadata["ownerReferences"] = [owner.ownerReference(kind: ownerKind)]
        metadata["generation"] = 1
        for (key, value) in labels { metadata[path: ["labels", key]] = .string(value) }
        let spec = template["spec"] ?? [:]
        var pod: JSONValue = ["apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec]
        let admission = Admission(store: store)
        admission.mutate(.pods, &pod)
        if let refusal = admission.refusal(.pods, pod) {
            failures.record(pod: name, APIError.forbidden(.pods, name, refusal).message, now: now)
            return nil
        }
        if let node {
            pod[path: ["spec", "nodeName"]] = .string(node)
        } else if PodScheduling.unschedulableMessage(pod) == nil {
            pod[path: ["spec", "nodeName"]] = .string(PodIdentity(name: name).nodeName)
        }
        let found = PodStages.Moment(time: now, lookups: store.generation(of: .configMaps) &+ store.generation(of: .secrets))
        let snapshot = lifecycle.snapshot(of: pod, now: now)
        pod["status"] = snapshot.status
        let stored = store.put(.pods, pod)
        // A snapshot reads the pod's metadata and spec, never its status or resource version.
        stages?[ObjectStore.Key(namespace: stored.value.namespace, name: stored.value.name)] =
            PodStages.Entry(resourceVersion: stored.resourceVersion, stage: snapshot.stage, found: found)
        ResourceQuotas(store: store).refresh(namespace: owner.namespace)
        let recorder = EventRecorder(store: store)
        recorder.record(owner, kind: ownerKind, type: "Normal", reason: reason, message: message, component: component, now: now)
        recorder.reconcile(pod: stored.value, events: snapshot.events, time: lifecycle.time(of: stored.value))
        return stored.value
    }
}

/// Pods whose stored status was found current, each with its resource version then and
/// the stage of its life (`PodLifecycle.stage`): while both stay the same, so does the
/// status. Entries of pods that are gone are dropped by `keep`.
final class PodStages {
    /// When a pod was found current: the time, and the ConfigMaps' and Secrets' change
    /// generations added up (each only grows, so an equal sum means neither changed).
    struct Moment: Equatable {
        var time: Date
        var lookups: Int
    }

    struct Entry {
        var resourceVersion: Int
        var stage: [Int]
        /// When this version of the pod was last found current at this stage.
        var found: Moment?
    }

    private var entries: [ObjectStore.Key: Entry] = [:]

    init() {}

    /// The same entries, kept independently from now on.
    init(copying other: PodStages) {
        entries = other.entries
        podsGeneration = other.podsGeneration
    }

    subscript(key: ObjectStore.Key) -> Entry? {
        get { entries[key] }
        set { entries[key] = newValue }
    }

    /// The pods' change generation when `forgetGone` last looked.
    private var podsGeneration: Int?

    /// Forgets every pod that is no longer in `store`; nothing to look at when no pod was
    /// written or removed since the last time.
    func forgetGone(in store: ObjectStore) {
        let generation = store.generation(of: .pods)
        guard generation != podsGeneration else { return }
        podsGeneration = generation
        // Removed in place: usually none or one is gone, and the rest stays where it is.
        for key in entries.keys where !store.contains(.pods, namespace: key.namespace, name: key.name) {
            entries.removeValue(forKey: key)
        }
    }
}
