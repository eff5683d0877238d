import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// Protobuf request bodies as kubectl's typed clients encode them (field numbers from
/// k8s.io/api's generated.proto), read into the JSON a client would have sent.
@Suite struct ProtobufBodyTests {
    /// A minimal writer of the protobuf wire format, independent of the reader under test.
    enum Wire {
        static func varint(_ value: UInt64) -> [UInt8] {
            var value = value
            var bytes: [UInt8] = []
            repeat {
                var byte = UInt8(value & 0x7F)
                value >>= 7
                if value != 0 { byte |= 0x80 }
                bytes.append(byte)
            } while value != 0
            return bytes
        }

        static func bytes(_ field: Int, _ value: [UInt8]) -> [UInt8] {
            varint(UInt64(field << 3 | 2)) + varint(UInt64(value.count)) + value
        }

        static func string(_ field: Int, _ value: String) -> [UInt8] { bytes(field, Array(value.utf8)) }

        static func number(_ field: Int, _ value: UInt64) -> [UInt8] { varint(UInt64(field << 3)) + varint(value) }

        static func entry(_ field: Int, _ key: String, _ value: [UInt8]) -> [UInt8] {
            bytes(field, string(1, key) + bytes(2, value))
        }

        /// The `k8s\0` envelope around an object.
        static func envelope(apiVersion: String, kind: String, _ object: [UInt8]) -> [UInt8] {
            ProtobufBody.magic + bytes(1, string(1, apiVersion) + string(2, kind)) + bytes(2, object)
                + string(3, "") + string(4, "")
        }

        /// ObjectMeta the way Go's encoder writes it: every plain string, even empty, and a zero
        /// creation time.
        static func meta(name: String, labels: [String: String] = [:]) -> [UInt8] {
            var bytes = string(1, name) + string(2, "") + string(3, "") + string(4, "") + string(5, "") + string(6, "")
            bytes += number(7, 0) + Wire.bytes(8, [])
            for (key, value) in labels.sorted(by: { $0.key < $1.key }) { bytes += entry(11, key, Array(value.utf8)) }
            return bytes
        }
    }

    @Test func readsADeploymentAsKubectlCreateSendsIt() throws {
        let container = Wire.string(1, "hello") + Wire.string(2, "ghcr.io/acme/hello:1.0") + Wire.bytes(8, [])
            + Wire.string(13, "") + Wire.string(14, "") + Wire.number(16, 0)
        let podSpec = Wire.bytes(2, container) + Wire.string(3, "") + Wire.string(9, "") + Wire.number(11, 0)
        let template = Wire.bytes(1, Wire.meta(name: "", labels: ["app": "hello"])) + Wire.bytes(2, podSpec)
        let spec = Wire.number(1, 0) + Wire.bytes(2, Wire.entry(1, "app", Array("hello".utf8)))
            + Wire.bytes(3, template) + Wire.bytes(4, []) + Wire.number(5, 0)
        let body = Wire.envelope(
            apiVersion: "apps/v1", kind: "Deployment",
            Wire.bytes(1, Wire.meta(name: "hello", labels: ["app": "hello"])) + Wire.bytes(2, spec) + Wire.bytes(3, []))

        let object = try ProtobufBody.decode(body)
        let expected: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": "hello", "labels": ["app": "hello"]],
            "spec": [
                // replicas is optional in the Go type: a zero that was sent is kept.
                "replicas": 0, "selector": ["matchLabels": ["app": "hello"]], "strategy": [:],
                "template": [
                    "metadata": ["labels": ["app": "hello"]],
                    "spec": ["containers": [["name": "hello", "image": "ghcr.io/acme/hello:1.0", "resources": [:]]]],
                ],
            ],
        ]
        #expect(object == expected)
    }

    @Test func secretDataIsBase64AndServicePortsKeepTheirTargetPort() throws {
        let secret = Wire.envelope(
            apiVersion: "v1", kind: "Secret",
            Wire.bytes(1, Wire.meta(name: "token")) + Wire.entry(2, "key", Array("s3cr3t".utf8)) + Wire.string(3, "Opaque"))
        let decodedSecret = try ProtobufBody.decode(secret)
        #expect(decodedSecret["data"] == ["key": "czNjcjN0"])
        #expect(decodedSecret["type"] == "Opaque")

        let port = Wire.string(1, "80-8080") + Wire.string(2, "TCP") + Wire.number(3, 80)
            + Wire.bytes(4, Wire.number(1, 0) + Wire.number(2, 8080) + Wire.string(3, "")) + Wire.number(5, 0)
        let named = Wire.bytes(4, Wire.number(1, 1) + Wire.number(2, 0) + Wire.string(3, "http"))
        let service = Wire.envelope(
            apiVersion: "v1", kind: "Service",
            Wire.bytes(1, Wire.meta(name: "hello"))
                + Wire.bytes(2, Wire.bytes(1, port) + Wire.bytes(1, named) + Wire.string(4, "ClusterIP")))
        let spec = try ProtobufBody.decode(service)["spec"]
        #expect(spec?["type"] == "ClusterIP")
        #expect(spec?["ports"] == [["name": "80-8080", "protocol": "TCP", "port": 80, "targetPort": 8080], ["targetPort": "http"]])
    }

    @Test func readsAnAutoscalerAsKubectlAutoscaleSendsIt() throws {
        let target = Wire.string(1, "Deployment") + Wire.string(2, "payments") + Wire.string(3, "apps/v1")
        let spec = Wire.bytes(1, target) + Wire.number(2, 2) + Wire.number(3, 5) + Wire.number(4, 80)
        let status = Wire.number(3, 7)
        let body = Wire.envelope(
            apiVersion: "autoscaling/v1", kind: "HorizontalPodAutoscaler",
            Wire.bytes(1, Wire.meta(name: "payments")) + Wire.bytes(2, spec) + Wire.bytes(3, status))
        let object = try ProtobufBody.decode(body)
        #expect(object["spec"] == [
            "scaleTargetRef": ["kind": "Deployment", "name": "payments", "apiVersion": "apps/v1"],
            "minReplicas": 2, "maxReplicas": 5, "targetCPUUtilizationPercentage": 80,
        ])
        // The status is the server's to write.
        #expect(object["status"] == nil)
    }

    /// `kubectl create ingress`: the rule's `ingressRuleValue` message is inlined into the rule in JSON.
    @Test func anIngressRuleCarriesItsHTTPPathsInline() throws {
        let port = Wire.string(1, "") + Wire.number(2, 80)
        let backend = Wire.bytes(4, Wire.string(1, "web") + Wire.bytes(2, port))
        let path = Wire.string(1, "/cart") + Wire.bytes(2, backend) + Wire.string(3, "Exact")
        let rule = Wire.string(1, "shop.example.com") + Wire.bytes(2, Wire.bytes(1, Wire.bytes(1, path)))
        let body = Wire.envelope(apiVersion: "networking.k8s.io/v1", kind: "Ingress",
                                 Wire.bytes(1, Wire.meta(name: "web")) + Wire.bytes(2, Wire.bytes(3, rule)) + Wire.bytes(3, []))
        let object = try ProtobufBody.decode(body)
        #expect(object["spec"] == [
            "rules": [["host": "shop.example.com", "http": ["paths": [
                ["path": "/cart", "pathType": "Exact", "backend": ["service": ["name": "web", "port": ["number": 80]]]],
            ]]]],
        ])
    }

    /// `kubectl create job NAME --image=busybox -- echo hi`.
    @Test func aJobKeepsItsCommandAndRestartPolicy() throws {
        let container = Wire.string(1, "hello") + Wire.string(2, "busybox") + Wire.string(3, "echo") + Wire.string(3, "hi")
            + Wire.bytes(8, [])
        let podSpec = Wire.bytes(2, container) + Wire.string(3, "OnFailure") + Wire.bytes(14, [])
        let template = Wire.bytes(1, Wire.meta(name: "")) + Wire.bytes(2, podSpec)
        let body = Wire.envelope(apiVersion: "batch/v1", kind: "Job",
                                 Wire.bytes(1, Wire.meta(name: "hello")) + Wire.bytes(2, Wire.bytes(6, template)) + Wire.bytes(3, []))
        let object = try ProtobufBody.decode(body)
        #expect(object[path: ["spec", "template", "spec", "restartPolicy"]] == "OnFailure")
        #expect(object[path: ["spec", "template", "spec", "containers"]] == [
            ["name": "hello", "image": "busybox", "command": ["echo", "hi"], "resources": [:]],
        ])
        #expect(object[path: ["spec", "template", "spec", "securityContext"]] == [:])
    }

    @Test func refusesWhatItCannotReadFaithfully() {
        let unknownField = Wire.envelope(apiVersion: "v1", kind: "ConfigMap", Wire.bytes(1, Wire.meta(name: "c")) + Wire.string(99, "x"))
        #expect(throws: ProtobufBody.Problem.unsupported("field 99 of the protobuf ConfigMap is not simulated")) {
            try ProtobufBody.decode(unknownField)
        }
        let unknownKind = Wire.envelope(apiVersion: "policy/v1", kind: "PodDisruptionBudget", [])
        #expect(throws: ProtobufBody.Problem.self) { try ProtobufBody.decode(unknownKind) }
        let truncated = Array(Wire.envelope(apiVersion: "v1", kind: "ConfigMap", Wire.bytes(1, Wire.meta(name: "c"))).dropLast(3))
        #expect(throws: ProtobufBody.Problem.self) { try ProtobufBody.decode(truncated) }
        #expect(throws: ProtobufBody.Problem.self) { try ProtobufBody.decode(Array("{}".utf8)) }
    }

    @Test func aProtobufNamespaceIsCreated() {
        let harness = ClusterHarness()
        let body = Wire.envelope(apiVersion: "v1", kind: "Namespace", Wire.bytes(1, Wire.meta(name: "scratch")) + Wire.bytes(2, []))
        let response = harness.cluster.handle(
            APIRequest(
                method: .post, target: "/api/v1/namespaces", contentType: "application/vnd.kubernetes.protobuf",
                accept: "application/json", body: body),
            now: harness.now)
        #expect(response.code == 201)
        #expect(harness.request(.get, "/api/v1/namespaces/scratch").json[path: ["status", "phase"]] == "Active")
    }
}
