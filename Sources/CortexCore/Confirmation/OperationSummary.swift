/// An operation in a few plain words, for prompts and the audit log listing:
/// `scale payments to 0 replicas in production`.
public enum OperationSummary {
    public static func describe(_ op: Operation, environment: String? = nil) -> String {
        let env = environment ?? op.environment
        let service = op.service ?? "?"
        let place = env.map { " in \($0)" } ?? ""
        switch op.op {
        case .deploy:
            var s = "deploy \(service)"
            if let image = op.image { s += " image \(image)" } else if let version = op.version { s += " \(version)" }
            if let replicas = op.replicas { s += " with \(replicas) replica" + (replicas == 1 ? "" : "s") }
            return s + (env.map { " to \($0)" } ?? "")
        case .scale:
            if let replicas = op.replicas {
                return "scale \(service) to \(replicas) replica" + (replicas == 1 ? "" : "s") + place
            }
            let delta = op.delta ?? 0
            return "scale \(service) by \(delta > 0 ? "+" : "")\(delta)" + place
        case .restart:
            return "restart \(service)" + place
        case .rollback:
            return "roll back \(service)" + (op.revision.map { " to revision \($0)" } ?? "") + place
        case .delete:
            return "delete \(service)" + place
        case .status:
            return "status" + (op.service.map { " of \($0)" } ?? "") + place
        case .logs:
            return "logs of \(service)" + (op.lines.map { " (last \($0) lines)" } ?? "") + place
        case .route:
            return "route a task"
        case .cost:
            return "cost" + (op.service.map { " of \($0)" } ?? "") + (op.period.map { " this \($0.rawValue)" } ?? "") + place
        case .budget:
            let period = op.period.map { ["day": "daily ", "week": "weekly ", "month": "monthly "][$0.rawValue]! } ?? ""
            return "set the \(period)budget to \(Money.dollars(op.amount ?? 0))"
        case .unknown:
            return "not understood"
        }
    }
}
