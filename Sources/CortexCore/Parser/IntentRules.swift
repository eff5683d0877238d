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
        // `bring notifications back to revision 5`, `pop checkout back a version`.
        if let k = s.range.first(where: { k in
            guard case .verb(let v) = s.lexemes[k].tag else { return false }
            return [.set, .update, .show, .give, .phrasal("take"), .phrasal("roll")].contains(v) && sendsBackAVersion(k, s)
        }) {
            return intent(.rollback, .verb, k)
        }
        if let special = WorkloadIntents.decide(s, e, primary: primary) { return special }
        var nounUse = false
        // (`logs from the last deploy of orders`: the read named outranks the change named.)
        if primary == nil, let k = nounUsed, !e.showVerb, !e.logsNoun, !e.eventsNoun {
            primary = k
            nounUse = true
        }
        if let k = primary, case .verb(let v) = s.lexemes[k].tag {
            let outcome = fromVerb(v, at: k, s, e)
            if nounUse, case .intent(var found) = outcome {
                found.fromNounUse = true
                return .intent(found)
            }
            return outcome
        }
        return fromNouns(s, e)
    }

    static func intent(_ f: Family, _ r: Recognition, _ k: Int?, _ d: Direction? = nil) -> Outcome {
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
            // `spin down itinerary-builder in dev to zero`: with a count, a scale down.
            if ["spin down", "wind down", "bring down"].contains(s.lexemes[k].raw.lowercased()), e.replicaCount || e.countAfterPreposition {
                return intent(.scale, .reread, k, .down)
            }
            return .unclear(s.lexemes[k].word)
        case .phrasal(let verb):
            let particle = particleWord(after: k, s)
            switch (verb, particle) {
            case ("roll", "back"?): return intent(.rollback, .verb, k)
            case ("roll", "out"?), ("spin", "up"?): return intent(.deploy, .verb, k)
            // `roll deploy/checkout to sha-3f9c2ab`: rolling a workload to a version rolls it out.
            case ("roll", nil) where e.versionOrImage: return intent(.deploy, .verb, k)
            // `take shipping down by 2 replicas`, `take ledger down to two pods`: with a count, a scale.
            case ("take", "down"?) where e.replicaCount || e.countAfterPreposition: return intent(.scale, .verb, k, .down)
            case ("tear", "down"?), ("take", "down"?): return intent(.delete, .verb, k)
            case ("take", "away"?), ("take", "off"?):
                return e.replicaCount || e.countAfterPreposition ? intent(.scale, .verb, k, .down) : intent(.delete, .verb, k)
            default:
                // `take ledger down to two pods`: a count says it is a scale.
                if e.replicaCount || e.countAfterPreposition { return intent(.scale, .reread, k) }
                return .unclear(s.lexemes[k].word + (particle.map { " " + $0 } ?? ""))
            }
        case .set, .give, .show, .stream, .want, .lead, .allocate:
            return fromNouns(s, e)
        case .diagnose: return intent(.diagnose, .verb, k)
        case .pause: return intent(.pause, .verb, k)
        case .resume: return intent(.resume, .verb, k)
        case .autoscale: return intent(.autoscale, .verb, k)
        case .unset: return intent(.setEnv, .verb, k)
        }
    }

    private static func fromNouns(_ s: Sentence, _ e: Evidence) -> Outcome {
        // `get checkout v2.5.1 out to staging`, `get geo-router 1.0.0-rc2 on staging`: getting a
        // workload out, or at a version, is deploying it.
        if let k = s.range.first(where: { s.lexemes[$0].tag == .verb(.show) && s.lexemes[$0].word == "get" }),
           particleWord(after: k, s) == "out" || s.range.contains(where: { $0 > 0 && s.lexemes[$0].word == "live" && s.lexemes[$0 - 1].tag != .prep(.inside) })
            || (k + 1 < s.end && !["me", "us"].contains(s.lexemes[k + 1].word) && s.range.contains { j in
                switch s.lexemes[j].tag {
                case .version, .image, .serviceTag: return true
                default: return false
                }
            }),
           !e.logsNoun, !e.lineCount
        {
            return intent(.deploy, .reread, k)
        }
        if e.logsNoun || e.lineCount { return intent(.logs, .nouns, nil) }
        if e.eventsNoun || e.whatHappened { return intent(.events, .nouns, nil) }
        if e.budgetLike { return intent(.budget, .nouns, nil) }
        if e.costNoun { return intent(.cost, .nouns, nil) }
        if e.numericReplicaCount || e.multiplier || (e.replicaCount && e.setVerb) {
            return intent(.scale, .nouns, nil, moreFewerDirection(s))
        }
        if e.setVerb && e.versionOrImage { return intent(.deploy, .reread, nil) }
        // `checkout@v2.3.1 -> stg`: a tagged workload pointed at an environment.
        if let first = s.range.first, case .serviceTag = s.lexemes[first].tag, !e.question,
           s.range.contains(where: { k in
               guard s.lexemes[k].tag == .prep(.to), k + 1 < s.end, case .env = s.lexemes[k + 1].tag else { return false }
               return true
           })
        {
            return intent(.deploy, .nouns, nil)
        }
        // `api -> v2.4.0 stg`: a workload pointed at a version.
        if let first = s.range.first, s.lexemes[first].tag == .word, first + 2 < s.end, s.lexemes[first + 1].tag == .prep(.to),
           ["->", "=>", "→"].contains(s.lexemes[first + 1].raw), s.lexemes[first + 2].tag == .version, !e.question
        {
            return intent(.deploy, .nouns, nil)
        }
        if e.setVerb && e.countAfterPreposition { return intent(.scale, .reread, nil) }
        // `leaderboard back to revision 8 on live`: a workload sent back, without a verb in its clause.
        if !e.question, let back = s.range.first(where: { k in
            s.lexemes[k].tag == .particle("back") && k + 2 < s.end && s.lexemes[k + 1].tag == .prep(.to) && s.lexemes[k + 2].tag == .unit(.revision)
        }), !s.range.contains(where: { j in
            if case .verb = s.lexemes[j].tag { s.clause[j] == s.clause[back] } else { false }
        }) {
            return intent(.rollback, .nouns, nil)
        }
        // `s3-mirror down to 0 in dev`, `prd search-ranker -> 20`: a workload taken to a count,
        // without a verb.
        if !e.question, !s.lexemes.contains(where: { if case .verb = $0.tag { true } else { false } }),
           let to = s.range.first(where: { k in
               guard s.lexemes[k].tag == .prep(.to), k + 1 < s.end, case .number = s.lexemes[k + 1].tag else { return false }
               // (`down to` is one lexeme; a `down` read apart from it is a particle before `to`.)
               return ["->", "=>", "→"].contains(s.lexemes[k].raw) || s.lexemes[k].word == "down"
                   || (k > s.range.lowerBound && s.lexemes[k - 1].tag == .particle("down"))
           }),
           s.range.filter({ if case .number = s.lexemes[$0].tag { true } else { false } }).count == 1,
           // One unexplained word before it, the workload (`payments went down to 2` is a report).
           (s.range.lowerBound..<to).filter({ s.lexemes[$0].tag == .word }).count == 1,
           to + 2 == s.end || !s.range.dropFirst(to + 2 - s.range.lowerBound).contains(where: { if case .word = s.lexemes[$0].tag { true } else { false } })
        {
            return intent(.scale, .nouns, nil)
        }
        if e.statusNoun { return intent(.status, .verb, nil) }
        if e.showVerb { return intent(.status, .show, nil) }
        if e.question { return intent(.status, .question, nil) }
        return .nothing
    }

    /// Whether the verb at `k` sends its workload back to an earlier version: `back to
    /// revision 5`, `back to the previous version`, `back a version` (not `back to 2 replicas`).
    private static func sendsBackAVersion(_ k: Int, _ s: Sentence) -> Bool {
        guard let back = ((k + 1)..<s.end).first(where: { s.lexemes[$0].tag == .particle("back") }),
              s.clause[back] == s.clause[k]
        else { return false }
        if s.lexemes[back].raw.contains(" ") { return true }
        var n = back + 1
        if n < s.end, s.lexemes[n].tag == .prep(.to) { n += 1 }
        while n < s.end, s.lexemes[n].tag == .article { n += 1 }
        guard n < s.end else { return false }
        if s.lexemes[n].tag == .unit(.revision) { return true }
        // (`back to the version it had before`, `back to the version from before`.)
        if s.lexemes[n].tag == .unit(.version),
           s.lexemes[(n + 1)..<min(s.end, n + 5)].contains(where: { ["before", "previously", "earlier", "yesterday"].contains($0.word) })
        {
            return true
        }
        let next = n + 1 < s.end ? s.lexemes[n + 1].tag : nil
        let versionWord = next == .unit(.version) || next == .unit(.revision) || ["release", "one"].contains(n + 1 < s.end ? s.lexemes[n + 1].word : "")
        if ["previous", "last", "prior", "old", "older", "earlier", "former", "stable"].contains(s.lexemes[n].word), versionWord { return true }
        return (s.lexemes[n].tag == .indefinite || s.lexemes[n].word == "one") && versionWord
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
