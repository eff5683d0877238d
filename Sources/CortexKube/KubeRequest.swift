public import CortexCore
public import FoundationEssentials

/// One API call before it meets a server: method, path, query, body. Pure data, so tests
/// check exactly what would be sent.
public struct KubeRequest: Equatable, Sendable, CustomStringConvertible {
    public var method: HTTPMethod
    public var path: String
    public var query: [QueryItem]
    public var contentType: String?
    public var body: Data?
    /// The `Accept` header; nil asks for plain JSON. Metadata-only reads ask for
    /// `PartialObjectMetadata` (`KubeRequests.metadataOnly`).
    public var accept: String?

    /// One `name=value` pair of the query, encoded when the path is rendered.
    public struct QueryItem: Equatable, Sendable {
        public var name: String
        public var value: String
        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    public init(method: HTTPMethod, path: String, query: [QueryItem] = [], contentType: String? = nil, body: Data? = nil,
                accept: String? = nil) {
        self.accept = accept
        self.method = method
        self.path = path
        self.query = query
        self.contentType = contentType
        self.body = body
    }

    /// The path with the percent-encoded query, e.g. `/apis/apps/v1/namespaces/staging/deployments?labelSelector=app%3Dweb`.
    public var pathAndQuery: String {
        guard !query.isEmpty else { return path }
        return path + "?" + query.map { "\(Self.encode($0.name))=\(Self.encode($0.value))" }.joined(separator: "&")
    }

    public var description: String { "\(method.rawValue) \(pathAndQuery)" }

    public var bodyJSON: JSONValue? { body.flatMap { try? JSONDecoder().decode(JSONValue.self, from: $0) } }

    public var isDryRun: Bool { query.contains { $0.name == "dryRun" && $0.value == "All" } }

    /// Percent-encodes everything but RFC 3986 unreserved characters.
    static func encode(_ s: String) -> String {
        var out = ""
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = Array("0123456789ABCDEF")
                out.append("%")
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return out
    }
}

/// The content types of PATCH.
public enum PatchType: String, Sendable {
    case strategicMerge = "application/strategic-merge-patch+json"
    case merge = "application/merge-patch+json"
    case json = "application/json-patch+json"
}

/// Builds the requests cortex sends for Deployments, their scale, ReplicaSets and Pods.
/// Mutations carry `fieldManager=cortex` and, when planning, `dryRun=All`.
public struct KubeRequests: Sendable {
    public var fieldManager: String

    public init(fieldManager: String = "cortex") { self.fieldManager = fieldManager }

    static func deployments(_ ns: String) -> String { "/apis/apps/v1/namespaces/\(ns)/deployments" }

    public func getDeployment(_ ns: String, _ name: String) -> KubeRequest {
        KubeRequest(method: .get, path: "\(Self.deployments(ns))/\(name)")
    }

    public func listDeployments(_ ns: String, continue token: String? = nil) -> KubeRequest {
        var q = [KubeRequest.QueryItem("limit", "500")]
        if let token { q.append(.init("continue", token)) }
        return KubeRequest(method: .get, path: Self.deployments(ns), query: q)
    }

    public func createDeployment(_ ns: String, _ deployment: Deployment, dryRun: Bool) -> KubeRequest {
        KubeRequest(method: .post, path: Self.deployments(ns),
                    query: mutation(dryRun) + [.init("fieldValidation", "Strict")],
                    contentType: "application/json", body: Self.encode(deployment))
    }

    public func patchDeployment(_ ns: String, _ name: String, _ type: PatchType, _ patch: JSONValue, dryRun: Bool) -> KubeRequest {
        KubeRequest(method: .patch, path: "\(Self.deployments(ns))/\(name)", query: mutation(dryRun),
                    contentType: type.rawValue, body: patch.jsonData)
    }

    /// Deletes with background propagation, as `kubectl delete` does.
    public func deleteDeployment(_ ns: String, _ name: String, dryRun: Bool) -> KubeRequest {
        let body: JSONValue = ["propagationPolicy": "Background"]
        return KubeRequest(method: .delete, path: "\(Self.deployments(ns))/\(name)",
                           query: dryRun ? [.init("dryRun", "All")] : [],
                           contentType: "application/json", body: body.jsonData)
    }

    public func getScale(_ ns: String, _ name: String, kind: WorkloadKind = .deployment) -> KubeRequest {
        KubeRequest(method: .get, path: "\(Self.workloads(kind, ns))/\(name)/scale")
    }

    /// A conditional update of the scale: `scale.metadata.resourceVersion` must be current, else 409.
    public func putScale(_ ns: String, _ scale: Scale, dryRun: Bool, kind: WorkloadKind = .deployment) -> KubeRequest {
        KubeRequest(method: .put, path: "\(Self.workloads(kind, ns))/\(scale.metadata.name ?? "")/scale", query: mutation(dryRun),
                    contentType: "application/json", body: Self.encode(scale))
    }

    public func listReplicaSets(_ ns: String, selector: LabelSelector, continue token: String? = nil) -> KubeRequest {
        var q = [KubeRequest.QueryItem("labelSelector", selector.queryString)]
        if let token { q.append(.init("continue", token)) }
        return KubeRequest(method: .get, path: "/apis/apps/v1/namespaces/\(ns)/replicasets", query: q)
    }

    public func listPods(_ ns: String, selector: LabelSelector) -> KubeRequest {
        KubeRequest(method: .get, path: "/api/v1/namespaces/\(ns)/pods", query: [.init("labelSelector", selector.queryString)])
    }

    public func podLogs(_ ns: String, pod: String, container: String?, tailLines: Int) -> KubeRequest {
        var q = [KubeRequest.QueryItem("tailLines", String(tailLines))]
        if let container { q.insert(.init("container", container), at: 0) }
        return KubeRequest(method: .get, path: "/api/v1/namespaces/\(ns)/pods/\(pod)/log", query: q)
    }

    func mutation(_ dryRun: Bool) -> [KubeRequest.QueryItem] {
        var q: [KubeRequest.QueryItem] = []
        if dryRun { q.append(.init("dryRun", "All")) }
        q.append(.init("fieldManager", fieldManager))
        return q
    }

    static func encode(_ value: some Encodable) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // The models hold only strings, integers, booleans and JSON values: encoding cannot fail.
        return (try? encoder.encode(value)) ?? Data()
    }
}

/// Patch bodies for the changes cortex makes.
public enum DeploymentPatch {
    /// A strategic merge patch setting replicas and/or one container's image. Containers merge by
    /// `name`, so the container's other fields and the other containers stay as they are.
    public static func update(replicas: Int?, container: String?, image: String?) -> JSONValue {
        var spec: [String: JSONValue] = [:]
        if let replicas { spec["replicas"] = .number(replicas) }
        if let container, let image {
            spec["template"] = ["spec": ["containers": [["name": .string(container), "image": .string(image)]]]]
        }
        return ["spec": .object(spec)]
    }

    /// The strategic merge patch of `kubectl rollout restart`: a new pod-template annotation.
    public static func restart(at timestamp: String) -> JSONValue {
        ["spec": ["template": ["metadata": ["annotations": [KubeAnnotation.restartedAt: .string(timestamp)]]]]]
    }

    /// The JSON patch of `kubectl rollout undo`.
    public static func rollback(template: PodTemplate, annotations: [String: String]) -> JSONValue {
        var a: [String: JSONValue] = [:]
        for (k, v) in annotations { a[k] = .string(v) }
        return [
            ["op": "replace", "path": "/spec/template", "value": template.json],
            ["op": "replace", "path": "/metadata/annotations", "value": .object(a)],
        ]
    }
}

extension JSONValue {
    /// Compact JSON with members in key order.
    var jsonData: Data { Data(serialized()) }
}
