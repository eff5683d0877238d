public import CortexCore
public import FoundationEssentials

/// The cost ledgers: LLM usage, budget settings and workload footprints.
public struct CostLedgers: Sendable {
    public let usage: JSONLinesLedger<LLMUsageRecord>
    public let budgets: JSONLinesLedger<BudgetSetting>
    public let footprints: JSONLinesLedger<WorkloadFootprint>

    public init(files: LedgerFiles) {
        usage = JSONLinesLedger(path: files.usage, flushes: files.flushes)
        budgets = JSONLinesLedger(path: files.budgets, flushes: files.flushes)
        footprints = JSONLinesLedger(path: files.footprints, flushes: files.flushes)
    }

    /// The ledgers in shared objects (`state: cluster`), so that a team has one budget.
    public init(shared store: any SharedObjectStore) {
        usage = JSONLinesLedger(shared: store, name: "llm-usage")
        budgets = JSONLinesLedger(shared: store, name: "budgets")
        footprints = JSONLinesLedger(shared: store, name: "footprints")
    }

    /// Records one LLM call; the LLM client calls this after every response.
    public func recordUsage(_ record: LLMUsageRecord) throws(CortexError) {
        try usage.append([record])
    }

    /// Records a workload's size when it differs from the last one recorded for it; the
    /// Kubernetes module calls this after a deploy, scale or delete (0 replicas), and `cost`
    /// after reading the live state. Returns whether a line was written.
    @discardableResult
    public func recordFootprint(_ footprint: WorkloadFootprint) throws(CortexError) -> Bool {
        try footprints.update { contents throws(CortexError) in
            let last = contents.records.last { $0.service == footprint.service && $0.environment == footprint.environment }
            if let last, last.sameSize(as: footprint) { return ([], false) }
            return ([footprint], true)
        }
    }

    /// Sets a budget; the latest setting for a period and scope is in force. Returns the
    /// budget it replaces, if any.
    public func setBudget(_ budget: Budget, at now: Date) throws(CortexError) -> Budget? {
        try budgets.update { contents throws(CortexError) in
            let previous = BudgetBook(settings: contents.records).budget(budget.period, scope: budget.scope)
            return ([BudgetSetting(at: now, budget: budget)], previous)
        }
    }

    /// Everything the cost module reads, with the unreadable lines of all three files.
    public struct Snapshot: Sendable {
        public var usage: [LLMUsageRecord]
        public var settings: [BudgetSetting]
        public var footprints: [WorkloadFootprint]
        public var problems: [LedgerProblem]
    }

    public func snapshot() throws(CortexError) -> Snapshot {
        let u = try usage.read(), b = try budgets.read(), f = try footprints.read()
        return Snapshot(usage: u.records, settings: b.records, footprints: f.records,
                        problems: u.problems + b.problems + f.problems)
    }
}
