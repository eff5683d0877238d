/// Protected services and namespaces: changes to them are refused. A service pattern may end
/// in `*` to cover a prefix (`vault-*`).
///
///     - id: protected-system
///       kind: protected
///       namespaces: [kube-system]
///       services: [vault, vault-*]
public struct ProtectedTargetRule: GuardrailRule, Equatable {
    public static let kind = "protected"
    public static let defaultAction = RuleAction.deny

    public var services: [String]
    public var namespaces: [String]

    public init(services: [String] = [], namespaces: [String] = []) {
        self.services = services
        self.namespaces = namespaces
    }

    public init(reading fields: inout RuleFields) {
        services = fields.strings("services") ?? []
        namespaces = fields.strings("namespaces") ?? []
        fields.requireOne(of: ["services", "namespaces"])
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        if let service = resolved.operation.service, let pattern = services.first(where: { Self.matches($0, service) }) {
            let how = pattern == service ? "" : " (matches \(pattern))"
            return .requires("\(service) is protected\(how): cortex does not change it")
        }
        if let namespace = resolved.target?.namespace, namespaces.contains(namespace) {
            return .requires("namespace \(namespace) is protected: cortex does not change anything in it")
        }
        return nil
    }

    static func matches(_ pattern: String, _ name: String) -> Bool {
        pattern.hasSuffix("*") ? name.hasPrefix(pattern.dropLast()) : pattern == name
    }

    public var summary: String {
        var parts: [String] = []
        if !services.isEmpty { parts.append("services " + services.joined(separator: ", ")) }
        if !namespaces.isEmpty { parts.append("namespaces " + namespaces.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
