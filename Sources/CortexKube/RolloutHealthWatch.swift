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
    /// new pod that is not ready counts as failed.
    func failure(of d: Deployment, deadlinePassed: Bool = false) -> RolloutFailure? {
        let status = d.status ?? DeploymentStatus()
        guard (d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0), (status.updatedReplicas ?? 0) > 0 else { return nil }
        let gatherer = EvidenceGatherer(client: client)
        guard let evidence = try? gatherer.gather(workload, kind: "Deployment", namespace: namespace, environment: environment, now: now())
        else { return nil }
        if case .failed(let failure) = judge.judge(evidence, revision: d.revision, canaryOf: canaryOf, deadlinePassed: deadlinePassed) {
            return failure
        }
        return nil
    }
}
