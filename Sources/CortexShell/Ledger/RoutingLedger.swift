public import CortexCore
public import FoundationEssentials

/// The routing ledger: every route handed out, with an id, and the outcomes recorded
/// against those ids. What routing learns is computed from it afresh each time.
public struct RoutingLedger: Sendable {
    public let file: JSONLinesLedger<RoutingRecord>

    public init(path: String, flushes: Bool = true) { file = JSONLinesLedger(path: path, flushes: flushes) }

    /// The ledger in shared objects (`state: cluster`).
    public init(shared store: any SharedObjectStore) { file = JSONLinesLedger(shared: store, name: "routing") }

    /// The learned history and any unreadable lines.
    public func history() throws(CortexError) -> (history: RoutingHistory, problems: [LedgerProblem]) {
        let contents = try file.read()
        return (RoutingHistory(records: contents.records), contents.problems)
    }

    /// Records a route under the next free id (`r1`, `r2`, …), allocated under the file's
    /// lock so that shells routing at the same moment never share one.
    public func recordRoute(_ decision: RoutingDecision, at now: Date) throws(CortexError) -> RouteEntry {
        try file.update { contents throws(CortexError) in
            let next = contents.records.reduce(0) { highest, record in
                guard case .routed(let r) = record, let n = RoutingLedger.number(r.id) else { return highest }
                return max(highest, n)
            } + 1
            let entry = RouteEntry(id: "r\(next)", at: now, task: decision.task, kind: decision.kind,
                                   specialist: decision.chosen.specialist.id, confidence: decision.confidence)
            return ([.routed(entry)], entry)
        }
    }

    /// What recording an outcome did.
    public struct OutcomeReceipt: Equatable, Sendable {
        public var route: RouteEntry
        public var result: RoutingResult
        /// The outcome recorded before for the same route, which this one corrects.
        public var previous: RoutingResult?
    }

    /// Records the outcome of route `id` (`r7`, or just `7`). Fails, writing nothing, when
    /// no such route was recorded.
    public func recordOutcome(id raw: String, result: RoutingResult, at now: Date) throws(CortexError) -> OutcomeReceipt {
        let id = RoutingLedger.normalised(raw)
        return try file.update { contents throws(CortexError) in
            let history = RoutingHistory(records: contents.records)
            guard let route = history.routes[id] else {
                let known = history.routes.keys.compactMap(RoutingLedger.number).max().map { " (the latest is r\($0))" } ?? ""
                throw .usage("no route `\(raw)` in \(file.path)\(known)",
                             hint: "`cortex route \"<task>\"` prints the id to give, e.g. `cortex route outcome r1 success`")
            }
            let receipt = OutcomeReceipt(route: route, result: result, previous: history.outcomes[id])
            return ([.outcome(OutcomeEntry(id: id, at: now, result: result))], receipt)
        }
    }

    static func number(_ id: String) -> Int? {
        guard id.hasPrefix("r") else { return nil }
        return Int(id.dropFirst())
    }

    static func normalised(_ id: String) -> String {
        let trimmed = id.lowercased()
        return Int(trimmed) != nil ? "r" + trimmed : trimmed
    }
}
