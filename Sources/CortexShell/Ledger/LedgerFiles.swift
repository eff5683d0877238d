/// Where the routing and cost ledgers live: JSON Lines files in the state directory, each
/// movable by its own `CORTEX_*` variable.
public struct LedgerFiles: Equatable, Sendable {
    /// Routes and their outcomes (`CORTEX_ROUTING_LEDGER`, default `routing.jsonl`).
    public var routing: String
    /// LLM calls with their token counts (`CORTEX_USAGE_LEDGER`, default `llm-usage.jsonl`).
    public var usage: String
    /// Budget settings (`CORTEX_BUDGET_LEDGER`, default `budgets.jsonl`).
    public var budgets: String
    /// Workload sizes over time (`CORTEX_FOOTPRINT_LEDGER`, default `footprints.jsonl`).
    public var footprints: String
    /// Whether each append is flushed to the device before it returns. Off only for a state
    /// folder that is deleted when the run ends (a transcript replay against the simulator),
    /// where a flush protects nothing.
    public var flushes = true

    public init(routing: String, usage: String, budgets: String, footprints: String) {
        self.routing = routing
        self.usage = usage
        self.budgets = budgets
        self.footprints = footprints
    }

    /// The default files in `stateDirectory`, unless the environment moves one.
    public init(stateDirectory: String, environment: [String: String] = [:]) {
        func path(_ variable: String, _ name: String) -> String {
            if let v = environment[variable], !v.isEmpty { return v }
            return stateDirectory + "/" + name
        }
        self.init(routing: path("CORTEX_ROUTING_LEDGER", "routing.jsonl"),
                  usage: path("CORTEX_USAGE_LEDGER", "llm-usage.jsonl"),
                  budgets: path("CORTEX_BUDGET_LEDGER", "budgets.jsonl"),
                  footprints: path("CORTEX_FOOTPRINT_LEDGER", "footprints.jsonl"))
    }
}
