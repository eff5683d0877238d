import CortexCore
import Foundation

/// Reads request bodies in Kubernetes' protobuf encoding (`application/vnd.kubernetes.protobuf`),
/// which kubectl's typed clients send for `kubectl create deployment|namespace|configmap|secret|service`
/// and `kubectl auth can-i`, `kubectl autoscale` and `kubectl create job|cronjob|ingress`.
///
/// The body is the four magic bytes `k8s\0` followed by a `runtime.Unknown` message whose
/// `typeMeta` names the kind and whose `raw` field holds the object. The object is turned into
/// the JSON a client would have sent, using the field numbers of the `generated.proto` files
/// of k8s.io/api and k8s.io/apimachinery for the kinds and fields listed in `Schema`. A field
/// outside those is refused with 415 rather than dropped, so nothing a client sent is lost
/// silently.
enum ProtobufBody {
    static let magic: [UInt8] = [0x6B, 0x38, 0x73, 0x00]

    /// A failure to read the body, as the message of a 400 or 415 answer.
    enum Problem: Error, Equatable {
        case malformed(String)
        case unsupported(String)
    }

    /// The object in a protobuf body, as JSON with `apiVersion` and `kind`.
    static func decode(_ bytes: [UInt8]) throws(Problem) -> JSONValue {
        guard bytes.starts(with: magic) else { throw .malformed("the body does not start with the protobuf magic k8s\\0") }
        var apiVersion = "", kind = ""
        var raw: [UInt8] = []
        var reader = WireReader(bytes: bytes[magic.count...])
        while let (number, value) = try reader.next() {
            switch (number, value) {
            case (1, .bytes(let typeMeta)):
                var inner = WireReader(bytes: typeMeta)
                while let (field, part) = try inner.next() {
                    if field == 1, case .bytes(let text) = part { apiVersion = String(decoding: text, as: UTF8.self) }
                    if field == 2, case .bytes(let text) = part { kind = String(decoding: text, as: UTF8.self) }
                }
            case (2, .bytes(let object)): raw = Array(object)
            case (3, .bytes(let encoding)) where !encoding.isEmpty:
                throw .unsupported("the content encoding \(String(decoding: encoding, as: UTF8.self)) is not simulated")
            default: continue
            }
        }
        guard let schema = Schema.top(apiVersion: apiVersion, kind: kind) else {
            throw .unsupported("protobuf bodies of kind \(kind) (\(apiVersion)) are not simulated")
        }
        guard case .object(var object) = try message(raw[...], schema) else { throw .malformed("not an object") }
        object["apiVersion"] = .string(apiVersion)
        object["kind"] = .string(kind)
        return .object(object)
    }

    // MARK: Schemas

    /// The message types read, each with its fields by number.
    enum Schema: String {
        case deployment, deploymentSpec, deploymentStrategy, rollingUpdateDeployment
        case namespace, namespaceSpec, configMap, secret, service, serviceSpec, servicePort
        case objectMeta, ownerReference, labelSelector, labelSelectorRequirement
        case podTemplateSpec, podSpec, container, containerPort, envVar, resourceRequirements
        case selfSubjectAccessReview, selfSubjectAccessReviewSpec, resourceAttributes, nonResourceAttributes
        case horizontalPodAutoscaler, horizontalPodAutoscalerSpec, crossVersionObjectReference
        case job, jobSpec, cronJob, cronJobSpec, jobTemplateSpec
        case ingress, ingressSpec, ingressRule, ingressRuleValue, httpIngressRuleValue, httpIngressPath, ingressBackend
        case ingressServiceBackend, serviceBackendPort, ingressTLS, typedLocalObjectReference, podSecurityContext

        /// The Go type's name: `PodSpec`.
        var typeName: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

        static func top(apiVersion: String, kind: String) -> Schema? {
            switch (apiVersion, kind) {
            case ("apps/v1", "Deployment"): .deployment
            case ("v1", "Namespace"): .namespace
            case ("v1", "ConfigMap"): .configMap
            case ("v1", "Secret"): .secret
            case ("v1", "Service"): .service
            case ("authorization.k8s.io/v1", "SelfSubjectAccessReview"): .selfSubjectAccessReview
            case ("autoscaling/v1", "HorizontalPodAutoscaler"): .horizontalPodAutoscaler
            case ("batch/v1", "Job"): .job
            case ("batch/v1", "CronJob"): .cronJob
            case ("networking.k8s.io/v1", "Ingress"): .ingress
            default: nil
            }
        }

        var fields: [Int: Field] {
            switch self {
            case .deployment: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.deploymentSpec)), 3: .init("status", .ignored)]
            case .deploymentSpec:
                [1: .init("replicas", .int, keepZero: true), 2: .init("selector", .message(.labelSelector)),
                 3: .init("template", .message(.podTemplateSpec)), 4: .init("strategy", .message(.deploymentStrategy)),
                 5: .init("minReadySeconds", .int), 6: .init("revisionHistoryLimit", .int, keepZero: true),
                 7: .init("paused", .bool), 9: .init("progressDeadlineSeconds", .int, keepZero: true)]
            case .deploymentStrategy: [1: .init("type", .string), 2: .init("rollingUpdate", .message(.rollingUpdateDeployment))]
            case .rollingUpdateDeployment: [1: .init("maxUnavailable", .intOrString), 2: .init("maxSurge", .intOrString)]
            case .namespace: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.namespaceSpec)), 3: .init("status", .ignored)]
            case .namespaceSpec: [1: .init("finalizers", .string, repeated: true)]
            case .configMap:
                [1: .init("metadata", .message(.objectMeta)), 2: .init("data", .stringMap), 3: .init("binaryData", .bytesMap),
                 4: .init("immutable", .bool, keepZero: true)]
            case .secret:
                [1: .init("metadata", .message(.objectMeta)), 2: .init("data", .bytesMap), 3: .init("type", .string),
                 4: .init("stringData", .stringMap), 5: .init("immutable", .bool, keepZero: true)]
            case .service: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.serviceSpec)), 3: .init("status", .ignored)]
            case .serviceSpec:
                [1: .init("ports", .message(.servicePort), repeated: true), 2: .init("selector", .stringMap),
                 3: .init("clusterIP", .string), 4: .init("type", .string), 5: .init("externalIPs", .string, repeated: true),
                 7: .init("sessionAffinity", .string), 8: .init("loadBalancerIP", .string), 10: .init("externalName", .string),
                 11: .init("externalTrafficPolicy", .string), 12: .init("healthCheckNodePort", .int),
                 13: .init("publishNotReadyAddresses", .bool),
                 17: .init("ipFamilyPolicy", .string), 18: .init("clusterIPs", .string, repeated: true),
                 19: .init("ipFamilies", .string, repeated: true), 22: .init("internalTrafficPolicy", .string)]
            case .servicePort:
                [1: .init("name", .string), 2: .init("protocol", .string), 3: .init("port", .int),
                 4: .init("targetPort", .intOrString), 5: .init("nodePort", .int), 6: .init("appProtocol", .string)]
            case .objectMeta:
                [1: .init("name", .string), 2: .init("generateName", .string), 3: .init("namespace", .string),
                 4: .init("selfLink", .string), 5: .init("uid", .string), 6: .init("resourceVersion", .string),
                 7: .init("generation", .int), 8: .init("creationTimestamp", .time), 9: .init("deletionTimestamp", .time),
                 10: .init("deletionGracePeriodSeconds", .int, keepZero: true), 11: .init("labels", .stringMap),
                 12: .init("annotations", .stringMap), 13: .init("ownerReferences", .message(.ownerReference), repeated: true),
                 14: .init("finalizers", .string, repeated: true)]
            case .ownerReference:
                [1: .init("kind", .string), 3: .init("name", .string), 4: .init("uid", .string), 5: .init("apiVersion", .string),
                 6: .init("controller", .bool, keepZero: true), 7: .init("blockOwnerDeletion", .bool, keepZero: true)]
            case .labelSelector:
                [1: .init("matchLabels", .stringMap), 2: .init("matchExpressions", .message(.labelSelectorRequirement), repeated: true)]
            case .labelSelectorRequirement:
                [1: .init("key", .string), 2: .init("operator", .string), 3: .init("values", .string, repeated: true)]
            case .podTemplateSpec: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.podSpec))]
            case .podSpec:
                [2: .init("containers", .message(.container), repeated: true), 3: .init("restartPolicy", .string),
                 4: .init("terminationGracePeriodSeconds", .int, keepZero: true), 6: .init("dnsPolicy", .string),
                 7: .init("nodeSelector", .stringMap), 8: .init("serviceAccountName", .string),
                 9: .init("serviceAccount", .string), 10: .init("nodeName", .string), 11: .init("hostNetwork", .bool),
                 12: .init("hostPID", .bool), 13: .init("hostIPC", .bool), 16: .init("hostname", .string),
                 17: .init("subdomain", .string), 19: .init("schedulerName", .string),
                 20: .init("initContainers", .message(.container), repeated: true), 24: .init("priorityClassName", .string),
                 14: .init("securityContext", .message(.podSecurityContext))]
            case .container:
                [1: .init("name", .string), 2: .init("image", .string), 3: .init("command", .string, repeated: true),
                 4: .init("args", .string, repeated: true), 5: .init("workingDir", .string),
                 6: .init("ports", .message(.containerPort), repeated: true), 7: .init("env", .message(.envVar), repeated: true),
                 8: .init("resources", .message(.resourceRequirements)), 13: .init("terminationMessagePath", .string),
                 14: .init("imagePullPolicy", .string), 16: .init("stdin", .bool), 17: .init("stdinOnce", .bool),
                 18: .init("tty", .bool), 20: .init("terminationMessagePolicy", .string)]
            case .containerPort:
                [1: .init("name", .string), 2: .init("hostPort", .int), 3: .init("containerPort", .int),
                 4: .init("protocol", .string), 5: .init("hostIP", .string)]
            case .envVar: [1: .init("name", .string), 2: .init("value", .string)]
            case .resourceRequirements: [1: .init("limits", .quantityMap), 2: .init("requests", .quantityMap)]
            case .selfSubjectAccessReview:
                [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.selfSubjectAccessReviewSpec)),
                 3: .init("status", .ignored)]
            case .selfSubjectAccessReviewSpec:
                [1: .init("resourceAttributes", .message(.resourceAttributes)),
                 2: .init("nonResourceAttributes", .message(.nonResourceAttributes))]
            case .resourceAttributes:
                [1: .init("namespace", .string), 2: .init("verb", .string), 3: .init("group", .string),
                 4: .init("version", .string), 5: .init("resource", .string), 6: .init("subresource", .string),
                 7: .init("name", .string)]
            case .nonResourceAttributes: [1: .init("path", .string), 2: .init("verb", .string)]
            case .horizontalPodAutoscaler:
                [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.horizontalPodAutoscalerSpec)),
                 3: .init("status", .ignored)]
            case .horizontalPodAutoscalerSpec:
                [1: .init("scaleTargetRef", .message(.crossVersionObjectReference)), 2: .init("minReplicas", .int, keepZero: true),
                 3: .init("maxReplicas", .int), 4: .init("targetCPUUtilizationPercentage", .int, keepZero: true)]
            case .crossVersionObjectReference:
                [1: .init("kind", .string), 2: .init("name", .string), 3: .init("apiVersion", .string)]
            case .job: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.jobSpec)), 3: .init("status", .ignored)]
            case .jobSpec:
                [1: .init("parallelism", .int, keepZero: true), 2: .init("completions", .int, keepZero: true),
                 3: .init("activeDeadlineSeconds", .int, keepZero: true), 4: .init("selector", .message(.labelSelector)),
                 5: .init("manualSelector", .bool, keepZero: true), 6: .init("template", .message(.podTemplateSpec)),
                 7: .init("backoffLimit", .int, keepZero: true), 8: .init("ttlSecondsAfterFinished", .int, keepZero: true),
                 9: .init("completionMode", .string), 10: .init("suspend", .bool, keepZero: true),
                 14: .init("podReplacementPolicy", .string), 15: .init("managedBy", .string)]
            case .cronJob: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.cronJobSpec)), 3: .init("status", .ignored)]
            case .cronJobSpec:
                [1: .init("schedule", .string), 2: .init("startingDeadlineSeconds", .int, keepZero: true),
                 3: .init("concurrencyPolicy", .string), 4: .init("suspend", .bool, keepZero: true),
                 5: .init("jobTemplate", .message(.jobTemplateSpec)), 6: .init("successfulJobsHistoryLimit", .int, keepZero: true),
                 7: .init("failedJobsHistoryLimit", .int, keepZero: true), 8: .init("timeZone", .string)]
            case .jobTemplateSpec: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.jobSpec))]
            case .ingress: [1: .init("metadata", .message(.objectMeta)), 2: .init("spec", .message(.ingressSpec)), 3: .init("status", .ignored)]
            case .ingressSpec:
                [1: .init("defaultBackend", .message(.ingressBackend)), 2: .init("tls", .message(.ingressTLS), repeated: true),
                 3: .init("rules", .message(.ingressRule), repeated: true), 4: .init("ingressClassName", .string)]
            // `ingressRuleValue` is inlined in JSON: its `http` is a member of the rule itself.
            case .ingressRule: [1: .init("host", .string), 2: .init("ingressRuleValue", .inline(.ingressRuleValue))]
            case .ingressRuleValue: [1: .init("http", .message(.httpIngressRuleValue))]
            case .httpIngressRuleValue: [1: .init("paths", .message(.httpIngressPath), repeated: true)]
            case .httpIngressPath:
                [1: .init("path", .string), 2: .init("backend", .message(.ingressBackend)), 3: .init("pathType", .string)]
            case .ingressBackend:
                [3: .init("resource", .message(.typedLocalObjectReference)), 4: .init("service", .message(.ingressServiceBackend))]
            case .ingressServiceBackend: [1: .init("name", .string), 2: .init("port", .message(.serviceBackendPort))]
            case .serviceBackendPort: [1: .init("name", .string), 2: .init("number", .int)]
            case .ingressTLS: [1: .init("hosts", .string, repeated: true), 2: .init("secretName", .string)]
            case .podSecurityContext:
                [2: .init("runAsUser", .int, keepZero: true), 3: .init("runAsNonRoot", .bool, keepZero: true),
                 5: .init("fsGroup", .int, keepZero: true), 6: .init("runAsGroup", .int, keepZero: true)]
            case .typedLocalObjectReference: [1: .init("apiGroup", .string), 2: .init("kind", .string), 3: .init("name", .string)]
            }
        }
    }

    enum FieldType {
        case string, int, bool, time, intOrString, stringMap, bytesMap, quantityMap
        case message(Schema)
        /// A message whose fields JSON writes into the enclosing object (`json:",inline"`).
        case inline(Schema)
        /// Read and dropped: a status the server sets itself.
        case ignored
    }

    struct Field {
        var name: String
        var type: FieldType
        var repeated = false
        /// Optional (pointer) fields keep a zero value; plain fields are always written by the
        /// encoder, so their zero means "not set" and is left out as JSON's `omitempty` would.
        var keepZero = false

        init(_ name: String, _ type: FieldType, repeated: Bool = false, keepZero: Bool = false) {
            self.name = name
            self.type = type
            self.repeated = repeated
            self.keepZero = keepZero
        }
    }

    // MARK: Decoding

    private static func message(_ bytes: ArraySlice<UInt8>, _ schema: Schema) throws(Problem) -> JSONValue {
        let fields = schema.fields
        var object: [String: JSONValue] = [:]
        var reader = WireReader(bytes: bytes)
        while let (number, wire) = try reader.next() {
            guard let field = fields[number] else {
                throw .unsupported("field \(number) of the protobuf \(schema.typeName) is not simulated")
            }
            guard let value = try value(wire, field) else { continue }
            switch field.type {
            case .inline:
                object.merge(value.objectValue ?? [:]) { _, new in new }
            case .stringMap, .bytesMap, .quantityMap:
                guard case .object(let entry) = value else { continue }
                var map = object[field.name]?.objectValue ?? [:]
                map.merge(entry) { _, new in new }
                object[field.name] = .object(map)
            default:
                if field.repeated {
                    object[field.name] = .array((object[field.name]?.arrayValue ?? []) + [value])
                } else {
                    object[field.name] = value
                }
            }
        }
        return .object(object)
    }

    /// One field's JSON value, or nil when it is left out.
    private static func value(_ wire: WireValue, _ field: Field) throws(Problem) -> JSONValue? {
        switch (field.type, wire) {
        case (.ignored, _): return nil
        case (.string, .bytes(let bytes)):
            let text = String(decoding: bytes, as: UTF8.self)
            return text.isEmpty && !field.repeated ? nil : .string(text)
        case (.int, .varint(let number)):
            let value = Int64(bitPattern: number)
            return value == 0 && !field.keepZero ? nil : .int(value)
        case (.bool, .varint(let number)):
            return number == 0 && !field.keepZero ? nil : .bool(number != 0)
        case (.message(let schema), .bytes(let bytes)), (.inline(let schema), .bytes(let bytes)):
            return try message(bytes, schema)
        case (.time, .bytes(let bytes)):
            var reader = WireReader(bytes: bytes)
            var seconds: Int64 = 0
            while let (number, part) = try reader.next() {
                if number == 1, case .varint(let value) = part { seconds = Int64(bitPattern: value) }
            }
            // The zero time is what an unset timestamp encodes to; JSON says null and it is left out.
            guard seconds != 0 else { return nil }
            return .string(Timestamp.format(Date(timeIntervalSince1970: Double(seconds))))
        case (.intOrString, .bytes(let bytes)):
            var reader = WireReader(bytes: bytes)
            var type: UInt64 = 0, number: Int64 = 0, text = ""
            while let (index, part) = try reader.next() {
                switch (index, part) {
                case (1, .varint(let value)): type = value
                case (2, .varint(let value)): number = Int64(Int32(truncatingIfNeeded: value))
                case (3, .bytes(let value)): text = String(decoding: value, as: UTF8.self)
                default: continue
                }
            }
            return type == 1 ? .string(text) : .int(number)
        case (.stringMap, .bytes(let bytes)), (.bytesMap, .bytes(let bytes)), (.quantityMap, .bytes(let bytes)):
            var reader = WireReader(bytes: bytes)
            var key = ""
            var entry: JSONValue = .string("")
            while let (index, part) = try reader.next() {
                guard case .bytes(let data) = part else { throw .malformed("a map entry of \(field.name) is not length-delimited") }
                if index == 1 { key = String(decoding: data, as: UTF8.self); continue }
                switch field.type {
                case .bytesMap: entry = .string(Data(data).base64EncodedString())
                case .quantityMap:
                    var quantity = WireReader(bytes: data)
                    while let (number, value) = try quantity.next() {
                        if number == 1, case .bytes(let text) = value { entry = .string(String(decoding: text, as: UTF8.self)) }
                    }
                default: entry = .string(String(decoding: data, as: UTF8.self))
                }
            }
            return .object([key: entry])
        default:
            throw .malformed("field \(field.name) has the wrong wire type")
        }
    }

    enum WireValue {
        case varint(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed
    }

    /// Reads `(field number, value)` pairs of the protobuf wire format.
    struct WireReader {
        var bytes: ArraySlice<UInt8>

        mutating func next() throws(Problem) -> (Int, WireValue)? {
            guard !bytes.isEmpty else { return nil }
            let key = try varint()
            let number = Int(key >> 3)
            switch key & 7 {
            case 0: return (number, .varint(try varint()))
            case 1: try skip(8); return (number, .fixed)
            case 5: try skip(4); return (number, .fixed)
            case 2:
                let length = Int(try varint())
                guard length >= 0, length <= bytes.count else { throw .malformed("a length runs past the end of the body") }
                let value = bytes.prefix(length)
                bytes = bytes.dropFirst(length)
                return (number, .bytes(value))
            default: throw .malformed("unknown protobuf wire type \(key & 7)")
            }
        }

        private mutating func skip(_ count: Int) throws(Problem) {
            guard bytes.count >= count else { throw .malformed("the body ends inside a field") }
            bytes = bytes.dropFirst(count)
        }

        private mutating func varint() throws(Problem) -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let byte = bytes.popFirst() {
                guard shift < 64 else { break }
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            throw .malformed("a varint runs past the end of the body")
        }
    }
}
