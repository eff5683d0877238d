import CortexCore
import Foundation

/// Computes a Deployment's status from its ReplicaSets, with the deployment controller's
/// rules for the `Available` and `Progressing` conditions (including
/// `ProgressDeadlineExceeded` once `progressDeadlineSeconds`, scaled by the pace, pass
/// without progress).
struct DeploymentStatusWriter {
    let pace: SimulationPace
    /// Template comparisons from earlier passes.
    var templates = TemplateMatches()

    func status(
        of deployment: JSONValue, replicaSets: [JSONValue], event: DeploymentController.NewReplicaSetEvent?, now: Date
    ) -> JSONValue {
        let template = deployment[path: ["spec", "template"]]
        let newRS = replicaSets.first { templates.equal($0.uid, $0[path: ["spec", "template"]], template) }
        let desired = deployment.desiredReplicas
        let old = deployment["status"] ?? [:]

        var status: JSONValue = [:]
        status["observedGeneration"] = .number(deployment.generation)
        let actual = replicaSets.reduce(0) { $0 + $1.count(["status", "replicas"]) }
        let available = replicaSets.reduce(0) { $0 + $1.count(["status", "availableReplicas"]) }
        let specTotal = replicaSets.reduce(0) { $0 + $1.desiredReplicas }
        status.setCount(["replicas"], actual)
        status.setCount(["updatedReplicas"], newRS?.count(["status", "replicas"]) ?? 0)
        status.setCount(["readyReplicas"], replicaSets.reduce(0) { $0 + $1.count(["status", "readyReplicas"]) })
        status.setCount(["availableReplicas"], available)
        status.setCount(["unavailableReplicas"], max(0, specTotal - available))
        status.setCount(["collisionCount"], old.count(["collisionCount"]))

        var conditions = old["conditions"]?.arrayValue ?? []
        let minimum = desired - RolloutMath.maxUnavailable(deployment)
        if available >= minimum {
            set(&conditions, type: "Available", status: "True", reason: "MinimumReplicasAvailable",
                message: "Deployment has minimum availability.", now: now)
        } else {
            set(&conditions, type: "Available", status: "False", reason: "MinimumReplicasUnavailable",
                message: "Deployment does not have minimum availability.", now: now)
        }

        let rsName = newRS?.name ?? deployment.name
        switch event {
        case .created(let name):
            set(&conditions, type: "Progressing", status: "True", reason: "NewReplicaSetCreated",
                message: "Created new replica set \"\(name)\"", now: now, forceUpdate: true)
        case .found(let name):
            set(&conditions, type: "Progressing", status: "True", reason: "FoundNewReplicaSet",
                message: "Found new replica set \"\(name)\"", now: now, forceUpdate: true)
        case nil:
            break
        }

        let paused = deployment[path: ["spec", "paused"]]?.boolValue == true
        let complete = status.count(["updatedReplicas"]) == desired && status.count(["replicas"]) == desired
            && available == desired
        if paused {
            set(&conditions, type: "Progressing", status: "Unknown", reason: "DeploymentPaused",
                message: "Deployment is paused", now: now)
        } else if complete, newRS != nil {
            set(&conditions, type: "Progressing", status: "True", reason: "NewReplicaSetAvailable",
                message: "ReplicaSet \"\(rsName)\" has successfully progressed.", now: now)
        } else if Self.madeProgress(old: old, new: status) {
            set(&conditions, type: "Progressing", status: "True", reason: "ReplicaSetUpdated",
                message: "ReplicaSet \"\(rsName)\" is progressing.", now: now, forceUpdate: true)
        } else if timedOut(deployment, conditions: conditions, now: now) {
            set(&conditions, type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded",
                message: "ReplicaSet \"\(rsName)\" has timed out progressing.", now: now)
        }
        // A ReplicaSet's refused pods show on the Deployment too (the new one's first).
        let failures = ([newRS].compactMap { $0 } + replicaSets).compactMap { replicaSet in
            replicaSet[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "ReplicaFailure" }
        }
        let index = conditions.firstIndex { $0["type"] == "ReplicaFailure" }
        if let failure = failures.first {
            let current = index.map { conditions[$0] }
            if current?["status"] != failure["status"] || current?["reason"] != failure["reason"] {
                var condition = failure
                condition["lastUpdateTime"] = failure["lastTransitionTime"]
                if let index { conditions[index] = condition } else { conditions.append(condition) }
            }
        } else if let index {
            conditions.remove(at: index)
        }
        status["conditions"] = .array(conditions)
        return status
    }

    /// More updated, ready or available replicas, or fewer old ones, than before.
    static func madeProgress(old: JSONValue, new: JSONValue) -> Bool {
        let oldOld = old.count(["replicas"]) - old.count(["updatedReplicas"])
        let newOld = new.count(["replicas"]) - new.count(["updatedReplicas"])
        return new.count(["updatedReplicas"]) > old.count(["updatedReplicas"]) || newOld < oldOld
            || new.count(["readyReplicas"]) > old.count(["readyReplicas"])
            || new.count(["availableReplicas"]) > old.count(["availableReplicas"])
    }

    private func timedOut(_ deployment: JSONValue, conditions: [JSONValue], now: Date) -> Bool {
        guard let deadline = deployment[path: ["spec", "progressDeadlineSeconds"]]?.intValue,
            let progressing = conditions.first(where: { $0["type"] == "Progressing" })
        else { return false }
        switch progressing["reason"]?.stringValue {
        case "NewReplicaSetAvailable": return false
        case "ProgressDeadlineExceeded": return true
        default: break
        }
        guard let since = progressing["lastUpdateTime"]?.stringValue.flatMap(Timestamp.parse) else { return false }
        return now.timeIntervalSince(since) > pace.wallSeconds(Double(deadline))
    }

    /// Sets a condition as the controller does: unchanged when status and reason are the
    /// same (unless `forceUpdate`, used to record progress); `lastTransitionTime` kept while
    /// the status stays the same.
    private func set(
        _ conditions: inout [JSONValue], type: String, status: String, reason: String, message: String, now: Date,
        forceUpdate: Bool = false
    ) {
        let stamp = JSONValue.string(Timestamp.format(now))
        let index = conditions.firstIndex { $0["type"]?.stringValue == type }
        let current = index.map { conditions[$0] }
        if let current, current["status"]?.stringValue == status, current["reason"]?.stringValue == reason, !forceUpdate {
            return
        }
        let transition = current.flatMap { $0["status"]?.stringValue == status ? $0["lastTransitionTime"] : nil } ?? stamp
        let condition: JSONValue = [
            "type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message),
            "lastUpdateTime": stamp, "lastTransitionTime": transition,
        ]
        if let index {
            conditions[index] = condition
        } else {
            conditions.append(condition)
        }
    }
}
