import CortexCore
import CortexSim
import Foundation
import Testing

/// The real kubectl against the simulator's StatefulSets, DaemonSets, autoscalers and
/// LimitRanges: reading them, rollouts, configuration changes and undo.
extension KubectlTests {
    @Test func getAndDescribeTheNewKinds() async throws {
        try await withCluster { kubectl, _ in
            let all = try await kubectl.run(["get", "statefulsets,daemonsets,limitranges", "-n", "staging"])
            expectSuccess(all, "statefulset.apps/redis   2/2")
            #expect(all.stdout.contains("daemonset.apps/log-agent   3         3         3       3            3"), "\(all.output)")
            #expect(all.stdout.contains("limitrange/container-limits"), "\(all.output)")
            let pods = try await kubectl.run(["get", "pods", "-n", "staging", "-l", "app=redis", "-o", "name"])
            #expect(pods.stdout.split(separator: "\n") == ["pod/redis-0", "pod/redis-1"])
            expectSuccess(try await kubectl.run(["describe", "statefulset", "redis", "-n", "staging"]), "Replicas:           2 desired | 2 total")
            expectSuccess(try await kubectl.run(["rollout", "history", "statefulset/redis", "-n", "staging"]), "REVISION")
        }
    }

    @Test func statefulSetScaleSetEnvAndUndo() async throws {
        try await withCluster { kubectl, client in
            expectSuccess(try await kubectl.run(["scale", "statefulset/redis", "-n", "staging", "--replicas=3"]), "scaled")
            expectSuccess(try await kubectl.run(["set", "env", "statefulset/redis", "-n", "staging", "MAXMEMORY=256mb"]), "env updated")
            expectSuccess(try await kubectl.run(["rollout", "status", "statefulset/redis", "-n", "staging", "--timeout=60s"]),
                          "partitioned roll out complete: 3 new pods have been updated...")
            let redis = try await client.get("/apis/apps/v1/namespaces/staging/statefulsets/redis").json
            #expect(redis[path: ["status", "updatedReplicas"]] == 3)
            #expect(redis[path: ["status", "currentRevision"]] == redis[path: ["status", "updateRevision"]])
            expectSuccess(try await kubectl.run(["rollout", "undo", "statefulset/redis", "-n", "staging"]), "rolled back")
            expectSuccess(try await kubectl.run(["rollout", "status", "statefulset/redis", "-n", "staging", "--timeout=60s"]), "roll out complete")
            let undone = try await client.get("/apis/apps/v1/namespaces/staging/statefulsets/redis").json
            #expect(undone[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["env"] == nil)
        }
    }

    @Test func daemonSetSetResourcesRollsOutNodeByNode() async throws {
        try await withCluster { kubectl, client in
            expectSuccess(try await kubectl.run(["set", "resources", "daemonset/log-agent", "-n", "staging", "--limits=cpu=200m"]),
                          "resource requirements updated")
            expectSuccess(try await kubectl.run(["rollout", "status", "daemonset/log-agent", "-n", "staging", "--timeout=60s"]),
                          "daemon set \"log-agent\" successfully rolled out")
            let pods = try await client.get("/api/v1/namespaces/staging/pods?labelSelector=app%3Dlog-agent").json["items"]?.arrayValue ?? []
            #expect(pods.count == 3)
            #expect(Set(pods.compactMap { $0[path: ["spec", "nodeName"]]?.stringValue }).count == 3)
            #expect(pods.allSatisfy { $0[path: ["spec", "containers"]]?.arrayValue?.first?[path: ["resources", "limits", "cpu"]] == "200m" })
        }
    }

    @Test func pauseAndResumeADeployment() async throws {
        try await withCluster { kubectl, client in
            expectSuccess(try await kubectl.run(["rollout", "pause", "deployment/payments", "-n", "staging"]), "paused")
            expectSuccess(try await kubectl.run(["set", "env", "deployment/payments", "-n", "staging", "FOO=bar"]), "env updated")
            let paused = try await client.get("/apis/apps/v1/namespaces/staging/deployments/payments").json
            #expect(paused[path: ["spec", "paused"]] == true)
            expectSuccess(try await kubectl.run(["rollout", "resume", "deployment/payments", "-n", "staging"]), "resumed")
            expectSuccess(try await kubectl.run(["rollout", "status", "deployment/payments", "-n", "staging", "--timeout=60s"]),
                          "successfully rolled out")
        }
    }

    @Test func anAutoscalerFromAManifestScalesItsTarget() async throws {
        try await withCluster { kubectl, client in
            let path = try kubectl.manifest("hpa.json", """
                {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": "web-frontend"},
                 "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "web-frontend"},
                          "minReplicas": 2, "maxReplicas": 5,
                          "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 50}}}]}}
                """)
            expectSuccess(try await kubectl.run(["create", "-f", path, "-n", "staging"]), "horizontalpodautoscaler.autoscaling/web-frontend created")
            // 60% of requests against a 50% target: ceil(2 × 1.2) = 3 replicas.
            var replicas = 0
            for _ in 0..<100 where replicas != 3 {
                try await Task.sleep(for: .milliseconds(100))
                replicas = try await client.get("/apis/apps/v1/namespaces/staging/deployments/web-frontend").json[path: ["spec", "replicas"]]?.intValue ?? 0
            }
            #expect(replicas == 3)
            let table = try await kubectl.run(["get", "hpa", "-n", "staging"])
            expectSuccess(table, "Deployment/web-frontend")
            let v1 = try await client.get("/apis/autoscaling/v1/namespaces/staging/horizontalpodautoscalers/web-frontend").json
            #expect(v1["apiVersion"] == "autoscaling/v1")
            #expect(v1[path: ["spec", "targetCPUUtilizationPercentage"]] == 50)
        }
    }
}
