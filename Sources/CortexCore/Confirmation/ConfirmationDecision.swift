/// What the operator said or passed that can answer a confirmation.
public struct ConfirmationOptions: Equatable, Sendable {
    /// Whether a person can answer a question (stdin is a terminal).
    public var interactive: Bool
    /// `--yes`: answers a plain confirmation, never a typed one.
    public var assumeYes: Bool
    /// `--confirm <name>`: answers a typed (or plain) confirmation when it names the target.
    public var confirmName: String?

    public init(interactive: Bool, assumeYes: Bool = false, confirmName: String? = nil) {
        self.interactive = interactive
        self.assumeYes = assumeYes
        self.confirmName = confirmName
    }
}

/// How a step was cleared or stopped, as the audit log records it.
public enum ConfirmationOutcome: String, Codable, CaseIterable, Sendable {
    /// The guardrails asked for nothing.
    case notRequired = "not-required"
    /// The operator answered yes at the prompt.
    case confirmed
    /// The operator typed the name at the prompt.
    case typedName = "typed-name"
    /// `--yes` answered a plain confirmation.
    case assumedYes = "assumed-yes"
    /// `--confirm <name>` named the target.
    case namedByFlag = "named-by-flag"
    /// The operator answered no or typed something else.
    case declined
    /// Nobody could answer, or a flag named another target.
    case refused
    /// A guardrail denied the operation.
    case denied
    /// A second operator has to approve first.
    case awaitingApproval = "awaiting-approval"
}

/// The next step after a verdict.
public enum ConfirmationStep: Equatable, Sendable {
    /// Go ahead; the outcome says why.
    case proceed(ConfirmationOutcome)
    /// Ask `Proceed? [y/N]`; then pass the reply to `ConfirmationDecision.answer`.
    case askYesNo
    /// Ask for this exact name; then pass the reply to `ConfirmationDecision.answer`.
    case askTypedName(String)
    /// Record the request as pending and stop (exit 4) until a second operator approves it.
    case awaitApproval
    /// Stop with this outcome and error (exit 3 when denied, else 4).
    case stop(ConfirmationOutcome, CortexError)
}

/// Decides, from a verdict and what the operator can answer, whether to proceed, ask, or stop.
/// The default answer is always no.
public enum ConfirmationDecision {
    public static func decide(_ verdict: Verdict, options: ConfirmationOptions) -> ConfirmationStep {
        switch verdict.decision {
        case .allow:
            return .proceed(.notRequired)
        case .deny:
            return .stop(.denied, denial(verdict))
        case .requireApproval:
            return .awaitApproval
        case .confirm:
            if let name = options.confirmName {
                return named(name, expected: confirmName(of: verdict))
            }
            if options.assumeYes { return .proceed(.assumedYes) }
            if options.interactive { return .askYesNo }
            return .stop(.refused, CortexError(
                "this change needs confirmation and nobody can answer here: nothing was changed",
                hint: "run it in a terminal to answer, or pass --yes", exitCode: .notConfirmed))
        case .confirmTyped(let expected):
            if let name = options.confirmName { return named(name, expected: expected) }
            if options.interactive { return .askTypedName(expected) }
            let yes = options.assumeYes ? "; --yes does not answer it" : ""
            return .stop(.refused, CortexError(
                "this change needs the name '\(expected)' typed back\(yes): nothing was changed",
                hint: "pass --confirm \(expected)", exitCode: .notConfirmed))
        }
    }

    /// The step after the operator replied to a question (nil: end of input or Ctrl-C).
    public static func answer(_ reply: String?, to step: ConfirmationStep) -> ConfirmationStep {
        let text = reply?.trimmedWhitespace ?? ""
        switch step {
        case .askYesNo:
            if ["y", "yes"].contains(text.lowercased()) { return .proceed(.confirmed) }
            return .stop(.declined, declined)
        case .askTypedName(let expected):
            if text == expected { return .proceed(.typedName) }
            return .stop(.declined, CortexError(
                "the name did not match '\(expected)': nothing was changed", exitCode: .notConfirmed))
        default:
            return step
        }
    }

    /// The error that ends a request waiting for approval, naming the pending request and,
    /// from `verdict`, the confirmation the run after the approval still needs.
    public static func awaitingApproval(requestID: String, verdict: Verdict? = nil) -> CortexError {
        let findings = verdict?.findings ?? []
        var then = "then run the request again"
        if findings.contains(where: { $0.action == .typed }), let name = verdict?.confirmationName {
            then += " and type \(name) back (or pass --confirm \(name))"
        } else if findings.contains(where: { $0.action == .confirm }) {
            then += " and answer yes (or pass --yes)"
        }
        return CortexError("this change needs a second operator's approval: recorded as request \(requestID), nothing was changed",
                           hint: "another operator runs `cortex approve \(requestID)`; \(then)", exitCode: .notConfirmed)
    }

    static let declined = CortexError("not confirmed: nothing was changed", exitCode: .notConfirmed)

    static func named(_ name: String, expected: String) -> ConfirmationStep {
        if name == expected { return .proceed(.namedByFlag) }
        return .stop(.refused, CortexError(
            "--confirm names '\(name)' but this change is to '\(expected)': nothing was changed",
            hint: "pass --confirm \(expected) if that is what you mean", exitCode: .notConfirmed))
    }

    static func confirmName(of verdict: Verdict) -> String {
        if case .confirmTyped(let name) = verdict.decision { return name }
        return verdict.confirmationName ?? ""
    }

    static func denial(_ verdict: Verdict) -> CortexError {
        let reasons = verdict.deciding.map { "\($0.message) [\($0.ruleID), \($0.location)]" }
        return CortexError("denied by the guardrails: " + reasons.joined(separator: "; "), hint: verdict.freeze?.hint, exitCode: .denied)
    }
}
