import CortexCore

/// A minimal OpenAPI v3 description of the served resources. It carries no schemas: what
/// clients need from it is the list of operations with their
/// `x-kubernetes-group-version-kind` and query parameters, from which kubectl learns that the
/// server validates fields itself (`fieldValidation`) and skips client-side schema checks.
enum OpenAPIDocuments {
    /// Group-versions with a document, as the paths after `/openapi/v3/`.
    static let groupVersions = ["api/v1", "apis/apps/v1", "apis/autoscaling/v2"]
        + ["apis/batch/v1", "apis/networking.k8s.io/v1", "apis/storage.k8s.io/v1", "apis/discovery.k8s.io/v1"]

    static var index: JSONValue {
        var paths: JSONValue = [:]
        for groupVersion in groupVersions {
            paths[groupVersion] = ["serverRelativeURL": .string("/openapi/v3/\(groupVersion)?hash=\(hash(groupVersion))")]
        }
        return ["paths": paths]
    }

    static func document(for groupVersion: String) -> JSONValue? {
        guard groupVersions.contains(groupVersion) else { return nil }
        var paths: JSONValue = [:]
        for kind in ResourceKind.stored where prefix(kind) == groupVersion {
            let gvk: JSONValue = ["group": .string(kind.group), "version": .string(kind.version), "kind": .string(kind.kind)]
            let collection = kind.namespaced
                ? "/\(groupVersion)/namespaces/{namespace}/\(kind.plural)" : "/\(groupVersion)/\(kind.plural)"
            let writeParameters = ["dryRun", "fieldManager", "fieldValidation"].map(queryParameter)
            paths[collection] = [
                "get": operation("list", kind: kind, action: "list", gvk: gvk, parameters: []),
                "post": operation("create", kind: kind, action: "post", gvk: gvk, parameters: writeParameters),
            ]
            paths[collection + "/{name}"] = [
                "get": operation("read", kind: kind, action: "get", gvk: gvk, parameters: []),
                "put": operation("replace", kind: kind, action: "put", gvk: gvk, parameters: writeParameters),
                "patch": operation(
                    "patch", kind: kind, action: "patch", gvk: gvk,
                    parameters: writeParameters + [queryParameter("force")]),
                "delete": operation("delete", kind: kind, action: "delete", gvk: gvk, parameters: [queryParameter("dryRun")]),
            ]
        }
        return [
            "openapi": "3.0.0", "info": ["title": "Kubernetes", "version": "v1.32.0"], "paths": paths,
            "components": ["schemas": [:]],
        ]
    }

    private static func prefix(_ kind: ResourceKind) -> String {
        kind.group.isEmpty ? "api/\(kind.version)" : "apis/\(kind.group)/\(kind.version)"
    }

    private static func operation(
        _ verb: String, kind: ResourceKind, action: String, gvk: JSONValue, parameters: [JSONValue]
    ) -> JSONValue {
        let group = kind.group.isEmpty ? "Core" : kind.group.prefix(1).uppercased() + kind.group.dropFirst()
        return [
            "operationId": .string("\(verb)\(group)\(kind.version.uppercased())Namespaced\(kind.kind)"),
            "parameters": .array(parameters),
            "responses": ["200": ["description": "OK"]],
            "x-kubernetes-action": .string(action),
            "x-kubernetes-group-version-kind": gvk,
        ]
    }

    private static func queryParameter(_ name: String) -> JSONValue {
        ["name": .string(name), "in": "query", "schema": ["type": "string", "uniqueItems": true]]
    }

    private static func hash(_ text: String) -> String {
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        return String(hash, radix: 16, uppercase: true)
    }
}
