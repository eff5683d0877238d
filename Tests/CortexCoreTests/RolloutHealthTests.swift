import CortexCore
import Foundation
import Testing

/// The rollout health judge over the diagnosis fixtures (objects shaped as the API server
/// serves them): failed only when every new pod is stuck, and said in one line.
@Suite struct RolloutHealthTests {
    func verdict(_ fixture: String, deadline: Bool = false) throws -> RolloutHealthVerdict {
        RolloutHealthJudge().judge(try DiagnosisFixture.load(fixture).evidence(), deadlinePassed: deadline)
    }

    func failure(_ fixture: String) throws -> RolloutFailure {
        guard case .failed(let f) = try verdict(fixture) else {
            Issue.record("\(fixture): expected a failed verdict")
            throw CancellationError()
        }
        return f
    }

    @Test func aCrashLoopOfEveryNewPodIsAFailureWithItsExitAndLogLine() throws {
        let f = try failure("crashloop-missing-env")
        #expect(f.failing.first?.reason == "CrashLoopBackOff")
        #expect(f.failing.map(\.pods).reduce(0, +) == f.newPods)
        #expect(f.detail.hasPrefix("exit 1: "))
        #expect(f.detail.contains("DATABASE_URL"))
        #expect(f.headline.contains(" failed in staging: \(f.newPods) of \(f.newPods) new pod"))
        #expect(f.headline == "orders 1.4.0 failed in staging: 2 of 2 new pods CrashLoopBackOff (exit 1: Error: required environment variable DATABASE_URL is not set)")
        // Revision 1 is the only one: there is nothing to roll back to.
        #expect(f.remedy == nil)
    }

    @Test func theRemedyGoesBackToTheNewestOlderRevisionThatServes() throws {
        var e = try DiagnosisFixture.load("crashloop-missing-env").evidence()
        let older = RevisionEvidence(ref: ObjectRef(kind: "ReplicaSet", name: "orders-old"), number: 0, images: ["ghcr.io/acme/orders:1.0"],
                                     desiredReplicas: 2, readyReplicas: 2)
        e.revisions.append(older)
        guard case .failed(let f) = RolloutHealthJudge().judge(e) else {
            Issue.record("expected a failure")
            return
        }
        #expect(f.remedy == Operation(.rollback, service: "orders", environment: "staging", revision: 0))
        #expect(f.remedyTarget == "revision 0 (ghcr.io/acme/orders:1.0)")
    }

    @Test func anImageInPullBackOffIsAFailureButAFirstPullErrorIsNotYet() throws {
        #expect(try failure("image-pull-backoff").failing.first?.reason == "ImagePullBackOff")
        #expect(try verdict("err-image-pull") == .undecided)
    }

    @Test func outOfMemoryKillsAreNamedAsSuch() throws {
        let f = try failure("oom-killed")
        #expect(f.failing.first?.reason == "OOMKilled")
        #expect(f.detail.hasPrefix("exit 137: killed at its memory limit"))
    }

    @Test func healthyWorkloadsAndRolloutsUnderWayAreLeftUndecided() throws {
        #expect(try verdict("healthy") == .undecided)
        #expect(try verdict("rollout-in-progress") == .undecided)
        #expect(try verdict("healthy-old-restarts") == .undecided)
    }

    @Test func atTheProgressDeadlineEveryUnreadyNewPodCounts() throws {
        guard case .failed(let f) = try verdict("rollout-in-progress", deadline: true) else {
            Issue.record("expected the deadline to decide")
            return
        }
        #expect(f.failing == [PodFailureCount(reason: PodFailure.notReadyAtDeadline, pods: 2)])
        #expect(f.revision == 8)
        #expect(f.remedy == Operation(.rollback, service: "search-ui", environment: f.environment, revision: 7))
    }

    @Test func readyNewPodsAreNeverAFailure() {
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let rs = RevisionEvidence(ref: ObjectRef(kind: "ReplicaSet", name: "web-2"), number: 2, templateHash: "2")
        let ready = PodEvidence(name: "web-2-a", phase: "Running", owner: "web-2",
                                conditions: [ConditionEvidence(type: "Ready", status: "True")],
                                containers: [ContainerStatusEvidence(name: "web", ready: true, restartCount: 4,
                                                                     state: .running(startedAt: at))])
        let crashing = PodEvidence(name: "web-2-b", phase: "Running", owner: "web-2",
                                   containers: [ContainerStatusEvidence(name: "web", restartCount: 2,
                                                                        state: .waiting(reason: "CrashLoopBackOff", message: nil),
                                                                        lastState: .terminated(Termination(exitCode: 1)))])
        let e = DiagnosisEvidence(subject: ObjectRef(kind: "Deployment", name: "web"), namespace: "staging", environment: "staging",
                                  gatheredAt: at, workload: WorkloadEvidence(ref: ObjectRef(kind: "Deployment", name: "web"), desiredReplicas: 2),
                                  revisions: [rs], pods: [ready, crashing])
        #expect(RolloutHealthJudge().judge(e) == .undecided)
        var one = e
        one.pods = [crashing]
        guard case .failed(let f) = RolloutHealthJudge().judge(one) else {
            Issue.record("one crashing new pod of one is a failure")
            return
        }
        #expect(f.headline == "web revision 2 failed in staging: 1 of 1 new pod CrashLoopBackOff (exit 1)")
        #expect(f.remedy == nil)  // no earlier revision to go back to
    }

    @Test func aCanaryIsUndoneByAnAbortOfTheStableService() throws {
        var e = try DiagnosisFixture.load("crashloop-missing-env").evidence()
        e.subject = ObjectRef(kind: "Deployment", name: "payments-canary")
        guard case .failed(let f) = RolloutHealthJudge().judge(e, canaryOf: "payments") else {
            Issue.record("expected a failure")
            return
        }
        #expect(f.remedy == Operation(.abort, service: "payments", environment: "staging"))
        #expect(f.headline.hasPrefix("the canary of payments ("))
        #expect(f.isCanary)
    }

    @Test func recoveryIsCountedFromTheFirstTrouble() {
        let first = Date(timeIntervalSince1970: 1_000)
        let f = RolloutFailure(service: "payments", workload: "payments", environment: "staging", revision: 2, version: "v2", newPods: 3,
                               failing: [PodFailureCount(reason: "CrashLoopBackOff", pods: 3)], detail: "exit 1: DATABASE_URL is not set",
                               cause: "…", firstFailureAt: first, detectedAt: first.addingTimeInterval(4),
                               remedy: Operation(.rollback, service: "payments", environment: "staging", revision: 1),
                               remedyTarget: "revision 1 (ghcr.io/acme/payments:v1)")
        #expect(f.headline == "payments v2 failed in staging: 3 of 3 new pods CrashLoopBackOff (exit 1: DATABASE_URL is not set)")
        #expect(f.detectionDelay == "certain 4 seconds after the first crash")
        #expect(f.recovered(at: first.addingTimeInterval(9))
                == "payments in staging is back on the version of revision 1 (ghcr.io/acme/payments:v1), healthy 9 seconds after the first crash")
        #expect(f.recovered(at: first.addingTimeInterval(185)).hasSuffix("healthy 3 minutes 5 seconds after the first crash"))
        #expect(f.recovered(at: first.addingTimeInterval(1)).hasSuffix("healthy 1 second after the first crash"))
    }
}
