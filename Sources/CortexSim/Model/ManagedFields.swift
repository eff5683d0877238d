import CortexCore
import Foundation

/// Field ownership as the API server tracks it in `metadata.managedFields`: which manager
/// set which fields, by operation (`Apply` for server-side apply, `Update` for the other
/// writes), in the `FieldsV1` format (`f:` fields, `k:` list items by key, `.` for an item
/// or map owned as a whole).
///
/// The simulator knows the list types of the fields kubectl's objects use: containers,
/// volumes, env and the like are lists keyed by `name` (container ports by
/// `containerPort` and `protocol`, Service ports by `port` and `protocol`, volume mounts
/// by `mountPath`, conditions by `type`); other lists and label selectors are owned whole.
/// Status and the metadata the server sets are never owned.
enum ManagedFields {
    /// A path to an owned field: `f:spec`, `k:{"name":"web"}`, `f:image`.
    typealias Path = [String]

    /// The owned paths of an object: every leaf, and list items as a whole (`.`).
    static func fields(of object: JSONValue, markMaps: Bool = false) -> Set<Path> {
        var result = Set<Path>()
        var values: [Path: JSONValue]?
        for root in ownedRoots(of: object) {
            collect(root.value, at: root.path, field: root.field, markMaps: markMaps, into: &result, values: &values)
        }
        return result
    }

    /// The members of an object whose fields are owned, each with its path, its field name
    /// and where it sits in the object: every top-level member but the type and the status,
    /// and of the metadata only the labels and annotations.
    private static func ownedRoots(of object: JSONValue) -> [(value: JSONValue, path: Path, field: String, location: [String])] {
        var roots: [(value: JSONValue, path: Path, field: String, location: [String])] = []
        for (key, value) in object.objectValue ?? [:] {
            switch key {
            case "apiVersion", "kind", "status": continue
            case "metadata":
                for part in ["labels", "annotations"] {
                    if let map = value[part] { roots.append((map, ["f:metadata", "f:\(part)"], part, ["metadata", part])) }
                }
            default:
                roots.append((value, ["f:\(key)"], key, [key]))
            }
        }
        return roots
    }

    private static let atomicFields: Set<String> = ["selector", "matchExpressions", "matchLabels", "nodeSelectorTerms"]

    /// The key fields of the list named `field` whose items look like `sample`, or nil for
    /// a list owned whole.
    private static func keys(of field: String, sample: JSONValue) -> [String]? {
        switch field {
        case "containers", "initContainers", "ephemeralContainers", "volumes", "env", "imagePullSecrets": return ["name"]
        case "ports": return sample["containerPort"] != nil ? ["containerPort", "protocol"] : ["port", "protocol"]
        case "volumeMounts": return ["mountPath"]
        case "conditions": return ["type"]
        default: return nil
        }
    }

    /// The `k:` element of a list item: its key fields as compact JSON (`protocol`
    /// defaulted to TCP, as the server defaults it before tracking).
    static func itemKey(_ item: JSONValue, keys: [String]) -> String {
        var object: [String: JSONValue] = [:]
        for key in keys {
            object[key] = item[key] ?? (key == "protocol" ? "TCP" : nil)
        }
        return "k:" + JSONValue.object(object).serializedString()
    }

    private static func collect(
        _ value: JSONValue, at path: Path, field: String, markMaps: Bool, into result: inout Set<Path>,
        values: inout [Path: JSONValue]?
    ) {
        func leaf() {
            // The first item of a key in a list is the one `value(at:in:)` finds.
            if result.insert(path).inserted { values?[path] = value }
        }
        if atomicFields.contains(field) {
            leaf()
            return
        }
        if let object = value.objectValue, !object.isEmpty {
            if markMaps { result.insert(path + ["."]) }
            for (key, member) in object {
                collect(member, at: path + ["f:\(key)"], field: key, markMaps: markMaps, into: &result, values: &values)
            }
        } else if let items = value.arrayValue, let first = items.first, first.objectValue != nil,
            let keys = keys(of: field, sample: first)
        {
            for item in items {
                let element = path + [itemKey(item, keys: keys)]
                result.insert(element + ["."])
                for (key, member) in item.objectValue ?? [:] {
                    collect(member, at: element + ["f:\(key)"], field: key, markMaps: markMaps, into: &result, values: &values)
                }
            }
        } else {
            leaf()
        }
    }

    /// The value at an owned path, or nil when the object has none there.
    static func value(at path: Path, in object: JSONValue) -> JSONValue? {
        var current = object
        for element in path {
            if element == "." { return current }
            if element.hasPrefix("f:") {
                guard let next = current[String(element.dropFirst(2))] else { return nil }
                current = next
            } else if element.hasPrefix("k:") {
                guard let items = current.arrayValue,
                    let key = try? JSONValue(parsing: Array(element.dropFirst(2).utf8)), let fields = key.objectValue,
                    let match = items.first(where: { itemKey($0, keys: Array(fields.keys)) == element })
                else { return nil }
                current = match
            } else {
                return nil
            }
        }
        return current
    }

    /// The object without the field at `path` (a list item for a `.` path).
    static func removing(_ path: Path, from object: JSONValue) -> JSONValue {
        guard let first = path.first else { return object }
        let rest = Array(path.dropFirst())
        if first.hasPrefix("f:"), var members = object.objectValue {
            let name = String(first.dropFirst(2))
            guard let member = members[name] else { return object }
            if rest.isEmpty {
                members[name] = nil
            } else if rest == ["."] {
                members[name] = nil
            } else {
                // A list or map left empty by the removal goes too.
                let remaining = removing(rest, from: member)
                members[name] = remaining.arrayValue?.isEmpty == true || remaining.objectValue?.isEmpty == true ? nil : remaining
            }
            return .object(members)
        }
        if first.hasPrefix("k:"), let items = object.arrayValue {
            let fields = (try? JSONValue(parsing: Array(first.dropFirst(2).utf8)))?.objectValue?.keys.map { $0 } ?? []
            if rest == ["."] || rest.isEmpty { return .array(items.filter { itemKey($0, keys: fields) != first }) }
            return .array(items.map { itemKey($0, keys: fields) == first ? removing(rest, from: $0) : $0 })
        }
        return object
    }

    /// `.spec.template.spec.containers[name="web"].image`, as conflicts name fields.
    static func describe(_ path: Path) -> String {
        var text = ""
        for element in path where element != "." {
            if element.hasPrefix("f:") {
                text += "." + element.dropFirst(2)
            } else if element.hasPrefix("k:"), let key = try? JSONValue(parsing: Array(element.dropFirst(2).utf8)) {
                let parts = (key.objectValue ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.serializedString())" }
                text += "[" + parts.joined(separator: ",") + "]"
            }
        }
        return text
    }

    /// The `fieldsV1` tree of a set of paths.
    static func tree(_ paths: Set<Path>) -> JSONValue {
        var root: JSONValue = [:]
        for path in paths {
            var node = root
            insert(path[...], into: &node)
            root = node
        }
        return root
    }

    private static func insert(_ path: ArraySlice<String>, into node: inout JSONValue) {
        guard let first = path.first else { return }
        var child = node[first] ?? [:]
        insert(path.dropFirst(), into: &child)
        node[first] = child
    }

    /// The paths of a `fieldsV1` tree.
    static func paths(_ tree: JSONValue, prefix: Path = []) -> Set<Path> {
        guard let members = tree.objectValue else { return [] }
        if members.isEmpty { return prefix.isEmpty ? [] : [prefix] }
        var result = Set<Path>()
        for (key, child) in members { result.formUnion(paths(child, prefix: prefix + [key])) }
        return result
    }

    /// One `managedFields` entry.
    struct Entry {
        var manager: String
        var operation: String
        var apiVersion: String
        var time: String
        var subresource: String?
        var fields: Set<Path>

        init(manager: String, operation: String, apiVersion: String, time: String, subresource: String? = nil, fields: Set<Path>) {
            self.manager = manager
            self.operation = operation
            self.apiVersion = apiVersion
            self.time = time
            self.subresource = subresource
            self.fields = fields
        }

        init?(_ json: JSONValue) {
            guard let manager = json["manager"]?.stringValue, let operation = json["operation"]?.stringValue else { return nil }
            self.init(
                manager: manager, operation: operation, apiVersion: json["apiVersion"]?.stringValue ?? "",
                time: json["time"]?.stringValue ?? "", subresource: json["subresource"]?.stringValue,
                fields: ManagedFields.paths(json["fieldsV1"] ?? [:]))
        }

        var json: JSONValue {
            var entry: JSONValue = [
                "manager": .string(manager), "operation": .string(operation), "apiVersion": .string(apiVersion),
                "time": .string(time), "fieldsType": "FieldsV1", "fieldsV1": ManagedFields.tree(fields),
            ]
            if let subresource { entry["subresource"] = .string(subresource) }
            return entry
        }

        /// How conflict messages name the manager: `"kubectl"`, or for an update
        /// `"kubectl-create" using apps/v1`.
        var printed: String {
            operation == "Update" ? "\"\(manager)\" using \(apiVersion)" : "\"\(manager)\""
        }
    }

    static func entries(of object: JSONValue) -> [Entry] {
        (object[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap(Entry.init)
    }

    static func set(_ entries: [Entry], on object: inout JSONValue) {
        let kept = entries.filter { !$0.fields.isEmpty }
        object[path: ["metadata", "managedFields"]] = kept.isEmpty ? nil : .array(kept.map(\.json))
    }

    /// Records an `Update` by `manager`: it takes the fields whose values changed (all of
    /// them for a new object), which the other managers lose.
    static func recordUpdate(
        _ object: inout JSONValue, old: JSONValue?, manager: String, apiVersion: String, time: String
    ) {
        var entries = old.map(entries(of:)) ?? []
        let changed = old.map { changedFields(of: object, over: $0) } ?? fields(of: object, markMaps: true)
        guard !changed.isEmpty || old == nil else {
            set(entries, on: &object)
            return
        }
        for index in entries.indices where !(entries[index].manager == manager && entries[index].operation == "Update") {
            entries[index].fields.subtract(changed.filter { !$0.contains(".") })
        }
        if let index = entries.firstIndex(where: { $0.manager == manager && $0.operation == "Update" && $0.subresource == nil }) {
            entries[index].fields.formUnion(changed)
            entries[index].time = time
            entries[index].apiVersion = apiVersion
        } else {
            entries.append(Entry(manager: manager, operation: "Update", apiVersion: apiVersion, time: time, fields: changed))
        }
        set(entries, on: &object)
    }

    /// The owned paths of `object` (maps marked) that an update over `old` sets: each leaf
    /// whose value differs from the old one at its path, and each path the old object does
    /// not have. Map members equal in both are passed over, as nothing under them changed;
    /// below a member that differs, the two subtrees are walked as `fields(of:)` walks them.
    static func changedFields(of object: JSONValue, over old: JSONValue) -> Set<Path> {
        var changed = Set<Path>()
        for root in ownedRoots(of: object) {
            changes(root.value, over: old[path: root.location], at: root.path, field: root.field, root: old, into: &changed)
        }
        return changed
    }

    /// `changedFields` below `path`, where the new object has `value` and the old `previous`.
    /// Only map members are passed over when equal: their paths are theirs alone, whereas two
    /// list items with the same key share theirs.
    private static func changes(
        _ value: JSONValue, over previous: JSONValue?, at path: Path, field: String, root: JSONValue,
        into changed: inout Set<Path>
    ) {
        if value == previous { return }
        if !atomicFields.contains(field), let members = value.objectValue, !members.isEmpty,
           let before = previous?.objectValue, !before.isEmpty
        {
            // Both are maps: the map's own mark is in both.
            for (key, member) in members {
                changes(member, over: before[key], at: path + ["f:\(key)"], field: key, root: root, into: &changed)
            }
            return
        }
        var newFields = Set<Path>()
        var newValues: [Path: JSONValue]? = [:]
        collect(value, at: path, field: field, markMaps: true, into: &newFields, values: &newValues)
        var oldFields = Set<Path>()
        var oldValues: [Path: JSONValue]? = [:]
        if let previous { collect(previous, at: path, field: field, markMaps: true, into: &oldFields, values: &oldValues) }
        for found in newFields {
            // The values at each path from the walks that found the paths (`value(at:in:)`
            // only where the old object's walk did not reach the new path).
            if !oldFields.contains(found)
                || (!found.contains(".") && newValues?[found] != (oldValues?[found] ?? Self.value(at: found, in: root)))
            {
                changed.insert(found)
            }
        }
    }

    /// A failed apply: each conflicting field with the manager that owns it.
    struct Conflicts: Error {
        var list: [(entry: Entry, path: Path)]

        /// The API server's message.
        var message: String {
            if list.count == 1 {
                return "Apply failed with 1 conflict: conflict with \(list[0].entry.printed): \(describe(list[0].path))"
            }
            var lines: [String] = []
            for printed in Set(list.map(\.entry.printed)).sorted() {
                lines.append("conflicts with \(printed):")
                for conflict in list where conflict.entry.printed == printed { lines.append("- \(describe(conflict.path))") }
            }
            return "Apply failed with \(list.count) conflicts: " + lines.joined(separator: "\n")
        }
    }

    /// Server-side apply of `applied` by `manager` over `live`: the merged object with the
    /// fields the manager stopped applying removed (unless another manager owns them), and
    /// the new ownership. Fields another manager owns with a different value are conflicts,
    /// unless `force` takes them over.
    static func apply(
        _ applied: JSONValue, merged: JSONValue, live: JSONValue, manager: String, apiVersion: String, time: String,
        force: Bool
    ) throws(Conflicts) -> JSONValue {
        var entries = entries(of: live)
        let appliedFields = fields(of: applied)
        var conflicts: [(entry: Entry, path: Path)] = []
        for entry in entries where !(entry.manager == manager && entry.operation == "Apply") {
            for path in appliedFields.intersection(entry.fields).sorted(by: { $0.lexicographicallyPrecedes($1) })
            where path.last != "." && value(at: path, in: applied) != value(at: path, in: live) {
                conflicts.append((entry, path))
            }
        }
        if !conflicts.isEmpty && !force { throw Conflicts(list: conflicts) }
        var result = merged
        let mine = entries.firstIndex { $0.manager == manager && $0.operation == "Apply" }
        if let mine {
            let others = entries.enumerated().filter { $0.offset != mine }.reduce(into: Set<Path>()) { $0.formUnion($1.element.fields) }
            let dropped = entries[mine].fields.subtracting(appliedFields)
            // Whole list items first (their fields go with them; removing a key field first
            // would leave an item that no longer matches its key), then the deepest fields.
            let order = dropped.sorted { a, b in
                a.last == "." && b.last != "." || (a.last == ".") == (b.last == ".") && a.count > b.count
            }
            for path in order {
                let owned = others.contains { $0.starts(with: path.last == "." ? Array(path.dropLast()) : path) }
                if !owned { result = removing(path, from: result) }
            }
        }
        let taken = Set(conflicts.map(\.path))
        for index in entries.indices { entries[index].fields.subtract(taken) }
        if let mine {
            entries[mine].fields = appliedFields
            entries[mine].time = time
            entries[mine].apiVersion = apiVersion
        } else {
            entries.append(Entry(manager: manager, operation: "Apply", apiVersion: apiVersion, time: time, fields: appliedFields))
        }
        set(entries, on: &result)
        return result
    }
}
