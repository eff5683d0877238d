/// One variable `set-env` changes in one container: what it was and what it becomes.
public struct EnvVarChange: Equatable, Sendable {
    public var name: String
    /// The value now, `from Secret db/password` for a reference, nil when not set.
    public var from: String?
    /// The new value; nil removes the variable.
    public var to: String?

    public init(name: String, from: String?, to: String?) {
        self.name = name
        self.from = from
        self.to = to
    }

    public var isNoOp: Bool { from == to }

    /// `LOG_LEVEL info → debug`, `LOG_LEVEL (unset) → debug`, `OLD_FLAG 1 → (removed)`.
    public var text: String { "\(name) \(from ?? "(unset)") → \(to ?? "(removed)")" }
}

/// What `set-env` does to one container: the changes, and the container's new `env` list
/// (order kept, new variables appended, removed ones dropped).
public struct EnvPlan: Equatable, Sendable {
    public var container: String
    public var changes: [EnvVarChange]
    public var env: [JSONValue]

    /// Whether nothing would change.
    public var isEmpty: Bool { changes.allSatisfy(\.isNoOp) }

    /// `container payments: LOG_LEVEL info → debug, OLD_FLAG 1 → (removed)`
    public var summary: String {
        "container \(container): " + changes.map(\.text).joined(separator: ", ")
    }

    /// Plans `wanted` for `container` (a container object of a pod template).
    public init(_ wanted: [String: EnvValue], container: JSONValue) {
        self.container = container["name"]?.stringValue ?? ""
        var list = container["env"]?.arrayValue ?? []
        var changes: [EnvVarChange] = []
        for name in wanted.keys.sorted() {
            let index = list.firstIndex { $0["name"]?.stringValue == name }
            let from = index.map { Self.describe(list[$0]) }
            switch wanted[name] {
            case .set(let value)?:
                changes.append(EnvVarChange(name: name, from: from, to: value))
                let entry: JSONValue = ["name": .string(name), "value": .string(value)]
                if let index { list[index] = entry } else { list.append(entry) }
            case .remove?, nil:
                changes.append(EnvVarChange(name: name, from: from, to: nil))
                if let index { list.remove(at: index) }
            }
        }
        self.changes = changes
        env = list
    }

    /// An entry's value as the plan shows it: the value, or where it comes from.
    static func describe(_ entry: JSONValue) -> String {
        if let value = entry["value"]?.stringValue { return value }
        if let ref = entry[path: ["valueFrom", "secretKeyRef"]] {
            return "from Secret \(ref["name"]?.stringValue ?? "?")/\(ref["key"]?.stringValue ?? "?")"
        }
        if let ref = entry[path: ["valueFrom", "configMapKeyRef"]] {
            return "from ConfigMap \(ref["name"]?.stringValue ?? "?")/\(ref["key"]?.stringValue ?? "?")"
        }
        if let ref = entry[path: ["valueFrom", "fieldRef", "fieldPath"]]?.stringValue { return "from field \(ref)" }
        if entry["valueFrom"] != nil { return "from a reference" }
        return ""
    }
}
