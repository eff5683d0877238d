/// Renders spend and budgets as report lines. Amounts are shown to the cent and the
/// cents are apportioned so that every shown total is the sum of the lines under it.
public enum CostReportText {
    /// The lines of a `cost` report: spend by workload and model, totals, then budgets.
    public static func lines(_ summary: SpendSummary, budgets: BudgetAssessment = .init(statuses: [])) -> [String] {
        var out: [String] = []
        var scope = ""
        if let service = summary.service { scope += " of \(service)" }
        if let environment = summary.environment { scope += " in \(environment)" }
        out.append("spend\(scope) \(summary.window.label), to \(UTCInstant.format(summary.asOf))")

        let totalCents = summary.total.roundedToCents
        let sections = CentApportionment.apportion([summary.clusterTotal, summary.tokenTotal], total: totalCents)
        var rows: [(String, String)] = []
        rows.append(("  cluster (estimated from requests)", MoneyText.cents(sections[0])))
        let workloadCents = CentApportionment.apportion(summary.workloads.map(\.amount), total: sections[0])
        for (w, cents) in zip(summary.workloads, workloadCents) {
            rows.append(("    \(w.environment)/\(w.service), \(replicas(w.replicas)) now", MoneyText.cents(cents)))
        }
        if summary.workloads.isEmpty { rows.append(("    no workloads recorded in this period", "")) }
        if summary.includesTokens {
            rows.append(("  LLM tokens", MoneyText.cents(sections[1])))
            let priced = summary.models.filter { $0.amount != nil }
            var modelCents = CentApportionment.apportion(priced.compactMap(\.amount), total: sections[1]).makeIterator()
            for m in summary.models {
                let usage = "    \(m.model): \(m.calls) \(m.calls == 1 ? "call" : "calls"), "
                    + "\(MoneyText.thousands(m.promptTokens.magnitude)) prompt + \(MoneyText.thousands(m.completionTokens.magnitude)) completion tokens"
                rows.append((usage, m.amount == nil ? "no price" : MoneyText.cents(modelCents.next() ?? 0)))
            }
            if summary.models.isEmpty { rows.append(("    no LLM calls in this period", "")) }
        }
        rows.append(("  total", MoneyText.cents(totalCents)))
        let width = rows.map(\.0.count).max() ?? 0
        for (label, amount) in rows {
            out.append(amount.isEmpty ? label : label + String(repeating: " ", count: width - label.count + 2) + amount)
        }
        if !summary.unpricedModels.isEmpty {
            out.append("note: no price for \(summary.unpricedModels.joined(separator: ", ")); add it under `models` in cost.yaml")
        }
        out.append(contentsOf: budgetLines(budgets))
        return out
    }

    /// One line per budget, then a warning for each at 80% or more.
    public static func budgetLines(_ assessment: BudgetAssessment) -> [String] {
        var out: [String] = []
        for s in assessment.statuses {
            out.append("\(s.budget.name): \(s.budget.limit) \(s.window.label); spent \(s.spentSoFar) (\(s.percentSpent)%), \(s.remaining) left")
        }
        for s in assessment.statuses {
            if let w = warning(s) { out.append(w) }
        }
        return out
    }

    /// `warning: 83% of the monthly budget is spent ($415.00 of $500.00)`; nil under 80%.
    public static func warning(_ s: BudgetStatus) -> String? {
        switch s.level {
        case .ok: return nil
        case .warning:
            return "warning: \(s.percentSpent)% of the \(s.budget.name) is spent (\(s.spentSoFar) of \(s.budget.limit))"
        case .spent:
            let llm = "; LLM calls stop and requests are understood by the embedded parser until \(s.window.next) 00:00 UTC"
            return "warning: the \(s.budget.name) is spent (\(s.spentSoFar) of \(s.budget.limit))\(llm)"
        }
    }

    /// The notice auto mode shows when it understands without the LLM because a budget is spent.
    public static func embeddedParserNotice(_ spent: BudgetStatus) -> String {
        "the \(spent.budget.name) is spent (\(spent.spentSoFar) of \(spent.budget.limit)): using the embedded parser until \(spent.window.next) 00:00 UTC"
    }

    static func replicas(_ n: Int) -> String { n == 1 ? "1 replica" : "\(n) replicas" }
}
