import CortexCore
@testable import CortexShell
import Foundation
import Testing

/// The new operations and workload kinds end to end: the cluster dispatcher planning and
/// carrying out typed operations against the simulated cluster over its REST API, with a
/// fixed clock so that rollouts are waited for in simulated time.
///
/// The in-process cluster is started and settled by blocking calls, and its API runs on the
/// shared concurrency pool; so each scenario runs on a thread of its own, never on a pool
/// thread, and hands back what it saw for the expectations.
@Suite struct WorkloadOperationsTests {
    /// A cluster session on its own thread.
    struct Session {
        let connection: ClusterConnection
        var cluster: any Dispatcher { connection.dispatcher }

        func plan(_ operation: Operation, choices: ResolutionChoices = ResolutionChoices()) throws(CortexError) -> ResolvedOperation {
            try cluster.resolve(operation, environment: operation.environment, choices: choices)
        }

        func run(_ operation: Operation) throws(CortexError) -> DispatchReport {
            try cluster.dispatch(try plan(operation))
        }

        /// The error planning `operation` ends with; nil when it plans.
        func refusal(_ operation: Operation) -> CortexError? {
            do throws(CortexError) { _ = try plan(operation) } catch { return error }
            return nil
        }
    }

    /// Runs `body` against a fresh simulated cluster on a thread of its own.
    static func scenario<T: Sendable>(_ body: @escaping @Sendable (Session) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                continuation.resume(with: Result {
                    let connection = try ClusterConnection.open(
                        ClusterChoice(forceSimulator: true), environment: [:], clusterPrices: .defaults,
                        simulation: SimulationSetup(time: .fixed(at: Date(timeIntervalSince1970: 1_800_000_000))))
                    defer { connection.close() }
                    return try body(Session(connection: connection))
                })
            }
        }
    }

    // MARK: set-env

    @Test func setEnvPlansFromToThenRollsOutAndNullRemoves() async throws {
        let (planned, report, removed, again) = try await Self.scenario { s in
            let planned = try s.plan(Operation(.setEnv, service: "payments", environment: "staging",
                                               env: ["LOG_LEVEL": .set("debug"), "FEATURE_X": .set("on")]))
            let report = try s.cluster.dispatch(planned)
            let removed = try s.run(Operation(.setEnv, service: "payments", environment: "staging", env: ["FEATURE_X": .remove]))
            let again = try s.run(Operation(.setEnv, service: "payments", environment: "staging", env: ["FEATURE_X": .remove]))
            return (planned, report, removed, again)
        }
        #expect(planned.workloadKind == .deployment)
        #expect(planned.changes == ["container payments: FEATURE_X (unset) → on, LOG_LEVEL info → debug"])
        #expect(report.succeeded)
        #expect(report.lines.first == "updating payments in staging: container payments: FEATURE_X (unset) → on, LOG_LEVEL info → debug")
        #expect(report.lines.last?.hasPrefix("payments in staging: 2/2 replicas ready (image ghcr.io/acme/payments:2.3.1, revision 2)") == true)
        #expect(removed.lines.first == "updating payments in staging: container payments: FEATURE_X on → (removed)")
        #expect(again.lines == ["payments in staging: container payments: FEATURE_X (unset) → (removed); nothing to change"])
    }

    @Test func secretLookingValuesAreRefusedBeforeAnythingIsSent() async throws {
        let (refusals, removal) = try await Self.scenario { s in
            let refusals = ["STRIPE_KEY", "GITHUB_TOKEN", "DB_PASSWORD"].map { name in
                (name, s.refusal(Operation(.setEnv, service: "payments", environment: "staging", env: [name: .set("hunter2-value")])))
            }
            let removal = try s.plan(Operation(.setEnv, service: "payments", environment: "staging", env: ["DB_PASSWORD": .remove]))
            return (refusals, removal)
        }
        for (name, e) in refusals {
            #expect(e?.exitCode == .usage)
            #expect(e?.message.contains("\(name) looks like a secret") == true)
            #expect(e?.hint?.contains("secretKeyRef") == true)
            #expect(e.map { !"\($0)".contains("hunter2") } == true)
        }
        #expect(removal.changes == ["container payments: DB_PASSWORD (unset) → (removed)"])
    }

    @Test func setEnvOnAStatefulSetRollsItOutPodByPod() async throws {
        let report = try await Self.scenario { s in
            try s.run(Operation(.setEnv, service: "redis", environment: "staging", env: ["MAXMEMORY": .set("256mb")]))
        }
        #expect(report.succeeded)
        #expect(report.lines == ["updating redis in staging: container redis: MAXMEMORY (unset) → 256mb",
                                 "redis in staging (statefulset): 2/2 replicas ready (image docker.io/library/redis:7.2.5, revision 3)"])
    }

    // MARK: set-resources

    @Test func setResourcesShowsFromToAndTheMonthlyCostOfRequests() async throws {
        let (planned, report) = try await Self.scenario { s in
            let planned = try s.plan(Operation(.setResources, service: "payments", environment: "staging", cpu: "1", memory: "1Gi", scope: .requests))
            return (planned, try s.cluster.dispatch(planned))
        }
        #expect(planned.changes == ["container payments: cpu request 500m → 1, memory request 512Mi → 1Gi"])
        #expect(planned.costChange?.summary == "changing the requests of 2 replicas costs $32.84 more a month ($32.86 → $65.70)")
        #expect(report.succeeded)
        #expect(report.lines.dropFirst().first == "changing the requests of 2 replicas costs $32.84 more a month ($32.86 → $65.70)")
        #expect(report.lines.last?.hasPrefix("payments in staging: 2/2 replicas ready") == true)
    }

    @Test func limitsBelowRequestsAndAboveTheLimitRangeAreRefusedBeforeSending() async throws {
        let (low, high, cpu) = try await Self.scenario { s in
            (s.refusal(Operation(.setResources, service: "payments", environment: "staging", memory: "256Mi", scope: .limits)),
             s.refusal(Operation(.setResources, service: "payments", environment: "staging", memory: "8Gi", scope: .limits)),
             s.refusal(Operation(.setResources, service: "payments", environment: "staging", cpu: "3")))
        }
        #expect(low?.message == "the memory limit 256Mi of container payments would be below its request 512Mi")
        #expect(high?.message == "the memory limit 8Gi of container payments is above the maximum 4Gi that LimitRange container-limits allows per container in namespace staging")
        #expect(cpu?.message.contains("the cpu limit 3 of container payments is above the maximum 2") == true)
    }

    // MARK: autoscale

    @Test func autoscaleCreatesAnHPAWhoseMaxGuardrailsSeeAndScaleIsThenExplained() async throws {
        let (planned, report, scale, changed, stopPlan, stopped, none) = try await Self.scenario { s in
            let planned = try s.plan(Operation(.autoscale, service: "web-frontend", environment: "production", min: 2, max: 10, cpuPercent: 70))
            let report = try s.cluster.dispatch(planned)
            let scale = s.refusal(Operation(.scale, service: "web-frontend", environment: "production", replicas: 6))
            let changed = try s.run(Operation(.autoscale, service: "web-frontend", environment: "production", max: 6))
            let stop = Operation(.autoscale, service: "web-frontend", environment: "production", enabled: false)
            let stopPlan = try s.plan(stop)
            let stopped = try s.cluster.dispatch(stopPlan)
            return (planned, report, scale, changed, stopPlan, stopped, try s.plan(stop))
        }
        #expect(planned.plannedReplicas == 10)
        #expect(planned.setsReplicaCount)
        #expect(planned.changes == ["autoscaler web-frontend (new): 2…10 replicas at 70% cpu"])
        #expect(planned.costNote == "$6.76 a month at 2 replicas, up to $33.80 at 10 (now $13.52 with 4)")
        // 60% of requests against 70%: ceil(4 × 60/70) = 4, the Kubernetes formula.
        #expect(report.lines == ["web-frontend in production is autoscaled: 2…10 replicas at 70% cpu (HorizontalPodAutoscaler web-frontend, autoscaling/v2); it runs 4 replicas now",
                                 "the autoscaler sees cpu at 60% of requests (target 70%) and wants 4 replicas",
                                 "cost: $6.76 a month at 2 replicas, up to $33.80 at 10 (now $13.52 with 4)"])
        #expect(scale?.message == "web-frontend in production is autoscaled (2…10 replicas at 70% cpu, HorizontalPodAutoscaler web-frontend): the autoscaler owns its replica count")
        #expect(changed.lines.first == "autoscaler web-frontend of web-frontend in production: 2…10 replicas at 70% cpu → 2…6 replicas at 70% cpu")
        #expect(stopPlan.changes.first?.hasPrefix("autoscaler web-frontend (2…6 replicas at 70% cpu) removed; replicas stay at") == true)
        #expect(stopped.lines.first?.hasPrefix("removed autoscaler web-frontend of web-frontend in production") == true)
        #expect(none.changes == ["web-frontend in production has no autoscaler; nothing to remove"])
    }

    @Test func daemonSetsAreNeitherScaledNorAutoscaledAndOnlyDeploymentsPause() async throws {
        let (scale, autoscale, pause) = try await Self.scenario { s in
            (s.refusal(Operation(.scale, service: "log-agent", environment: "staging", replicas: 5)),
             s.refusal(Operation(.autoscale, service: "log-agent", environment: "staging", max: 5)),
             s.refusal(Operation(.pause, service: "redis", environment: "staging")))
        }
        #expect(scale?.message == "cannot scale log-agent in staging: a DaemonSet runs one pod on each eligible node: it has no replica count to scale")
        #expect(autoscale?.message.hasPrefix("cannot autoscale log-agent in staging: a DaemonSet") == true)
        #expect(pause?.message.hasPrefix("cannot pause the rollout of redis in staging: a StatefulSet's rollout cannot be paused") == true)
    }

    // MARK: pause and resume

    @Test func pausedDeploymentsHoldChangesUntilResumedAndStatusSaysSo() async throws {
        let (paused, held, status, everything, resumed) = try await Self.scenario { s in
            (try s.run(Operation(.pause, service: "api-gateway", environment: "staging")),
             try s.run(Operation(.setEnv, service: "api-gateway", environment: "staging", env: ["LOG_LEVEL": .set("debug")])),
             try s.run(Operation(.status, service: "api-gateway", environment: "staging")),
             try s.run(Operation(.status, environment: "staging")),
             try s.run(Operation(.resume, service: "api-gateway", environment: "staging")))
        }
        #expect(paused.lines == ["paused the rollout of api-gateway in staging: template changes wait until it is resumed"])
        #expect(held.lines.last == "api-gateway in staging: the rollout is paused; the change rolls out when it is resumed")
        #expect(status.lines.contains("  rollout: paused, with template changes waiting (resume it with: resume api-gateway in staging)"))
        #expect(everything.lines.contains { $0.hasPrefix("api-gateway ") && $0.hasSuffix("paused") })
        #expect(resumed.lines.first == "resumed the rollout of api-gateway in staging")
        #expect(resumed.lines.last?.hasPrefix("api-gateway in staging: 2/2 replicas ready (image ghcr.io/acme/api-gateway:1.14.2, revision 2)") == true)
    }

    // MARK: kinds and names

    @Test func aNameTwoKindsShareIsAskedAboutNeverGuessed() async throws {
        let (created, shared, named, missing) = try await Self.scenario { s in
            // A Deployment beside the redis StatefulSet, created by naming the kind.
            (try s.run(Operation(.deploy, service: "redis", environment: "staging", image: "docker.io/library/redis:7.2.5", kind: .deployment)),
             s.refusal(Operation(.restart, service: "redis", environment: "staging")),
             try s.plan(Operation(.restart, service: "redis", environment: "staging", kind: .statefulset)),
             s.refusal(Operation(.restart, service: "log-agent", environment: "staging", kind: .statefulset)))
        }
        #expect(created.lines.first == "created redis in staging with image docker.io/library/redis:7.2.5 and 1 replicas")
        #expect(shared?.message == "deployment and statefulset are both named redis in staging: which one?")
        #expect(shared?.question == ResolutionQuestion(slot: .kind, prompt: "which redis in staging?", options: ["deployment", "statefulset"]))
        #expect(named.workloadKind == .statefulset)
        #expect(missing?.message == "no statefulset log-agent in staging")
    }

    @Test func statusWithoutAnEnvironmentShowsEveryEnvironment() async throws {
        let (all, one) = try await Self.scenario { s in
            (try s.run(Operation(.status)), try s.run(Operation(.status, service: "payments")))
        }
        #expect(all.lines.filter { $0.hasSuffix("):") && $0.contains("(namespace") }
                == ["development (namespace development):", "staging (namespace staging):", "production (namespace production):"])
        #expect(one.lines.filter { $0.hasPrefix("payments in ") }.count == 3)
        #expect(one.lines.contains { $0.hasPrefix("    payments-") && $0.contains("1/1 ready  Running  0 restarts") })
    }

    @Test func statefulSetsScaleAndRollBackThroughControllerRevisions() async throws {
        let (scaled, back, skip) = try await Self.scenario { s in
            (try s.run(Operation(.scale, service: "redis", environment: "staging", replicas: 3)),
             try s.run(Operation(.rollback, service: "redis", environment: "staging")),
             try s.run(Operation(.rollback, service: "redis", environment: "staging", revision: 3)))
        }
        #expect(scaled.lines.first == "scaled redis in staging from 2 to 3 replicas")
        #expect(back.lines == ["rolling redis in staging back to revision 1 (image docker.io/library/redis:7.2.4)",
                               "redis in staging (statefulset): 3/3 replicas ready (image docker.io/library/redis:7.2.4, revision 3)"])
        #expect(skip.lines == ["redis in staging already runs the template of revision 3; nothing to roll back"])
    }
}
