import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// A cluster driven by hand: requests go straight to the API layer and simulated time only
/// moves when a test says so, so controller behaviour is checked step by step without
/// waiting on a clock.
final class ClusterHarness {
    let cluster: Cluster
    private(set) var now: Date

    init(seed: ClusterSeed = .empty, pace: SimulationPace = .realtime) {
        cluster = Cluster(pace: pace)
        now = Date(timeIntervalSince1970: 1_800_000_000)
        Seeder(cluster: cluster).apply(seed, now: now)
    }

    @discardableResult
    func request(
        _ method: APIRequest.Method, _ target: String, _ body: JSONValue? = nil,
        contentType: String = "application/json", accept: String? = nil
    ) -> (code: Int, json: JSONValue) {
        let response = cluster.handle(
            APIRequest(method: method, target: target, contentType: contentType, accept: accept, body: body?.serialized() ?? []),
            now: now)
        let json = response.bytes.flatMap { try? JSONValue(parsing: $0) } ?? .null
        return (response.code, json)
    }

    func text(_ target: String) -> (code: Int, text: String) {
        let response = cluster.handle(APIRequest(method: .get, target: target), now: now)
        return (response.code, String(decoding: response.bytes ?? [], as: UTF8.self))
    }

    /// One controller pass per `step` seconds until `seconds` have passed.
    func advance(_ seconds: Double, step: Double = 1, check: (ClusterHarness) -> Void = { _ in }) {
        var elapsed = 0.0
        while elapsed < seconds {
            let delta = min(step, seconds - elapsed)
            now = now.addingTimeInterval(delta)
            elapsed += delta
            cluster.controllers.reconcile(now: now)
            check(self)
        }
    }

    func deployment(_ name: String, namespace: String = "staging") -> JSONValue {
        cluster.store.get(.deployments, namespace: namespace, name: name)?.value ?? .null
    }

    func replicaSets(of name: String, namespace: String = "staging") -> [JSONValue] {
        let uid = deployment(name, namespace: namespace).uid
        return cluster.store.list(.replicaSets, namespace: namespace).map(\.value).filter { $0.controllerUID == uid }
            .sorted { (Int($0.annotation(DeploymentController.revision) ?? "") ?? 0) < (Int($1.annotation(DeploymentController.revision) ?? "") ?? 0) }
    }

    func pods(of replicaSet: JSONValue) -> [JSONValue] {
        cluster.store.list(.pods, namespace: replicaSet.namespace).map(\.value).filter { $0.controllerUID == replicaSet.uid }
    }

    func allPods(namespace: String = "staging", app: String) -> [JSONValue] {
        cluster.store.list(.pods, namespace: namespace).map(\.value).filter { $0.labels["app"] == app }
    }

    func condition(_ type: String, of name: String, namespace: String = "staging") -> JSONValue? {
        deployment(name, namespace: namespace)[path: ["status", "conditions"]]?.arrayValue?
            .first { $0["type"]?.stringValue == type }
    }

    func create(_ manifest: JSONValue) {
        let namespace = manifest.namespace
        let reply = request(.post, "/apis/apps/v1/namespaces/\(namespace)/deployments", manifest)
        #expect(reply.code == 201, "create failed: \(reply.json.serializedString())")
    }

    func setImage(_ name: String, _ image: String, namespace: String = "staging") {
        let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": .string(name), "image": .string(image)]]]]]]
        let reply = request(
            .patch, "/apis/apps/v1/namespaces/\(namespace)/deployments/\(name)", patch,
            contentType: "application/strategic-merge-patch+json")
        #expect(reply.code == 200, "patch failed: \(reply.json.serializedString())")
    }
}
