import CortexCore
import Foundation

/// The OpenAPI v3 documents of the served group-versions.
///
/// Where the official Kubernetes document exists (trimmed to the served kinds by
/// `scripts/openapi/trim.py` and shipped as a resource of this module), it is served as is:
/// its schemas and descriptions are what `kubectl explain` prints, and its operations tell
/// kubectl that the server validates fields itself (`fieldValidation`). The files are read
/// only when a document is requested, never at start-up, and never parsed. Without the
/// resource (a binary copied away from its resource directory) a group-version falls back
/// to a document of operations only, which keeps server-side validation working while
/// `kubectl explain` reports that it finds no schema.
enum OpenAPIDocuments {
    /// Group-versions with an official document, as the paths after `/openapi/v3/`.
    static let officialGroupVersions = ["api/v1", "apis/apps/v1", "apis/autoscaling/v1", "apis/autoscaling/v2"]

    /// Group-versions with a document, as the paths after `/openapi/v3/`.
    static let groupVersions = officialGroupVersions
        + ["apis/batch/v1", "apis/networking.k8s.io/v1", "apis/storage.k8s.io/v1", "apis/discovery.k8s.io/v1"]

    static var index: JSONValue {
        var paths: JSONValue = [:]
        for groupVersion in groupVersions {
            // The size of the shipped file changes with its content; a client's cache keyed
            // on the hash then never serves a document from before an upgrade.
            let version = OpenAPIResources.size(of: groupVersion).map { "\(groupVersion)#\($0)" } ?? groupVersion
            paths[groupVersion] = ["serverRelativeURL": .string("/openapi/v3/\(groupVersion)?hash=\(hash(version))")]
        }
        return ["paths": paths]
    }

    /// The document of a group-version, or nil when none is served.
    static func answer(for groupVersion: String) -> APIResponse? {
        guard groupVersions.contains(groupVersion) else { return nil }
        if let bytes = OpenAPIResources.document(for: groupVersion) { return .encoded(bytes) }
        return document(for: groupVersion).map { .json($0) }
    }

    /// A document of operations only, without schemas.
    static func document(for groupVersion: String) -> JSONValue? {
        guard groupVersions.contains(groupVersion) else { return nil }
        var paths: JSONValue = [:]
        for kind in ResourceKind.all where prefix(kind) == groupVersion {
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
