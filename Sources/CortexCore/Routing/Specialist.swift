/// Someone (a team, a person, an agent) who can take tasks of some kinds.
public struct Specialist: Equatable, Sendable {
    /// Short stable name used in ledgers and commands: `security`, `cicd`.
    public var id: String
    /// What the ranking shows: `Security`.
    public var name: String
    /// The kinds of task this specialist takes (ids from the task-kind catalog).
    public var domains: [String]
    /// Words and phrases that point at this specialist beyond its domains' cues (tools, systems).
    public var keywords: [String]
    /// How many tasks it can have in hand at once.
    public var capacity: Int
    /// How many it has in hand now, as configured.
    public var load: Int
    /// What one task costs.
    public var costPerTask: MicroDollars

    public init(id: String, name: String, domains: [String], keywords: [String] = [], capacity: Int, load: Int = 0,
                costPerTask: MicroDollars) {
        self.id = id
        self.name = name
        self.domains = domains
        self.keywords = keywords
        self.capacity = capacity
        self.load = load
        self.costPerTask = costPerTask
    }
}

/// How much each factor counts in a specialist's score. Only the ratios matter: the score
/// is the weighted mean of the four factors.
public struct RoutingWeights: Equatable, Sendable {
    public var expertise: Double
    public var availability: Double
    public var history: Double
    public var cost: Double

    public init(expertise: Double, availability: Double, history: Double, cost: Double) {
        self.expertise = expertise
        self.availability = availability
        self.history = history
        self.cost = cost
    }

    /// Expertise first (0.55), then success history (0.20), availability (0.15) and cost (0.10).
    public static let defaults = RoutingWeights(expertise: 0.55, availability: 0.15, history: 0.20, cost: 0.10)

    /// The sum the weighted factors are divided by.
    public var total: Double { expertise + availability + history + cost }
}

/// A kind of task and the words that suggest it. Success history is kept per specialist
/// and kind, so the kinds are what routing learns about.
public struct TaskKindDefinition: Equatable, Sendable {
    public var id: String
    public var cues: [String]

    public init(id: String, cues: [String]) {
        self.id = id
        self.cues = cues
    }
}

/// Everything routing is configured with: specialists, task kinds and weights.
public struct RoutingConfiguration: Equatable, Sendable {
    public var specialists: [Specialist]
    public var kinds: [TaskKindDefinition]
    public var weights: RoutingWeights

    public init(specialists: [Specialist], kinds: [TaskKindDefinition], weights: RoutingWeights = .defaults) {
        self.specialists = specialists
        self.kinds = kinds
        self.weights = weights
    }

    /// The shipped registry: development, security, CI/CD, inventory and documentation,
    /// and operations, with the default task kinds and weights.
    public static let defaults = RoutingConfiguration(
        specialists: DefaultRouting.specialists, kinds: DefaultRouting.kinds, weights: .defaults)

    /// Every way this configuration is unusable: duplicate or empty ids, a domain that is
    /// no kind, capacity below 1, negative load or cost, weights that are negative or all zero.
    public var problems: [String] {
        var found: [String] = []
        if specialists.isEmpty { found.append("no specialists are configured") }
        let kindIDs = Set(kinds.map(\.id))
        var seen = Set<String>()
        for s in specialists {
            if s.id.isEmpty { found.append("a specialist has an empty id") }
            if !seen.insert(s.id).inserted { found.append("specialist `\(s.id)` is defined twice") }
            if s.capacity < 1 { found.append("specialist `\(s.id)`: capacity must be at least 1") }
            if s.load < 0 { found.append("specialist `\(s.id)`: load must not be negative") }
            if s.costPerTask < .zero { found.append("specialist `\(s.id)`: cost-per-task must not be negative") }
            for d in s.domains where !kindIDs.contains(d) {
                found.append("specialist `\(s.id)`: domain `\(d)` is not a task kind (known: \(kinds.map(\.id).joined(separator: ", ")))")
            }
        }
        var seenKinds = Set<String>()
        for k in kinds where !seenKinds.insert(k.id).inserted { found.append("task kind `\(k.id)` is defined twice") }
        let w = weights
        if [w.expertise, w.availability, w.history, w.cost].contains(where: { !$0.isFinite || $0 < 0 }) {
            found.append("weights must be finite and not negative")
        } else if w.total <= 0 {
            found.append("at least one weight must be above zero")
        }
        return found
    }
}
