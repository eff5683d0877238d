/// Where an environment lives: a cluster context and a namespace.
public struct ClusterTarget: Equatable, Sendable {
    public var context: String
    public var namespace: String

    public init(context: String, namespace: String) {
        self.context = context
        self.namespace = namespace
    }
}

/// The state of one workload as it matters to a plan.
public struct WorkloadState: Equatable, Sendable {
    public var replicas: Int?
    public var image: String?
    /// What one replica requests, for cost figures; nil when not read.
    public var requests: PodRequests?

    public init(replicas: Int? = nil, image: String? = nil, requests: PodRequests? = nil) {
        self.replicas = replicas
        self.image = image
        self.requests = requests
    }
}

/// An operation with everything the sentence left out filled in: the environment from the
/// session, where it lives, the live state, and what will change. Guardrails judge this,
/// never the text.
public struct ResolvedOperation: Equatable, Sendable {
    public var operation: Operation
    /// The canonical environment, from the sentence or the session.
    public var environment: String?
    /// Whether the environment came from the session rather than the sentence.
    public var environmentFromSession: Bool
    public var target: ClusterTarget?
    /// The live state before the change; nil when the workload does not exist or was not read.
    public var current: WorkloadState?
    /// The state after the change, for mutations.
    public var planned: WorkloadState?
    /// Estimated change in monthly spend, US dollars; nil when unknown.
    public var monthlyCostDelta: Double?
    /// How the change moves monthly cluster spend, when the module could estimate it; the
    /// plan shows its sentence, and `monthlyCostDelta` carries its figure.
    public var costChange: MonthlyCostChange? {
        didSet { monthlyCostDelta = costChange?.deltaDollars ?? monthlyCostDelta }
    }
    /// The kind of the workload acted on, once it was found (named or looked up).
    public var workloadKind: WorkloadKind?
    /// What the change does beyond replicas and image, one line each:
    /// `container payments: LOG_LEVEL info → debug`, `autoscaler 2…10 replicas at 70% cpu (new)`.
    public var changes: [String] = []
    /// The cost line to show instead of `costChange.summary` (an autoscaler's range).
    public var costNote: String?
    /// The container a change applies to, once chosen.
    public var container: String?

    public init(
        operation: Operation, environment: String? = nil, environmentFromSession: Bool = false,
        target: ClusterTarget? = nil, current: WorkloadState? = nil, planned: WorkloadState? = nil,
        monthlyCostDelta: Double? = nil
    ) {
        self.operation = operation
        self.environment = environment
        self.environmentFromSession = environmentFromSession
        self.target = target
        self.current = current
        self.planned = planned
        self.monthlyCostDelta = monthlyCostDelta
    }
}

/// The outcome of dispatching one operation: lines for the operator, and whether it worked.
public struct DispatchReport: Equatable, Sendable {
    public var lines: [String]
    public var succeeded: Bool
    /// A change the report suggests (a diagnosis's fix): the shell offers it, and when the
    /// operator accepts, it is planned, judged and confirmed like a typed request.
    public var suggestion: Operation?
    /// The report as data, for `--output json` (a diagnosis's findings, events).
    public var data: JSONValue?
    /// A rollout that failed for certain: the shell asks the policy's `rollout-failure` rule
    /// whether to undo it at once, offer that, or only report it.
    public var rolloutFailure: RolloutFailure?

    public init(lines: [String], succeeded: Bool = true, suggestion: Operation? = nil, data: JSONValue? = nil,
                rolloutFailure: RolloutFailure? = nil) {
        self.lines = lines
        self.succeeded = succeeded
        self.suggestion = suggestion
        self.data = data
        self.rolloutFailure = rolloutFailure
    }
}

/// Executes a resolved operation in one module (Kubernetes, routing, cost).
public protocol Dispatcher: Sendable {
    /// Reads live state and computes the plan, without changing anything.
    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation
    /// Plans with the operator's answers to earlier questions (`CortexError.question`).
    /// Dispatchers that never ask need not implement it.
    func resolve(_ operation: Operation, environment: String?, choices: ResolutionChoices) throws(CortexError) -> ResolvedOperation
    /// Carries the operation out and reports the outcome.
    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport
    /// Carries the operation out, telling `observer` how it goes and stopping to wait when it
    /// says so (the change itself is not undone). Dispatchers that do not wait need not implement it.
    func dispatch(_ resolved: ResolvedOperation, observer: DispatchObserver) throws(CortexError) -> DispatchReport
}

extension Dispatcher {
    public func resolve(_ operation: Operation, environment: String?, choices: ResolutionChoices) throws(CortexError) -> ResolvedOperation {
        try resolve(operation, environment: environment)
    }

    public func dispatch(_ resolved: ResolvedOperation, observer: DispatchObserver) throws(CortexError) -> DispatchReport {
        try dispatch(resolved)
    }
}

/// What a long dispatch reports to and hears from the shell: progress lines (a live line on a
/// terminal, plain lines otherwise) and whether the operator pressed Ctrl-C.
public struct DispatchObserver: Sendable {
    /// Called with each new progress message, e.g. `2 of 3 updated replicas are available...`.
    public var progress: @Sendable (String) -> Void
    public var cancellation: any CancellationSignal

    public init(progress: @escaping @Sendable (String) -> Void = { _ in }, cancellation: any CancellationSignal = NeverCancelled()) {
        self.progress = progress
        self.cancellation = cancellation
    }

    /// Reports nothing and never cancels.
    public static let silent = DispatchObserver()
}
