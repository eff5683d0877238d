import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// A seeded cluster is built once per process for a manual clock and copied: a copy must
/// hold the same state and go on exactly as a cluster seeded afresh, and copies must not
/// share changes.
@Suite struct ClusterCopyTests {
    static let start = Date(timeIntervalSince1970: 1_767_607_200)

    static func seeded() -> Cluster {
        let cluster = Cluster(pace: .fast, names: SimulationNames(seed: 1))
        Seeder(cluster: cluster).apply(.standard, now: start)
        return cluster
    }

    /// The same requests and controller passes on a cluster: a scale, a new image, then
    /// passes a simulated second apart.
    static func drive(_ cluster: Cluster) {
        var now = start
        let scale = APIRequest(method: .patch, target: "/apis/apps/v1/namespaces/staging/deployments/payments/scale",
                               contentType: "application/merge-patch+json", body: Array(#"{"spec":{"replicas":4}}"#.utf8))
        #expect(cluster.handle(scale, now: now).code == 200)
        let image = APIRequest(
            method: .patch, target: "/apis/apps/v1/namespaces/staging/deployments/web-frontend",
            contentType: "application/strategic-merge-patch+json",
            body: Array(#"{"spec":{"template":{"spec":{"containers":[{"name":"web-frontend","image":"web-frontend:9.9.9"}]}}}}"#.utf8))
        #expect(cluster.handle(image, now: now).code == 200)
        for _ in 0..<40 {
            now.addTimeInterval(0.1)
            cluster.controllers.reconcile(now: now)
        }
    }

    static func state(_ cluster: Cluster) -> [String] {
        cluster.store.allObjects.map { "\($0.0.qualifiedName) \($0.1.serializedString())" }
    }

    @Test func aCopyGoesOnExactlyAsAFreshlySeededCluster() {
        let fresh = Self.seeded()
        let copy = Cluster(copying: Self.seeded())
        #expect(Self.state(copy) == Self.state(fresh))
        #expect(copy.store.resourceVersion == fresh.store.resourceVersion)
        Self.drive(fresh)
        Self.drive(copy)
        #expect(Self.state(copy) == Self.state(fresh))
        #expect(copy.newUID() == fresh.newUID())
        #expect(copy.newSuffix() == fresh.newSuffix())
        let history = { (cluster: Cluster) in
            cluster.store.events(of: .pods, after: cluster.store.oldestResumableVersion)?.map { "\($0.type) \($0.object.value.serializedString())" }
        }
        #expect(history(copy)?.isEmpty == false)
        #expect(history(copy) == history(fresh))
    }

    @Test func copiesChangeIndependently() {
        let template = Self.seeded()
        let before = Self.state(template)
        let first = Cluster(copying: template), second = Cluster(copying: template)
        Self.drive(first)
        #expect(Self.state(template) == before)
        #expect(Self.state(second) == before)
        #expect(Self.state(first) != before)
        #expect(second.newUID() == Cluster(copying: template).newUID())
    }

    @Test func inProcessClustersOfAManualClockStartAlikeAndStaySeparate() async throws {
        let clock = { SimulationClock(startingAt: Self.start) }
        let one = try SimulatedCluster.inProcess(seed: .standard, pace: .fast, clock: clock())
        let two = try SimulatedCluster.inProcess(seed: .standard, pace: .fast, clock: clock())
        let path = "/apis/apps/v1/namespaces/staging/deployments/payments"
        let scale = HTTPRequest(method: .patch, url: one.url + path + "/scale", headers: ["Content-Type": "application/merge-patch+json"],
                                body: Data(#"{"spec":{"replicas":7}}"#.utf8))
        let answers = await InProcessTransportTests.send(one.transport(), [scale, HTTPRequest(method: .get, url: one.url + path)])
        let other = await InProcessTransportTests.send(two.transport(), [HTTPRequest(method: .get, url: two.url + path)])
        let changed = try JSONValue(parsing: Array(answers[1].get().body))
        let untouched = try JSONValue(parsing: Array(other[0].get().body))
        #expect(changed[path: ["spec", "replicas"]] == 7)
        #expect(untouched[path: ["spec", "replicas"]] != 7)
        #expect(changed[path: ["metadata", "uid"]] == untouched[path: ["metadata", "uid"]])
        await one.stop()
        await two.stop()
    }
}
