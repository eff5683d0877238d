/// Where a request goes, read from its URL path.
enum APIRoute: Equatable, Sendable {
    case version
    case health
    /// `GET /api`: the core group's versions.
    case coreVersions
    /// `GET /apis`: every named group.
    case groupList
    /// `GET /apis/apps`.
    case group(String)
    /// `GET /api/v1`, `GET /apis/apps/v1`.
    case resourceList(group: String, version: String)
    case openAPIV2
    case openAPIV3Index
    /// `GET /openapi/v3/apis/apps/v1`: the group-version after `/openapi/v3/`.
    case openAPIV3(String)
    case resource(ResourceTarget)

    /// A collection, an object, or an object's subresource.
    struct ResourceTarget: Equatable, Sendable {
        var kind: ResourceKind
        /// nil for cluster-scoped kinds and for "all namespaces" collections.
        var namespace: String?
        var name: String?
        var subresource: String?
    }

    /// The route for a percent-encoded path, or nil when nothing is served there.
    init?(path: String) {
        // By bytes, as the API server splits a path (and without grapheme breaking).
        let segments = path.utf8.split(separator: UInt8(ascii: "/")).map { APIRequest.percentDecoded(String(Substring($0))) }
        guard let first = segments.first else { return nil }
        switch first {
        case "version" where segments.count == 1: self = .version
        case "healthz", "livez", "readyz": self = .health
        case "openapi":
            guard segments.count >= 2 else { return nil }
            if segments == ["openapi", "v2"] {
                self = .openAPIV2
            } else if segments == ["openapi", "v3"] {
                self = .openAPIV3Index
            } else if segments[1] == "v3" {
                self = .openAPIV3(segments.dropFirst(2).joined(separator: "/"))
            } else {
                return nil
            }
        case "api":
            if segments.count == 1 {
                self = .coreVersions
            } else if segments.count == 2 {
                self = .resourceList(group: "", version: segments[1])
            } else {
                guard let target = Self.target(group: "", version: segments[1], rest: segments.dropFirst(2)) else {
                    return nil
                }
                self = .resource(target)
            }
        case "apis":
            switch segments.count {
            case 1: self = .groupList
            case 2: self = .group(segments[1])
            case 3: self = .resourceList(group: segments[1], version: segments[2])
            default:
                guard let target = Self.target(group: segments[1], version: segments[2], rest: segments.dropFirst(3)) else {
                    return nil
                }
                self = .resource(target)
            }
        default:
            return nil
        }
    }

    private static func target(group: String, version: String, rest: ArraySlice<String>) -> ResourceTarget? {
        let parts = Array(rest)
        // namespaces/{ns}/{resource}[/{name}[/{subresource}]]
        if parts.count >= 3, parts[0] == "namespaces", !["status", "finalize"].contains(parts[2]) {
            guard let kind = ResourceKind.find(group: group, version: version, plural: parts[2]), kind.namespaced,
                parts.count <= 5
            else { return nil }
            return ResourceTarget(
                kind: kind, namespace: parts[1], name: parts.count > 3 ? parts[3] : nil,
                subresource: parts.count > 4 ? parts[4] : nil)
        }
        // {resource}[/{name}[/{subresource}]]
        guard let plural = parts.first, parts.count <= 3,
            let kind = ResourceKind.find(group: group, version: version, plural: plural)
        else { return nil }
        if kind.namespaced, parts.count > 1 { return nil }
        return ResourceTarget(
            kind: kind, namespace: nil, name: parts.count > 1 ? parts[1] : nil,
            subresource: parts.count > 2 ? parts[2] : nil)
    }
}
