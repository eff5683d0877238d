public import CortexCore
/// An apps/v1 Deployment, with the fields cortex reads. The pod template is kept whole
/// (`PodTemplate`), so a rollback copies every field, including those cortex never looks at.
public struct Deployment: Codable, Equatable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status: DeploymentStatus?

    public init(metadata: ObjectMeta, spec: DeploymentSpec, status: DeploymentStatus? = nil) {
        self.apiVersion = "apps/v1"
        self.kind = "Deployment"
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public var name: String { metadata.name ?? "" }

    /// `deployment.kubernetes.io/revision`, the revision the controller last rolled out.
    public var revision: Int? { metadata.annotations?[KubeAnnotation.revision].flatMap { Int($0) } }
}

/// The desired state of a Deployment.
public struct DeploymentSpec: Codable, Equatable, Sendable {
    public var replicas: Int?
    public var selector: LabelSelector
    public var template: PodTemplate
    public var paused: Bool?
    public var progressDeadlineSeconds: Int?
    public var minReadySeconds: Int?
    public var revisionHistoryLimit: Int?

    public init(replicas: Int? = nil, selector: LabelSelector, template: PodTemplate, paused: Bool? = nil) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.paused = paused
    }
}

/// Status counts are omitted by the server when zero: each reads as 0 when absent.
public struct DeploymentStatus: Codable, Equatable, Sendable {
    public var observedGeneration: Int?
    public var replicas: Int?
    public var updatedReplicas: Int?
    public var readyReplicas: Int?
    public var availableReplicas: Int?
    public var unavailableReplicas: Int?
    public var conditions: [DeploymentCondition]?

    public init(
        observedGeneration: Int? = nil, replicas: Int? = nil, updatedReplicas: Int? = nil, readyReplicas: Int? = nil,
        availableReplicas: Int? = nil, unavailableReplicas: Int? = nil, conditions: [DeploymentCondition]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.conditions = conditions
    }

    public func condition(_ type: String) -> DeploymentCondition? { conditions?.first { $0.type == type } }
}

/// One entry of `status.conditions` (`Available`, `Progressing`, `ReplicaFailure`).
public struct DeploymentCondition: Codable, Equatable, Sendable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }
}

/// A pod template kept as the JSON the server sent, with typed views of what cortex needs.
public struct PodTemplate: Codable, Equatable, Sendable {
    public var json: JSONValue

    public init(json: JSONValue) { self.json = json }

    /// A template with labels and one container per `(name, image)`.
    public init(labels: [String: String], containers: [(name: String, image: String)]) {
        var labelObject: [String: JSONValue] = [:]
        for (k, v) in labels { labelObject[k] = .string(v) }
        json = [
            "metadata": ["labels": .object(labelObject)],
            "spec": ["containers": .array(containers.map { ["name": .string($0.name), "image": .string($0.image)] })],
        ]
    }

    public init(from decoder: any Decoder) throws { json = try JSONValue(from: decoder) }
    public func encode(to encoder: any Encoder) throws { try json.encode(to: encoder) }

    public var labels: [String: String] { Self.strings(json[path: ["metadata", "labels"]]) }
    public var annotations: [String: String] { Self.strings(json[path: ["metadata", "annotations"]]) }

    /// `(name, image)` of each container, in order.
    public var containers: [(name: String, image: String)] {
        (json[path: ["spec", "containers"]]?.arrayValue ?? []).map {
            ($0["name"]?.stringValue ?? "", $0["image"]?.stringValue ?? "")
        }
    }

    /// `resources.requests` of each container, for cost estimates.
    public var containerRequests: [ContainerRequests] {
        (json[path: ["spec", "containers"]]?.arrayValue ?? []).map {
            ContainerRequests(name: $0["name"]?.stringValue ?? "",
                              cpu: $0[path: ["resources", "requests", "cpu"]]?.stringValue,
                              memory: $0[path: ["resources", "requests", "memory"]]?.stringValue)
        }
    }

    /// The template without the `pod-template-hash` label the controller adds to ReplicaSets.
    public var withoutPodTemplateHash: PodTemplate {
        var copy = json
        if var labels = copy[path: ["metadata", "labels"]]?.objectValue {
            labels[KubeLabel.podTemplateHash] = nil
            copy[path: ["metadata", "labels"]] = .object(labels)
        }
        return PodTemplate(json: copy)
    }

    /// Template equality as kubectl decides it: the `pod-template-hash` label does not count.
    public func matchesIgnoringHash(_ other: PodTemplate) -> Bool {
        withoutPodTemplateHash.json == other.withoutPodTemplateHash.json
    }

    private static func strings(_ value: JSONValue?) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in value?.objectValue ?? [:] { if let s = v.stringValue { out[k] = s } }
        return out
    }
}

/// An apps/v1 ReplicaSet, as far as rollback and history need it.
public struct ReplicaSet: Codable, Equatable, Sendable {
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec

    public init(metadata: ObjectMeta, spec: ReplicaSetSpec) {
        self.metadata = metadata
        self.spec = spec
    }

    /// The template a ReplicaSet runs: what a rollback copies.
    public struct ReplicaSetSpec: Codable, Equatable, Sendable {
        public var replicas: Int?
        public var template: PodTemplate?

        public init(replicas: Int? = nil, template: PodTemplate?) {
            self.replicas = replicas
            self.template = template
        }
    }

    public var revision: Int? { metadata.annotations?[KubeAnnotation.revision].flatMap { Int($0) } }

    /// Whether `deployment` is this ReplicaSet's controlling owner.
    public func isControlled(by deployment: Deployment) -> Bool {
        guard let uid = deployment.metadata.uid else { return false }
        return (metadata.ownerReferences ?? []).contains { $0.controller == true && $0.uid == uid }
    }
}

/// An autoscaling/v1 Scale: the `/scale` subresource of a Deployment.
public struct Scale: Codable, Equatable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ScaleSpec
    public var status: ScaleStatus?

    public init(metadata: ObjectMeta, replicas: Int) {
        apiVersion = "autoscaling/v1"
        kind = "Scale"
        self.metadata = metadata
        spec = ScaleSpec(replicas: replicas)
    }

    /// The desired replica count.
    public struct ScaleSpec: Codable, Equatable, Sendable {
        public var replicas: Int?
        public init(replicas: Int?) { self.replicas = replicas }
    }

    /// The observed replica count and the pod selector.
    public struct ScaleStatus: Codable, Equatable, Sendable {
        public var replicas: Int?
        public var selector: String?
    }
}

/// A core/v1 Pod, as far as logs and status lines need it.
public struct Pod: Codable, Equatable, Sendable {
    public var metadata: ObjectMeta
    public var status: PodStatus?

    public init(metadata: ObjectMeta, status: PodStatus? = nil) {
        self.metadata = metadata
        self.status = status
    }

    /// Phase and per-container readiness.
    public struct PodStatus: Codable, Equatable, Sendable {
        public var phase: String?
        public var containerStatuses: [ContainerStatus]?

        public init(phase: String? = nil, containerStatuses: [ContainerStatus]? = nil) {
            self.phase = phase
            self.containerStatuses = containerStatuses
        }
    }

    /// Readiness and restarts of one container.
    public struct ContainerStatus: Codable, Equatable, Sendable {
        public var name: String
        public var ready: Bool?
        public var restartCount: Int?

        public init(name: String, ready: Bool? = nil, restartCount: Int? = nil) {
            self.name = name
            self.ready = ready
            self.restartCount = restartCount
        }
    }
}

/// Well-known annotation keys.
public enum KubeAnnotation {
    public static let revision = "deployment.kubernetes.io/revision"
    public static let restartedAt = "kubectl.kubernetes.io/restartedAt"
    public static let changeCause = "kubernetes.io/change-cause"
}

/// Well-known label keys.
public enum KubeLabel {
    public static let podTemplateHash = "pod-template-hash"
}
