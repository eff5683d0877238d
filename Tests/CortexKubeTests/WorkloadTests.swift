import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// Rollout progress of StatefulSets and DaemonSets with kubectl's rules, the shapes cortex
/// writes checked against the API reference (apps/v1, autoscaling/v2), and the patches of
/// the configuration changes.
@Suite struct WorkloadTests {
    static func statefulSet(replicas: Int = 3, generation: Int = 2, observed: Int = 2, ready: Int = 3, updated: Int = 3,
                            current: String = "web-2", update: String = "web-2", partition: Int? = nil) -> Workload {
        var json: JSONValue = [
            "metadata": ["name": "web", "generation": .number(generation)],
            "spec": ["replicas": .number(replicas), "updateStrategy": ["type": "RollingUpdate"]],
            "status": ["observedGeneration": .number(observed), "readyReplicas": .number(ready), "updatedReplicas": .number(updated),
                       "currentReplicas": .number(updated), "currentRevision": .string(current), "updateRevision": .string(update)],
        ]
        if let partition { json[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]] = .number(partition) }
        return Workload(kind: .statefulset, json: json)
    }

    @Test func statefulSetRolloutFollowsKubectl() {
        #expect(WorkloadRollout.evaluate(Self.statefulSet(generation: 3, observed: 2)) == .waiting("Waiting for statefulset spec update to be observed..."))
        #expect(WorkloadRollout.evaluate(Self.statefulSet(ready: 1)) == .waiting("Waiting for 2 pods to be ready..."))
        #expect(WorkloadRollout.evaluate(Self.statefulSet(updated: 1, current: "web-1")) == .waiting("waiting for statefulset rolling update to complete 1 pods at revision web-2..."))
        #expect(WorkloadRollout.evaluate(Self.statefulSet()) == .complete("statefulset rolling update complete 3 pods at revision web-2..."))
        #expect(WorkloadRollout.evaluate(Self.statefulSet(updated: 0, current: "web-1", partition: 2)) == .waiting("Waiting for partitioned roll out to finish: 0 out of 1 new pods have been updated..."))
        #expect(WorkloadRollout.evaluate(Self.statefulSet(updated: 1, current: "web-1", partition: 2)) == .complete("partitioned roll out complete: 1 new pods have been updated..."))
    }

    @Test func daemonSetRolloutFollowsKubectl() {
        func ds(_ desired: Int, updated: Int, available: Int, generation: Int = 1, observed: Int = 1) -> Workload {
            Workload(kind: .daemonset, json: [
                "metadata": ["name": "agent", "generation": .number(generation)],
                "spec": ["updateStrategy": ["type": "RollingUpdate"]],
                "status": ["observedGeneration": .number(observed), "desiredNumberScheduled": .number(desired),
                           "updatedNumberScheduled": .number(updated), "numberAvailable": .number(available)],
            ])
        }
        #expect(WorkloadRollout.evaluate(ds(3, updated: 3, available: 3, generation: 2)) == .waiting("Waiting for daemon set spec update to be observed..."))
        #expect(WorkloadRollout.evaluate(ds(3, updated: 1, available: 3)) == .waiting("Waiting for daemon set \"agent\" rollout to finish: 1 out of 3 new pods have been updated..."))
        #expect(WorkloadRollout.evaluate(ds(3, updated: 3, available: 2)) == .waiting("Waiting for daemon set \"agent\" rollout to finish: 2 of 3 updated pods are available..."))
        #expect(WorkloadRollout.evaluate(ds(3, updated: 3, available: 3)) == .complete("daemon set \"agent\" successfully rolled out"))
        #expect(ds(3, updated: 3, available: 3).desiredPods == 3 && ds(3, updated: 3, available: 3).specReplicas == nil)
    }

    @Test func theAutoscalerCortexWritesIsAValidAutoscalingV2Object() throws {
        let schema = try OpenAPISchema(fixture: "autoscaling_v2_hpa_openapi")
        let hpa = AutoscalerObject.make(name: "payments", targetKind: .deployment, range: AutoscalerRange(min: 2, max: 10, cpuPercent: 70))
        #expect(schema.validate(hpa, as: "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler") == [])
        #expect(schema.validate(["spec": hpa["spec"] ?? .null], as: "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler", partial: true) == [])
        // The validator does catch a v1-shaped spec.
        let v1: JSONValue = ["spec": ["maxReplicas": 3, "targetCPUUtilizationPercentage": 50, "scaleTargetRef": ["kind": "Deployment", "name": "x"]]]
        #expect(schema.validate(v1, as: "io.k8s.api.autoscaling.v2.HorizontalPodAutoscaler") == [".spec.targetCPUUtilizationPercentage: unknown field"])
    }

    @Test func containerPatchesAreGuardedByTheContainerName() throws {
        let w = Workload(kind: .statefulset, json: [
            "metadata": ["name": "cache"],
            "spec": ["template": ["spec": ["containers": [["name": "exporter", "image": "e"], ["name": "cache", "image": "c", "env": []]]]]],
        ])
        let env = try KubeDispatcher.containerPatch(w, "cache", "env", [["name": "X", "value": "1"]])
        #expect(env == [
            ["op": "test", "path": "/spec/template/spec/containers/1/name", "value": "cache"],
            ["op": "replace", "path": "/spec/template/spec/containers/1/env", "value": [["name": "X", "value": "1"]]],
        ])
        let resources = try KubeDispatcher.containerPatch(w, "exporter", "resources", ["limits": ["cpu": "1"]])
        #expect(resources.arrayValue?.last?["op"] == "add")
        // What the patch sets is a valid container of the apps/v1 pod template.
        let schema = try OpenAPISchema.apps()
        #expect(schema.validate(["name": "cache", "env": [["name": "X", "value": "1"]], "resources": ["limits": ["cpu": "1"]]],
                                as: "io.k8s.api.core.v1.Container") == [])
        #expect(throws: CortexError.self) { try KubeDispatcher.containerPatch(w, "nope", "env", []) }
    }
}
