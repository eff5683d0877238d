/// One resource type the simulated API server serves: where it lives in the URL space,
/// what discovery says about it, and how errors name it.
struct ResourceKind: Hashable, Sendable, CustomStringConvertible {
    /// API group; empty for the core group.
    let group: String
    let version: String
    let kind: String
    /// The path segment and the plural name in discovery: `deployments`.
    let plural: String
    let singular: String
    let namespaced: Bool
    let shortNames: [String]
    let verbs: [String]
    let categories: [String]

    var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The group-qualified resource name used in error messages: `deployments.apps`, `pods`.
    var qualifiedName: String { group.isEmpty ? plural : "\(plural).\(group)" }

    /// The group-qualified kind used in validation errors: `Deployment.apps`, `Pod`.
    var qualifiedKind: String { group.isEmpty ? kind : "\(kind).\(group)" }

    var listKind: String { kind + "List" }

    var description: String { qualifiedName }

    // Identity is the group and the plural name; hashing only those keeps store lookups cheap.
    static func == (lhs: ResourceKind, rhs: ResourceKind) -> Bool {
        lhs.plural == rhs.plural && lhs.group == rhs.group
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(group)
        hasher.combine(plural)
    }

    static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    static let namespaces = ResourceKind(
        group: "", version: "v1", kind: "Namespace", plural: "namespaces", singular: "namespace",
        namespaced: false, shortNames: ["ns"], verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
        categories: [])
    static let pods = ResourceKind(
        group: "", version: "v1", kind: "Pod", plural: "pods", singular: "pod",
        namespaced: true, shortNames: ["po"], verbs: allVerbs, categories: ["all"])
    static let events = ResourceKind(
        group: "", version: "v1", kind: "Event", plural: "events", singular: "event",
        namespaced: true, shortNames: ["ev"], verbs: allVerbs, categories: [])
    /// The same Event objects as `events`, in the `events.k8s.io/v1` shape.
    static let eventsV1 = ResourceKind(
        group: "events.k8s.io", version: "v1", kind: "Event", plural: "events", singular: "event",
        namespaced: true, shortNames: ["ev"], verbs: ["get", "list", "watch"], categories: [])
    static let configMaps = ResourceKind(
        group: "", version: "v1", kind: "ConfigMap", plural: "configmaps", singular: "configmap",
        namespaced: true, shortNames: ["cm"], verbs: allVerbs, categories: [])
    static let secrets = ResourceKind(
        group: "", version: "v1", kind: "Secret", plural: "secrets", singular: "secret",
        namespaced: true, shortNames: [], verbs: allVerbs, categories: [])
    static let services = ResourceKind(
        group: "", version: "v1", kind: "Service", plural: "services", singular: "service",
        namespaced: true, shortNames: ["svc"], verbs: ["create", "delete", "get", "list", "patch", "update", "watch"],
        categories: ["all"])
    static let endpoints = ResourceKind(
        group: "", version: "v1", kind: "Endpoints", plural: "endpoints", singular: "endpoints",
        namespaced: true, shortNames: ["ep"], verbs: allVerbs, categories: [])
    static let endpointSlices = ResourceKind(
        group: "discovery.k8s.io", version: "v1", kind: "EndpointSlice", plural: "endpointslices",
        singular: "endpointslice", namespaced: true, shortNames: [], verbs: allVerbs, categories: [])
    static let nodes = ResourceKind(
        group: "", version: "v1", kind: "Node", plural: "nodes", singular: "node",
        namespaced: false, shortNames: ["no"], verbs: allVerbs, categories: [])
    static let persistentVolumeClaims = ResourceKind(
        group: "", version: "v1", kind: "PersistentVolumeClaim", plural: "persistentvolumeclaims",
        singular: "persistentvolumeclaim", namespaced: true, shortNames: ["pvc"], verbs: allVerbs, categories: [])
    static let resourceQuotas = ResourceKind(
        group: "", version: "v1", kind: "ResourceQuota", plural: "resourcequotas", singular: "resourcequota",
        namespaced: true, shortNames: ["quota"], verbs: allVerbs, categories: [])
    static let deployments = ResourceKind(
        group: "apps", version: "v1", kind: "Deployment", plural: "deployments", singular: "deployment",
        namespaced: true, shortNames: ["deploy"], verbs: allVerbs, categories: ["all"])
    static let replicaSets = ResourceKind(
        group: "apps", version: "v1", kind: "ReplicaSet", plural: "replicasets", singular: "replicaset",
        namespaced: true, shortNames: ["rs"], verbs: allVerbs, categories: ["all"])

    static let statefulSets = ResourceKind(
        group: "apps", version: "v1", kind: "StatefulSet", plural: "statefulsets", singular: "statefulset",
        namespaced: true, shortNames: ["sts"], verbs: allVerbs, categories: ["all"])
    static let daemonSets = ResourceKind(
        group: "apps", version: "v1", kind: "DaemonSet", plural: "daemonsets", singular: "daemonset",
        namespaced: true, shortNames: ["ds"], verbs: allVerbs, categories: ["all"])
    static let controllerRevisions = ResourceKind(
        group: "apps", version: "v1", kind: "ControllerRevision", plural: "controllerrevisions",
        singular: "controllerrevision", namespaced: true, shortNames: [], verbs: allVerbs, categories: [])
    static let limitRanges = ResourceKind(
        group: "", version: "v1", kind: "LimitRange", plural: "limitranges", singular: "limitrange",
        namespaced: true, shortNames: ["limits"], verbs: allVerbs, categories: [])

    /// HorizontalPodAutoscalers are stored in their `autoscaling/v2` form.
    static let horizontalPodAutoscalers = ResourceKind(
        group: "autoscaling", version: "v2", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers",
        singular: "horizontalpodautoscaler", namespaced: true, shortNames: ["hpa"], verbs: allVerbs, categories: ["all"])
    /// The same objects as `autoscaling/v1` (converted in both directions).
    static let horizontalPodAutoscalersV1 = ResourceKind(
        group: "autoscaling", version: "v1", kind: "HorizontalPodAutoscaler", plural: "horizontalpodautoscalers",
        singular: "horizontalpodautoscaler", namespaced: true, shortNames: ["hpa"], verbs: allVerbs, categories: ["all"])

    static let all: [ResourceKind] = [
        .namespaces, .pods, .events, .configMaps, .secrets, .services, .endpoints, .nodes, .persistentVolumeClaims,
        .resourceQuotas, .limitRanges, .deployments, .replicaSets, .statefulSets, .daemonSets, .controllerRevisions,
        .horizontalPodAutoscalers, .horizontalPodAutoscalersV1, .eventsV1, .endpointSlices,
    ] + batchAndStorage

    /// Kinds that are kept in the object store. `eventsV1` is a view of the stored core
    /// Events, `horizontalPodAutoscalersV1` of the stored v2 autoscalers.
    static let stored: [ResourceKind] = [
        .namespaces, .pods, .deployments, .replicaSets, .statefulSets, .daemonSets, .controllerRevisions, .events,
        .configMaps, .secrets, .services, .endpoints, .endpointSlices, .nodes, .persistentVolumeClaims, .resourceQuotas,
        .limitRanges, .horizontalPodAutoscalers,
    ] + batchAndStorage

    static func find(group: String, version: String, plural: String) -> ResourceKind? {
        all.first { $0.group == group && $0.version == version && $0.plural == plural }
    }

    static func find(plural: String) -> ResourceKind? {
        all.first { $0.plural == plural }
    }

    /// Whether the kind has a `/scale` subresource.
    var hasScale: Bool { self == .deployments || self == .replicaSets || self == .statefulSets }

    /// Whether the kind has a `/status` subresource.
    var hasStatus: Bool {
        [ResourceKind.namespaces, .pods, .deployments, .replicaSets, .statefulSets, .daemonSets, .services, .nodes,
         .persistentVolumeClaims, .resourceQuotas, .horizontalPodAutoscalers].contains(self)
            || Self.batchAndStorageWithStatus.contains(self)
    }
}
