/// What happens when a rollout in the rule's scope fails (its new pods crash, do not pull,
/// cannot be scheduled or never become ready): undo it at once, offer to undo it, or only
/// report it. Undoing is a rollback to the revision before, or the abort of a failing
/// canary; it is its own step, planned, judged by the other rules and audited like a typed
/// request, so a freeze that covers rollbacks stops it and a production confirmation is
/// still asked.
///
///     - id: staging-rollout-failure
///       kind: rollout-failure
///       environments: [development, staging]
///       action: rollback        # rollback | offer | none
///
/// It never speaks about a change before it runs. When several rules cover a rollout, the
/// first in reading order decides; none at all means `none`.
public struct RolloutFailureRule: GuardrailRule, Equatable {
    public static let kind = "rollout-failure"
    public static let defaultAction = RuleAction.note
    public static let ownsAction = true

    public var response: RolloutFailureResponse

    public init(response: RolloutFailureResponse) {
        self.response = response
    }

    public init(reading fields: inout RuleFields) {
        response = .none
        fields.require("action")
        if let text = fields.string("action") {
            if let value = RolloutFailureResponse(rawValue: text.lowercased()) {
                response = value
            } else {
                let names = RolloutFailureResponse.allCases.map(\.rawValue).joined(separator: ", ")
                fields.problem("action", "must be one of \(names) for a rollout-failure rule, not '\(text)'")
            }
        }
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? { nil }

    public var actionName: String? { response.rawValue }

    public var summary: String { response.explanation }
}

/// What a `rollout-failure` rule does about a failed rollout.
public enum RolloutFailureResponse: String, CaseIterable, Sendable {
    /// Undo it at once, as its own judged and audited step.
    case rollback
    /// Ask `Roll back …? [y/N]` at a terminal; without one, print the command.
    case offer
    /// Report it only.
    case none

    /// For `policy check` and `policy explain`.
    public var explanation: String {
        switch self {
        case .rollback: "roll back at once when the rollout fails"
        case .offer: "offer a rollback when the rollout fails"
        case .none: "only report a failed rollout"
        }
    }
}

/// The rule that decides what happens to a failed rollout, and its answer.
public struct RolloutFailureDecision: Sendable {
    public var response: RolloutFailureResponse
    /// The deciding rule; nil when no rule covers the rollout (then the response is `none`).
    public var rule: PolicyRule?

    /// The operations whose failed rollout a rule answers: those that roll out a new
    /// template. A rollback (automatic or typed) or an abort that fails is only reported,
    /// so that undoing never loops.
    public static let answered: Set<OperationKind> = [.deploy, .restart, .promote, .setEnv, .setResources]

    public static func covers(_ kind: OperationKind) -> Bool { answered.contains(kind) }

    /// `roll back at once, as its own judged step (rule undo-failed-rollouts, guardrails/default.yaml:132)`;
    /// for a canary, its abort.
    public func explanation(canary: Bool = false) -> String {
        let undo = canary ? "abort the canary" : "roll back"
        let question = canary ? "Abort the canary of …? [y/N]" : "Roll back …? [y/N]"
        switch (response, rule) {
        case (_, nil): return "only report it (no rollout-failure rule covers this change)"
        case (.rollback, let rule?): return "\(undo) at once, as its own judged step (rule \(rule.id), \(rule.location))"
        case (.offer, let rule?): return "ask `\(question)` at a terminal, else print the command (rule \(rule.id), \(rule.location))"
        case (.none, let rule?): return "only report it (rule \(rule.id), \(rule.location))"
        }
    }

    /// `rule staging-rollout-failure (guardrails/default.yaml:12)`, or `no rollout-failure rule`.
    public var source: String {
        rule.map { "rule \($0.id) (\($0.location))" } ?? "no rollout-failure rule"
    }
}

extension Policy {
    /// What to do when a rollout of `operation` in `environment` fails: the first
    /// `rollout-failure` rule whose scope covers it decides; without one, only report.
    public func rolloutFailure(operation: OperationKind, environment: String?) -> RolloutFailureDecision {
        for rule in rules {
            guard let kind = rule.rule as? RolloutFailureRule,
                  rule.scope.covers(operation: operation, environment: environment) else { continue }
            return RolloutFailureDecision(response: kind.response, rule: rule)
        }
        return RolloutFailureDecision(response: .none, rule: nil)
    }
}
