import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// Server-side apply and `metadata.managedFields`.
@Suite struct ManagedFieldsTests {
    static let path = "/apis/apps/v1/namespaces/staging/deployments/web"

    func apply(_ sim: ClusterHarness, _ object: JSONValue, manager: String, force: Bool = false) -> (code: Int, json: JSONValue) {
        sim.request(
            .patch, Self.path + "?fieldManager=\(manager)" + (force ? "&force=true" : ""), object,
            contentType: "application/apply-patch+yaml")
    }

    func manifest(replicas: Int? = 2, image: String = "nginx:1.27", env: Bool = true) -> JSONValue {
        var container: JSONValue = ["name": "web", "image": .string(image), "ports": [["containerPort": 8080]]]
        if env { container["env"] = [["name": "MODE", "value": "fast"]] }
        var object: JSONValue = [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web", "labels": ["app": "web"]],
            "spec": [
                "selector": ["matchLabels": ["app": "web"]],
                "template": ["metadata": ["labels": ["app": "web"]], "spec": ["containers": [container]]],
            ],
        ]
        if let replicas { object[path: ["spec", "replicas"]] = .number(replicas) }
        return object
    }

    /// Every field an update changes, found by walking both whole objects: what
    /// `changedFields(of:over:)` must find while passing over equal members.
    static func changedByFullWalk(_ object: JSONValue, over old: JSONValue) -> Set<ManagedFields.Path> {
        let newFields = ManagedFields.fields(of: object, markMaps: true)
        let oldFields = ManagedFields.fields(of: old, markMaps: true)
        return newFields.filter { !$0.contains(".") && ManagedFields.value(at: $0, in: object) != ManagedFields.value(at: $0, in: old) }
            .union(newFields.subtracting(oldFields))
    }

    @Test func theFieldsAnUpdateChangesAreThoseOfAWalkOfBothWholeObjects() {
        let base = manifest()
        var variants: [JSONValue] = [base, manifest(replicas: 5), manifest(replicas: nil), manifest(image: "nginx:1.28"),
                                     manifest(env: false)]
        var annotated = base
        annotated[path: ["metadata", "annotations"]] = ["team": "web"]
        variants.append(annotated)
        var emptyLabels = base
        emptyLabels[path: ["metadata", "labels"]] = [:]
        variants.append(emptyLabels)
        var twoContainers = base
        twoContainers[path: ["spec", "template", "spec", "containers"]] = [
            ["name": "web", "image": "nginx:1.27"], ["name": "web", "image": "nginx:1.29"], ["name": "side", "image": "busybox"],
        ]
        variants.append(twoContainers)
        var newPort = base
        newPort[path: ["spec", "template", "spec", "containers"]] = [["name": "web", "image": "nginx:1.27",
                                                                      "ports": [["containerPort": 9090, "protocol": "UDP"]]]]
        variants.append(newPort)
        var mapToLeaf = base
        mapToLeaf[path: ["spec", "template", "metadata"]] = [:]
        variants.append(mapToLeaf)
        var restarted = base
        restarted[path: ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]] = "2026-12-06T10:00:00Z"
        variants.append(restarted)
        var selector = base
        selector[path: ["spec", "selector", "matchLabels", "tier"]] = "front"
        variants.append(selector)
        var statusOnly = base
        statusOnly["status"] = ["replicas": 2]
        variants.append(statusOnly)
        for old in variants {
            for new in variants {
                #expect(ManagedFields.changedFields(of: new, over: old) == Self.changedByFullWalk(new, over: old),
                        "\(new.serializedString()) over \(old.serializedString())")
            }
        }
        #expect(ManagedFields.changedFields(of: manifest(replicas: 5), over: base) == [["f:spec", "f:replicas"]])
    }

    @Test func anApplyRecordsTheManagersFieldsInTheFieldsV1Format() throws {
        let sim = ClusterHarness()
        let created = apply(sim, manifest(), manager: "ci")
        #expect(created.code == 201)
        let entries = try #require(created.json[path: ["metadata", "managedFields"]]?.arrayValue)
        #expect(entries.count == 1)
        #expect(entries[0]["manager"] == "ci" && entries[0]["operation"] == "Apply" && entries[0]["fieldsType"] == "FieldsV1")
        let fields = try #require(entries[0]["fieldsV1"])
        #expect(fields[path: ["f:spec", "f:replicas"]] == [:])
        #expect(fields[path: ["f:spec", "f:selector"]] == [:], "a label selector is owned whole")
        let container = try #require(fields[path: ["f:spec", "f:template", "f:spec", "f:containers", #"k:{"name":"web"}"#]])
        #expect(container["."] == [:] && container["f:image"] == [:])
        #expect(container[path: ["f:ports", #"k:{"containerPort":8080,"protocol":"TCP"}"#, "f:containerPort"]] == [:])
        #expect(container[path: ["f:env", #"k:{"name":"MODE"}"#, "f:value"]] == [:])
        #expect(fields["f:status"] == nil)
    }

    @Test func anotherManagerSettingAFieldDifferentlyConflictsUnlessForced() throws {
        let sim = ClusterHarness()
        #expect(apply(sim, manifest(), manager: "ci").code == 201)
        // The same value is shared ownership, not a conflict.
        #expect(apply(sim, manifest(), manager: "ops").code == 200)
        let refused = apply(sim, manifest(replicas: 4, image: "nginx:1.28"), manager: "hotfix")
        #expect(refused.code == 409)
        #expect(refused.json["reason"] == "Conflict")
        #expect(refused.json["message"] == """
            Apply failed with 4 conflicts: conflicts with "ci":
            - .spec.replicas
            - .spec.template.spec.containers[name="web"].image
            conflicts with "ops":
            - .spec.replicas
            - .spec.template.spec.containers[name="web"].image
            """)
        let causes = refused.json[path: ["details", "causes"]]?.arrayValue ?? []
        #expect(causes.first?["reason"] == "FieldManagerConflict")
        #expect(sim.deployment("web")[path: ["spec", "replicas"]] == 2)
        let forced = apply(sim, manifest(replicas: 4, image: "nginx:1.28"), manager: "hotfix", force: true)
        #expect(forced.code == 200)
        #expect(forced.json[path: ["spec", "replicas"]] == 4)
        let entries = ManagedFields.entries(of: forced.json)
        let replicas: ManagedFields.Path = ["f:spec", "f:replicas"]
        #expect(entries.filter { $0.fields.contains(replicas) }.map(\.manager) == ["hotfix"])
        // The previous owner applying its old value now conflicts with the new owner.
        let stale = apply(sim, manifest(), manager: "ci")
        #expect(stale.json["message"]?.stringValue?.hasPrefix(#"Apply failed with 2 conflicts: conflicts with "hotfix":"#) == true)
    }

    @Test func fieldsAManagerStopsApplyingAreRemovedUnlessAnotherOwnsThem() {
        let sim = ClusterHarness()
        #expect(apply(sim, manifest(), manager: "ci").code == 201)
        let pruned = apply(sim, manifest(replicas: nil, env: false), manager: "ci")
        #expect(pruned.code == 200)
        let container = pruned.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(container?["env"] == nil)
        // Without an owner, replicas goes back to its default.
        #expect(pruned.json[path: ["spec", "replicas"]] == 1)
        // A field another manager also applies stays.
        #expect(apply(sim, manifest(), manager: "ci").code == 200)
        #expect(apply(sim, manifest(), manager: "ops").code == 200)
        let kept = apply(sim, manifest(replicas: nil, env: false), manager: "ci")
        #expect(kept.json[path: ["spec", "replicas"]] == 2)
        #expect(kept.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"] == [["name": "MODE", "value": "fast"]])
    }

    @Test func updatesAreRecordedForTheirManagerAndTakeTheFieldsTheyChange() throws {
        let sim = ClusterHarness()
        #expect(apply(sim, manifest(), manager: "ci").code == 201)
        let patched = sim.request(
            .patch, Self.path + "?fieldManager=kubectl-scale", ["spec": ["replicas": 6]], contentType: "application/merge-patch+json")
        #expect(patched.code == 200)
        let entries = ManagedFields.entries(of: patched.json)
        let update = try #require(entries.first { $0.manager == "kubectl-scale" })
        #expect(update.operation == "Update" && update.fields == [["f:spec", "f:replicas"]])
        #expect(!(entries.first { $0.manager == "ci" }?.fields.contains(["f:spec", "f:replicas"]) ?? true))
        #expect(apply(sim, manifest(), manager: "other").json["message"]
            == #"Apply failed with 1 conflict: conflict with "kubectl-scale" using apps/v1: .spec.replicas"#)
        #expect(sim.request(.patch, Self.path, manifest(), contentType: "application/apply-patch+yaml").code == 400)
    }
}
