import CortexCore

extension Pipeline {
    /// Answers a rollout that failed for certain as the policy's `rollout-failure` rule says:
    /// undo it at once, offer to undo it, or only report it. The undoing (a rollback to the
    /// revision before, or a canary's abort) is its own request: audited as understood from
    /// the rule, planned, judged by every other rule (a freeze still stops it, production
    /// still asks) and audited at each step. When it brings the workload back, the report
    /// says how long after the first trouble it was healthy again.
    func respond(to failure: RolloutFailure, of kind: OperationKind, log: AuditLog, reader: (any LineReader)?) {
        let decision = safeguards.guardrails.policy.rolloutFailure(operation: kind, environment: failure.environment)
        guard let remedy = failure.remedy else {
            say("\(failure.service) in \(failure.environment) has no earlier revision to roll back to")
            return
        }
        let command = remedy.summary
        switch decision.response {
        case .none:
            say("to undo it, run: cortex nl \"\(command)\" (\(decision.source): report only)")
        case .offer:
            guard let reader, reader.isInteractive else {
                say("\(decision.source) offers to undo it, and nobody can answer here: nothing was changed")
                say("to undo it, run: cortex nl \"\(command)\"")
                return
            }
            say("\(decision.source): offering to undo it")
            undo(failure, with: remedy, log: log, reader: reader, offer: Self.offerQuestion(remedy, failure))
        case .rollback:
            say("\(decision.source): undoing it at once")
            undo(failure, with: remedy, log: log, reader: reader, offer: nil)
        }
    }

    /// `? Roll back payments in production to revision 1? [y/N] `.
    static func offerQuestion(_ remedy: Operation, _ failure: RolloutFailure) -> String {
        let place = "\(failure.service) in \(failure.environment)"
        if remedy.op == .abort { return "? Abort the canary of \(place)? [y/N] " }
        let to = remedy.revision.map { " to revision \($0)" } ?? ""
        return "? Roll back \(place)\(to)? [y/N] "
    }

    /// Runs the remedy as its own request, from resolve on.
    private func undo(_ failure: RolloutFailure, with remedy: Operation, log: AuditLog, reader: (any LineReader)?,
                      offer: String?) {
        let input = "\(offer == nil ? "automatic" : "offered") \(remedy.op == .abort ? "abort" : "rollback") after a failed rollout: \(failure.headline)"
        // The request's own trace (for --output json) keeps the failed rollout as its
        // outcome, and the undoing's lines are added to it.
        trace?.followingUp = true
        defer { trace?.followingUp = false }
        let code: ExitCode
        do throws(CortexError) {
            code = try runDerived(remedy, input: input, understander: "rollout-failure", log: log, reader: reader, offer: offer)
        } catch {
            report(error)
            code = error.exitCode
        }
        if code == .success {
            say(failure.recovered(at: safeguards.clock()))
        } else if offer == nil || code != .notConfirmed {
            say("\(failure.service) in \(failure.environment) was not undone; to try again, run: cortex nl \"\(remedy.summary)\"")
        }
    }

    /// A line of the answer to a failed rollout: shown, and kept in the request's trace.
    private func say(_ line: String) {
        output.line(line)
        trace?.noted([line])
    }
}
