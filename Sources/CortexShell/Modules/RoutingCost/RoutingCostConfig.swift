import FoundationEssentials
public import CortexCore

/// The routing and cost configuration: specialists, task kinds and weights from
/// `routing.yaml`, prices and LLM budgets from `cost.yaml`, both in the configuration
/// directory. A missing file means the shipped defaults.
///
/// `routing.yaml` (version 1):
///
///     version: 1
///     weights: {expertise: 0.55, availability: 0.15, history: 0.2, cost: 0.1}
///     kinds:                  # replaces the default task kinds
///       - id: vulnerability
///         cues: [cve, exploit, pen test]
///     specialists:            # replaces the default specialists
///       - id: security
///         name: Security
///         domains: [vulnerability]
///         keywords: [okta, vault]
///         capacity: 4
///         load: 1
///         cost-per-task: 60.00
///
/// `cost.yaml` (version 1; amounts in US dollars):
///
///     version: 1
///     models:                 # per 1M tokens; merged over the default price table
///       gpt-4o: {prompt: 2.50, completion: 10.00}
///       llama3: {prompt: 0, completion: 0}
///     cluster: {vcpu-hour: 0.04, gib-hour: 0.005}
///     llm-budget: {day: 5, month: 50}   # limits on LLM token spend alone
public struct RoutingCostConfiguration: Equatable, Sendable {
    public var routing: RoutingConfiguration
    public var prices: CostPrices
    /// Budgets on LLM token spend from `cost.yaml`; `budget` requests add limits on all spend.
    public var llmBudgets: [Budget]

    public init(routing: RoutingConfiguration = .defaults, prices: CostPrices = .defaults, llmBudgets: [Budget] = []) {
        self.routing = routing
        self.prices = prices
        self.llmBudgets = llmBudgets
    }

    public static let defaults = RoutingCostConfiguration()

    /// Reads `routing.yaml` and `cost.yaml` from `configDirectory`.
    public static func load(configDirectory: String) throws(CortexError) -> RoutingCostConfiguration {
        var config = RoutingCostConfiguration()
        let routingFile = configDirectory + "/routing.yaml", costFile = configDirectory + "/cost.yaml"
        if let text = try readIfPresent(routingFile) { config.routing = try parseRouting(text, file: routingFile) }
        if let text = try readIfPresent(costFile) { (config.prices, config.llmBudgets) = try parseCost(text, file: costFile) }
        return config
    }

    static func readIfPresent(_ path: String) throws(CortexError) -> String? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read \(path)", hint: "check the file's permissions")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw .usage("\(path) is not UTF-8 text") }
        return text
    }

    /// The routing configuration in `text`, defaults filling what it leaves out.
    public static func parseRouting(_ text: String, file: String) throws(CortexError) -> RoutingConfiguration {
        let doc = try StrictYAMLMap.document(text, file: file)
        try doc.allowOnly(["version", "weights", "kinds", "specialists"])
        try doc.checkVersion()
        var config = RoutingConfiguration.defaults
        if let w = try doc.map("weights", context: "weights") {
            try w.allowOnly(["expertise", "availability", "history", "cost"])
            let d = RoutingWeights.defaults
            config.weights = RoutingWeights(expertise: try w.number("expertise") ?? d.expertise,
                                            availability: try w.number("availability") ?? d.availability,
                                            history: try w.number("history") ?? d.history,
                                            cost: try w.number("cost") ?? d.cost)
        }
        if let kinds = try doc.maps("kinds", context: { "kind #\($0 + 1)" }) {
            config.kinds = []
            for k in kinds {
                try k.allowOnly(["id", "cues"])
                config.kinds.append(TaskKindDefinition(id: try k.require(k.string("id"), "id"),
                                                       cues: try k.require(k.strings("cues"), "cues")))
            }
        }
        if let specialists = try doc.maps("specialists", context: { "specialist #\($0 + 1)" }) {
            config.specialists = []
            for s in specialists {
                try s.allowOnly(["id", "name", "domains", "keywords", "capacity", "load", "cost-per-task"])
                let id = try s.require(s.string("id"), "id")
                config.specialists.append(Specialist(
                    id: id, name: try s.string("name") ?? id,
                    domains: try s.require(s.strings("domains"), "domains"),
                    keywords: try s.strings("keywords") ?? [],
                    capacity: try s.require(s.int("capacity", atLeast: 1), "capacity"),
                    load: try s.int("load", atLeast: 0) ?? 0,
                    costPerTask: try s.require(s.dollars("cost-per-task"), "cost-per-task")))
            }
        }
        if let problem = config.problems.first {
            throw .usage("\(file): \(problem)", hint: "specialists' domains must name kinds listed under `kinds` (or the default kinds)")
        }
        return config
    }

    /// Prices and LLM budgets in `text`, defaults filling what it leaves out.
    public static func parseCost(_ text: String, file: String) throws(CortexError) -> (CostPrices, [Budget]) {
        let doc = try StrictYAMLMap.document(text, file: file)
        try doc.allowOnly(["version", "models", "cluster", "llm-budget"])
        try doc.checkVersion()
        var prices = CostPrices.defaults
        if let models = try doc.map("models", context: "models") {
            for (name, _) in models.keys {
                let m = try models.require(models.map(name, context: "model `\(name)`"), name)
                try m.allowOnly(["prompt", "completion"])
                prices.models.set(ModelPrice(model: name, promptPerMillion: try m.require(m.dollars("prompt"), "prompt"),
                                             completionPerMillion: try m.require(m.dollars("completion"), "completion")))
            }
        }
        if let c = try doc.map("cluster", context: "cluster") {
            try c.allowOnly(["vcpu-hour", "gib-hour"])
            prices.cluster = ClusterPrices(perVCPUHour: try c.dollars("vcpu-hour") ?? prices.cluster.perVCPUHour,
                                           perGiBHour: try c.dollars("gib-hour") ?? prices.cluster.perGiBHour)
        }
        var budgets: [Budget] = []
        if let b = try doc.map("llm-budget", context: "llm-budget") {
            try b.allowOnly(Period.allCases.map(\.rawValue))
            for period in Period.allCases {
                if let limit = try b.dollars(period.rawValue) { budgets.append(Budget(period: period, limit: limit, scope: .llm)) }
            }
        }
        return (prices, budgets)
    }
}
