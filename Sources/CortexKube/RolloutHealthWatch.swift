import CortexCore
import FoundationEssentials

/// Watches the new pods of a rollout while cortex waits for it: gathers the diagnosis
/// evidence (read-only) and asks `RolloutHealthJudge` whether the rollout has failed for
/// certain. Reads that fail leave the verdict open: waiting goes on, and the progress
/// deadline still ends it.
struct RolloutHealthWatch {
    let client: KubeClient
    let namespace: String
    let workload: String
    let environment: String
    /// The stable workload, when `workload` is its canary.
    let canaryOf: String?
    let now: @Sendable () -> Date
    var judge = RolloutHealthJudge()

    /// The failure of the revision `d` rolls out, once certain; nil while pods may still
    /// come up (or before the controller has started any). With `deadlinePassed`, every
    /// new pod that is not ready counts as failed. `json` is the object `d` was read from,
    /// when the caller has it: it is then not read again.
    func failure(of d: Deployment, json: JSONValue? = nil, deadlinePassed: Bool = false) -> RolloutFailure? {
        let status = d.status ?? DeploymentStatus()
        guard (d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0), (status.updatedReplicas ?? 0) > 0 else { return nil }
        // Each poll reads little (its ReplicaSets and pods; their events only once every new
        // pod is not ready and each is stuck or running, as the verdict stays open before
        // that); only a failure is read in full, for the log line and the references that
        // explain it.
        let gatherer = EvidenceGatherer(client: client)
        guard var light = try? gatherer.gatherEvents(workload, kind: "Deployment", namespace: namespace, environment: environment,
                                                     now: now(), withEvents: false, known: json),
              let (_, newPods) = judge.candidates(light, revision: d.revision),
              deadlinePassed || judge.eventsMayDecide(newPods, in: light)
        else { return nil }
        gatherer.readEvents(into: &light)
        guard case .failed(let failure) = judge.judge(light, revision: d.revision, canaryOf: canaryOf, deadlinePassed: deadlinePassed)
        else { return nil }
        guard let full = try? gatherer.gather(workload, kind: "Deployment", namespace: namespace, environment: environment, now: now()),
              case .failed(let explained) = judge.judge(full, revision: d.revision, canaryOf: canaryOf, deadlinePassed: deadlinePassed)
        else { return failure }
        return explained
    }
}
