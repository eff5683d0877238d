import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// The log options kubectl passes on (`--since`, `--since-time`, `--previous`) against
/// simulated containers, checked at simulated times.
@Suite struct PodLogOptionsTests {
    private func logPath(_ sim: ClusterHarness, app: String, _ query: String) -> String {
        let pod = sim.allPods(app: app).first ?? .null
        return "/api/v1/namespaces/staging/pods/\(pod.name)/log?\(query)"
    }

    private func times(_ text: String) -> [Date] {
        text.split(separator: "\n").compactMap { line in line.split(separator: " ").first.flatMap { Timestamp.parse(String($0)) } }
    }

    @Test func sinceKeepsOnlyLinesAtOrAfterTheCutoff() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        sim.advance(120)
        let all = times(sim.text(logPath(sim, app: "web", "timestamps=true")).text)
        let recent = sim.text(logPath(sim, app: "web", "timestamps=true&sinceSeconds=20"))
        #expect(recent.code == 200)
        let recentTimes = times(recent.text)
        #expect(!recentTimes.isEmpty)
        #expect(recentTimes.count < all.count)
        #expect(recentTimes.allSatisfy { $0 >= sim.now.addingTimeInterval(-20) })
        #expect(recentTimes == all.filter { $0 >= sim.now.addingTimeInterval(-20) })

        let cutoff = Timestamp.format(sim.now.addingTimeInterval(-20))
        let byTime = sim.text(logPath(sim, app: "web", "timestamps=true&sinceTime=\(cutoff)"))
        #expect(times(byTime.text) == recentTimes)
        // Without timestamps the lines are the same, without the kubelet's time.
        let plain = sim.text(logPath(sim, app: "web", "sinceSeconds=20&tailLines=1")).text
        #expect(plain.split(separator: "\n").count == 1)
        #expect(recent.text.hasSuffix(plain))

        #expect(sim.text(logPath(sim, app: "web", "sinceSeconds=0")).code == 400)
        #expect(sim.text(logPath(sim, app: "web", "sinceSeconds=5&sinceTime=\(cutoff)")).code == 400)
    }

    @Test func previousIsTheTerminatedContainersLogOrTheKubeletsError() {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        sim.create(Manifests.deployment("api", image: "acme/api:crashloop", replicas: 1))
        sim.advance(30)
        let healthy = sim.request(.get, logPath(sim, app: "web", "previous=true"))
        #expect(healthy.code == 400)
        let pod = sim.allPods(app: "web").first?.name ?? ""
        #expect(healthy.json["message"] == .string("previous terminated container \"web\" in pod \"\(pod)\" not found"))

        let crashed = sim.text(logPath(sim, app: "api", "previous=true&timestamps=true"))
        #expect(crashed.code == 200)
        #expect(crashed.text.contains("FATAL"))
        let status = sim.allPods(app: "api").first?[path: ["status", "containerStatuses"]]?.arrayValue?.first
        let finished = status?[path: ["lastState", "terminated", "finishedAt"]]?.stringValue.flatMap(Timestamp.parse)
        #expect(finished != nil)
        #expect(times(crashed.text).allSatisfy { $0 <= (finished ?? .distantPast) })
    }
}
