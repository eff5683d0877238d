public import FoundationEssentials

/// Spend within one period up to a moment, by workload (cluster) and by model (LLM tokens).
public struct SpendSummary: Equatable, Sendable {
    public var window: PeriodWindow
    /// The moment the summary runs to.
    public var asOf: Date
    public var service: String?
    public var environment: String?
    public var workloads: [WorkloadSpend]
    /// Empty when the summary is narrowed to a service or environment: token spend belongs
    /// to the shell, not to a workload.
    public var models: [ModelSpend]

    public init(window: PeriodWindow, asOf: Date, service: String? = nil, environment: String? = nil,
                workloads: [WorkloadSpend], models: [ModelSpend]) {
        self.window = window
        self.asOf = asOf
        self.service = service
        self.environment = environment
        self.workloads = workloads
        self.models = models
    }

    /// Whether token spend is part of the summary (it is unless narrowed to a workload).
    public var includesTokens: Bool { service == nil && environment == nil }
    public var clusterTotal: MicroDollars { workloads.map(\.amount).sum() }
    public var tokenTotal: MicroDollars { models.compactMap(\.amount).sum() }
    public var total: MicroDollars { clusterTotal + tokenTotal }
    /// Models the price table does not know; their tokens are counted, not priced.
    public var unpricedModels: [String] { models.filter { $0.amount == nil }.map(\.model) }
}

/// Puts the price tables and the ledgers' records together into spend summaries.
public struct SpendCalculator: Sendable {
    public var cluster: ClusterCostModel
    public var tokens: TokenSpendCalculator

    public init(cluster: ClusterCostModel, tokens: TokenSpendCalculator) {
        self.cluster = cluster
        self.tokens = tokens
    }

    public init(prices: CostPrices) {
        self.init(cluster: ClusterCostModel(prices: prices.cluster), tokens: TokenSpendCalculator(prices: prices.models))
    }

    /// Spend in the period containing `now`, from its start to `now`, optionally narrowed
    /// to one service and/or environment.
    public func summary(_ period: Period, now: Date, usage: [LLMUsageRecord], footprints: [WorkloadFootprint],
                        service: String? = nil, environment: String? = nil) -> SpendSummary {
        let window = PeriodWindow(period, containing: now)
        let relevant = footprints.filter {
            (service == nil || $0.service == service) && (environment == nil || $0.environment == environment)
        }
        let workloads = cluster.spend(relevant, from: window.start, to: now)
        let models = service == nil && environment == nil
            ? tokens.spendByModel(usage.filter { $0.at >= window.start && $0.at <= now })
            : []
        return SpendSummary(window: window, asOf: now, service: service, environment: environment,
                            workloads: workloads, models: models)
    }
}

/// Every price cortex uses: tokens per model and cluster resources.
public struct CostPrices: Equatable, Sendable {
    public var models: ModelPriceTable
    public var cluster: ClusterPrices

    public init(models: ModelPriceTable = .defaults, cluster: ClusterPrices = .defaults) {
        self.models = models
        self.cluster = cluster
    }

    public static let defaults = CostPrices()
}
