import CortexCore

/// The expected JSON shape of an object, deep enough to answer as the API server's decoder
/// does: a wrong type is 400 BadRequest, and with `fieldValidation=Strict` so is an unknown
/// field. Subtrees the simulator does not interpret are `.any`.
indirect enum ObjectShape: Sendable {
    case any
    case int
    case bool
    case string
    case intOrString
    case stringMap
    case array(ObjectShape)
    case object([String: ObjectShape])

    /// A problem found in a body.
    enum Problem: Equatable {
        case wrongType(field: String, found: String, expected: String)
        case unknownField(String)
    }

    /// Every problem, in a stable order; type errors before unknown fields.
    func problems(in value: JSONValue) -> [Problem] {
        var problems: [Problem] = []
        check(value, path: "", into: &problems)
        return problems.sorted { lhs, rhs in
            switch (lhs, rhs) {
            case (.wrongType, .unknownField): true
            case (.unknownField, .wrongType): false
            default: false
            }
        }
    }

    private func check(_ value: JSONValue, path: String, into problems: inout [Problem]) {
        if value.isNull { return }
        func wrong(_ expected: String) {
            problems.append(.wrongType(field: path, found: Self.typeName(value), expected: expected))
        }
        switch self {
        case .any: return
        case .int: if value.intValue == nil { wrong("int32") }
        case .bool: if value.boolValue == nil { wrong("bool") }
        case .string: if value.stringValue == nil { wrong("string") }
        case .intOrString: if value.intValue == nil && value.stringValue == nil { wrong("IntOrString") }
        case .stringMap:
            guard let members = value.objectValue else { return wrong("map[string]string") }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) where member.stringValue == nil && !member.isNull {
                problems.append(.wrongType(field: Self.join(path, key), found: Self.typeName(member), expected: "string"))
            }
        case .array(let element):
            guard let elements = value.arrayValue else { return wrong("array") }
            for (index, item) in elements.enumerated() {
                element.check(item, path: "\(path)[\(index)]", into: &problems)
            }
        case .object(let fields):
            guard let members = value.objectValue else { return wrong("object") }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                let field = Self.join(path, key)
                if let shape = fields[key] {
                    shape.check(member, path: field, into: &problems)
                } else {
                    problems.append(.unknownField(field))
                }
            }
        }
    }

    private static func join(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    private static func typeName(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "bool"
        case .int, .double: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    static func forKind(_ kind: ResourceKind) -> ObjectShape {
        switch kind {
        case .deployments: deployment
        case .replicaSets: replicaSet
        case .pods: pod
        case .namespaces: namespace
        case .statefulSets: statefulSet
        case .daemonSets: daemonSet
        case .horizontalPodAutoscalers: horizontalPodAutoscaler
        default: .any
        }
    }

    private static func fields(_ names: [String], _ shape: ObjectShape = .any) -> [String: ObjectShape] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, shape) })
    }

    static let metadata = ObjectShape.object(
        fields(["creationTimestamp", "deletionTimestamp", "ownerReferences", "managedFields"])
            .merging(fields(["name", "generateName", "namespace", "uid", "resourceVersion", "selfLink"], .string)) { $1 }
            .merging([
                "generation": .int, "deletionGracePeriodSeconds": .int, "labels": .stringMap, "annotations": .stringMap,
                "finalizers": .array(.string),
            ]) { $1 })

    static let container = ObjectShape.object(
        fields([
            "command", "args", "workingDir", "ports", "envFrom", "env", "resources", "resizePolicy", "restartPolicy",
            "restartPolicyRules", "volumeMounts", "volumeDevices", "livenessProbe", "readinessProbe", "startupProbe",
            "lifecycle", "terminationMessagePath", "terminationMessagePolicy", "imagePullPolicy", "securityContext",
            "stdin", "stdinOnce", "tty",
        ]).merging(["name": .string, "image": .string]) { $1 })

    static let podSpec = ObjectShape.object(
        fields([
            "volumes", "ephemeralContainers", "restartPolicy", "terminationGracePeriodSeconds", "activeDeadlineSeconds",
            "dnsPolicy", "nodeSelector", "serviceAccountName", "serviceAccount", "automountServiceAccountToken",
            "nodeName", "hostNetwork", "hostPID", "hostIPC", "shareProcessNamespace", "securityContext",
            "imagePullSecrets", "hostname", "subdomain", "affinity", "schedulerName", "tolerations", "hostAliases",
            "priorityClassName", "priority", "dnsConfig", "readinessGates", "runtimeClassName", "enableServiceLinks",
            "preemptionPolicy", "overhead", "topologySpreadConstraints", "setHostnameAsFQDN", "os", "hostUsers",
            "schedulingGates", "resourceClaims", "resources", "hostnameOverride",
        ]).merging(["containers": .array(container), "initContainers": .array(container)]) { $1 })

    static let podTemplate = ObjectShape.object(["metadata": metadata, "spec": podSpec])

    private static func topLevel(spec: ObjectShape) -> ObjectShape {
        .object(["apiVersion": .string, "kind": .string, "metadata": metadata, "spec": spec, "status": .any])
    }

    static let deployment = topLevel(
        spec: .object([
            "replicas": .int, "selector": .any, "template": podTemplate, "minReadySeconds": .int,
            "revisionHistoryLimit": .int, "paused": .bool, "progressDeadlineSeconds": .int,
            "strategy": .object([
                "type": .string,
                "rollingUpdate": .object(["maxSurge": .intOrString, "maxUnavailable": .intOrString]),
            ]),
        ]))

    static let replicaSet = topLevel(
        spec: .object(["replicas": .int, "selector": .any, "template": podTemplate, "minReadySeconds": .int]))

    static let pod = topLevel(spec: podSpec)

    static let statefulSet = topLevel(
        spec: .object([
            "replicas": .int, "selector": .any, "template": podTemplate, "serviceName": .string,
            "podManagementPolicy": .string, "revisionHistoryLimit": .int, "minReadySeconds": .int,
            "volumeClaimTemplates": .any, "persistentVolumeClaimRetentionPolicy": .any, "ordinals": .any,
            "updateStrategy": .object([
                "type": .string, "rollingUpdate": .object(["partition": .int, "maxUnavailable": .intOrString]),
            ]),
        ]))

    static let daemonSet = topLevel(
        spec: .object([
            "selector": .any, "template": podTemplate, "minReadySeconds": .int, "revisionHistoryLimit": .int,
            "updateStrategy": .object([
                "type": .string, "rollingUpdate": .object(["maxSurge": .intOrString, "maxUnavailable": .intOrString]),
            ]),
        ]))

    /// `autoscaling/v2`, as the API reference describes it.
    static let horizontalPodAutoscaler = topLevel(
        spec: .object([
            "scaleTargetRef": .object(["apiVersion": .string, "kind": .string, "name": .string]),
            "minReplicas": .int, "maxReplicas": .int, "behavior": .any,
            "metrics": .array(.object([
                "type": .string, "resource": .object(["name": .string, "target": metricTarget]),
                "containerResource": .any, "external": .any, "object": .any, "pods": .any,
            ])),
        ]))

    static let metricTarget = ObjectShape.object([
        "type": .string, "averageUtilization": .int, "averageValue": .intOrString, "value": .intOrString,
    ])

    static let namespace = topLevel(spec: .object(["finalizers": .array(.string)]))

    static let scale = topLevel(spec: .object(["replicas": .int]))
}
