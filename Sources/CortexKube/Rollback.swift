public import CortexCore
/// What a rollback will do, computed as `kubectl rollout undo` does on the client side.
public enum RollbackDecision: Equatable, Sendable {
    /// Send `patch` (a JSON patch) to return to `revision`.
    case patch(revision: Int, template: PodTemplate, patch: JSONValue)
    /// The current template already equals that revision's; nothing to send.
    case skip(revision: Int)
}

/// Why no rollback can be planned.
public enum RollbackError: Error, Equatable, Sendable, CustomStringConvertible {
    case paused
    case noHistory
    case revisionNotFound(Int)
    case invalidRevision(replicaSet: String, value: String)

    public var description: String {
        switch self {
        case .paused: "the deployment is paused; resume it before rolling back"
        case .noHistory: "no rollout history found: there is no earlier revision to return to"
        case .revisionNotFound(let r): "unable to find revision \(r) in the rollout history"
        case .invalidRevision(let rs, let v): "ReplicaSet \(rs) has an invalid revision \"\(v)\""
        }
    }
}

/// kubectl's client-side rollback over ReplicaSet revisions.
public enum Rollback {
    /// Annotations the Deployment keeps through a rollback; the target ReplicaSet's other
    /// annotations (such as `kubernetes.io/change-cause`) are copied onto the Deployment.
    public static let annotationsToSkip: Set<String> = [
        "kubectl.kubernetes.io/last-applied-configuration",
        "deployment.kubernetes.io/revision",
        "deployment.kubernetes.io/revision-history",
        "deployment.kubernetes.io/desired-replicas",
        "deployment.kubernetes.io/max-replicas",
        "deprecated.deployment.rollback.to",
    ]

    /// The revisions of `deployment`'s history: its controlled ReplicaSets that carry a revision.
    public static func history(of deployment: Deployment, in replicaSets: [ReplicaSet]) throws(RollbackError) -> [Int: ReplicaSet] {
        var byRevision: [Int: ReplicaSet] = [:]
        for rs in replicaSets where rs.isControlled(by: deployment) {
            guard let raw = rs.metadata.annotations?[KubeAnnotation.revision] else { continue }
            guard let revision = Int(raw) else { throw .invalidRevision(replicaSet: rs.metadata.name ?? "?", value: raw) }
            byRevision[revision] = rs
        }
        return byRevision
    }

    /// Plans the rollback to `toRevision`, or to the previous revision when nil.
    public static func plan(_ deployment: Deployment, replicaSets: [ReplicaSet], toRevision: Int?) throws(RollbackError) -> RollbackDecision {
        if deployment.spec.paused == true { throw .paused }
        let history = try history(of: deployment, in: replicaSets)
        let target: Int
        if let toRevision, toRevision > 0 {
            guard history[toRevision] != nil else { throw .revisionNotFound(toRevision) }
            target = toRevision
        } else {
            let revisions = history.keys.sorted()
            guard revisions.count >= 2 else { throw .noHistory }
            target = revisions[revisions.count - 2]
        }
        let rs = history[target]!
        guard let rsTemplate = rs.spec.template else { throw .revisionNotFound(target) }
        if rsTemplate.matchesIgnoringHash(deployment.spec.template) { return .skip(revision: target) }

        let template = rsTemplate.withoutPodTemplateHash
        var annotations: [String: String] = [:]
        for key in annotationsToSkip {
            if let v = deployment.metadata.annotations?[key] { annotations[key] = v }
        }
        for (k, v) in rs.metadata.annotations ?? [:] where !annotationsToSkip.contains(k) {
            annotations[k] = v
        }
        return .patch(revision: target, template: template, patch: DeploymentPatch.rollback(template: template, annotations: annotations))
    }
}
