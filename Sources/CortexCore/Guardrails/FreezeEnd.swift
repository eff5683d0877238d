public import FoundationEssentials

/// When an operation that a freeze refuses is allowed again, across every freeze of the
/// policy that covers it (a Friday-evening freeze followed by a weekend one ends on Monday),
/// which rules stand in the way until then, and which changes no freeze covers.
public struct FreezeEnd: Equatable, Sendable {
    /// A freeze rule that holds the operation back.
    public struct Rule: Equatable, Sendable {
        public var id: String
        public var location: RuleLocation
    }

    /// The first instant no freeze covers; nil when the freezes never end (every day frozen).
    public var allowedFrom: Date?
    /// The freeze rules crossed on the way there, in the order they were met.
    public var rules: [Rule]
    /// The operation that was refused.
    public var operation: OperationKind
    /// Changes in the same environment that no freeze of the policy covers, by name.
    public var unfrozen: [OperationKind]

    /// Looks no further than eight days ahead: freezes repeat weekly, so a week without a gap
    /// never has one.
    static let horizon = 8 * 86_400.0

    /// The freeze for `operation` in `environment` at `now`; nil when no freeze covers it then.
    public init?(policy: Policy, operation: OperationKind, environment: String?, at now: Date) {
        let freezes = policy.rules.compactMap { rule -> (PolicyRule, FreezeWindowRule)? in
            guard let freeze = rule.rule as? FreezeWindowRule, rule.action == .deny else { return nil }
            return (rule, freeze)
        }
        let covering = freezes.filter { $0.0.scope.covers(operation: operation, environment: environment) }
        var time = now
        var crossed: [Rule] = []
        var ended = false
        while time < now.addingTimeInterval(Self.horizon) {
            let active = covering.filter { $0.1.contains(time) }
            if active.isEmpty {
                ended = true
                break
            }
            for (rule, _) in active where !crossed.contains(where: { $0.id == rule.id }) {
                crossed.append(Rule(id: rule.id, location: rule.location))
            }
            time = active.map { $0.1.end(of: time) }.max() ?? time
        }
        guard !crossed.isEmpty else { return nil }
        allowedFrom = ended ? time : nil
        rules = crossed
        self.operation = operation
        unfrozen = OperationKind.allCases.filter { kind in
            kind.isMutation && kind.targetsEnvironment && kind != operation
                && !freezes.contains { $0.0.scope.covers(operation: kind, environment: environment) }
        }.sorted { $0.rawValue < $1.rawValue }
    }

    /// `mon 2025-03-10 00:00 UTC (after friday-deploy-freeze, weekend-deploy-freeze)`, for
    /// `cortex policy explain`.
    public var nextAllowed: String {
        let names = rules.map(\.id).joined(separator: ", ")
        guard let allowedFrom else { return "never: the freezes cover every day (\(names))" }
        return "\(UTCTime.dayAndTime(allowedFrom)) (after \(names))"
    }

    /// What the refusal teaches: until when, which rules to change, and what stays possible.
    public var hint: String {
        let rulesText = Self.list(rules.map { "\($0.id) (\($0.location))" })
        var parts: [String]
        if let allowedFrom {
            parts = ["\(operation.rawValue) is allowed again from \(UTCTime.dayAndTime(allowedFrom))",
                     "to allow it sooner, change \(rulesText)"]
        } else {
            parts = ["\(operation.rawValue) stays frozen: the freezes cover every day", "to allow it, change \(rulesText)"]
        }
        if !unfrozen.isEmpty {
            parts.append("\(Self.list(unfrozen.map(\.rawValue))) \(unfrozen.count == 1 ? "is" : "are") not frozen")
        }
        return parts.joined(separator: "; ")
    }

    /// `a`, `a and b`, `a, b and c`.
    static func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
