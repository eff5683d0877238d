/// Which operations a policy rule looks at. Read-only operations are never judged.
public struct RuleScope: Equatable, Sendable {
    // Kept as a short list and a bit set: evaluation checks every rule's scope, often.
    private var environmentList: [String]?
    private var operationBits: UInt32?

    public init(environments: Set<String>? = nil, operations: Set<OperationKind>? = nil) {
        self.environments = environments
        self.operations = operations
    }

    /// Canonical environment names; nil covers every environment, and operations without one.
    public var environments: Set<String>? {
        get { environmentList.map(Set.init) }
        set { environmentList = newValue.map { $0.sorted() } }
    }

    /// Mutating operation kinds; nil covers every mutation.
    public var operations: Set<OperationKind>? {
        get { operationBits.map { bits in Set(OperationKind.allCases.filter { bits & Self.bit($0) != 0 }) } }
        set { operationBits = newValue.map { $0.reduce(0) { $0 | Self.bit($1) } } }
    }

    /// Whether the scope names environments (rather than covering every one).
    public var isEnvironmentScoped: Bool { environmentList != nil }

    /// Whether a mutation falls inside the scope.
    public func covers(_ resolved: ResolvedOperation) -> Bool {
        covers(operation: resolved.operation.op, environment: resolved.effectiveEnvironment)
    }

    public func covers(operation: OperationKind, environment: String?) -> Bool {
        if let operationBits, operationBits & Self.bit(operation) == 0 { return false }
        if let environmentList {
            guard let environment, environmentList.contains(environment) else { return false }
        }
        return true
    }

    static func bit(_ kind: OperationKind) -> UInt32 {
        let index: UInt32 = switch kind {
        case .deploy: 0
        case .scale: 1
        case .restart: 2
        case .rollback: 3
        case .delete: 4
        case .status: 5
        case .logs: 6
        case .route: 7
        case .cost: 8
        case .budget: 9
        case .unknown: 10
        case .diagnose: 11
        case .events: 12
        case .setEnv: 13
        case .setResources: 14
        case .autoscale: 15
        case .pause: 16
        case .resume: 17
        case .promote: 18
        case .abort: 19
        }
        return 1 << index
    }

    /// `production; delete, scale` or `every environment; every change`.
    public var summary: String {
        let envs = environmentList?.joined(separator: ", ") ?? "every environment"
        let ops = operations.map { $0.map(\.rawValue).sorted().joined(separator: ", ") } ?? "every change"
        return "\(envs); \(ops)"
    }
}

/// One rule of a policy: its identity and place, the operations it looks at, what it asks
/// for when it speaks, and the kind that decides whether it speaks.
public struct PolicyRule: Sendable {
    public var id: String
    public var location: RuleLocation
    public var scope: RuleScope
    /// Whom the rule speaks to (everyone unless narrowed).
    public var audience = RuleAudience()
    public var action: RuleAction
    /// The team's own words on why the rule exists, shown by `policy explain`.
    public var description: String?
    public var rule: any GuardrailRule

    public init(
        id: String, location: RuleLocation, scope: RuleScope = RuleScope(), action: RuleAction? = nil,
        description: String? = nil, rule: any GuardrailRule
    ) {
        self.id = id
        self.location = location
        self.scope = scope
        self.action = action ?? type(of: rule).defaultAction
        self.description = description
        self.rule = rule
    }

    public var kind: String { type(of: rule).kind }

    /// The action as policy files name it: the verdict action, or the kind's own word.
    public var actionName: String { rule.actionName ?? action.rawValue }
}

/// A set of guardrail rules read from one folder of policy files.
public struct Policy: Sendable {
    /// The policy-file format this build reads.
    public static let currentVersion = 1

    public var version: Int
    public var rules: [PolicyRule]
    /// The files the rules came from, in reading order.
    public var files: [String]

    public init(version: Int = Policy.currentVersion, rules: [PolicyRule], files: [String] = []) {
        self.version = version
        self.rules = rules
        self.files = files
    }
}

/// The guardrail validator: judges resolved operations against a policy.
public struct Guardrails: Sendable {
    public var policy: Policy

    public init(policy: Policy) {
        self.policy = policy
    }

    /// The verdict on one resolved operation. Pure: the time, the recent mutations and the
    /// approvals come in `context`. Read-only operations are always allowed.
    public func evaluate(_ resolved: ResolvedOperation, context: PolicyContext) -> Verdict {
        let kind = resolved.operation.op
        guard kind.isMutation else { return .readOnly }
        let environment = resolved.effectiveEnvironment
        var findings: [Finding] = []
        var approvalID: String?
        // By index, so that rules are read in place rather than copied.
        let rules = policy.rules
        let principal = context.principal
        for i in rules.indices where rules[i].scope.covers(operation: kind, environment: environment)
            && (rules[i].audience.isEveryone || rules[i].audience.covers(principal)) {
            guard let judgement = rules[i].rule.judge(resolved, in: context, scope: rules[i].scope) else { continue }
            let action: RuleAction, message: String
            switch judgement {
            case .requires(let why):
                (action, message) = (rules[i].action, why)
            case .note(let why, let id):
                (action, message) = (.note, why)
                approvalID = approvalID ?? id
            }
            findings.append(Finding(
                ruleID: rules[i].id, kind: rules[i].kind, action: action, message: message, location: rules[i].location))
        }
        let frozen = findings.contains { $0.kind == FreezeWindowRule.kind && $0.action == .deny }
        let freeze = frozen ? FreezeEnd(policy: policy, operation: kind, environment: environment, at: context.now) : nil
        return Verdict(findings: findings, typedName: resolved.confirmationName, approvalID: approvalID, freeze: freeze)
    }
}

extension Policy {
    /// The longest rate-limit window of the policy, in seconds: how much history a verdict needs.
    public var longestRateWindow: Double? {
        rules.compactMap { ($0.rule as? RateLimitRule)?.window }.max()
    }
}
