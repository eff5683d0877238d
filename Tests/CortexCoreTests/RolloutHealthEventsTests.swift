import CortexCore
import Foundation
import Testing

/// When the health watch may leave events unread: only when they cannot turn the verdict
/// into "failed" (before the progress deadline).
@Suite struct RolloutHealthEventsTests {
    let at = Date(timeIntervalSince1970: 1_700_000_000)

    func pod(_ name: String, _ state: ContainerStateEvidence?) -> PodEvidence {
        PodEvidence(name: name, phase: "Pending", owner: "web-2",
                    containers: [ContainerStatusEvidence(name: "web", restartCount: 0, state: state)])
    }

    func evidence(_ pods: [PodEvidence]) -> DiagnosisEvidence {
        DiagnosisEvidence(subject: ObjectRef(kind: "Deployment", name: "web"), namespace: "staging", environment: "staging",
                          gatheredAt: at, workload: WorkloadEvidence(ref: ObjectRef(kind: "Deployment", name: "web"), desiredReplicas: 2),
                          revisions: [RevisionEvidence(ref: ObjectRef(kind: "ReplicaSet", name: "web-2"), number: 2, templateHash: "2")],
                          pods: pods)
    }

    @Test func aPodStillBeingCreatedLeavesTheVerdictOpenWhateverTheEvents() {
        let judge = RolloutHealthJudge()
        let creating = pod("web-2-a", .waiting(reason: "ContainerCreating", message: nil))
        let running = pod("web-2-b", .running(startedAt: at))
        let crashing = pod("web-2-c", .waiting(reason: "CrashLoopBackOff", message: nil))
        #expect(!judge.eventsMayDecide([creating], in: evidence([creating])))
        #expect(!judge.eventsMayDecide([crashing, creating], in: evidence([crashing, creating])))
        // A running pod's readiness failures are events; a stuck pod needs none.
        #expect(judge.eventsMayDecide([running], in: evidence([running])))
        #expect(judge.eventsMayDecide([crashing, running], in: evidence([crashing, running])))
        #expect(judge.eventsMayDecide([crashing], in: evidence([crashing])))
    }

    /// Over every diagnosis fixture (objects as the API server serves them): whenever the
    /// events are left unread, the verdict with them is still open.
    @Test func leavingTheEventsUnreadNeverChangesAVerdict() throws {
        let judge = RolloutHealthJudge()
        var skipped = 0
        for fixture in try DiagnosisFixture.loadAll() {
            let full = try fixture.evidence()
            var light = full
            light.events = []
            guard let (_, newPods) = judge.candidates(light) else { continue }
            if !judge.eventsMayDecide(newPods, in: light) {
                skipped += 1
                #expect(judge.judge(full) == .undecided, "\(fixture.name)")
            }
        }
        #expect(skipped > 0)
    }
}
