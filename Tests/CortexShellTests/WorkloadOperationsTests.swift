import CortexCore
@testable import CortexShell
import Foundation
import Testing

/// The new operations and workload kinds end to end: the cluster dispatcher planning and
/// carrying out typed operations against the simulated cluster over its REST API, with a
/// fixed clock so that rollouts are waited for in simulated time.
@Suite(.serialized) struct WorkloadOperationsTests {
    let connection: ClusterConnection

    init() throws {
        connection = try ClusterConnection.open(
            ClusterChoice(forceSimulator: true), environment: [:], clusterPrices: .defaults,
            simulation: SimulationSetup(time: .fixed(at: Date(timeIntervalSince1970: 1_800_000_000))))
    }

    var cluster: any Dispatcher { connection.dispatcher }

    func plan(_ operation: Operation, choices: ResolutionChoices = ResolutionChoices()) throws(CortexError) -> ResolvedOperation {
        try cluster.resolve(operation, environment: operation.environment, choices: choices)
    }

    func run(_ operation: Operation, choices: ResolutionChoices = ResolutionChoices()) throws(CortexError) -> DispatchReport {
        try cluster.dispatch(try plan(operation, choices: choices))
    }

    /// The error `body` ends with; nil when it ends well.
    func error(_ body: () throws -> Void) -> CortexError? {
        do { try body() } catch { return error as? CortexError ?? CortexError("\(error)", exitCode: .failed) }
        return nil
    }

    // MARK: set-env

    @Test func setEnvPlansFromToThenRollsOutAndNullRemoves() throws {
        defer { connection.close() }
        let set = Operation(.setEnv, service: "payments", environment: "staging", env: ["LOG_LEVEL": .set("debug"), "FEATURE_X": .set("on")])
        let planned = try plan(set)
        #expect(planned.workloadKind == .deployment)
        #expect(planned.changes == ["container payments: FEATURE_X (unset) → on, LOG_LEVEL info → debug"])
        let report = try cluster.dispatch(planned)
        #expect(report.succeeded)
        #expect(report.lines.first == "updating payments in staging: container payments: FEATURE_X (unset) → on, LOG_LEVEL info → debug")
        #expect(report.lines.last?.hasPrefix("payments in staging: 2/2 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 2)") == true)

        let removed = try run(Operation(.setEnv, service: "payments", environment: "staging", env: ["FEATURE_X": .remove]))
        #expect(removed.lines.first == "updating payments in staging: container payments: FEATURE_X on → (removed)")
        let again = try run(Operation(.setEnv, service: "payments", environment: "staging", env: ["FEATURE_X": .remove]))
        #expect(again.lines == ["payments in staging: container payments: FEATURE_X (unset) → (removed); nothing to change"])
    }

    @Test func secretLookingValuesAreRefusedBeforeAnythingIsSent() throws {
        defer { connection.close() }
        for name in ["STRIPE_KEY", "GITHUB_TOKEN", "DB_PASSWORD"] {
            let e = error { _ = try plan(Operation(.setEnv, service: "payments", environment: "staging", env: [name: .set("hunter2-value")])) }
            #expect(e?.exitCode == .usage)
            #expect(e?.message.contains("\(name) looks like a secret") == true)
            #expect(e?.hint?.contains("secretKeyRef") == true)
            #expect(e.map { !"\($0)".contains("hunter2") } == true)
        }
        // Removing one is fine.
        #expect(try plan(Operation(.setEnv, service: "payments", environment: "staging", env: ["DB_PASSWORD": .remove])).changes
                == ["container payments: DB_PASSWORD (unset) → (removed)"])
    }

    @Test func setEnvOnAStatefulSetRollsItOutPodByPod() throws {
        defer { connection.close() }
        let report = try run(Operation(.setEnv, service: "redis", environment: "staging", env: ["MAXMEMORY": .set("256mb")]))
        #expect(report.succeeded)
        #expect(report.lines == ["updating redis in staging: container redis: MAXMEMORY (unset) → 256mb",
                                 "redis in staging (statefulset): 2/2 replicas ready (image docker.io/library/redis:7.2.5, revision 3)"])
    }

    // MARK: set-resources

    @Test func setResourcesShowsFromToAndTheMonthlyCostOfRequests() throws {
        defer { connection.close() }
        let planned = try plan(Operation(.setResources, service: "payments", environment: "staging", cpu: "1", memory: "1Gi", scope: .requests))
        #expect(planned.changes == ["container payments: cpu request 500m → 1, memory request 512Mi → 1Gi"])
        let cost = try #require(planned.costChange)
        #expect(cost.summary == "changing the requests of 2 replicas costs $32.84 more a month ($32.86 → $65.70)")
        let report = try cluster.dispatch(planned)
        #expect(report.succeeded)
        #expect(report.lines.last?.hasPrefix("payments in staging: 2/2 replicas ready") == true)
    }

    @Test func limitsBelowRequestsAndAboveTheLimitRangeAreRefusedBeforeSending() throws {
        defer { connection.close() }
        let low = error { _ = try plan(Operation(.setResources, service: "payments", environment: "staging", memory: "256Mi", scope: .limits)) }
        #expect(low?.message == "the memory limit 256Mi of container payments would be below its request 512Mi")
        let high = error { _ = try plan(Operation(.setResources, service: "payments", environment: "staging", memory: "8Gi", scope: .limits)) }
        #expect(high?.message == "the memory limit 8Gi of container payments is above the maximum 4Gi that LimitRange container-limits allows per container in namespace staging")
        let cpu = error { _ = try plan(Operation(.setResources, service: "payments", environment: "staging", cpu: "3")) }
        #expect(cpu?.message.contains("the cpu limit 3 of container payments is above the maximum 2") == true)
    }

    // MARK: autoscale

    @Test func autoscaleCreatesAnHPAWhoseMaxGuardrailsSeeAndScaleIsThenExplained() throws {
        defer { connection.close() }
        let op = Operation(.autoscale, service: "web-frontend", environment: "production", min: 2, max: 10, cpuPercent: 70)
        let planned = try plan(op)
        #expect(planned.plannedReplicas == 10)
        #expect(planned.setsReplicaCount)
        #expect(planned.changes == ["autoscaler web-frontend (new): 2…10 replicas at 70% cpu"])
        #expect(planned.costNote == "$6.76 a month at 2 replicas, up to $33.80 at 10 (now $13.52 with 4)")
        let report = try cluster.dispatch(planned)
        // 60% of requests against 70%: ceil(4 × 60/70) = 4, the Kubernetes formula.
        #expect(report.lines == ["web-frontend in production is autoscaled: 2…10 replicas at 70% cpu (HorizontalPodAutoscaler web-frontend, autoscaling/v2); it runs 4 replicas now",
                                 "the autoscaler sees cpu at 60% of requests (target 70%) and wants 4 replicas",
                                 "cost: $6.76 a month at 2 replicas, up to $33.80 at 10 (now $13.52 with 4)"])

        let scale = error { _ = try plan(Operation(.scale, service: "web-frontend", environment: "production", replicas: 6)) }
        #expect(scale?.message == "web-frontend in production is autoscaled (2…10 replicas at 70% cpu, HorizontalPodAutoscaler web-frontend): the autoscaler owns its replica count")

        let changed = try run(Operation(.autoscale, service: "web-frontend", environment: "production", max: 6))
        #expect(changed.lines.first == "autoscaler web-frontend of web-frontend in production: 2…10 replicas at 70% cpu → 2…6 replicas at 70% cpu")

        let stop = Operation(.autoscale, service: "web-frontend", environment: "production", enabled: false)
        #expect(try plan(stop).changes.first?.hasPrefix("autoscaler web-frontend (2…6 replicas at 70% cpu) removed; replicas stay at") == true)
        #expect(try cluster.dispatch(try plan(stop)).lines.first?.hasPrefix("removed autoscaler web-frontend of web-frontend in production") == true)
        #expect(try plan(stop).changes == ["web-frontend in production has no autoscaler; nothing to remove"])
    }

    @Test func daemonSetsAreNeitherScaledNorAutoscaled() throws {
        defer { connection.close() }
        let scale = error { _ = try plan(Operation(.scale, service: "log-agent", environment: "staging", replicas: 5)) }
        #expect(scale?.message == "cannot scale log-agent in staging: a DaemonSet runs one pod on each eligible node: it has no replica count to scale")
        let autoscale = error { _ = try plan(Operation(.autoscale, service: "log-agent", environment: "staging", max: 5)) }
        #expect(autoscale?.message.hasPrefix("cannot autoscale log-agent in staging: a DaemonSet") == true)
        let pause = error { _ = try plan(Operation(.pause, service: "redis", environment: "staging")) }
        #expect(pause?.message.hasPrefix("cannot pause the rollout of redis in staging: a StatefulSet's rollout cannot be paused") == true)
    }

    // MARK: pause and resume

    @Test func pausedDeploymentsHoldChangesUntilResumedAndStatusSaysSo() throws {
        defer { connection.close() }
        #expect(try run(Operation(.pause, service: "api-gateway", environment: "staging")).lines
                == ["paused the rollout of api-gateway in staging: template changes wait until it is resumed"])
        let held = try run(Operation(.setEnv, service: "api-gateway", environment: "staging", env: ["LOG_LEVEL": .set("debug")]))
        #expect(held.lines.last == "api-gateway in staging: the rollout is paused; the change rolls out when it is resumed")
        let status = try run(Operation(.status, service: "api-gateway", environment: "staging"))
        #expect(status.lines.contains("  rollout: paused, with template changes waiting (resume it with: resume api-gateway in staging)"))
        let everything = try run(Operation(.status, environment: "staging"))
        #expect(everything.lines.contains { $0.hasPrefix("api-gateway ") && $0.hasSuffix("paused") })
        let resumed = try run(Operation(.resume, service: "api-gateway", environment: "staging"))
        #expect(resumed.lines.first == "resumed the rollout of api-gateway in staging")
        #expect(resumed.lines.last?.hasPrefix("api-gateway in staging: 2/2 replicas ready (image ghcr.io/acme/api-gateway:1.14.2, revision 2)") == true)
    }

    // MARK: kinds and names

    @Test func aNameTwoKindsShareIsAskedAboutNeverGuessed() throws {
        defer { connection.close() }
        // A Deployment beside the redis StatefulSet, created by naming the kind.
        let created = try run(Operation(.deploy, service: "redis", environment: "staging", image: "docker.io/library/redis:7.2.5",
                                        kind: .deployment))
        #expect(created.lines.first == "created redis in staging with image docker.io/library/redis:7.2.5 and 1 replicas")
        let e = error { _ = try plan(Operation(.restart, service: "redis", environment: "staging")) }
        #expect(e?.message == "deployment and statefulset are both named redis in staging: which one?")
        #expect(e?.question == ResolutionQuestion(slot: .kind, prompt: "which redis in staging?", options: ["deployment", "statefulset"]))
        #expect(try plan(Operation(.restart, service: "redis", environment: "staging", kind: .statefulset)).workloadKind == .statefulset)
        let missing = error { _ = try plan(Operation(.restart, service: "log-agent", environment: "staging", kind: .statefulset)) }
        #expect(missing?.message == "no statefulset log-agent in staging")
    }

    @Test func statusWithoutAnEnvironmentShowsEveryEnvironment() throws {
        defer { connection.close() }
        let report = try run(Operation(.status))
        #expect(report.lines.filter { $0.hasSuffix("):") && $0.contains("(namespace") }
                == ["development (namespace development):", "staging (namespace staging):", "production (namespace production):"])
        let one = try run(Operation(.status, service: "payments"))
        #expect(one.lines.filter { $0.hasPrefix("payments in ") }.count == 3)
        #expect(one.lines.contains { $0.hasPrefix("    payments-") && $0.contains("1/1 ready  Running  0 restarts") })
    }

    @Test func statefulSetsScaleAndRollBackThroughControllerRevisions() throws {
        defer { connection.close() }
        let scaled = try run(Operation(.scale, service: "redis", environment: "staging", replicas: 3))
        #expect(scaled.lines.first == "scaled redis in staging from 2 to 3 replicas")
        let back = try run(Operation(.rollback, service: "redis", environment: "staging"))
        #expect(back.lines == ["rolling redis in staging back to revision 1 (image docker.io/library/redis:7.2.4)",
                               "redis in staging (statefulset): 3/3 replicas ready (image docker.io/library/redis:7.2.4, revision 3)"])
        let skip = try run(Operation(.rollback, service: "redis", environment: "staging", revision: 3))
        #expect(skip.lines == ["redis in staging already runs the template of revision 3; nothing to roll back"])
    }
}
