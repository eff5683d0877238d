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

    /// A v1 object (a create, update or patched body) in the stored v2 form.
    static func v2(fromV1 object: JSONValue) -> JSONValue {
        let spec = object["spec"] ?? [:]
        var v2Spec: JSONValue = ["maxReplicas": spec["maxReplicas"] ?? 0]
        v2Spec["scaleTargetRef"] = spec["scaleTargetRef"]
        v2Spec["minReplicas"] = spec["minReplicas"]
        if let cpu = spec["targetCPUUtilizationPercentage"] {
            v2Spec["metrics"] = [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": cpu]]]]
        }
        var converted: JSONValue = ["apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "spec": v2Spec]
        converted["metadata"] = object["metadata"]
        return converted
    }

    /// Whether `target` addresses autoscalers in their v1 form.
    static func isV1(_ target: APIRoute.ResourceTarget) -> Bool {
        target.kind == .horizontalPodAutoscalers && target.kind.version == "v1"
    }

    /// The same request target, in the stored v2 form.
    static func stored(_ target: APIRoute.ResourceTarget) -> APIRoute.ResourceTarget {
        APIRoute.ResourceTarget(kind: .horizontalPodAutoscalers, namespace: target.namespace, name: target.name, subresource: target.subresource)
    }

    /// A response's body in the v1 form.
    static func v1(_ response: APIResponse, value: JSONValue, code: Int) -> APIResponse {
        .json(v1(value), code: code)
    }
}
