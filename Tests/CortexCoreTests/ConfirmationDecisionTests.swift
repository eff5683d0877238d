import CortexCore
import Testing

private let confirm = Verdict(decision: .confirm, findings: [], confirmationName: "payments")
private let typed = Verdict(decision: .confirmTyped("payments"), findings: [], confirmationName: "payments")
private let deny = Verdict(findings: [Finding(ruleID: "protected", kind: "protected", action: .deny,
                                              message: "vault is protected", location: RuleLocation(file: "p.yaml", line: 7))],
                           typedName: "vault")

/// One row: a verdict, what the operator can answer, and the step that must follow.
struct DecisionCase: Sendable, CustomTestStringConvertible {
    var name: String
    var verdict: Verdict
    var options: ConfirmationOptions
    var expected: Expected

    enum Expected: Equatable, Sendable {
        case proceed(ConfirmationOutcome), askYesNo, askTypedName(String), awaitApproval
        case stop(ConfirmationOutcome, ExitCode)
    }

    var testDescription: String { name }
}

private func tty(yes: Bool = false, name: String? = nil) -> ConfirmationOptions {
    ConfirmationOptions(interactive: true, assumeYes: yes, confirmName: name)
}
private func pipe(yes: Bool = false, name: String? = nil) -> ConfirmationOptions {
    ConfirmationOptions(interactive: false, assumeYes: yes, confirmName: name)
}

@Suite("Confirmation decisions")
struct ConfirmationDecisionTests {
    @Test(arguments: [
        DecisionCase(name: "allow needs nothing", verdict: Verdict(decision: .allow, findings: []), options: pipe(), expected: .proceed(.notRequired)),
        DecisionCase(name: "confirm at a terminal asks", verdict: confirm, options: tty(), expected: .askYesNo),
        DecisionCase(name: "confirm with --yes proceeds", verdict: confirm, options: pipe(yes: true), expected: .proceed(.assumedYes)),
        DecisionCase(name: "confirm with --yes at a terminal proceeds", verdict: confirm, options: tty(yes: true), expected: .proceed(.assumedYes)),
        DecisionCase(name: "confirm, nobody to ask", verdict: confirm, options: pipe(), expected: .stop(.refused, .notConfirmed)),
        DecisionCase(name: "confirm answered by --confirm naming the target", verdict: confirm, options: pipe(name: "payments"), expected: .proceed(.namedByFlag)),
        DecisionCase(name: "confirm with --confirm naming another target", verdict: confirm, options: tty(yes: true, name: "api"), expected: .stop(.refused, .notConfirmed)),
        DecisionCase(name: "typed at a terminal asks for the name", verdict: typed, options: tty(), expected: .askTypedName("payments")),
        DecisionCase(name: "typed: --yes at a terminal still asks", verdict: typed, options: tty(yes: true), expected: .askTypedName("payments")),
        DecisionCase(name: "typed: --yes without a terminal refuses", verdict: typed, options: pipe(yes: true), expected: .stop(.refused, .notConfirmed)),
        DecisionCase(name: "typed, nobody to ask", verdict: typed, options: pipe(), expected: .stop(.refused, .notConfirmed)),
        DecisionCase(name: "typed answered by --confirm", verdict: typed, options: pipe(name: "payments"), expected: .proceed(.namedByFlag)),
        DecisionCase(name: "typed: --confirm is case-sensitive", verdict: typed, options: pipe(name: "Payments"), expected: .stop(.refused, .notConfirmed)),
        DecisionCase(name: "typed: --confirm naming another service", verdict: typed, options: tty(name: "api"), expected: .stop(.refused, .notConfirmed)),
        DecisionCase(name: "deny at a terminal", verdict: deny, options: tty(), expected: .stop(.denied, .denied)),
        DecisionCase(name: "deny is not answered by flags", verdict: deny, options: pipe(yes: true, name: "vault"), expected: .stop(.denied, .denied)),
        DecisionCase(name: "approval waits", verdict: Verdict(decision: .requireApproval, findings: []), options: tty(yes: true, name: "payments"), expected: .awaitApproval),
    ])
    func decide(_ row: DecisionCase) {
        let step = ConfirmationDecision.decide(row.verdict, options: row.options)
        let actual: DecisionCase.Expected = switch step {
        case .proceed(let outcome): .proceed(outcome)
        case .askYesNo: .askYesNo
        case .askTypedName(let name): .askTypedName(name)
        case .awaitApproval: .awaitApproval
        case .stop(let outcome, let error): .stop(outcome, error.exitCode)
        }
        #expect(actual == row.expected)
    }

    @Test(arguments: [
        ("y", true), ("Y", true), ("yes", true), (" YES \n", true),
        ("", false), ("n", false), ("no", false), ("yep", false), ("sure", false), ("payments", false),
    ])
    func yesNoAnswers(_ reply: String, _ proceeds: Bool) {
        let step = ConfirmationDecision.answer(reply, to: .askYesNo)
        #expect(step == (proceeds ? .proceed(.confirmed) : .stop(.declined, CortexError("not confirmed: nothing was changed", exitCode: .notConfirmed))))
    }

    @Test func endOfInputIsNo() {
        guard case .stop(.declined, let error) = ConfirmationDecision.answer(nil, to: .askYesNo) else {
            Issue.record("end of input must decline")
            return
        }
        #expect(error.exitCode == .notConfirmed)
    }

    @Test(arguments: [
        ("payments", true), ("payments\n", true), ("  payments ", true),
        ("y", false), ("yes", false), ("Payments", false), ("payment", false), ("", false),
    ])
    func typedAnswers(_ reply: String, _ proceeds: Bool) {
        let step = ConfirmationDecision.answer(reply, to: .askTypedName("payments"))
        if proceeds {
            #expect(step == .proceed(.typedName))
        } else {
            guard case .stop(.declined, let error) = step else {
                Issue.record("\(reply) must decline")
                return
            }
            #expect(error.exitCode == .notConfirmed)
            // Never repeats what was typed: it may be something pasted by mistake.
            #expect(error.message == "the name did not match 'payments': nothing was changed")
        }
    }

    @Test func denialNamesTheRuleAndWhereItIsDefined() {
        guard case .stop(_, let error) = ConfirmationDecision.decide(deny, options: tty()) else {
            Issue.record("deny must stop")
            return
        }
        #expect(error.message == "denied by the guardrails: vault is protected [protected, p.yaml:7]")
    }

    @Test func typedRefusalSaysYesDoesNotAnswerIt() {
        guard case .stop(_, let error) = ConfirmationDecision.decide(typed, options: pipe(yes: true)) else {
            Issue.record("must stop")
            return
        }
        #expect(error.message.contains("--yes does not answer it"))
        #expect(error.hint == "pass --confirm payments")
    }

    @Test func waitingForApprovalNamesTheRequest() {
        let error = ConfirmationDecision.awaitingApproval(requestID: "1f2e3d4c")
        #expect(error.exitCode == .notConfirmed)
        #expect(error.hint == "another operator runs `cortex approve 1f2e3d4c`; then run the request again")
    }

    @Test func waitingForApprovalSaysWhatTheRunAfterItStillNeeds() {
        let finding = { (action: RuleAction) in
            Finding(ruleID: "r", kind: "k", action: action, message: "m", location: RuleLocation(file: "f", line: 1))
        }
        let typed = Verdict(findings: [finding(.approval), finding(.typed), finding(.confirm)], typedName: "payments")
        #expect(ConfirmationDecision.awaitingApproval(requestID: "1f2e3d4c", verdict: typed).hint
            == "another operator runs `cortex approve 1f2e3d4c`; then run the request again and type payments back (or pass --confirm payments)")
        let plain = Verdict(findings: [finding(.approval), finding(.confirm)], typedName: "payments")
        #expect(ConfirmationDecision.awaitingApproval(requestID: "1f2e3d4c", verdict: plain).hint
            == "another operator runs `cortex approve 1f2e3d4c`; then run the request again and answer yes (or pass --yes)")
    }
}
