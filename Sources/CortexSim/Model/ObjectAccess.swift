import CortexCore

/// Typed access to the `metadata` and a few well-known fields of an object held as JSON.
extension JSONValue {
    var name: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
    var namespace: String { self[path: ["metadata", "namespace"]]?.stringValue ?? "" }
    var uid: String { self[path: ["metadata", "uid"]]?.stringValue ?? "" }
    var resourceVersion: String? { self[path: ["metadata", "resourceVersion"]]?.stringValue }
    var generation: Int { self[path: ["metadata", "generation"]]?.intValue ?? 0 }
    var isBeingDeleted: Bool { self[path: ["metadata", "deletionTimestamp"]] != nil }

    var labels: [String: String] {
        stringMap(at: ["metadata", "labels"])
    }

    var annotations: [String: String] {
        stringMap(at: ["metadata", "annotations"])
    }

    func annotation(_ key: String) -> String? {
        self[path: ["metadata", "annotations", key]]?.stringValue
    }

    mutating func setAnnotation(_ key: String, _ value: String?) {
        self[path: ["metadata", "annotations", key]] = value.map(JSONValue.string)
        if self[path: ["metadata", "annotations"]]?.objectValue?.isEmpty == true {
            self[path: ["metadata", "annotations"]] = nil
        }
    }

    func stringMap(at path: [String]) -> [String: String] {
        guard let members = self[path: path]?.objectValue else { return [:] }
        return members.compactMapValues(\.stringValue)
    }

    /// The uid of the owner marked `controller: true`, if any.
    var controllerUID: String? {
        self[path: ["metadata", "ownerReferences"]]?.arrayValue?
            .first { $0["controller"]?.boolValue == true }?["uid"]?.stringValue
    }

    /// The `kind` of the owner marked `controller: true`, if any.
    var controllerKind: String? {
        self[path: ["metadata", "ownerReferences"]]?.arrayValue?
            .first { $0["controller"]?.boolValue == true }?["kind"]?.stringValue
    }

    /// An int field that the API leaves out when zero (`status.readyReplicas`).
    func count(_ path: [String]) -> Int {
        self[path: path]?.intValue ?? 0
    }

    /// Sets an `omitempty` int field: zero removes it.
    mutating func setCount(_ path: [String], _ value: Int) {
        if value == 0 {
            self[path: path] = nil
        } else {
            self[path: path] = .number(value)
        }
    }

    /// `spec.replicas`, defaulting to 1 as the API server does.
    var desiredReplicas: Int { self[path: ["spec", "replicas"]]?.intValue ?? 1 }

    static func stringObject(_ map: [String: String]) -> JSONValue {
        .object(map.mapValues(JSONValue.string))
    }

    /// An owner reference pointing at this object.
    func ownerReference(kind: ResourceKind) -> JSONValue {
        [
            "apiVersion": .string(kind.apiVersion), "kind": .string(kind.kind), "name": .string(name),
            "uid": .string(uid), "controller": true, "blockOwnerDeletion": true,
        ]
    }
}
