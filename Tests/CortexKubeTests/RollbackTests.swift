import CortexCore
@testable import CortexKube
import Foundation
import Testing

@Suite struct RollbackTests {
    static let uid = "dep-uid"

    static func template(_ image: String, hash: String? = nil, extra: JSONValue? = nil) -> PodTemplate {
        var labels: [String: JSONValue] = ["app": "web"]
        if let hash { labels[KubeLabel.podTemplateHash] = .string(hash) }
        var container: JSONValue = ["name": "web", "image": .string(image), "env": [["name": "MODE", "value": "fast"]]]
        if let extra { container["ports"] = extra }
        return PodTemplate(json: ["metadata": ["labels": .object(labels)], "spec": ["containers": [container]]])
    }

    static func deployment(_ image: String, annotations: [String: String] = [:], paused: Bool? = nil) -> Deployment {
        var ann = ["deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}", "team": "core"]
        for (k, v) in annotations { ann[k] = v }
        return Deployment(metadata: ObjectMeta(name: "web", uid: uid, annotations: ann),
                          spec: DeploymentSpec(replicas: 2, selector: LabelSelector(matchLabels: ["app": "web"]), template: template(image), paused: paused))
    }

    static func rs(_ name: String, revision: String?, image: String, owner: String = uid, controller: Bool = true, annotations: [String: String] = [:]) -> ReplicaSet {
        var ann = annotations
        if let revision { ann[KubeAnnotation.revision] = revision }
        return ReplicaSet(metadata: ObjectMeta(name: name, annotations: ann,
                                               ownerReferences: [OwnerReference(apiVersion: "apps/v1", kind: "Deployment", name: "web", uid: owner, controller: controller)]),
                          spec: .init(replicas: 0, template: template(image, hash: name)))
    }

    let history = [
        rs("web-a", revision: "1", image: "web:1.0", annotations: ["kubernetes.io/change-cause": "first", "deployment.kubernetes.io/desired-replicas": "9"]),
        rs("web-b", revision: "2", image: "web:1.1", annotations: ["kubernetes.io/change-cause": "second"]),
        rs("web-c", revision: "3", image: "web:1.2"),
        // Not ours: another owner, or not the controller, or no revision.
        rs("other", revision: "7", image: "web:9", owner: "someone-else"),
        rs("adopted", revision: "8", image: "web:8", controller: false),
        rs("bare", revision: nil, image: "web:0"),
    ]

    @Test func previousRevisionIsTheSecondHighest() throws {
        let decision = try Rollback.plan(Self.deployment("web:1.2"), replicaSets: history, toRevision: nil)
        guard case .patch(let revision, let template, let patch) = decision else { Issue.record("expected a patch"); return }
        #expect(revision == 2)
        #expect(template.containers.map(\.image) == ["web:1.1"])
        // pod-template-hash is dropped; every other template field is copied.
        #expect(template.labels == ["app": "web"])
        #expect(template.json[path: ["spec", "containers"]]?.arrayValue?.first?["env"] != nil)
        let ops = try #require(patch.arrayValue)
        #expect(ops[0]["op"] == "replace" && ops[0]["path"] == "/spec/template" && ops[0]["value"] == template.json)
        // Annotations: the Deployment's own skip-list values, plus the ReplicaSet's others.
        #expect(ops[1]["value"] == ["deployment.kubernetes.io/revision": "3", "kubectl.kubernetes.io/last-applied-configuration": "{}",
                                    "kubernetes.io/change-cause": "second"])
    }

    @Test func toAGivenRevision() throws {
        guard case .patch(let revision, let template, let patch) = try Rollback.plan(Self.deployment("web:1.2"), replicaSets: history, toRevision: 1)
        else { Issue.record("expected a patch"); return }
        #expect(revision == 1)
        #expect(template.containers.first?.image == "web:1.0")
        // desired-replicas is on the skip list: not copied from the ReplicaSet.
        #expect(patch.arrayValue?[1]["value"]?["deployment.kubernetes.io/desired-replicas"] == nil)
        #expect(throws: RollbackError.revisionNotFound(7)) { try Rollback.plan(Self.deployment("web:1.2"), replicaSets: history, toRevision: 7) }
    }

    @Test func skipsWhenTheTemplateAlreadyMatches() throws {
        #expect(try Rollback.plan(Self.deployment("web:1.1"), replicaSets: history, toRevision: 2) == .skip(revision: 2))
    }

    @Test func refusals() {
        #expect(throws: RollbackError.paused) { try Rollback.plan(Self.deployment("web:1.2", paused: true), replicaSets: history, toRevision: nil) }
        #expect(throws: RollbackError.noHistory) { try Rollback.plan(Self.deployment("web:1.2"), replicaSets: [history[2]], toRevision: nil) }
        #expect(throws: RollbackError.invalidRevision(replicaSet: "x", value: "two")) {
            try Rollback.plan(Self.deployment("web:1.2"), replicaSets: [Self.rs("x", revision: "two", image: "a")], toRevision: nil)
        }
    }

    @Test func templateEqualityIgnoresOnlyTheHashLabel() {
        #expect(Self.template("a", hash: "h1").matchesIgnoringHash(Self.template("a")))
        #expect(!Self.template("a", extra: [["containerPort": 80]]).matchesIgnoringHash(Self.template("a")))
    }
}
