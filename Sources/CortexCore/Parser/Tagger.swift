/// Turns tokens into lexemes: shaped tokens first, then the longest lexicon phrase or number
/// in words, then environment names; a second pass tolerates typos in environment names
/// where an environment is expected, and in the verb when no verb was found.
struct Tagger {
    let environments: EnvironmentCatalog
    /// The sentence is known to be a statement (no question mark): a change said to have
    /// ended is then told, not asked about (`relay deploy finished?` asks for its status).
    var statement = false

    func tag(_ tokens: [Token]) -> [Lexeme] {
        let tokens = Self.untilAsTo(tokens)
        let words = tokens.map(\.word)
        var out: [Lexeme] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            func lexeme(_ tag: Tag, _ length: Int) -> Lexeme {
                let raw = length == 1 ? t.raw : tokens[i..<(i + length)].map(\.raw).joined(separator: " ")
                return Lexeme(
                    tag: tag, first: i, end: i + length, word: t.word, raw: raw,
                    breakBefore: t.breakBefore, colonAfter: tokens[i + length - 1].colonAfter,
                    possessive: tokens[i + length - 1].possessive)
            }
            // `replicas=0`: a count written as an assignment is a count, not a variable.
            if case .assignment(let name, let value)? = TokenShapes.classify(t.word, raw: t.raw),
               case .unit(.replica)? = phrase([name.lowercased()], [t], 0)?.tag, let n = NumberWords.digits(value)
            {
                out.append(lexeme(.unit(.replica), 1))
                out.append(lexeme(.number(n), 1))
                i += 1
                continue
            }
            // `cpu=500m memory=1Gi`: a resource written as an assignment is the resource.
            if case .assignment(let name, let value)? = TokenShapes.classify(t.word, raw: t.raw),
               let noun = phrase([name.lowercased()], [t], 0)?.tag, noun == .noun(.cpu) || noun == .noun(.memory),
               let quantity = TokenShapes.classify(value.lowercased(), raw: value)
            {
                out.append(lexeme(noun, 1))
                var amount = lexeme(quantity, 1)
                amount.word = value.lowercased()
                amount.raw = value
                out.append(amount)
                i += 1
                continue
            }
            if let shaped = TokenShapes.classify(t.word, raw: t.raw) {
                // `1.2 thousand dollars`, `2.5 grand`: thousands, as money is said.
                if case .decimal(let d) = shaped, i + 1 < tokens.count, ["thousand", "grand", "k"].contains(words[i + 1]) {
                    let thousands = (d * 1000).rounded()
                    var amount = lexeme(.money(thousands), 2)
                    amount.raw = String(Int(thousands))
                    out.append(amount)
                    i += 2
                    continue
                }
                // `deploy orders@2.4.0 x4`: a count after `x` is a count of replicas.
                if case .number = shaped, t.word.hasPrefix("x") {
                    out.append(lexeme(shaped, 1))
                    out.append(lexeme(.unit(.replica), 1))
                    i += 1
                    continue
                }
                // `ALERT HighCPU service=thumbnailer env=prod -- …`: lowercase labels pasted from
                // an alert set nothing unless the line speaks of setting variables.
                if case .assignment(let name, _) = shaped, !name.contains(where: \.isUppercase),
                   !tokens.contains(where: { Tagger.settingWords.contains($0.word) })
                {
                    out.append(lexeme(.filler, 1))
                    i += 1
                    continue
                }
                out.append(lexeme(shaped, 1))
                i += 1
                continue
            }
            if Tagger.isVariableName(tokens, i) {
                out.append(lexeme(.envName(t.raw), 1))
                i += 1
                continue
            }
            // `since 2h`, `since yesterday`: a look-back, not the start of a comment.
            // (`since two hours`, as some write it, looks back two hours.)
            if t.word == "since", i + 1 < tokens.count,
               tokens[i + 1].word.first?.isNumber == true || ["yesterday", "last", "the", "an", "a", "this"].contains(tokens[i + 1].word)
                || (NumberWords.read(words, from: i + 1).map { i + 1 + $0.length < words.count && SlotReader.timeUnits[words[i + 1 + $0.length]] != nil } ?? false)
            {
                out.append(lexeme(.prep(.from), 1))
                i += 1
                continue
            }
            if let range = rangeReach(words, tokens, i) {
                out.append(lexeme(.range(range.low, range.high), range.length))
                i += range.length
                continue
            }
            // "no replicas" is zero; "no" elsewhere is a refusal.
            if t.word == "no", i + 1 < tokens.count, case .unit(.replica)? = phrase(words, tokens, i + 1)?.tag {
                out.append(lexeme(.number(0), 1))
                i += 1
                continue
            }
            // `half a grand`: five hundred dollars.
            if t.word == "half", i + 2 < tokens.count, ["a", "of"].contains(words[i + 1]), words[i + 2] == "grand" {
                var amount = lexeme(.money(500), 3)
                amount.raw = "500"
                out.append(amount)
                i += 3
                continue
            }
            // `a quarter of traffic`, `half of the users`: a share of traffic.
            if let share = Tagger.trafficShare(words, i) {
                out.append(lexeme(.percent(share.percent), share.length))
                i += share.length
                continue
            }
            // `half core of CPU`, `half cpu`: 500 millicores (`half a core` is read by the slots).
            if words[i] == "half", i + 1 < words.count, ["core", "cpu", "vcpu"].contains(words[i + 1]) {
                out.append(lexeme(.measure(500, unit: "m"), 1))
                i += 1
                continue
            }
            // `three quarters of a core`: 750 millicores.
            if words[i...].starts(with: ["three", "quarters", "of", "a"]), i + 4 < words.count, ["core", "cpu", "vcpu"].contains(words[i + 4]) {
                out.append(lexeme(.measure(750, unit: "m"), 4))
                var core = lexeme(.noun(.cpu), 1)
                core.first = i + 4
                core.end = i + 5
                core.word = words[i + 4]
                core.raw = tokens[i + 4].raw
                out.append(core)
                i += 5
                continue
            }
            let phrase = phrase(words, tokens, i)
            let number = numberReach(words, tokens, i)
            if let number, number.length >= (phrase?.length ?? 0) {
                // `one and a half`, `two and a half gigs`: a number with a half is no whole count.
                let n = i + number.length
                if n + 2 < words.count, words[n] == "and", ["a", "one"].contains(words[n + 1]), words[n + 2] == "half" {
                    var half = lexeme(.decimal(Double(number.value) + 0.5), number.length + 3)
                    half.raw = "\(number.value).5"
                    out.append(half)
                    i += number.length + 3
                    continue
                }
                // `ten grand`, `10 grand`: thousands, as money is said.
                if n < words.count, words[n] == "grand" {
                    var thousands = lexeme(.number(number.value * 1000), number.length + 1)
                    thousands.raw = "\(number.value * 1000)"
                    out.append(thousands)
                    i += number.length + 1
                    continue
                }
                out.append(lexeme(.number(number.value), number.length))
                i += number.length
                continue
            }
            if let name = environments.canonical(t.word) ?? Self.standardSpelledAbroad(t.word, environments), (phrase?.length ?? 0) <= 1 {
                out.append(lexeme(.env(name), 1))
                i += 1
                continue
            }
            if let phrase {
                out.append(lexeme(phrase.tag, phrase.length))
                i += phrase.length
                continue
            }
            // "would you mind restarting api": an inflected verb where a clause starts.
            if startsClause(out, t), let verb = inflectedVerb(words, tokens, i) {
                out.append(lexeme(verb.tag, verb.length))
                i += verb.length
                continue
            }
            out.append(lexeme(.word, 1))
            i += 1
        }
        resolveParticiples(&out, words, tokens)
        resolveFuzzyEnvironments(&out)
        resolveFuzzyVerb(&out)
        resolveVerbsAsNames(&out)
        resolveFuzzyLogs(&out)
        resolveQuotedLogs(&out)
        resolveReferences(&out)
        resolveDescriptions(&out)
        resolveChangesAsTimes(&out)
        resolveTicketNumbers(&out)
        resolveUnknownVerbs(&out)
        resolveCommentary(&out)
        resolveReplicaSets(&out)
        return out
    }

    /// `point it at the new one: DB_REF=…`: a word the lexicon does not know, opening a clause
    /// with `it` or `them` as its object, is a verb, never the workload's name.
    private func resolveUnknownVerbs(_ lexemes: inout [Lexeme]) {
        for k in lexemes.indices.dropLast() where lexemes[k].tag == .word && (k == 0 || lexemes[k].breakBefore) {
            if ["it", "them"].contains(lexemes[k + 1].word), !lexemes[k + 1].breakBefore { lexemes[k].tag = .filler }
        }
        // `please help expand it to 5 replicas`, `help me check the log of geo-fence`: `help`
        // before the verb it helps is politeness.
        for k in lexemes.indices.dropLast() where lexemes[k].word == "help" && lexemes[k].tag == .word {
            var j = k + 1
            // (`Help em scale order-sync`: `em`, the speaker in Vietnamese.)
            while j < lexemes.count, ["me", "us", "to", "em"].contains(lexemes[j].word), !lexemes[j].breakBefore { j += 1 }
            guard j < lexemes.count, !lexemes[j].breakBefore else { continue }
            switch lexemes[j].tag {
            case .verb: lexemes[k].tag = .filler
            default:
                if ["check", "look", "see", "find", "get", "expand", "increase", "make"].contains(lexemes[j].word) { lexemes[k].tag = .filler }
            }
        }
    }

    /// `…, ticket 55120`, `for case 30417`, `escalation 7781`: the number of a ticket names
    /// it; it counts nothing.
    private func resolveTicketNumbers(_ lexemes: inout [Lexeme]) {
        for k in lexemes.indices.dropFirst() where ["ticket", "case", "incident", "escalation", "issue", "bug", "pr", "order", "invoice", "story"].contains(lexemes[k - 1].word) {
            if case .number = lexemes[k].tag, lexemes[k].raw.count >= 3 { lexemes[k].tag = .filler }
        }
    }

    /// `check kiosk logs before any restart`, `tail the logs during the deploy`, `events
    /// last 30m (after deploy)`: a change named after `before`, `after`, `during`, `since` or
    /// `without` (with a determiner or without one) says when, and asks for nothing.
    private func resolveChangesAsTimes(_ lexemes: inout [Lexeme]) {
        let times: Set<String> = ["before", "after", "during", "without", "until", "since"]
        for k in lexemes.indices.dropFirst() {
            guard case .verb = lexemes[k].tag, !lexemes[k].breakBefore else { continue }
            let previous = lexemes[k - 1]
            // (`after the` is one lexeme; `since` alone may also mean `because`, and a verb in
            // its base form right after it is then a noun all the same: `since deploy`.)
            // (`after restart the hermes …`: a verb with its object is a verb.)
            let object = k + 1 < lexemes.count && !lexemes[k + 1].breakBefore && [.article, .word].contains(lexemes[k + 1].tag)
            let bare = times.contains(previous.word) && (previous.raw.contains(" ") || !["without", "until"].contains(previous.word) && !object)
            let determined = k >= 2 && Tagger.determiners.contains(previous.word) && times.contains(lexemes[k - 2].word) && previous.word != "since"
            guard bare || determined, !lexemes[k].raw.lowercased().hasSuffix("ing") else { continue }
            lexemes[k].tag = .filler
        }
    }

    /// Questions tagged onto another that ask for an opinion on it.
    private static let tagQuestions: Set<[String]> = [
        ["what", "you", "think"], ["what", "do", "you", "think"], ["what", "u", "think"], ["what", "do", "u", "think"],
        ["what", "would", "you", "do"], ["what", "do", "you", "say"], ["what", "say", "you"], ["what", "are", "your", "thoughts"],
    ]

    private static let determiners: Set<String> = ["any", "a", "an", "the", "each", "every", "another", "this", "that", "its", "their", "our"]

    /// How a clause of a line of several stands to the request.
    private enum ClauseRole { case command, negatedCommand, asks, other }

    /// In a line of several clauses where a clause is a command (it opens with a verb in its
    /// base form, after politeness and mentions), the clauses that are not commands are
    /// commentary: `restart mail in prod pls, users not receiving password resets`,
    /// `…, backlog keeps growing`. Their verbs ask for nothing and their negations deny
    /// nothing. Beside one command, a clause that says what not to do (`…, don't roll back
    /// yet`) only rules out something else.
    private func resolveCommentary(_ lexemes: inout [Lexeme]) {
        var starts = [0]
        for k in lexemes.indices.dropFirst() where lexemes[k].breakBefore { starts.append(k) }
        guard starts.count > 1 else { return }
        let clauses = starts.indices.map { i in starts[i]..<(i + 1 < starts.count ? starts[i + 1] : lexemes.count) }
        var roles = clauses.map { role(of: $0, lexemes) }
        // `pause core-ledger on stg, I want to check the migrations first`: after a command, a
        // clause that says what the speaker wants to do gives the reason for it.
        for i in roles.indices.dropFirst() where roles[i] == .command && roles[..<i].contains(.command) {
            let fillers = lexemes[clauses[i]].prefix { $0.tag == .filler }
            let head = lexemes[clauses[i]].dropFirst(fillers.count).first.map { [$0] } ?? []
            let opening = (fillers + head).map { $0.raw.lowercased() }
            if opening.contains(where: { $0.contains("want to") || $0.contains("need to") || $0.contains("like to") || ["want", "need"].contains($0) }) {
                roles[i] = .other
            }
        }
        let commands = roles.filter { $0 == .command }.count
        // `what's wrong with etl-2024 on staging, job 8812 took 3h`: with no command, a
        // question of its own words is what the line asks, and statements beside it comment.
        let asks = roles.contains(.asks)
        guard commands >= 1 || asks else { return }
        // (`dont scale anything yet, just tell me whats wrong w/ api`: what not to do, beside a
        // question, only rules something out too.)
        for (clause, role) in zip(clauses, roles)
        where role == .other || (role == .asks && commands >= 1) || (role == .negatedCommand && (commands == 1 || commands == 0 && asks)) {
            // `…, three replicas is enough`: a count said to be enough is the count asked for.
            if Tagger.namesEnough(clause, lexemes) { continue }
            // `the lone pod is at 95% cpu`: a statement names resources without asking for any.
            // `customers on SUP-8812 are seeing double charges`: a verb of being and a
            // participle say what is happening.
            let states = Tagger.opensWithStatingPronoun(clause, lexemes) || clause.dropFirst().contains { k in
                (Tagger.copulas.contains(lexemes[k].word) && Tagger.isSubject(lexemes[k - 1]))
                    || (Tagger.progressiveAuxiliaries.contains(lexemes[k].word) && k + 1 < clause.upperBound
                        && lexemes[k + 1].tag == .word && lexemes[k + 1].word.hasSuffix("ing") && lexemes[k + 1].word.count > 5)
            }
            // `…, 500 lines`, `…, max 12 pods`: a clause of bare values goes on with the command.
            // `…, saving money`, `…, going to sleep`: a later clause that opens with a gerund says why.
            let opening = clause.first { lexemes[$0].tag != .conj }.map { lexemes[$0].word } ?? ""
            // (`…, targeting 65% cpu`, `…, going back 6 hours`: with a value, it goes on with the request.)
            let opensWithGerund = clause.lowerBound > 0 && (opening.hasSuffix("ing") && opening.count > 5 || ["going", "gonna"].contains(opening))
            let valued = clause.contains { k in
                switch lexemes[k].tag {
                case .number, .decimal, .percent, .measure, .version, .money, .range, .signed: return true
                default: return false
                }
            }
            // (`…, holding CPU at 75 percent`: its verb names how, not another request.)
            if opensWithGerund, valued, !states, lexemes[clause].first(where: { $0.tag != .conj })?.tag != .word,
               !clause.contains(where: { lexemes[$0].tag == .negation }), clause.count <= 6
            {
                for k in clause { if case .verb = lexemes[k].tag { lexemes[k].tag = .filler } }
                continue
            }
            let gerund = opensWithGerund && !valued
            let prose = states || gerund || clause.contains { k in
                switch lexemes[k].tag {
                case .verb, .negation: return true
                // `logs stopped shipping at 02:10`, `revision 42 broke the tests`: a past tense
                // states what happened.
                case .word where (lexemes[k].word.hasSuffix("ed") && lexemes[k].word.count >= 5 || Tagger.irregularPasts.contains(lexemes[k].word))
                    && k > clause.lowerBound: return true
                // `nobody uses it`: a verb in -s after its subject states what is done.
                case .word where k > clause.lowerBound && lexemes[k].word.hasSuffix("s") && !lexemes[k].word.hasSuffix("ss")
                    && Tagger.statingSubjects.contains(lexemes[k - 1].word): return true
                default: return Tagger.speakers.contains(lexemes[k].word)
                }
            }
            guard prose else { continue }
            for k in clause {
                lexemes[k].commentary = true
                switch lexemes[k].tag {
                case .verb: lexemes[k].tag = .filler
                // `users not receiving resets` denies nothing; `…? not sure` still doubts.
                // `with no errors`: `no` before a noun counts nothing out.
                case .negation where role == .negatedCommand || (k > clause.lowerBound && Tagger.isSubject(lexemes[k - 1]))
                    // `the migration for DB-118 hasn't finished yet`: an auxiliary inside a statement.
                    || (k > clause.lowerBound && Tagger.statingNegations.contains(lexemes[k].word))
                    || (lexemes[k].word == "no" && k + 1 < clause.upperBound && lexemes[k + 1].tag == .word):
                    lexemes[k].tag = .filler
                case .noun(.logs), .noun(.events), .noun(.cost), .noun(.status): lexemes[k].tag = .noun(.generic)
                case .noun(.memory) where states, .noun(.cpu) where states: lexemes[k].tag = .noun(.generic)
                default: break
                }
            }
        }
    }

    /// `first` or `instead` opening a clause (`…; first show me the events`), not a count of
    /// lines (`first 20 lines`).
    private static func ordersTheSteps(_ k: Int, _ clause: Range<Int>, _ lexemes: [Lexeme]) -> Bool {
        guard ["first", "instead", "rather"].contains(lexemes[k].word) else { return false }
        if k + 1 < clause.upperBound, case .number = lexemes[k + 1].tag { return false }
        return true
    }

    private func role(of clause: Range<Int>, _ lexemes: [Lexeme]) -> ClauseRole {
        var k = clause.lowerBound
        var negated = false
        while k < clause.upperBound {
            let l = lexemes[k]
            // `…, we check something`: a clause with the speaker as its subject states.
            if l.tag == .filler, ["we", "i", "they", "i'll", "we'll", "they'll", "he'll", "she'll"].contains(l.word), l.end - l.first == 1 { return .other }
            // (`…; first show me the events`: the order of the steps.)
            if l.tag == .filler || l.tag == .conj || l.raw.hasPrefix("@") || Tagger.ordersTheSteps(k, clause, lexemes) {
                k += 1
            } else if l.tag == .negation, !negated, !["abort", "cancel"].contains(l.word) {
                negated = true
                k += 1
            } else {
                break
            }
        }
        guard k < clause.upperBound else { return .other }
        // `let api-v3 autoscale from 4 to 16`: `let` and a name before the verb command it.
        if k > clause.lowerBound, lexemes[k - 1].word == "let", lexemes[k].tag == .word, k + 1 < clause.upperBound,
           case .verb = lexemes[k + 1].tag
        {
            return negated ? .negatedCommand : .command
        }
        // `logs for feed - they keep saying …`, `cost of render-farm this week, …`: a read
        // named by its noun asks as a command does.
        switch lexemes[k].tag {
        case .noun(.logs), .noun(.events), .noun(.cost), .noun(.budget):
            // `logs stopped shipping at 09:40`, `log shipping stopped`: what the logs did is a statement.
            let next = k + 1 < clause.upperBound && lexemes[k + 1].tag == .word ? k + 2 : k + 1
            for j in Set([k + 1, next]) where j < clause.upperBound {
                let word = lexemes[j].word
                if word.hasSuffix("ed") || Tagger.irregularPasts.contains(word) || Tagger.copulas.contains(word) { return .other }
            }
            return negated ? .negatedCommand : .command
        // `last 300 lines of logs from invoice-svc, …`: a count of lines asks for them.
        case .relative where k + 2 < clause.upperBound:
            if case .number = lexemes[k + 1].tag, lexemes[k + 2].tag == .unit(.line) { return .command }
        // `what's wrong with etl-2024 on staging, …`: a question with words of its own.
        case .question where clause.upperBound - k >= 3 && Tagger.questionOpeners.contains(lexemes[k].word):
            // (`…, what you think?`: a question tagged on asks nothing of its own.)
            if Tagger.tagQuestions.contains(lexemes[k..<clause.upperBound].map(\.word)) { return .other }
            return .asks
        default: break
        }
        // `abort it`, `cancel the canary`: these refusals are commands of their own.
        if lexemes[k].tag == .negation, ["abort", "cancel"].contains(lexemes[k].word) { return negated ? .negatedCommand : .command }
        guard case .verb(let v) = lexemes[k].tag, v != .lead else { return .other }
        // `seeing errors`, `logs stopped shipping`: an inflected verb states, it does not command.
        let word = lexemes[k].word
        let asked = k > clause.lowerBound && lexemes[k - 1].raw.lowercased().hasSuffix("mind")
        if (word.hasSuffix("ing") && word.count > 5 && !asked) || (word.hasSuffix("ed") && word != "need") { return .other }
        // `something keeps evicting pods`: a verb in -s states what something does.
        if word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3, k > clause.lowerBound || lexemes[k].breakBefore { return .other }
        // `open enrollment ended yesterday`: a verb's word that names something, followed by
        // what it did, is the subject of a statement.
        if k + 2 < clause.upperBound, lexemes[k + 1].tag == .word, lexemes[k + 2].tag == .word,
           Tagger.isPastTense(lexemes[k + 2].word)
        {
            return .other
        }
        // `…, read traffic is up`, `…, debug logging filled the disk`: a verb's word before a
        // noun that is then said to be something, or to have done something, is the noun's modifier.
        if k + 2 < clause.upperBound, clause.lowerBound > 0,
           lexemes[k + 1].tag == .word || lexemes[k + 1].tag == .noun(.logs) || lexemes[k + 1].tag == .noun(.generic),
           Tagger.copulas.contains(lexemes[k + 2].word) || Tagger.isParticiple(lexemes[k + 2].word)
        {
            return .other
        }
        return negated ? .negatedCommand : .command
    }

    /// Words that open a question of their own (not an auxiliary, which may open a statement's
    /// second half).
    private static let questionOpeners: Set<String> = [
        "what", "what's", "whats", "why", "how", "how's", "hows", "where", "where's", "which", "who", "who's",
    ]

    /// `…, it sits at 5% cpu on 10 pods`, `…, it cost $312 over 3 days`: a clause that opens
    /// with a pronoun and goes on states something about it, unless it says what should be
    /// (`it should have 5`), which may restate the request.
    private static func opensWithStatingPronoun(_ clause: Range<Int>, _ lexemes: [Lexeme]) -> Bool {
        var k = clause.lowerBound
        while k < clause.upperBound, lexemes[k].tag == .filler || lexemes[k].tag == .conj { k += 1 }
        guard k + 1 < clause.upperBound, ["it", "this", "that", "they", "he", "she"].contains(lexemes[k].word) else { return false }
        if clause.contains(where: { ["should", "must", "needs", "need", "ought", "has to", "have to"].contains(lexemes[$0].word) }) { return false }
        // `…, it is v3.2.0`, `it's in prod`: a pronoun said to be a value names the request's.
        var rest = k + 1
        if lexemes[k].end - lexemes[k].first == 1, copulas.contains(lexemes[rest].word) { rest += 1 }
        let identifies = lexemes[k].end - lexemes[k].first > 1 || rest > k + 1
        return !identifies || lexemes[rest..<clause.upperBound].contains { l in
            switch l.tag {
            case .word, .noun(.generic), .unit(.replica), .verb: true
            default: false
            }
        }
    }

    /// Auxiliaries between a subject and its verb in a statement: `customers can't check out`,
    /// `players are seeing errors`, `pods keep crashing`. Positive modals (`we can restart`)
    /// are left out: they may still offer the change.
    private static let statingAuxiliaries: Set<String> = [
        "is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "can't", "cannot", "couldn't",
        "won't", "doesn't", "don't", "didn't", "keep", "keeps", "kept", "been", "has", "have", "had",
        "hasn't", "haven't", "still", "just", "also",
    ]

    /// Adverbs between a subject's auxiliary and its verb: `pods are still crashing`.
    private static let statingAdverbs: Set<String> = ["still", "just", "also", "even", "now", "all", "not", "never", "been"]

    /// Words that are the subject of a statement whatever their tag.
    private static let subjects: Set<String> = [
        "we", "they", "i", "you", "he", "she", "people", "users", "customers", "everyone", "nobody", "someone",
    ]

    /// The speaker and their team, as a clause opens with them: `…, we'll pin it by hand`.
    private static let speakers: Set<String> = ["we", "i", "they", "we'll", "i'll", "they'll", "we're", "i'm", "they're"]

    private static let teamNouns: Set<String> = ["team", "teams", "folks", "people", "squad", "department", "dept", "org", "guys", "crew"]
    private static let departments: Set<String> = [
        "finance", "product", "marketing", "sales", "support", "legal", "compliance", "management", "leadership",
        "cfo", "cto", "ceo", "vp", "pm", "qa", "customer", "customers", "accounting", "procurement", "security",
    ]
    private static let departmentVerbs: Set<String> = [
        "wants", "want", "needs", "need", "asks", "asked", "says", "said", "approved", "complains", "complain",
        "requested", "requests", "reports", "reported", "is", "are", "was", "signed", "pinged", "insists",
    ]
    /// People who do things to a cluster, as a sentence tells of them.
    static let doers: Set<String> = [
        "lead", "boss", "manager", "team", "colleague", "teammate", "coworker", "co-worker", "mentor", "buddy", "sre", "admin",
        "engineer", "developer", "predecessor", "contractor", "intern", "cto", "vp",
    ]

    /// `Marta`, `Dana`: a capital then small letters, as names of people are written.
    static func isCapitalisedName(_ raw: String) -> Bool {
        let b = Array(raw.utf8)
        return b.count >= 2 && (65...90).contains(b[0]) && b.dropFirst().allSatisfy { (97...122).contains($0) }
    }

    private static let pointingAdjectives: Set<String> = [
        "previous", "last", "old", "older", "earlier", "prior", "stable", "good", "working", "other", "same", "broken", "bad",
    ]

    /// Meetings and documents a noun can name the subject of: `budget review`, `cost sync`.
    private static let occasions: Set<String> = [
        "review", "reviews", "meeting", "meetings", "call", "sync", "planning", "discussion", "committee",
        "approval", "spreadsheet", "deck", "retro", "season", "cycle", "owner", "owners",
    ]

    /// `three replicas is enough`, `2 pods are fine`: a clause of a replica count and a verdict
    /// that it suffices.
    private static func namesEnough(_ clause: Range<Int>, _ lexemes: [Lexeme]) -> Bool {
        let words = lexemes[clause].filter { $0.tag != .filler }
        guard words.count == 4, case .number = words[0].tag, words[1].tag == .unit(.replica),
              ["is", "are", "should", "will", "would"].contains(words[2].word) else { return false }
        return ["enough", "fine", "ok", "okay", "plenty", "sufficient", "good"].contains(words[3].word)
    }

    /// Past tenses without `-ed` that state what happened.
    /// Subjects that open a statement about what is done (`nobody uses it`).
    private static let statingSubjects: Set<String> = ["nobody", "noone", "everyone", "everybody", "someone", "somebody", "it", "he", "she"]

    static let irregularPasts: Set<String> = [
        "broke", "went", "came", "took", "ran", "fell", "began", "lost", "hit", "threw", "kept", "saw", "froze",
        "spiked", "rose", "grew", "blew", "sank", "ate", "bit", "stuck", "woke", "wrote", "forgot", "used", "paid",
        "made", "got", "said", "told", "thought", "brought", "built", "sent", "found", "felt", "meant",
    ]

    /// Negated auxiliaries that state what has or has not happened.
    private static let statingNegations: Set<String> = [
        "hasn't", "hasnt", "haven't", "havent", "didn't", "didnt", "doesn't", "doesnt", "isn't", "wasn't", "aren't", "weren't",
    ]

    /// Auxiliaries of the progressive: `users are seeing errors`.
    private static let progressiveAuxiliaries: Set<String> = ["is", "are", "was", "were", "keep", "keeps"]

    /// A plain past tense or participle: `ended`, `stopped`, `agreed` (but not `need`, `speed`).
    static func isPastTense(_ word: String) -> Bool {
        word.hasSuffix("ed") && word.count >= 5 && !Tagger.notPast.contains(word)
    }

    /// A past tense or participle, regular (`restarted`) or irregular (`took`, `shut`).
    static func isParticiple(_ word: String) -> Bool {
        isPastTense(word) || irregularPasts.contains(word)
    }

    private static let notPast: Set<String> = [
        "speed", "proceed", "succeed", "exceed", "indeed", "bleed", "breed", "greed", "embed", "unembed", "shred", "bed", "seed", "need", "feed",
    ]

    /// Words that describe a verb's subject in a statement: `deploying isn't working`.
    private static let copulas: Set<String> = [
        "is", "isn't", "are", "aren't", "was", "wasn't", "were", "weren't", "keeps", "has", "hasn't", "have", "had",
        "seems", "looks",
    ]

    /// In a line of several clauses, a clause that states what someone or something does
    /// (`…, customers can't check out`, `deploying isn't working, …`) describes the situation:
    /// its verb asks for nothing and its negation denies nothing. A clause that opens with the
    /// auxiliary asks (`can someone roll back payments`) and is left alone.
    private func resolveDescriptions(_ lexemes: inout [Lexeme]) {
        // `Rollbacks have saved us twice`, `restarts are cheap`: changes in the plural, as the
        // subject of a statement, name what they are about; they ask for nothing.
        if let k = lexemes.firstIndex(where: { $0.tag != .filler }), case .verb = lexemes[k].tag, lexemes[k].end - lexemes[k].first == 1,
           lexemes[k].word.hasSuffix("s"), !["status", "logs", "events", "stats", "metrics", "pods"].contains(lexemes[k].word), k + 1 < lexemes.count, !lexemes[k + 1].breakBefore,
           Tagger.copulas.contains(lexemes[k + 1].word) || ["can", "could", "will", "would", "should", "may", "might", "cost", "take", "make"].contains(lexemes[k + 1].word)
        {
            lexemes[k].tag = .filler
            if lexemes[k + 1].tag == .negation { lexemes[k + 1].tag = .filler }
        }
        guard lexemes.dropFirst().contains(where: \.breakBefore) else { return }
        func sameClause(_ a: Int, _ b: Int) -> Bool { !(a + 1...b).contains { lexemes[$0].breakBefore } }
        for k in lexemes.indices {
            guard case .verb = lexemes[k].tag else { continue }
            // Subject, auxiliaries (and adverbs), verb.
            var a = k
            while a - 1 >= 0, sameClause(a - 1, k), Tagger.statingAuxiliaries.contains(lexemes[a - 1].word) || Tagger.statingAdverbs.contains(lexemes[a - 1].word) { a -= 1 }
            // (`can't you just scale relay down`: an auxiliary before `you` asks, it does not state.)
            let asks = a >= 2 && ["you", "u"].contains(lexemes[a - 1].word)
                && ["can't", "cant", "won't", "wont", "couldn't", "wouldn't", "don't", "can", "could", "would", "will"].contains(lexemes[a - 2].word)
            // (`we don't need to roll it back, …`: the speaker's own wish, denied, denies the request.)
            let speakersWish = lexemes[k].tag == .verb(.want) && ["we", "i"].contains(lexemes[a - 1 < 0 ? k : a - 1].word)
            if a < k, a >= 1, !asks, !speakersWish, sameClause(a - 1, k), (a..<k).contains(where: { Tagger.statingAuxiliaries.contains(lexemes[$0].word) }),
               Tagger.isSubject(lexemes[a - 1])
            {
                lexemes[k].tag = .filler
                for j in a..<k where lexemes[j].tag == .negation { lexemes[j].tag = .filler }
                continue
            }
            // A verb as the subject: `deploying isn't working`.
            // `@here deploying isn't working`: a mention opens the message without being part of it.
            let mention = k >= 1 && lexemes[k - 1].raw.hasPrefix("@") && (k == 1 || lexemes[k - 1].breakBefore)
            let opens = k == 0 || lexemes[k].breakBefore || mention || (lexemes[k - 1].tag == .filler && lexemes[k - 1].breakBefore)
            if opens, k + 1 < lexemes.count, !lexemes[k + 1].breakBefore, Tagger.copulas.contains(lexemes[k + 1].word) {
                lexemes[k].tag = .filler
                if k + 2 < lexemes.count, !lexemes[k + 2].breakBefore, lexemes[k + 1].tag == .negation { lexemes[k + 1].tag = .filler }
            }
        }
    }

    /// A word that can be the subject of a statement: a plain word, a pronoun, an everyday noun.
    private static func isSubject(_ l: Lexeme) -> Bool {
        switch l.tag {
        case .word, .noun(.generic), .noun(.pronoun), .noun(.workload), .unit(.replica): return true
        default: return subjects.contains(l.word)
        }
    }

    /// `see INC-7781`, `change ticket FIN-2231`, `per OPS-12`: a ticket cited for the record is
    /// neither a request nor a workload.
    private func resolveReferences(_ lexemes: inout [Lexeme]) {
        // `set env payments FOO=1`: after `set` or `unset`, `env` is the variables.
        for k in lexemes.indices.dropFirst() where lexemes[k].tag == .noun(.environment) && ["env", "envs"].contains(lexemes[k].word) {
            if case .verb(let v) = lexemes[k - 1].tag, v == .set || v == .unset { lexemes[k].tag = .noun(.variable) }
        }
        // `for the weekend event`, `the launch event`: an occasion, not the cluster's events.
        for k in lexemes.indices.dropFirst() where lexemes[k].raw.lowercased() == "event" && lexemes[k - 1].tag == .word
            && SlotReader.neverNames.contains(lexemes[k - 1].word)
        {
            lexemes[k].tag = .noun(.generic)
        }
        for k in lexemes.indices.dropLast() where !lexemes[k + 1].breakBefore {
            // `the marketing team needs…`, `sales folks`: a team's name is not a workload.
            if lexemes[k].tag == .word, Tagger.teamNouns.contains(lexemes[k + 1].word) {
                lexemes[k].tag = .noun(.generic)
                lexemes[k + 1].tag = .noun(.generic)
            }
            // `Finance asks…`, `Product wants…`, `CFO approved`, `Marta would like…`: a
            // department or a person saying what they want.
            let person = lexemes[k].tag == .word && Tagger.isCapitalisedName(lexemes[k].raw)
                && (Tagger.departmentVerbs.contains(lexemes[k + 1].word) || ["would", "wanted", "mentioned", "thinks"].contains(lexemes[k + 1].word))
            if person || (Tagger.departments.contains(lexemes[k].word) && Tagger.departmentVerbs.contains(lexemes[k + 1].word)) {
                lexemes[k].tag = .noun(.generic)
            }
            // `40k msgs`, `12k rows`: a thousands count of things, not money.
            if case .money = lexemes[k].tag, lexemes[k].raw.lowercased().hasSuffix("k"), !lexemes[k].raw.hasPrefix("$"),
               [.word, .noun(.generic), .noun(.logs), .noun(.events), .unit(.replica), .unit(.line)].contains(lexemes[k + 1].tag)
            {
                lexemes[k].tag = .noun(.generic)
            }
            // `a load test my lead set up`, `the cluster our team set up`: a verb whose past is
            // its present, after a person who did it, tells what was done.
            if k >= 1, case .verb = lexemes[k + 1].tag, ["set", "set up", "put", "put up", "shut", "cut"].contains(lexemes[k + 1].word),
               Tagger.doers.contains(lexemes[k].word), ["my", "our", "the", "a", "his", "her", "their", "your"].contains(lexemes[k - 1].word)
            {
                lexemes[k + 1].tag = .noun(.generic)
            }
            // `the previous one`, `the last one`: a version pointed at, not a count.
            if case .number(1) = lexemes[k + 1].tag, lexemes[k + 1].word == "one", Tagger.pointingAdjectives.contains(lexemes[k].word) {
                lexemes[k + 1].tag = .noun(.generic)
            }
        }
        // `compass deploy completed in staging`, `the restart finished`: a change said to have
        // ended is the subject of a statement, not a command.
        // (`restart failed pods`: a command's verb comes first; a subject has a name or a
        // determiner before it.)
        // (`tiles rollback at 3 bought us time`: what it did may come a few words after it.)
        for k in lexemes.indices.dropFirst().dropLast() where statement && Sentence.namesAChange(lexemes[k].tag) && !lexemes[k].breakBefore
            && ([.word, .noun(.workload)].contains(lexemes[k - 1].tag) || ["the", "that", "this", "its", "our", "last", "latest"].contains(lexemes[k - 1].word))
            && !Tagger.addressees.contains(lexemes[k - 1].word)
        {
            var j = k + 1
            while j < lexemes.count, j <= k + 3, !lexemes[j].breakBefore {
                let word = lexemes[j].word
                let told = ["bought", "saved", "gave", "made", "did"].contains(word) || (Tagger.isPastTense(word) && !Antecedent.isShaped(word))
                if Tagger.endings.contains(word) || (j > k + 1 && told) {
                    lexemes[k].tag = .noun(.generic)
                    break
                }
                j += 1
            }
        }
        // `before the budget review`, `the cost meeting`: a meeting about money is an occasion.
        for k in lexemes.indices.dropLast() where [.noun(.budget), .noun(.cost)].contains(lexemes[k].tag)
            && !lexemes[k + 1].breakBefore && Tagger.occasions.contains(lexemes[k + 1].word)
        {
            lexemes[k].tag = .noun(.generic)
        }
        // `Scale up the kassa-service with 3`: `with` a count after a direction says by how many.
        if lexemes.contains(where: { [.particle("up"), .particle("down"), .verb(.grow), .verb(.shrink)].contains($0.tag) || ["scale up", "scale down"].contains($0.word) }) {
            for k in lexemes.indices.dropLast() where lexemes[k].word == "with" {
                guard case .number = lexemes[k + 1].tag, !(k + 2 < lexemes.count && lexemes[k + 2].tag == .unit(.replica)) else { continue }
                lexemes[k].tag = .prep(.by)
            }
        }
        // `(no ticket required)`, `no approval needed`: what the change does not need is no negation of it.
        for k in lexemes.indices.dropLast(2) where lexemes[k].tag == .negation && lexemes[k].word == "no"
            && ["required", "needed", "necessary"].contains(lexemes[k + 2].word)
        {
            for j in k...(k + 2) { lexemes[j].tag = .filler }
        }
        // `undo today's inventory-svc deploy`: a day's possessive points at the change as `the` does.
        for k in lexemes.indices where lexemes[k].possessive && ["today", "yesterday", "tonight", "tomorrow", "morning", "night", "week", "friday"].contains(lexemes[k].word)
            && lexemes[(k + 1)..<min(lexemes.count, k + 4)].contains(where: { ["deploy", "deployment", "rollout", "release", "restart", "upgrade", "change", "update"].contains($0.word) })
        {
            lexemes[k].tag = .article
        }
        for k in lexemes.indices where SlotReader.isTicket(lexemes[k].raw) || Tagger.isDocument(lexemes[k].raw) {
            lexemes[k].tag = .filler
            var p = k - 1
            while p >= 0, !lexemes[p + 1].breakBefore, p >= k - 3 {
                let word = lexemes[p].word
                // (`under CHG0051170`, `as documented in CHG0051170`.)
                let documentedIn = word == "in" && p > 0 && ["documented", "described", "recorded", "outlined"].contains(lexemes[p - 1].word)
                if documentedIn || ["see", "per", "re", "ticket", "change", "ref", "issue", "incident", "jira", "for", "under", "via", "reference", "documented", "described", "recorded", "outlined"].contains(word) {
                    lexemes[p].tag = .filler
                    p -= 1
                } else {
                    break
                }
            }
        }
    }

    /// Words before a command's verb that address or soften it (`can ya delete …`).
    private static let addressees: Set<String> = ["ya", "you", "u", "we", "i", "they", "can", "could", "would", "just", "and", "then", "now", "to"]

    /// What a change is said to have done when it ended.
    private static let endings: Set<String> = [
        "completed", "finished", "succeeded", "failed", "worked", "went", "stalled", "hung", "broke", "errored", "landed",
    ]

    /// `in produzione`, `em produção`, `en desarrollo`: a standard environment in the word of
    /// the languages teams mix into English, when the team's catalog has that environment.
    static func standardSpelledAbroad(_ word: String, _ environments: EnvironmentCatalog) -> String? {
        guard let name = spelledAbroad[word], environments.canonical(name) == name else { return nil }
        return name
    }

    private static let spelledAbroad: [String: String] = [
        "produzione": "production", "produção": "production", "producão": "production", "produçao": "production", "producao": "production", "producción": "production",
        "produccion": "production", "produktion": "production",
        "desarrollo": "development", "desenvolvimento": "development", "sviluppo": "development", "entwicklung": "development",
    ]

    /// `/home/priya/notes/orders.md`, `https://wiki/runbooks/api`, `notes.md`: a document
    /// cited for context.
    static func isDocument(_ raw: String) -> Bool {
        let lower = raw.lowercased()
        if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("~/") { return true }
        if lower.hasPrefix("/"), lower.dropFirst().contains("/") { return true }
        return [".md", ".txt", ".pdf", ".doc", ".docx", ".html"].contains { lower.hasSuffix($0) }
    }

    private static let reportingVerbs: Set<String> = ["say", "says", "said", "show", "shows", "showed", "mention", "mentions", "contain", "contains", "indicate", "indicates", "suggest", "suggests", "are", "is", "were", "keep"]
    /// `the inbox logs say …`, `logs for reports show …`: logs that say something are
    /// evidence the user cites, not logs asked for (`show me the logs` asks).
    private func resolveQuotedLogs(_ lexemes: inout [Lexeme]) {
        for k in lexemes.indices where lexemes[k].tag == .noun(.logs) {
            var asked = false
            var p = k - 1
            while p >= 0, !lexemes[p + 1].breakBefore {
                if case .verb = lexemes[p].tag { asked = true }
                if case .question = lexemes[p].tag { asked = true }
                p -= 1
            }
            guard !asked else { continue }
            var j = k + 1
            while j < lexemes.count, j <= k + 4, !lexemes[j].breakBefore {
                if Self.reportingVerbs.contains(lexemes[j].word) {
                    lexemes[k].tag = .noun(.generic)
                    break
                }
                j += 1
            }
        }
    }

    /// A fraction said of traffic (`a quarter of traffic`, `a tenth of the users`, `half of
    /// the traffic`): its percent and how many words say the fraction.
    static func trafficShare(_ words: [String], _ i: Int) -> (percent: Int, length: Int)? {
        guard ["three", "a", "one", "half"].contains(words[i]) else { return nil }
        for (phrase, percent) in fractions where words[i...].starts(with: phrase) {
            var j = i + phrase.count
            if j < words.count, words[j] == "of" { j += 1 }
            if j < words.count, ["the", "our", "all"].contains(words[j]) { j += 1 }
            if j < words.count, ["traffic", "users", "requests", "customers", "visitors"].contains(words[j]) { return (percent, phrase.count) }
        }
        return nil
    }

    private static let fractions: [([String], Int)] = [
        (["three", "quarters"], 75), (["a", "quarter"], 25), (["one", "quarter"], 25), (["a", "tenth"], 10),
        (["one", "tenth"], 10), (["a", "fifth"], 20), (["one", "fifth"], 20), (["half"], 50), (["a", "half"], 50),
    ]

    /// Words that speak of setting environment variables.
    static let settingWords: Set<String> = [
        "set", "unset", "env", "var", "vars", "variable", "variables", "environment", "export", "add", "change",
        "update", "configure", "put", "apply", "flip", "toggle", "enable", "disable", "turn",
    ]

    /// Words shouted in capitals that name no variable: `NOW`, `ASAP`, `PLS`.
    private static let shouted: Set<String> = ["now", "asap", "pls", "please", "urgent", "urgently", "immediately", "today", "fast", "quick", "again", "already", "thanks", "thx"]

    /// Words around a capitalised name that make it an environment variable.
    private static let variableContext: Set<String> = [
        "unset", "clear", "var", "variable", "env", "set", "change", "update", "remove", "delete", "drop",
        "add", "to", "=", "environment", "vars", "variables",
    ]

    private static let nameJoins: Set<String> = ["and", "or", "&"]
    /// `LOG_LEVEL`, `FEATURE_X`, or a capitalised word such as `DEBUG` next to `unset`, `set`,
    /// `to` or `env var`: an environment variable as typed. A sentence typed all in capitals
    /// is shouting, not variables.
    /// `remove the DEBUG and VERBOSE env vars`: a capitalised word listed with a variable name
    /// is one too. `step` is the direction of the list being followed (0: both).
    static func isVariableName(_ tokens: [Token], _ i: Int, step: Int = 0) -> Bool {
        let raw = Array(tokens[i].raw.utf8)
        let before = i > 0 ? tokens[i - 1].word : ""
        let after = i + 1 < tokens.count ? tokens[i + 1].word : ""
        let named = variableContext.contains(before) && before != "to" || ["=", "var", "variable", "env"].contains(after)
        // `set env var log_level to debug`: said aloud or typed in lowercase, a name with an
        // underscore beside the words for a variable is one (no workload name has `_`).
        if named, raw.contains(95), raw.count <= EnvVarName.maxLength, raw.first.map({ $0 >= 97 && $0 <= 122 }) == true,
           raw.allSatisfy({ ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95 })
        {
            return true
        }
        guard raw.count >= 2, raw.count <= EnvVarName.maxLength, let first = raw.first, first >= 65 && first <= 90 || first == 95 else { return false }
        // `set CPU requests to 250m`: a resource in capitals is the resource.
        // (`remove HPA from edge-proxy`: the autoscaler in capitals is the autoscaler.)
        if ["cpu", "cpus", "mem", "memory", "ram", "gpu", "hpa", "hpas"].contains(tokens[i].word), !["=", "var", "variable", "env"].contains(after) { return false }
        // (`remove that env var NOW!!`: a word shouted is no variable's name.)
        if Self.shouted.contains(tokens[i].word), !["=", "var", "variable", "env"].contains(after), tokens[i].raw.utf8.count == tokens[i].word.utf8.count { return false }
        var letters = 0
        for c in raw {
            if c >= 65 && c <= 90 { letters += 1 } else if !(c >= 48 && c <= 57) && c != 95 { return false }
        }
        guard letters > 0 else { return false }
        if raw.contains(95) { return true }
        let shouting = tokens.allSatisfy { t in !t.raw.utf8.contains { $0 >= 97 && $0 <= 122 } }
        if shouting { return false }
        if named { return true }
        if step >= 0, Self.nameJoins.contains(after), i + 2 < tokens.count, isVariableName(tokens, i + 2, step: 1) { return true }
        if step <= 0, Self.nameJoins.contains(before), i >= 2, isVariableName(tokens, i - 2, step: -1) { return true }
        return false
    }

    /// `between 2 and 10`, `from 2 to 10` only as `between`: a range of counts.
    private func rangeReach(_ words: [String], _ tokens: [Token], _ i: Int) -> (low: Int, high: Int, length: Int)? {
        guard words[i] == "between", i + 1 < words.count, let low = NumberWords.read(words, from: i + 1) else { return nil }
        let joint = i + 1 + low.length
        guard joint < words.count, ["and", "to", "-"].contains(words[joint]),
              let high = NumberWords.read(words, from: joint + 1)
        else { return nil }
        return (low.value, high.value, 2 + low.length + high.length)
    }

    /// `scale orders until five`, `roll back web-shop until the revision 3`, `autoscale from
    /// two until ten`: in the English of many operators `until` names the target, as `to`
    /// does. Before a time (`until 5pm`, `until 6 o'clock`, `until two hours from now`) or an
    /// event (`until QA signs off`) it stays `until`.
    static func untilAsTo(_ tokens: [Token]) -> [Token] {
        guard tokens.contains(where: { $0.word == "until" || $0.word == "till" }) else { return tokens }
        let words = tokens.map(\.word)
        var out = tokens
        for i in tokens.indices where words[i] == "until" || words[i] == "till" {
            var j = i + 1
            if j < words.count, words[j] == "the" { j += 1 }
            guard j < words.count, !TokenShapes.isClockTime(words[j]) else { continue }
            let target: Bool
            if ["revision", "rev"].contains(words[j]) {
                target = true
            } else if let number = NumberWords.read(words, from: j) {
                let after = j + number.length < words.count ? words[j + number.length] : ""
                target = SlotReader.timeUnits[after] == nil && !clockWords.contains(after) && !(words[j].contains(":"))
            } else if case .measure(_, let unit)? = TokenShapes.classify(words[j], raw: tokens[j].raw) {
                // (`until 500m`: millicores are written as minutes are.)
                target = SlotReader.timeUnits[unit.lowercased()] == nil
            } else {
                target = false
            }
            if target { out[i].word = "to" }
        }
        return out
    }

    /// Words after a count that make it a time of day or a date.
    private static let clockWords: Set<String> = [
        "am", "pm", "a.m.", "p.m.", "o'clock", "oclock", "utc", "gmt", "cet", "pst", "est", "tomorrow", "tonight", "today",
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ]

    /// Words that turn a following participle into a request: `get api deployed`,
    /// `I want api restarted`, `have it rolled back`.
    private static let participleTriggers: Set<String> = ["get", "got", "want", "wants", "need", "needs", "have", "make", "like"]

    /// `deployed` describes a workload (`is api deployed?`) unless a trigger word before it in
    /// the clause asks for it to happen.
    private func resolveParticiples(_ lexemes: inout [Lexeme], _ words: [String], _ tokens: [Token]) {
        for k in lexemes.indices where lexemes[k].tag == .adjective || lexemes[k].tag == .word {
            guard lexemes[k].word.hasSuffix("ed") else { continue }
            var triggered = false
            var j = k - 1
            while j >= 0 {
                let l = lexemes[j]
                if l.tag == .conj { break }
                if l.raw.lowercased().split(separator: " ").contains(where: { Tagger.participleTriggers.contains(String($0)) }) {
                    triggered = true
                    break
                }
                if l.breakBefore { break }
                j -= 1
            }
            guard triggered, let entry = inflectedVerb(words, tokens, lexemes[k].first), case .verb(let v) = entry.tag, v.isStrong else { continue }
            lexemes[k].tag = entry.tag
        }
    }

    /// Whether only politeness, question words or a negation come before `t` in its clause.
    private func startsClause(_ before: [Lexeme], _ t: Token) -> Bool {
        if t.breakBefore { return true }
        for l in before.reversed() {
            switch l.tag {
            case .filler, .question, .negation: if l.breakBefore { return true }
            case .conj: return true
            default: return false
            }
        }
        return true
    }

    /// A verb phrase whose first word is inflected (`restarting`, `deployed`, `tearing down`,
    /// `rolls back`): the base forms are tried in turn.
    private func inflectedVerb(_ words: [String], _ tokens: [Token], _ i: Int) -> Lexicon.Entry? {
        let w = Array(words[i].utf8)
        // `shipping`, `billing`: business functions named like gerunds are names, not verbs.
        guard w.count >= 4, w.allSatisfy({ $0 >= 97 && $0 <= 122 }), !SlotReader.gerundNames.contains(words[i]) || (i > 0 && ["mind", "try", "start", "keep"].contains(words[i - 1]))
        else { return nil }
        var stems: [[UInt8]] = []
        func addStems(_ base: ArraySlice<UInt8>) {
            guard base.count >= 2 else { return }
            stems.append(Array(base))
            stems.append(Array(base) + [UInt8(ascii: "e")])
            if base.count >= 3, base[base.endIndex - 1] == base[base.endIndex - 2] { stems.append(Array(base.dropLast())) }
        }
        if w.count > 4, w.suffix(3).elementsEqual("ing".utf8) { addStems(w.dropLast(3)) }
        if w.suffix(2).elementsEqual("ed".utf8) { addStems(w.dropLast(2)) }
        // `why is reports failing`: after `is`, a word in -s is a name, never a verb.
        let afterBe = i > 0 && ["is", "are", "was", "were", "isn't", "aren't", "does", "did", "do"].contains(words[i - 1])
        if w.last == UInt8(ascii: "s"), !afterBe { stems.append(Array(w.dropLast())) }
        if w.suffix(2).elementsEqual("es".utf8), !afterBe { stems.append(Array(w.dropLast(2))) }
        for stem in stems {
            if let entry = phrase(words, tokens, i, first: String(decoding: stem, as: UTF8.self)), case .verb = entry.tag {
                return entry
            }
        }
        return nil
    }

    /// The longest phrase starting at `i` that does not run across a clause break.
    private func phrase(_ words: [String], _ tokens: [Token], _ i: Int, first: String? = nil) -> Lexicon.Entry? {
        guard let candidates = Lexicon.phrases(startingWith: first ?? words[i]) else { return nil }
        for entry in candidates {
            let n = entry.length
            guard i + n <= words.count else { continue }
            var ok = true
            var k = 1
            while ok && k < n {
                ok = words[i + k] == entry.rest[k - 1] && !tokens[i + k].breakBefore
                k += 1
            }
            if ok { return entry }
        }
        return nil
    }

    /// A number in words or digits starting at `i`, within one clause.
    private func numberReach(_ words: [String], _ tokens: [Token], _ i: Int) -> (value: Int, length: Int)? {
        guard let found = NumberWords.read(words, from: i) else { return nil }
        var k = 1
        while k < found.length {
            if tokens[i + k].breakBefore { return nil }
            k += 1
        }
        return found
    }

    /// Environment names with a typo: where an environment is expected (after `in`, `on`,
    /// `to`, `from`, before `environment`, or as a `name:` prefix), or anywhere for long words.
    private func resolveFuzzyEnvironments(_ lexemes: inout [Lexeme]) {
        for k in lexemes.indices where lexemes[k].tag == .word {
            let w = lexemes[k].word
            guard w.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
            // `starting`, `stating`: a verb's -ing form is one slip from `staging` but means it not.
            var expected = (w.utf8.count >= 7 && !SlotReader.isVerbForm(w)) || lexemes[k].colonAfter
            var p = k - 1
            while p >= 0, lexemes[p].tag == .article { p -= 1 }
            if p >= 0, case .prep(let prep) = lexemes[p].tag, prep == .inside || prep == .to || prep == .from || prep == .for {
                expected = true
            }
            if k + 1 < lexemes.count, lexemes[k + 1].tag == .noun(.environment) { expected = true }
            // (`in prof`, `on stag`: a four-letter slip of a short alias, only where one is expected.)
            let placed = p >= 0 && [Tag.prep(.inside), .prep(.to), .prep(.from)].contains(lexemes[p].tag)
            guard expected, let name = environments.resolve(w) ?? (placed ? environments.resolveSlip(w) : nil) else { continue }
            lexemes[k].tag = .env(name)
            lexemes[k].fuzzy = true
        }
    }

    /// `bounce triage on stg`, `tail triage logs`, `set cpu requests for triage to 250m`: a
    /// verb of another operation where the workload goes (right after the command's verb, or
    /// after `of`/`for` once a command was given) and before what follows a workload (a
    /// place, a count, the end) is the workload's name.
    private func resolveVerbsAsNames(_ lexemes: inout [Lexeme]) {
        for k in lexemes.indices.dropFirst() {
            guard case .verb(let verb) = lexemes[k].tag, lexemes[k].end - lexemes[k].first == 1, !lexemes[k].breakBefore,
                  lexemes[k].word.utf8.count >= 4, !Self.functionVerbs.contains(lexemes[k].word), !lexemes[k].word.hasSuffix("ing")
            else { continue }
            var p = k - 1
            while p > 0, lexemes[p].tag == .article { p -= 1 }
            let named: Bool
            switch lexemes[p].tag {
            case .verb(let command):
                named = command != verb && ![.lead, .want, .ambiguous, .set, .give].contains(command)
            case .prep(.of), .prep(.for):
                named = lexemes[..<p].contains { if case .verb(let command) = $0.tag { command != verb && command != .lead } else { false } }
            default:
                named = false
            }
            guard named else { continue }
            let next = k + 1 < lexemes.count ? lexemes[k + 1] : nil
            let closes: Bool
            switch next?.tag {
            // (`the rollout of checkout-web`: a change named as a noun.)
            case .prep(.of)?, .prep(.for)?: closes = false
            case nil, .prep?, .env?, .number?, .version?, .unit(.replica)?, .noun(.logs)?, .noun(.workload)?, .particle?: closes = true
            default: closes = false
            }
            if closes { lexemes[k].tag = .word }
        }
    }

    /// Verbs too common to be taken for a workload's name.
    private static let functionVerbs: Set<String> = [
        "show", "check", "list", "view", "make", "give", "need", "want", "help", "look", "find", "tell", "keep", "take", "bring",
        "stop", "start", "fix", "pause", "hold", "print", "display", "grab", "pull", "fetch", "tail", "follow", "watch",
        // Changes named as nouns: `resume the rollout`, `roll back the release`.
        "rollout", "release", "deploy", "deployment", "redeploy", "restart", "rollback", "upgrade", "update", "scale", "build",
        "canary", "revert", "reboot", "launch", "push", "resize", "status", "describe", "inspect", "health", "logs",
    ]

    /// `rs payments prd` restarts; `show rs of payments` asks for kubectl's ReplicaSets, which
    /// is not a restart.
    private func resolveReplicaSets(_ lexemes: inout [Lexeme]) {
        for k in lexemes.indices.dropFirst() where lexemes[k].word == "rs" && lexemes[k].tag == .verb(.restart) {
            switch lexemes[k - 1].tag {
            case .noun(.status), .verb(.status), .verb(.show): lexemes[k].tag = .word
            default: break
            }
        }
    }

    /// When nothing in the sentence says what to do, a word one typo away from a verb is
    /// taken as that verb (`restrat`, `deplyo`, `rollbak`).
    private func resolveFuzzyVerb(_ lexemes: inout [Lexeme]) {
        // `resmue`, `scael`, `budjet`: two letters swapped, or a key noun one slip away, are
        // read as meant even beside other verbs.
        for k in lexemes.indices where lexemes[k].tag == .word {
            let w = lexemes[k].word
            guard w.utf8.count >= 5, w.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
            let letters = w.sorted()
            let swapped = Tagger.fuzzyVerbLetters.filter { verb, sorted, _ in
                sorted == letters && EditDistance.damerauLevenshtein(w, verb, limit: 1) == 1
            }.map { ($0.0, $0.2) }
            let nouns = Tagger.fuzzyNouns.filter { noun, _ in EditDistance.damerauLevenshtein(w, noun, limit: 1) == 1 }
            let found = swapped.isEmpty ? nouns : swapped
            if found.count == 1 || Set(found.map { "\($0.1)" }).count == 1, let tag = found.first?.1 {
                lexemes[k].tag = tag
                lexemes[k].fuzzy = true
                // (`promte cart-api`: read on as the word meant.)
                if found.count == 1, let meant = found.first?.0 { lexemes[k].word = meant }
            }
        }
        for l in lexemes {
            switch l.tag {
            case .verb, .noun(.logs), .noun(.cost), .noun(.budget), .noun(.status): return
            default: continue
            }
        }
        for k in lexemes.indices where lexemes[k].tag == .word {
            let w = lexemes[k].word
            let length = w.utf8.count
            guard length >= 5, w.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
            var best: (tag: Tag, distance: Int, verb: String)?
            var tie = false
            for (verb, tag) in Tagger.fuzzyVerbs {
                // Long verbs take two slips (`rolbak`) when the word starts as the verb does.
                let limit = verb.utf8.count >= 8 && length >= 6 && w.prefix(2) == verb.prefix(2) ? 2 : 1
                let d = EditDistance.damerauLevenshtein(w, verb, limit: limit)
                guard d <= limit else { continue }
                if let b = best, b.distance == d, b.tag != tag { tie = true }
                if best == nil || d < best!.distance { best = (tag, d, verb); tie = false }
            }
            if let best, !tie {
                lexemes[k].tag = best.tag
                lexemes[k].fuzzy = true
                lexemes[k].word = best.verb
                return
            }
        }
    }

    /// `lgs`, `logz`, `lofs`: one slip from `logs` where no logs are named.
    private func resolveFuzzyLogs(_ lexemes: inout [Lexeme]) {
        guard !lexemes.contains(where: { $0.tag == .noun(.logs) }) else { return }
        for k in lexemes.indices where lexemes[k].tag == .word {
            let w = lexemes[k].word
            guard (3...5).contains(w.utf8.count), w.hasPrefix("l"), w.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { continue }
            if EditDistance.damerauLevenshtein(w, "logs", limit: 1) <= 1 {
                lexemes[k].tag = .noun(.logs)
                lexemes[k].fuzzy = true
                return
            }
        }
    }

    /// Verbs worth a typo: long enough that one slip does not turn another word into them.
    /// Nouns that decide an operation, read through one slip: `budjet`, `memmory`, `evnets`.
    static let fuzzyNouns: [(String, Tag)] = [
        ("budget", .noun(.budget)), ("events", .noun(.events)), ("canary", .noun(.canary)), ("memory", .noun(.memory)),
        ("replicas", .unit(.replica)),
    ]

    /// `fuzzyVerbs` with each verb's letters sorted, to find two letters swapped.
    private static let fuzzyVerbLetters: [(String, [Character], Tag)] = fuzzyVerbs.map { ($0.0, $0.0.sorted(), $0.1) }

    static let fuzzyVerbs: [(String, Tag)] = [
        ("deploy", .verb(.deploy)), ("release", .verb(.deploy)), ("install", .verb(.deploy)),
        ("restart", .verb(.restart)), ("reboot", .verb(.restart)), ("bounce", .verb(.restart)),
        ("rollback", .verb(.rollback)), ("revert", .verb(.rollback)),
        ("delete", .verb(.delete)), ("destroy", .verb(.delete)), ("decommission", .verb(.delete)),
        ("uninstall", .verb(.delete)), ("scale", .verb(.scale)), ("status", .verb(.status)),
        ("describe", .verb(.status)), ("budget", .noun(.budget)), ("promote", .verb(.deploy)),
        ("diagnose", .verb(.diagnose)), ("troubleshoot", .verb(.diagnose)), ("autoscale", .verb(.autoscale)),
        ("unpause", .verb(.resume)), ("resume", .verb(.resume)), ("events", .noun(.events)), ("canary", .noun(.canary)),
    ]
}
