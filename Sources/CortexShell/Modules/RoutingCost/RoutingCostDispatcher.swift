public import CortexCore
public import FoundationEssentials

/// Executes `route`, `cost` and `budget` operations against the ledgers in the state
/// directory and reports in lines. Also the entry point for recording route outcomes, LLM
/// usage and workload footprints, and for the figures other modules need: the remaining
/// monthly budget (cost-ceiling guardrail) and whether the LLM budget is spent (auto mode).
public struct RoutingCostDispatcher: Dispatcher {
    public let configuration: RoutingCostConfiguration
    public let routing: RoutingLedger
    public let ledgers: CostLedgers
    let router: Router
    let calculator: SpendCalculator
    let now: @Sendable () -> Date

    /// How long a route with no outcome counts as work in the specialist's hands.
    public static let openRouteWindow: TimeInterval = 7 * 86_400

    /// `now` is the clock; tests pass a fixed one.
    /// With `shared`, the ledgers are kept in the cluster instead of `files`.
    public init(configuration: RoutingCostConfiguration, files: LedgerFiles, now: @escaping @Sendable () -> Date = { Date() },
                shared: (any SharedObjectStore)? = nil) {
        self.configuration = configuration
        routing = shared.map(RoutingLedger.init(shared:)) ?? RoutingLedger(path: files.routing, flushes: files.flushes)
        ledgers = shared.map(CostLedgers.init(shared:)) ?? CostLedgers(files: files)
        router = Router(configuration: configuration.routing)
        calculator = SpendCalculator(prices: configuration.prices)
        self.now = now
    }

    /// Whether this module executes operations of `kind`.
    public static func handles(_ kind: OperationKind) -> Bool { [.route, .cost, .budget].contains(kind) }

    public func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        guard RoutingCostDispatcher.handles(operation.op) else {
            throw .failed("the routing and cost module does not run `\(operation.op.rawValue)`")
        }
        if operation.op == .budget { _ = try budget(from: operation) }
        return ResolvedOperation(operation: operation, environment: operation.op == .cost ? environment : nil)
    }

    public func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        let op = resolved.operation
        switch op.op {
        case .route:
            guard let task = op.task, !task.isEmpty else { throw .usage("route needs a task", hint: "who should fix the flaky CI pipeline") }
            return try route(task)
        case .cost:
            return try costReport(op.period ?? .month, service: op.service, environment: resolved.environment ?? op.environment)
        case .budget:
            return try setBudget(try budget(from: op))
        default:
            throw .failed("the routing and cost module does not run `\(op.op.rawValue)`")
        }
    }

    // MARK: Routing

    /// Ranks the specialists for `task`, records the route under a new id and shows both.
    public func route(_ task: String) throws(CortexError) -> DispatchReport {
        let at = now()
        let (history, problems) = try routing.history()
        let open = history.openRoutes(since: at.addingTimeInterval(-RoutingCostDispatcher.openRouteWindow))
        let decision = router.route(task, history: history, openLoad: open)
        let entry = try routing.recordRoute(decision, at: at)
        return DispatchReport(lines: problems.map(\.description) + RoutingText.lines(decision, id: entry.id))
    }

    /// Records how route `id` turned out; later routings of the same kind of task learn from it.
    public func recordOutcome(id: String, result: RoutingResult) throws(CortexError) -> DispatchReport {
        let receipt = try routing.recordOutcome(id: id, result: result, at: now())
        let (history, problems) = try routing.history()
        let r = receipt.route
        let tally = history.tally(specialist: r.specialist, kind: r.kind)
        var lines = problems.map(\.description)
        let correction = receipt.previous.map { $0 == result ? " (already recorded)" : " (was \($0.rawValue))" } ?? ""
        lines.append("recorded \(result.rawValue) for \(r.id)\(correction): \(r.specialist), kind \(r.kind)")
        lines.append("\(r.specialist) on \(r.kind) tasks: \(tally.successes) ok, \(tally.failures) failed "
            + "(expected success \(RoutingText.percent(tally.successRate)))")
        return DispatchReport(lines: lines)
    }

    // MARK: Cost

    /// Spend in the current period, narrowed to a service and/or environment, with budgets.
    public func costReport(_ period: Period, service: String? = nil, environment: String? = nil) throws(CortexError) -> DispatchReport {
        let at = now()
        let snapshot = try ledgers.snapshot()
        let summary = calculator.summary(period, now: at, usage: snapshot.usage, footprints: snapshot.footprints,
                                         service: service, environment: environment)
        let assessment = self.assessment(snapshot, at: at)
        return DispatchReport(lines: snapshot.problems.map(\.description) + CostReportText.lines(summary, budgets: assessment))
    }

    /// Every budget in force measured against spend now.
    public func budgetAssessment() throws(CortexError) -> (assessment: BudgetAssessment, problems: [LedgerProblem]) {
        let snapshot = try ledgers.snapshot()
        return (assessment(snapshot, at: now()), snapshot.problems)
    }

    /// What is left of the monthly budget, in dollars, for `PolicyContext.remainingBudget`;
    /// nil when no monthly budget is set.
    public func remainingMonthlyBudget() throws(CortexError) -> Double? {
        try budgetAssessment().assessment.remainingMonthlyDollars
    }

    /// The spent budget that stops LLM calls, or nil while there is money left. Auto mode
    /// asks before each LLM call and, when it gets one, understands with the embedded parser
    /// and shows `CostReportText.embeddedParserNotice`.
    public func llmBudgetSpent() throws(CortexError) -> BudgetStatus? {
        try budgetAssessment().assessment.spentBudget
    }

    func assessment(_ snapshot: CostLedgers.Snapshot, at: Date) -> BudgetAssessment {
        let book = BudgetBook(configured: configuration.llmBudgets, settings: snapshot.settings)
        return BudgetAssessment(book: book, calculator: calculator, now: at, usage: snapshot.usage, footprints: snapshot.footprints)
    }

    /// The monthly cost change of resizing a workload, for plans: the Kubernetes module
    /// passes the Deployment's container requests and replica counts.
    public func monthlyCostChange(from: Int, to: Int, containers: [ContainerRequests]) throws(CortexError) -> MonthlyCostChange {
        ClusterCostModel(prices: configuration.prices.cluster).change(from: from, to: to, pod: try PodRequests(containers: containers))
    }

    // MARK: Budgets

    func budget(from op: Operation) throws(CortexError) -> Budget {
        guard let period = op.period else { throw .usage("a budget needs a period: day, week or month") }
        guard let amount = op.amount, let limit = MicroDollars(dollars: amount), limit >= .zero else {
            throw .usage("a budget needs an amount of at least $0", hint: "set the monthly budget to $500")
        }
        return Budget(period: period, limit: limit)
    }

    /// Sets a budget on all spend and shows where spend stands against it.
    public func setBudget(_ budget: Budget) throws(CortexError) -> DispatchReport {
        let previous = try ledgers.setBudget(budget, at: now())
        let (assessment, problems) = try budgetAssessment()
        var lines = problems.map(\.description)
        let was = previous.map { $0.limit == budget.limit ? " (unchanged)" : " (was \($0.limit))" } ?? ""
        lines.append("\(budget.name) set to \(budget.limit)\(was)")
        if let status = assessment.statuses.first(where: { $0.budget == budget }) {
            lines.append("spent \(status.window.label): \(status.spentSoFar) (\(status.percentSpent)%), \(status.remaining) left")
            if let warning = CostReportText.warning(status) { lines.append(warning) }
        }
        return DispatchReport(lines: lines)
    }
}

extension RoutingCostDispatcher: FootprintRecorder {
    /// Appends the workload's size from now on, unless the last record already says so.
    public func recordFootprint(service: String, environment: String, replicas: Int, pod: PodRequests) throws(CortexError) {
        _ = try ledgers.recordFootprint(WorkloadFootprint(at: now(), service: service, environment: environment, replicas: replicas, pod: pod))
    }
}
