public import FoundationEssentials

/// One call to an LLM endpoint, as the LLM client reports it and the usage ledger keeps it.
public struct LLMUsageRecord: Equatable, Sendable {
    public var at: Date
    /// The model name the endpoint reported.
    public var model: String
    public var promptTokens: Int64
    public var completionTokens: Int64
    public var latencyMilliseconds: Int64

    public init(at: Date, model: String, promptTokens: Int64, completionTokens: Int64, latencyMilliseconds: Int64) {
        self.at = at
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.latencyMilliseconds = latencyMilliseconds
    }
}

extension LLMUsageRecord: Codable {
    enum CodingKeys: String, CodingKey {
        case at, model
        case promptTokens = "prompt_tokens"
        case completionTokens = "completion_tokens"
        case latencyMilliseconds = "latency_ms"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        at = try c.decode(LedgerInstant.self, forKey: .at).date
        model = try c.decode(String.self, forKey: .model)
        promptTokens = try c.decode(Int64.self, forKey: .promptTokens)
        completionTokens = try c.decode(Int64.self, forKey: .completionTokens)
        latencyMilliseconds = try c.decode(Int64.self, forKey: .latencyMilliseconds)
        guard !model.isEmpty, promptTokens >= 0, completionTokens >= 0, latencyMilliseconds >= 0 else {
            throw InvalidLedgerRecord("empty model or negative count")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(LedgerInstant(at), forKey: .at)
        try c.encode(model, forKey: .model)
        try c.encode(promptTokens, forKey: .promptTokens)
        try c.encode(completionTokens, forKey: .completionTokens)
        try c.encode(latencyMilliseconds, forKey: .latencyMilliseconds)
    }
}

/// A ledger line that is well-formed JSON but breaks a rule of its record (a negative
/// count, an empty name).
public struct InvalidLedgerRecord: Error, Equatable, Sendable {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
}

/// An instant coded as `2025-03-01T12:00:00Z`, the form every ledger uses.
struct LedgerInstant: Codable {
    var date: Date
    init(_ date: Date) { self.date = date }

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let d = UTCInstant.parse(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath,
                                                    debugDescription: "not a UTC timestamp: \(text)"))
        }
        date = d
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(UTCInstant.format(date))
    }
}

/// What one model cost over a set of calls.
public struct ModelSpend: Equatable, Sendable {
    public var model: String
    public var calls: Int
    public var promptTokens: Int64
    public var completionTokens: Int64
    /// Nil when the price table has no price for the model.
    public var amount: MicroDollars?

    public init(model: String, calls: Int, promptTokens: Int64, completionTokens: Int64, amount: MicroDollars?) {
        self.model = model
        self.calls = calls
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
        self.amount = amount
    }
}

/// Token spend: usage records times the price table.
public struct TokenSpendCalculator: Sendable {
    public var prices: ModelPriceTable

    public init(prices: ModelPriceTable) { self.prices = prices }

    /// The cost of one call, rounded to the micro-dollar; nil when the model has no price.
    public func cost(of record: LLMUsageRecord) -> MicroDollars? {
        guard let price = prices.price(for: record.model) else { return nil }
        return MicroDollars(TokenSpendCalculator.picoToMicro(
            price.picoDollars(promptTokens: record.promptTokens, completionTokens: record.completionTokens)))
    }

    /// Spend per model, largest first (then by name). Token counts are summed before they
    /// are priced, so a model's amount is rounded once, not once per call.
    public func spendByModel(_ records: [LLMUsageRecord]) -> [ModelSpend] {
        var byModel: [String: (calls: Int, prompt: Int64, completion: Int64)] = [:]
        for r in records {
            var e = byModel[r.model] ?? (0, 0, 0)
            e.calls += 1
            e.prompt &+= r.promptTokens
            e.completion &+= r.completionTokens
            byModel[r.model] = e
        }
        return byModel.map { model, e in
            let amount = prices.price(for: model).map {
                MicroDollars(TokenSpendCalculator.picoToMicro($0.picoDollars(promptTokens: e.prompt, completionTokens: e.completion)))
            }
            return ModelSpend(model: model, calls: e.calls, promptTokens: e.prompt, completionTokens: e.completion, amount: amount)
        }.sorted { a, b in
            let x = a.amount ?? .zero, y = b.amount ?? .zero
            return x != y ? x > y : a.model < b.model
        }
    }

    /// Pico-dollars to micro-dollars, rounded half up.
    static func picoToMicro(_ pico: Int64) -> Int64 {
        (pico + 500_000).floorDivided(by: 1_000_000)
    }
}
