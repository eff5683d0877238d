import CortexCore
import Foundation
import Testing

/// The pure planning of set-env, set-resources and autoscale, container choice, secret
/// names, and what guardrails make of an autoscaler.
@Suite struct WorkloadPlanTests {
    static let container: JSONValue = [
        "name": "payments", "image": "ghcr.io/acme/payments:2.3.1",
        "env": [
            ["name": "LOG_LEVEL", "value": "info"],
            ["name": "DB_PASSWORD", "valueFrom": ["secretKeyRef": ["name": "db", "key": "password"]]],
            ["name": "OLD_FLAG", "value": "1"],
        ],
        "resources": ["requests": ["cpu": "500m", "memory": "512Mi"], "limits": ["memory": "1Gi"]],
    ]

    // MARK: set-env

    @Test func envPlanKeepsOrderReplacesAppendsAndRemoves() {
        let plan = EnvPlan(["LOG_LEVEL": .set("debug"), "NEW": .set("x"), "OLD_FLAG": .remove, "GONE": .remove], container: Self.container)
        #expect(plan.container == "payments")
        #expect(plan.changes.map(\.text) == ["GONE (unset) → (removed)", "LOG_LEVEL info → debug", "NEW (unset) → x", "OLD_FLAG 1 → (removed)"])
        #expect(plan.env.compactMap { $0["name"]?.stringValue } == ["LOG_LEVEL", "DB_PASSWORD", "NEW"])
        #expect(plan.env[0]["value"] == "debug")
        #expect(plan.env[1]["valueFrom"] != nil)
        #expect(!plan.isEmpty)
        #expect(EnvPlan(["LOG_LEVEL": .set("info")], container: Self.container).isEmpty)
        #expect(EnvPlan(["DB_PASSWORD": .remove], container: Self.container).summary
                == "container payments: DB_PASSWORD from Secret db/password → (removed)")
    }

    @Test(arguments: ["STRIPE_KEY", "GITHUB_TOKEN", "DB_PASSWORD", "password", "API-KEY", "CLIENT_SECRET", "TOKEN"])
    func secretLookingNamesAreRefusedAsPlainValues(_ name: String) {
        #expect(SecretLookingName.matches(name))
        #expect(throws: CortexError.self) { try SecretLookingName.refusePlainValues([name: .set("v")], workload: "w") }
        #expect(throws: Never.self) { try SecretLookingName.refusePlainValues([name: .remove], workload: "w") }
    }

    @Test(arguments: ["LOG_LEVEL", "MONKEY", "KEYSPACE", "TOKENS_PER_MINUTE", "REPLICA_COUNT"])
    func ordinaryNamesAreNot(_ name: String) {
        #expect(!SecretLookingName.matches(name))
    }

    @Test func redactionHidesSecretValuesButNotNamesOrOrdinaryValues() {
        let op = Operation(.setEnv, service: "w", env: ["DB_PASSWORD": .set("hunter2"), "LOG_LEVEL": .set("debug"), "API_TOKEN": .remove])
        let redacted = SecretLookingName.redacting(op)
        #expect(redacted.env == ["DB_PASSWORD": .set("[REDACTED]"), "LOG_LEVEL": .set("debug"), "API_TOKEN": .remove])
        let event = AuditEvent(.understood, input: "set DB_PASSWORD to hunter2 on w", operation: op).redacted()
        #expect(event.input == "set DB_PASSWORD to [REDACTED] on w")
        #expect(event.operation?.env?["DB_PASSWORD"] == .set("[REDACTED]"))
    }

    // MARK: containers

    @Test func theContainerIsTheOnlyOneTheChosenOneOrTheOneNamedLikeTheWorkload() throws {
        #expect(try ContainerChoice.pick(["a"], workload: "w", chosen: nil, place: "w in staging") == "a")
        #expect(try ContainerChoice.pick(["w", "sidecar"], workload: "w", chosen: nil, place: "w in staging") == "w")
        #expect(try ContainerChoice.pick(["w", "sidecar"], workload: "w", chosen: "sidecar", place: "w in staging") == "sidecar")
        do {
            _ = try ContainerChoice.pick(["app", "sidecar"], workload: "w", chosen: nil, place: "w in staging")
            Issue.record("expected a question")
        } catch {
            #expect(error.question == ResolutionQuestion(slot: .container, prompt: "which container of w in staging?", options: ["app", "sidecar"]))
            #expect(error.exitCode == .usage)
        }
        #expect(throws: CortexError.self) { try ContainerChoice.pick(["app"], workload: "w", chosen: "nope", place: "w in staging") }
    }

    // MARK: set-resources

    @Test func resourcePlanSetsEitherScopeOrBothAndComputesRequestsAfter() throws {
        let both = try ResourcePlan(cpu: "1", memory: nil, scope: nil, container: Self.container, namespace: "staging")
        #expect(both.summary == "container payments: cpu request 500m → 1, cpu limit (none) → 1")
        #expect(both.requestsAfter == ContainerRequests(name: "payments", cpu: "1", memory: "512Mi"))
        let limit = try ResourcePlan(cpu: nil, memory: "2Gi", scope: .limits, container: Self.container, namespace: "staging")
        #expect(limit.changes == [ResourceChange(resource: "memory", scope: .limits, from: "1Gi", to: "2Gi")])
        #expect(limit.requestsAfter == limit.requestsBefore)
        // Only a limit set: the request defaults to it.
        let bare = try ResourcePlan(cpu: "250m", memory: nil, scope: .limits, container: ["name": "x"], namespace: "staging")
        #expect(bare.requestsAfter.cpu == "250m")
        #expect(bare.resources == ["limits": ["cpu": "250m"]])
    }

    @Test func limitsBelowRequestsMalformedQuantitiesAndLimitRangeBoundsAreErrors() {
        func message(_ body: () throws -> ResourcePlan) -> String? {
            do { _ = try body(); return nil } catch { return (error as? CortexError)?.message }
        }
        #expect(message { try ResourcePlan(cpu: nil, memory: "256Mi", scope: .limits, container: Self.container, namespace: "staging") }
                == "the memory limit 256Mi of container payments would be below its request 512Mi")
        #expect(message { try ResourcePlan(cpu: "2", memory: nil, scope: .requests, container: ["name": "x", "resources": ["limits": ["cpu": "1"]]], namespace: "staging") }
                == "the cpu limit 1 of container x would be below its request 2")
        #expect(message { try ResourcePlan(cpu: nil, memory: "lots", scope: nil, container: Self.container, namespace: "staging") }
                == "the new memory quantity `lots` of container payments is malformed")
        #expect(message { try ResourcePlan(cpu: "1", memory: nil, scope: .requests, container: ["name": "x", "resources": ["limits": ["memory": "1 gig"]]], namespace: "staging") }
                == "the limit memory quantity `1 gig` of container x is malformed")
        let range: JSONValue = [
            "metadata": ["name": "container-limits"],
            "spec": ["limits": [["type": "Container", "max": ["cpu": "2", "memory": "4Gi"], "min": ["memory": "64Mi"]],
                                ["type": "Pod", "max": ["cpu": "1"]]]],
        ]
        let bounds = ContainerLimitBounds(limitRanges: [range])
        #expect(bounds.max["cpu"]?.quantity == "2")
        #expect(message { try ResourcePlan(cpu: nil, memory: "8Gi", scope: .limits, container: Self.container, bounds: bounds, namespace: "prod") }
                == "the memory limit 8Gi of container payments is above the maximum 4Gi that LimitRange container-limits allows per container in namespace prod")
        #expect(message { try ResourcePlan(cpu: "3", memory: nil, scope: .requests, container: ["name": "x"], bounds: bounds, namespace: "prod") }
                == "the cpu request 3 of container x is above the maximum 2 that LimitRange container-limits allows per container in namespace prod")
        #expect(message { try ResourcePlan(cpu: nil, memory: "32Mi", scope: .requests, container: ["name": "x"], bounds: bounds, namespace: "prod") }
                == "the memory request 32Mi of container x is below the minimum 64Mi that LimitRange container-limits sets per container in namespace prod")
        #expect(message { try ResourcePlan(cpu: "1500m", memory: "4Gi", scope: nil, container: Self.container, bounds: bounds, namespace: "prod") } == nil)
    }

    @Test func newRequestsCostPerReplicaBeforeAndAfter() {
        let model = ClusterCostModel(prices: .defaults)
        let change = model.change(replicas: 2, from: PodRequests(cpuMillis: 500, memoryBytes: 512 << 20),
                                  to: PodRequests(cpuMillis: 1000, memoryBytes: 1 << 30))
        #expect(change.summary == "changing the requests of 2 replicas costs $32.84 more a month ($32.86 → $65.70)")
        #expect(change.deltaDollars == 32.84)
    }

    // MARK: autoscale

    @Test func theWantedRangeTakesWhatTheOperationSaysAndKeepsTheRest() throws {
        let current = AutoscalerRange(min: 2, max: 8, cpuPercent: 50)
        #expect(try AutoscalerRange.wanted(Operation(.autoscale, service: "w", max: 10), current: nil) == AutoscalerRange(min: 1, max: 10, cpuPercent: 80))
        #expect(try AutoscalerRange.wanted(Operation(.autoscale, service: "w", max: 4), current: current) == AutoscalerRange(min: 2, max: 4, cpuPercent: 50))
        #expect(try AutoscalerRange.wanted(Operation(.autoscale, service: "w", max: 1), current: current) == AutoscalerRange(min: 1, max: 1, cpuPercent: 50))
        #expect(throws: CortexError.self) { try AutoscalerRange.wanted(Operation(.autoscale, service: "w", min: 5, max: 3), current: nil) }
    }

    @Test func theObjectIsAnAutoscalingV2HPAAndReadsBack() {
        let hpa = AutoscalerObject.make(name: "redis", targetKind: .statefulset, range: AutoscalerRange(min: 2, max: 10, cpuPercent: 70))
        #expect(hpa["apiVersion"] == "autoscaling/v2")
        #expect(hpa[path: ["spec", "scaleTargetRef"]] == ["apiVersion": "apps/v1", "kind": "StatefulSet", "name": "redis"])
        #expect(hpa[path: ["spec", "metrics"]]?.arrayValue?.first?[path: ["resource", "target"]] == ["type": "Utilization", "averageUtilization": 70])
        #expect(AutoscalerRange(hpa: hpa) == AutoscalerRange(min: 2, max: 10, cpuPercent: 70))
        #expect(AutoscalerObject.targets(hpa, kind: .statefulset, name: "redis"))
        #expect(!AutoscalerObject.targets(hpa, kind: .deployment, name: "redis"))
        let v1: JSONValue = ["spec": ["maxReplicas": 5, "targetCPUUtilizationPercentage": 60]]
        #expect(AutoscalerRange(hpa: v1) == AutoscalerRange(min: 1, max: 5, cpuPercent: 60))
    }

    @Test func theCostAtEachEndOfTheRange() {
        let cost = AutoscalerCost(model: ClusterCostModel(prices: .defaults), pod: PodRequests(cpuMillis: 100, memoryBytes: 128 << 20),
                                  current: 4, range: AutoscalerRange(min: 2, max: 10, cpuPercent: 70))
        #expect(cost.summary == "$6.76 a month at 2 replicas, up to $33.80 at 10 (now $13.52 with 4)")
    }

    @Test func guardrailsSeeTheMaximumAsTheReplicaCountAndRemovalIsConfirmed() {
        let create = ResolvedOperation(operation: Operation(.autoscale, service: "payments", environment: "production", min: 2, max: 60),
                                       environment: "production", current: WorkloadState(replicas: 3))
        #expect(create.setsReplicaCount && create.plannedReplicas == 60)
        let bounds = Fixture.guardrails(ReplicaBoundsRule(min: 2, max: 50), environments: ["production"])
        #expect(bounds.evaluate(create, context: Fixture.context()).decision == .deny)
        let jump = Fixture.guardrails(LargeJumpRule())
        #expect(jump.evaluate(create, context: Fixture.context()).decision == .confirm)
        let stop = ResolvedOperation(operation: Operation(.autoscale, service: "payments", environment: "production", enabled: false),
                                     environment: "production", current: WorkloadState(replicas: 3))
        #expect(!stop.setsReplicaCount)
        let removal = Fixture.guardrails(AutoscalerRemovalRule(), environments: ["production"])
        let verdict = removal.evaluate(stop, context: Fixture.context())
        #expect(verdict.decision == .confirm)
        #expect(verdict.findings.first?.message == "removing the autoscaler of payments leaves it at 3 replicas, whatever its load")
        #expect(removal.evaluate(create, context: Fixture.context()).decision == .allow)
    }

    // MARK: kinds

    @Test func whatDiffersPerKind() {
        #expect(WorkloadKind.deployment.traits.scaleRefusal == nil && WorkloadKind.statefulset.traits.hasScale)
        #expect(WorkloadKind.daemonset.traits.scaleRefusal != nil && WorkloadKind.daemonset.traits.autoscaleRefusal != nil)
        #expect(WorkloadKind.allCases.filter { $0.traits.pauseRefusal == nil } == [.deployment])
        #expect(WorkloadKind.allCases.map(\.traits.revisionKind) == ["ReplicaSet", "ControllerRevision", "ControllerRevision"])
        #expect(WorkloadKind.allCases.filter(\.traits.createdByDeploy) == [.deployment])
    }
}
