import CortexCore
@testable import CortexKube
import Foundation
import Testing

@Suite struct RequestBuildingTests {
    let r = KubeRequests()
    let schema: OpenAPISchema

    init() throws { schema = try OpenAPISchema.apps() }

    func deployment() -> Deployment {
        Deployment(metadata: ObjectMeta(name: "security-worker", labels: ["app": "security-worker"]),
                   spec: DeploymentSpec(replicas: 3, selector: LabelSelector(matchLabels: ["app": "security-worker"]),
                                        template: PodTemplate(labels: ["app": "security-worker"],
                                                              containers: [("security-worker", "registry.example.com/security-worker:1.5")])))
    }

    @Test func pathsAndQueries() {
        #expect(r.getDeployment("staging", "web").description == "GET /apis/apps/v1/namespaces/staging/deployments/web")
        #expect(r.listDeployments("staging").description == "GET /apis/apps/v1/namespaces/staging/deployments?limit=500")
        #expect(r.listDeployments("staging", continue: "a b=").description == "GET /apis/apps/v1/namespaces/staging/deployments?limit=500&continue=a%20b%3D")
        #expect(r.getScale("staging", "web").description == "GET /apis/apps/v1/namespaces/staging/deployments/web/scale")
        let selector = LabelSelector(matchLabels: ["tier": "back", "app": "web"],
                                     matchExpressions: [.init(key: "env", operator: "In", values: ["b", "a"]), .init(key: "canary", operator: "DoesNotExist")])
        #expect(r.listReplicaSets("staging", selector: selector).description
                == "GET /apis/apps/v1/namespaces/staging/replicasets?labelSelector=app%3Dweb%2Ctier%3Dback%2Cenv%20in%20%28a%2Cb%29%2C%21canary")
        #expect(r.listPods("staging", selector: LabelSelector(matchLabels: ["app": "web"])).description
                == "GET /api/v1/namespaces/staging/pods?labelSelector=app%3Dweb")
        #expect(r.podLogs("staging", pod: "web-1", container: "web", tailLines: 20).description
                == "GET /api/v1/namespaces/staging/pods/web-1/log?container=web&tailLines=20")
    }

    @Test func createIsValidAppsV1AndCarriesDryRunWhenPlanning() throws {
        let plan = r.createDeployment("staging", deployment(), dryRun: true)
        #expect(plan.description == "POST /apis/apps/v1/namespaces/staging/deployments?dryRun=All&fieldManager=cortex&fieldValidation=Strict")
        #expect(plan.contentType == "application/json")
        let body = try #require(plan.bodyJSON)
        #expect(schema.validate(body, as: OpenAPISchema.deploymentSchema) == [])
        #expect(body["kind"] == "Deployment" && body["apiVersion"] == "apps/v1")
        let real = r.createDeployment("staging", deployment(), dryRun: false)
        #expect(!real.isDryRun)
        #expect(real.body == plan.body)
    }

    @Test func validatorCatchesBrokenBodies() throws {
        var body = try #require(r.createDeployment("staging", deployment(), dryRun: false).bodyJSON)
        body[path: ["spec", "replicas"]] = "3"
        body[path: ["spec", "selector"]] = nil
        body[path: ["spec", "template", "spec", "containers"]] = ["bogus": 1]
        let problems = schema.validate(body, as: OpenAPISchema.deploymentSchema)
        #expect(problems.contains(".spec.replicas: expected integer, got \"3\""))
        #expect(problems.contains(".spec.selector: required"))
        #expect(problems.contains(".spec.template.spec.containers: expected array"))
    }

    @Test func patchesAreValidPartialDeployments() throws {
        let patches: [(KubeRequest, PatchType)] = [
            (r.patchDeployment("staging", "web", .strategicMerge, DeploymentPatch.update(replicas: 3, container: "web", image: "web:1.5"), dryRun: true), .strategicMerge),
            (r.patchDeployment("staging", "web", .strategicMerge, DeploymentPatch.restart(at: "2026-11-22T17:27:12Z"), dryRun: false), .strategicMerge),
        ]
        for (request, type) in patches {
            #expect(request.method == .patch)
            #expect(request.contentType == type.rawValue)
            #expect(schema.validate(try #require(request.bodyJSON), as: OpenAPISchema.deploymentSchema, partial: true) == [])
        }
        #expect(patches[0].0.bodyJSON?.serializedString()
                == #"{"spec":{"replicas":3,"template":{"spec":{"containers":[{"image":"web:1.5","name":"web"}]}}}}"#)
        #expect(patches[1].0.bodyJSON?.serializedString()
                == #"{"spec":{"template":{"metadata":{"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-11-22T17:27:12Z"}}}}}"#)
        #expect(patches[0].0.isDryRun && !patches[1].0.isDryRun)
    }

    @Test func rollbackPatchValuesAreValid() throws {
        let template = deployment().spec.template
        let patch = DeploymentPatch.rollback(template: template, annotations: ["deployment.kubernetes.io/revision": "2"])
        let request = r.patchDeployment("staging", "web", .json, patch, dryRun: true)
        #expect(request.contentType == "application/json-patch+json")
        let ops = try #require(request.bodyJSON?.arrayValue)
        #expect(ops.map { $0["path"] } == ["/spec/template", "/metadata/annotations"])
        #expect(schema.validate(try #require(ops[0]["value"]), as: "io.k8s.api.core.v1.PodTemplateSpec") == [])
    }

    @Test func scalePutIsAValidScaleWithResourceVersion() throws {
        var scale = Scale(metadata: ObjectMeta(name: "web", namespace: "staging", resourceVersion: "12345"), replicas: 4)
        scale.status = nil
        let request = r.putScale("staging", scale, dryRun: false)
        #expect(request.description == "PUT /apis/apps/v1/namespaces/staging/deployments/web/scale?fieldManager=cortex")
        let body = try #require(request.bodyJSON)
        #expect(schema.validate(body, as: OpenAPISchema.scaleSchema) == [])
        #expect(body[path: ["metadata", "resourceVersion"]] == "12345")
        #expect(body[path: ["spec", "replicas"]] == 4)
    }

    @Test func deleteSendsBackgroundPropagation() throws {
        let request = r.deleteDeployment("staging", "web", dryRun: true)
        #expect(request.description == "DELETE /apis/apps/v1/namespaces/staging/deployments/web?dryRun=All")
        let body = try #require(request.bodyJSON)
        #expect(body == ["propagationPolicy": "Background"])
        #expect(schema.validate(body, as: OpenAPISchema.deleteOptionsSchema) == [])
    }

    @Test func decodesServerObjectsWithAbsentCountsAndUnknownFields() throws {
        let json = #"""
        {"kind":"DeploymentList","apiVersion":"apps/v1","metadata":{"resourceVersion":"9","continue":""},"items":[
         {"metadata":{"name":"web","generation":4,"annotations":{"deployment.kubernetes.io/revision":"3"},"managedFields":[{}]},
          "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},
            "spec":{"containers":[{"name":"web","image":"nginx:1.27","ports":[{"containerPort":80}]}]}},
            "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%","maxUnavailable":1}}},
          "status":{"observedGeneration":4,"replicas":3,"readyReplicas":3,"terminatingReplicas":0}}]}
        """#
        let list = try JSONDecoder().decode(ObjectList<Deployment>.self, from: Data(json.utf8))
        let d = try #require(list.items.first)
        #expect(d.revision == 3)
        #expect(d.status?.updatedReplicas == nil)
        #expect(d.spec.template.containers.map(\.image) == ["nginx:1.27"])
        // The template is kept whole, fields cortex does not model included.
        #expect(d.spec.template.json[path: ["spec", "containers"]]?.arrayValue?.first?["ports"] != nil)
    }
}

@Suite struct RolloutStatusTests {
    static func d(generation: Int = 2, observed: Int? = 2, replicas: Int? = 3, status: (total: Int?, updated: Int?, available: Int?) = (3, 3, 3),
                  progressing: String? = nil, revision: String? = "2") -> Deployment {
        var conditions: [DeploymentCondition]?
        if let progressing { conditions = [DeploymentCondition(type: "Progressing", status: progressing == "ProgressDeadlineExceeded" ? "False" : "True", reason: progressing)] }
        return Deployment(
            metadata: ObjectMeta(name: "web", generation: generation, annotations: revision.map { [KubeAnnotation.revision: $0] }),
            spec: DeploymentSpec(replicas: replicas, selector: LabelSelector(matchLabels: ["app": "web"]),
                                 template: PodTemplate(labels: ["app": "web"], containers: [("web", "web:1")])),
            status: DeploymentStatus(observedGeneration: observed, replicas: status.total, updatedReplicas: status.updated,
                                     availableReplicas: status.available, conditions: conditions))
    }

    @Test(arguments: [
        (d(generation: 3, observed: 2), RolloutState.waiting("Waiting for deployment spec update to be observed...")),
        (d(observed: nil), .waiting("Waiting for deployment spec update to be observed...")),
        (d(progressing: "ProgressDeadlineExceeded"), .failed("deployment \"web\" exceeded its progress deadline")),
        (d(status: (3, 1, 3), progressing: "ProgressDeadlineExceeded"), .failed("deployment \"web\" exceeded its progress deadline")),
        (d(status: (4, 1, 3)), .waiting("Waiting for deployment \"web\" rollout to finish: 1 out of 3 new replicas have been updated...")),
        (d(status: (4, 3, 3)), .waiting("Waiting for deployment \"web\" rollout to finish: 1 old replicas are pending termination...")),
        (d(status: (3, 3, 2)), .waiting("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available...")),
        (d(status: (nil, nil, nil)), .waiting("Waiting for deployment \"web\" rollout to finish: 0 out of 3 new replicas have been updated...")),
        (d(), .complete("deployment \"web\" successfully rolled out")),
        (d(progressing: "NewReplicaSetAvailable"), .complete("deployment \"web\" successfully rolled out")),
        (d(replicas: 0, status: (nil, nil, nil)), .complete("deployment \"web\" successfully rolled out")),
        // spec.replicas unset: only the old-replica and availability rules apply.
        (d(replicas: nil, status: (2, 2, 1)), .waiting("Waiting for deployment \"web\" rollout to finish: 1 of 2 updated replicas are available...")),
    ])
    func kubectlRules(_ deployment: Deployment, _ expected: RolloutState) {
        #expect(RolloutStatus.evaluate(deployment) == expected)
    }

    /// The progress line shown while cortex waits speaks like the rest of cortex, not like
    /// `kubectl rollout status`; a finished rollout has no progress line (the report says it).
    @Test(arguments: [
        (d(generation: 3, observed: 2), "web in staging: waiting for the controller to take up the change" as String?),
        (d(status: (4, 1, 3)), "web in staging: 1 of 3 replicas updated"),
        (d(status: (4, 3, 3)), "web in staging: 3 of 3 replicas updated, 1 old replica stopping"),
        (d(status: (5, 3, 3)), "web in staging: 3 of 3 replicas updated, 2 old replicas stopping"),
        (d(status: (3, 3, 2)), "web in staging: 3 of 3 replicas updated, 2 available"),
        (d(), nil),
        (d(progressing: "ProgressDeadlineExceeded"), nil),
    ])
    func progressInCortexWords(_ deployment: Deployment, _ expected: String?) {
        #expect(RolloutProgress.line(deployment, place: "web in staging") == expected)
    }

    @Test func revisionMustMatchWhenGiven() {
        #expect(RolloutStatus.evaluate(Self.d(), revision: 2).isFinal)
        #expect(RolloutStatus.evaluate(Self.d(), revision: 3) == .failed("desired revision (3) is different from the running revision (2)"))
        #expect(RolloutStatus.evaluate(Self.d(revision: nil), revision: 1) == .failed("desired revision (1) is different from the running revision (none)"))
    }
}

@Suite struct RolloutWaiterTests {
    @Test func reportsEachNewMessageOnceAndCompletes() throws {
        let clock = FakeClock()
        var states = [RolloutStatusTests.d(generation: 3, observed: 2), RolloutStatusTests.d(status: (4, 1, 3)),
                      RolloutStatusTests.d(status: (4, 1, 3)), RolloutStatusTests.d(status: (3, 3, 2)), RolloutStatusTests.d()]
        var seen: [String] = []
        let outcome = try RolloutWaiter(pollInterval: .seconds(2), clock: clock).wait(fetch: { () throws(CortexError) -> Deployment? in
            states.removeFirst()
        }, progress: { seen.append($0) })
        #expect(outcome == .complete(RolloutStatusTests.d()))
        #expect(seen.count == 4)
        #expect(clock.sleeps == [.seconds(2), .seconds(2), .seconds(2), .seconds(2)])
    }

    @Test func timesOutWithTheLastMessage() throws {
        let clock = FakeClock()
        let outcome = try RolloutWaiter(timeout: .seconds(5), pollInterval: .seconds(2), clock: clock).wait(
            fetch: { () throws(CortexError) -> Deployment? in RolloutStatusTests.d(status: (3, 3, 2)) }, progress: { _ in })
        #expect(outcome == .timedOut("Waiting for deployment \"web\" rollout to finish: 2 of 3 updated replicas are available..."))
        #expect(clock.now() == .seconds(5))
    }

    @Test func cancellationStopsWaiting() throws {
        let outcome = try RolloutWaiter(clock: FakeClock()).wait(cancellation: TestCancellation(after: 2),
            fetch: { () throws(CortexError) -> Deployment? in RolloutStatusTests.d(status: (3, 3, 2)) }, progress: { _ in })
        guard case .cancelled(let last) = outcome else { Issue.record("expected cancelled, got \(outcome)"); return }
        #expect(last.contains("2 of 3"))
    }

    /// The health judge is asked only while the rollout is pending, and a certain failure
    /// ends the wait at once, long before the timeout.
    @Test func aCertainFailureEndsTheWaitBeforeTheDeadline() throws {
        let clock = FakeClock()
        let failure = RolloutFailure(service: "web", workload: "web", environment: "staging", revision: 2, version: "v2", newPods: 1,
                                     failing: [PodFailureCount(reason: "CrashLoopBackOff", pods: 1)], detail: "exit 1", cause: "crash",
                                     firstFailureAt: nil, detectedAt: Date(timeIntervalSince1970: 0), remedy: nil, remedyTarget: nil)
        var asked = 0
        let pending = RolloutStatusTests.d(status: (3, 3, 2))
        let outcome = try RolloutWaiter(timeout: .seconds(300), pollInterval: .seconds(1), clock: clock).wait(
            fetch: { () throws(CortexError) -> Deployment? in pending },
            health: { _ in
                asked += 1
                return asked == 3 ? failure : nil
            }, progress: { _ in })
        #expect(outcome == .unhealthy(failure, pending))
        #expect(clock.now() == .seconds(2))
        var judged = 0
        let done = try RolloutWaiter(clock: FakeClock()).wait(fetch: { () throws(CortexError) -> Deployment? in RolloutStatusTests.d() },
                                                               health: { _ in judged += 1; return failure }, progress: { _ in })
        #expect(done == .complete(RolloutStatusTests.d()))
        #expect(judged == 0)
    }

    @Test func deadlineAndDeletionEndTheWait() throws {
        let failed = try RolloutWaiter(clock: FakeClock()).wait(
            fetch: { () throws(CortexError) -> Deployment? in RolloutStatusTests.d(progressing: "ProgressDeadlineExceeded") }, progress: { _ in })
        guard case .failed(let message, _) = failed else { Issue.record("expected failed"); return }
        #expect(message.contains("exceeded its progress deadline"))
        let deleted = try RolloutWaiter(clock: FakeClock()).wait(fetch: { () throws(CortexError) -> Deployment? in nil }, progress: { _ in })
        #expect(deleted == .deleted)
    }
}
