import CortexCore
import CortexSim
import Foundation
import Testing

/// The real kubectl against the simulator: each command must succeed, and the simulator's
/// state must agree with what kubectl did.
@Suite(.enabled(if: Kubectl.isAvailable, "kubectl is not on PATH"))
struct KubectlTests {
    func withCluster(_ body: (Kubectl, SimClient) async throws -> Void) async throws {
        let sim = try await SimulatedCluster.start(seed: .standard, pace: .fast, tickInterval: 0.05)
        do {
            try await body(try Kubectl(sim), SimClient(sim.url))
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    func expectSuccess(_ result: Kubectl.Result, _ expected: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(result.status == 0, "kubectl failed: \(result.output)", sourceLocation: sourceLocation)
        #expect(result.stdout.contains(expected), "unexpected output: \(result.output)", sourceLocation: sourceLocation)
    }

    private func deployment(_ client: SimClient, _ name: String, namespace: String = "staging") async throws -> JSONValue {
        try await client.get(Manifests.deploymentPath(namespace, name)).json
    }

    private func image(_ deployment: JSONValue) -> String? {
        deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
    }

    @Test func getListsWhatTheClusterHolds() async throws {
        try await withCluster { kubectl, client in
            let result = try await kubectl.run(["get", "deployments", "-n", "production"])
            expectSuccess(result, "NAME")
            let header = result.stdout.split(separator: "\n").first.map(String.init) ?? ""
            #expect(header.split(separator: " ").map(String.init) == ["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"])
            let items = try await client.get(Manifests.deploymentPath("production")).json["items"]?.arrayValue ?? []
            #expect(items.count == 3)
            for item in items {
                let replicas = item[path: ["spec", "replicas"]]?.intValue ?? 0
                let line = result.stdout.split(separator: "\n").first { $0.hasPrefix(item.metadataName + " ") } ?? ""
                #expect(line.contains("\(replicas)/\(replicas)"), "row for \(item.metadataName): \(line)")
            }
            let pods = try await kubectl.run(["get", "pods", "-n", "production", "-l", "app=payments", "-o", "name"])
            #expect(pods.stdout.split(separator: "\n").count == 3)
        }
    }

    @Test func scaleThenRolloutStatus() async throws {
        try await withCluster { kubectl, client in
            expectSuccess(try await kubectl.run(["scale", "deployment/payments", "--replicas=5"]), "deployment.apps/payments scaled")
            expectSuccess(
                try await kubectl.run(["rollout", "status", "deployment/payments", "--timeout=60s"]),
                "deployment \"payments\" successfully rolled out")
            let payments = try await deployment(client, "payments")
            #expect(payments[path: ["spec", "replicas"]] == 5)
            #expect(payments[path: ["status", "availableReplicas"]] == 5)
            let dryRun = try await kubectl.run(["scale", "deployment/payments", "--replicas=1", "--dry-run=server"])
            expectSuccess(dryRun, "(server dry run)")
            #expect(try await deployment(client, "payments")[path: ["spec", "replicas"]] == 5)
            let precondition = try await kubectl.run(["scale", "deployment/payments", "--current-replicas=2", "--replicas=3"])
            #expect(precondition.status != 0)
        }
    }

    @Test func setImageRollsOutANewRevision() async throws {
        try await withCluster { kubectl, client in
            expectSuccess(
                try await kubectl.run(["set", "image", "deployment/web-frontend", "web-frontend=ghcr.io/acme/web-frontend:3.9.0"]),
                "image updated")
            expectSuccess(
                try await kubectl.run(["rollout", "status", "deployment/web-frontend", "--timeout=60s"]),
                "successfully rolled out")
            let frontend = try await deployment(client, "web-frontend")
            #expect(image(frontend) == "ghcr.io/acme/web-frontend:3.9.0")
            #expect(frontend[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] == "2")
            #expect(frontend[path: ["status", "updatedReplicas"]] == 2)
            let history = try await kubectl.run(["rollout", "history", "deployment/web-frontend"])
            expectSuccess(history, "REVISION")
        }
    }

    @Test func rolloutRestartReplacesThePods() async throws {
        try await withCluster { kubectl, client in
            let before = try await client.get("/api/v1/namespaces/staging/pods?labelSelector=app%3Dapi-gateway").json
            expectSuccess(try await kubectl.run(["rollout", "restart", "deployment/api-gateway"]), "restarted")
            expectSuccess(
                try await kubectl.run(["rollout", "status", "deployment/api-gateway", "--timeout=60s"]),
                "successfully rolled out")
            let gateway = try await deployment(client, "api-gateway")
            #expect(gateway[path: ["spec", "template", "metadata", "annotations", "kubectl.kubernetes.io/restartedAt"]] != nil)
            let after = try await client.get("/api/v1/namespaces/staging/pods?labelSelector=app%3Dapi-gateway").json
            let oldNames = Set(before["items"]?.arrayValue?.map(\.metadataName) ?? [])
            let newNames = Set(after["items"]?.arrayValue?.map(\.metadataName) ?? [])
            #expect(newNames.count == 2)
            #expect(oldNames.isDisjoint(with: newNames))
        }
    }

    @Test func aBrokenImageFailsAndRolloutUndoRecovers() async throws {
        try await withCluster { kubectl, client in
            let shortDeadline = try await kubectl.run(["patch", "deployment/payments", "-p", #"{"spec":{"progressDeadlineSeconds":100}}"#])
            expectSuccess(shortDeadline, "patched")
            expectSuccess(
                try await kubectl.run(["set", "image", "deployment/payments", "payments=ghcr.io/acme/payments:2.4.0-broken"]),
                "image updated")
            let failed = try await kubectl.run(["rollout", "status", "deployment/payments", "--timeout=60s"])
            #expect(failed.status != 0)
            #expect(failed.stderr.contains("exceeded its progress deadline"), "\(failed.output)")

            expectSuccess(try await kubectl.run(["rollout", "undo", "deployment/payments"]), "rolled back")
            expectSuccess(
                try await kubectl.run(["rollout", "status", "deployment/payments", "--timeout=60s"]),
                "successfully rolled out")
            let payments = try await deployment(client, "payments")
            #expect(image(payments) == "ghcr.io/acme/payments:2.3.1")
            #expect(payments[path: ["status", "availableReplicas"]] == 2)
            let progressing = payments[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "Progressing" }
            #expect(progressing?["reason"] == "NewReplicaSetAvailable")
        }
    }

    @Test func deleteRemovesTheDeploymentAndItsPods() async throws {
        try await withCluster { kubectl, client in
            expectSuccess(try await kubectl.run(["delete", "deployment", "api-gateway"]), "deleted")
            #expect(try await client.get(Manifests.deploymentPath("staging", "api-gateway")).status == 404)
            let gone = try await kubectl.run(["get", "pods", "-l", "app=api-gateway", "--ignore-not-found"])
            #expect(gone.status == 0)
            var remaining = 1
            for _ in 0..<50 where remaining > 0 {
                try await Task.sleep(nanoseconds: 100_000_000)
                remaining = try await client.get("/api/v1/namespaces/staging/pods?labelSelector=app%3Dapi-gateway")
                    .json["items"]?.arrayValue?.count ?? 0
            }
            #expect(remaining == 0)
        }
    }

    @Test func createFromAFileThenRollout() async throws {
        try await withCluster { kubectl, client in
            let path = try kubectl.manifest(
                "security-worker.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: security-worker
                  labels: {app: security-worker}
                spec:
                  replicas: 3
                  selector:
                    matchLabels: {app: security-worker}
                  template:
                    metadata:
                      labels: {app: security-worker}
                    spec:
                      containers:
                      - name: security-worker
                        image: ghcr.io/acme/security-worker:0.9.3
                        resources:
                          requests: {cpu: 200m, memory: 256Mi}
                """)
            expectSuccess(try await kubectl.run(["create", "-f", path]), "deployment.apps/security-worker created")
            expectSuccess(
                try await kubectl.run(["rollout", "status", "deployment/security-worker", "--timeout=60s"]),
                "successfully rolled out")
            let worker = try await deployment(client, "security-worker")
            #expect(worker[path: ["status", "readyReplicas"]] == 3)
            let again = try await kubectl.run(["create", "-f", path])
            #expect(again.status != 0)
            #expect(again.stderr.contains("AlreadyExists") || again.stderr.contains("already exists"), "\(again.output)")

            let typo = try kubectl.manifest(
                "typo.yaml",
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: typo}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: typo}}
                  template:
                    metadata: {labels: {app: typo}}
                    spec:
                      containers: [{name: typo, image: nginx, imagee: nginx}]
                """)
            let refused = try await kubectl.run(["create", "-f", typo])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("imagee"), "\(refused.output)")
            #expect(try await client.get(Manifests.deploymentPath("staging", "typo")).status == 404)
        }
    }

    @Test func logsOfADeployment() async throws {
        try await withCluster { kubectl, _ in
            let result = try await kubectl.run(["logs", "deployment/payments", "--tail=3"])
            #expect(result.status == 0, "\(result.output)")
            #expect(result.stdout.split(separator: "\n").count == 3)
        }
    }
}
