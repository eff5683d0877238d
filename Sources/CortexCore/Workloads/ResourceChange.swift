/// One quantity `set-resources` changes: `memory limit 512Mi → 1Gi`.
public struct ResourceChange: Equatable, Sendable {
    /// `cpu` or `memory`.
    public var resource: String
    public var scope: ResourceScope
    public var from: String?
    public var to: String

    public init(resource: String, scope: ResourceScope, from: String?, to: String) {
        self.resource = resource
        self.scope = scope
        self.from = from
        self.to = to
    }

    /// `memory limit 512Mi → 1Gi`, `cpu request (none) → 250m`.
    public var text: String {
        "\(resource) \(scope == .limits ? "limit" : "request") \(from ?? "(none)") → \(to)"
    }
}

/// The bounds a namespace's LimitRanges put on one container (`type: Container` entries).
public struct ContainerLimitBounds: Equatable, Sendable {
    /// The LimitRange that sets the bound, with the bound.
    public struct Bound: Equatable, Sendable {
        public var limitRange: String
        public var quantity: String
    }

    public var max: [String: Bound] = [:]
    public var min: [String: Bound] = [:]

    public init() {}

    /// The bounds of every `type: Container` entry of `limitRanges` (core/v1 LimitRange objects).
    public init(limitRanges: [JSONValue]) {
        for range in limitRanges {
            let name = range[path: ["metadata", "name"]]?.stringValue ?? "?"
            for entry in range[path: ["spec", "limits"]]?.arrayValue ?? [] where entry["type"]?.stringValue == "Container" {
                for (key, value) in entry["max"]?.objectValue ?? [:] {
                    if let q = value.stringValue { max[key] = Bound(limitRange: name, quantity: q) }
                }
                for (key, value) in entry["min"]?.objectValue ?? [:] {
                    if let q = value.stringValue { min[key] = Bound(limitRange: name, quantity: q) }
                }
            }
        }
    }
}

/// What `set-resources` does to one container: the changes, its new `resources`, and what
/// it requests afterwards. Built only when the result is valid: limits not below requests,
/// every quantity well-formed, and within the namespace's LimitRange bounds.
public struct ResourcePlan: Equatable, Sendable {
    public var container: String
    public var changes: [ResourceChange]
    /// The container's `resources` after the change.
    public var resources: JSONValue
    /// Its requests before and after, for the cost estimate.
    public var requestsBefore: ContainerRequests
    public var requestsAfter: ContainerRequests

    public var isEmpty: Bool { changes.allSatisfy { $0.from == $0.to } }

    /// `container cart: memory limit 512Mi → 1Gi`
    public var summary: String { "container \(container): " + changes.map(\.text).joined(separator: ", ") }

    /// - Parameters:
    ///   - cpu, memory: canonical quantities from the operation.
    ///   - scope: requests, limits, or nil for both.
    ///   - container: a container object of the pod template.
    ///   - bounds: the namespace's bounds; `namespace` names it in errors.
    public init(cpu: String?, memory: String?, scope: ResourceScope?, container: JSONValue,
                bounds: ContainerLimitBounds = ContainerLimitBounds(), namespace: String) throws(CortexError) {
        let name = container["name"]?.stringValue ?? ""
        self.container = name
        var resources = container["resources"] ?? [:]
        if resources.objectValue == nil { resources = [:] }
        let scopes: [ResourceScope] = scope.map { [$0] } ?? [.requests, .limits]
        var changes: [ResourceChange] = []
        for (resource, wanted) in [("cpu", cpu), ("memory", memory)] {
            guard let wanted else { continue }
            _ = try Self.quantity(wanted, resource, "new", name)
            for s in scopes {
                let from = resources[path: [s.rawValue, resource]]?.stringValue
                changes.append(ResourceChange(resource: resource, scope: s, from: from, to: wanted))
                resources[path: [s.rawValue, resource]] = .string(wanted)
            }
        }
        self.changes = changes
        self.resources = resources
        let before = container["resources"] ?? [:]
        requestsBefore = ContainerRequests(name: name, cpu: before[path: ["requests", "cpu"]]?.stringValue,
                                           memory: before[path: ["requests", "memory"]]?.stringValue)
        // With only a limit set, the API server defaults the request to the limit.
        func request(_ resource: String) -> String? {
            resources[path: ["requests", resource]]?.stringValue ?? resources[path: ["limits", resource]]?.stringValue
        }
        requestsAfter = ContainerRequests(name: name, cpu: request("cpu"), memory: request("memory"))
        try Self.check(resources, container: name, bounds: bounds, namespace: namespace)
    }

    /// Limits not below requests, and both within the LimitRange bounds.
    static func check(_ resources: JSONValue, container: String, bounds: ContainerLimitBounds, namespace: String) throws(CortexError) {
        for resource in ["cpu", "memory"] {
            let requestText = resources[path: ["requests", resource]]?.stringValue
            let limitText = resources[path: ["limits", resource]]?.stringValue
            let request = try requestText.map { text throws(CortexError) in try quantity(text, resource, "request", container) }
            let limit = try limitText.map { text throws(CortexError) in try quantity(text, resource, "limit", container) }
            if let request, let limit, let requestText, let limitText, limit < request {
                throw .usage("the \(resource) limit \(limitText) of container \(container) would be below its request \(requestText)",
                             hint: "a limit must be at least the request: lower the request too, or set both (no scope)")
            }
            if let bound = bounds.max[resource], let highest = try? quantity(bound.quantity, resource, "maximum", container),
               let (text, value) = limit.map({ (limitText ?? "", $0) }) ?? request.map({ (requestText ?? "", $0) }), value > highest {
                throw .usage("the \(resource) \(limit != nil ? "limit" : "request") \(text) of container \(container) is above the maximum \(bound.quantity) that LimitRange \(bound.limitRange) allows per container in namespace \(namespace)",
                             hint: "stay at or below \(bound.quantity), or ask whoever owns the namespace to raise the LimitRange")
            }
            if let bound = bounds.min[resource], let lowest = try? quantity(bound.quantity, resource, "minimum", container),
               let request, let requestText, request < lowest {
                throw .usage("the \(resource) request \(requestText) of container \(container) is below the minimum \(bound.quantity) that LimitRange \(bound.limitRange) sets per container in namespace \(namespace)",
                             hint: "ask for at least \(bound.quantity)")
            }
        }
    }

    /// A quantity in millicores (cpu) or bytes (memory); an error naming it when malformed.
    static func quantity(_ text: String, _ resource: String, _ role: String, _ container: String) throws(CortexError) -> Int64 {
        guard let q = ResourceQuantity.parse(text), let value = resource == "cpu" ? q.millis : q.units, value >= 0 else {
            throw .usage("the \(role) \(resource) quantity `\(text)` of container \(container) is malformed",
                         hint: resource == "cpu" ? "write CPU as 250m, 0.5 or 2" : "write memory as 512Mi or 2Gi")
        }
        return value
    }
}
