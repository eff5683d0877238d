import CortexCore

/// Whether a workload's rollout is done, with kubectl's rules and messages for each kind
/// (`kubectl rollout status`): Deployments by `RolloutStatus`; StatefulSets by revisions,
/// ready replicas and the update partition; DaemonSets by updated and available pods.
public enum WorkloadRollout {
    public static func evaluate(_ w: Workload) -> RolloutState {
        switch w.kind {
        case .deployment:
            guard let d = w.deployment else { return .failed("the deployment \(w.name) could not be read") }
            return RolloutStatus.evaluate(d)
        case .statefulset: return statefulSet(w)
        case .daemonset: return daemonSet(w)
        }
    }

    /// kubectl's `StatefulSetStatusViewer`.
    static func statefulSet(_ w: Workload) -> RolloutState {
        let strategy = w.json[path: ["spec", "updateStrategy", "type"]]?.stringValue ?? "RollingUpdate"
        guard strategy == "RollingUpdate" else {
            return .complete("rollout status is only available for RollingUpdate strategy type")
        }
        let observed = w.json[path: ["status", "observedGeneration"]]?.intValue ?? 0
        if observed == 0 || w.generation > observed { return .waiting("Waiting for statefulset spec update to be observed...") }
        let replicas = w.specReplicas ?? 1
        let ready = w.status("readyReplicas")
        if ready < replicas {
            return .waiting("Waiting for \(replicas - ready) pods to be ready...")
        }
        // kubectl takes this branch whenever a partition is set, 0 (the API server's default) included.
        if let partition = w.json[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.intValue {
            let updated = w.status("updatedReplicas")
            if updated < replicas - partition {
                return .waiting("Waiting for partitioned roll out to finish: \(updated) out of \(replicas - partition) new pods have been updated...")
            }
            return .complete("partitioned roll out complete: \(updated) new pods have been updated...")
        }
        let update = w.json[path: ["status", "updateRevision"]]?.stringValue ?? ""
        let current = w.json[path: ["status", "currentRevision"]]?.stringValue ?? ""
        if update != current {
            return .waiting("waiting for statefulset rolling update to complete \(w.status("updatedReplicas")) pods at revision \(update)...")
        }
        return .complete("statefulset rolling update complete \(w.status("currentReplicas")) pods at revision \(current)...")
    }

    /// kubectl's `DaemonSetStatusViewer`.
    static func daemonSet(_ w: Workload) -> RolloutState {
        let strategy = w.json[path: ["spec", "updateStrategy", "type"]]?.stringValue ?? "RollingUpdate"
        guard strategy == "RollingUpdate" else {
            return .complete("rollout status is only available for RollingUpdate strategy type")
        }
        let observed = w.json[path: ["status", "observedGeneration"]]?.intValue ?? 0
        guard w.generation <= observed else { return .waiting("Waiting for daemon set spec update to be observed...") }
        let desired = w.status("desiredNumberScheduled")
        let updated = w.status("updatedNumberScheduled")
        if updated < desired {
            return .waiting("Waiting for daemon set \"\(w.name)\" rollout to finish: \(updated) out of \(desired) new pods have been updated...")
        }
        let available = w.status("numberAvailable")
        if available < desired {
            return .waiting("Waiting for daemon set \"\(w.name)\" rollout to finish: \(available) of \(desired) updated pods are available...")
        }
        return .complete("daemon set \"\(w.name)\" successfully rolled out")
    }

    /// One status line: `redis in staging (statefulset): 2/2 replicas ready (image …, revision 3)`.
    /// - Parameter revision: the ControllerRevision number the workload runs, when read.
    public static func summary(_ w: Workload, place: String, revision: Int? = nil) -> String {
        if let d = w.deployment { return KubeDispatcher.summary(d, place: place) + (d.spec.paused == true ? "; rollout paused" : "") }
        let ready = w.kind == .daemonset ? w.status("numberReady") : w.status("readyReplicas")
        var detail = ["image \(w.mainImage ?? "?")"]
        if let revision { detail.append("revision \(revision)") }
        let noun = w.kind == .daemonset ? "pods (one per node)" : "replicas"
        return "\(place) (\(w.kind.rawValue)): \(ready)/\(w.desiredPods) \(noun) ready (\(detail.joined(separator: ", ")))"
    }
}
