import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// The StatefulSet, DaemonSet and autoscaler controllers step by step, through the API.
@Suite struct WorkloadControllerTests {
    static func statefulSet(_ name: String, replicas: Int, image: String, partition: Int = 0) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "StatefulSet",
            "metadata": ["name": .string(name), "namespace": "staging"],
            "spec": [
                "replicas": .number(replicas), "serviceName": .string(name), "selector": ["matchLabels": ["app": .string(name)]],
                "updateStrategy": ["type": "RollingUpdate", "rollingUpdate": ["partition": .number(partition)]],
                "template": ["metadata": ["labels": ["app": .string(name)]],
                             "spec": ["containers": [["name": .string(name), "image": .string(image),
                                                      "resources": ["requests": ["cpu": "100m", "memory": "64Mi"]]]]]],
            ],
        ]
    }

    func pods(_ h: ClusterHarness, _ app: String) -> [String: String] {
        var result: [String: String] = [:]
        for pod in h.allPods(app: app) { result[pod.name] = pod.labels["controller-revision-hash"] ?? "" }
        return result
    }

    @Test func statefulSetPodsAreCreatedInOrderAndUpdatedDownToThePartition() {
        let h = ClusterHarness()
        #expect(h.request(.post, "/apis/apps/v1/namespaces/staging/statefulsets", Self.statefulSet("db", replicas: 3, image: "db:1", partition: 1)).code == 201)
        h.advance(1)
        // OrderedReady: db-1 waits until db-0 is ready.
        #expect(Set(pods(h, "db").keys) == ["db-0"])
        h.advance(120, step: 1)
        #expect(Set(pods(h, "db").keys) == ["db-0", "db-1", "db-2"])
        let first = h.request(.get, "/apis/apps/v1/namespaces/staging/statefulsets/db").json
        let revision1 = first[path: ["status", "updateRevision"]]?.stringValue ?? ""
        #expect(first[path: ["status", "currentRevision"]]?.stringValue == revision1)
        #expect(first[path: ["status", "readyReplicas"]] == 3)

        let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "db", "image": "db:2"]]]]]]
        #expect(h.request(.patch, "/apis/apps/v1/namespaces/staging/statefulsets/db", patch,
                          contentType: "application/strategic-merge-patch+json").code == 200)
        h.advance(240, step: 1)
        let updated = h.request(.get, "/apis/apps/v1/namespaces/staging/statefulsets/db").json
        let revision2 = updated[path: ["status", "updateRevision"]]?.stringValue ?? ""
        #expect(revision2 != revision1)
        // Ordinals at or above the partition run the new revision; db-0 keeps the old one.
        #expect(pods(h, "db") == ["db-0": revision1, "db-1": revision2, "db-2": revision2])
        #expect(updated[path: ["status", "updatedReplicas"]] == 2)
        #expect(updated[path: ["status", "currentRevision"]]?.stringValue == revision1)
        let revisions = h.request(.get, "/apis/apps/v1/namespaces/staging/controllerrevisions").json["items"]?.arrayValue ?? []
        #expect(revisions.filter { $0[path: ["metadata", "name"]]?.stringValue?.hasPrefix("db-") == true }.compactMap { $0["revision"]?.intValue }.sorted() == [1, 2])
    }

    @Test func aDaemonSetRunsOnePodOnEveryNode() {
        let h = ClusterHarness()
        let ds: JSONValue = [
            "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent", "namespace": "staging"],
            "spec": ["selector": ["matchLabels": ["app": "agent"]],
                     "template": ["metadata": ["labels": ["app": "agent"]], "spec": ["containers": [["name": "agent", "image": "agent:1"]]]]],
        ]
        #expect(h.request(.post, "/apis/apps/v1/namespaces/staging/daemonsets", ds).code == 201)
        h.advance(60, step: 1)
        let nodes = h.allPods(app: "agent").compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }.sorted()
        #expect(nodes == SimulatedNodes.names)
        // Each pod has its own node's address and an IP from that node's pod CIDR.
        for pod in h.allPods(app: "agent") {
            let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
            let nodeObject = h.request(.get, "/api/v1/nodes/\(node)").json
            let address = nodeObject[path: ["status", "addresses"]]?.arrayValue?.first { $0["type"] == "InternalIP" }?["address"]
            #expect(pod[path: ["status", "hostIP"]] == address, "\(pod.name) on \(node)")
            let cidr = nodeObject[path: ["spec", "podCIDR"]]?.stringValue ?? "?"
            #expect(pod[path: ["status", "podIP"]]?.stringValue?.hasPrefix(String(cidr.dropLast(4))) == true, "\(pod.name) in \(cidr)")
        }
        let status = h.request(.get, "/apis/apps/v1/namespaces/staging/daemonsets/agent").json["status"] ?? [:]
        #expect(status["desiredNumberScheduled"] == 3 && status["numberReady"] == 3 && status["updatedNumberScheduled"] == 3)
        // Not scalable: no /scale subresource.
        #expect(h.request(.get, "/apis/apps/v1/namespaces/staging/daemonsets/agent/scale").code == 404)
    }

    /// Settled StatefulSets and DaemonSets are passed over by later passes, and taken up
    /// again as soon as one of their objects changes.
    @Test func settledStatefulSetsAndDaemonSetsAreLeftAloneUntilSomethingOfTheirsChanges() {
        let h = ClusterHarness()
        #expect(h.request(.post, "/apis/apps/v1/namespaces/staging/statefulsets", Self.statefulSet("db", replicas: 2, image: "db:1")).code == 201)
        let ds: JSONValue = [
            "apiVersion": "apps/v1", "kind": "DaemonSet", "metadata": ["name": "agent", "namespace": "staging"],
            "spec": ["selector": ["matchLabels": ["app": "agent"]],
                     "template": ["metadata": ["labels": ["app": "agent"]], "spec": ["containers": [["name": "agent", "image": "agent:1"]]]]],
        ]
        #expect(h.request(.post, "/apis/apps/v1/namespaces/staging/daemonsets", ds).code == 201)
        h.advance(120, step: 1)
        let settled = h.cluster.store.resourceVersion
        h.advance(600, step: 5)
        #expect(h.cluster.store.resourceVersion == settled)

        #expect(h.request(.delete, "/api/v1/namespaces/staging/pods/db-1").code == 200)
        let agentPod = h.allPods(app: "agent").first?.name ?? ""
        #expect(h.request(.delete, "/api/v1/namespaces/staging/pods/\(agentPod)").code == 200)
        h.advance(60, step: 1)
        #expect(Set(pods(h, "db").keys) == ["db-0", "db-1"])
        #expect(h.allPods(app: "agent").count == SimulatedNodes.names.count)
        let set = h.request(.get, "/apis/apps/v1/namespaces/staging/statefulsets/db").json
        #expect(set[path: ["status", "readyReplicas"]] == 2)
        let daemons = h.request(.get, "/apis/apps/v1/namespaces/staging/daemonsets/agent").json
        #expect(daemons[path: ["status", "numberReady"]] == 3)
    }

    @Test func theAutoscalerFollowsTheSimulatedDemandWithinItsRange() {
        let h = ClusterHarness()
        #expect(h.request(.post, "/apis/apps/v1/namespaces/staging/statefulsets", Self.statefulSet("db", replicas: 2, image: "db:1")).code == 201)
        h.advance(120, step: 1)
        let hpa: JSONValue = [
            "apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": ["name": "db", "namespace": "staging"],
            "spec": ["scaleTargetRef": ["apiVersion": "apps/v1", "kind": "StatefulSet", "name": "db"], "minReplicas": 1, "maxReplicas": 4,
                     "metrics": [["type": "Resource", "resource": ["name": "cpu", "target": ["type": "Utilization", "averageUtilization": 50]]]]],
        ]
        #expect(h.request(.post, "/apis/autoscaling/v2/namespaces/staging/horizontalpodautoscalers", hpa).code == 201)
        // A demand of 1 CPU over pods requesting 100m each: far above 50%, held at the maximum of 4.
        let demand: JSONValue = ["metadata": ["annotations": ["sim.cortex.dev/cpu-demand": "1"]]]
        #expect(h.request(.patch, "/apis/apps/v1/namespaces/staging/statefulsets/db", demand, contentType: "application/merge-patch+json").code == 200)
        h.advance(240, step: 1)
        #expect(h.request(.get, "/apis/apps/v1/namespaces/staging/statefulsets/db").json[path: ["spec", "replicas"]] == 4)
        let status = h.request(.get, "/apis/autoscaling/v2/namespaces/staging/horizontalpodautoscalers/db").json["status"] ?? [:]
        #expect(status["desiredReplicas"] == 4)
        #expect(status["conditions"]?.arrayValue?.contains { $0["type"] == "ScalingLimited" && $0["reason"] == "TooManyReplicas" } == true)
        // The demand drops to 100m: 100m over 4 pods is 25%, so it scales down to ceil(4 × 25/50) = 2, then holds.
        let low: JSONValue = ["metadata": ["annotations": ["sim.cortex.dev/cpu-demand": "100m"]]]
        #expect(h.request(.patch, "/apis/apps/v1/namespaces/staging/statefulsets/db", low, contentType: "application/merge-patch+json").code == 200)
        h.advance(240, step: 1)
        #expect(h.request(.get, "/apis/apps/v1/namespaces/staging/statefulsets/db").json[path: ["spec", "replicas"]] == 2)
        // The v1 view of the same object.
        let v1 = h.request(.get, "/apis/autoscaling/v1/namespaces/staging/horizontalpodautoscalers/db").json
        #expect(v1["apiVersion"] == "autoscaling/v1" && v1[path: ["spec", "targetCPUUtilizationPercentage"]] == 50)
    }
}
