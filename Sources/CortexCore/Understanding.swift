/// What an understander knows about the session besides the sentence itself.
public struct UnderstandingContext: Sendable {
    public var environments: EnvironmentCatalog
    /// Workload names seen in the cluster; used for completion and hints, never to guess a target.
    public var knownServices: [String]
    public var currentEnvironment: String?

    public init(environments: EnvironmentCatalog = .standard, knownServices: [String] = [], currentEnvironment: String? = nil) {
        self.environments = environments
        self.knownServices = knownServices
        self.currentEnvironment = currentEnvironment
    }
}

/// A typed operation together with how sure the understander is of it.
public struct Understanding: Equatable, Sendable {
    public var operation: Operation
    /// 0...1. The LLM fallback is consulted below a configured threshold.
    public var confidence: Double
    /// Which understander produced it, for the audit log and notices (`embedded`, `llm`).
    public var source: String
    /// Something the operator should know about how it was understood, shown before the
    /// plan: the LLM endpoint failed and the embedded parser answered, the LLM budget is spent.
    public var notice: String?
    /// The answer stands as it is: the understander knows what was asked and needs a field
    /// from the user, or refuses on purpose. Auto mode does not ask a model to replace it.
    public var settled: Bool

    public init(operation: Operation, confidence: Double, source: String, notice: String? = nil, settled: Bool = false) {
        self.operation = operation
        self.confidence = min(1, max(0, confidence))
        self.source = source
        self.notice = notice
        self.settled = settled
    }
}

/// Turns one sentence into one typed operation. Implementations never execute anything.
public protocol Understander: Sendable {
    func understand(_ text: String, context: UnderstandingContext) -> Understanding
}
