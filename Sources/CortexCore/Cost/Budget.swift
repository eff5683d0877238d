public import FoundationEssentials

/// What a budget limits: all spend (cluster and tokens), or LLM tokens alone.
public enum BudgetScope: String, Codable, Sendable, CaseIterable {
    case all, llm
}

/// A spending limit for each day, week or month (UTC).
public struct Budget: Equatable, Sendable {
    public var period: Period
    public var limit: MicroDollars
    public var scope: BudgetScope

    public init(period: Period, limit: MicroDollars, scope: BudgetScope = .all) {
        self.period = period
        self.limit = limit
        self.scope = scope
    }

    /// `monthly budget`, `daily LLM budget`.
    public var name: String { "\(period.adjective) \(scope == .llm ? "LLM " : "")budget" }
}

/// A budget as the budget ledger records it: set at a moment; the latest setting for a
/// period and scope is in force.
public struct BudgetSetting: Equatable, Sendable {
    public var at: Date
    public var budget: Budget

    public init(at: Date, budget: Budget) {
        self.at = at
        self.budget = budget
    }
}

extension BudgetSetting: Codable {
    enum CodingKeys: String, CodingKey {
        case at, period, scope
        case limit = "limit_micro_usd"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try c.decode(LedgerInstant.self, forKey: .at).date
        budget = Budget(period: try c.decode(Period.self, forKey: .period),
                        limit: try c.decode(MicroDollars.self, forKey: .limit),
                        scope: try c.decode(BudgetScope.self, forKey: .scope))
        guard budget.limit >= .zero else {
            throw InvalidLedgerRecord("negative limit")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LedgerInstant(at), forKey: .at)
        try c.encode(budget.period, forKey: .period)
        try c.encode(budget.scope, forKey: .scope)
        try c.encode(budget.limit, forKey: .limit)
    }
}

/// The budgets in force: those from configuration, overridden by the latest setting in the
/// ledger for the same period and scope. Ordered day, week, month; all spend before LLM.
public struct BudgetBook: Equatable, Sendable {
    public private(set) var budgets: [Budget]

    public init(configured: [Budget] = [], settings: [BudgetSetting] = []) {
        var latest: [String: Budget] = [:]
        for b in configured { latest["\(b.scope)/\(b.period)"] = b }
        for s in settings { latest["\(s.budget.scope)/\(s.budget.period)"] = s.budget }
        budgets = latest.values.sorted { a, b in
            let pa = Period.allCases.firstIndex(of: a.period)!, pb = Period.allCases.firstIndex(of: b.period)!
            return (a.scope == .all ? 0 : 1, pa) < (b.scope == .all ? 0 : 1, pb)
        }
    }

    public func budget(_ period: Period, scope: BudgetScope = .all) -> Budget? {
        budgets.first { $0.period == period && $0.scope == scope }
    }
}

/// How much of a budget is spent in its current period.
public struct BudgetStatus: Equatable, Sendable {
    public enum Level: Equatable, Sendable {
        /// Under 80%.
        case ok
        /// 80% or more, not all of it.
        case warning
        /// All of it (or more).
        case spent
    }

    public var budget: Budget
    public var window: PeriodWindow
    public var spentSoFar: MicroDollars

    public init(budget: Budget, window: PeriodWindow, spentSoFar: MicroDollars) {
        self.budget = budget
        self.window = window
        self.spentSoFar = spentSoFar
    }

    /// The share of the budget at which a warning is shown: 80%, as a fraction `4/5`.
    public static let warningShare = (numerator: Int64(4), denominator: Int64(5))

    /// What is left, never below zero.
    public var remaining: MicroDollars { max(.zero, budget.limit - spentSoFar) }

    /// Whole percent spent, rounded down (a zero budget counts as all spent).
    public var percentSpent: Int64 {
        guard budget.limit.value > 0 else { return 100 }
        // Past ten thousand times the budget the figure means nothing more; it is capped there.
        guard spentSoFar.value / budget.limit.value < 10_000 else { return 1_000_000 }
        return spentSoFar.value * 100 / budget.limit.value
    }

    public var level: Level {
        if spentSoFar >= budget.limit { return .spent }
        let (n, d) = BudgetStatus.warningShare
        // spent / limit >= n / d, without division or overflow for sane amounts.
        if spentSoFar.value.multipliedFullWidthCompare(d, budget.limit.value, n) >= 0 { return .warning }
        return .ok
    }
}

extension Int64 {
    /// Compares self × a with b × c at double width: -1, 0 or 1.
    func multipliedFullWidthCompare(_ a: Int64, _ b: Int64, _ c: Int64) -> Int {
        let l = self.multipliedFullWidth(by: a), r = b.multipliedFullWidth(by: c)
        if l.high != r.high { return l.high < r.high ? -1 : 1 }
        if l.low != r.low { return l.low < r.low ? -1 : 1 }
        return 0
    }
}

/// Budgets measured against spend at a moment: the statuses a report shows, the figure
/// the cost-ceiling guardrail compares with, and whether LLM calls must stop.
public struct BudgetAssessment: Equatable, Sendable {
    public var statuses: [BudgetStatus]

    public init(statuses: [BudgetStatus]) { self.statuses = statuses }

    /// Measures every budget in `book` against spend in its current period.
    public init(book: BudgetBook, calculator: SpendCalculator, now: Date,
                usage: [LLMUsageRecord], footprints: [WorkloadFootprint]) {
        statuses = book.budgets.map { budget in
            let s = calculator.summary(budget.period, now: now, usage: usage, footprints: footprints)
            return BudgetStatus(budget: budget, window: s.window,
                                spentSoFar: budget.scope == .llm ? s.tokenTotal : s.total)
        }
    }

    /// What is left of the monthly budget for all spend, which the cost-ceiling guardrail
    /// compares a monthly cost change with; nil when no monthly budget is set.
    public var remainingMonthly: MicroDollars? {
        statuses.first { $0.budget.period == .month && $0.budget.scope == .all }?.remaining
    }

    /// `remainingMonthly` in dollars, as `PolicyContext.remainingBudget` takes it.
    public var remainingMonthlyDollars: Double? { remainingMonthly?.dollars }

    /// Whether LLM calls must stop: an LLM budget, or a budget for all spend, is spent for
    /// its current period. Auto mode then understands with the embedded parser alone.
    public var llmBudgetSpent: Bool { spentBudget != nil }

    /// The first spent budget that stops LLM calls, to name it in the notice.
    public var spentBudget: BudgetStatus? { statuses.first { $0.level == .spent } }
}
