import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// The endpoints controllers, Jobs and CronJobs, Ingresses and the storage provisioner,
/// driven step by step through the API.
@Suite struct MoreKindsControllerTests {
    private let namespace = "/api/v1/namespaces/staging"
    private let batch = "/apis/batch/v1/namespaces/staging"

    private func deployment(_ name: String, image: String, replicas: Int, port: JSONValue? = nil) -> JSONValue {
        var container: JSONValue = ["name": .string(name), "image": .string(image)]
        if let port { container["ports"] = [port] }
        return [
            "apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": .string(name), "namespace": "staging"],
            "spec": [
                "replicas": .number(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                "template": ["metadata": ["labels": ["app": .string(name)]], "spec": ["containers": [container]]],
            ],
        ]
    }

    private func service(_ name: String, targetPort: JSONValue) -> JSONValue {
        ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)],
         "spec": ["selector": ["app": .string(name)], "ports": [["name": "http", "port": 80, "targetPort": targetPort]]]]
    }

    private func job(_ name: String, image: String = "busybox", restartPolicy: String = "Never", spec extra: JSONValue = [:]) -> JSONValue {
        var spec: JSONValue = [
            "template": ["spec": [
                "restartPolicy": .string(restartPolicy),
                "containers": [["name": .string(name), "image": .string(image), "command": ["echo", "done"]]],
            ]],
        ]
        for (key, value) in extra.objectValue ?? [:] { spec[key] = value }
        return ["apiVersion": "batch/v1", "kind": "Job", "metadata": ["name": .string(name)], "spec": spec]
    }

    // MARK: Endpoints

    @Test func endpointsListReadyPodsAtTheNamedTargetPort() {
        let sim = ClusterHarness()
        sim.create(deployment("shop", image: "ghcr.io/acme/shop:1.0", replicas: 2, port: ["name": "web", "containerPort": 8080]))
        #expect(sim.request(.post, "\(namespace)/services", service("shop", targetPort: "web")).code == 201)
        sim.advance(2)
        // Started but not ready yet: not-ready addresses only.
        let early = sim.request(.get, "\(namespace)/endpoints/shop").json
        #expect(early[path: ["subsets"]]?.arrayValue?.first?["addresses"] == nil)
        #expect(early[path: ["subsets"]]?.arrayValue?.first?["notReadyAddresses"]?.arrayValue?.count == 2)
        sim.advance(2)
        let endpoints = sim.request(.get, "\(namespace)/endpoints/shop").json
        let subset = endpoints["subsets"]?.arrayValue?.first ?? .null
        #expect(subset["addresses"]?.arrayValue?.count == 2)
        #expect(subset["notReadyAddresses"] == nil)
        #expect(subset["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
        let pods = sim.allPods(app: "shop")
        let ips = Set(pods.compactMap { $0[path: ["status", "podIP"]]?.stringValue })
        #expect(Set(subset["addresses"]?.arrayValue?.compactMap { $0["ip"]?.stringValue } ?? []) == ips)
        #expect(subset["addresses"]?.arrayValue?.first?[path: ["targetRef", "kind"]] == "Pod")

        let slices = sim.request(.get, "/apis/discovery.k8s.io/v1/namespaces/staging/endpointslices?labelSelector=kubernetes.io%2Fservice-name%3Dshop").json
        let slice = slices["items"]?.arrayValue?.first ?? .null
        #expect(slices["items"]?.arrayValue?.count == 1)
        #expect(slice.labels[EndpointsController.managedByLabel] == "endpointslice-controller.k8s.io")
        #expect(slice["addressType"] == "IPv4")
        #expect(slice["ports"] == [["name": "http", "port": 8080, "protocol": "TCP"]])
        #expect(slice["endpoints"]?.arrayValue?.allSatisfy { $0[path: ["conditions", "ready"]] == true } == true)
        #expect(slice[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "Service")

        // Nothing changed: nothing is rewritten.
        let version = sim.cluster.store.get(.endpoints, namespace: "staging", name: "shop")?.resourceVersion
        sim.advance(2)
        #expect(sim.cluster.store.get(.endpoints, namespace: "staging", name: "shop")?.resourceVersion == version)

        // A deleted pod leaves at once; its replacement joins when it is ready.
        let gone = pods[0]
        sim.request(.delete, "\(namespace)/pods/\(gone.name)")
        sim.advance(0.5)
        let after = sim.request(.get, "\(namespace)/endpoints/shop").json["subsets"]?.arrayValue?.first ?? .null
        let listed = (after["addresses"]?.arrayValue ?? []) + (after["notReadyAddresses"]?.arrayValue ?? [])
        #expect(!listed.contains { $0[path: ["targetRef", "name"]]?.stringValue == gone.name })
        sim.advance(4)
        let settled = sim.request(.get, "\(namespace)/endpoints/shop").json["subsets"]?.arrayValue?.first ?? .null
        #expect(settled["addresses"]?.arrayValue?.count == 2)

        // Deleting the Service removes both objects.
        sim.request(.delete, "\(namespace)/services/shop")
        sim.advance(1)
        #expect(sim.cluster.store.get(.endpoints, namespace: "staging", name: "shop") == nil)
        #expect(sim.cluster.store.list(.endpointSlices, namespace: "staging").isEmpty)
    }

    @Test func podsThatNeverBecomeReadyAreNotReadyAddresses() {
        let sim = ClusterHarness()
        sim.create(deployment("flaky", image: "ghcr.io/acme/flaky:1.0-unready", replicas: 1))
        #expect(sim.request(.post, "\(namespace)/services", service("flaky", targetPort: 9000)).code == 201)
        sim.advance(5)
        let subset = sim.request(.get, "\(namespace)/endpoints/flaky").json["subsets"]?.arrayValue?.first ?? .null
        #expect(subset["addresses"] == nil)
        #expect(subset["notReadyAddresses"]?.arrayValue?.count == 1)
        #expect(subset["ports"] == [["name": "http", "port": 9000, "protocol": "TCP"]])
        let table = sim.request(.get, "\(namespace)/endpoints", accept: "application/json;as=Table;v=v1;g=meta.k8s.io").json
        #expect(table["rows"]?.arrayValue?.first?["cells"]?.arrayValue?.dropFirst().first == "<none>")
    }

    // MARK: Jobs

    @Test func aJobRunsItsPodToCompletion() {
        let sim = ClusterHarness()
        let created = sim.request(.post, "\(batch)/jobs", job("hello"))
        #expect(created.code == 201)
        let spec = created.json["spec"] ?? .null
        #expect(spec["completions"] == 1 && spec["parallelism"] == 1 && spec["backoffLimit"] == 6)
        #expect(spec[path: ["selector", "matchLabels", "batch.kubernetes.io/controller-uid"]]?.stringValue == created.json.uid)
        #expect(spec[path: ["template", "metadata", "labels", "job-name"]] == "hello")

        sim.advance(1)
        let pods = sim.cluster.store.list(.pods, namespace: "staging").map(\.value).filter { $0.labels["job-name"] == "hello" }
        #expect(pods.count == 1)
        #expect(sim.request(.get, "\(batch)/jobs/hello").json[path: ["status", "active"]] == 1)
        sim.advance(3)
        let pod = sim.request(.get, "\(namespace)/pods/\(pods[0].name)").json
        #expect(pod[path: ["status", "phase"]] == "Succeeded")
        let terminated = pod[path: ["status", "containerStatuses"]]?.arrayValue?.first?[path: ["state", "terminated"]]
        #expect(terminated?["reason"] == "Completed" && terminated?["exitCode"] == 0)
        #expect(TableRenderer.podStatus(pod) == "Completed")
        #expect(sim.text("\(namespace)/pods/\(pods[0].name)/log").text == "done\n")

        let status = sim.request(.get, "\(batch)/jobs/hello").json["status"] ?? .null
        #expect(status["succeeded"] == 1)
        #expect(status["active"] == nil)
        #expect(status["startTime"] != nil && status["completionTime"] != nil)
        let types = status["conditions"]?.arrayValue?.compactMap { $0["type"]?.stringValue }
        #expect(types == ["SuccessCriteriaMet", "Complete"])
        // No second pod once complete.
        sim.advance(5)
        #expect(sim.cluster.store.list(.pods, namespace: "staging").filter { $0.value.labels["job-name"] == "hello" }.count == 1)

        let table = sim.request(.get, "\(batch)/jobs", accept: "application/json;as=Table;v=v1;g=meta.k8s.io").json
        let columns = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(columns == ["Name", "Status", "Completions", "Duration", "Age", "Containers", "Images", "Selector"])
        let cells = table["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
        #expect(Array(cells.prefix(3)) == ["hello", "Complete", "1/1"])
    }

    @Test func parallelismAndCompletionsRunSeveralPods() {
        let sim = ClusterHarness()
        #expect(sim.request(.post, "\(batch)/jobs", job("batchwork", spec: ["completions": 4, "parallelism": 2])).code == 201)
        sim.advance(0.5)
        #expect(sim.request(.get, "\(batch)/jobs/batchwork").json[path: ["status", "active"]] == 2)
        sim.advance(15)
        let status = sim.request(.get, "\(batch)/jobs/batchwork").json["status"] ?? .null
        #expect(status["succeeded"] == 4)
        #expect(sim.cluster.store.list(.pods, namespace: "staging").filter { $0.value.labels["job-name"] == "batchwork" }.count == 4)
    }

    @Test func failingPodsBeyondTheBackoffLimitFailTheJob() {
        let sim = ClusterHarness()
        #expect(sim.request(.post, "\(batch)/jobs", job("doomed", image: "ghcr.io/acme/task:crashloop", spec: ["backoffLimit": 1])).code == 201)
        // The first pod fails two seconds in; its replacement comes ten seconds later.
        sim.advance(10)
        #expect(sim.request(.get, "\(batch)/jobs/doomed").json[path: ["status", "failed"]] == 1)
        #expect(sim.request(.get, "\(batch)/jobs/doomed").json[path: ["status", "active"]] == nil)
        sim.advance(10)
        let status = sim.request(.get, "\(batch)/jobs/doomed").json["status"] ?? .null
        #expect(status["failed"] == 2)
        let failed = status["conditions"]?.arrayValue?.first { $0["type"] == "Failed" }
        #expect(failed?["reason"] == "BackoffLimitExceeded")
        let pods = sim.cluster.store.list(.pods, namespace: "staging").map(\.value).filter { $0.labels["job-name"] == "doomed" }
        #expect(pods.count == 2 && pods.allSatisfy { $0[path: ["status", "phase"]] == "Failed" })
    }

    @Test func aJobPastItsDeadlineFailsAndAFinishedOneGoesAfterItsTTL() {
        let sim = ClusterHarness()
        #expect(sim.request(.post, "\(batch)/jobs", job("slow", image: "ghcr.io/acme/task:1.0-unready", spec: ["activeDeadlineSeconds": 5])).code == 201)
        #expect(sim.request(.post, "\(batch)/jobs", job("brief", spec: ["ttlSecondsAfterFinished": 10])).code == 201)
        sim.advance(4)
        #expect(sim.request(.get, "\(batch)/jobs/slow").json[path: ["status", "active"]] == 1)
        #expect(JobController.statusWord(sim.request(.get, "\(batch)/jobs/brief").json) == "Complete")
        sim.advance(3)
        let slow = sim.request(.get, "\(batch)/jobs/slow").json
        #expect(slow[path: ["status", "conditions"]]?.arrayValue?.last?["reason"] == "DeadlineExceeded")
        #expect(sim.cluster.store.list(.pods, namespace: "staging").filter { $0.value.labels["job-name"] == "slow" }.isEmpty)
        sim.advance(10)
        #expect(sim.request(.get, "\(batch)/jobs/brief").code == 404)
        #expect(sim.cluster.store.list(.pods, namespace: "staging").filter { $0.value.labels["job-name"] == "brief" }.isEmpty)
    }

    @Test func aJobMustNotRestartAlways() {
        let sim = ClusterHarness()
        let reply = sim.request(.post, "\(batch)/jobs", job("bad", restartPolicy: "Always"))
        #expect(reply.code == 422)
        #expect(reply.json["message"]?.stringValue?.contains(#"spec.template.spec.restartPolicy: Unsupported value: "Always""#) == true)
    }

    // MARK: CronJobs

    @Test func cronScheduleFindsTheNextTime() throws {
        let base = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z, a Friday
        let every5 = try CronSchedule("*/5 * * * *")
        #expect(every5.next(after: base) == base.addingTimeInterval(300))
        let nightly = try CronSchedule("30 2 * * *")
        #expect(nightly.next(after: base) == Date(timeIntervalSince1970: 1_800_000_000 - 8 * 3600 + 86_400 + 2 * 3600 + 1800))
        let monday = try CronSchedule("0 9 * * mon")
        #expect(monday.next(after: base) == base.addingTimeInterval(3 * 86_400 + 3600))
        #expect(try CronSchedule("@hourly").next(after: base) == base.addingTimeInterval(3600))
        #expect(throws: CronSchedule.Problem.self) { try CronSchedule("61 * * * *") }
        #expect(throws: CronSchedule.Problem.self) { try CronSchedule("* * *") }
    }

    @Test func aCronJobCreatesJobsOnSchedule() {
        let sim = ClusterHarness()
        let cronJob: JSONValue = [
            "apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "tick"],
            "spec": ["schedule": "* * * * *", "successfulJobsHistoryLimit": 2, "jobTemplate": job("tick")["spec"].map { ["spec": $0] } ?? [:]],
        ]
        let created = sim.request(.post, "\(batch)/cronjobs", cronJob)
        #expect(created.code == 201)
        #expect(created.json[path: ["spec", "concurrencyPolicy"]] == "Allow")
        #expect(sim.request(.post, "\(batch)/cronjobs", ["apiVersion": "batch/v1", "kind": "CronJob", "metadata": ["name": "bad"],
                                                       "spec": ["schedule": "every minute", "jobTemplate": cronJob[path: ["spec", "jobTemplate"]] ?? [:]]]).code == 422)
        sim.advance(61, step: 5)
        var jobs = sim.cluster.store.list(.jobs, namespace: "staging").map(\.value)
        #expect(jobs.count == 1)
        #expect(jobs.first?.controllerKind == "CronJob")
        let status = sim.request(.get, "\(batch)/cronjobs/tick").json["status"] ?? .null
        #expect(status["lastScheduleTime"] != nil)
        sim.advance(250, step: 5)
        // Five runs, all finished; the two latest successful ones are kept.
        jobs = sim.cluster.store.list(.jobs, namespace: "staging").map(\.value)
        #expect(jobs.count == 2)
        #expect(sim.request(.get, "\(batch)/cronjobs/tick").json[path: ["status", "lastSuccessfulTime"]] != nil)
    }

    // MARK: Ingresses

    @Test func ingressesAreValidatedAndPrinted() {
        let sim = ClusterHarness()
        let path = "/apis/networking.k8s.io/v1/namespaces/staging/ingresses"
        func ingress(_ name: String, pathType: String?, port: JSONValue) -> JSONValue {
            var entry: JSONValue = ["path": "/cart", "backend": ["service": ["name": "web", "port": port]]]
            if let pathType { entry["pathType"] = .string(pathType) }
            return ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": .string(name)],
                    "spec": ["rules": [["host": "shop.example.com", "http": ["paths": [entry]]]]]]
        }
        let created = sim.request(.post, path, ingress("web", pathType: "Prefix", port: ["number": 80]))
        #expect(created.code == 201)
        #expect(created.json["status"] == ["loadBalancer": [:]])
        let missing = sim.request(.post, path, ingress("bad", pathType: nil, port: ["number": 80]))
        #expect(missing.code == 422)
        #expect(missing.json["message"]?.stringValue?.contains("spec.rules[0].http.paths[0].pathType: Required value") == true)
        #expect(sim.request(.post, path, ingress("bad", pathType: "Exact", port: [:])).code == 422)
        let empty: JSONValue = ["apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": ["name": "empty"], "spec": [:]]
        #expect(sim.request(.post, path, empty).code == 422)
        let table = sim.request(.get, path, accept: "application/json;as=Table;v=v1;g=meta.k8s.io").json
        #expect(table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue } == ["Name", "Class", "Hosts", "Address", "Ports", "Age"])
        let cells = table["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
        #expect(Array(cells.prefix(5)) == ["web", "<none>", "shop.example.com", "", "80"])
    }

    // MARK: Storage

    @Test func aClaimIsProvisionedAndBound() {
        let sim = ClusterHarness()
        let claim: JSONValue = [
            "apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "data"],
            "spec": ["accessModes": ["ReadWriteOnce"], "resources": ["requests": ["storage": "5Gi"]]],
        ]
        let created = sim.request(.post, "\(namespace)/persistentvolumeclaims", claim)
        #expect(created.code == 201)
        #expect(created.json[path: ["spec", "storageClassName"]] == "standard")
        #expect(created.json[path: ["status", "phase"]] == "Pending")
        sim.advance(2)
        let bound = sim.request(.get, "\(namespace)/persistentvolumeclaims/data").json
        #expect(bound[path: ["status", "phase"]] == "Bound")
        #expect(bound[path: ["status", "capacity", "storage"]] == "5Gi")
        let volumeName = bound[path: ["spec", "volumeName"]]?.stringValue ?? ""
        #expect(volumeName == "pvc-\(bound.uid)")
        let volume = sim.request(.get, "/api/v1/persistentvolumes/\(volumeName)").json
        #expect(volume[path: ["status", "phase"]] == "Bound")
        #expect(volume[path: ["spec", "claimRef", "name"]] == "data")
        #expect(volume[path: ["spec", "persistentVolumeReclaimPolicy"]] == "Delete")

        // A claim of a class that does not exist stays Pending.
        var other = claim
        other[path: ["metadata", "name"]] = "fast"
        other[path: ["spec", "storageClassName"]] = "ssd"
        #expect(sim.request(.post, "\(namespace)/persistentvolumeclaims", other).code == 201)
        let invalid: JSONValue = ["apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": ["name": "nothing"], "spec": [:]]
        #expect(sim.request(.post, "\(namespace)/persistentvolumeclaims", invalid).code == 422)
        sim.advance(3)
        #expect(sim.request(.get, "\(namespace)/persistentvolumeclaims/fast").json[path: ["status", "phase"]] == "Pending")
        // Retried every 15 seconds, not on every pass.
        func failures() -> Int? {
            sim.cluster.store.list(.events, namespace: "staging").map(\.value)
                .first { $0["reason"] == "ProvisioningFailed" && $0[path: ["involvedObject", "name"]] == "fast" }?["count"]?.intValue
        }
        #expect(failures() == 1)
        sim.advance(15)
        #expect(failures() == 2)

        // Deleting the claim deletes its volume (reclaim policy Delete).
        sim.request(.delete, "\(namespace)/persistentvolumeclaims/data")
        sim.advance(1)
        #expect(sim.request(.get, "/api/v1/persistentvolumes/\(volumeName)").code == 404)

        let classes = sim.request(.get, "/apis/storage.k8s.io/v1/storageclasses", accept: "application/json;as=Table;v=v1;g=meta.k8s.io").json
        #expect(classes["rows"]?.arrayValue?.first?["cells"]?.arrayValue?.first == "standard (default)")
    }

    @Test func discoveryServesTheNewGroups() {
        let sim = ClusterHarness()
        for (group, resources) in [("batch/v1", ["jobs", "cronjobs"]), ("networking.k8s.io/v1", ["ingresses"]),
                                   ("storage.k8s.io/v1", ["storageclasses"])] {
            let list = sim.request(.get, "/apis/\(group)").json
            let names = list["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(resources.allSatisfy(names.contains), "\(group): \(names)")
        }
        let core = sim.request(.get, "/api/v1").json["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        #expect(core.contains("persistentvolumes") && core.contains("endpoints"))
    }
}
