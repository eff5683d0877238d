import CortexCore

/// What the API server fills into a new Service (core/v1 ServiceSpec defaults) and where its
/// virtual IP comes from.
enum ServiceDefaults {
    /// The simulated service CIDR, 10.96.0.0/16; `.1` is the `kubernetes` Service's on a real cluster.
    static let network = (first: UInt32(10 << 24 | 96 << 16), size: UInt32(1 << 16))

    static func apply(to object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["type"] == nil { spec["type"] = "ClusterIP" }
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        if spec["sessionAffinity"] == nil { spec["sessionAffinity"] = "None" }
        if type != "ExternalName" {
            if spec["internalTrafficPolicy"] == nil { spec["internalTrafficPolicy"] = "Cluster" }
            if spec["ipFamilies"] == nil { spec["ipFamilies"] = ["IPv4"] }
            if spec["ipFamilyPolicy"] == nil { spec["ipFamilyPolicy"] = "SingleStack" }
        }
        if let ports = spec["ports"]?.arrayValue {
            spec["ports"] = .array(
                ports.map { port in
                    guard port.objectValue != nil else { return port }
                    var port = port
                    if port["protocol"] == nil { port["protocol"] = "TCP" }
                    if port["targetPort"] == nil, let number = port["port"] { port["targetPort"] = number }
                    return port
                })
        }
        object["spec"] = spec
        if object["status"] == nil || object["status"] == [:] { object["status"] = ["loadBalancer": [:]] }
    }

    /// The lowest free address after `.1` in the service network, given those in use; nil when full.
    static func freeAddress(excluding used: Set<String>) -> String? {
        for offset in UInt32(2)..<network.size - 1 {
            let address = format(network.first + offset)
            if !used.contains(address) { return address }
        }
        return nil
    }

    static func format(_ address: UInt32) -> String {
        [24, 16, 8, 0].map { String((address >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }
}
