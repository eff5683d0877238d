/// A cost ceiling on the estimated change in monthly spend
/// (`ResolvedOperation.monthlyCostDelta`): above `max-monthly-increase`, or, with
/// `within-budget`, above what is left of the budget. Silent when the cost is unknown.
///
///     - id: cost-ceiling
///       kind: cost-ceiling
///       max-monthly-increase: 500
///       within-budget: true
public struct CostCeilingRule: GuardrailRule, Equatable {
    public static let kind = "cost-ceiling"
    public static let defaultAction = RuleAction.confirm

    /// US dollars a month.
    public var maxMonthlyIncrease: Double?
    public var withinBudget: Bool

    public init(maxMonthlyIncrease: Double? = nil, withinBudget: Bool = false) {
        self.maxMonthlyIncrease = maxMonthlyIncrease
        self.withinBudget = withinBudget
    }

    public init(reading fields: inout RuleFields) {
        maxMonthlyIncrease = fields.number("max-monthly-increase", above: 0)
        withinBudget = fields.boolean("within-budget") ?? false
        fields.requireOne(of: ["max-monthly-increase", "within-budget"])
        if maxMonthlyIncrease == nil, !withinBudget, fields.entries.contains(where: { $0.key == "within-budget" }) {
            fields.problem("within-budget", "is false and no max-monthly-increase is set: the rule would never speak")
        }
    }

    public func judge(_ resolved: ResolvedOperation, in context: PolicyContext, scope: RuleScope) -> Judgement? {
        guard let delta = resolved.monthlyCostDelta, delta > 0 else { return nil }
        if let ceiling = maxMonthlyIncrease, delta > ceiling {
            return .requires("adds \(Money.dollars(delta)) a month, above the ceiling of \(Money.dollars(ceiling))")
        }
        if withinBudget, let remaining = context.remainingBudget, delta > remaining {
            return .requires("adds \(Money.dollars(delta)) a month; only \(Money.dollars(remaining)) is left in the budget")
        }
        return nil
    }

    public var summary: String {
        var parts: [String] = []
        if let maxMonthlyIncrease { parts.append("at most +\(Money.dollars(maxMonthlyIncrease))/month") }
        if withinBudget { parts.append("within the budget") }
        return parts.joined(separator: "; ")
    }
}
