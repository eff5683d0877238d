import CortexCore

/// Amounts of the resources that quotas and limit ranges speak of, in the units the API
/// server compares them in: millicores for CPU, bytes for memory and storage, plain counts
/// for objects.
enum ResourceUsage {
    /// A quantity's value for `resource` (`cpu`, `requests.cpu`, `memory`, `pods`...), or nil
    /// when it does not parse.
    static func amount(_ text: String, resource: String) -> Int? {
        isCPU(resource) ? Quantity.millicores(text) : Quantity.bytes(text)
    }

    /// The value written as the API server writes quantities: `500m`, `2`, `128Mi`, `1Gi`.
    static func format(_ amount: Int, resource: String) -> String {
        if isCPU(resource) { return amount % 1000 == 0 ? String(amount / 1000) : "\(amount)m" }
        guard isBytes(resource), amount != 0 else { return String(amount) }
        for (suffix, power) in [("Ti", 40), ("Gi", 30), ("Mi", 20), ("Ki", 10)] where amount % (1 << power) == 0 {
            return "\(amount >> power)\(suffix)"
        }
        return String(amount)
    }

    static func isCPU(_ resource: String) -> Bool { resource == "cpu" || resource.hasSuffix(".cpu") }

    static func isBytes(_ resource: String) -> Bool {
        ["memory", "storage", "ephemeral-storage"].contains { resource == $0 || resource.hasSuffix(".\($0)") }
    }

    /// A pod's effective request or limit of `resource` as quota and the scheduler count it:
    /// the larger of its containers' sum and its largest init container.
    static func pod(_ pod: JSONValue, _ section: String, _ resource: String) -> Int {
        func amount(_ container: JSONValue) -> Int {
            (container[path: ["resources", section, resource]]?.stringValue).flatMap { ResourceUsage.amount($0, resource: resource) } ?? 0
        }
        let main = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).reduce(0) { $0 + amount($1) }
        let initial = (pod[path: ["spec", "initContainers"]]?.arrayValue ?? []).map(amount).max() ?? 0
        return max(main, initial)
    }
}
