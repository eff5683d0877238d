/// Plain-English renderings of operations, for echoes, plans, prompts and the audit log.
extension Operation {
    /// One short phrase saying what the operation does, e.g.
    /// `scale api-gateway in staging to 3 replicas`.
    public var summary: String { summary(in: environment) }

    /// The summary with `environment` in place of the operation's own (the resolved one).
    public func summary(in environment: String?) -> String {
        let svc = service ?? "?"
        let env = environment.map { " in \($0)" } ?? ""
        switch op {
        case .deploy:
            var s = "deploy \(image ?? svc)"
            if image != nil, let service { s += " as \(service)" }
            if image == nil, let version { s += " version \(version)" }
            s += env
            if let replicas { s += " with \(Operation.replicaCount(replicas))" }
            return s
        case .scale:
            if let replicas { return "scale \(svc)\(env) to \(Operation.replicaCount(replicas))" }
            let d = delta ?? 0
            return "scale \(svc)\(env) \(d > 0 ? "up" : "down") by \(Operation.replicaCount(abs(d)))"
        case .restart: return "restart \(svc)\(env)"
        case .rollback:
            return "roll back \(svc)\(env)" + (revision.map { " to revision \($0)" } ?? " to the previous revision")
        case .delete: return "delete \(svc)\(env)"
        case .status:
            if let service { return "status of \(service)\(env)" }
            return environment.map { "status of everything in \($0)" } ?? "status of everything"
        case .logs:
            return "logs of \(svc)\(env)" + (lines.map { ", last \($0) lines" } ?? "")
        case .route: return "route \"\(task ?? "")\""
        case .cost:
            var s = "cost"
            if let service { s += " of \(service)" }
            s += env
            if let period { s += " this \(period.rawValue)" }
            return s
        case .budget:
            return "set the \(period?.adjective ?? "") budget to \(Money.dollars(amount ?? 0))"
        case .unknown: return "not understood: \(reason ?? "no reason given")"
        }
    }

    static func replicaCount(_ n: Int) -> String { n == 1 ? "1 replica" : "\(n) replicas" }
}

extension Period {
    /// `daily`, `weekly`, `monthly`.
    public var adjective: String {
        switch self {
        case .day: "daily"
        case .week: "weekly"
        case .month: "monthly"
        }
    }
}
