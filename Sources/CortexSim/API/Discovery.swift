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

    /// Named groups and the versions each serves, preferred first. `autoscaling/v2` holds
    /// HorizontalPodAutoscalers; `autoscaling/v1` also answers the `/scale` subresources'
    /// `Scale` kind and shows the autoscalers in their v1 form.
    static let groups: [(name: String, versions: [String])] = [
        ("apps", ["v1"]), ("autoscaling", ["v2", "v1"]), ("discovery.k8s.io", ["v1"]), ("events.k8s.io", ["v1"]),
        ("batch", ["v1"]), ("networking.k8s.io", ["v1"]), ("storage.k8s.io", ["v1"]),
    ]

    static var groupList: JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(groups.map { group($0.name, $0.versions) })]
    }

    static func group(named name: String) -> JSONValue? {
        groups.first { $0.name == name }.map { group($0.name, $0.versions) }
    }

    private static func group(_ name: String, _ versions: [String]) -> JSONValue {
        let all: [JSONValue] = versions.map { ["groupVersion": .string("\(name)/\($0)"), "version": .string($0)] }
        return [
            "kind": "APIGroup", "apiVersion": "v1", "name": .string(name), "versions": .array(all),
            "preferredVersion": all[0],
        ]
    }

    /// The `APIResourceList` of a group-version, or nil when it is not served.
    static func resourceList(group: String, version: String) -> JSONValue? {
        let served = group.isEmpty ? version == "v1" : groups.contains { $0.name == group && $0.versions.contains(version) }
        guard served else { return nil }
        var resources: [JSONValue] = []
        for kind in ResourceKind.all where kind.group == group && kind.version == version {
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
