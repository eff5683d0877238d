/// Which lists a strategic merge patch merges element by element, and by which key. In the
/// Kubernetes API these are the fields tagged `patchStrategy: merge`; every other list is
/// replaced whole, like in a JSON merge patch.
///
/// Lists are recognised by their field name alone, which is exact for the workload types
/// (Deployment, ReplicaSet, Pod); a field name that means different things in two types
/// (for instance `ports` of a Service) is not told apart.
public struct StrategicMergeSchema: Sendable {
    /// Field name of a list of objects -> the member that identifies an element.
    public var mergeKeys: [String: String]
    /// Field names of lists of scalars that are merged as sets.
    public var primitiveSets: Set<String>

    public init(mergeKeys: [String: String], primitiveSets: Set<String>) {
        self.mergeKeys = mergeKeys
        self.primitiveSets = primitiveSets
    }

    /// The merge keys of apps/v1 workloads and core/v1 pods.
    public static let kubernetesWorkloads = StrategicMergeSchema(
        mergeKeys: [
            "containers": "name", "initContainers": "name", "ephemeralContainers": "name",
            "env": "name", "ports": "containerPort", "volumeMounts": "mountPath",
            "volumeDevices": "devicePath", "volumes": "name", "imagePullSecrets": "name",
            "hostAliases": "ip", "conditions": "type", "ownerReferences": "uid",
            "topologySpreadConstraints": "topologyKey", "resourceClaims": "name",
        ],
        primitiveSets: ["finalizers"])
}

/// Kubernetes strategic merge patch: a merge patch in which the lists the schema names are
/// merged by key, with the directives kubectl sends: `$patch` (`replace`, `delete`, `merge`),
/// `$retainKeys`, `$setElementOrder/<field>` and `$deleteFromPrimitiveList/<field>`.
///
/// `$setElementOrder` puts the elements it names first, in its order, followed by the
/// remaining elements in their previous order.
public enum StrategicMergePatch {
    public static func apply(
        _ patch: JSONValue, to original: JSONValue, schema: StrategicMergeSchema = .kubernetesWorkloads
    ) throws(JSONPatchError) -> JSONValue {
        guard case .object(let patchMembers) = patch else {
            throw .malformed("a strategic merge patch must be a JSON object")
        }
        let merger = Merger(schema: schema)
        return try merger.mergeObject(original.objectValue ?? [:], patchMembers) ?? .object([:])
    }
}

private struct Merger {
    let schema: StrategicMergeSchema

    static let patchDirective = "$patch"
    static let retainKeysDirective = "$retainKeys"
    static let orderPrefix = "$setElementOrder/"
    static let deletePrefix = "$deleteFromPrimitiveList/"

    /// The merged object, or nil when the patch deletes it.
    func mergeObject(
        _ original: [String: JSONValue], _ patch: [String: JSONValue]
    ) throws(JSONPatchError) -> JSONValue? {
        switch patch[Self.patchDirective]?.stringValue {
        case "replace": return Self.strippingDirectives(.object(patch))
        case "delete": return nil
        case nil, "merge": break
        case let other?: throw .malformed("unknown patch directive \"\(other)\"")
        }
        var result = original
        for (key, value) in patch where !key.hasPrefix("$") {
            if value.isNull {
                result[key] = nil
                continue
            }
            switch value {
            case .object(let members):
                if case .object(let existing)? = result[key] {
                    result[key] = try mergeObject(existing, members)
                } else if members[Self.patchDirective]?.stringValue == "delete" {
                    result[key] = nil
                } else {
                    result[key] = Self.strippingDirectives(value)
                }
            case .array(let elements):
                result[key] = try mergeList(field: key, original: result[key]?.arrayValue, patch: elements)
            default:
                result[key] = value
            }
        }
        for (key, value) in patch where key.hasPrefix(Self.deletePrefix) {
            let field = String(key.dropFirst(Self.deletePrefix.count))
            guard let removed = value.arrayValue else { throw .malformed("\(key) must be a list") }
            if let current = result[field]?.arrayValue {
                result[field] = .array(current.filter { !removed.contains($0) })
            }
        }
        for (key, value) in patch where key.hasPrefix(Self.orderPrefix) {
            let field = String(key.dropFirst(Self.orderPrefix.count))
            guard let order = value.arrayValue else { throw .malformed("\(key) must be a list") }
            if let current = result[field]?.arrayValue {
                result[field] = .array(reorder(current, by: order, mergeKey: schema.mergeKeys[field]))
            }
        }
        if let retained = patch[Self.retainKeysDirective] {
            guard let names = retained.arrayValue?.compactMap(\.stringValue) else {
                throw .malformed("$retainKeys must be a list of field names")
            }
            let keep = Set(names)
            result = result.filter { keep.contains($0.key) }
        }
        return .object(result)
    }

    private func mergeList(field: String, original: [JSONValue]?, patch: [JSONValue]) throws(JSONPatchError) -> JSONValue {
        if let mergeKey = schema.mergeKeys[field] {
            return try mergeKeyedList(original ?? [], patch, mergeKey: mergeKey, field: field)
        }
        if schema.primitiveSets.contains(field) {
            var result = original ?? []
            for element in patch where !result.contains(element) {
                result.append(element)
            }
            return .array(result)
        }
        return Self.strippingDirectives(.array(patch))
    }

    private func mergeKeyedList(
        _ original: [JSONValue], _ patch: [JSONValue], mergeKey: String, field: String
    ) throws(JSONPatchError) -> JSONValue {
        if patch.contains(where: { $0[Self.patchDirective]?.stringValue == "replace" }) {
            let kept = patch.filter { $0[Self.patchDirective]?.stringValue != "replace" }
            return Self.strippingDirectives(.array(kept))
        }
        var result = original
        for element in patch {
            guard case .object(let members) = element, let key = members[mergeKey] else {
                throw .malformed("an element of \(field) does not contain its merge key \"\(mergeKey)\"")
            }
            let position = result.firstIndex { $0[mergeKey] == key }
            if members[Self.patchDirective]?.stringValue == "delete" {
                result.removeAll { $0[mergeKey] == key }
                continue
            }
            if let position {
                if let merged = try mergeObject(result[position].objectValue ?? [:], members) {
                    result[position] = merged
                } else {
                    result.remove(at: position)
                }
            } else {
                result.append(Self.strippingDirectives(element))
            }
        }
        return .array(result)
    }

    private func reorder(_ elements: [JSONValue], by order: [JSONValue], mergeKey: String?) -> [JSONValue] {
        func identity(_ element: JSONValue) -> JSONValue {
            if let mergeKey { return element[mergeKey] ?? element }
            return element
        }
        let wanted = order.map(identity)
        var ordered: [JSONValue] = []
        for key in wanted {
            ordered.append(contentsOf: elements.filter { identity($0) == key })
        }
        let rest = elements.filter { !wanted.contains(identity($0)) }
        return ordered + rest
    }

    static func strippingDirectives(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members where !isDirective(key) {
                result[key] = strippingDirectives(member)
            }
            return .object(result)
        case .array(let elements):
            return .array(elements.map(strippingDirectives))
        default:
            return value
        }
    }

    static func isDirective(_ key: String) -> Bool {
        key == patchDirective || key == retainKeysDirective || key.hasPrefix(orderPrefix) || key.hasPrefix(deletePrefix)
    }
}
