public import CortexCore

/// A Deployment read straight from the JSON the server sent (parsed once by `JSONValue`),
/// with `Decodable`'s rules: an absent or `null` optional field is nil, a required field
/// that is absent or a field of the wrong type is an error naming its path. Reading the
/// pod template this way keeps the subtree as it is instead of rebuilding it node by node,
/// which is what makes polling a rollout cheap.
extension Deployment {
    public init(json: JSONValue) throws(JSONShapeError) {
        let d = try JSONFields(json, at: [])
        apiVersion = try d.string("apiVersion")
        kind = try d.string("kind")
        metadata = try ObjectMeta(fields: d.required("metadata"))
        let spec = try d.required("spec")
        self.spec = DeploymentSpec(replicas: try spec.int("replicas"), selector: try LabelSelector(fields: spec.required("selector")),
                                   template: PodTemplate(json: try spec.requiredValue("template")), paused: try spec.bool("paused"))
        self.spec.progressDeadlineSeconds = try spec.int("progressDeadlineSeconds")
        self.spec.minReadySeconds = try spec.int("minReadySeconds")
        self.spec.revisionHistoryLimit = try spec.int("revisionHistoryLimit")
        status = try d.object("status").map { s throws(JSONShapeError) in
            DeploymentStatus(
                observedGeneration: try s.int("observedGeneration"), replicas: try s.int("replicas"),
                updatedReplicas: try s.int("updatedReplicas"), readyReplicas: try s.int("readyReplicas"),
                availableReplicas: try s.int("availableReplicas"), unavailableReplicas: try s.int("unavailableReplicas"),
                conditions: try s.objects("conditions")?.map { c throws(JSONShapeError) in
                    DeploymentCondition(type: try c.requiredString("type"), status: try c.requiredString("status"),
                                        reason: try c.string("reason"), message: try c.string("message"))
                })
        }
    }
}

extension ObjectMeta {
    init(fields m: JSONFields) throws(JSONShapeError) {
        self.init(name: try m.string("name"), namespace: try m.string("namespace"), uid: try m.string("uid"),
                  resourceVersion: try m.string("resourceVersion"), generation: try m.int("generation"),
                  creationTimestamp: try m.string("creationTimestamp"), labels: try m.strings("labels"),
                  annotations: try m.strings("annotations"),
                  ownerReferences: try m.objects("ownerReferences")?.map { r throws(JSONShapeError) in
                      OwnerReference(apiVersion: try r.requiredString("apiVersion"), kind: try r.requiredString("kind"),
                                     name: try r.requiredString("name"), uid: try r.requiredString("uid"),
                                     controller: try r.bool("controller"))
                  })
        deletionTimestamp = try m.string("deletionTimestamp")
    }
}

extension LabelSelector {
    init(fields s: JSONFields) throws(JSONShapeError) {
        self.init(matchLabels: try s.strings("matchLabels"),
                  matchExpressions: try s.objects("matchExpressions")?.map { r throws(JSONShapeError) in
                      Requirement(key: try r.requiredString("key"), operator: try r.requiredString("operator"),
                                  values: try r.array("values")?.enumerated().map { i, v throws(JSONShapeError) in
                                      guard let text = v.stringValue else { throw r.mismatch("values.\(i)", "a string") }
                                      return text
                                  })
                  })
    }
}

/// A field of a server's answer that is missing or of the wrong type, by its dotted path.
public struct JSONShapeError: Error, Equatable, Sendable, CustomStringConvertible {
    public var description: String
}

/// The fields of one JSON object, read with `Decodable`'s rules (see `Deployment.init(json:)`).
struct JSONFields {
    let object: [String: JSONValue]
    let path: [String]

    init(_ value: JSONValue, at path: [String]) throws(JSONShapeError) {
        guard let object = value.objectValue else {
            throw JSONShapeError(description: (path.isEmpty ? "" : path.joined(separator: ".") + ": ") + "expected an object")
        }
        self.object = object
        self.path = path
    }

    func mismatch(_ key: String, _ expected: String) -> JSONShapeError {
        JSONShapeError(description: (path + [key]).joined(separator: ".") + ": expected " + expected)
    }

    /// The value of `key`, nil when absent or null.
    func value(_ key: String) -> JSONValue? {
        guard let v = object[key] else { return nil }
        if case .null = v { return nil }
        return v
    }

    func requiredValue(_ key: String) throws(JSONShapeError) -> JSONValue {
        guard let v = object[key] else { throw JSONShapeError(description: (path + [key]).joined(separator: ".") + " is missing") }
        return v
    }

    func string(_ key: String) throws(JSONShapeError) -> String? {
        guard let v = value(key) else { return nil }
        guard let s = v.stringValue else { throw mismatch(key, "a string") }
        return s
    }

    func requiredString(_ key: String) throws(JSONShapeError) -> String {
        guard let s = try string(key) else { throw JSONShapeError(description: (path + [key]).joined(separator: ".") + " is missing") }
        return s
    }

    func int(_ key: String) throws(JSONShapeError) -> Int? {
        guard let v = value(key) else { return nil }
        guard let i = v.intValue else { throw mismatch(key, "an integer") }
        return i
    }

    func bool(_ key: String) throws(JSONShapeError) -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.boolValue else { throw mismatch(key, "true or false") }
        return b
    }

    func array(_ key: String) throws(JSONShapeError) -> [JSONValue]? {
        guard let v = value(key) else { return nil }
        guard let a = v.arrayValue else { throw mismatch(key, "an array") }
        return a
    }

    func object(_ key: String) throws(JSONShapeError) -> JSONFields? {
        guard let v = value(key) else { return nil }
        return try JSONFields(v, at: path + [key])
    }

    func required(_ key: String) throws(JSONShapeError) -> JSONFields {
        try JSONFields(requiredValue(key), at: path + [key])
    }

    /// An array of objects.
    func objects(_ key: String) throws(JSONShapeError) -> [JSONFields]? {
        guard let items = try array(key) else { return nil }
        var out: [JSONFields] = []
        out.reserveCapacity(items.count)
        for (i, item) in items.enumerated() { out.append(try JSONFields(item, at: path + [key, String(i)])) }
        return out
    }

    /// A map of strings (labels, annotations).
    func strings(_ key: String) throws(JSONShapeError) -> [String: String]? {
        guard let v = value(key) else { return nil }
        guard let o = v.objectValue else { throw mismatch(key, "an object") }
        var out: [String: String] = [:]
        out.reserveCapacity(o.count)
        for (k, item) in o {
            guard let s = item.stringValue else { throw mismatch(key + "." + k, "a string") }
            out[k] = s
        }
        return out
    }
}
