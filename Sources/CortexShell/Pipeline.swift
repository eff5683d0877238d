public import CortexCore
import FoundationEssentials

/// Where a request came from; recorded with it and deciding nothing else.
public enum RequestSource: String, Sendable {
    case repl, oneShot = "oneshot", script, transcript
}

/// What a session knows between requests.
public struct SessionState: Sendable {
    public var environment: String?
    public var environments: EnvironmentCatalog
    public var knownServices: [String]
    /// The environment the kubeconfig context's namespace holds: used when a request names
    /// none and `environment` is nil.
    public var contextEnvironment: String?

    public init(environment: String? = nil, environments: EnvironmentCatalog = .standard, knownServices: [String] = [],
                contextEnvironment: String? = nil) {
        self.environment = environment
        self.environments = environments
        self.knownServices = knownServices
        self.contextEnvironment = contextEnvironment
    }

    var understandingContext: UnderstandingContext {
        UnderstandingContext(environments: environments, knownServices: knownServices, currentEnvironment: environment)
    }
}

/// The one road every request travels, whatever its source: understand, resolve, judge,
/// confirm, dispatch, report. The REPL, `cortex nl`, scripts and transcripts all call
/// `handle`. Each step is in the audit log before the next one takes effect.
public final class Pipeline {
    let understander: any Understander
    let dispatcher: any Dispatcher
    let output: any OutputSink
    let safeguards: Safeguards
    let watch: any DispatchWatch
    /// Hears the operation, plan, verdict and result of each request, when set.
    public var trace: RequestTrace?
    /// Explains a diagnosis in plain words after the analyzers' report (an LLM endpoint, in
    /// `llm` and `auto` mode); nil shows the report alone.
    public var explainer: (any FindingsExplainer)?

    public init(understander: any Understander, dispatcher: any Dispatcher, output: any OutputSink, safeguards: Safeguards,
                watch: any DispatchWatch = SilentDispatchWatch()) {
        self.understander = understander
        self.dispatcher = dispatcher
        self.output = output
        self.safeguards = safeguards
        self.watch = watch
    }

    /// Handles one request line and returns its exit code. `reader` is asked follow-up
    /// questions (a missing environment, a confirmation) when a person is there to answer.
    public func handle(_ text: String, source: RequestSource, state: SessionState, reader: (any LineReader)?) -> ExitCode {
        let log = safeguards.log(for: source)
        let understanding = understander.understand(text, context: state.understandingContext)
        var operation = understanding.operation
        trace?.understood(operation)
        if let notice = understanding.notice { output.errorLine("note: \(notice)") }
        do throws(CortexError) {
            var event = AuditEvent(.understood, input: text, operation: operation, environment: operation.environment)
            event.understander = understanding.source
            try log.append(event)
        } catch {
            report(error)
            return error.exitCode
        }
        if operation.op == .unknown {
            report(CortexError("not understood: \(operation.reason ?? "no reason given")",
                               hint: "type `help` for the requests cortex understands", exitCode: .notUnderstood))
            return .notUnderstood
        }
        var resolved: ResolvedOperation
        do throws(CortexError) {
            try fillEnvironment(&operation, state: state, reader: reader)
            output.line("> \(operation.summary)")
            resolved = try resolveAsking(&operation, reader: reader)
            trace?.resolved(resolved)
        } catch {
            // The request ends before any verdict: recorded as failed with the reason.
            _ = try? log.append(AuditEvent(.failed, input: text, operation: operation, environment: operation.environment,
                                           result: AuditResult(ok: false, error: error.message)))
            report(error)
            return error.exitCode
        }
        do throws(CortexError) {
            return try judgeAndRun(resolved, input: text, log: log, reader: reader)
        } catch {
            report(error)
            return error.exitCode
        }
    }

    /// Judges the resolved operation, clears it with the operator where the verdict asks,
    /// and dispatches it. Errors thrown here were not audited as the request's end.
    ///
    /// `offer`, when set, is the question of an offered change (`Roll back …? [y/N]`): it is
    /// asked even where the verdict asks nothing, and neither `--yes` nor `--confirm`
    /// answers it.
    func judgeAndRun(_ resolved: ResolvedOperation, input: String, log: AuditLog, reader: (any LineReader)?,
                     offer: String? = nil) throws(CortexError) -> ExitCode {
        let now = safeguards.clock()
        let verdict = resolved.operation.op.isMutation
            ? safeguards.guardrails.evaluate(resolved, context: try safeguards.context(now))
            : .readOnly
        trace?.judged(verdict)
        var options = safeguards.options
        options.interactive = reader?.isInteractive ?? false
        if offer != nil { (options.assumeYes, options.confirmName) = (false, nil) }
        var step = ConfirmationDecision.decide(verdict, options: options)
        if offer != nil, case .proceed = step { step = .askYesNo }
        if !verdict.findings.isEmpty {
            output.write(ConfirmationPrompt.render(resolved, verdict: verdict, descriptions: safeguards.descriptions))
        }
        switch step {
        case .askYesNo, .askTypedName:
            // No reader means no answer: the default, no.
            step = ConfirmationDecision.answer(reader.flatMap { reply($0, step, question: offer) }, to: step)
        default:
            break
        }
        switch step {
        case .proceed(let outcome):
            try log.append(AuditEvent(.confirmed, input: input, resolved: resolved, verdict: verdict, confirmation: outcome))
            return try run(resolved, input: input, verdict: verdict, log: log, reader: reader)
        case .awaitApproval:
            let id = try requestApproval(resolved, input: input, verdict: verdict, log: log, now: now)
            report(ConfirmationDecision.awaitingApproval(requestID: id, verdict: verdict))
            return .notConfirmed
        case .stop(let outcome, let error):
            let kind: AuditEventKind = switch outcome {
            case .denied: .denied
            case .declined: .declined
            default: .refused
            }
            try log.append(AuditEvent(kind, input: input, resolved: resolved, verdict: verdict, confirmation: outcome))
            report(error)
            return error.exitCode
        case .askYesNo, .askTypedName:
            // `answer` never asks again; should it, the default answer stands: no.
            try log.append(AuditEvent(.declined, input: input, resolved: resolved, verdict: verdict, confirmation: .declined))
            report(CortexError("not confirmed: nothing was changed", exitCode: .notConfirmed))
            return .notConfirmed
        }
    }

    /// Asks the question for `step`; nil when the operator pressed Ctrl-C or Ctrl-D.
    func reply(_ reader: any LineReader, _ step: ConfirmationStep, question: String? = nil) -> String? {
        let prompt = step == .askYesNo ? question ?? ConfirmationPrompt.question(for: step) : ConfirmationPrompt.question(for: step)
        if case .line(let answer) = reader.readLine(prompt: prompt) { return answer }
        return nil
    }

    /// Dispatches a cleared operation and records how it ended.
    func run(_ resolved: ResolvedOperation, input: String, verdict: Verdict, log: AuditLog,
             reader: (any LineReader)? = nil) throws(CortexError) -> ExitCode {
        let result: DispatchReport
        do throws(CortexError) {
            let (observer, end) = watch.begin()
            defer { end() }
            result = try dispatcher.dispatch(resolved, observer: observer)
        } catch {
            markApprovalUsed(verdict)
            try log.append(AuditEvent(.failed, input: input, resolved: resolved, verdict: verdict,
                                      result: AuditResult(ok: false, error: error.message)))
            throw error
        }
        markApprovalUsed(verdict)
        trace?.dispatched(result)
        let summary = result.lines.last
        try log.append(AuditEvent(result.succeeded ? .executed : .failed, input: input, resolved: resolved, verdict: verdict,
                                  result: AuditResult(ok: result.succeeded, summary: summary, error: result.rolloutFailure?.headline)))
        for line in result.lines { output.line(line) }
        if result.succeeded, resolved.operation.op == .diagnose, let explainer, let text = explainer.explain(result.lines) {
            output.line("explanation (LLM, from the findings above; it changes nothing): \(text)")
        }
        if let failure = result.rolloutFailure, RolloutFailureDecision.covers(resolved.operation.op) {
            respond(to: failure, of: resolved.operation.op, log: log, reader: reader)
            return .failed
        }
        if result.succeeded, let fix = result.suggestion {
            return try offer(fix, log: log, reader: reader)
        }
        return result.succeeded ? .success : .failed
    }

    /// Offers a fix a read-only report suggested (a diagnosis). Accepted, it travels the
    /// whole road from resolve on, like a request typed by hand: planned, judged, confirmed,
    /// audited. Without a terminal nothing changes: the command to run is printed.
    func offer(_ fix: Operation, log: AuditLog, reader: (any LineReader)?) throws(CortexError) -> ExitCode {
        let command = fix.summary
        guard let reader, reader.isInteractive else {
            output.line("to apply it, run: cortex nl \"\(command)\"")
            return .success
        }
        guard case .line(let answer) = reader.readLine(prompt: "? Apply this fix? [y/N] "),
              ["y", "yes"].contains(answer.trimmedWhitespace.lowercased()) else {
            output.line("not applied; nothing was changed")
            return .success
        }
        return try runDerived(fix, input: "apply the suggested fix: \(command)", understander: "diagnosis", log: log, reader: reader)
    }

    /// Runs an operation cortex derived itself (a diagnosis's fix, the undoing of a failed
    /// rollout) as a request of its own: audited as understood by `understander`, then
    /// resolved, judged, confirmed and dispatched like a typed one.
    func runDerived(_ operation: Operation, input: String, understander: String, log: AuditLog, reader: (any LineReader)?,
                    offer: String? = nil) throws(CortexError) -> ExitCode {
        var event = AuditEvent(.understood, input: input, operation: operation, environment: operation.environment)
        event.understander = understander
        try log.append(event)
        output.line("> \(operation.summary)")
        if trace?.followingUp == true { trace?.noted(["> \(operation.summary)"]) }
        let resolved: ResolvedOperation
        do throws(CortexError) {
            resolved = try dispatcher.resolve(operation, environment: operation.environment)
        } catch {
            _ = try? log.append(AuditEvent(.failed, input: input, operation: operation, environment: operation.environment,
                                           result: AuditResult(ok: false, error: error.message)))
            throw error
        }
        return try judgeAndRun(resolved, input: input, log: log, reader: reader, offer: offer)
    }

    /// Records the request as pending (the audit entry first) and returns its id.
    func requestApproval(_ resolved: ResolvedOperation, input: String, verdict: Verdict, log: AuditLog, now: Date) throws(CortexError) -> String {
        guard let approvals = safeguards.approvals else {
            try log.append(AuditEvent(.refused, input: input, resolved: resolved, verdict: verdict, confirmation: .refused))
            throw CortexError("this change needs a second operator's approval and no approval file is configured: nothing was changed",
                              exitCode: .notConfirmed)
        }
        let actor = log.origin.actor, identity = log.origin.identity
        let requirement = safeguards.approverRequirement(for: verdict)
        let plan = ConfirmationPrompt.render(resolved, verdict: verdict).split(separator: "\n").map(String.init)
            .prefix { !$0.hasPrefix("Risk:") }
        // A shared book may run the change again after a conflict: one id, one entry per id.
        let newID = safeguards.newApprovalID()
        var recorded: Set<String> = []
        return try approvals.update(at: now) { book throws(CortexError) in
            // The book is saved after the closure returns, so the entry is on disk first.
            let id = book.request(resolved, by: actor, identity: identity, at: now, newID: newID,
                                  requirement: requirement, plan: Array(plan)).id
            if recorded.insert(id).inserted {
                try log.append(AuditEvent(.pending, input: input, resolved: resolved, verdict: verdict,
                                          confirmation: .awaitingApproval, approval: id))
            }
            return id
        }
    }

    /// An approval counts once: after the run it allowed, it is spent, whatever the outcome.
    func markApprovalUsed(_ verdict: Verdict) {
        guard let id = verdict.approvalID, let approvals = safeguards.approvals else { return }
        let now = safeguards.clock()
        do throws(CortexError) {
            try approvals.update(at: now) { book throws(CortexError) in book.markUsed(id, at: now) }
        } catch {
            report(error)
        }
    }

    /// Plans the operation; when planning needs a choice only the operator can make (which
    /// of two workloads sharing a name, which container) and a person is there, asks it and
    /// plans again. A kind chosen becomes the operation's `kind`.
    func resolveAsking(_ operation: inout Operation, reader: (any LineReader)?) throws(CortexError) -> ResolvedOperation {
        var choices = ResolutionChoices()
        var asked = 0
        while true {
            do throws(CortexError) {
                return try dispatcher.resolve(operation, environment: operation.environment, choices: choices)
            } catch {
                guard let question = error.question, asked < 3, let reader, reader.isInteractive else { throw error }
                output.errorLine(error.message)
                guard case .line(let answer) = reader.readLine(prompt: question.line) else {
                    throw CortexError("nothing chosen; nothing was done", exitCode: .notConfirmed)
                }
                guard let option = question.option(for: answer) else {
                    throw .usage("`\(answer.trimmedWhitespace)` is not one of \(question.options.joined(separator: ", "))")
                }
                switch question.slot {
                case .kind: operation.kind = WorkloadKind(alias: option)
                case .container: choices.container = option
                }
                asked += 1
            }
        }
    }

    /// Fills the environment from the session; asks for it where the operation needs one,
    /// nobody named one, and a person can answer.
    func fillEnvironment(_ operation: inout Operation, state: SessionState, reader: (any LineReader)?) throws(CortexError) {
        guard operation.op.targetsEnvironment, operation.environment == nil else { return }
        if let current = state.environment ?? state.contextEnvironment {
            operation.environment = current
            return
        }
        let needsOne = operation.op.isMutation || [.logs, .diagnose, .events].contains(operation.op)
        guard needsOne else { return }
        let names = state.environments.names.joined(separator: ", ")
        guard let reader, reader.isInteractive else {
            throw .usage("no environment for `\(operation.summary)`",
                         hint: "name one in the request (… in staging) or choose one first with `use <environment>` (\(names))")
        }
        switch reader.readLine(prompt: "? which environment? [\(state.environments.names.joined(separator: "/"))] ") {
        case .line(let answer):
            let word = answer.trimmedWhitespace
            guard let env = state.environments.resolve(word) else {
                throw .usage("unknown environment `\(word)`", hint: "choose one of \(names)")
            }
            operation.environment = env
        case .interrupted, .endOfInput:
            throw CortexError("no environment chosen; nothing was done", exitCode: .notConfirmed)
        }
    }

    func report(_ error: CortexError) {
        output.errorLine(ErrorText.render(error))
    }
}
