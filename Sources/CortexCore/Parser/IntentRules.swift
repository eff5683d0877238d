/// The operation a sentence asks for, before its slots are read.
enum Family: String, Equatable, Sendable {
    case deploy, scale, restart, rollback, delete, status, logs, cost, budget

    var kind: OperationKind {
        switch self {
        case .deploy: .deploy
        case .scale: .scale
        case .restart: .restart
        case .rollback: .rollback
        case .delete: .delete
        case .status: .status
        case .logs: .logs
        case .cost: .cost
        case .budget: .budget
        }
    }
}

/// How the operation was recognised; the less direct, the lower the confidence.
enum Recognition: Equatable, Sendable {
    /// A verb that names the operation: `restart`, `tear down`.
    case verb
    /// A verb re-read by what follows it: `push api to 3 replicas` is a scale.
    case reread
    /// Nouns and slots without a verb: `6 replicas of api`, `api logs`.
    case nouns
    /// Only a question about a workload or environment: `is api healthy`.
    case question
    /// A verb that only asks to see something: `show …`, `get …`.
    case show
}

/// What the rules decided about the operation.
struct Intent: Equatable, Sendable {
    var family: Family
    var recognition: Recognition
    /// The lexeme that named the operation, when a verb did.
    var verbIndex: Int?
    /// Scaling direction from the verb or its particle (`scale up`, `reduce`).
    var direction: Direction?
}

/// The facts about a sentence that choose between operations when a verb can mean several.
struct Evidence {
    var replicaCount = false
    /// `replicas`, `pods`, `instances` named, with or without a count.
    var replicaNoun = false
    /// A replica count in digits or words, not just `a`: enough to make a scale without a verb.
    var numericReplicaCount = false
    var countAfterPreposition = false
    var versionOrImage = false
    var money = false
    var period = false
    var budgetNoun = false
    var costNoun = false
    var logsNoun = false
    var lineCount = false
    var statusNoun = false
    var showVerb = false
    var setVerb = false
    var question = false
    var multiplier = false

    init(_ s: Sentence) {
        question = s.isQuestion
        var sawReplicaUnit = false, sawCount = false, sawNumber = false
        for k in s.range {
            switch s.lexemes[k].tag {
            case .unit(.replica):
                sawReplicaUnit = true
                replicaNoun = true
            case .number, .quantity:
                sawCount = true
                sawNumber = true
            case .indefinite:
                if case .unit(.replica)? = s.tag(k + 1) { sawCount = true }
                if s.tag(k + 1) == .more, case .unit(.replica)? = s.tag(k + 2) { sawCount = true }
            case .signed:
                replicaCount = true
                numericReplicaCount = true
            case .more, .fewer:
                if case .number? = s.tag(k - 1) {
                    replicaCount = true
                    numericReplicaCount = true
                }
            case .version, .image, .serviceTag: versionOrImage = true
            case .unit(.version), .unit(.image):
                if let next = s.tag(k + 1), next != .article { versionOrImage = true }
            case .decimal:
                if case .verb? = s.tag(k - 1) { versionOrImage = true }
                if case .word? = s.tag(k - 1) { versionOrImage = true }
            case .money, .moneyPer, .currency: money = true
            case .period: period = true
            case .noun(.budget): budgetNoun = true
            case .noun(.cost): costNoun = true
            case .noun(.logs): logsNoun = true
            case .noun(.status): statusNoun = true
            case .unit(.line), .lineFlag:
                lineCount = true
            case .verb(.show), .verb(.stream): showVerb = true
            case .verb(.set), .verb(.give), .verb(.want): setVerb = true
            case .question: question = true
            case .multiplier: multiplier = true
            case .noun(.everything):
                if case .unit(.replica)? = s.tag(k + 1) { replicaCount = true }
            case .prep(.to), .prep(.by):
                if case .number? = s.tag(k + 1) {
                    switch s.tag(k + 2) {
                    case .unit(.line)?, .unit(.revision)?, .currency?: break
                    default: countAfterPreposition = true
                    }
                }
            default: break
            }
        }
        if sawReplicaUnit && sawCount { replicaCount = true }
        if sawReplicaUnit && sawNumber { numericReplicaCount = true }
    }

    var budgetLike: Bool { money || budgetNoun }
}

/// Chooses the operation: the first verb that names one, re-read by what follows it when it
/// can mean several; without such a verb, the nouns and slots decide.
enum IntentRules {
    enum Outcome: Equatable {
        case intent(Intent)
        /// The sentence says nothing the operation format can hold.
        case nothing
        /// A verb that cannot be taken one way or another.
        case unclear(String)
    }

    static func decide(_ s: Sentence, _ e: Evidence) -> Outcome {
        var primary: Int?
        var nounUsed: Int?
        for k in s.range {
            guard case .verb(let v) = s.lexemes[k].tag, v.isStrong else { continue }
            if v == .ambiguous, Sentence.leadsInto(s.lexemes, k, s.end) { continue }
            if Sentence.isNounUse(s.lexemes, k) {
                if nounUsed == nil { nounUsed = k }
                continue
            }
            primary = k
            break
        }
        if primary == nil, let k = nounUsed, !e.showVerb { primary = k }
        if let k = primary, case .verb(let v) = s.lexemes[k].tag {
            return fromVerb(v, at: k, s, e)
        }
        return fromNouns(s, e)
    }

    private static func intent(_ f: Family, _ r: Recognition, _ k: Int?, _ d: Direction? = nil) -> Outcome {
        .intent(Intent(family: f, recognition: r, verbIndex: k, direction: d))
    }

    private static func fromVerb(_ v: Verb, at k: Int, _ s: Sentence, _ e: Evidence) -> Outcome {
        switch v {
        case .deploy:
            return intent(.deploy, .verb, k)
        case .update:
            if e.versionOrImage { return intent(.deploy, .verb, k) }
            if e.replicaCount { return intent(.scale, .reread, k) }
            if e.budgetLike { return intent(.budget, .reread, k) }
            return intent(.deploy, .verb, k)
        case .scale:
            if e.budgetLike && !e.replicaCount { return intent(.budget, .reread, k) }
            return intent(.scale, .verb, k, particleDirection(after: k, s))
        case .grow, .shrink:
            if e.budgetLike && !e.replicaCount { return intent(.budget, .reread, k) }
            if e.versionOrImage && !e.replicaCount { return intent(.deploy, .reread, k) }
            var d: Direction = v == .grow ? .up : .down
            if let p = particleDirection(after: k, s) { d = p }
            return intent(.scale, .verb, k, d)
        case .remove:
            // `remove the replicas of api` asks about replicas, never for a delete.
            if e.replicaCount || e.countAfterPreposition || e.replicaNoun { return intent(.scale, .verb, k, .down) }
            return intent(.delete, .verb, k)
        case .restart: return intent(.restart, .verb, k)
        case .rollback: return intent(.rollback, .verb, k)
        case .delete: return intent(.delete, .verb, k)
        case .status:
            if e.logsNoun || e.lineCount { return intent(.logs, .verb, k) }
            if e.budgetNoun { return intent(.budget, .verb, k) }
            if e.costNoun { return intent(.cost, .verb, k) }
            return intent(.status, .verb, k)
        case .tail: return intent(.logs, .verb, k)
        case .limit:
            if e.replicaCount { return intent(.scale, .reread, k) }
            if e.budgetLike || e.costNoun || e.period { return intent(.budget, .verb, k) }
            if e.countAfterPreposition { return intent(.scale, .reread, k) }
            return intent(.budget, .verb, k)
        case .ambiguous:
            return .unclear(s.lexemes[k].word)
        case .phrasal(let verb):
            let particle = particleWord(after: k, s)
            switch (verb, particle) {
            case ("roll", "back"?): return intent(.rollback, .verb, k)
            case ("roll", "out"?), ("spin", "up"?): return intent(.deploy, .verb, k)
            case ("tear", "down"?), ("take", "down"?): return intent(.delete, .verb, k)
            case ("take", "away"?), ("take", "off"?):
                return e.replicaCount || e.countAfterPreposition ? intent(.scale, .verb, k, .down) : intent(.delete, .verb, k)
            default:
                return .unclear(s.lexemes[k].word + (particle.map { " " + $0 } ?? ""))
            }
        case .set, .give, .show, .stream, .want, .lead:
            return fromNouns(s, e)
        }
    }

    private static func fromNouns(_ s: Sentence, _ e: Evidence) -> Outcome {
        if e.logsNoun || e.lineCount { return intent(.logs, .nouns, nil) }
        if e.budgetLike { return intent(.budget, .nouns, nil) }
        if e.costNoun { return intent(.cost, .nouns, nil) }
        if e.numericReplicaCount || e.multiplier || (e.replicaCount && e.setVerb) {
            return intent(.scale, .nouns, nil, moreFewerDirection(s))
        }
        if e.setVerb && e.versionOrImage { return intent(.deploy, .reread, nil) }
        if e.setVerb && e.countAfterPreposition { return intent(.scale, .reread, nil) }
        if e.statusNoun { return intent(.status, .verb, nil) }
        if e.showVerb { return intent(.status, .show, nil) }
        if e.question { return intent(.status, .question, nil) }
        return .nothing
    }

    /// The particle completing the verb at `k` within its clause: `roll api back`.
    private static func particleWord(after k: Int, _ s: Sentence) -> String? {
        var j = k + 1
        while j < s.end, s.clause[j] == s.clause[k] {
            if case .particle(let p) = s.lexemes[j].tag { return p }
            j += 1
        }
        return nil
    }

    private static func particleDirection(after k: Int, _ s: Sentence) -> Direction? {
        switch particleWord(after: k, s) {
        case "up"?, "out"?: .up
        case "down"?, "back"?: .down
        default: nil
        }
    }

    private static func moreFewerDirection(_ s: Sentence) -> Direction? {
        for k in s.range {
            if s.lexemes[k].tag == .more { return .up }
            if s.lexemes[k].tag == .fewer { return .down }
            if s.lexemes[k].tag == .quantity(1), s.lexemes[k].word == "another" { return .up }
        }
        return nil
    }
}
