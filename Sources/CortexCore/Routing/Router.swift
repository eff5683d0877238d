/// The kind of a task and the cues that decided it.
public struct TaskClassification: Equatable, Sendable {
    /// The kind with the most cue weight; `general` when no cue matched.
    public var kind: String
    /// Cue weight per kind that matched at all.
    public var scores: [String: Int]
    /// The cues found in the task, per kind.
    public var matches: [String: [String]]

    public static let generalKind = "general"
}

/// Deterministic task-kind classification: each kind's cues found in the task add their
/// weight (one per word of the cue); the heaviest kind wins, ties going to the kind listed
/// first.
public struct TaskKindClassifier: Sendable {
    let kinds: [(id: String, cues: [Phrase])]
    let index: PhraseIndex

    public init(_ kinds: [TaskKindDefinition]) {
        self.kinds = kinds.map { ($0.id, Phrase.distinct($0.cues)) }
        index = PhraseIndex(self.kinds.map(\.cues))
    }

    public func classify(_ task: String) -> TaskClassification { classify(TaskText(task)) }

    func classify(_ text: TaskText) -> TaskClassification {
        var scores: [String: Int] = [:]
        var matches: [String: [String]] = [:]
        var best: (id: String, score: Int)?
        for (k, found) in index.matches(in: text).enumerated() where !found.isEmpty {
            let (id, cues) = kinds[k]
            let score = found.reduce(0) { $0 + cues[$1].weight }
            scores[id] = score
            matches[id] = found.map { cues[$0].text }
            if best == nil || score > best!.score { best = (id, score) }
        }
        return TaskClassification(kind: best?.id ?? TaskClassification.generalKind, scores: scores, matches: matches)
    }
}

/// Groups of phrases indexed by their first stem, so that a task is matched by looking up
/// its own words rather than by trying every phrase.
struct PhraseIndex: Sendable {
    let groups: [[Phrase]]
    private let byFirstStem: [String: [(group: Int, phrase: Int)]]

    init(_ groups: [[Phrase]]) {
        self.groups = groups
        var index: [String: [(group: Int, phrase: Int)]] = [:]
        for (g, phrases) in groups.enumerated() {
            for (p, phrase) in phrases.enumerated() { index[phrase.stems[0], default: []].append((g, p)) }
        }
        byFirstStem = index
    }

    /// For each group, the positions of its phrases found in `text`, in list order.
    func matches(in text: TaskText) -> [[Int]] {
        var found = [[Int]](repeating: [], count: groups.count)
        for stem in text.stemSet {
            for (g, p) in byFirstStem[stem] ?? [] where text.contains(groups[g][p]) { found[g].append(p) }
        }
        return found.map { $0.sorted() }
    }
}

/// The four factors of a specialist's score, each within 0...1.
public struct RoutingFactors: Equatable, Sendable {
    /// Cue and keyword weight relative to the best-matching specialist.
    public var expertise: Double
    /// Free capacity: (capacity - load) / capacity.
    public var availability: Double
    /// Expected success rate on this kind of task from recorded outcomes.
    public var history: Double
    /// The cheapest specialist's cost per task divided by this one's.
    public var cost: Double
}

/// One specialist's place in a ranking, with everything that explains it.
public struct RankedSpecialist: Equatable, Sendable {
    public var specialist: Specialist
    public var factors: RoutingFactors
    /// The weighted mean of the factors.
    public var score: Double
    /// Raw expertise evidence: twice the cue weight of its domains plus its keywords found.
    public var evidence: Int
    /// The cues and keywords that matched, for the explanation.
    public var matched: [String]
    public var tally: OutcomeTally
    /// Load counted: configured plus open routes.
    public var load: Int
}

/// A ranking of every specialist for one task, best first, and how sure it is.
public struct RoutingDecision: Equatable, Sendable {
    public var task: String
    public var kind: String
    public var ranking: [RankedSpecialist]
    /// 0...1: how strongly the words point at the winner, how far ahead of the runner-up it
    /// is, and how the winner has done on this kind of task.
    public var confidence: Double

    public var chosen: RankedSpecialist { ranking[0] }
}

/// Scores every specialist for a task: expertise match, availability, success history for
/// the task's kind, and cost efficiency, combined by the configured weights.
///
/// A pure function of the configuration, the task, the outcome history and the open load;
/// ties are broken by the order of the registry.
public struct Router: Sendable {
    public let configuration: RoutingConfiguration
    let classifier: TaskKindClassifier
    let keywords: PhraseIndex

    /// How much a cue word of one of a specialist's domains counts against one keyword word:
    /// the kind of work decides more than the system it touches (a CVE in nginx is
    /// security's, though nginx is operations' keyword).
    static let cueFactor = 2

    /// Confidence parts: evidence strength, lead over the runner-up, recorded success rate.
    static let confidenceWeights = (evidence: 0.4, lead: 0.3, record: 0.3)

    public init(configuration: RoutingConfiguration) {
        self.configuration = configuration
        classifier = TaskKindClassifier(configuration.kinds)
        keywords = PhraseIndex(configuration.specialists.map { Phrase.distinct($0.keywords) })
    }

    /// Ranks the specialists for `task`. `openLoad` is added to each specialist's configured
    /// load (tasks routed to it that have no outcome yet).
    public func route(_ task: String, history: RoutingHistory = .empty, openLoad: [String: Int] = [:]) -> RoutingDecision {
        let text = TaskText(task)
        let classification = classifier.classify(text)
        let specialists = configuration.specialists
        let weights = configuration.weights

        var evidence: [Int] = []
        var matched: [[String]] = []
        let keywordHits = keywords.matches(in: text)
        for (i, s) in specialists.enumerated() {
            var e = 0
            var m: [String] = []
            for d in s.domains {
                e += Router.cueFactor * (classification.scores[d] ?? 0)
                m += classification.matches[d] ?? []
            }
            for k in keywordHits[i] {
                let phrase = keywords.groups[i][k]
                e += phrase.weight
                m.append(phrase.text)
            }
            evidence.append(e)
            matched.append(m)
        }
        let maxEvidence = evidence.max() ?? 0
        let cheapest = specialists.map(\.costPerTask.value).min() ?? 0

        var ranking: [RankedSpecialist] = []
        for (i, s) in specialists.enumerated() {
            let load = s.load + (openLoad[s.id] ?? 0)
            let tally = history.tally(specialist: s.id, kind: classification.kind)
            let factors = RoutingFactors(
                expertise: maxEvidence == 0 ? 0 : Double(evidence[i]) / Double(maxEvidence),
                availability: max(0, Double(s.capacity - load)) / Double(max(1, s.capacity)),
                history: tally.successRate,
                cost: s.costPerTask.value <= 0 ? 1 : Double(cheapest) / Double(s.costPerTask.value))
            let score = (weights.expertise * factors.expertise + weights.availability * factors.availability
                + weights.history * factors.history + weights.cost * factors.cost) / weights.total
            ranking.append(RankedSpecialist(specialist: s, factors: factors, score: score, evidence: evidence[i],
                                            matched: matched[i], tally: tally, load: load))
        }
        let order = ranking.indices.sorted { a, b in
            ranking[a].score != ranking[b].score ? ranking[a].score > ranking[b].score : a < b
        }
        ranking = order.map { ranking[$0] }
        return RoutingDecision(task: task, kind: classification.kind, ranking: ranking,
                               confidence: Router.confidence(ranking))
    }

    static func confidence(_ ranking: [RankedSpecialist]) -> Double {
        guard let top = ranking.first else { return 0 }
        let w = confidenceWeights
        // One keyword word: 0.5, one cue word: 0.67, two cue words: 0.8; nothing matched: 0.
        let strength = 1 - 1 / (1 + Double(top.evidence))
        let lead = ranking.count > 1 && top.score > 0 ? min(1, 2 * (top.score - ranking[1].score) / top.score) : 1
        let c = w.evidence * strength + w.lead * lead + w.record * top.tally.successRate
        return min(1, max(0, c))
    }
}
