import CortexCore
import Foundation
import Testing

@testable import CortexSim

@Suite struct ControllerTests {
    @Test func aNewDeploymentRollsOutToThreeOfThree() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        sim.advance(10)

        let deployment = sim.deployment("web")
        #expect(deployment[path: ["status", "observedGeneration"]]?.intValue == deployment.generation)
        for field in ["replicas", "updatedReplicas", "readyReplicas", "availableReplicas"] {
            #expect(deployment[path: ["status", field]]?.intValue == 3, "status.\(field)")
        }
        #expect(deployment[path: ["status", "unavailableReplicas"]] == nil)
        #expect(sim.condition("Available", of: "web")?["reason"] == "MinimumReplicasAvailable")
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "NewReplicaSetAvailable")
        #expect(deployment.annotation(DeploymentController.revision) == "1")

        let replicaSets = sim.replicaSets(of: "web")
        #expect(replicaSets.count == 1)
        let replicaSet = replicaSets[0]
        let hash = replicaSet.labels[TemplateHash.label] ?? ""
        #expect(!hash.isEmpty)
        #expect(replicaSet.name == "web-\(hash)")
        #expect(replicaSet.annotation(DeploymentController.revision) == "1")
        #expect(replicaSet[path: ["spec", "selector", "matchLabels", TemplateHash.label]] == .string(hash))
        #expect(replicaSet[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "Deployment")

        let pods = sim.pods(of: replicaSet)
        #expect(pods.count == 3)
        #expect(pods.allSatisfy { $0.name.hasPrefix("web-\(hash)-") && $0[path: ["status", "phase"]] == "Running" })
        #expect(pods.allSatisfy { $0.labels[TemplateHash.label] == hash })
    }

    @Test func podsBecomeReadyOnlyAfterTheirStartUpTime() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 1))
        sim.advance(0.5, step: 0.5)
        let pending = sim.allPods(app: "web")
        #expect(pending.count == 1)
        #expect(pending.first?[path: ["status", "phase"]] == "Pending")
        #expect(sim.deployment("web")[path: ["status", "readyReplicas"]] == nil)
        sim.advance(3)
        #expect(sim.deployment("web")[path: ["status", "readyReplicas"]]?.intValue == 1)
    }

    @Test func aRollingUpdateStaysWithinMaxSurgeAndMaxUnavailable() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 4))
        sim.advance(10)
        sim.setImage("web", "nginx:1.28")
        // 25% of 4: at most one pod above and one below the desired count.
        var sawBothTemplates = false
        sim.advance(40, step: 0.5) { sim in
            let pods = sim.allPods(app: "web")
            #expect(pods.count <= 5)
            let available = sim.replicaSets(of: "web").reduce(0) { $0 + $1.count(["status", "availableReplicas"]) }
            #expect(available >= 3)
            let images = Set(pods.compactMap { $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue })
            if images.count == 2 { sawBothTemplates = true }
        }
        #expect(sawBothTemplates)
        let replicaSets = sim.replicaSets(of: "web")
        #expect(replicaSets.map(\.desiredReplicas) == [0, 4])
        #expect(replicaSets.last?.annotation(DeploymentController.revision) == "2")
        #expect(sim.deployment("web").annotation(DeploymentController.revision) == "2")
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "NewReplicaSetAvailable")
    }

    @Test func aBrokenImageEndsInProgressDeadlineExceeded() {
        let sim = ClusterHarness()
        var manifest = Manifests.deployment("web", replicas: 3)
        manifest[path: ["spec", "progressDeadlineSeconds"]] = 60
        sim.create(manifest)
        sim.advance(10)
        sim.setImage("web", "nginx:1.28-broken")
        sim.advance(30)
        #expect(sim.condition("Progressing", of: "web")?["status"] == "True")
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "NewReplicaSetCreated")
        sim.advance(40)

        let progressing = sim.condition("Progressing", of: "web")
        #expect(progressing?["status"] == "False")
        #expect(progressing?["reason"] == "ProgressDeadlineExceeded")
        // The old pods keep serving: with three replicas, 25% allows one extra pod and no
        // unavailable one, so all three old pods stay.
        #expect(sim.condition("Available", of: "web")?["status"] == "True")
        let broken = sim.replicaSets(of: "web").last.map(sim.pods(of:)) ?? []
        #expect(!broken.isEmpty)
        #expect(broken.allSatisfy { TableRenderer.podStatus($0) == "ImagePullBackOff" })
        #expect(sim.deployment("web")[path: ["status", "updatedReplicas"]]?.intValue == broken.count)
        #expect(broken.count == 1)
        #expect(sim.deployment("web")[path: ["status", "availableReplicas"]]?.intValue == 3)
    }

    @Test func theDeadlineIsMeasuredInSimulatedTime() {
        let sim = ClusterHarness(pace: SimulationPace(speed: 10))
        sim.create(Manifests.deployment("web", image: "nginx:crashloop", replicas: 1))
        // 600 simulated seconds are 60 wall seconds at ten times real time.
        sim.advance(55)
        #expect(sim.condition("Progressing", of: "web")?["reason"] != "ProgressDeadlineExceeded")
        sim.advance(10)
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "ProgressDeadlineExceeded")
        let pod = sim.allPods(app: "web").first ?? .null
        #expect(TableRenderer.podStatus(pod) == "CrashLoopBackOff")
        #expect((pod[path: ["status", "containerStatuses"]]?.arrayValue?.first?["restartCount"]?.intValue ?? 0) >= 3)
    }

    @Test func rollingBackReadoptsTheOldReplicaSetAsTheNewestRevision() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        sim.advance(10)
        let first = sim.replicaSets(of: "web")[0]
        sim.setImage("web", "nginx:1.28-broken")
        sim.advance(5)
        // What `kubectl rollout undo` sends: the old template, without its hash label.
        var template = first[path: ["spec", "template"]] ?? .null
        template[path: ["metadata", "labels", TemplateHash.label]] = nil
        template[path: ["metadata", "creationTimestamp"]] = .null
        let undo: JSONValue = [["op": "replace", "path": "/spec/template", "value": template]]
        let reply = sim.request(
            .patch, "/apis/apps/v1/namespaces/staging/deployments/web", undo, contentType: "application/json-patch+json")
        #expect(reply.code == 200)
        sim.advance(20)

        let replicaSets = sim.replicaSets(of: "web")
        #expect(replicaSets.count == 2)
        let readopted = replicaSets.first { $0.uid == first.uid }
        #expect(readopted?.annotation(DeploymentController.revision) == "3")
        #expect(readopted?.annotation(DeploymentController.revisionHistory) == "1")
        #expect(readopted?.desiredReplicas == 3)
        #expect(sim.deployment("web").annotation(DeploymentController.revision) == "3")
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "NewReplicaSetAvailable")
        #expect(sim.allPods(app: "web").count == 3)
    }

    @Test func recreateStopsOldPodsBeforeStartingNewOnes() {
        let sim = ClusterHarness()
        var manifest = Manifests.deployment("web", replicas: 2)
        manifest[path: ["spec", "strategy"]] = ["type": "Recreate"]
        sim.create(manifest)
        sim.advance(10)
        sim.setImage("web", "nginx:1.28")
        sim.advance(20, step: 0.5) { sim in
            let images = Set(sim.allPods(app: "web").compactMap {
                $0[path: ["spec", "containers"]]?.arrayValue?.first?["image"]?.stringValue
            })
            #expect(images.count <= 1)
        }
        #expect(sim.deployment("web")[path: ["status", "availableReplicas"]]?.intValue == 2)
    }

    @Test func scalingChangesOnlyTheReplicaCount() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 2))
        sim.advance(10)
        let reply = sim.request(
            .patch, "/apis/apps/v1/namespaces/staging/deployments/web/scale", ["spec": ["replicas": 5]],
            contentType: "application/merge-patch+json")
        #expect(reply.code == 200)
        sim.advance(10)
        #expect(sim.replicaSets(of: "web").count == 1)
        #expect(sim.deployment("web")[path: ["status", "availableReplicas"]]?.intValue == 5)
        sim.request(
            .patch, "/apis/apps/v1/namespaces/staging/deployments/web/scale", ["spec": ["replicas": 1]],
            contentType: "application/merge-patch+json")
        sim.advance(3)
        #expect(sim.allPods(app: "web").count == 1)
    }

    @Test func pausedDeploymentsDoNotRollOut() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 2))
        sim.advance(10)
        sim.request(
            .patch, "/apis/apps/v1/namespaces/staging/deployments/web", ["spec": ["paused": true]],
            contentType: "application/merge-patch+json")
        sim.setImage("web", "nginx:1.28")
        sim.advance(10)
        #expect(sim.replicaSets(of: "web").count == 1)
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "DeploymentPaused")
        sim.request(
            .patch, "/apis/apps/v1/namespaces/staging/deployments/web", ["spec": ["paused": false]],
            contentType: "application/merge-patch+json")
        sim.advance(20)
        #expect(sim.replicaSets(of: "web").count == 2)
        #expect(sim.condition("Progressing", of: "web")?["reason"] == "NewReplicaSetAvailable")
    }

    @Test func oldReplicaSetsBeyondTheHistoryLimitArePruned() {
        let sim = ClusterHarness()
        var manifest = Manifests.deployment("web", replicas: 1)
        manifest[path: ["spec", "revisionHistoryLimit"]] = 2
        sim.create(manifest)
        sim.advance(5)
        for version in 1...4 {
            sim.setImage("web", "nginx:1.\(version)")
            sim.advance(10)
        }
        let revisions = sim.replicaSets(of: "web").compactMap { $0.annotation(DeploymentController.revision) }
        #expect(revisions == ["3", "4", "5"])
    }

    @Test func backgroundDeletionCollectsReplicaSetsAndPods() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 2))
        sim.advance(5)
        let reply = sim.request(.delete, "/apis/apps/v1/namespaces/staging/deployments/web", ["propagationPolicy": "Background"])
        #expect(reply.code == 200)
        #expect(reply.json["status"] == "Success")
        sim.advance(1)
        #expect(sim.cluster.store.list(.replicaSets, namespace: "staging").isEmpty)
        #expect(sim.allPods(app: "web").isEmpty)
    }

    @Test func foregroundDeletionWaitsForTheDependents() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 2))
        sim.advance(5)
        let reply = sim.request(.delete, "/apis/apps/v1/namespaces/staging/deployments/web", ["propagationPolicy": "Foreground"])
        #expect(reply.code == 200)
        #expect(reply.json[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])
        #expect(reply.json[path: ["metadata", "deletionTimestamp"]] != nil)
        #expect(sim.request(.get, "/apis/apps/v1/namespaces/staging/deployments/web").code == 200)
        sim.advance(5)
        #expect(sim.request(.get, "/apis/apps/v1/namespaces/staging/deployments/web").code == 404)
        #expect(sim.allPods(app: "web").isEmpty)
    }

    @Test func orphaningDeletionKeepsTheReplicaSets() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 2))
        sim.advance(5)
        sim.request(.delete, "/apis/apps/v1/namespaces/staging/deployments/web", ["propagationPolicy": "Orphan"])
        sim.advance(3)
        #expect(sim.request(.get, "/apis/apps/v1/namespaces/staging/deployments/web").code == 404)
        let replicaSets = sim.cluster.store.list(.replicaSets, namespace: "staging").map(\.value)
        #expect(replicaSets.count == 1)
        #expect(replicaSets.first?[path: ["metadata", "ownerReferences"]] == nil)
        #expect(sim.allPods(app: "web").count == 2)
    }

    @Test func deletingANamespaceRemovesItsContent() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 1))
        sim.advance(5)
        let reply = sim.request(.delete, "/api/v1/namespaces/staging")
        #expect(reply.json[path: ["status", "phase"]] == "Terminating")
        let refused = sim.request(.post, "/apis/apps/v1/namespaces/staging/deployments", Manifests.deployment("api"))
        #expect(refused.code == 403)
        sim.advance(1)
        #expect(sim.request(.get, "/api/v1/namespaces/staging").code == 404)
        #expect(sim.cluster.store.list(.pods, namespace: "staging").isEmpty)
    }

    @Test func aQuietClusterWritesNothing() {
        let sim = ClusterHarness(seed: .standard)
        sim.advance(5)
        let version = sim.cluster.store.resourceVersion
        sim.advance(30, step: 3)
        #expect(sim.cluster.store.resourceVersion == version)
    }

    @Test func theStandardSeedIsRolledOutWithHistory() {
        let sim = ClusterHarness(seed: .standard)
        for namespace in Seeder.environments {
            let deployments = sim.cluster.store.list(.deployments, namespace: namespace).map(\.value)
            #expect(deployments.count >= 3)
            for deployment in deployments {
                #expect(deployment[path: ["status", "availableReplicas"]]?.intValue == deployment.desiredReplicas)
            }
        }
        #expect(sim.deployment("security-worker", namespace: "staging") == .null)
        let payments = sim.replicaSets(of: "payments", namespace: "production")
        #expect(payments.count == 3)
        #expect(sim.deployment("payments", namespace: "production").annotation(DeploymentController.revision) == "3")
    }
}
