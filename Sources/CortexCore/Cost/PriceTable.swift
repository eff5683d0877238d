/// What one model charges, in micro-dollars per million tokens (which is also dollars per
/// million tokens times 1,000,000: `$2.50 / 1M` is `2_500_000`).
public struct ModelPrice: Equatable, Sendable {
    public var model: String
    public var promptPerMillion: MicroDollars
    public var completionPerMillion: MicroDollars

    public init(model: String, promptPerMillion: MicroDollars, completionPerMillion: MicroDollars) {
        self.model = model
        self.promptPerMillion = promptPerMillion
        self.completionPerMillion = completionPerMillion
    }

    /// The price of one call in pico-dollars (10^-12 USD), exact: tokens × µ$ per 1M tokens.
    func picoDollars(promptTokens: Int64, completionTokens: Int64) -> Int64 {
        promptTokens &* promptPerMillion.value &+ completionTokens &* completionPerMillion.value
    }
}

/// Token prices per model. A model's name is matched exactly, else by the longest entry it
/// starts with, so dated releases (`gpt-4o-2024-08-06`, `claude-3-5-haiku-20241022`) find
/// their family's price. Models with no price are reported as unpriced, never as free.
public struct ModelPriceTable: Equatable, Sendable {
    public private(set) var prices: [ModelPrice]

    public init(_ prices: [ModelPrice]) {
        self.prices = []
        for p in prices { set(p) }
    }

    /// Adds a price or replaces the one for the same model.
    public mutating func set(_ price: ModelPrice) {
        if let i = prices.firstIndex(where: { $0.model == price.model }) { prices[i] = price } else { prices.append(price) }
    }

    /// The price for a model name as the endpoint reported it, case-insensitive.
    public func price(for model: String) -> ModelPrice? {
        let name = model.lowercased()
        if let exact = prices.first(where: { $0.model.lowercased() == name }) { return exact }
        return prices
            .filter { name.hasPrefix($0.model.lowercased() + "-") || name.hasPrefix($0.model.lowercased() + ":") }
            .max { $0.model.count < $1.model.count }
    }

    /// List prices (USD per 1M tokens, prompt / completion) of common hosted models, as
    /// published by their vendors in 2025. Override or extend them in `cost.yaml`.
    ///
    /// | model | prompt | completion |
    /// | --- | --- | --- |
    /// | gpt-4o | 2.50 | 10.00 |
    /// | gpt-4o-mini | 0.15 | 0.60 |
    /// | gpt-4.1 | 2.00 | 8.00 |
    /// | gpt-4.1-mini | 0.40 | 1.60 |
    /// | gpt-4.1-nano | 0.10 | 0.40 |
    /// | o3-mini, o4-mini | 1.10 | 4.40 |
    /// | claude-opus-4 | 15.00 | 75.00 |
    /// | claude-sonnet-4, claude-3-7-sonnet, claude-3-5-sonnet | 3.00 | 15.00 |
    /// | claude-3-5-haiku | 0.80 | 4.00 |
    /// | claude-3-haiku | 0.25 | 1.25 |
    public static let defaults = ModelPriceTable([
        entry("gpt-4o", "2.50", "10.00"),
        entry("gpt-4o-mini", "0.15", "0.60"),
        entry("gpt-4.1", "2.00", "8.00"),
        entry("gpt-4.1-mini", "0.40", "1.60"),
        entry("gpt-4.1-nano", "0.10", "0.40"),
        entry("o3-mini", "1.10", "4.40"),
        entry("o4-mini", "1.10", "4.40"),
        entry("claude-opus-4", "15.00", "75.00"),
        entry("claude-sonnet-4", "3.00", "15.00"),
        entry("claude-3-7-sonnet", "3.00", "15.00"),
        entry("claude-3-5-sonnet", "3.00", "15.00"),
        entry("claude-3-5-haiku", "0.80", "4.00"),
        entry("claude-3-haiku", "0.25", "1.25"),
    ])

    private static func entry(_ model: String, _ prompt: String, _ completion: String) -> ModelPrice {
        ModelPrice(model: model, promptPerMillion: MicroDollars(decimal: prompt)!,
                   completionPerMillion: MicroDollars(decimal: completion)!)
    }
}

/// What the cluster charges for the resources a workload requests.
public struct ClusterPrices: Equatable, Sendable {
    /// Price of one vCPU (1000 millicores) requested for one hour.
    public var perVCPUHour: MicroDollars
    /// Price of one GiB (2^30 bytes) of memory requested for one hour.
    public var perGiBHour: MicroDollars

    public init(perVCPUHour: MicroDollars, perGiBHour: MicroDollars) {
        self.perVCPUHour = perVCPUHour
        self.perGiBHour = perGiBHour
    }

    /// $0.04 per vCPU-hour and $0.005 per GiB-hour: round figures near the on-demand
    /// prices of general-purpose nodes at the large cloud providers. Set the team's own in
    /// `cost.yaml`.
    public static let defaults = ClusterPrices(perVCPUHour: MicroDollars(40_000), perGiBHour: MicroDollars(5_000))
}
