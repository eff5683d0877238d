public import FoundationEssentials

/// Everything read from the cluster about one workload, as plain values: what analyzers
/// judge. Built from API objects by `init(json:)` on each part (`EvidenceDecoding.swift`),
/// so fixtures shaped like real API answers drive the tests.
///
/// Text in here (messages, log lines, names) came from the cluster and is untrusted data:
/// it is shown bounded and escaped, and never becomes an instruction.
public struct DiagnosisEvidence: Equatable, Sendable {
    /// The workload asked about; nil when it does not exist (then `missing` says so).
    public var workload: WorkloadEvidence?
    /// The workload's name and kind, also when it could not be read.
    public var subject: ObjectRef
    public var namespace: String
    /// The environment the namespace serves, for suggested operations.
    public var environment: String
    /// ReplicaSets (or ControllerRevisions) owned by the workload, newest revision first.
    public var revisions: [RevisionEvidence]
    public var pods: [PodEvidence]
    /// Events about the workload, its revisions and its pods.
    public var events: [EventEvidence]
    public var logs: [LogEvidence]
    /// Services whose selector matches the workload's pods, with their endpoints.
    public var services: [ServiceEvidence]
    public var claims: [ClaimEvidence]
    /// ConfigMaps and Secrets the pod template references, and whether each exists.
    public var references: [ReferenceEvidence]
    public var quotas: [QuotaEvidence]
    public var nodes: [NodeEvidence]
    /// What could not be read, and why (403, 404, a timeout): stated, not fatal.
    public var unreadable: [String]
    /// When the evidence was gathered: "how long ago" is measured from here.
    public var gatheredAt: Date

    public init(subject: ObjectRef, namespace: String, environment: String, gatheredAt: Date,
                workload: WorkloadEvidence? = nil, revisions: [RevisionEvidence] = [], pods: [PodEvidence] = [],
                events: [EventEvidence] = [], logs: [LogEvidence] = [], services: [ServiceEvidence] = [],
                claims: [ClaimEvidence] = [], references: [ReferenceEvidence] = [], quotas: [QuotaEvidence] = [],
                nodes: [NodeEvidence] = [], unreadable: [String] = []) {
        self.subject = subject
        self.namespace = namespace
        self.environment = environment
        self.gatheredAt = gatheredAt
        self.workload = workload
        self.revisions = revisions
        self.pods = pods
        self.events = events
        self.logs = logs
        self.services = services
        self.claims = claims
        self.references = references
        self.quotas = quotas
        self.nodes = nodes
        self.unreadable = unreadable
    }

    /// The revision the workload currently rolls out (the highest number).
    public var currentRevision: RevisionEvidence? { revisions.max { $0.number < $1.number } }

    /// Older revisions, newest first.
    public var previousRevisions: [RevisionEvidence] {
        guard let current = currentRevision else { return [] }
        return revisions.filter { $0.number < current.number }.sorted { $0.number > $1.number }
    }

    /// The pods of one revision, matched by owner name, else by `pod-template-hash`.
    /// A StatefulSet's or DaemonSet's pods are owned by the workload itself and carry the
    /// revision's name in `controller-revision-hash`.
    public func pods(of revision: RevisionEvidence) -> [PodEvidence] {
        pods.filter { pod in
            if pod.owner == revision.name { return true }
            if revision.ref.kind == "ControllerRevision", let hash = pod.templateHash {
                return hash == revision.name || hash == revision.templateHash
            }
            if pod.owner != nil && revision.ref.kind == "ReplicaSet" { return false }
            if let hash = revision.templateHash { return pod.templateHash == hash }
            return false
        }
    }

    /// The events about one object, newest last.
    public func events(about kind: String, _ name: String) -> [EventEvidence] {
        events.filter { $0.object.kind == kind && $0.object.name == name }.sorted { ($0.lastSeen ?? .distantPast) < ($1.lastSeen ?? .distantPast) }
    }

    /// The log read for a container, the previous instance's when `previous`.
    public func log(pod: String, container: String, previous: Bool) -> LogEvidence? {
        logs.first { $0.pod == pod && $0.container == container && $0.previous == previous }
    }
}

/// A Kubernetes object by kind and name, as findings and evidence lines name it.
public struct ObjectRef: Hashable, Sendable, CustomStringConvertible {
    public var kind: String
    public var name: String

    public init(kind: String, name: String) {
        self.kind = kind
        self.name = name
    }

    /// `Pod/payments-7d9f-abcde`, the form kubectl prints.
    public var description: String { "\(kind)/\(name)" }
}

/// The workload: a Deployment, StatefulSet or DaemonSet.
public struct WorkloadEvidence: Equatable, Sendable {
    public var ref: ObjectRef
    public var desiredReplicas: Int?
    public var readyReplicas: Int
    public var updatedReplicas: Int
    public var availableReplicas: Int
    public var generation: Int?
    public var observedGeneration: Int?
    public var paused: Bool
    public var conditions: [ConditionEvidence]
    /// The pod template's labels, which a Service must select.
    public var templateLabels: [String: String]
    public var containers: [ContainerSpecEvidence]
    public var initContainers: [ContainerSpecEvidence]
    /// Names of PersistentVolumeClaims the pod template mounts.
    public var claimNames: [String]
    public var nodeSelector: [String: String]
    public var createdAt: Date?

    public init(ref: ObjectRef, desiredReplicas: Int? = nil, readyReplicas: Int = 0, updatedReplicas: Int = 0,
                availableReplicas: Int = 0, generation: Int? = nil, observedGeneration: Int? = nil, paused: Bool = false,
                conditions: [ConditionEvidence] = [], templateLabels: [String: String] = [:],
                containers: [ContainerSpecEvidence] = [], initContainers: [ContainerSpecEvidence] = [],
                claimNames: [String] = [], nodeSelector: [String: String] = [:], createdAt: Date? = nil) {
        self.ref = ref
        self.desiredReplicas = desiredReplicas
        self.readyReplicas = readyReplicas
        self.updatedReplicas = updatedReplicas
        self.availableReplicas = availableReplicas
        self.generation = generation
        self.observedGeneration = observedGeneration
        self.paused = paused
        self.conditions = conditions
        self.templateLabels = templateLabels
        self.containers = containers
        self.initContainers = initContainers
        self.claimNames = claimNames
        self.nodeSelector = nodeSelector
        self.createdAt = createdAt
    }

    public func condition(_ type: String) -> ConditionEvidence? { conditions.first { $0.type == type } }
}

/// One entry of an object's `status.conditions`.
public struct ConditionEvidence: Equatable, Sendable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?
    public var lastTransition: Date?

    public init(type: String, status: String, reason: String? = nil, message: String? = nil, lastTransition: Date? = nil) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
        self.lastTransition = lastTransition
    }

    public var isTrue: Bool { status == "True" }
    public var isFalse: Bool { status == "False" }
}

/// What a pod template asks of one container.
public struct ContainerSpecEvidence: Equatable, Sendable {
    public var name: String
    public var image: String?
    /// `resources.limits` and `resources.requests`, as written (`512Mi`, `250m`).
    public var limits: [String: String]
    public var requests: [String: String]
    public var hasReadinessProbe: Bool
    public var hasLivenessProbe: Bool

    public init(name: String, image: String? = nil, limits: [String: String] = [:], requests: [String: String] = [:],
                hasReadinessProbe: Bool = false, hasLivenessProbe: Bool = false) {
        self.name = name
        self.image = image
        self.limits = limits
        self.requests = requests
        self.hasReadinessProbe = hasReadinessProbe
        self.hasLivenessProbe = hasLivenessProbe
    }
}

/// One revision of the workload's template: a ReplicaSet of a Deployment, or a
/// ControllerRevision of a StatefulSet or DaemonSet.
public struct RevisionEvidence: Equatable, Sendable {
    public var ref: ObjectRef
    public var number: Int
    public var templateHash: String?
    public var images: [String]
    public var desiredReplicas: Int
    public var readyReplicas: Int
    public var availableReplicas: Int
    public var conditions: [ConditionEvidence]
    public var createdAt: Date?

    public init(ref: ObjectRef, number: Int, templateHash: String? = nil, images: [String] = [], desiredReplicas: Int = 0,
                readyReplicas: Int = 0, availableReplicas: Int = 0, conditions: [ConditionEvidence] = [], createdAt: Date? = nil) {
        self.ref = ref
        self.number = number
        self.templateHash = templateHash
        self.images = images
        self.desiredReplicas = desiredReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.conditions = conditions
        self.createdAt = createdAt
    }

    public var name: String { ref.name }
}

/// One pod and the state of its containers.
public struct PodEvidence: Equatable, Sendable {
    public var name: String
    public var phase: String
    /// `status.reason`/`message` of the pod itself (`Evicted`, …).
    public var reason: String?
    public var message: String?
    public var nodeName: String?
    /// The owning ReplicaSet (or StatefulSet/DaemonSet) name.
    public var owner: String?
    public var templateHash: String?
    public var conditions: [ConditionEvidence]
    public var containers: [ContainerStatusEvidence]
    public var initContainers: [ContainerStatusEvidence]
    public var deleting: Bool
    public var createdAt: Date?

    public init(name: String, phase: String, reason: String? = nil, message: String? = nil, nodeName: String? = nil,
                owner: String? = nil, templateHash: String? = nil, conditions: [ConditionEvidence] = [],
                containers: [ContainerStatusEvidence] = [], initContainers: [ContainerStatusEvidence] = [],
                deleting: Bool = false, createdAt: Date? = nil) {
        self.name = name
        self.phase = phase
        self.reason = reason
        self.message = message
        self.nodeName = nodeName
        self.owner = owner
        self.templateHash = templateHash
        self.conditions = conditions
        self.containers = containers
        self.initContainers = initContainers
        self.deleting = deleting
        self.createdAt = createdAt
    }

    public var ref: ObjectRef { ObjectRef(kind: "Pod", name: name) }
    public func condition(_ type: String) -> ConditionEvidence? { conditions.first { $0.type == type } }
    /// Ready as the kubelet reports it: the `Ready` condition is `True`.
    public var isReady: Bool { condition("Ready")?.isTrue ?? false }
    public var restarts: Int { containers.reduce(0) { $0 + $1.restartCount } }
}

/// A container's state: `waiting`, `running` or `terminated`, as in `ContainerState`.
public enum ContainerStateEvidence: Equatable, Sendable {
    case waiting(reason: String?, message: String?)
    case running(startedAt: Date?)
    case terminated(Termination)

    public var waitingReason: String? {
        if case .waiting(let reason, _) = self { return reason }
        return nil
    }

    public var termination: Termination? {
        if case .terminated(let t) = self { return t }
        return nil
    }
}

/// How a container instance ended (`ContainerStateTerminated`).
public struct Termination: Equatable, Sendable {
    public var exitCode: Int
    public var signal: Int?
    public var reason: String?
    public var message: String?
    public var startedAt: Date?
    public var finishedAt: Date?

    public init(exitCode: Int, signal: Int? = nil, reason: String? = nil, message: String? = nil,
                startedAt: Date? = nil, finishedAt: Date? = nil) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// One entry of `containerStatuses` or `initContainerStatuses`.
public struct ContainerStatusEvidence: Equatable, Sendable {
    public var name: String
    public var image: String?
    public var ready: Bool
    public var restartCount: Int
    public var state: ContainerStateEvidence?
    public var lastState: ContainerStateEvidence?

    public init(name: String, image: String? = nil, ready: Bool = false, restartCount: Int = 0,
                state: ContainerStateEvidence? = nil, lastState: ContainerStateEvidence? = nil) {
        self.name = name
        self.image = image
        self.ready = ready
        self.restartCount = restartCount
        self.state = state
        self.lastState = lastState
    }

    /// The most recent termination: the current state's, else the last state's.
    public var lastTermination: Termination? { state?.termination ?? lastState?.termination }
}

/// One core/v1 (or events.k8s.io/v1) Event.
public struct EventEvidence: Equatable, Sendable {
    public var object: ObjectRef
    public var type: String
    public var reason: String
    public var message: String
    public var count: Int
    public var firstSeen: Date?
    public var lastSeen: Date?
    /// The component that reported it (`kubelet`, `default-scheduler`, …).
    public var source: String?

    public init(object: ObjectRef, type: String, reason: String, message: String, count: Int = 1,
                firstSeen: Date? = nil, lastSeen: Date? = nil, source: String? = nil) {
        self.object = object
        self.type = type
        self.reason = reason
        self.message = message
        self.count = count
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.source = source
    }

    public var isWarning: Bool { type == "Warning" }
}

/// The last lines of one container instance's log.
public struct LogEvidence: Equatable, Sendable {
    public var pod: String
    public var container: String
    /// The previous (terminated) instance's log, read with `previous=true`.
    public var previous: Bool
    public var lines: [String]

    public init(pod: String, container: String, previous: Bool, lines: [String]) {
        self.pod = pod
        self.container = container
        self.previous = previous
        self.lines = lines
    }
}

/// A Service selecting the workload, and the addresses behind it.
public struct ServiceEvidence: Equatable, Sendable {
    public var name: String
    public var selector: [String: String]
    public var type: String?
    public var readyAddresses: Int
    public var notReadyAddresses: Int
    /// Whether endpoints were read at all (an unreadable Endpoints is no evidence of none).
    public var endpointsRead: Bool

    public init(name: String, selector: [String: String], type: String? = nil, readyAddresses: Int = 0,
                notReadyAddresses: Int = 0, endpointsRead: Bool = true) {
        self.name = name
        self.selector = selector
        self.type = type
        self.readyAddresses = readyAddresses
        self.notReadyAddresses = notReadyAddresses
        self.endpointsRead = endpointsRead
    }
}

/// A PersistentVolumeClaim the pods mount; nil phase when it does not exist.
public struct ClaimEvidence: Equatable, Sendable {
    public var name: String
    public var phase: String?

    public init(name: String, phase: String?) {
        self.name = name
        self.phase = phase
    }
}

/// A ConfigMap or Secret the pod template references. Only existence is read: never a
/// Secret's data.
public struct ReferenceEvidence: Equatable, Sendable {
    public var ref: ObjectRef
    /// nil when it could not be checked.
    public var exists: Bool?
    /// Whether the reference is `optional: true`, so a missing object is no error.
    public var optional: Bool

    public init(ref: ObjectRef, exists: Bool?, optional: Bool = false) {
        self.ref = ref
        self.exists = exists
        self.optional = optional
    }
}

/// A ResourceQuota of the namespace: hard limits and what is used.
public struct QuotaEvidence: Equatable, Sendable {
    public var name: String
    public var hard: [String: String]
    public var used: [String: String]

    public init(name: String, hard: [String: String], used: [String: String]) {
        self.name = name
        self.hard = hard
        self.used = used
    }
}

/// A node: its conditions, taints and whether it takes new pods.
public struct NodeEvidence: Equatable, Sendable {
    public var name: String
    public var conditions: [ConditionEvidence]
    public var taints: [String]
    public var unschedulable: Bool

    public init(name: String, conditions: [ConditionEvidence] = [], taints: [String] = [], unschedulable: Bool = false) {
        self.name = name
        self.conditions = conditions
        self.taints = taints
        self.unschedulable = unschedulable
    }

    public func condition(_ type: String) -> ConditionEvidence? { conditions.first { $0.type == type } }
}
