public import CortexCore

/// Where one environment lives; either part may be left to the default.
public struct EnvironmentPlacement: Codable, Equatable, Sendable {
    /// The kubeconfig context; default: the current context.
    public var context: String?
    /// Default: the environment's name.
    public var namespace: String?

    public init(context: String? = nil, namespace: String? = nil) {
        self.context = context
        self.namespace = namespace
    }
}

/// Which cluster context and namespace each environment lives in, from configuration:
///
///     production: { context: prod-eu, namespace: shop }
///     staging: { namespace: shop-staging }
///
/// An environment not listed lives in the current context, in the namespace of its name.
public struct EnvironmentClusterMap: Codable, Equatable, Sendable {
    public var placements: [String: EnvironmentPlacement]

    public init(_ placements: [String: EnvironmentPlacement] = [:]) { self.placements = placements }

    public init(from decoder: any Decoder) throws {
        placements = try decoder.singleValueContainer().decode([String: EnvironmentPlacement].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(placements)
    }

    public func target(for environment: String, currentContext: String) -> ClusterTarget {
        let p = placements[environment]
        return ClusterTarget(context: p?.context ?? currentContext, namespace: p?.namespace ?? environment)
    }
    /// The environment of `environments` that lives in `namespace` of `context`, as
    /// kubectl users mean a context's namespace; nil when none or more than one does.
    public func environment(namespace: String, context: String, among environments: [String]) -> String? {
        let matches = environments.filter { target(for: $0, currentContext: context) == ClusterTarget(context: context, namespace: namespace) }
        return matches.count == 1 ? matches[0] : nil
    }
}

/// How a new Deployment's image is named from the service and version, e.g.
/// `registry.example.com/{service}:{version}`.
public struct ImageTemplate: Codable, Equatable, Sendable {
    public var pattern: String

    public init(_ pattern: String = "{service}:{version}") { self.pattern = pattern }

    public init(from decoder: any Decoder) throws { pattern = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(pattern)
    }

    public func image(service: String, version: String) -> String {
        pattern.replacing("{service}", with: service).replacing("{version}", with: version)
    }
}

/// Container image references.
public enum ImageReference {
    /// `image` with its tag replaced by `tag` (a digest is dropped): `ghcr.io/a/api:1.2` → `ghcr.io/a/api:1.3`;
    /// a registry port is not a tag: `localhost:5000/api` → `localhost:5000/api:1.3`.
    public static func retag(_ image: String, to tag: String) -> String {
        var name = Substring(image)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        let lastSlash = name.lastIndex(of: "/")
        if let colon = name.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true {
            name = name[..<colon]
        }
        return "\(name):\(tag)"
    }

    /// The tag of `image`, or nil (`latest` implied) when it has none.
    public static func tag(of image: String) -> String? {
        var name = Substring(image)
        if let at = name.firstIndex(of: "@") { name = name[..<at] }
        let lastSlash = name.lastIndex(of: "/")
        guard let colon = name.lastIndex(of: ":"), lastSlash.map({ colon > $0 }) ?? true else { return nil }
        return String(name[name.index(after: colon)...])
    }
}
