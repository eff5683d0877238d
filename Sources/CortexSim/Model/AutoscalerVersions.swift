import CortexCore

/// HorizontalPodAutoscalers are stored as `autoscaling/v2`; `autoscaling/v1` clients read
/// them converted as the API server converts them: the CPU utilisation target and current
/// value become `targetCPUUtilizationPercentage` and `currentCPUUtilizationPercentage`,
/// and what v1 cannot express goes into the `autoscaling.alpha.kubernetes.io/*` annotations
/// the server uses (left out here).
enum AutoscalerVersions {
    static func v1(_ object: JSONValue) -> JSONValue {
        let spec = object["spec"] ?? [:]
        var v1Spec: JSONValue = ["maxReplicas": spec["maxReplicas"] ?? 0]
        v1Spec["scaleTargetRef"] = spec["scaleTargetRef"]
        v1Spec["minReplicas"] = spec["minReplicas"]
        let cpu = (spec["metrics"]?.arrayValue ?? []).first {
            $0["type"]?.stringValue == "Resource" && $0[path: ["resource", "name"]]?.stringValue == "cpu"
        }
        v1Spec["targetCPUUtilizationPercentage"] = cpu?[path: ["resource", "target", "averageUtilization"]]
        let status = object["status"] ?? [:]
        var v1Status: JSONValue = ["desiredReplicas": status["desiredReplicas"] ?? 0]
        v1Status["currentReplicas"] = status["currentReplicas"]
        v1Status["lastScaleTime"] = status["lastScaleTime"]
        v1Status["observedGeneration"] = status["observedGeneration"]
        v1Status["currentCPUUtilizationPercentage"] = (status["currentMetrics"]?.arrayValue ?? []).first {
            $0["type"]?.stringValue == "Resource" && $0[path: ["resource", "name"]]?.stringValue == "cpu"
        }?[path: ["resource", "current", "averageUtilization"]]
        return [
            "apiVersion": "autoscaling/v1", "kind": "HorizontalPodAutoscaler", "metadata": object["metadata"] ?? [:],
            "spec": v1Spec, "status": v1Status,
        ]
    }
}
