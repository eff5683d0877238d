/// What a rule asks for when it speaks, weakest first. Policy files configure a rule's
/// `action` with the names of the last four; `note` is for rules that report without asking
/// anything (an approval already on record).
public enum RuleAction: String, CaseIterable, Codable, Comparable, Sendable {
    case note, confirm, typed, approval, deny

    /// The actions a policy file may give a rule.
    public static let configurable: [RuleAction] = [.confirm, .typed, .approval, .deny]

    var rank: Int {
        switch self {
        case .note: 0
        case .confirm: 1
        case .typed: 2
        case .approval: 3
        case .deny: 4
        }
    }

    public static func < (a: RuleAction, b: RuleAction) -> Bool { a.rank < b.rank }
}

/// Where a rule is defined: the policy file and the line of its entry.
public struct RuleLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int

    public init(file: String, line: Int) {
        self.file = file
        self.line = line
    }

    public var description: String { "\(file):\(line)" }
}

/// One rule that spoke about an operation: what it asks for, why, and where it is defined.
public struct Finding: Equatable, Sendable {
    public var ruleID: String
    /// The rule's kind as policy files name it (`freeze`, `rate-limit`, …).
    public var kind: String
    public var action: RuleAction
    public var message: String
    public var location: RuleLocation

    public init(ruleID: String, kind: String, action: RuleAction, message: String, location: RuleLocation) {
        self.ruleID = ruleID
        self.kind = kind
        self.action = action
        self.message = message
        self.location = location
    }
}

/// The guardrails' judgement of one resolved operation: the decision and every rule that
/// spoke. The strongest action among the findings decides.
public struct Verdict: Equatable, Sendable {
    public enum Decision: Equatable, Sendable {
        case allow
        /// Proceed after a yes (`y`, or `--yes` where nobody can answer).
        case confirm
        /// Proceed only after this exact name is typed back (or given to `--confirm`).
        case confirmTyped(String)
        /// Wait until a second operator approves the request with `cortex approve <id>`.
        case requireApproval
        case deny
    }

    public var decision: Decision
    /// Every rule that spoke, strongest action first, then in policy order.
    public var findings: [Finding]
    /// The approval the operation relies on, to be marked used once it has run.
    public var approvalID: String?
    /// The name that answers a confirmation of this operation (`--confirm <name>`, or typed).
    public var confirmationName: String?
    /// When a freeze that refuses the operation ends, and which rules hold it; nil when no
    /// freeze refuses it.
    public var freeze: FreezeEnd?

    public init(decision: Decision, findings: [Finding], approvalID: String? = nil, confirmationName: String? = nil,
                freeze: FreezeEnd? = nil) {
        self.decision = decision
        self.findings = findings
        self.approvalID = approvalID
        self.confirmationName = confirmationName
        self.freeze = freeze
    }

    /// Builds the verdict the findings call for. `typedName` is what a typed confirmation
    /// must repeat (normally the service name).
    public init(findings: [Finding], typedName: String, approvalID: String? = nil, freeze: FreezeEnd? = nil) {
        // Strongest first, policy order within an action: a stable bucket sort over five actions.
        var ordered: [Finding] = []
        ordered.reserveCapacity(findings.count)
        for action in [RuleAction.deny, .approval, .typed, .confirm, .note] {
            ordered += findings.filter { $0.action == action }
        }
        let strongest = ordered.first?.action ?? .note
        let decision: Decision = switch strongest {
        case .note: .allow
        case .confirm: .confirm
        case .typed: .confirmTyped(typedName)
        case .approval: .requireApproval
        case .deny: .deny
        }
        self.init(decision: decision, findings: ordered, approvalID: approvalID, confirmationName: typedName, freeze: freeze)
    }

    /// The verdict for an operation that changes nothing.
    public static let readOnly = Verdict(decision: .allow, findings: [])

    /// The action of the decision, as policy files and audit entries name it.
    public var action: RuleAction {
        switch decision {
        case .allow: .note
        case .confirm: .confirm
        case .confirmTyped: .typed
        case .requireApproval: .approval
        case .deny: .deny
        }
    }

    /// The findings that carry the decision (those with the strongest action).
    public var deciding: [Finding] {
        findings.filter { $0.action == action && action != .note }
    }
}
