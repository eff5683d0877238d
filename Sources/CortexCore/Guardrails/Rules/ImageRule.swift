/// Image rules for deployments: forbidden tags (`latest` by default), an image without a
/// tag or digest (which means `latest`), and optionally the registries images must come from.
///
///     - id: no-latest-in-production
///       kind: image
///       environments: [production]
///       forbid-tags: [latest]
///       require-tag: true
///       registries: [ghcr.io/acme/]
public struct ImageRule: GuardrailRule, Equatable {
    public static let kind = "image"
    public static let defaultAction = RuleAction.deny

    public var forbiddenTags: [String]
    public var requireTag: Bool
    /// Prefixes of allowed image references; nil allows any.
    public var registries: [String]?

    public init(forbiddenTags: [String] = ["latest"], requireTag: Bool = true, registries: [String]? = nil) {
        self.forbiddenTags = forbiddenTags
        self.requireTag = requireTag
        self.registries = registries
    }

    public init(reading fields: inout RuleFields) {
        forbiddenTags = fields.strings("forbid-tags") ?? ["latest"]
        requireTag = fields.boolean("require-tag") ?? true
        registries = fields.strings("registries")
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        guard resolved.operation.op == .deploy else { return nil }
        if let tag = resolved.plannedTag, forbiddenTags.contains(where: { $0.lowercased() == tag.lowercased() }) {
            let place = resolved.effectiveEnvironment.map { " in \($0)" } ?? ""
            return .requires("image tag '\(tag)' is not allowed\(place)")
        }
        guard let image = resolved.plannedImage else { return nil }
        let reference = ImageReference(image)
        if requireTag, resolved.plannedTag == nil, reference.digest == nil {
            return .requires("image \(image) has no tag, which means 'latest'; name a version")
        }
        if let registries, !registries.contains(where: { image.hasPrefix($0) }) {
            return .requires("image \(image) is not from an allowed registry (\(registries.joined(separator: ", ")))")
        }
        return nil
    }

    public var summary: String {
        var parts = ["no tag " + forbiddenTags.joined(separator: ", ")]
        if requireTag { parts.append("tag or digest required") }
        if let registries { parts.append("registries " + registries.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
