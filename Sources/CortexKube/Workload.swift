public import CortexCore
import FoundationEssentials

/// A Deployment, StatefulSet or DaemonSet as the server sent it, every field kept, with
/// typed views of what the kinds share. What differs per kind is in `WorkloadTraits`
/// and in `WorkloadRollout`; code that acts on any kind goes through this type.
public struct Workload: Equatable, Sendable {
    public var kind: WorkloadKind
    public var json: JSONValue

    public init(kind: WorkloadKind, json: JSONValue) {
        self.kind = kind
        self.json = json
    }

    public var name: String { json[path: ["metadata", "name"]]?.stringValue ?? "" }
    public var uid: String? { json[path: ["metadata", "uid"]]?.stringValue }
    public var generation: Int { json[path: ["metadata", "generation"]]?.intValue ?? 0 }

    /// `spec.replicas` (the API server defaults it to 1); nil for a DaemonSet, which has none.
    public var specReplicas: Int? {
        kind == .daemonset ? nil : (json[path: ["spec", "replicas"]]?.intValue ?? 1)
    }

    /// How many pods it wants: `spec.replicas`, or for a DaemonSet the nodes it schedules on.
    public var desiredPods: Int {
        specReplicas ?? status("desiredNumberScheduled")
    }

    /// A status count, 0 when the server left it out.
    public func status(_ field: String) -> Int { json[path: ["status", field]]?.intValue ?? 0 }

    public var paused: Bool { json[path: ["spec", "paused"]]?.boolValue == true }

    public var selector: LabelSelector {
        (json[path: ["spec", "selector"]]).flatMap { try? JSONDecoder().decode(LabelSelector.self, from: $0.jsonData) }
            ?? LabelSelector(matchLabels: [:])
    }

    public var template: PodTemplate { PodTemplate(json: json[path: ["spec", "template"]] ?? [:]) }

    /// The template's containers as objects, in order.
    public var containers: [JSONValue] { json[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? [] }

    /// The container named like the workload, else the first.
    public var mainContainer: (name: String, image: String)? { KubeDispatcher.mainContainer(of: template, service: name) }

    public var mainImage: String? { mainContainer?.image }

    /// The Deployment view, for the paths only Deployments have (ReplicaSet history).
    public var deployment: Deployment? {
        guard kind == .deployment else { return nil }
        return try? Deployment(json: json)
    }

    /// `deploy`: `StatefulSet redis`.
    public var reference: String { "\(kind.apiKind) \(name)" }

    /// Replicas, image and what one replica requests, for plans and cost.
    public var state: WorkloadState {
        WorkloadState(replicas: desiredPods, image: mainImage, requests: try? PodRequests(containers: template.containerRequests))
    }
}
