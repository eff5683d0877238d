/// Renders a routing decision as report lines: the winner, the ranking with every factor,
/// and what made the winner win.
public enum RoutingText {
    /// `id` is the route's ledger id, when it was recorded; the last line then says how to
    /// record the outcome.
    public static func lines(_ decision: RoutingDecision, id: String? = nil) -> [String] {
        let top = decision.chosen
        var out: [String] = []
        out.append("route\(id.map { " \($0)" } ?? ""): \(decision.task)")
        out.append("-> \(top.specialist.name) (\(top.specialist.id)), kind \(decision.kind), confidence \(percent(decision.confidence))")
        let header = ["#", "specialist", "score", "expertise", "availability", "history", "cost"]
        var rows: [[String]] = [header]
        for (i, r) in decision.ranking.enumerated() {
            rows.append([
                "\(i + 1)", r.specialist.id, fixed(r.score), fixed(r.factors.expertise),
                "\(fixed(r.factors.availability)) (\(r.load)/\(r.specialist.capacity) busy)",
                "\(fixed(r.factors.history)) (\(r.tally.successes) ok, \(r.tally.failures) failed)",
                "\(fixed(r.factors.cost)) (\(r.specialist.costPerTask)/task)",
            ])
        }
        let widths = header.indices.map { c in rows.map { $0[c].count }.max() ?? 0 }
        for row in rows {
            let cells = row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
            }
            out.append("  " + cells.joined(separator: "  "))
        }
        if top.matched.isEmpty {
            out.append("no words of the task match any specialist; ranked by availability, history and cost")
        } else {
            out.append("matched for \(top.specialist.id): \(top.matched.joined(separator: ", "))")
        }
        if let id {
            out.append("record the outcome: cortex route outcome \(id) success|failure")
        }
        return out
    }

    /// `0.78`: two decimals, rounded half up.
    static func fixed(_ x: Double) -> String {
        let hundredths = Int((x * 100).rounded())
        let frac = hundredths % 100
        return "\(hundredths / 100).\(frac < 10 ? "0" : "")\(frac)"
    }

    /// `64%`.
    public static func percent(_ x: Double) -> String { "\(Int((x * 100).rounded()))%" }
}
