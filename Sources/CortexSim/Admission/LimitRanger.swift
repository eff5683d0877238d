import CortexCore

/// The LimitRanger admission plugin: the `Container` limits of the namespace's LimitRanges
/// give a new pod's containers their missing requests and limits (`defaultRequest`,
/// `default`), then bound them (`min`, `max`) and the pod as a whole (`Pod` limits).
///
/// Containers of `unschedulable` failure images are left alone: their request beyond any
/// node (`FailureProfile`) is the failure the simulator was asked to show, and a bound
/// refusing it would show a different one.
struct LimitRanger {
    /// Whether LimitRanger looks at the container.
    static func governs(_ container: JSONValue) -> Bool {
        ImageBehavior(image: container["image"]?.stringValue ?? "") != .unschedulable
    }

    let store: ObjectStore

    /// The API server's defaults of a LimitRange's `Container` entries: the default limit is
    /// the maximum, the default request the default limit, else the minimum.
    static func applyDefaults(toLimitRange object: inout JSONValue) {
        guard var items = object[path: ["spec", "limits"]]?.arrayValue else { return }
        for index in items.indices where items[index]["type"]?.stringValue == "Container" {
            var item = items[index]
            var defaults = item["default"]?.objectValue ?? [:]
            for (resource, value) in item["max"]?.objectValue ?? [:] where defaults[resource] == nil { defaults[resource] = value }
            var requests = item["defaultRequest"]?.objectValue ?? [:]
            for (resource, value) in defaults where requests[resource] == nil { requests[resource] = value }
            for (resource, value) in item["min"]?.objectValue ?? [:] where requests[resource] == nil { requests[resource] = value }
            if !defaults.isEmpty { item["default"] = .object(defaults) }
            if !requests.isEmpty { item["defaultRequest"] = .object(requests) }
            items[index] = item
        }
        object[path: ["spec", "limits"]] = .array(items)
    }

    private func limits(_ namespace: String, type: String) -> [JSONValue] {
        store.list(.limitRanges, namespace: namespace).flatMap { range in
            (range.value[path: ["spec", "limits"]]?.arrayValue ?? []).filter { ($0["type"]?.stringValue ?? "") == type }
        }
    }

    /// Fills in the defaults of the namespace's `Container` limits where a container sets
    /// nothing. A request defaults to the container's own limit before the range's default
    /// request, as the API server's defaulting does.
    func applyDefaults(to pod: inout JSONValue) {
        let ranges = limits(pod.namespace, type: "Container")
        guard !ranges.isEmpty else { return }
        for list in ["containers", "initContainers"] {
            guard var containers = pod[path: ["spec", list]]?.arrayValue else { continue }
            for index in containers.indices where Self.governs(containers[index]) {
                var resources = containers[index]["resources"] ?? [:]
                // The pod's own defaulting first: a limit without a request is also the request.
                for (resource, limit) in resources["limits"]?.objectValue ?? [:] where resources[path: ["requests", resource]] == nil {
                    resources[path: ["requests", resource]] = limit
                }
                for range in ranges {
                    for (resource, value) in range["default"]?.objectValue ?? [:] where resources[path: ["limits", resource]] == nil {
                        resources[path: ["limits", resource]] = value
                    }
                    for (resource, value) in range["defaultRequest"]?.objectValue ?? [:]
                    where resources[path: ["requests", resource]] == nil {
                        resources[path: ["requests", resource]] = value
                    }
                }
                containers[index]["resources"] = resources
            }
            pod[path: ["spec", list]] = .array(containers)
        }
    }

    /// The violations of the namespace's bounds, in LimitRanger's words; empty when the pod
    /// is within them.
    func violations(_ pod: JSONValue) -> [String] {
        var problems: [String] = []
        for range in limits(pod.namespace, type: "Container") {
            for list in ["initContainers", "containers"] {
                for container in pod[path: ["spec", list]]?.arrayValue ?? [] where Self.governs(container) {
                    let requests = container[path: ["resources", "requests"]]?.objectValue ?? [:]
                    let limits = container[path: ["resources", "limits"]]?.objectValue ?? [:]
                    problems += bounds(range, type: "Container", requests: requests, limits: limits)
                }
            }
        }
        let governed = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).allSatisfy(Self.governs)
        for range in governed ? limits(pod.namespace, type: "Pod") : [] {
            var requests: [String: JSONValue] = [:]
            var limits: [String: JSONValue] = [:]
            for resource in Set((range["min"]?.objectValue ?? [:]).keys).union((range["max"]?.objectValue ?? [:]).keys) {
                let request = ResourceUsage.pod(pod, "requests", resource)
                let limit = ResourceUsage.pod(pod, "limits", resource)
                if request > 0 { requests[resource] = .string(ResourceUsage.format(request, resource: resource)) }
                if limit > 0 { limits[resource] = .string(ResourceUsage.format(limit, resource: resource)) }
            }
            problems += bounds(range, type: "Pod", requests: requests, limits: limits)
        }
        return problems
    }

    private func bounds(_ range: JSONValue, type: String, requests: [String: JSONValue], limits: [String: JSONValue]) -> [String] {
        var problems: [String] = []
        for (resource, bound) in (range["min"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let text = bound.stringValue, let minimum = ResourceUsage.amount(text, resource: resource) else { continue }
            guard let request = requests[resource]?.stringValue else {
                problems.append("minimum \(resource) usage per \(type) is \(text).  No request is specified")
                continue
            }
            if let value = ResourceUsage.amount(request, resource: resource), value < minimum {
                problems.append("minimum \(resource) usage per \(type) is \(text), but request is \(request)")
            } else if let limit = limits[resource]?.stringValue, let value = ResourceUsage.amount(limit, resource: resource),
                value < minimum
            {
                problems.append("minimum \(resource) usage per \(type) is \(text), but limit is \(limit)")
            }
        }
        for (resource, bound) in (range["max"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let text = bound.stringValue, let maximum = ResourceUsage.amount(text, resource: resource) else { continue }
            guard let limit = limits[resource]?.stringValue else {
                problems.append("maximum \(resource) usage per \(type) is \(text).  No limit is specified")
                continue
            }
            if let value = ResourceUsage.amount(limit, resource: resource), value > maximum {
                problems.append("maximum \(resource) usage per \(type) is \(text), but limit is \(limit)")
            } else if let request = requests[resource]?.stringValue, let value = ResourceUsage.amount(request, resource: resource),
                value > maximum
            {
                problems.append("maximum \(resource) usage per \(type) is \(text), but request is \(request)")
            }
        }
        return problems
    }
}
