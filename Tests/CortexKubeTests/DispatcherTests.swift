import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// Collects lines (progress, warnings) reported from other code.
final class LineLog: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
    var lines: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

@Suite struct KubeDispatcherTests {
    let cluster = FakeCluster()
    let clock = FakeClock()
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func dispatcher(_ environments: EnvironmentClusterMap = EnvironmentClusterMap()) -> KubeDispatcher {
        KubeDispatcher(config: ResolvedKubeConfig(contextName: "kind-dev", server: "https://k8s.test:6443"), transport: cluster,
                       authenticator: StaticAuthenticator(RequestCredentials(bearerToken: Secret("t"))), environments: environments,
                       settings: KubeDispatchSettings(imageTemplate: ImageTemplate("registry.example.com/{service}:{version}")),
                       clock: clock, now: { Self.now })
    }

    /// Every body cortex sent is valid apps/v1 (patches as partial objects).
    func expectValidBodies() throws { try expectValidBodies(of: cluster) }

    func expectValidBodies(of cluster: FakeCluster) throws {
        let schema = try OpenAPISchema.apps()
        for request in cluster.mutations {
            guard let body = request.body, let json = try? JSONDecoder().decode(JSONValue.self, from: body) else { continue }
            let problems: [String]
            switch (request.method, request.headers["Content-Type"]) {
            case (.post, _): problems = schema.validate(json, as: OpenAPISchema.deploymentSchema)
            case (.put, _): problems = schema.validate(json, as: OpenAPISchema.scaleSchema)
            case (.delete, _): problems = schema.validate(json, as: OpenAPISchema.deleteOptionsSchema)
            case (.patch, PatchType.json.rawValue?):
                problems = (json.arrayValue ?? []).filter { $0["path"] == "/spec/template" }
                    .flatMap { schema.validate($0["value"] ?? .null, as: "io.k8s.api.core.v1.PodTemplateSpec") }
            default: problems = schema.validate(json, as: OpenAPISchema.deploymentSchema, partial: true)
            }
            #expect(problems == [], "\(request): \(problems)")
        }
    }

    @Test func deployCreatesAMissingServiceFromTheRegistryTemplate() throws {
        let op = Operation(.deploy, service: "security-worker", environment: "staging", replicas: 3, version: "1.5")
        let resolved = try dispatcher().resolve(op, environment: nil)
        #expect(resolved.target == ClusterTarget(context: "kind-dev", namespace: "staging"))
        #expect(resolved.current == nil)
        #expect(resolved.planned.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 3, image: "registry.example.com/security-worker:1.5"))
        #expect(cluster.deployment("staging", "security-worker") == nil)   // planning changed nothing
        #expect(cluster.mutations.map(\.description) == ["POST https://k8s.test:6443/apis/apps/v1/namespaces/staging/deployments?dryRun=All&fieldManager=cortex&fieldValidation=Strict"])

        let report = try dispatcher().dispatch(resolved)
        #expect(report.succeeded)
        #expect(report.lines == ["created security-worker in staging with image registry.example.com/security-worker:1.5 and 3 replicas",
                                 "security-worker in staging: 3/3 replicas ready (image registry.example.com/security-worker:1.5, revision 1)"])
        #expect(cluster.deployment("staging", "security-worker")?.spec.selector.matchLabels == ["app": "security-worker"])
        try expectValidBodies()
    }

    @Test func deployOfAMissingServicePromotesTheImageOfTheNearestLowerEnvironment() throws {
        cluster.seed("worker", in: "production", image: "ghcr.io/acme/worker:0.9")
        cluster.seed("worker", in: "development", image: "ghcr.io/acme/worker:1.2")
        let resolved = try dispatcher().resolve(Operation(.deploy, service: "worker", environment: "staging", replicas: 3), environment: nil)
        #expect(resolved.planned.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 3, image: "ghcr.io/acme/worker:1.2"))
        let report = try dispatcher().dispatch(resolved)
        #expect(report.lines.first == "created worker in staging with image ghcr.io/acme/worker:1.2 and 3 replicas")
    }

    @Test func promotionFallsBackToAHigherEnvironment() throws {
        cluster.seed("worker", in: "production", image: "ghcr.io/acme/worker:0.9")
        let resolved = try dispatcher().resolve(Operation(.deploy, service: "worker", environment: "development"), environment: nil)
        #expect(resolved.planned?.image == "ghcr.io/acme/worker:0.9")
    }

    @Test func deployOfAServiceThatRunsNowhereNeedsAnImage() throws {
        let error = try #require(throws: CortexError.self) {
            try dispatcher().resolve(Operation(.deploy, service: "ghost", environment: "staging", replicas: 2), environment: nil)
        }
        #expect(error.message == "ghost does not exist in namespace staging, nor in another environment to promote it from")
        #expect(error.exitCode == .usage)
        #expect(cluster.mutations.isEmpty)
    }

    @Test func deployUpdatesOneContainerAndKeepsTheRest() throws {
        cluster.seed("web", in: "staging", image: "ghcr.io/acme/web:1.4", replicas: 2,
                     containers: [["name": "proxy", "image": "envoy:1.30", "args": ["--fast"]]])
        let op = Operation(.deploy, service: "web", environment: "staging", replicas: 3, version: "1.5")
        let resolved = try dispatcher().resolve(op, environment: nil)
        #expect(resolved.current.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 2, image: "ghcr.io/acme/web:1.4"))
        #expect(resolved.planned.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 3, image: "ghcr.io/acme/web:1.5"))
        #expect(cluster.deployment("staging", "web")?.spec.replicas == 2)

        let report = try dispatcher().dispatch(resolved)
        #expect(report.lines.first == "updating web in staging: image ghcr.io/acme/web:1.4 → ghcr.io/acme/web:1.5, replicas 2 → 3")
        #expect(report.lines.last == "web in staging: 3/3 replicas ready (image ghcr.io/acme/web:1.5, revision 2)")
        let after = try #require(cluster.deployment("staging", "web"))
        let containers = try #require(after.spec.template.json[path: ["spec", "containers"]]?.arrayValue)
        #expect(containers.count == 2)
        #expect(containers[0]["ports"] == [["containerPort": 8080]])
        #expect(containers[1] == ["name": "proxy", "image": "envoy:1.30", "args": ["--fast"]])
        let patches = cluster.mutations.filter { $0.method == .patch }
        #expect(patches.map { $0.headers["Content-Type"] } == [PatchType.strategicMerge.rawValue, PatchType.strategicMerge.rawValue])
        #expect(patches.map { $0.url.contains("dryRun=All") } == [true, false])
        try expectValidBodies()
    }

    @Test func deployWithNothingToChangeSendsNothing() throws {
        cluster.seed("web", in: "staging", image: "web:1.4", replicas: 2)
        let resolved = try dispatcher().resolve(Operation(.deploy, service: "web", environment: "staging", replicas: 2, image: "web:1.4"), environment: nil)
        #expect(resolved.planned == resolved.current)
        let report = try dispatcher().dispatch(resolved)
        #expect(report.lines == ["web in staging already runs web:1.4 with 2 replicas; nothing to change"])
        #expect(cluster.mutations.isEmpty)
    }

    @Test func plansCarryTheMonthlyCostChangeFromContainerRequests() throws {
        let sidecar: JSONValue = ["name": "proxy", "image": "envoy:1",
                                  "resources": ["requests": ["cpu": "500m", "memory": "1Gi"]]]
        cluster.seed("api", in: "production", image: "api:2", replicas: 2, containers: [sidecar])
        var settings = KubeDispatchSettings()
        settings.clusterPrices = .defaults
        let d = KubeDispatcher(config: ResolvedKubeConfig(contextName: "kind-dev", server: "https://k8s.test:6443"), transport: cluster,
                               authenticator: StaticAuthenticator(RequestCredentials(bearerToken: Secret("t"))),
                               settings: settings, clock: clock, now: { Self.now })
        // 0.5 vCPU × $0.04 + 1 GiB × $0.005 = $0.025 an hour per replica, × 730 hours.
        let up = try d.resolve(Operation(.scale, service: "api", environment: "production", replicas: 4), environment: nil)
        let change = try #require(up.costChange)
        #expect(change.summary == "scaling 2 → 4 replicas costs at least $36.50 more a month ($36.50 → $73.00); "
            + "some containers request no CPU or memory")
        #expect(up.monthlyCostDelta == 36.5)
        #expect(up.planned?.requests == PodRequests(cpuMillis: 500, memoryBytes: 1 << 30, containersWithoutRequests: ["api"]))
        let delete = try d.resolve(Operation(.delete, service: "api", environment: "production"), environment: nil)
        #expect(delete.costChange?.deltaDollars == -36.5)
        // Reading costs nothing and carries no figure; without prices, plans carry none either.
        #expect(try d.resolve(Operation(.status, service: "api", environment: "production"), environment: nil).costChange == nil)
        #expect(try dispatcher().resolve(Operation(.scale, service: "api", environment: "production", replicas: 4), environment: nil).costChange == nil)
    }

    @Test func scaleAbsoluteAndRelativeThroughTheScaleSubresource() throws {
        cluster.seed("api", in: "production", image: "api:2", replicas: 2)
        let d = dispatcher()
        let up = try d.resolve(Operation(.scale, service: "api", delta: 2), environment: "production")
        #expect(up.environmentFromSession)
        #expect(up.planned?.replicas == 4)
        #expect(try d.dispatch(up).lines == ["scaled api in production from 2 to 4 replicas", "api in production: 4/4 replicas ready (image api:2, revision 1)"])
        let down = try d.resolve(Operation(.scale, service: "api", environment: "production", replicas: 1), environment: "staging")
        #expect(down.environment == "production" && !down.environmentFromSession)
        #expect(try d.dispatch(down).lines.first == "scaled api in production from 4 to 1 replicas")
        #expect(cluster.mutations.allSatisfy { $0.method == .put && $0.url.contains("/deployments/api/scale") })
        try expectValidBodies()
        let error = try #require(throws: CortexError.self) { try d.resolve(Operation(.scale, service: "api", delta: -5), environment: "production") }
        #expect(error.message == "cannot scale api by -5: it has 1 replicas")
    }

    @Test func scaleRetriesOnConflict() throws {
        cluster.seed("api", in: "staging", image: "api:2", replicas: 2)
        let resolved = try dispatcher().resolve(Operation(.scale, service: "api", environment: "staging", replicas: 5), environment: nil)
        cluster.scaleConflicts = 2
        let report = try dispatcher().dispatch(resolved)
        #expect(report.succeeded)
        #expect(cluster.deployment("staging", "api")?.spec.replicas == 5)
        #expect(cluster.requests.filter { $0.method == .put && !$0.url.contains("dryRun") }.count == 3)
    }

    @Test func scaleGivesUpAfterRepeatedConflicts() throws {
        cluster.seed("api", in: "staging", image: "api:2", replicas: 2)
        let resolved = try dispatcher().resolve(Operation(.scale, service: "api", environment: "staging", replicas: 5), environment: nil)
        cluster.scaleConflicts = 10
        let error = try #require(throws: CortexError.self) { try dispatcher().dispatch(resolved) }
        #expect(error.message.hasPrefix("cannot scale deployment api in namespace staging (context kind-dev): it was changed by someone else meanwhile"))
    }

    @Test func restartAddsTheRestartedAtAnnotation() throws {
        cluster.seed("web", in: "staging", image: "web:1", replicas: 2)
        let resolved = try dispatcher().resolve(Operation(.restart, service: "web", environment: "staging"), environment: nil)
        let report = try dispatcher().dispatch(resolved)
        #expect(report.lines.last == "web in staging: 2/2 replicas ready (image web:1, revision 2)")
        let annotations = cluster.deployment("staging", "web")?.spec.template.annotations
        #expect(annotations?[KubeAnnotation.restartedAt] == Self.now.formatted(.iso8601))
        #expect(annotations?[KubeAnnotation.restartedAt] == "2027-01-15T08:00:00Z")
    }

    @Test func rollbackReturnsToThePreviousRevision() throws {
        cluster.seed("web", in: "staging", image: "web:1.0")
        let d = dispatcher()
        _ = try d.dispatch(try d.resolve(Operation(.deploy, service: "web", environment: "staging", version: "1.1"), environment: nil))
        #expect(cluster.deployment("staging", "web")?.revision == 2)
        let resolved = try d.resolve(Operation(.rollback, service: "web", environment: "staging"), environment: nil)
        #expect(resolved.current?.image == "web:1.1")
        #expect(resolved.planned?.image == "web:1.0")
        let report = try d.dispatch(resolved)
        #expect(report.lines.first == "rolling web in staging back to revision 1 (image web:1.0)")
        #expect(report.lines.last == "web in staging: 2/2 replicas ready (image web:1.0, revision 3)")
        let template = try #require(cluster.deployment("staging", "web")?.spec.template)
        #expect(template.labels[KubeLabel.podTemplateHash] == nil)
        #expect(cluster.mutations.last?.headers["Content-Type"] == PatchType.json.rawValue)
        try expectValidBodies()
    }

    @Test func rollbackToAGivenRevisionOrSkip() throws {
        cluster.seed("web", in: "staging", image: "web:1.2", revision: 3)
        cluster.seedHistory("web", in: "staging", revision: 1, image: "web:1.0", changeCause: "first")
        cluster.seedHistory("web", in: "staging", revision: 2, image: "web:1.1")
        let d = dispatcher()
        let resolved = try d.resolve(Operation(.rollback, service: "web", environment: "staging", revision: 1), environment: nil)
        #expect(resolved.planned?.image == "web:1.0")
        _ = try d.dispatch(resolved)
        #expect(cluster.deployment("staging", "web")?.metadata.annotations?[KubeAnnotation.changeCause] == "first")
        let same = try d.resolve(Operation(.rollback, service: "web", environment: "staging", revision: 1), environment: nil)
        #expect(try d.dispatch(same).lines == ["web in staging already runs the template of revision 1; nothing to roll back"])
        let error = try #require(throws: CortexError.self) {
            try d.resolve(Operation(.rollback, service: "web", environment: "staging", revision: 9), environment: nil)
        }
        #expect(error.message == "cannot roll back web in staging: unable to find revision 9 in the rollout history")
    }

    @Test func failedRolloutSaysSoAndSuggestsRollback() throws {
        cluster.seed("web", in: "staging", image: "web:1.0")
        cluster.rollout = .progressDeadline
        let d = dispatcher()
        let report = try d.dispatch(try d.resolve(Operation(.deploy, service: "web", environment: "staging", image: "web:broken"), environment: nil))
        #expect(!report.succeeded)
        #expect(report.lines.contains("web in staging: deployment \"web\" exceeded its progress deadline"))
        #expect(report.lines.last == "roll it back with: rollback web in staging")
    }

    @Test func waitingReportsProgressAndStopsOnCtrlC() throws {
        cluster.seed("web", in: "staging", image: "web:1.0", replicas: 3)
        cluster.rollout = .after(reads: 3)
        let d = dispatcher()
        let log = LineLog()
        let resolved = try d.resolve(Operation(.restart, service: "web", environment: "staging"), environment: nil)
        let report = try d.dispatch(resolved, observer: DispatchObserver(progress: { log.add($0) }))
        #expect(report.succeeded)
        // Each new state once, in cortex's words; the finished rollout is the report's to tell.
        #expect(log.lines == ["restarting web in staging", "web in staging: 1 of 3 replicas updated"])

        let scale = try d.resolve(Operation(.scale, service: "web", environment: "staging", replicas: 5), environment: nil)
        let cancelled = try d.dispatch(scale, observer: DispatchObserver(cancellation: TestCancellation(after: 2)))
        #expect(!cancelled.succeeded)
        #expect(cancelled.lines[1] == "stopped waiting for web in staging (1 out of 5 new replicas have been updated...); the rollout goes on in the cluster")
        #expect(cluster.deployment("staging", "web")?.spec.replicas == 5)   // the change itself stands
    }

    @Test func rolloutTimeoutIsReported() throws {
        cluster.seed("web", in: "staging", image: "web:1.0", replicas: 3)
        cluster.rollout = .after(reads: 1000)
        let d = KubeDispatcher(config: ResolvedKubeConfig(contextName: "kind-dev", server: "https://k8s.test"), transport: cluster,
                               authenticator: StaticAuthenticator(RequestCredentials()),
                               settings: KubeDispatchSettings(rolloutTimeout: .seconds(10), pollInterval: .seconds(2)), clock: clock, now: { Self.now })
        let report = try d.dispatch(try d.resolve(Operation(.scale, service: "web", environment: "staging", replicas: 4), environment: nil))
        #expect(!report.succeeded)
        #expect(report.lines[1] == "web in staging: not rolled out after 10s: 1 out of 4 new replicas have been updated...")
        #expect(clock.now() == .seconds(10))
    }

    @Test func deletePlansThenDeletes() throws {
        cluster.seed("web", in: "staging", image: "web:1.0")
        let d = dispatcher()
        let resolved = try d.resolve(Operation(.delete, service: "web", environment: "staging"), environment: nil)
        #expect(resolved.planned.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 0, image: nil))
        #expect(cluster.deployment("staging", "web") != nil)
        #expect(try d.dispatch(resolved).lines == ["deleted web in staging"])
        #expect(cluster.deployment("staging", "web") == nil)
        try expectValidBodies()
    }

    @Test func statusOfOneAndOfAll() throws {
        cluster.seed("web", in: "staging", image: "web:1.0", replicas: 2, revision: 4)
        cluster.seed("api-gateway", in: "staging", image: "gw:7", replicas: 3)
        let d = dispatcher()
        let one = try d.dispatch(try d.resolve(Operation(.status, service: "web"), environment: "staging"))
        #expect(one.lines == ["web in staging: 2/2 replicas ready (image web:1.0, revision 4)",
                              "  updated 2, available 2, total 2",
                              "  conditions: Available=True (MinimumReplicasAvailable), Progressing=True (NewReplicaSetAvailable)",
                              "  pods:",
                              "    web-hash4-0  1/1 ready  Running  0 restarts",
                              "    web-hash4-1  1/1 ready  Running  1 restart"])
        let all = try d.dispatch(try d.resolve(Operation(.status, environment: "staging"), environment: nil))
        #expect(all.lines == ["staging (namespace staging):",
                              "api-gateway  3/3 ready  gw:7     revision 1  rolled out",
                              "web          2/2 ready  web:1.0  revision 4  rolled out"])
        let empty = try d.dispatch(try d.resolve(Operation(.status), environment: "development"))
        #expect(empty.lines == ["no workloads in development (namespace development)"])
    }

    @Test func aUserWhoMayNotReadOtherKindsStillReachesDeployments() throws {
        cluster.seed("web", in: "staging", image: "web:1.0", replicas: 2)
        cluster.forbidden = ["statefulsets", "daemonsets"]
        let d = dispatcher()
        let report = try d.dispatch(try d.resolve(Operation(.status, service: "web"), environment: "staging"))
        #expect(report.lines.first == "web in staging: 2/2 replicas ready (image web:1.0, revision 1)")
        // Naming the kind asks for it, and the 403 is the answer.
        #expect(throws: CortexError.self) { try d.resolve(Operation(.restart, service: "web", kind: .statefulset), environment: "staging") }
    }

    @Test func logsOfEveryPodWithTail() throws {
        cluster.seed("web", in: "staging", image: "web:1.0", replicas: 2)
        cluster.logs["staging/web-hash1-0"] = "a1\na2\na3\n"
        cluster.logs["staging/web-hash1-1"] = "b1\nb2\n"
        let d = dispatcher()
        let report = try d.dispatch(try d.resolve(Operation(.logs, service: "web", environment: "staging", lines: 2), environment: nil))
        #expect(report.lines == ["[web-hash1-0] a2", "[web-hash1-0] a3", "[web-hash1-1] b1", "[web-hash1-1] b2"])
        #expect(cluster.requests.last?.url.hasSuffix("/pods/web-hash1-1/log?container=web&tailLines=2") == true)
    }

    @Test func missingServicesAndEnvironmentsAreClearErrors() throws {
        let d = dispatcher(EnvironmentClusterMap(["production": EnvironmentPlacement(context: "prod-eu", namespace: "shop")]))
        let missing = try #require(throws: CortexError.self) { try d.resolve(Operation(.scale, service: "nope", environment: "staging", replicas: 2), environment: nil) }
        #expect(missing.message == "nope does not exist in staging")
        let noEnv = try #require(throws: CortexError.self) { try d.resolve(Operation(.restart, service: "web"), environment: nil) }
        #expect(noEnv.exitCode == .usage)
        let otherContext = try #require(throws: CortexError.self) { try d.resolve(Operation(.status, service: "web", environment: "production"), environment: nil) }
        #expect(otherContext.message == "context prod-eu is not available (only kind-dev is loaded)")
    }

    @Test func serverErrorsNameClusterNamespaceAndObject() throws {
        cluster.scripted = [FakeCluster.status(403, "Forbidden", "deployments.apps \"web\" is forbidden: User \"dev\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"production\"")]
        let error = try #require(throws: CortexError.self) { try dispatcher().resolve(Operation(.status, service: "web", environment: "production"), environment: nil) }
        #expect(error.message.hasPrefix("cannot read deployment web in namespace production (context kind-dev): forbidden: deployments.apps \"web\" is forbidden"))
        #expect(error.hint?.contains("permission") == true)
    }

    @Test func tokensNeverReachReportsOrErrors() throws {
        cluster.seed("web", in: "staging", image: "web:1.0")
        let d = dispatcher()
        let report = try d.dispatch(try d.resolve(Operation(.status, service: "web", environment: "staging"), environment: nil))
        #expect(!report.lines.joined().contains("Bearer"))
        #expect(cluster.requests.allSatisfy { $0.bearerToken == Secret("t") && !$0.description.contains("t\"") })
        #expect("\(cluster.requests[0])" == "GET https://k8s.test:6443/apis/apps/v1/namespaces/staging/deployments/web")
    }
}
