import CortexCore
import Testing

@Suite struct StrategicMergePatchTests {
    private let deployment: JSONValue = [
        "spec": [
            "replicas": 2,
            "template": [
                "metadata": ["labels": ["app": "web"]],
                "spec": [
                    "containers": [
                        ["name": "web", "image": "nginx:1.26", "ports": [["containerPort": 80, "protocol": "TCP"]]],
                        ["name": "sidecar", "image": "envoy:1.30", "args": ["--a", "--b"]],
                    ]
                ],
            ],
        ]
    ]

    private func apply(_ patch: String, to target: JSONValue? = nil) throws -> JSONValue {
        try StrategicMergePatch.apply(JSONValue(parsing: patch), to: target ?? deployment)
    }

    @Test func mergesContainersByNameAndKeepsTheirOtherFields() throws {
        let result = try apply(#"{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}}}"#)
        let containers = result[path: ["spec", "template", "spec", "containers"]]
        #expect(containers?.arrayValue?.count == 2)
        #expect(containers?.arrayValue?[0] == ["name": "web", "image": "nginx:1.27", "ports": [["containerPort": 80, "protocol": "TCP"]]])
        #expect(containers?.arrayValue?[1]["image"] == "envoy:1.30")
    }

    @Test func acceptsWhatKubectlSetImageSends() throws {
        let result = try apply(
            #"{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"sidecar"},{"name":"web"}],"containers":[{"image":"nginx:1.27","name":"web"}]}}}}"#)
        let names = result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["sidecar", "web"])
        #expect(result.serializedString().contains("$setElementOrder") == false)
    }

    @Test func appendsUnknownElementsAndDeletesWithThePatchDirective() throws {
        let result = try apply(
            #"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"},{"name":"debug","image":"busybox"}]}}}}"#)
        let names = result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(names == ["web", "debug"])
    }

    @Test func replacesListsWithoutAMergeKeyWhole() throws {
        let result = try apply(#"{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","args":["--c"]}]}}}}"#)
        #expect(result[path: ["spec", "template", "spec", "containers"]]?.arrayValue?[1]["args"] == ["--c"])
    }

    @Test func replaceDirectiveReplacesAListOrAnObject() throws {
        let list = try apply(#"{"spec":{"template":{"spec":{"containers":[{"$patch":"replace"},{"name":"only","image":"x"}]}}}}"#)
        #expect(list[path: ["spec", "template", "spec", "containers"]] == [["name": "only", "image": "x"]])
        let object = try apply(#"{"spec":{"template":{"metadata":{"$patch":"replace","labels":{"tier":"front"}}}}}"#)
        #expect(object[path: ["spec", "template", "metadata"]] == ["labels": ["tier": "front"]])
    }

    @Test func nullDeletesAndMapsMerge() throws {
        let result = try apply(#"{"spec":{"replicas":null,"template":{"metadata":{"labels":{"tier":"front"}}}}}"#)
        #expect(result[path: ["spec", "replicas"]] == nil)
        #expect(result[path: ["spec", "template", "metadata", "labels"]] == ["app": "web", "tier": "front"])
    }

    @Test func retainKeysDropsTheOthers() throws {
        let target: JSONValue = ["strategy": ["type": "RollingUpdate", "rollingUpdate": ["maxSurge": 1]]]
        let result = try apply(#"{"strategy":{"$retainKeys":["type"],"type":"Recreate"}}"#, to: target)
        #expect(result == ["strategy": ["type": "Recreate"]])
    }

    @Test func primitiveSetsMergeAndDeleteFromPrimitiveListRemoves() throws {
        let target: JSONValue = ["metadata": ["finalizers": ["a", "b"]]]
        let merged = try apply(#"{"metadata":{"finalizers":["b","c"]}}"#, to: target)
        #expect(merged == ["metadata": ["finalizers": ["a", "b", "c"]]])
        let removed = try apply(#"{"metadata":{"$deleteFromPrimitiveList/finalizers":["a"]}}"#, to: target)
        #expect(removed == ["metadata": ["finalizers": ["b"]]])
    }

    @Test func refusesElementsWithoutTheirMergeKeyAndUnknownDirectives() {
        #expect(throws: JSONPatchError.self) {
            try apply(#"{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}"#)
        }
        #expect(throws: JSONPatchError.self) { try apply(#"{"spec":{"$patch":"explode"}}"#) }
        #expect(throws: JSONPatchError.self) { try apply("[1]") }
    }
}
