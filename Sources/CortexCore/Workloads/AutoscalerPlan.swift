/// The range an autoscaler keeps a workload in: `2…10 replicas at 70% cpu`.
public struct AutoscalerRange: Equatable, Sendable {
    public var min: Int
    public var max: Int
    /// The average CPU utilisation to hold, percent of the requests; nil when it holds none.
    public var cpuPercent: Int?

    public init(min: Int, max: Int, cpuPercent: Int?) {
        self.min = min
        self.max = max
        self.cpuPercent = cpuPercent
    }

    /// kubectl autoscale's target when none is named.
    public static let defaultCPUPercent = 80

    public var text: String {
        "\(min)…\(max) replicas" + (cpuPercent.map { " at \($0)% cpu" } ?? "")
    }

    /// The range of an `autoscaling/v2` (or v1) HorizontalPodAutoscaler object.
    public init?(hpa: JSONValue) {
        guard let max = hpa[path: ["spec", "maxReplicas"]]?.intValue else { return nil }
        self.max = max
        min = hpa[path: ["spec", "minReplicas"]]?.intValue ?? 1
        if let v1 = hpa[path: ["spec", "targetCPUUtilizationPercentage"]]?.intValue {
            cpuPercent = v1
        } else {
            cpuPercent = (hpa[path: ["spec", "metrics"]]?.arrayValue ?? []).first {
                $0["type"]?.stringValue == "Resource" && $0[path: ["resource", "name"]]?.stringValue == "cpu"
            }?[path: ["resource", "target", "averageUtilization"]]?.intValue
        }
    }

    /// The range `autoscale` asks for: what the operation names, the rest from the autoscaler
    /// there is (or the defaults: min 1, 80% cpu). Min above max is an error.
    public static func wanted(_ operation: Operation, current: AutoscalerRange?) throws(CortexError) -> AutoscalerRange {
        let max = operation.max ?? current?.max ?? 1
        let min = operation.min ?? current.map { Swift.min($0.min, max) } ?? 1
        guard min <= max else {
            throw .usage("the autoscaler's minimum \(min) would be above its maximum \(max)", hint: "name both: autoscale \(operation.service ?? "it") between 2 and \(Swift.max(2, max))")
        }
        return AutoscalerRange(min: min, max: max, cpuPercent: operation.cpuPercent ?? current?.cpuPercent ?? defaultCPUPercent)
    }
}

/// HorizontalPodAutoscaler objects as `autoscaling/v2` writes them: named like the workload,
/// scaling it on average CPU utilisation.
public enum AutoscalerObject {
    /// A complete object for creating, or as the body of a merge patch.
    public static func make(name: String, targetKind: WorkloadKind, range: AutoscalerRange) -> JSONValue {
        var spec: JSONValue = [
            "scaleTargetRef": ["apiVersion": "apps/v1", "kind": .string(targetKind.apiKind), "name": .string(name)],
            "minReplicas": .number(range.min), "maxReplicas": .number(range.max),
        ]
        if let cpu = range.cpuPercent {
            spec["metrics"] = [[
                "type": "Resource",
                "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": .number(cpu)]],
            ]]
        }
        return [
            "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
            "metadata": ["name": .string(name), "labels": ["app.kubernetes.io/managed-by": "cortex"]],
            "spec": spec,
        ]
    }

    /// Whether `hpa` scales the workload `name` of `kind`.
    public static func targets(_ hpa: JSONValue, kind: WorkloadKind, name: String) -> Bool {
        hpa[path: ["spec", "scaleTargetRef", "kind"]]?.stringValue == kind.apiKind
            && hpa[path: ["spec", "scaleTargetRef", "name"]]?.stringValue == name
    }
}

/// What an autoscaler costs a month at the ends of its range, from what one replica requests.
public struct AutoscalerCost: Equatable, Sendable {
    public var atMin: MonthlyCostChange
    public var atMax: MonthlyCostChange

    public init(model: ClusterCostModel, pod: PodRequests, current: Int, range: AutoscalerRange) {
        atMin = model.change(from: current, to: range.min, pod: pod)
        atMax = model.change(from: current, to: range.max, pod: pod)
    }

    /// `$32.86 a month at 2 replicas, up to $164.30 at 10 (now $49.29 with 3)`.
    public var summary: String {
        let lower = atMin.isLowerBound ? "at least " : ""
        return "\(lower)\(atMin.after) a month at \(atMin.toReplicas) replicas, up to \(atMax.after) at \(atMax.toReplicas) (now \(atMin.before) with \(atMin.fromReplicas))"
    }
}
