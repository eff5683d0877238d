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
            if let canary { s += " as a \(canary)% canary" }
            return s
        case .scale:
            if let replicas { return "scale \(svc)\(env) to \(Operation.replicaCount(replicas))" }
            let d = delta ?? 0
            return "scale \(svc)\(env) \(d > 0 ? "up" : "down") by \(Operation.replicaCount(abs(d)))"
        case .restart: return "restart \(workload(svc))\(env)"
        case .rollback:
            return "roll back \(svc)\(env)" + (revision.map { " to revision \($0)" } ?? " to the previous revision")
        case .delete: return "delete \(workload(svc))\(env)"
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
        case .diagnose:
            if service != nil { return "diagnose \(workload(svc))\(env)" }
            return environment.map { "diagnose every workload in \($0)" } ?? "diagnose every workload"
        case .events:
            let scope = service.map { " for \($0)" } ?? ""
            return "events\(scope)\(env)" + (since.map { " in the last \($0)" } ?? "")
        case .setEnv:
            let changes = (self.env ?? [:]).keys.sorted().map { name in
                // Values are not shown: they may be secrets.
                (self.env?[name] == .remove) ? "unset \(name)" : "set \(name)"
            }
            return "\(changes.joined(separator: ", ")) on \(workload(svc))\(env)"
        case .setResources:
            let what = [cpu.map { "cpu \($0)" }, memory.map { "memory \($0)" }].compactMap { $0 }.joined(separator: ", ")
            return "set \(scope?.rawValue ?? "requests and limits") of \(workload(svc))\(env) to \(what)"
        case .autoscale:
            if enabled == false { return "stop autoscaling \(svc)\(env)" }
            var s = "autoscale \(svc)\(env)"
            if let max {
                // Without a minimum the autoscaler's own (or 1 for a new one) stays: not known here.
                s += min.map { " between \($0) and \(Operation.replicaCount(max))" } ?? " up to \(Operation.replicaCount(max))"
            } else if let min {
                s += " from \(Operation.replicaCount(min)) up"
            }
            if let cpuPercent { s += " at \(cpuPercent)% cpu" }
            return s
        case .pause: return "pause the rollout of \(svc)\(env)"
        case .resume: return "resume the rollout of \(svc)\(env)"
        case .promote: return "promote the canary of \(svc)\(env)"
        case .abort: return "abort the canary of \(svc)\(env)"
        case .unknown: return "not understood: \(reason ?? "no reason given")"
        }
    }

    /// The service, with its kind when the user named one: `the redis statefulset`.
    private func workload(_ name: String) -> String {
        kind.map { "the \(name) \($0.rawValue)" } ?? name
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
