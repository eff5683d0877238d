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

    public let services: [String]
    public let namespaces: [String]
    /// The prefixes of the `*` patterns among `services`, matched without building substrings.
    private let prefixes: [(pattern: String, prefix: String)]

    public init(services: [String] = [], namespaces: [String] = []) {
        self.services = services
        self.namespaces = namespaces
        prefixes = services.filter { $0.hasSuffix("*") }.map { ($0, String($0.dropLast())) }
    }

    public init(reading fields: inout RuleFields) {
        let services = fields.strings("services") ?? []
        let namespaces = fields.strings("namespaces") ?? []
        fields.requireOne(of: ["services", "namespaces"])
        self.init(services: services, namespaces: namespaces)
    }

    public static func == (a: ProtectedTargetRule, b: ProtectedTargetRule) -> Bool {
        a.services == b.services && a.namespaces == b.namespaces
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        if let service = resolved.operation.service {
            if services.contains(service) {
                return .requires("\(service) is protected: cortex does not change it")
            }
            if let match = prefixes.first(where: { service.hasPrefix($0.prefix) }) {
                return .requires("\(service) is protected (matches \(match.pattern)): cortex does not change it")
            }
        }
        if let namespace = resolved.target?.namespace, namespaces.contains(namespace) {
            return .requires("namespace \(namespace) is protected: cortex does not change anything in it")
        }
        return nil
    }

    public var summary: String {
        var parts: [String] = []
        if !services.isEmpty { parts.append("services " + services.joined(separator: ", ")) }
        if !namespaces.isEmpty { parts.append("namespaces " + namespaces.joined(separator: ", ")) }
        return parts.joined(separator: "; ")
    }
}
