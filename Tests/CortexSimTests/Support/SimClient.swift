import CortexCore
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A minimal HTTP client for talking to the simulator the way any Kubernetes client does.
struct SimClient {
    struct Reply {
        var status: Int
        var contentType: String
        var body: Data

        var text: String { String(decoding: body, as: UTF8.self) }

        /// The body as JSON; `.null` when it is not JSON.
        var json: JSONValue { (try? JSONValue(parsing: Array(body))) ?? .null }
    }

    let base: String
    /// A bearer token sent with every request, for a cluster with users.
    var token: String?

    init(_ base: String, token: String? = nil) {
        self.base = base
        self.token = token
    }

    func send(
        _ method: String, _ path: String, body: JSONValue? = nil, rawBody: String? = nil, contentType: String? = nil,
        accept: String? = nil
    ) async throws -> Reply {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.timeoutInterval = 30
        if let body {
            request.httpBody = Data(body.serialized())
        } else if let rawBody {
            request.httpBody = Data(rawBody.utf8)
        }
        if let contentType { request.setValue(contentType, forHTTPHeaderField: "Content-Type") }
        if let accept { request.setValue(accept, forHTTPHeaderField: "Accept") }
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as? HTTPURLResponse
        return Reply(
            status: http?.statusCode ?? 0, contentType: http?.value(forHTTPHeaderField: "Content-Type") ?? "", body: data)
    }

    func get(_ path: String, accept: String? = nil) async throws -> Reply {
        try await send("GET", path, accept: accept)
    }

    func post(_ path: String, _ body: JSONValue, query: String = "") async throws -> Reply {
        try await send("POST", path + query, body: body, contentType: "application/json")
    }

    func patch(_ path: String, _ body: JSONValue, type: String) async throws -> Reply {
        try await send("PATCH", path, body: body, contentType: type)
    }
}

/// Objects the tests create.
enum Manifests {
    static func deployment(
        _ name: String, namespace: String = "staging", image: String = "nginx:1.27", replicas: Int = 3
    ) -> JSONValue {
        [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": ["app": .string(name)]],
            "spec": [
                "replicas": .number(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                "template": [
                    "metadata": ["labels": ["app": .string(name)]],
                    "spec": [
                        "containers": [
                            ["name": .string(name), "image": .string(image), "ports": [["containerPort": 8080]]]
                        ]
                    ],
                ],
            ],
        ]
    }

    static func deploymentPath(_ namespace: String, _ name: String? = nil) -> String {
        "/apis/apps/v1/namespaces/\(namespace)/deployments" + (name.map { "/\($0)" } ?? "")
    }
}

/// A fresh temporary directory, removed when the value is dropped.
final class TemporaryDirectory: Sendable {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "cortex-sim-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

extension JSONValue {
    /// `metadata.name`, or empty.
    var metadataName: String { self[path: ["metadata", "name"]]?.stringValue ?? "" }
}
