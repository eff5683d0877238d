import CortexCore

/// The discovery documents kubectl reads before anything else: `/version`, `/api`,
/// `/apis` and one `APIResourceList` per group-version. Aggregated discovery is not
/// offered; clients fall back to these legacy documents.
enum Discovery {
    /// The Kubernetes version the simulator claims. kubectl's version dispatcher picks its
    /// client binary from the minor version.
    static let version: JSONValue = [
        "major": "1", "minor": "32", "gitVersion": "v1.32.0", "gitCommit": "cortexsim", "gitTreeState": "clean",
        "buildDate": "2026-01-01T00:00:00Z", "goVersion": "go1.23.4", "compiler": "gc", "platform": "linux/amd64",
    ]

    static let coreVersions: JSONValue = [
        "kind": "APIVersions", "versions": ["v1"], "serverAddressByClientCIDRs": [],
    ]

    /// Named groups and the version each serves. `autoscaling/v1` is listed because the
    /// `/scale` subresources answer with its `Scale` kind; it serves an always empty
    /// HorizontalPodAutoscaler list so that discovery of the group is not empty.
    static let groups: [(name: String, version: String)] = [
        ("apps", "v1"), ("autoscaling", "v1"), ("discovery.k8s.io", "v1"), ("events.k8s.io", "v1"),
    ]

    static var groupList: JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.map { group($0.name, $0.version) })]
    }

    static func group(named name: String) -> JSONValue? {
        groups.first { $0.name == name }.map { group($0.name, $0.version) }
    }

    private static func group(_ name: String, _ version: String) -> JSONValue {
        let groupVersion: JSONValue = ["groupVersion": .string("\(name)/\(version)"), "version": .string(version)]
        return [
            "kind": "APIGroup", "apiVersion": "v1", "name": .string(name), "versions": [groupVersion],
            "preferredVersion": groupVersion,
        ]
    }

    /// The `APIResourceList` of a group-version, or nil when it is not served.
    static func resourceList(group: String, version: String) -> JSONValue? {
        guard version == "v1", group.isEmpty || groups.contains(where: { $0.name == group }) else { return nil }
        var resources: [JSONValue] = []
        for kind in ResourceKind.all where kind.group == group {
            resources.append(resource(kind))
            if kind.hasStatus {
                resources.append(subresource(kind, "status", kind: kind.kind, verbs: ["get", "patch", "update"]))
            }
            if kind.hasScale {
                var scale = subresource(kind, "scale", kind: "Scale", verbs: ["get", "patch", "update"])
                scale["group"] = "autoscaling"
                scale["version"] = "v1"
                resources.append(scale)
            }
            if kind == .pods {
                resources.append(subresource(kind, "log", kind: "Pod", verbs: ["get"]))
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1",
            "groupVersion": .string(group.isEmpty ? version : "\(group)/\(version)"), "resources": .array(resources),
        ]
    }

    private static func resource(_ kind: ResourceKind) -> JSONValue {
        var entry: JSONValue = [
            "name": .string(kind.plural), "singularName": .string(kind.singular), "namespaced": .bool(kind.namespaced),
            "kind": .string(kind.kind), "verbs": .array(kind.verbs.map(JSONValue.string)),
        ]
        if !kind.shortNames.isEmpty { entry["shortNames"] = .array(kind.shortNames.map(JSONValue.string)) }
        if !kind.categories.isEmpty { entry["categories"] = .array(kind.categories.map(JSONValue.string)) }
        return entry
    }

    private static func subresource(_ parent: ResourceKind, _ name: String, kind: String, verbs: [String]) -> JSONValue {
        [
            "name": .string("\(parent.plural)/\(name)"), "singularName": "", "namespaced": .bool(parent.namespaced),
            "kind": .string(kind), "verbs": .array(verbs.map(JSONValue.string)),
        ]
    }
}
