/// The `metadata` of a Kubernetes object: the fields cortex reads or sends.
public struct ObjectMeta: Codable, Equatable, Sendable {
    public var name: String?
    public var namespace: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int?
    public var creationTimestamp: String?
    public var deletionTimestamp: String?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?

    public init(
        name: String? = nil, namespace: String? = nil, uid: String? = nil, resourceVersion: String? = nil,
        generation: Int? = nil, creationTimestamp: String? = nil, labels: [String: String]? = nil,
        annotations: [String: String]? = nil, ownerReferences: [OwnerReference]? = nil
    ) {
        self.name = name
        self.namespace = namespace
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
    }
}

/// Who owns an object; `controller: true` marks the managing controller.
public struct OwnerReference: Codable, Equatable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?

    public init(apiVersion: String, kind: String, name: String, uid: String, controller: Bool? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
    }
}

/// A label selector; cortex renders `matchLabels` and `matchExpressions` into the query syntax.
public struct LabelSelector: Codable, Equatable, Sendable {
    public var matchLabels: [String: String]?
    public var matchExpressions: [Requirement]?

    /// One `matchExpressions` entry.
    public struct Requirement: Codable, Equatable, Sendable {
        public var key: String
        public var `operator`: String
        public var values: [String]?

        public init(key: String, operator: String, values: [String]? = nil) {
            self.key = key
            self.operator = `operator`
            self.values = values
        }
    }

    public init(matchLabels: [String: String]? = nil, matchExpressions: [Requirement]? = nil) {
        self.matchLabels = matchLabels
        self.matchExpressions = matchExpressions
    }

    /// The selector in `labelSelector=` syntax, as kubectl renders it: labels sorted by key,
    /// then expressions (`key in (a,b)`, `key notin (a)`, `key`, `!key`).
    public var queryString: String {
        var parts = (matchLabels ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        for r in matchExpressions ?? [] {
            let values = (r.values ?? []).sorted().joined(separator: ",")
            switch r.operator {
            case "In": parts.append("\(r.key) in (\(values))")
            case "NotIn": parts.append("\(r.key) notin (\(values))")
            case "Exists": parts.append(r.key)
            case "DoesNotExist": parts.append("!\(r.key)")
            default: parts.append("\(r.key) \(r.operator.lowercased()) (\(values))")
            }
        }
        return parts.joined(separator: ",")
    }
}

/// A list response (`DeploymentList`, `ReplicaSetList`, `PodList`). Items carry no kind.
public struct ObjectList<Item: Codable & Sendable & Equatable>: Codable, Equatable, Sendable {
    public var metadata: ListMeta?
    public var items: [Item]

    /// `metadata` of a list: where to continue a paged list.
    public struct ListMeta: Codable, Equatable, Sendable {
        public var resourceVersion: String?
        public var `continue`: String?
    }
}
