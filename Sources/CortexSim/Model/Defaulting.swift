import CortexCore

/// The defaults the API server fills in, so that what a client reads back looks like what a
/// real cluster returns (and so that templates compare equal after a round trip).
enum Defaulting {
    /// Also drops `null` members of `metadata` and `spec`, which a typed decoder reads as
    /// absent (kubectl sends `"creationTimestamp": null` inside pod templates).
    static func apply(_ kind: ResourceKind, to object: inout JSONValue) {
        for part in ["metadata", "spec"] {
            if let value = object[part] { object[part] = value.removingNullMembers() }
        }
        switch kind {
        case .deployments: deployment(&object)
        case .replicaSets: replicaSet(&object)
        case .pods:
            let workload = object.labels["app"] ?? object.name
            object[path: ["spec"]] = podSpec(FailureProfile.apply(to: object["spec"] ?? [:], workload: workload))
        case .namespaces: namespace(&object)
        case .services: ServiceDefaults.apply(to: &object)
        case .secrets: SecretData.normalize(&object)
        case .statefulSets: statefulSet(&object)
        case .daemonSets: daemonSet(&object)
        case .horizontalPodAutoscalers: horizontalPodAutoscaler(&object)
        default: MoreKindsDefaults.apply(kind, to: &object)
        }
    }

    static func statefulSet(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["replicas"] == nil { spec["replicas"] = 1 }
        if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
        if spec["podManagementPolicy"] == nil { spec["podManagementPolicy"] = "OrderedReady" }
        var strategy = spec["updateStrategy"] ?? [:]
        if strategy["type"] == nil { strategy["type"] = "RollingUpdate" }
        if strategy["type"] == "RollingUpdate", strategy[path: ["rollingUpdate", "partition"]] == nil {
            strategy[path: ["rollingUpdate", "partition"]] = 0
        }
        spec["updateStrategy"] = strategy
        if spec[path: ["persistentVolumeClaimRetentionPolicy"]] == nil {
            spec["persistentVolumeClaimRetentionPolicy"] = ["whenDeleted": "Retain", "whenScaled": "Retain"]
        }
        templateDefaults(&spec, workload: object.name)
        object["spec"] = spec
    }

    static func daemonSet(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
        var strategy = spec["updateStrategy"] ?? [:]
        if strategy["type"] == nil { strategy["type"] = "RollingUpdate" }
        if strategy["type"] == "RollingUpdate" {
            var rolling = strategy["rollingUpdate"] ?? [:]
            if rolling["maxUnavailable"] == nil { rolling["maxUnavailable"] = 1 }
            if rolling["maxSurge"] == nil { rolling["maxSurge"] = 0 }
            strategy["rollingUpdate"] = rolling
        }
        spec["updateStrategy"] = strategy
        templateDefaults(&spec, workload: object.name)
        object["spec"] = spec
    }

    /// `minReplicas` 1 and, without metrics, 80% average CPU utilisation.
    static func horizontalPodAutoscaler(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["minReplicas"] == nil { spec["minReplicas"] = 1 }
        if spec["metrics"] == nil {
            spec["metrics"] = [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 80]]]]
        }
        object["spec"] = spec
    }

    private static func templateDefaults(_ spec: inout JSONValue, workload: String) {
        if var template = spec["template"] {
            template["spec"] = podSpec(FailureProfile.apply(to: template["spec"] ?? [:], workload: workload))
            spec["template"] = template
        }
    }

    static func deployment(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["replicas"] == nil { spec["replicas"] = 1 }
        if spec["revisionHistoryLimit"] == nil { spec["revisionHistoryLimit"] = 10 }
        if spec["progressDeadlineSeconds"] == nil { spec["progressDeadlineSeconds"] = 600 }
        var strategy = spec["strategy"] ?? [:]
        if strategy["type"] == nil { strategy["type"] = "RollingUpdate" }
        if strategy["type"] == "RollingUpdate" {
            var rolling = strategy["rollingUpdate"] ?? [:]
            if rolling["maxSurge"] == nil { rolling["maxSurge"] = "25%" }
            if rolling["maxUnavailable"] == nil { rolling["maxUnavailable"] = "25%" }
            strategy["rollingUpdate"] = rolling
        }
        spec["strategy"] = strategy
        if var template = spec["template"] {
            template["spec"] = podSpec(FailureProfile.apply(to: template["spec"] ?? [:], workload: object.name))
            spec["template"] = template
        }
        object["spec"] = spec
    }

    static func replicaSet(_ object: inout JSONValue) {
        if object[path: ["spec", "replicas"]] == nil { object[path: ["spec", "replicas"]] = 1 }
        if let template = object[path: ["spec", "template"]] {
            let workload = object.labels["app"] ?? object.name
            object[path: ["spec", "template", "spec"]] = podSpec(
                FailureProfile.apply(to: template["spec"] ?? [:], workload: workload))
        }
    }

    static func namespace(_ object: inout JSONValue) {
        if object[path: ["spec", "finalizers"]] == nil { object[path: ["spec", "finalizers"]] = ["kubernetes"] }
        if object[path: ["status", "phase"]] == nil { object[path: ["status", "phase"]] = "Active" }
        object[path: ["metadata", "labels", "kubernetes.io/metadata.name"]] = .string(object.name)
    }

    static func podSpec(_ spec: JSONValue) -> JSONValue {
        var spec = spec
        let defaults: [(String, JSONValue)] = [
            ("restartPolicy", "Always"), ("terminationGracePeriodSeconds", 30), ("dnsPolicy", "ClusterFirst"),
            ("securityContext", [:]), ("schedulerName", "default-scheduler"),
        ]
        for (key, value) in defaults where spec[key] == nil {
            spec[key] = value
        }
        for list in ["containers", "initContainers"] {
            if let containers = spec[list]?.arrayValue {
                spec[list] = .array(containers.map(container))
            }
        }
        return spec
    }

    static func container(_ container: JSONValue) -> JSONValue {
        guard container.objectValue != nil else { return container }
        var container = container
        if container["terminationMessagePath"] == nil { container["terminationMessagePath"] = "/dev/termination-log" }
        if container["terminationMessagePolicy"] == nil { container["terminationMessagePolicy"] = "File" }
        if container["resources"] == nil { container["resources"] = [:] }
        if container["imagePullPolicy"] == nil, let image = container["image"]?.stringValue {
            container["imagePullPolicy"] = .string(pullPolicy(image))
        }
        if let ports = container["ports"]?.arrayValue {
            container["ports"] = .array(
                ports.map { port in
                    var port = port
                    if port.objectValue != nil, port["protocol"] == nil { port["protocol"] = "TCP" }
                    return port
                })
        }
        return container
    }

    /// `Always` for `:latest` or untagged images, `IfNotPresent` otherwise.
    static func pullPolicy(_ image: String) -> String {
        let lastComponent = image.split(separator: "/").last.map(String.init) ?? image
        if image.contains("@") { return "IfNotPresent" }
        guard let colon = lastComponent.lastIndex(of: ":") else { return "Always" }
        return lastComponent[lastComponent.index(after: colon)...] == "latest" ? "Always" : "IfNotPresent"
    }
}
