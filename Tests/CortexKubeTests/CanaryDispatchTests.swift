import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// Canary start, promote and abort as requests to the API server: valid apps/v1 bodies,
/// the canary's labels, selector and size, and one canary per workload.
@Suite struct CanaryDispatchTests {
    let cluster = FakeCluster()
    let clock = FakeClock()

    func dispatcher() -> KubeDispatcher {
        KubeDispatcher(config: ResolvedKubeConfig(contextName: "kind-dev", server: "https://k8s.test:6443"), transport: cluster,
                       authenticator: StaticAuthenticator(RequestCredentials(bearerToken: Secret("t"))),
                       settings: KubeDispatchSettings(canaryCheck: .seconds(3)), clock: clock,
                       now: { KubeDispatcherTests.now })
    }

    static let start = Operation(.deploy, service: "web", environment: "production", version: "1.5", canary: 10)

    @Test func aCanaryIsASecondDeploymentWithTheStablePodLabelsAndItsOwnSelector() throws {
        cluster.seed("web", in: "production", image: "ghcr.io/acme/web:1.4", replicas: 9)
        let resolved = try dispatcher().resolve(Self.start, environment: nil)
        #expect(resolved.current?.replicas == 9)
        #expect(resolved.planned.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 10, image: "ghcr.io/acme/web:1.5"))
        #expect(cluster.deployment("production", "web-canary") == nil)  // planning changed nothing

        let report = try dispatcher().dispatch(resolved)
        #expect(report.succeeded)
        #expect(report.lines.first == "started the canary of web in production: web-canary with image ghcr.io/acme/web:1.5, 1 canary pod beside 9 stable: 10% of the pods, as asked")
        #expect(report.lines.contains("the canary of web in production stayed healthy for 3 seconds: 1/1 ready, image ghcr.io/acme/web:1.5; 1 of 10 ready pods (10%, asked 10%)"))
        let canary = try #require(cluster.deployment("production", "web-canary"))
        let stable = try #require(cluster.deployment("production", "web"))
        #expect(canary.spec.replicas == 1)
        #expect(canary.spec.selector.matchLabels == (stable.spec.selector.matchLabels ?? [:]).merging(["cortex.dev/canary-of": "web"]) { a, _ in a })
        // Every label of the stable pods is on the canary pods: a Service selecting those selects both.
        #expect(stable.spec.template.labels.allSatisfy { canary.spec.template.labels[$0.key] == $0.value })
        #expect(canary.metadata.annotations?["cortex.dev/canary-percent"] == "10")
        #expect(KubeDispatcher.mainImage(stable) == "ghcr.io/acme/web:1.4")
        try KubeDispatcherTests().expectValidBodies(of: cluster)

        let again = try #require(throws: CortexError.self) { try dispatcher().resolve(Self.start, environment: nil) }
        #expect(again.message == "web already has a canary in production (web-canary, image ghcr.io/acme/web:1.5); one canary per workload")
        let deploy = try #require(throws: CortexError.self) {
            try dispatcher().resolve(Operation(.deploy, service: "web", environment: "production", version: "1.6"), environment: nil)
        }
        #expect(deploy.message == "web has a canary in production (web-canary, image ghcr.io/acme/web:1.5); a new version waits until it is promoted or aborted")
        // Changing only the replica count of the stable workload stays possible.
        #expect(try dispatcher().resolve(Operation(.deploy, service: "web", environment: "production", replicas: 10), environment: nil).planned?.replicas == 10)
    }

    @Test func theReportNamesTheServicesThatSendTheCanaryTraffic() throws {
        cluster.seed("web", in: "production", image: "ghcr.io/acme/web:1.4", replicas: 3)
        cluster.seedService("web", in: "production", selector: ["app": "web"])
        cluster.seedService("other", in: "production", selector: ["app": "other"])
        let report = try dispatcher().dispatch(try dispatcher().resolve(Self.start, environment: nil))
        #expect(report.lines.contains("traffic: Service web selects its pods beside the stable ones"))
    }

    @Test func promoteGivesTheStableWorkloadTheCanarysVersionAndRemovesTheCanary() throws {
        cluster.seed("web", in: "production", image: "ghcr.io/acme/web:1.4", replicas: 3)
        _ = try dispatcher().dispatch(try dispatcher().resolve(Self.start, environment: nil))
        let promote = Operation(.promote, service: "web", environment: "production")
        let resolved = try dispatcher().resolve(promote, environment: nil)
        #expect(resolved.current?.replicas == 4)
        #expect(resolved.planned.map { WorkloadState(replicas: $0.replicas, image: $0.image) } == WorkloadState(replicas: 3, image: "ghcr.io/acme/web:1.5"))
        let report = try dispatcher().dispatch(resolved)
        #expect(report.succeeded)
        #expect(KubeDispatcher.mainImage(try #require(cluster.deployment("production", "web"))) == "ghcr.io/acme/web:1.5")
        #expect(cluster.deployment("production", "web-canary") == nil)
        #expect(report.lines.last == "deleted web-canary in production")
        try KubeDispatcherTests().expectValidBodies(of: cluster)
    }

    @Test func abortRemovesOnlyTheCanary() throws {
        cluster.seed("web", in: "production", image: "ghcr.io/acme/web:1.4", replicas: 3)
        let abort = Operation(.abort, service: "web", environment: "production")
        let none = try #require(throws: CortexError.self) { try dispatcher().resolve(abort, environment: nil) }
        #expect(none.message == "web has no canary in production")
        _ = try dispatcher().dispatch(try dispatcher().resolve(Self.start, environment: nil))
        let report = try dispatcher().dispatch(try dispatcher().resolve(abort, environment: nil))
        #expect(report.lines.first == "aborting the canary of web in production (image ghcr.io/acme/web:1.5)")
        #expect(cluster.deployment("production", "web-canary") == nil)
        #expect(KubeDispatcher.mainImage(try #require(cluster.deployment("production", "web"))) == "ghcr.io/acme/web:1.4")
    }

    @Test func aDeploymentMerelyNamedLikeACanaryIsNotTakenForOne() throws {
        cluster.seed("web", in: "production", image: "ghcr.io/acme/web:1.4", replicas: 3)
        cluster.seed("web-canary", in: "production", image: "ghcr.io/acme/other:1", replicas: 1)
        let error = try #require(throws: CortexError.self) {
            try dispatcher().resolve(Operation(.abort, service: "web", environment: "production"), environment: nil)
        }
        #expect(error.message == "web-canary in production exists but is not a canary cortex started for web (no cortex.dev/canary-of label)")
    }

    @Test func aCanaryNeedsANewVersionAndNoReplicaCount() throws {
        cluster.seed("web", in: "production", image: "ghcr.io/acme/web:1.4", replicas: 3)
        var same = Self.start
        same.version = "1.4"
        let error = try #require(throws: CortexError.self) { try dispatcher().resolve(same, environment: nil) }
        #expect(error.message == "a canary needs a new version: web in production already runs ghcr.io/acme/web:1.4")
        var sized = Self.start
        sized.replicas = 5
        #expect(throws: CortexError.self) { try dispatcher().resolve(sized, environment: nil) }
    }
}
