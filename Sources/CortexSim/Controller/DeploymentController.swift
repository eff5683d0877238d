import CortexCore
import Foundation

/// The deployment controller: for each Deployment, finds or creates the ReplicaSet of its
/// current template, scales new and old ReplicaSets as a rolling update (or a recreate)
/// allows, keeps the revision annotations, prunes history, and writes the status with the
/// `Available` and `Progressing` conditions.
struct DeploymentController {
    static let revision = "deployment.kubernetes.io/revision"
    static let revisionHistory = "deployment.kubernetes.io/revision-history"
    static let desiredReplicas = "deployment.kubernetes.io/desired-replicas"
    static let maxReplicas = "deployment.kubernetes.io/max-replicas"
    /// Annotations of a Deployment that are not copied onto its ReplicaSets.
    static let notCopied: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration", revision, revisionHistory, desiredReplicas, maxReplicas,
        "deprecated.deployment.rollback.to",
    ]

    let store: ObjectStore
    let pace: SimulationPace
    let newUID: () -> String
    /// The time of this pass, for the events it records.
    var now: Date = .distantPast
    /// Template comparisons from earlier passes.
    var templates = TemplateMatches()

    /// What happened to the new ReplicaSet in this pass, for the `Progressing` condition.
    enum NewReplicaSetEvent {
        case created(String)
        case found(String)
    }

    /// Scales ReplicaSets toward the Deployment's spec. Returns the event to report, if any.
    func syncReplicaSets(_ deployment: JSONValue, now: Date) -> NewReplicaSetEvent? {
        let owned = ownedReplicaSets(deployment)
        let template = deployment[path: ["spec", "template"]] ?? [:]
        var newRS = owned.filter { templates.equal($0.uid, $0[path: ["spec", "template"]], template) }
            .min { ($0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $0.name)
                < ($1[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $1.name) }
        var oldRSs = owned.filter { $0.uid != newRS?.uid }
        let paused = deployment[path: ["spec", "paused"]]?.boolValue == true
        var event: NewReplicaSetEvent?
        let maxOldRevision = oldRSs.compactMap(Self.revisionNumber).max() ?? 0

        if newRS == nil, !paused {
            let created = createReplicaSet(for: deployment, revision: maxOldRevision + 1, now: now)
            newRS = created
            event = .created(created.name)
        } else if var existing = newRS, (Self.revisionNumber(existing) ?? 0) <= maxOldRevision, !paused {
            // An old template is current again (rollback): it becomes the newest revision.
            if let previous = existing.annotation(Self.revision) {
                let history = existing.annotation(Self.revisionHistory).map { "\($0),\(previous)" } ?? previous
                existing.setAnnotation(Self.revisionHistory, history)
            }
            existing.setAnnotation(Self.revision, String(maxOldRevision + 1))
            copyAnnotations(from: deployment, to: &existing)
            newRS = store.put(.replicaSets, existing).value
            event = .found(existing.name)
        } else if var existing = newRS, !paused {
            // Annotations are all that changes: the metadata tells whether anything did.
            let before = existing["metadata"]
            copyAnnotations(from: deployment, to: &existing)
            if existing["metadata"] != before { newRS = store.put(.replicaSets, existing).value }
        }
        if let revision = newRS?.annotation(Self.revision), deployment.annotation(Self.revision) != revision {
            var updated = deployment
            updated.setAnnotation(Self.revision, revision)
            store.put(.deployments, updated)
        }
        guard let current = newRS else { return event }

        if paused {
            scale(current, to: deployment.desiredReplicas, deployment: deployment)
            return event
        }
        if RolloutMath.isRollingUpdate(deployment) {
            rollingUpdate(deployment, newRS: current, oldRSs: &oldRSs)
        } else {
            recreate(deployment, newRS: current, oldRSs: oldRSs)
        }
        cleanUpHistory(deployment)
        return event
    }

    func ownedReplicaSets(_ deployment: JSONValue) -> [JSONValue] {
        store.list(.replicaSets, namespace: deployment.namespace, controlledBy: deployment.uid).map(\.value)
    }

    static func revisionNumber(_ replicaSet: JSONValue) -> Int? {
        replicaSet.annotation(revision).flatMap(Int.init)
    }

    private func createReplicaSet(for deployment: JSONValue, revision: Int, now: Date) -> JSONValue {
        var template = deployment[path: ["spec", "template"]] ?? [:]
        let hash = TemplateHash.hash(template, collisionCount: deployment.count(["status", "collisionCount"]))
        template[path: ["metadata", "labels", TemplateHash.label]] = .string(hash)
        var selector = deployment[path: ["spec", "selector"]] ?? [:]
        selector[path: ["matchLabels", TemplateHash.label]] = .string(hash)
        var labels = deployment.stringMap(at: ["spec", "template", "metadata", "labels"])
        labels[TemplateHash.label] = hash
        var replicaSet: JSONValue = [
            "apiVersion": "apps/v1", "kind": "ReplicaSet",
            "metadata": [
                "name": .string("\(deployment.name)-\(hash)"), "namespace": .string(deployment.namespace),
                "uid": .string(newUID()), "generation": 1, "creationTimestamp": .string(Timestamp.format(now)),
                "labels": .stringObject(labels), "ownerReferences": [deployment.ownerReference(kind: .deployments)],
            ],
            "spec": [
                "replicas": 0, "selector": selector, "template": template,
                "minReadySeconds": .number(deployment.count(["spec", "minReadySeconds"])),
            ],
            "status": ["replicas": 0],
        ]
        copyAnnotations(from: deployment, to: &replicaSet)
        replicaSet.setAnnotation(Self.revision, String(revision))
        replicaSet.setAnnotation(Self.desiredReplicas, String(deployment.desiredReplicas))
        replicaSet.setAnnotation(Self.maxReplicas, String(deployment.desiredReplicas + RolloutMath.maxSurge(deployment)))
        return store.put(.replicaSets, replicaSet).value
    }

    private func copyAnnotations(from deployment: JSONValue, to replicaSet: inout JSONValue) {
        for (key, value) in deployment.annotations where !Self.notCopied.contains(key) {
            replicaSet.setAnnotation(key, value)
        }
    }

    /// Sets a ReplicaSet's `spec.replicas` (and the desired/max annotations) when it differs.
    @discardableResult
    private func scale(_ replicaSet: JSONValue, to replicas: Int, deployment: JSONValue) -> JSONValue {
        var updated = replicaSet
        updated[path: ["spec", "replicas"]] = .number(replicas)
        updated.setAnnotation(Self.desiredReplicas, String(deployment.desiredReplicas))
        updated.setAnnotation(Self.maxReplicas, String(deployment.desiredReplicas + RolloutMath.maxSurge(deployment)))
        let rescaled = updated[path: ["spec", "replicas"]] != replicaSet[path: ["spec", "replicas"]]
        if rescaled {
            updated[path: ["metadata", "generation"]] = .number(replicaSet.generation + 1)
        }
        // `spec.replicas` and the metadata are all that changes: they tell whether anything did.
        guard rescaled || updated["metadata"] != replicaSet["metadata"] else { return replicaSet }
        let from = replicaSet.desiredReplicas
        if replicas != from {
            EventRecorder(store: store).record(
                deployment, kind: .deployments, type: "Normal", reason: "ScalingReplicaSet",
                message: "Scaled \(replicas > from ? "up" : "down") replica set \(replicaSet.name) from \(from) to \(replicas)",
                component: "deployment-controller", now: now)
        }
        return store.put(.replicaSets, updated).value
    }

    private func rollingUpdate(_ deployment: JSONValue, newRS: JSONValue, oldRSs: inout [JSONValue]) {
        let desired = deployment.desiredReplicas
        let (surge, _) = RolloutMath.fenceposts(deployment)
        let unavailable = RolloutMath.maxUnavailable(deployment)
        var newRS = newRS

        // Scale up the new ReplicaSet within maxSurge.
        let newReplicas = newRS.desiredReplicas
        if newReplicas > desired {
            newRS = scale(newRS, to: desired, deployment: deployment)
        } else if newReplicas < desired {
            let current = oldRSs.reduce(newReplicas) { $0 + $1.desiredReplicas }
            let maxTotal = desired + surge
            if current < maxTotal {
                let target = newReplicas + min(maxTotal - current, desired - newReplicas)
                newRS = scale(newRS, to: target, deployment: deployment)
            }
        }

        // Scale down old ReplicaSets while keeping minAvailable.
        let oldCount = oldRSs.reduce(0) { $0 + $1.desiredReplicas }
        guard oldCount > 0 else { return }
        let allCount = oldCount + newRS.desiredReplicas
        let minAvailable = desired - unavailable
        let newUnavailable = newRS.desiredReplicas - newRS.count(["status", "availableReplicas"])
        let maxScaledDown = allCount - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return }

        // First drop old replicas that are not available anyway.
        var scaledDown = 0
        oldRSs.sort { ($0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $0.name)
            < ($1[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "", $1.name) }
        for index in oldRSs.indices where scaledDown < maxScaledDown {
            let replicaSet = oldRSs[index]
            let replicas = replicaSet.desiredReplicas
            let available = replicaSet.count(["status", "availableReplicas"])
            guard replicas > available else { continue }
            let step = min(maxScaledDown - scaledDown, replicas - available)
            oldRSs[index] = scale(replicaSet, to: replicas - step, deployment: deployment)
            scaledDown += step
        }
        // Then scale down available old replicas as far as minAvailable allows.
        let availableCount = (oldRSs + [newRS]).reduce(0) { $0 + $1.count(["status", "availableReplicas"]) }
        guard availableCount > minAvailable else { return }
        var budget = min(availableCount - minAvailable, maxScaledDown - scaledDown)
        for index in oldRSs.indices where budget > 0 {
            let replicaSet = oldRSs[index]
            let replicas = replicaSet.desiredReplicas
            guard replicas > 0 else { continue }
            let step = min(replicas, budget)
            oldRSs[index] = scale(replicaSet, to: replicas - step, deployment: deployment)
            budget -= step
        }
    }

    private func recreate(_ deployment: JSONValue, newRS: JSONValue, oldRSs: [JSONValue]) {
        var oldPods = 0
        for replicaSet in oldRSs {
            scale(replicaSet, to: 0, deployment: deployment)
            oldPods += replicaSet.count(["status", "replicas"])
        }
        if oldPods == 0 { scale(newRS, to: deployment.desiredReplicas, deployment: deployment) }
    }

    /// Deletes the oldest empty old ReplicaSets beyond `revisionHistoryLimit`.
    private func cleanUpHistory(_ deployment: JSONValue) {
        let limit = deployment[path: ["spec", "revisionHistoryLimit"]]?.intValue ?? 10
        let scaledDown = ownedReplicaSets(deployment).filter { $0.desiredReplicas == 0 && $0.count(["status", "replicas"]) == 0 }
        // Comparing templates costs more than counting: only when there may be too many.
        guard scaledDown.count > limit else { return }
        let template = deployment[path: ["spec", "template"]]
        let empty = scaledDown
            .filter { !templates.equal($0.uid, $0[path: ["spec", "template"]], template) }
            .sorted { (Self.revisionNumber($0) ?? 0) < (Self.revisionNumber($1) ?? 0) }
        guard empty.count > limit else { return }
        for replicaSet in empty.prefix(empty.count - limit) {
            store.remove(.replicaSets, namespace: replicaSet.namespace, name: replicaSet.name)
        }
    }
}
