/// Which understander turns sentences into operations (`--understand`).
public enum UnderstandingMode: String, CaseIterable, Sendable {
    /// The embedded parser only: no network.
    case local
    /// The LLM endpoint for every sentence.
    case llm
    /// The embedded parser first; the LLM endpoint only when the parser could not read the
    /// sentence (an unknown below the threshold that does not ask for a missing field or
    /// refuse). A reading of the parser's own stands: over once-unseen sentences the parser
    /// is right far more often than a small model where the two disagree.
    case auto
}

/// An understander that may fail to answer at all (an endpoint that is down, a budget that
/// is spent): the LLM path. Its answers are already strictly decoded operations.
public protocol RemoteUnderstander: Sendable {
    func understand(_ text: String, context: UnderstandingContext) -> Result<Understanding, CortexError>
}

/// Chooses between the embedded parser and the LLM endpoint as the mode says, and says so
/// when it had to fall back. What comes out is one operation like any other: resolve and the
/// guardrails judge it the same way, so the LLM widens what is understood, never what is
/// allowed.
public struct ModeUnderstander: Understander {
    public var mode: UnderstandingMode
    public var embedded: any Understander
    public var remote: (any RemoteUnderstander)?
    /// Auto mode asks the endpoint when the embedded parser's confidence is below this.
    public var threshold: Double
    /// Asked before each LLM call; a notice when the LLM budget is spent (saying the embedded
    /// parser answers instead), else nil.
    public var budgetExhausted: @Sendable () -> String?

    /// 0.6: below it are unrelated text (0.1), unclear verbs (0.4), missing fields (0.5) and
    /// heavily guessed readings; refusals (shell, SQL, injected instructions, several
    /// operations) score 0.9 and above and never go to the model.
    public static let defaultThreshold = 0.6

    public init(mode: UnderstandingMode, embedded: any Understander = EmbeddedParser(), remote: (any RemoteUnderstander)?,
                threshold: Double = ModeUnderstander.defaultThreshold, budgetExhausted: @escaping @Sendable () -> String? = { nil }) {
        self.mode = mode
        self.embedded = embedded
        self.remote = remote
        self.threshold = threshold
        self.budgetExhausted = budgetExhausted
    }

    public func understand(_ text: String, context: UnderstandingContext) -> Understanding {
        switch mode {
        case .local:
            return embedded.understand(text, context: context)
        case .llm:
            guard let remote else { return Self.failed("no LLM endpoint is configured") }
            if let spent = budgetExhausted() { return Self.failed(spent) }
            if let refusal = EmbeddedParser.screen(text) { return Self.refused(refusal) }
            let reading = embedded.understand(text, context: context)
            switch remote.understand(text, context: context) {
            case .success(let understanding):
                switch Self.hold(understanding, to: text, context: context, reading: reading) {
                case .success(let held): return held
                case .failure(let refusal): return Self.refused(refusal.message)
                }
            case .failure(let error): return Self.failed("the LLM endpoint failed: \(error.message)")
            }
        case .auto:
            let local = embedded.understand(text, context: context)
            let reading = local
            guard local.operation.op == .unknown, local.confidence < threshold, !local.settled, let remote else { return local }
            if let spent = budgetExhausted() {
                return with(local, notice: spent)
            }
            switch remote.understand(text, context: context) {
            case .success(let understanding):
                switch Self.hold(understanding, to: text, context: context, reading: reading) {
                case .success(let held): return held
                case .failure(let refusal):
                    return with(local, notice: "the LLM's answer was set aside (\(refusal.message)); the embedded parser answered")
                }
            case .failure(let error): return with(local, notice: "the LLM endpoint failed (\(error.message)); the embedded parser answered")
            }
        }
    }

    /// A model's answer held to the sentence: a change read from a question, a hypothetical,
    /// a condition or a report is refused, as the embedded parser refuses it; every field
    /// must come from the sentence (`AnswerGrounding`); and a change needs a sentence that
    /// speaks of one and, where the embedded parser could read the sentence (`reading`), must
    /// be the change it read. A model is trusted with a change only where the parser had no
    /// reading of its own; elsewhere a disagreement is refused, never settled by the model.
    static func hold(_ answer: Understanding, to text: String, context: UnderstandingContext,
                     reading: Understanding) -> Result<Understanding, CortexError> {
        func refuse(_ reason: String) -> Result<Understanding, CortexError> {
            .failure(CortexError(reason, exitCode: .notUnderstood))
        }
        let mood = EmbeddedParser.mood(of: text)
        let change = answer.operation.op.isMutation
        if change, mood != .request { return refuse(mood.refusal(of: answer.operation)) }
        // What the user says in their own words: a quoted command (`the runbook says 'scale
        // checkout to 10'`) is no ground for any field or operation.
        let own = EmbeddedParser.ownWords(text)
        let operation: Operation
        switch AnswerGrounding.check(answer.operation, sentence: own, context: context) {
        case .grounded(let grounded): operation = grounded
        case .refused(let reason): return refuse(reason)
        }
        // `cart in staging runs 3.3.0 since Monday`: a statement asks for nothing, not even a read.
        if operation.op != .unknown, EmbeddedParser.onlyTells(text) {
            return refuse("that states how things are, not a request; to see them, say, for example: status of the workload")
        }
        // `set-resources for ws-gateway` asks nobody to take anything on.
        if operation.op == .route, !EmbeddedParser.asksForSomeone(own) {
            return refuse("the model answered a route, but the request asks nobody to take a task on")
        }
        if operation.op != .unknown, operation.op != .route, !EmbeddedParser.speaksOfAnOperation(own, change: change) {
            return refuse("the model answered '\(operation.summary)', but the request names no operation")
        }
        if change {
            let read = reading.operation
            if read.op != .unknown, !read.sameChange(as: operation) {
                return refuse("the model's answer ('\(operation.summary)') is not what the request says ('\(read.summary)')")
            }
            if read.op == .unknown, reading.settled, let reason = read.reason {
                return refuse(reason)
            }
        }
        var held = answer
        held.operation = operation
        // The environment the sentence names, as the parser read it, where the model left it out.
        if change, reading.operation.op != .unknown, held.operation.environment == nil {
            held.operation.environment = reading.operation.environment
        }
        // `role back catalog in prod to revision 9`: a change the model placed nowhere, where the
        // sentence names exactly one environment, is made there; naming several, it is refused.
        if change, held.operation.op != .budget, held.operation.environment == nil {
            let named = Set(EmbeddedParser.environmentsNamed(in: own, context.environments))
            if named.count == 1 { held.operation.environment = named.first }
            if named.count > 1 { return refuse("the request names several environments (\(named.sorted().joined(separator: ", "))); say which one the change is for") }
        }
        return .success(held)
    }

    static func refused(_ reason: String) -> Understanding {
        Understanding(operation: .unknown(reason), confidence: 0, source: "llm", settled: true)
    }

    static func failed(_ reason: String) -> Understanding {
        Understanding(operation: .unknown(reason), confidence: 0, source: "llm")
    }

    func with(_ understanding: Understanding, notice: String) -> Understanding {
        var copy = understanding
        copy.notice = notice
        return copy
    }
}
