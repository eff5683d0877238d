/// What rules read from a resolved operation: derived once from the operation, the live
/// state and the plan, so that every rule agrees on them.
extension ResolvedOperation {
    /// The environment the operation acts in: the resolved one, else the one it names.
    public var effectiveEnvironment: String? { environment ?? operation.environment }

    /// The replica count before the change, when the live state was read.
    public var currentReplicas: Int? { current?.replicas }

    /// The replica count after the change: the plan's, else what the operation states
    /// (`replicas`, or `delta` applied to the live count). Nil when the operation does not set
    /// replicas or the count cannot be known.
    public var plannedReplicas: Int? {
        if let replicas = planned?.replicas { return replicas }
        switch operation.op {
        case .scale:
            if let replicas = operation.replicas { return replicas }
            if let delta = operation.delta, let now = currentReplicas { return max(0, now + delta) }
            return nil
        case .deploy:
            return operation.replicas
        case .autoscale where operation.enabled != false:
            return operation.max
        default:
            return nil
        }
    }

    /// Whether the operation sets the replica count (a scale, or a deploy that names one or
    /// creates the workload). Rules on counts judge only these: a delete removes the workload
    /// rather than running it with fewer replicas, and a restart or rollback keeps the count.
    ///
    /// An autoscaler counts with its maximum: the most replicas it may start is what
    /// replica bounds, large jumps and the budget judge.
    public var setsReplicaCount: Bool {
        switch operation.op {
        case .scale, .deploy: true
        case .autoscale: operation.enabled != false
        default: false
        }
    }

    /// What one replica requests after the change: the planned template's, else the live one's.
    public var plannedRequests: PodRequests? { planned?.requests ?? current?.requests }

    /// The image reference the operation rolls out, when it names one or the plan has one.
    public var plannedImage: String? { planned?.image ?? operation.image }

    /// The image tag the operation rolls out: the named `version`, else the tag of the image.
    public var plannedTag: String? {
        if let version = operation.version { return version }
        return plannedImage.flatMap { ImageReference($0).tag }
    }

    /// What a typed confirmation must repeat: the service, else the environment, else the
    /// operation's name.
    public var confirmationName: String {
        operation.service ?? effectiveEnvironment ?? operation.op.rawValue
    }
}

/// A container image reference split into repository, tag and digest.
public struct ImageReference: Equatable, Sendable {
    public var repository: String
    public var tag: String?
    public var digest: String?

    /// Splits `ghcr.io/acme/api:1.2@sha256:…`. A `:` before the last `/` belongs to a
    /// registry port, not a tag.
    public init(_ reference: String) {
        var rest = Substring(reference)
        if let at = rest.firstIndex(of: "@") {
            digest = String(rest[rest.index(after: at)...])
            rest = rest[..<at]
        }
        let lastSlash = rest.lastIndex(of: "/")
        if let colon = rest.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            tag = String(rest[rest.index(after: colon)...])
            rest = rest[..<colon]
        }
        repository = String(rest)
    }
}
