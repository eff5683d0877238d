import CortexCore

/// The arithmetic of a rolling update, as the deployment controller does it.
enum RolloutMath {
    /// An `IntOrString` value (`3` or `"25%"`) resolved against a total. Percentages round up
    /// for surge and down for unavailability.
    static func resolve(_ value: JSONValue?, total: Int, roundUp: Bool, fallback: Int) -> Int {
        switch value {
        case .int, .double: return value?.intValue ?? fallback
        case .string(let text):
            if text.hasSuffix("%"), let percent = Double(text.dropLast()) {
                let exact = percent * Double(total) / 100
                return Int(roundUp ? exact.rounded(.up) : exact.rounded(.down))
            }
            return Int(text) ?? fallback
        default: return fallback
        }
    }

    static func isRollingUpdate(_ deployment: JSONValue) -> Bool {
        deployment[path: ["spec", "strategy", "type"]]?.stringValue != "Recreate"
    }

    /// `(maxSurge, maxUnavailable)`; both zero is not allowed, so unavailability becomes 1.
    static func fenceposts(_ deployment: JSONValue) -> (surge: Int, unavailable: Int) {
        guard isRollingUpdate(deployment) else { return (0, 0) }
        let desired = deployment.desiredReplicas
        let rolling = deployment[path: ["spec", "strategy", "rollingUpdate"]]
        let surge = resolve(rolling?["maxSurge"], total: desired, roundUp: true, fallback: Int((Double(desired) * 0.25).rounded(.up)))
        var unavailable = resolve(
            rolling?["maxUnavailable"], total: desired, roundUp: false, fallback: Int((Double(desired) * 0.25).rounded(.down)))
        if surge == 0, unavailable == 0 { unavailable = 1 }
        return (surge, unavailable)
    }

    static func maxSurge(_ deployment: JSONValue) -> Int {
        fenceposts(deployment).surge
    }

    static func maxUnavailable(_ deployment: JSONValue) -> Int {
        let desired = deployment.desiredReplicas
        guard isRollingUpdate(deployment), desired > 0 else { return 0 }
        return min(fenceposts(deployment).unavailable, desired)
    }
}
