import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// Pods of failure images evolve as a kubelet reports them: states, last states, exit
/// codes, restart counts, conditions, and the spec that makes the failure plausible.
@Suite struct FailureModeTests {
    private func pod(_ sim: ClusterHarness, _ app: String) -> JSONValue { sim.allPods(app: app).first ?? .null }

    private func container(_ pod: JSONValue) -> JSONValue {
        pod[path: ["status", "containerStatuses"]]?.arrayValue?.first ?? .null
    }

    private func condition(_ pod: JSONValue, _ type: String) -> JSONValue {
        pod[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"]?.stringValue == type } ?? .null
    }

    @Test(arguments: [
        ("payments:2.0-broken", ImageBehavior.pullFailure), ("broken/web:1", .pullFailure),
        ("payments:crashloop-2", .crashLoop), ("payments:oom", .outOfMemory), ("payments:2.4-oom", .outOfMemory),
        ("payments:unschedulable", .unschedulable), ("payments:noconfig-1", .missingConfig),
        ("payments:1.0-unready", .unready), ("ghcr.io/acme/room:1.0", .healthy), ("bloom:2", .healthy),
        ("nginx:1.27", .healthy),
    ])
    func imagesChooseTheirFailure(image: String, behavior: ImageBehavior) {
        #expect(ImageBehavior(image: image) == behavior)
    }

    @Test func aHealthyPodReportsEveryFieldAKubeletWrites() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 1))
        sim.advance(0.5)
        let creating = container(pod(sim, "web"))
        #expect(creating[path: ["state", "waiting", "reason"]] == "ContainerCreating")
        #expect(pod(sim, "web")[path: ["status", "phase"]] == "Pending")
        sim.advance(3)
        let running = pod(sim, "web")
        let status = container(running)
        #expect(running[path: ["status", "phase"]] == "Running")
        #expect(status["ready"] == true)
        #expect(status["started"] == true)
        #expect(status["restartCount"] == 0)
        #expect(status[path: ["state", "running", "startedAt"]]?.stringValue != nil)
        #expect(status["imageID"]?.stringValue?.hasPrefix("docker.io/library/nginx@sha256:") == true)
        #expect(status["containerID"]?.stringValue?.hasPrefix("containerd://") == true)
        #expect(status["lastState"] == [:])
        for type in ["PodScheduled", "Initialized", "ContainersReady", "Ready"] {
            #expect(condition(running, type)["status"] == "True", "\(type)")
        }
        #expect(sim.deployment("web")[path: ["status", "readyReplicas"]] == 1)
    }

    @Test func aCrashLoopRestartsWithBackOffAndKeepsItsLastState() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("api", image: "acme/api:crashloop", replicas: 1))
        sim.advance(1)  // the pod is created
        sim.advance(1.5)
        // The first instance runs for a second.
        #expect(container(pod(sim, "api"))[path: ["state", "running"]] != nil)
        sim.advance(1)
        var status = container(pod(sim, "api"))
        #expect(status[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
        let message = status[path: ["state", "waiting", "message"]]?.stringValue ?? ""
        #expect(message.hasPrefix("back-off 10s restarting failed container=api pod=\(pod(sim, "api").name)_staging("))
        #expect(status[path: ["lastState", "terminated", "exitCode"]] == 1)
        #expect(status[path: ["lastState", "terminated", "reason"]] == "Error")
        #expect(status["restartCount"] == 0)
        // 1 s run, 10 s back-off, 1 s run, 20 s back-off, 1 s run, 40 s back-off...
        sim.advance(60)
        status = container(pod(sim, "api"))
        #expect(status["restartCount"] == 2)
        #expect(status[path: ["state", "waiting", "message"]]?.stringValue?.hasPrefix("back-off 40s ") == true)
        let terminated = status[path: ["lastState", "terminated"]] ?? .null
        #expect(terminated["containerID"] == status["containerID"])
        #expect(terminated["finishedAt"]?.stringValue != nil)
        #expect(pod(sim, "api")[path: ["status", "phase"]] == "Running")
        #expect(condition(pod(sim, "api"), "Ready")["status"] == "False")
        #expect(condition(pod(sim, "api"), "Ready")["message"] == "containers with unready status: [api]")
        #expect(sim.deployment("api")[path: ["status", "readyReplicas"]] == nil)
    }

    @Test func anOutOfMemoryContainerIsKilledWithExit137UnderItsLimit() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("api", image: "acme/api:oom", replicas: 1))
        let template = sim.deployment("api")[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(template?[path: ["resources", "limits", "memory"]] == .string(FailureProfile.defaultMemoryLimit))
        // Created at 1 s: runs 1-4 s, back-off 10 s, runs 14-17 s, back-off 20 s until 37 s.
        sim.advance(1 + 34)
        let status = container(pod(sim, "api"))
        #expect(status[path: ["lastState", "terminated", "reason"]] == "OOMKilled")
        #expect(status[path: ["lastState", "terminated", "exitCode"]] == 137)
        #expect((status["restartCount"]?.intValue ?? 0) >= 1)
        #expect(status[path: ["state", "waiting", "reason"]] == "CrashLoopBackOff")
    }

    @Test func anUnschedulablePodStaysPendingWithTheSchedulersMessage() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("api", image: "acme/api:unschedulable", replicas: 1))
        let template = sim.deployment("api")[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(template?[path: ["resources", "requests", "cpu"]] == "16")
        sim.advance(20)
        let pending = pod(sim, "api")
        #expect(pending[path: ["status", "phase"]] == "Pending")
        #expect(pending[path: ["spec", "nodeName"]] == nil)
        #expect(pending[path: ["status", "containerStatuses"]] == nil)
        let scheduled = condition(pending, "PodScheduled")
        #expect(scheduled["status"] == "False")
        #expect(scheduled["reason"] == "Unschedulable")
        #expect(
            scheduled["message"]
                == "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."
        )
    }

    @Test func aMissingConfigMapIsACreateContainerConfigErrorUntilItExists() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("api", image: "acme/api:noconfig", replicas: 1))
        let template = sim.deployment("api")[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(template?["envFrom"] == [["configMapRef": ["name": "api-config"]]])
        sim.advance(5)
        let status = container(pod(sim, "api"))
        #expect(status[path: ["state", "waiting", "reason"]] == "CreateContainerConfigError")
        #expect(status[path: ["state", "waiting", "message"]] == #"configmap "api-config" not found"#)
        #expect(pod(sim, "api")[path: ["status", "phase"]] == "Pending")
        let created = sim.request(
            .post, "/api/v1/namespaces/staging/configmaps",
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "api-config"], "data": ["DATABASE_URL": "postgres://db"]])
        #expect(created.code == 201)
        sim.advance(2)
        #expect(container(pod(sim, "api"))[path: ["state", "running"]] != nil)
        #expect(container(pod(sim, "api"))["ready"] == true)
    }

    @Test func anUnreadyContainerRunsButIsNeverReady() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("api", image: "acme/api:unready", replicas: 2))
        let template = sim.deployment("api")[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
        #expect(template?[path: ["readinessProbe", "httpGet", "path"]] == "/healthz")
        sim.advance(30)
        for pod in sim.allPods(app: "api") {
            #expect(pod[path: ["status", "phase"]] == "Running")
            #expect(container(pod)["ready"] == false)
            #expect(container(pod)["started"] == true)
            #expect(condition(pod, "Ready")["status"] == "False")
        }
        #expect(sim.deployment("api")[path: ["status", "replicas"]] == 2)
        #expect(sim.deployment("api")[path: ["status", "readyReplicas"]] == nil)
        #expect(sim.deployment("api")[path: ["status", "availableReplicas"]] == nil)
    }

    @Test func aBrokenImageAlternatesErrImagePullAndBackOff() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("api", image: "acme/api:2.0-broken", replicas: 1))
        sim.advance(1)  // the pod is created
        sim.advance(1.5)
        var waiting = container(pod(sim, "api"))[path: ["state", "waiting"]] ?? .null
        #expect(waiting["reason"] == "ErrImagePull")
        #expect(waiting["message"]?.stringValue?.hasPrefix("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/acme/api:2.0-broken\"") == true)
        sim.advance(3)
        waiting = container(pod(sim, "api"))[path: ["state", "waiting"]] ?? .null
        #expect(waiting["reason"] == "ImagePullBackOff")
        #expect(waiting["message"]?.stringValue?.hasPrefix("Back-off pulling image \"acme/api:2.0-broken\"") == true)
        #expect(pod(sim, "api")[path: ["status", "phase"]] == "Pending")
    }

    @Test func initContainersRunToCompletionFirst() {
        let sim = ClusterHarness()
        var manifest = Manifests.deployment("api", replicas: 1)
        manifest[path: ["spec", "template", "spec", "initContainers"]] = [["name": "migrate", "image": "acme/migrate:1"]]
        sim.create(manifest)
        sim.advance(4)
        let running = pod(sim, "api")
        let initStatus = running[path: ["status", "initContainerStatuses"]]?.arrayValue?.first ?? .null
        #expect(initStatus[path: ["state", "terminated", "reason"]] == "Completed")
        #expect(initStatus[path: ["state", "terminated", "exitCode"]] == 0)
        #expect(condition(running, "Initialized")["status"] == "True")
        #expect(condition(running, "Ready")["status"] == "True")

        let failing = ClusterHarness()
        var bad = Manifests.deployment("api", replicas: 1)
        bad[path: ["spec", "template", "spec", "initContainers"]] = [["name": "migrate", "image": "acme/migrate:crashloop"]]
        failing.create(bad)
        failing.advance(15)
        let stuck = pod(failing, "api")
        #expect(condition(stuck, "Initialized")["status"] == "False")
        #expect(condition(stuck, "Initialized")["message"] == "containers with incomplete status: [migrate]")
        #expect(container(stuck)[path: ["state", "waiting", "reason"]] == "PodInitializing")
        #expect(stuck[path: ["status", "phase"]] == "Pending")
        #expect(TableRenderer.podStatus(stuck) == "Init:CrashLoopBackOff")
    }

    @Test func aCrashingRolloutKeepsTheOldPodsAsTheOnlyReadyOnes() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 2))
        sim.advance(10)
        sim.setImage("web", "nginx:crashloop")
        sim.advance(30)
        let sets = sim.replicaSets(of: "web")
        #expect(sets.count == 2)
        #expect(sets[1][path: ["status", "replicas"]] == 1)
        #expect(sets[1][path: ["status", "readyReplicas"]] == nil)
        #expect(sets[0][path: ["status", "readyReplicas"]] == 2)
        let status = sim.deployment("web")["status"] ?? .null
        #expect(status["readyReplicas"] == 2)
        #expect(status["updatedReplicas"] == 1)
        #expect(status["unavailableReplicas"] == 1)
    }
}
