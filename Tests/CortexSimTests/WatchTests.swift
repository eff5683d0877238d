import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// Watches and followed logs at the API layer, with simulated time moved by hand.
@Suite struct WatchTests {
    /// Opens a watch, runs `changes`, then ends the watch and returns the events it carried.
    private func events(
        _ sim: ClusterHarness, _ target: String, accept: String? = nil, _ changes: () -> Void = {}
    ) async -> [JSONValue] {
        let response = sim.cluster.handle(APIRequest(method: .get, target: target, accept: accept), now: sim.now)
        guard case .stream(let stream) = response.body else {
            Issue.record("not a stream: \(response.code) \(String(decoding: response.bytes ?? [], as: UTF8.self))")
            return []
        }
        changes()
        if let watch = response.watch { sim.cluster.watches.remove(watch.id) }
        var lines: [JSONValue] = []
        for await chunk in stream {
            for line in chunk.split(separator: 0x0A) { lines.append((try? JSONValue(parsing: Array(line))) ?? .null) }
        }
        return lines
    }

    private func types(_ events: [JSONValue]) -> [String] { events.compactMap { $0["type"]?.stringValue } }

    private func label(_ sim: ClusterHarness, _ name: String, _ labels: JSONValue) {
        let reply = sim.request(
            .patch, Manifests.deploymentPath("staging", name), ["metadata": ["labels": labels]],
            contentType: "application/merge-patch+json")
        #expect(reply.code == 200)
    }

    @Test func aSelectedWatchSeesObjectsEnterAndLeaveItsSelection() async {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        let version = sim.cluster.store.resourceVersion
        let seen = await events(sim, Manifests.deploymentPath("staging") + "?watch=true&labelSelector=tier%3Dbackend&resourceVersion=\(version)") {
            label(sim, "web", ["tier": "backend"])
            label(sim, "web", ["owner": "team"])
            label(sim, "web", ["tier": .null])
        }
        #expect(types(seen) == ["ADDED", "MODIFIED", "DELETED"])
        // The DELETED event carries the object as it was, at the version of the change.
        #expect(seen.last?[path: ["object", "metadata", "labels", "tier"]] == "backend")
        #expect(seen.last?[path: ["object", "metadata", "resourceVersion"]] == .string(String(sim.cluster.store.resourceVersion)))
    }

    @Test func withoutAVersionTheCurrentObjectsComeFirstAndResumingReplaysOnlyLaterChanges() async {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        sim.create(Manifests.deployment("api"))
        let fresh = await events(sim, Manifests.deploymentPath("staging") + "?watch=1")
        #expect(types(fresh) == ["ADDED", "ADDED"])
        let version = sim.cluster.store.resourceVersion
        label(sim, "api", ["tier": "backend"])
        let resumed = await events(sim, Manifests.deploymentPath("staging") + "?watch=1&resourceVersion=\(version)")
        #expect(types(resumed) == ["MODIFIED"])
        #expect(resumed.first?[path: ["object", "metadata", "name"]] == "api")
    }

    @Test func aVersionOlderThanTheHistoryIsExpired() async {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        let seen = await events(sim, "/api/v1/namespaces/staging/pods?watch=1&resourceVersion=1")
        #expect(types(seen) == ["ERROR"])
        #expect(seen.first?[path: ["object", "code"]] == 410)
        #expect(seen.first?[path: ["object", "reason"]] == "Expired")
    }

    @Test func sendInitialEventsIsRefusedAsWithoutTheWatchListFeature() {
        let sim = ClusterHarness()
        let reply = sim.request(
            .get, "/api/v1/namespaces/staging/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true")
        #expect(reply.code == 422)
        #expect(reply.json["reason"] == "Invalid")
        #expect(
            reply.json["message"]
                == "ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled")
        #expect(sim.request(.get, "/api/v1/namespaces/staging/pods?watch=1&resourceVersionMatch=Exact").code == 422)
    }

    @Test func tableWatchesSendColumnsWithTheFirstEventOnly() async {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web"))
        let seen = await events(
            sim, Manifests.deploymentPath("staging") + "?watch=1", accept: "application/json;as=Table;v=v1;g=meta.k8s.io"
        ) { label(sim, "web", ["tier": "backend"]) }
        #expect(types(seen) == ["ADDED", "MODIFIED"])
        #expect(seen.first?[path: ["object", "kind"]] == "Table")
        #expect(seen.first?[path: ["object", "columnDefinitions"]]?.arrayValue?.isEmpty == false)
        #expect(seen.last?[path: ["object", "columnDefinitions"]] == .null)
        #expect(seen.last?[path: ["object", "rows"]]?.arrayValue?.count == 1)
    }

    @Test func bookmarksGoOnlyToWatchesThatAllowThem() async {
        let sim = ClusterHarness()
        let version = sim.cluster.store.resourceVersion
        let allowed = await events(sim, "/api/v1/namespaces/staging/pods?watch=1&allowWatchBookmarks=true&resourceVersion=\(version)") {
            sim.cluster.watches.bookmark(resourceVersion: version)
        }
        #expect(types(allowed) == ["BOOKMARK"])
        #expect(allowed.first?[path: ["object", "kind"]] == "Pod")
        #expect(allowed.first?[path: ["object", "metadata", "resourceVersion"]] == .string(String(version)))
        let plain = await events(sim, "/api/v1/namespaces/staging/pods?watch=1&resourceVersion=\(version)") {
            sim.cluster.watches.bookmark(resourceVersion: version)
        }
        #expect(plain.isEmpty)
    }

    @Test func aFollowedLogCarriesNewLinesUntilThePodGoes() throws {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 1))
        sim.advance(30)
        let pod = try #require(sim.allPods(app: "web").first)
        let path = "/api/v1/namespaces/staging/pods/\(pod.name)/log?follow=true&timestamps=true"
        let response = sim.cluster.handle(APIRequest(method: .get, target: path), now: sim.now)
        let follow = try #require(response.follow)
        sim.advance(20)
        let next = sim.cluster.followLogs(follow.state, now: sim.now)
        let lines = String(decoding: next.chunk, as: UTF8.self).split(separator: "\n")
        // One line every five simulated seconds, all written after the first answer.
        #expect(lines.count == 4)
        let start = follow.state.after
        #expect(lines.allSatisfy { line in Timestamp.parse(String(line.prefix { $0 != " " })).map { $0 > start } ?? false })
        #expect(!next.ended)
        #expect(sim.cluster.followLogs(next.state, now: sim.now).chunk.isEmpty)

        sim.request(.delete, "/api/v1/namespaces/staging/pods/\(pod.name)")
        sim.advance(60)
        #expect(sim.cluster.followLogs(next.state, now: sim.now).ended)
    }

    @Test func limitBytesCountsOverTheWholeFollowedLog() throws {
        let sim = ClusterHarness()
        sim.create(Manifests.deployment("web", replicas: 1))
        sim.advance(30)
        let pod = try #require(sim.allPods(app: "web").first)
        let path = "/api/v1/namespaces/staging/pods/\(pod.name)/log?follow=true&tailLines=0&limitBytes=70"
        let response = sim.cluster.handle(APIRequest(method: .get, target: path), now: sim.now)
        let follow = try #require(response.follow)
        sim.advance(60)
        let next = sim.cluster.followLogs(follow.state, now: sim.now)
        #expect(next.chunk.count == 70)
        #expect(next.ended)
    }
}
