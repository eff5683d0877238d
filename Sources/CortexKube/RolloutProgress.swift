/// The progress line shown while cortex waits for a rollout, in cortex's words rather than
/// `kubectl rollout status`'s: the same rules as `RolloutStatus`, read from the Deployment.
public enum RolloutProgress {
    /// `web in staging: 1 of 3 replicas updated`; nil once the rollout is finished or has
    /// failed, which the report says.
    public static func line(_ d: Deployment, place: String) -> String? {
        guard !RolloutStatus.evaluate(d).isFinal else { return nil }
        let status = d.status ?? DeploymentStatus()
        guard (d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
            return "\(place): waiting for the controller to take up the change"
        }
        let updated = status.updatedReplicas ?? 0, total = status.replicas ?? 0, available = status.availableReplicas ?? 0
        let desired = d.spec.replicas ?? updated
        var text = "\(place): \(updated) of \(desired) replicas updated"
        if updated < desired { return text }
        if total > updated {
            let old = total - updated
            text += ", \(old) old replica\(old == 1 ? "" : "s") stopping"
        } else if available < updated {
            text += ", \(available) available"
        }
        return text
    }
}
