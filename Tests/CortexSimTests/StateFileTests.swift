import CortexCore
import CortexSim
import Foundation
import Testing

@Suite struct StateFileTests {
    @Test func stateSurvivesAStopAndAStart() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        let first = try await SimulatedCluster.start(seed: .empty, pace: .fast, stateFile: path, tickInterval: 0.05)
        let client = SimClient(first.url)
        let created = try await client.post(Manifests.deploymentPath("staging"), Manifests.deployment("web", replicas: 2)).json
        var ready = JSONValue.null
        for _ in 0..<100 {
            ready = try await client.get(Manifests.deploymentPath("staging", "web")).json
            if ready[path: ["status", "availableReplicas"]] == 2 { break }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        #expect(ready[path: ["status", "availableReplicas"]] == 2)
        await first.stop()
        #expect(FileManager.default.fileExists(atPath: path))

        let second = try await SimulatedCluster.start(seed: .standard, pace: .fast, stateFile: path, tickInterval: 3600)
        let reloaded = SimClient(second.url)
        let web = try await reloaded.get(Manifests.deploymentPath("staging", "web")).json
        #expect(web[path: ["metadata", "uid"]] == created[path: ["metadata", "uid"]])
        #expect(web[path: ["status", "availableReplicas"]] == 2)
        let pods = try await reloaded.get("/api/v1/namespaces/staging/pods").json["items"]?.arrayValue ?? []
        #expect(pods.count == 2)
        // The seed is not applied over a saved state.
        #expect(try await reloaded.get(Manifests.deploymentPath("production")).json["items"] == [])
        // Resource versions keep increasing across the restart.
        let before = Int(ready[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0
        let next = try await reloaded.patch(
            Manifests.deploymentPath("staging", "web"), ["spec": ["replicas": 3]], type: "application/merge-patch+json")
        #expect((Int(next.json[path: ["metadata", "resourceVersion"]]?.stringValue ?? "") ?? 0) > before)
        await second.stop()
    }

    @Test func saveWritesAReadableDocument() async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("saved.json")
        let sim = try await SimulatedCluster.start(seed: .standard, pace: .fast, tickInterval: 3600)
        try await sim.save(to: path)
        await sim.stop()
        let document = try JSONValue(parsing: String(contentsOfFile: path, encoding: .utf8))
        #expect(document["format"] == 1)
        #expect(document[path: ["objects", "deployments"]]?.arrayValue?.count == 10)
        #expect(document[path: ["objects", "namespaces"]]?.arrayValue?.count == 6)
    }

    @Test(arguments: [
        ("not json", "is not valid JSON"),
        (#"{"format": 2, "resourceVersion": 1, "objects": {}}"#, "has format 2"),
        (#"{"format": 1, "objects": {}}"#, "lacks"),
        (#"{"format": 1, "resourceVersion": 5, "objects": {"widgets": []}}"#, "unknown resource \"widgets\""),
        (#"{"format": 1, "resourceVersion": 5, "objects": {"deployments": [{"metadata": {"name": "x"}}]}}"#, "without a proper name or namespace"),
    ])
    func aBadStateFileIsAClearErrorAndIsLeftAlone(content: String, message: String) async throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("state.json")
        try content.write(toFile: path, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await SimulatedCluster.start(seed: .empty, stateFile: path)
        } throws: { error in
            guard let error = error as? CortexError else { return false }
            return error.message.contains(path) && error.message.contains(message) && error.exitCode == .usage
                && error.hint?.contains(path) == true
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == content)
    }

    @Test func anUnwritableStateFileIsReported() async throws {
        let sim = try await SimulatedCluster.start(seed: .empty, pace: .fast, tickInterval: 3600)
        await #expect(throws: CortexError.self) {
            try await sim.save(to: "/nonexistent-directory/state.json")
        }
        await sim.stop()
    }
}

@Suite struct LifecycleTests {
    @Test func synchronousCallersCanStartAndStop() throws {
        let sim = try SimulatedCluster.startInBackground(seed: .empty, pace: .fast)
        #expect(sim.port > 0)
        #expect(sim.url == "http://127.0.0.1:\(sim.port)")
        #expect(sim.kubeconfig(namespace: "staging").contains("server: \(sim.url)"))
        #expect(sim.kubeconfig().contains("token") == false)
        sim.stopAndWait()
        sim.stopAndWait()
    }

    @Test func aTakenPortIsAClearError() async throws {
        let first = try await SimulatedCluster.start(seed: .empty, tickInterval: 3600)
        await #expect {
            _ = try await SimulatedCluster.start(port: first.port, seed: .empty)
        } throws: { error in
            (error as? CortexError)?.message.contains("cannot listen on 127.0.0.1:\(first.port)") == true
        }
        await #expect(throws: CortexError.self) {
            _ = try await SimulatedCluster.start(port: 70000, seed: .empty)
        }
        await first.stop()
    }

    @Test func stoppingEndsOpenWatches() async throws {
        let sim = try await SimulatedCluster.start(seed: .empty, tickInterval: 3600)
        let client = SimClient(sim.url)
        async let watch = client.get("/api/v1/namespaces?watch=true")
        // Stop only once the server holds the watch open (a busy machine may take a while).
        let deadline = Date().addingTimeInterval(30)
        while await sim.openWatches == 0, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        await sim.stop()
        let events = try await watch.text.split(separator: "\n")
        #expect(events.count == 6)
    }
}
