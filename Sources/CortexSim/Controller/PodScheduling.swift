import CortexCore

/// The simulated nodes, all alike: what each can hold, and the scheduler's verdict on a pod.
enum SimulatedNodes {
    static let names = ["sim-node-1", "sim-node-2", "sim-node-3"]
    static let cpuCapacity = "4"
    static let cpuAllocatable = "3920m"
    static let memoryCapacity = "16369256Ki"
    static let memoryAllocatable = "16266856Ki"
    static let podCapacity = "110"
}

/// Whether a pod fits on the simulated nodes, judged from its requests as the scheduler's
/// `NodeResourcesFit` filter does (the effective request is the larger of the sum of the
/// containers' and the largest init container's).
enum PodScheduling {
    /// The scheduler's `FailedScheduling` message, or nil when the pod fits.
    static func unschedulableMessage(_ pod: JSONValue) -> String? {
        guard pod[path: ["spec", "nodeName"]]?.stringValue?.isEmpty ?? true else { return nil }
        let spec = pod["spec"] ?? [:]
        var reasons: [String] = []
        let count = SimulatedNodes.names.count
        if request(spec, "cpu", Quantity.millicores) > (Quantity.millicores(SimulatedNodes.cpuAllocatable) ?? 0) {
            reasons.append("\(count) Insufficient cpu")
        }
        if request(spec, "memory", Quantity.bytes) > (Quantity.bytes(SimulatedNodes.memoryAllocatable) ?? 0) {
            reasons.append("\(count) Insufficient memory")
        }
        guard !reasons.isEmpty else { return nil }
        return "0/\(count) nodes are available: \(reasons.joined(separator: ", ")). preemption: 0/\(count) nodes are "
            + "available: \(count) No preemption victims found for incoming pod."
    }

    private static func request(_ spec: JSONValue, _ resource: String, _ parse: (String) -> Int?) -> Int {
        func amount(_ container: JSONValue) -> Int {
            (container[path: ["resources", "requests", resource]]?.stringValue).flatMap(parse) ?? 0
        }
        let main = (spec["containers"]?.arrayValue ?? []).reduce(0) { $0 + amount($1) }
        let initial = (spec["initContainers"]?.arrayValue ?? []).map(amount).max() ?? 0
        return max(main, initial)
    }
}

/// Which ConfigMaps and Secrets exist, by namespace and name.
struct ObjectLookup {
    var configMapExists: (String, String) -> Bool
    var secretExists: (String, String) -> Bool

    /// Every reference resolves.
    static var everything: ObjectLookup { ObjectLookup(configMapExists: { _, _ in true }, secretExists: { _, _ in true }) }
}
