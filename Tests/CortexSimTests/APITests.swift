import CortexCore
import CortexSim
import Foundation
import Testing

/// The REST API over real HTTP on loopback, as any client sees it.
@Suite struct APITests {
    /// A cluster whose controllers run once at start and then stay idle, so that resource
    /// versions only move when a test writes.
    private func withCluster(seed: ClusterSeed = .empty, _ body: (SimClient) async throws -> Void) async throws {
        let sim = try await SimulatedCluster.start(seed: seed, pace: .fast, tickInterval: 3600)
        do {
            try await body(SimClient(sim.url))
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    private let deployments = Manifests.deploymentPath("staging")
    private let web = Manifests.deploymentPath("staging", "web")

    // MARK: Discovery

    @Test func servesDiscovery() async throws {
        try await withCluster { client in
            let version = try await client.get("/version").json
            #expect(version["major"] == "1")
            #expect(version["minor"] == "32")
            #expect(try await client.get("/api").json["versions"] == ["v1"])
            let groups = try await client.get("/apis").json["groups"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(groups == [
                "apps", "autoscaling", "discovery.k8s.io", "events.k8s.io", "batch", "networking.k8s.io", "storage.k8s.io",
                "metrics.k8s.io",
            ])
            let apps = try await client.get("/apis/apps/v1").json
            #expect(OpenAPISchemas.appsV1.problems(apps, as: "io.k8s.apimachinery.pkg.apis.meta.v1.APIResourceList") == [])
            let scale = apps["resources"]?.arrayValue?.first { $0["name"] == "deployments/scale" }
            #expect(scale?["group"] == "autoscaling")
            #expect(scale?["kind"] == "Scale")
            let core = try await client.get("/api/v1").json["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(core?.contains("pods/log") == true)
            #expect(core?.contains("namespaces") == true)
            #expect(try await client.get("/openapi/v3").json[path: ["paths", "apis/apps/v1", "serverRelativeURL"]] != nil)
        }
    }

    @Test func answersUnknownPathsAndMethodsWithStatus() async throws {
        try await withCluster { client in
            let missing = try await client.get("/apis/policy/v1/namespaces/staging/poddisruptionbudgets")
            #expect(missing.status == 404)
            #expect(missing.json["kind"] == "Status")
            let method = try await client.send("PUT", "/apis/apps/v1/namespaces/staging/deployments")
            #expect(method.status == 405)
            #expect(method.json["reason"] == "MethodNotAllowed")
        }
    }

    // MARK: Errors

    @Test func aMissingObjectIsARealNotFoundStatus() async throws {
        try await withCluster { client in
            let reply = try await client.get(Manifests.deploymentPath("staging", "nope"))
            #expect(reply.status == 404)
            #expect(reply.contentType.hasPrefix("application/json"))
            #expect(
                reply.json == [
                    "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
                    "message": "deployments.apps \"nope\" not found", "reason": "NotFound",
                    "details": ["name": "nope", "group": "apps", "kind": "deployments"], "code": 404,
                ])
            #expect(OpenAPISchemas.appsV1.problems(reply.json, as: "io.k8s.apimachinery.pkg.apis.meta.v1.Status") == [])
        }
    }

    // MARK: Create

    @Test func createFillsInDefaultsAndSystemFields() async throws {
        try await withCluster { client in
            let reply = try await client.post(deployments, Manifests.deployment("web"))
            #expect(reply.status == 201)
            let object = reply.json
            #expect(object[path: ["metadata", "uid"]]?.stringValue?.count == 36)
            #expect(object[path: ["metadata", "resourceVersion"]] != nil)
            #expect(object[path: ["metadata", "generation"]] == 1)
            #expect(object[path: ["metadata", "creationTimestamp"]]?.stringValue?.hasSuffix("Z") == true)
            #expect(object[path: ["spec", "strategy", "rollingUpdate", "maxSurge"]] == "25%")
            #expect(object[path: ["spec", "progressDeadlineSeconds"]] == 600)
            #expect(object[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["imagePullPolicy"] == "IfNotPresent")
            #expect(OpenAPISchemas.appsV1.problems(object, as: "io.k8s.api.apps.v1.Deployment") == [])
            let again = try await client.post(deployments, Manifests.deployment("web"))
            #expect(again.status == 409)
            #expect(again.json["reason"] == "AlreadyExists")
            #expect(again.json["message"] == "deployments.apps \"web\" already exists")
        }
    }

    @Test func createRefusesWhatTheAPIServerRefuses() async throws {
        try await withCluster { client in
            let noNamespace = try await client.post(Manifests.deploymentPath("qa"), Manifests.deployment("web", namespace: "qa"))
            #expect(noNamespace.status == 404)
            #expect(noNamespace.json["message"] == "namespaces \"qa\" not found")

            let mismatch = try await client.post(deployments, Manifests.deployment("web", namespace: "production"))
            #expect(mismatch.status == 400)

            var noImage = Manifests.deployment("web")
            noImage[path: ["spec", "template", "spec", "containers"]] = [["name": "web"]]
            noImage[path: ["spec", "replicas"]] = -1
            let invalid = try await client.post(deployments, noImage)
            #expect(invalid.status == 422)
            #expect(invalid.json["reason"] == "Invalid")
            #expect(
                invalid.json["message"]
                    == "Deployment.apps \"web\" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.template.spec.containers[0].image: Required value]")
            let fields = invalid.json[path: ["details", "causes"]]?.arrayValue?.compactMap { $0["field"]?.stringValue }
            #expect(fields == ["spec.replicas", "spec.template.spec.containers[0].image"])
            #expect(OpenAPISchemas.appsV1.problems(invalid.json, as: "io.k8s.apimachinery.pkg.apis.meta.v1.Status") == [])

            var mismatchedLabels = Manifests.deployment("web")
            mismatchedLabels[path: ["spec", "template", "metadata", "labels"]] = ["app": "other"]
            #expect(try await client.post(deployments, mismatchedLabels).status == 422)

            var wrongType = Manifests.deployment("web")
            wrongType[path: ["spec", "replicas"]] = "3"
            let typed = try await client.post(deployments, wrongType)
            #expect(typed.status == 400)
            #expect(typed.json["message"]?.stringValue?.contains("spec.replicas") == true)

            var unknown = Manifests.deployment("web")
            unknown[path: ["spec", "replica"]] = 3
            let strict = try await client.post(deployments, unknown, query: "?fieldValidation=Strict")
            #expect(strict.status == 400)
            #expect(strict.json["message"] == "strict decoding error: unknown field \"spec.replica\"")
            #expect(try await client.post(deployments, unknown).status == 201)
        }
    }

    @Test func refusesProtobufAndBrokenJSON() async throws {
        try await withCluster { client in
            let protobuf = try await client.send(
                "POST", deployments, rawBody: "k8s\0", contentType: "application/vnd.kubernetes.protobuf")
            #expect(protobuf.status == 415)
            #expect(protobuf.json["reason"] == "UnsupportedMediaType")
            let broken = try await client.send("POST", deployments, rawBody: "{\"kind\":", contentType: "application/json")
            #expect(broken.status == 400)
            #expect(broken.json["reason"] == "BadRequest")
        }
    }

    @Test func dryRunAnswersAsIfAppliedAndStoresNothing() async throws {
        try await withCluster { client in
            let created = try await client.post(deployments, Manifests.deployment("web"), query: "?dryRun=All")
            #expect(created.status == 201)
            #expect(created.json[path: ["metadata", "uid"]] != nil)
            #expect(try await client.get(web).status == 404)

            _ = try await client.post(deployments, Manifests.deployment("web"))
            let before = try await client.get(web).json
            let patched = try await client.patch(
                web + "?dryRun=All", ["spec": ["replicas": 7]], type: "application/merge-patch+json")
            #expect(patched.json[path: ["spec", "replicas"]] == 7)
            #expect(patched.json[path: ["metadata", "generation"]] == 2)
            let scaled = try await client.patch(
                web + "/scale?dryRun=All", ["spec": ["replicas": 9]], type: "application/merge-patch+json")
            #expect(scaled.json[path: ["spec", "replicas"]] == 9)
            let deleted = try await client.send("DELETE", web + "?dryRun=All")
            #expect(deleted.status == 200)
            #expect(try await client.get(web).json == before)
        }
    }

    // MARK: Update and conflicts

    @Test func aStaleResourceVersionIsAConflict() async throws {
        try await withCluster { client in
            var object = try await client.post(deployments, Manifests.deployment("web")).json
            object[path: ["spec", "replicas"]] = 4
            let updated = try await client.send("PUT", web, body: object)
            #expect(updated.status == 200)
            #expect(updated.json[path: ["metadata", "generation"]] == 2)
            #expect(updated.json[path: ["metadata", "resourceVersion"]] != object[path: ["metadata", "resourceVersion"]])

            object[path: ["spec", "replicas"]] = 5
            let stale = try await client.send("PUT", web, body: object)
            #expect(stale.status == 409)
            #expect(stale.json["reason"] == "Conflict")
            #expect(
                stale.json["message"]
                    == "Operation cannot be fulfilled on deployments.apps \"web\": the object has been modified; please apply your changes to the latest version and try again")

            object[path: ["metadata", "resourceVersion"]] = nil
            #expect(try await client.send("PUT", web, body: object).status == 200)

            var renamed = object
            renamed[path: ["metadata", "name"]] = "other"
            #expect(try await client.send("PUT", web, body: renamed).status == 400)

            var selector = try await client.get(web).json
            selector[path: ["spec", "selector", "matchLabels", "tier"]] = "x"
            selector[path: ["spec", "template", "metadata", "labels", "tier"]] = "x"
            let immutable = try await client.send("PUT", web, body: selector)
            #expect(immutable.status == 422)
            #expect(immutable.json["message"]?.stringValue?.hasSuffix("field is immutable") == true)
        }
    }

    @Test func unchangedUpdatesKeepTheResourceVersion() async throws {
        try await withCluster { client in
            let object = try await client.post(deployments, Manifests.deployment("web")).json
            let same = try await client.send("PUT", web, body: object)
            #expect(same.json[path: ["metadata", "resourceVersion"]] == object[path: ["metadata", "resourceVersion"]])
        }
    }

    @Test func statusIsWrittenOnlyThroughTheStatusSubresource() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            let ignored = try await client.patch(
                web, ["status": ["replicas": 42], "spec": ["paused": true]], type: "application/merge-patch+json")
            #expect(ignored.json[path: ["status", "replicas"]] != 42)
            #expect(ignored.json[path: ["spec", "paused"]] == true)
            let written = try await client.patch(
                web + "/status", ["status": ["replicas": 42], "spec": ["paused": false]], type: "application/merge-patch+json")
            #expect(written.json[path: ["status", "replicas"]] == 42)
            #expect(written.json[path: ["spec", "paused"]] == true)
        }
    }

    // MARK: Patch

    @Test func acceptsTheFourPatchTypes() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))

            let strategic = try await client.patch(
                web,
                ["spec": ["template": ["spec": [
                    "$setElementOrder/containers": [["name": "web"]], "containers": [["name": "web", "image": "nginx:1.28"]],
                ]]]],
                type: "application/strategic-merge-patch+json")
            #expect(strategic.status == 200)
            let container = strategic.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first
            #expect(container?["image"] == "nginx:1.28")
            #expect(container?["ports"] == [["containerPort": 8080, "protocol": "TCP"]])

            let merge = try await client.patch(
                web, ["metadata": ["annotations": ["team": "web"]]], type: "application/merge-patch+json")
            #expect(merge.json[path: ["metadata", "annotations", "team"]] == "web")

            let json = try await client.patch(
                web,
                [
                    ["op": "test", "path": "/spec/template/spec/containers/0/name", "value": "web"],
                    ["op": "replace", "path": "/spec/replicas", "value": 2],
                ],
                type: "application/json-patch+json")
            #expect(json.json[path: ["spec", "replicas"]] == 2)

            let apply = try await client.patch(
                web + "?fieldManager=cortex&force=true",
                ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "web"], "spec": ["replicas": 5]],
                type: "application/apply-patch+yaml")
            #expect(apply.status == 200)
            #expect(apply.json[path: ["spec", "replicas"]] == 5)
            #expect(apply.json[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"] == "nginx:1.28")
            #expect(apply.json[path: ["metadata", "generation"]] == 4)
        }
    }

    @Test func patchFailuresAreStatusErrors() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            let failedTest = try await client.patch(
                web, [["op": "test", "path": "/spec/replicas", "value": 99]], type: "application/json-patch+json")
            #expect(failedTest.status == 422)
            let malformed = try await client.patch(web, [["op": "jump", "path": "/x"]], type: "application/json-patch+json")
            #expect(malformed.status == 400)
            let unsupported = try await client.patch(web, ["spec": [:]], type: "application/json")
            #expect(unsupported.status == 415)
            let missing = try await client.patch(
                Manifests.deploymentPath("staging", "nope"), ["spec": [:]], type: "application/merge-patch+json")
            #expect(missing.status == 404)
            let stale = try await client.patch(
                web, ["metadata": ["resourceVersion": "1"], "spec": ["replicas": 1]], type: "application/merge-patch+json")
            #expect(stale.status == 409)
        }
    }

    @Test func serverSideApplyCreatesAMissingObject() async throws {
        try await withCluster { client in
            var manifest = Manifests.deployment("web")
            manifest[path: ["metadata", "namespace"]] = nil
            let created = try await client.patch(web + "?fieldManager=cortex", manifest, type: "application/apply-patch+yaml")
            #expect(created.status == 201)
            #expect(created.json[path: ["metadata", "namespace"]] == "staging")
            let partial = try await client.patch(
                Manifests.deploymentPath("staging", "api") + "?fieldManager=cortex",
                ["apiVersion": "apps/v1", "kind": "Deployment", "metadata": ["name": "api"], "spec": ["replicas": 3]],
                type: "application/apply-patch+yaml")
            #expect(partial.status == 422)
        }
    }

    // MARK: Scale

    @Test func theScaleSubresourceSpeaksAutoscalingV1() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            let scale = try await client.get(web + "/scale").json
            #expect(scale["kind"] == "Scale")
            #expect(scale["apiVersion"] == "autoscaling/v1")
            #expect(scale[path: ["spec", "replicas"]] == 3)
            #expect(scale[path: ["status", "selector"]] == "app=web")
            #expect(OpenAPISchemas.appsV1.problems(scale, as: "io.k8s.api.autoscaling.v1.Scale") == [])

            var put = scale
            put[path: ["spec", "replicas"]] = 6
            let replaced = try await client.send("PUT", web + "/scale", body: put)
            #expect(replaced.status == 200)
            #expect(replaced.json[path: ["spec", "replicas"]] == 6)
            let stale = try await client.send("PUT", web + "/scale", body: put)
            #expect(stale.status == 409)

            let patched = try await client.patch(web + "/scale", ["spec": ["replicas": 2]], type: "application/merge-patch+json")
            #expect(patched.json[path: ["spec", "replicas"]] == 2)
            let deployment = try await client.get(web).json
            #expect(deployment[path: ["spec", "replicas"]] == 2)
            #expect(deployment[path: ["metadata", "generation"]] == 3)

            let negative = try await client.patch(web + "/scale", ["spec": ["replicas": -1]], type: "application/merge-patch+json")
            #expect(negative.status == 422)
            #expect(negative.json[path: ["details", "kind"]] == "Scale")
        }
    }

    // MARK: Lists

    @Test func eventsFilterByTheFieldLabelsOfARealServerAndRefuseOthers() async throws {
        try await withCluster { client in
            let events = "/api/v1/namespaces/default/events"
            func event(_ name: String, kind: String, object: String, component: String?, reporting: String? = nil) -> JSONValue {
                var e: JSONValue = ["apiVersion": "v1", "kind": "Event", "metadata": ["name": .string(name), "namespace": "default"],
                                    "involvedObject": ["kind": .string(kind), "name": .string(object), "namespace": "default"],
                                    "reason": "Started", "message": "m", "type": "Normal"]
                if let component { e["source"] = ["component": .string(component)] }
                if let reporting { e["reportingComponent"] = .string(reporting); e["reportingInstance"] = "i" }
                return e
            }
            _ = try await client.post(events, event("web-1.a", kind: "Pod", object: "web-1", component: "kubelet"))
            _ = try await client.post(events, event("web-1.b", kind: "Pod", object: "web-1", component: nil, reporting: "kubelet"))
            _ = try await client.post(events, event("web.c", kind: "Deployment", object: "web", component: "deployment-controller"))
            _ = try await client.post(events, event("web-1.d", kind: "ReplicaSet", object: "web-1", component: "replicaset-controller"))

            let pod = try await client.get(events + "?fieldSelector=involvedObject.kind%3DPod,involvedObject.name%3Dweb-1").json
            #expect(pod["items"]?.arrayValue?.map(\.metadataName) == ["web-1.a", "web-1.b"])
            // `source` is the reporting component, taken from `reportingComponent` when `source` is empty.
            let kubelet = try await client.get(events + "?fieldSelector=source%3Dkubelet").json
            #expect(kubelet["items"]?.arrayValue?.map(\.metadataName) == ["web-1.a", "web-1.b"])
            let notPods = try await client.get(events + "?fieldSelector=involvedObject.kind!%3DPod").json
            #expect(notPods["items"]?.arrayValue?.map(\.metadataName) == ["web-1.d", "web.c"])

            let unknown = try await client.get(events + "?fieldSelector=message%3Dm")
            #expect(unknown.status == 400)
            #expect(unknown.json["message"] == "field label not supported: message")
        }
    }

    @Test func listsFilterByLabelAndFieldAndPage() async throws {
        try await withCluster { client in
            for name in ["a", "b", "c"] {
                _ = try await client.post(deployments, Manifests.deployment(name))
            }
            let all = try await client.get(deployments).json
            #expect(all["kind"] == "DeploymentList")
            #expect(all["apiVersion"] == "apps/v1")
            #expect(all[path: ["metadata", "resourceVersion"]] != nil)
            #expect(all["items"]?.arrayValue?.count == 3)
            #expect(OpenAPISchemas.appsV1.problems(all, as: "io.k8s.api.apps.v1.DeploymentList") == [])

            let byLabel = try await client.get(deployments + "?labelSelector=app%20in%20(a,c)").json
            #expect(byLabel["items"]?.arrayValue?.map(\.metadataName) == ["a", "c"])
            let byField = try await client.get(deployments + "?fieldSelector=metadata.name%3Db").json
            #expect(byField["items"]?.arrayValue?.map(\.metadataName) == ["b"])
            let everywhere = try await client.get("/apis/apps/v1/deployments?labelSelector=app!%3Da").json
            #expect(everywhere["items"]?.arrayValue?.map(\.metadataName) == ["b", "c"])

            let first = try await client.get(deployments + "?limit=2").json
            #expect(first["items"]?.arrayValue?.count == 2)
            let token = first[path: ["metadata", "continue"]]?.stringValue ?? ""
            #expect(first[path: ["metadata", "remainingItemCount"]] == 1)
            let second = try await client.get(deployments + "?limit=2&continue=\(token)").json
            #expect(second["items"]?.arrayValue?.map(\.metadataName) == ["c"])
            #expect(try await client.get(deployments + "?continue=garbage").status == 410)
            #expect(try await client.get(deployments + "?labelSelector=app%20in%20x").status == 400)
        }
    }

    @Test func rendersTablesForKubectl() async throws {
        try await withCluster(seed: .standard) { client in
            let table = try await client.get(
                Manifests.deploymentPath("production"),
                accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json
            #expect(table["kind"] == "Table")
            let columns = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
            #expect(columns == ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
            let row = table["rows"]?.arrayValue?.first { $0[path: ["object", "metadata", "name"]] == "payments" }
            #expect(row?["cells"]?.arrayValue?[1] == "3/3")
            #expect(row?["cells"]?.arrayValue?[6] == "ghcr.io/acme/payments:2.3.1")
            #expect(row?[path: ["object", "kind"]] == "PartialObjectMetadata")
        }
    }

    // MARK: Watch

    @Test func watchWithoutAVersionStartsWithTheCurrentState() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            _ = try await client.post(deployments, Manifests.deployment("api"))
            let events = try await client.get(deployments + "?watch=1&timeoutSeconds=1").text.split(separator: "\n")
                .compactMap { try? JSONValue(parsing: String($0)) }
            #expect(events.map { $0["type"] } == ["ADDED", "ADDED"])
            #expect(events.map { $0[path: ["object", "metadata", "name"]] } == ["api", "web"])
        }
    }

    @Test func watchFromAVersionSendsTheLaterChanges() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            let list = try await client.get(deployments + "?fieldSelector=metadata.name%3Dweb").json
            let version = list[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""

            // Changes made before the watch request arrives are replayed from the history,
            // so the order of the two calls does not matter.
            async let watch = client.get(
                deployments + "?watch=true&fieldSelector=metadata.name%3Dweb&resourceVersion=\(version)&timeoutSeconds=2")
            _ = try await client.patch(web, ["spec": ["replicas": 5]], type: "application/merge-patch+json")
            _ = try await client.post(deployments, Manifests.deployment("api"))

            let changes = try await watch.text.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
            #expect(changes.map { $0["type"] } == ["MODIFIED"])
            #expect(changes.first?[path: ["object", "spec", "replicas"]] == 5)
        }
    }

    @Test func deletionsAreWatchedToo() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            let version = try await client.get(deployments).json[path: ["metadata", "resourceVersion"]]?.stringValue ?? ""
            async let watch = client.get(deployments + "?watch=true&resourceVersion=\(version)&timeoutSeconds=2")
            let deleted = try await client.send("DELETE", web, body: ["propagationPolicy": "Background"], contentType: "application/json")
            #expect(deleted.json["status"] == "Success")
            #expect(deleted.json[path: ["details", "kind"]] == "deployments")
            let events = try await watch.text.split(separator: "\n").compactMap { try? JSONValue(parsing: String($0)) }
            #expect(events.map { $0["type"] } == ["DELETED"])
            #expect(try await client.get(web).status == 404)
        }
    }

    // MARK: Delete

    @Test func deletePreconditionsAreChecked() async throws {
        try await withCluster { client in
            _ = try await client.post(deployments, Manifests.deployment("web"))
            let wrongUID = try await client.send(
                "DELETE", web, body: ["preconditions": ["uid": "not-the-uid"]], contentType: "application/json")
            #expect(wrongUID.status == 409)
            let byQuery = try await client.send("DELETE", web + "?propagationPolicy=Foreground")
            #expect(byQuery.status == 200)
            #expect(byQuery.json["kind"] == "Deployment")
            #expect(try await client.send("DELETE", Manifests.deploymentPath("staging", "nope")).status == 404)
        }
    }

    // MARK: Pods and logs

    @Test func podLogsArePlausibleAndHonourTailLines() async throws {
        try await withCluster(seed: .standard) { client in
            let pods = try await client.get("/api/v1/namespaces/production/pods?labelSelector=app%3Dpayments").json
            #expect(pods["kind"] == "PodList")
            let name = pods["items"]?.arrayValue?.first?.metadataName ?? ""
            #expect(name.hasPrefix("payments-"))
            let logs = try await client.get("/api/v1/namespaces/production/pods/\(name)/log?tailLines=5")
            #expect(logs.status == 200)
            #expect(logs.contentType.hasPrefix("text/plain"))
            let lines = logs.text.split(separator: "\n")
            #expect(lines.count == 5)
            #expect(lines.allSatisfy { $0.contains("INFO") || $0.contains("WARN") })
            let stamped = try await client.get("/api/v1/namespaces/production/pods/\(name)/log?tailLines=1&timestamps=true")
            #expect(stamped.text.split(separator: " ").first?.hasSuffix("Z") == true)
            let wrong = try await client.get("/api/v1/namespaces/production/pods/\(name)/log?container=nope")
            #expect(wrong.status == 400)
        }
    }
}
