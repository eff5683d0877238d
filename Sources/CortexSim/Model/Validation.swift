import CortexCore

/// The API server's validation for the kinds the simulator stores: the errors a real
/// cluster answers with 422 Invalid.
enum Validation {
    static func validate(_ kind: ResourceKind, _ object: JSONValue, old: JSONValue?) -> [FieldError] {
        var errors = metadata(kind, object)
        switch kind {
        case .deployments:
            errors += deploymentSpec(object["spec"] ?? .null)
            if let old { errors += immutableSelector(old: old, new: object) }
        case .replicaSets:
            errors += replicaSetSpec(object["spec"] ?? .null)
            if let old { errors += immutableSelector(old: old, new: object) }
        case .pods:
            errors += podSpec(object["spec"] ?? .null, path: "spec")
        case .statefulSets, .daemonSets:
            errors += replicas(object["spec"] ?? .null) + selectorAndTemplate(object["spec"] ?? .null)
            if let old { errors += immutableSelector(old: old, new: object) }
        case .horizontalPodAutoscalers:
            errors += autoscalerSpec(object["spec"] ?? .null)
        default:
            errors += MoreKindsDefaults.validate(kind, object, old: old)
        }
        return errors
    }

    private static func metadata(_ kind: ResourceKind, _ object: JSONValue) -> [FieldError] {
        let name = object.name
        if name.isEmpty { return [.required("metadata.name")] }
        let problem = kind == .namespaces ? Names.dnsLabelProblem(name) : Names.dnsSubdomainProblem(name)
        if let problem { return [.invalid("metadata.name", .string(name), problem)] }
        return []
    }

    static func deploymentSpec(_ spec: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        errors += replicas(spec)
        errors += selectorAndTemplate(spec)
        let minReady = spec["minReadySeconds"]?.intValue ?? 0
        if minReady < 0 {
            errors.append(.invalid("spec.minReadySeconds", .number(minReady), "must be greater than or equal to 0"))
        }
        if let limit = spec["revisionHistoryLimit"]?.intValue, limit < 0 {
            errors.append(.invalid("spec.revisionHistoryLimit", .number(limit), "must be greater than or equal to 0"))
        }
        if let deadline = spec["progressDeadlineSeconds"]?.intValue, deadline <= minReady {
            errors.append(.invalid("spec.progressDeadlineSeconds", .number(deadline), "must be greater than minReadySeconds"))
        }
        errors += strategy(spec["strategy"] ?? [:])
        return errors
    }

    /// The checks of `autoscaling/v2` validation that a client can get wrong.
    static func autoscalerSpec(_ spec: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        let target = spec["scaleTargetRef"] ?? .null
        if (target["kind"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.scaleTargetRef.kind")) }
        if (target["name"]?.stringValue ?? "").isEmpty { errors.append(.required("spec.scaleTargetRef.name")) }
        let minimum = spec["minReplicas"]?.intValue ?? 1
        if minimum < 1 { errors.append(.invalid("spec.minReplicas", .number(minimum), "must be greater than or equal to 1")) }
        let maximum = spec["maxReplicas"]?.intValue ?? 0
        if maximum < 1 {
            errors.append(.invalid("spec.maxReplicas", .number(maximum), "must be greater than or equal to 1"))
        } else if maximum < minimum {
            errors.append(.invalid("spec.maxReplicas", .number(maximum), "must be greater than or equal to `minReplicas`"))
        }
        for (index, metric) in (spec["metrics"]?.arrayValue ?? []).enumerated() where metric["type"]?.stringValue == "Resource" {
            if let utilization = metric[path: ["resource", "target", "averageUtilization"]]?.intValue, utilization <= 0 {
                errors.append(.invalid("spec.metrics[\(index)].resource.target.averageUtilization", .number(utilization), "must be greater than 0"))
            }
        }
        return errors
    }

    static func replicaSetSpec(_ spec: JSONValue) -> [FieldError] {
        replicas(spec) + selectorAndTemplate(spec)
    }

    private static func replicas(_ spec: JSONValue) -> [FieldError] {
        if let replicas = spec["replicas"]?.intValue, replicas < 0 {
            return [.invalid("spec.replicas", .number(replicas), "must be greater than or equal to 0")]
        }
        return []
    }

    private static func selectorAndTemplate(_ spec: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        guard let selectorObject = spec["selector"], !selectorObject.isNull else {
            errors.append(.required("spec.selector"))
            return errors + template(spec["template"], selector: nil)
        }
        guard let selector = LabelSelector(object: selectorObject) else {
            errors.append(.invalid("spec.selector", selectorObject, "invalid label selector"))
            return errors
        }
        if selector.isEmpty {
            errors.append(.invalid("spec.selector", selectorObject, "empty selector is invalid for deployment"))
        }
        return errors + template(spec["template"], selector: selector)
    }

    private static func template(_ template: JSONValue?, selector: LabelSelector?) -> [FieldError] {
        guard let template, !template.isNull else { return [.required("spec.template")] }
        var errors: [FieldError] = []
        let labels = template.stringMap(at: ["metadata", "labels"])
        if let selector, !selector.isEmpty, !selector.matches(labels) {
            errors.append(
                .invalid(
                    "spec.template.metadata.labels", .stringObject(labels), "`selector` does not match template `labels`"))
        }
        let spec = template["spec"] ?? .null
        errors += podSpec(spec, path: "spec.template.spec")
        if let policy = spec["restartPolicy"]?.stringValue, policy != "Always" {
            errors.append(.notSupported("spec.template.spec.restartPolicy", .string(policy), supported: ["Always"]))
        }
        return errors
    }

    static func podSpec(_ spec: JSONValue, path: String) -> [FieldError] {
        guard let containers = spec["containers"]?.arrayValue, !containers.isEmpty else {
            return [.required("\(path).containers")]
        }
        var errors: [FieldError] = []
        var seen: Set<String> = []
        for (index, container) in containers.enumerated() {
            let field = "\(path).containers[\(index)]"
            let name = container["name"]?.stringValue ?? ""
            if name.isEmpty {
                errors.append(.required("\(field).name"))
            } else if let problem = Names.dnsLabelProblem(name) {
                errors.append(.invalid("\(field).name", .string(name), problem))
            } else if !seen.insert(name).inserted {
                errors.append(.duplicate("\(field).name", .string(name)))
            }
            let image = container["image"]?.stringValue ?? ""
            if image.allSatisfy({ $0 == " " }) {
                errors.append(.required("\(field).image"))
            }
        }
        return errors
    }

    private static func strategy(_ strategy: JSONValue) -> [FieldError] {
        let type = strategy["type"]?.stringValue ?? "RollingUpdate"
        switch type {
        case "Recreate":
            if strategy["rollingUpdate"] != nil, strategy["rollingUpdate"]?.isNull == false {
                return [
                    .forbidden("spec.strategy.rollingUpdate", "may not be specified when strategy `type` is 'Recreate'")
                ]
            }
            return []
        case "RollingUpdate":
            let rolling = strategy["rollingUpdate"] ?? [:]
            var errors: [FieldError] = []
            for key in ["maxSurge", "maxUnavailable"] {
                if let value = rolling[key], !isIntOrPercent(value) {
                    errors.append(.invalid("spec.strategy.rollingUpdate.\(key)", value, "a valid percent string must be a numeric string followed by an ending '%'"))
                }
            }
            if let surge = rolling["maxSurge"], let unavailable = rolling["maxUnavailable"],
                numericPart(surge) == 0, numericPart(unavailable) == 0
            {
                errors.append(
                    .invalid("spec.strategy.rollingUpdate.maxUnavailable", unavailable, "may not be 0 when `maxSurge` is 0"))
            }
            return errors
        default:
            return [.notSupported("spec.strategy.type", .string(type), supported: ["Recreate", "RollingUpdate"])]
        }
    }

    /// The number in an int-or-percent value (`25` for `"25%"`).
    private static func numericPart(_ value: JSONValue) -> Int? {
        if let number = value.intValue { return number }
        guard let text = value.stringValue else { return nil }
        return Int(text.hasSuffix("%") ? String(text.dropLast()) : text)
    }

    private static func isIntOrPercent(_ value: JSONValue) -> Bool {
        if value.intValue != nil { return true }
        guard let text = value.stringValue else { return false }
        if text.hasSuffix("%") { return Int(text.dropLast()) != nil }
        return Int(text) != nil
    }

    private static func immutableSelector(old: JSONValue, new: JSONValue) -> [FieldError] {
        let before = old[path: ["spec", "selector"]]
        let after = new[path: ["spec", "selector"]]
        guard let after, before != after else { return [] }
        return [.invalid("spec.selector", after, "field is immutable")]
    }
}

/// Kubernetes name rules (RFC 1123 labels and subdomains).
enum Names {
    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    static func isDNSLabel(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63 else { return false }
        return isAlphanumeric(first) && isAlphanumeric(last) && bytes.allSatisfy { isAlphanumeric($0) || $0 == 0x2D }
    }

    static func dnsLabelProblem(_ name: String) -> String? {
        if name.utf8.count > 63 { return "must be no more than 63 characters" }
        if isDNSLabel(name) { return nil }
        return "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start "
            + "and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
    }

    static func dnsSubdomainProblem(_ name: String) -> String? {
        if name.utf8.count > 253 { return "must be no more than 253 characters" }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        if labels.allSatisfy({ !$0.isEmpty && isDNSLabel(String($0)) }) { return nil }
        return "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and "
            + "must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
            + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    }
}
