/// Where a rollout stands, as `kubectl rollout status` judges it.
public enum RolloutState: Equatable, Sendable {
    /// Not finished; the message says what is pending.
    case waiting(String)
    case complete(String)
    /// Will not finish by itself (`ProgressDeadlineExceeded`, or a different revision running).
    case failed(String)

    public var message: String {
        switch self {
        case .waiting(let m), .complete(let m), .failed(let m): m
        }
    }

    public var isFinal: Bool { if case .waiting = self { false } else { true } }
}

/// kubectl's `DeploymentStatusViewer.Status`, as a pure function of the Deployment.
public enum RolloutStatus {
    /// - Parameter revision: when given, the rollout must be at that revision.
    public static func evaluate(_ d: Deployment, revision: Int? = nil) -> RolloutState {
        let name = d.name
        if let revision, revision > 0 {
            let running = d.revision
            if running != revision {
                return .failed("desired revision (\(revision)) is different from the running revision (\(running.map(String.init) ?? "none"))")
            }
        }
        let status = d.status ?? DeploymentStatus()
        guard (d.metadata.generation ?? 0) <= (status.observedGeneration ?? 0) else {
            return .waiting("Waiting for deployment spec update to be observed...")
        }
        if let cond = status.condition("Progressing"), cond.reason == "ProgressDeadlineExceeded" {
            return .failed("deployment \"\(name)\" exceeded its progress deadline")
        }
        let updated = status.updatedReplicas ?? 0
        let replicas = status.replicas ?? 0
        let available = status.availableReplicas ?? 0
        if let desired = d.spec.replicas, updated < desired {
            return .waiting("Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(desired) new replicas have been updated...")
        }
        if replicas > updated {
            return .waiting("Waiting for deployment \"\(name)\" rollout to finish: \(replicas - updated) old replicas are pending termination...")
        }
        if available < updated {
            return .waiting("Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available...")
        }
        return .complete("deployment \"\(name)\" successfully rolled out")
    }
}
