import CortexCore
import CortexSim
import Foundation
import Testing

/// Users, bearer tokens and SelfSubjectReview, and the ConfigMap semantics shared state relies on.
@Suite struct AuthenticationTests {
    static let users = try! SimUsers([
        SimUser(name: "alice", groups: ["sre"], token: Secret("alice-token-123")),
        SimUser(name: "bob", groups: ["security"], token: Secret("bob-token-4567")),
    ])

    private func withCluster(users: SimUsers?, _ body: (String) async throws -> Void) async throws {
        let sim = try await SimulatedCluster.start(seed: .empty, pace: .fast, tickInterval: 3600, users: users)
        do { try await body(sim.url) } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }

    static let review: JSONValue = ["apiVersion": "authentication.k8s.io/v1", "kind": "SelfSubjectReview"]
    static let reviewPath = "/apis/authentication.k8s.io/v1/selfsubjectreviews"

    @Test func theReviewNamesTheUserOfTheToken() async throws {
        try await withCluster(users: Self.users) { url in
            let reply = try await SimClient(url, token: "bob-token-4567").post(Self.reviewPath, Self.review)
            #expect(reply.status == 201)
            #expect(reply.json["kind"] == "SelfSubjectReview")
            #expect(reply.json[path: ["status", "userInfo", "username"]] == "bob")
            #expect(reply.json[path: ["status", "userInfo", "groups"]] == ["security", "system:authenticated"])
        }
    }

    @Test func requestsWithoutAKnownTokenAreUnauthorized() async throws {
        try await withCluster(users: Self.users) { url in
            for client in [SimClient(url), SimClient(url, token: "wrong-token-000")] {
                let reply = try await client.get("/api/v1/namespaces")
                #expect(reply.status == 401)
                #expect(reply.json["reason"] == "Unauthorized")
                #expect(!reply.text.contains("token"))
            }
            let version = try await SimClient(url).get("/version")
            #expect(version.status == 200)
            let namespaces = try await SimClient(url, token: "alice-token-123").get("/api/v1/namespaces")
            #expect(namespaces.status == 200)
        }
    }

    @Test func withoutUsersTheReviewIsNotServed() async throws {
        try await withCluster(users: nil) { url in
            let reply = try await SimClient(url).post(Self.reviewPath, Self.review)
            #expect(reply.status == 404)
        }
    }

    @Test func configMapsAnswerAlreadyExistsAndConflictLikeTheAPIServer() async throws {
        try await withCluster(users: Self.users) { url in
            let client = SimClient(url, token: "alice-token-123")
            _ = try await client.post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "cortex-system"]])
            let path = "/api/v1/namespaces/cortex-system/configmaps"
            let entry: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "audit-0000000001"], "data": ["entry": "one"]]
            let created = try await client.post(path, entry)
            #expect(created.status == 201)
            let again = try await client.post(path, entry)
            #expect(again.status == 409)
            #expect(again.json["reason"] == "AlreadyExists")
            var stale = created.json
            stale[path: ["data", "entry"]] = "two"
            let updated = try await client.send("PUT", path + "/audit-0000000001", body: stale)
            #expect(updated.status == 200)
            let conflict = try await client.send("PUT", path + "/audit-0000000001", body: stale)
            #expect(conflict.status == 409)
            #expect(conflict.json["reason"] == "Conflict")
        }
    }

    @Test func usersAreChecked() {
        #expect(throws: CortexError.self) { try SimUsers([SimUser(name: "a", token: Secret("short"))]) }
        #expect(throws: CortexError.self) {
            try SimUsers([SimUser(name: "a", token: Secret("same-token-1")), SimUser(name: "b", token: Secret("same-token-1"))])
        }
    }

    @Test func eachUserGetsAKubeconfigWithTheirToken() async throws {
        let sim = try await SimulatedCluster.start(seed: .empty, pace: .fast, tickInterval: 3600, users: Self.users)
        let text = sim.kubeconfig(for: Self.users.users[0])
        await sim.stop()
        #expect(text.contains("token: alice-token-123"))
        #expect(text.contains("cortex.dev/loopback-credentials"))
        #expect(text.contains("current-context: cortex-sim-alice"))
    }
}
