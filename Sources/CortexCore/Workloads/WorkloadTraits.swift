/// What differs between Deployments, StatefulSets and DaemonSets, in one place: the API
/// path, how revisions are kept, and which operations make sense for the kind (with the
/// reason when one does not). Everything else about a workload is shared.
public struct WorkloadTraits: Equatable, Sendable {
    public let kind: WorkloadKind
    /// The resource name under `/apis/apps/v1/namespaces/<ns>/`: `deployments`.
    public let plural: String
    /// The kind of object that keeps its revisions: `ReplicaSet` or `ControllerRevision`.
    public let revisionKind: String
    /// kubectl's word for it in rollout messages: `deployment`, `statefulset`, `daemon set`.
    public let rolloutNoun: String
    /// Why `scale` does not apply to the kind; nil when it does.
    public let scaleRefusal: String?
    /// Why pausing or resuming its rollout does not apply; nil when it does.
    public let pauseRefusal: String?
    /// Why a HorizontalPodAutoscaler cannot target it; nil when it can.
    public let autoscaleRefusal: String?
    /// Whether a deploy of a name that does not exist yet creates one of this kind.
    public let createdByDeploy: Bool

    /// Whether `/scale` exists for the kind.
    public var hasScale: Bool { scaleRefusal == nil }
}

extension WorkloadKind {
    /// The traits of the kind.
    public var traits: WorkloadTraits {
        switch self {
        case .deployment:
            WorkloadTraits(kind: self, plural: "deployments", revisionKind: "ReplicaSet", rolloutNoun: "deployment",
                           scaleRefusal: nil, pauseRefusal: nil, autoscaleRefusal: nil, createdByDeploy: true)
        case .statefulset:
            WorkloadTraits(kind: self, plural: "statefulsets", revisionKind: "ControllerRevision", rolloutNoun: "statefulset",
                           scaleRefusal: nil,
                           pauseRefusal: "a StatefulSet's rollout cannot be paused: it has no spec.paused (hold it with an update partition instead)",
                           autoscaleRefusal: nil, createdByDeploy: false)
        case .daemonset:
            WorkloadTraits(kind: self, plural: "daemonsets", revisionKind: "ControllerRevision", rolloutNoun: "daemon set",
                           scaleRefusal: "a DaemonSet runs one pod on each eligible node: it has no replica count to scale",
                           pauseRefusal: "a DaemonSet's rollout cannot be paused: it has no spec.paused",
                           autoscaleRefusal: "a DaemonSet runs one pod on each eligible node: an autoscaler cannot set its replicas",
                           createdByDeploy: false)
        }
    }

    /// The order a name is looked up in when the request names no kind.
    public static let lookupOrder: [WorkloadKind] = [.deployment, .statefulset, .daemonset]
}
