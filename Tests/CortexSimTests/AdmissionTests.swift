import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// LimitRange and ResourceQuota admission: defaults, bounds, quota refusals with the API
/// server's messages, `status.used`, and a controller's refused creations.
@Suite struct AdmissionTests {
    static let namespace = "team"

    func harness() -> ClusterHarness {
        let sim = ClusterHarness()
        let created = sim.request(.post, "/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(Self.namespace)]])
        #expect(created.code == 201)
        return sim
    }

    func pod(_ name: String, resources: JSONValue = [:], image: String = "nginx:1.27") -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name)],
            "spec": ["containers": [["name": "app", "image": .string(image), "resources": resources]]],
        ]
    }

    @discardableResult
    func post(_ sim: ClusterHarness, _ plural: String, _ body: JSONValue) -> (code: Int, json: JSONValue) {
        sim.request(.post, "/api/v1/namespaces/\(Self.namespace)/\(plural)", body)
    }

    func limitRange(_ limits: JSONValue) -> JSONValue {
        ["apiVersion": "v1", "kind": "LimitRange", "metadata": ["name": "limits"], "spec": ["limits": [limits]]]
    }

    func quota(_ hard: JSONValue) -> JSONValue {
        ["apiVersion": "v1", "kind": "ResourceQuota", "metadata": ["name": "q"], "spec": ["hard": hard]]
    }

    @Test func aLimitRangeGivesContainersItsDefaultsAndTheMaximumAsDefaultLimit() {
        let sim = harness()
        let range = post(sim, "limitranges", limitRange(["type": "Container", "max": ["cpu": "1"], "defaultRequest": ["memory": "64Mi"]]))
        #expect(range.code == 201)
        // The API server's defaults of the LimitRange itself.
        #expect(range.json[path: ["spec", "limits"]]?.arrayValue?.first?["default"] == ["cpu": "1"])
        #expect(range.json[path: ["spec", "limits"]]?.arrayValue?.first?["defaultRequest"] == ["cpu": "1", "memory": "64Mi"])
        let created = post(sim, "pods", pod("a", resources: ["requests": ["cpu": "250m"]]))
        #expect(created.code == 201)
        let resources = created.json[path: ["spec", "containers"]]?.arrayValue?.first?["resources"]
        #expect(resources == ["requests": ["cpu": "250m", "memory": "64Mi"], "limits": ["cpu": "1"]])
    }

    @Test func containersOutsideTheBoundsAreForbiddenWithLimitRangersWords() {
        let sim = harness()
        post(sim, "limitranges", limitRange(["type": "Container", "max": ["cpu": "1"], "min": ["memory": "32Mi"]]))
        let tooBig = post(sim, "pods", pod("big", resources: ["limits": ["cpu": "2", "memory": "64Mi"]]))
        #expect(tooBig.code == 403)
        #expect(tooBig.json["reason"] == "Forbidden")
        #expect(tooBig.json["message"] == #"pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2"#)
        let both = post(sim, "pods", pod("both", resources: ["limits": ["cpu": "3", "memory": "16Mi"]]))
        #expect(
            both.json["message"]
                == #"pods "both" is forbidden: [minimum memory usage per Container is 32Mi, but request is 16Mi, maximum cpu usage per Container is 1, but limit is 3]"#)
        #expect(post(sim, "pods", pod("fits", resources: ["limits": ["cpu": "500m", "memory": "64Mi"]])).code == 201)
    }

    @Test func aQuotaRefusesTheCreateBeyondItsHardLimitAndCountsWhatIsUsed() {
        let sim = harness()
        let created = post(sim, "resourcequotas", quota(["pods": "2", "requests.cpu": "1", "count/configmaps": "5"]))
        #expect(created.code == 201)
        #expect(created.json[path: ["status", "used"]] == ["pods": "0", "requests.cpu": "0", "count/configmaps": "0"])
        #expect(post(sim, "pods", pod("a", resources: ["requests": ["cpu": "600m"]])).code == 201)
        let overCPU = post(sim, "pods", pod("b", resources: ["requests": ["cpu": "500m"]]))
        #expect(overCPU.code == 403)
        #expect(
            overCPU.json["message"]
                == #"pods "b" is forbidden: exceeded quota: q, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1"#)
        let unstated = post(sim, "pods", pod("c"))
        #expect(unstated.json["message"] == #"pods "c" is forbidden: failed quota: q: must specify requests.cpu"#)
        #expect(post(sim, "pods", pod("d", resources: ["requests": ["cpu": "400m"]])).code == 201)
        let third = post(sim, "pods", pod("e", resources: ["requests": ["cpu": "0"]]))
        #expect(third.json["message"] == #"pods "e" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"#)
        let status = sim.request(.get, "/api/v1/namespaces/\(Self.namespace)/resourcequotas/q").json["status"]
        #expect(status?["used"] == ["pods": "2", "requests.cpu": "1", "count/configmaps": "0"])
        #expect(status?["hard"] == ["pods": "2", "requests.cpu": "1", "count/configmaps": "5"])
    }

    @Test func objectCountsOfAnyKindAreLimited() {
        let sim = harness()
        post(sim, "resourcequotas", quota(["count/deployments.apps": "1", "services": "1"]))
        sim.create(Manifests.deployment("one", namespace: Self.namespace, replicas: 1))
        let second = sim.request(
            .post, Manifests.deploymentPath(Self.namespace), Manifests.deployment("two", namespace: Self.namespace, replicas: 1))
        #expect(second.code == 403)
        #expect(
            second.json["message"]
                == #"deployments.apps "two" is forbidden: exceeded quota: q, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1"#)
        #expect(second.json[path: ["details", "group"]] == "apps")
        let used = sim.request(.get, "/api/v1/namespaces/\(Self.namespace)/resourcequotas/q").json[path: ["status", "used"]]
        #expect(used == ["count/deployments.apps": "1", "services": "0"])
    }

    @Test func aDryRunIsAdmittedLikeACreateButUsesNothing() {
        let sim = harness()
        post(sim, "resourcequotas", quota(["configmaps": "1"]))
        let configMap: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "one"], "data": ["a": "b"]]
        #expect(sim.request(.post, "/api/v1/namespaces/\(Self.namespace)/configmaps?dryRun=All", configMap).code == 201)
        #expect(post(sim, "configmaps", configMap).code == 201)
        var second = configMap
        second[path: ["metadata", "name"]] = "two"
        let refused = sim.request(.post, "/api/v1/namespaces/\(Self.namespace)/configmaps?dryRun=All", second)
        #expect(refused.code == 403)
        #expect(refused.json["message"] == #"configmaps "two" is forbidden: exceeded quota: q, requested: configmaps=1, used: configmaps=1, limited: configmaps=1"#)
    }

    @Test func aScaleUpPastTheQuotaLeavesTheDeploymentShortWithFailedCreateWarnings() {
        let sim = harness()
        post(sim, "resourcequotas", quota(["pods": "2"]))
        sim.create(Manifests.deployment("web", namespace: Self.namespace, replicas: 4))
        sim.advance(30)
        let replicaSet = sim.replicaSets(of: "web", namespace: Self.namespace)[0]
        #expect(sim.pods(of: replicaSet).count == 2)
        #expect(sim.deployment("web", namespace: Self.namespace)[path: ["status", "readyReplicas"]] == 2)
        let warnings = sim.cluster.store.list(.events, namespace: Self.namespace).map(\.value)
            .filter { $0["reason"] == "FailedCreate" }
        #expect(warnings.count == 1)
        let warning = warnings[0]
        #expect(warning["type"] == "Warning")
        #expect(warning[path: ["involvedObject", "kind"]] == "ReplicaSet")
        #expect(warning[path: ["involvedObject", "name"]] == .string(replicaSet.name))
        #expect(warning[path: ["source", "component"]] == "replicaset-controller")
        let message = warning["message"]?.stringValue ?? ""
        #expect(message.hasPrefix(#"Error creating: pods "\#(replicaSet.name)-"#), "\(message)")
        #expect(message.hasSuffix(" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"), "\(message)")
        // Retried with back-off: 30 one-second passes make far fewer attempts than passes.
        let attempts = warning["count"]?.intValue ?? 0
        #expect(attempts >= 3 && attempts <= 8, "\(attempts) attempts")
        let failure = sim.replicaSets(of: "web", namespace: Self.namespace)[0][path: ["status", "conditions"]]?.arrayValue?.first
        #expect(failure?["type"] == "ReplicaFailure" && failure?["reason"] == "FailedCreate")
        #expect(failure?["message"]?.stringValue?.hasPrefix(#"pods "\#(replicaSet.name)-"#) == true)
        #expect(sim.condition("ReplicaFailure", of: "web", namespace: Self.namespace)?["reason"] == "FailedCreate")
        // Raising the quota lets the next attempt through.
        let raised = sim.request(
            .patch, "/api/v1/namespaces/\(Self.namespace)/resourcequotas/q", ["spec": ["hard": ["pods": "4"]]],
            contentType: "application/merge-patch+json")
        #expect(raised.code == 200)
        sim.advance(40)
        #expect(sim.pods(of: replicaSet).count == 4)
        #expect(sim.replicaSets(of: "web", namespace: Self.namespace)[0][path: ["status", "conditions"]] == nil)
        #expect(sim.condition("ReplicaFailure", of: "web", namespace: Self.namespace) == nil)
        let used = sim.request(.get, "/api/v1/namespaces/\(Self.namespace)/resourcequotas/q").json[path: ["status", "used", "pods"]]
        #expect(used == "4")
    }
}
