public import FoundationEssentials

/// How a routed task turned out.
public enum RoutingResult: String, Codable, Sendable, CaseIterable {
    case success, failure
}

/// One line of the routing ledger: a task handed to a specialist, or the outcome of one.
public enum RoutingRecord: Equatable, Sendable {
    case routed(RouteEntry)
    case outcome(OutcomeEntry)
}

/// A routing decision as recorded: which specialist got which task, of which kind.
public struct RouteEntry: Equatable, Sendable {
    public var id: String
    public var at: Date
    public var task: String
    public var kind: String
    public var specialist: String
    public var confidence: Double

    public init(id: String, at: Date, task: String, kind: String, specialist: String, confidence: Double) {
        self.id = id
        self.at = at
        self.task = task
        self.kind = kind
        self.specialist = specialist
        self.confidence = confidence
    }
}

/// The outcome of a routed task, recorded later by id.
public struct OutcomeEntry: Equatable, Sendable {
    public var id: String
    public var at: Date
    public var result: RoutingResult

    public init(id: String, at: Date, result: RoutingResult) {
        self.id = id
        self.at = at
        self.result = result
    }
}

extension RoutingRecord: Codable {
    enum CodingKeys: String, CodingKey { case type, id, at, task, kind, specialist, confidence, result }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let type = try c.decode(String.self, forKey: .type)
        let id = try c.decode(String.self, forKey: .id)
        let at = try c.decode(LedgerInstant.self, forKey: .at).date
        switch type {
        case "route":
            let confidence = try c.decode(Double.self, forKey: .confidence)
            guard confidence >= 0, confidence <= 1 else {
                throw DecodingError.dataCorruptedError(forKey: .confidence, in: c, debugDescription: "not within 0...1")
            }
            self = .routed(RouteEntry(id: id, at: at, task: try c.decode(String.self, forKey: .task),
                                      kind: try c.decode(String.self, forKey: .kind),
                                      specialist: try c.decode(String.self, forKey: .specialist), confidence: confidence))
        case "outcome":
            self = .outcome(OutcomeEntry(id: id, at: at, result: try c.decode(RoutingResult.self, forKey: .result)))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "unknown record type `\(type)`")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .routed(let r):
            try c.encode("route", forKey: .type)
            try c.encode(r.id, forKey: .id)
            try c.encode(LedgerInstant(r.at), forKey: .at)
            try c.encode(r.task, forKey: .task)
            try c.encode(r.kind, forKey: .kind)
            try c.encode(r.specialist, forKey: .specialist)
            try c.encode((r.confidence * 1000).rounded() / 1000, forKey: .confidence)
        case .outcome(let o):
            try c.encode("outcome", forKey: .type)
            try c.encode(o.id, forKey: .id)
            try c.encode(LedgerInstant(o.at), forKey: .at)
            try c.encode(o.result, forKey: .result)
        }
    }
}

/// Successes and failures of one specialist on one kind of task.
public struct OutcomeTally: Equatable, Sendable {
    public var successes: Int
    public var failures: Int

    public init(successes: Int = 0, failures: Int = 0) {
        self.successes = successes
        self.failures = failures
    }

    public var count: Int { successes + failures }

    /// The expected success rate with a uniform prior, (successes + 1) / (count + 2):
    /// 0.5 with no outcomes, rising with each success and falling with each failure.
    public var successRate: Double { Double(successes + 1) / Double(count + 2) }
}

/// What routing has learned: a pure function of the ledger's records, so the same history
/// always gives the same answer. An outcome counts for the specialist and task kind of the
/// route it names; when a route has several outcomes, the latest line wins (a correction).
/// Outcomes naming no recorded route are ignored.
public struct RoutingHistory: Equatable, Sendable {
    public private(set) var routes: [String: RouteEntry] = [:]
    public private(set) var outcomes: [String: RoutingResult] = [:]
    public private(set) var tallies: [TallyKey: OutcomeTally] = [:]

    /// A specialist and a task kind.
    public struct TallyKey: Hashable, Sendable {
        public var specialist: String
        public var kind: String
        public init(specialist: String, kind: String) {
            self.specialist = specialist
            self.kind = kind
        }
    }

    public static let empty = RoutingHistory(records: [])

    public init(records: [RoutingRecord]) {
        var order: [String] = []
        for record in records {
            switch record {
            case .routed(let r):
                if routes[r.id] == nil { order.append(r.id) }
                routes[r.id] = r
            case .outcome(let o):
                outcomes[o.id] = o.result
            }
        }
        for id in order {
            guard let route = routes[id], let result = outcomes[id] else { continue }
            let key = TallyKey(specialist: route.specialist, kind: route.kind)
            var t = tallies[key] ?? OutcomeTally()
            if result == .success { t.successes += 1 } else { t.failures += 1 }
            tallies[key] = t
        }
    }

    public func tally(specialist: String, kind: String) -> OutcomeTally {
        tallies[TallyKey(specialist: specialist, kind: kind)] ?? OutcomeTally()
    }

    /// Routes handed to each specialist since `since` that have no outcome yet: work still
    /// in hand, which counts as load.
    public func openRoutes(since: Date) -> [String: Int] {
        var open: [String: Int] = [:]
        for (id, r) in routes where outcomes[id] == nil && r.at >= since { open[r.specialist, default: 0] += 1 }
        return open
    }
}
