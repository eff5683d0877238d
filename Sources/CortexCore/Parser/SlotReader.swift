/// A number and the words around it that say what it counts.
struct CountPhrase: Equatable, Sendable {
    var value: Int
    /// A replica noun follows (`3 replicas`, `a replica`).
    var hasReplicaUnit = false
    /// `more`/`another` or `fewer`/`less` goes with it.
    var relative: Direction?
    /// The preposition right before it: `to 3`, `by 2`, `from 2`, `with 3`.
    var preposition: Prep?
    /// It follows `last`/`first`/`latest`: a line count in a logs request.
    var afterRelativeWord = false
}

/// Everything the sentence states besides the operation, read once and left for the
/// operation builder to accept or reject.
struct Slots {
    var environments: [(name: String, isSource: Bool)] = []
    var fuzzyEnvironments = 0
    /// A word where an environment belongs that names none (`in login`).
    var strayEnvironment: String?
    /// The word after `to` in a deploy: an environment when a workload is named elsewhere.
    var wordAfterTo: String?
    var counts: [CountPhrase] = []
    var signed: [Int] = []
    var versions: [String] = []
    /// `latest` used as an adjective (`deploy the latest api`).
    var latest = false
    var decimals: [String] = []
    var images: [String] = []
    /// Services named as `name:tag`.
    var taggedServices: [String] = []
    /// The name after `as`/`named`/`called`.
    var explicitName: String?
    var amounts: [Double] = []
    /// `by $100`: a change of amount rather than an amount.
    var amountIsChange = false
    var periods: [Period] = []
    var revisions: [Int] = []
    var hashNumbers: [Int] = []
    var lines: [Int] = []
    /// `2 revisions back`: a count of revisions rather than a revision.
    var revisionCount = false
    var candidates: [String] = []
    var invalidName: String?
    /// `1.0.0~beta`: a token shaped like a version that no version rule reads.
    var unreadableVersion: String?
    /// Two plain words side by side where a workload belongs (`api gateway`).
    var splitName: String?
    /// Words nothing explains.
    var leftovers: [String] = []
    var negation = false
    var pronoun: String?
    var everything = false
    /// `all replicas`: every replica, as in `remove all replicas from api`.
    var allReplicas = false
    var vague: String?
    var multiplier: String?
    var foreignCurrency: String?
    var badPeriod: String?
    var commandFlag: String?
    /// Workload kinds named (`statefulset`, `sts/kafka`, `the payments deployment`).
    var kinds: [WorkloadKind] = []
    /// A workload named as `kind/name`.
    var kindNamed: String?
    /// How far back, canonical (`15m`), for logs and events.
    var since: [String] = []
    /// Environment variables to set or remove, in the order written.
    var env: [(name: String, value: EnvValue)] = []
    /// Variable names written without a value (`unset DEBUG`).
    var bareVariables: [String] = []
    var cpu: [String] = []
    var memory: [String] = []
    /// A quantity with no unit that says what it measures.
    var unclearQuantity: String?
    var scope: [ResourceScope] = []
    var percents: [Int] = []
    var ranges: [(Int, Int)] = []
    var minimum: [Int] = []
    var maximum: [Int] = []
    /// Words of trouble (`failing`, `wrong`): explained, never a workload.
    var trouble = false
    /// Explained words (`load`, `target`) where a workload could stand: the workload only
    /// when the sentence names no other.
    var weakCandidates: [String] = []
}

/// Reads the slots of a sentence: environments, counts with what they count, versions,
/// images, amounts, periods and the workload.
///
/// A workload is only taken from a slot position: right after the verb (past `the`, `my`,
/// adjectives), after `of`/`for`/`from`/`to`/`as`, before a noun such as `service`, `logs` or
/// `replicas`, as the subject of a question, at the start of a clause, or anywhere when it is
/// shaped like a name (`api-gateway`, `web2`) or is a known service. Other words are
/// unexplained and lower the confidence.
struct SlotReader {
    let sentence: Sentence
    let family: Family
    let knownServices: Set<String>

    func read() -> Slots {
        var slots = Slots()
        let lx = sentence.lexemes
        let end = sentence.end
        var used = [Bool](repeating: false, count: lx.count)
        // `roll back ledger-core, the 4.12 build is corrupting balances`, `…, it listens on
        // 9092`: numbers and versions in a comment are not the request's.
        let comments = commentClauses()
        // (`autoscale … , holding 65% cpu across all pods`: a target for the processor is the
        // autoscaler's, in whatever clause.)
        // (`…; the last load test hit 80% cpu` tells what happened.)
        let cpuClauses = family == .autoscale ? Set((0..<end).filter { k in
            guard lx[k].tag == .noun(.cpu) else { return false }
            let opening = (0..<end).first { sentence.segment[$0] == sentence.segment[k] && lx[$0].tag != .conj }
            return opening.map { lx[$0].raw.lowercased().split(separator: " ").first?.hasSuffix("ing") ?? false } ?? false
        }.map { sentence.segment[$0] }) : []
        for k in 0..<end where comments.contains(sentence.segment[k]) && Self.isValue(lx[k].tag) {
            if case .percent = lx[k].tag, cpuClauses.contains(sentence.segment[k]) { continue }
            used[k] = true
        }
        readWorkloadSlots(&slots, &used)
        func tag(_ k: Int) -> Tag? { sentence.tag(k) }
        /// The next index at or after `k` that is not an article.
        func skipArticles(_ k: Int) -> Int {
            var j = k
            while j < end, lx[j].tag == .article { j += 1 }
            return j
        }

        for k in 0..<end where !used[k] {
            let l = lx[k]
            switch l.tag {
            // `staging looks green, so ship pdf-render to production`: an environment a comment
            // mentions is not the target when the request names one.
            case .env where lx[k].commentary && (0..<end).contains(where: { j in
                guard !lx[j].commentary, case .env = lx[j].tag else { return false }
                return true
            }):
                break
            case .env(let name):
                var p = k - 1
                while p >= 0, lx[p].tag == .article { p -= 1 }
                let isSource = p >= 0 && lx[p].tag == .prep(.from) && family == .deploy
                slots.environments.append((name, isSource))
                if l.fuzzy { slots.fuzzyEnvironments += 1 }
            case .prep(.inside):
                let j = skipArticles(k + 1)
                // `in pod`: a noun where an environment belongs does not name one either.
                if j < end, case .unit(.replica) = lx[j].tag, lx[j].end - lx[j].first == 1, family != .status {
                    slots.strayEnvironment = lx[j].raw
                }
                // `…, customers in Berlin see 502s`: a place in a comment is not an environment.
                guard j < end, lx[j].tag == .word, !used[j], !lx[j].commentary else { break }
                // `stuck in pending`, `in the last hour`, `at least 4`: not a place.
                if ["least", "most"].contains(lx[j].word) { break }
                // `approved it in the channel`, `as said in the standup`: where people talk.
                if Self.conversationPlaces.contains(lx[j].word) { break }
                if Evidence.troubleWords.contains(lx[j].word) || Self.explainedWords.contains(lx[j].word) { break }
                // `errors in payments logs`, `the hpa on payments`: a workload, by what is said of it.
                if j + 1 < end, Self.workloadNouns.contains(where: { $0 == lx[j + 1].tag }) { break }
                if let before = (0..<k).last(where: { lx[$0].tag != .article }),
                   Self.workloadNouns.contains(where: { $0 == lx[before].tag }), ["on", "for", "of"].contains(l.word)
                {
                    break
                }
                // `spend on api` names a workload; elsewhere `in X` must be an environment,
                // unless X is shaped like a workload name (`capacity on search-indexer`).
                if (family == .cost || Self.namesWorkloadAfterOn.contains(family)) && (l.word == "on" || l.word == "for") { break }
                if Self.isNameShaped(lx[j].word) || knownServices.contains(lx[j].word) { break }
                // `what's broken in feed on prod`: with an environment named, `in feed` is a workload.
                if sentence.range.contains(where: { if case .env = lx[$0].tag { true } else { false } }) { break }
                slots.strayEnvironment = lx[j].raw
                used[j] = true
            // `from the demo environment`: a word named as an environment that is not one.
            case .word where k > 0 && k + 1 < end && lx[k + 1].tag == .noun(.environment) && ["environment", "cluster", "site"].contains(lx[k + 1].word)
                && (lx[k - 1].tag == .article || lx[k - 1].tag == .prep(.from) || lx[k - 1].tag == .prep(.inside) || lx[k - 1].tag == .prep(.to))
                && !used[k] && !lx[k].commentary && !Self.isNameShaped(l.word):
                slots.strayEnvironment = slots.strayEnvironment ?? l.raw
                used[k] = true
            case .prep(.to) where family == .deploy:
                let j = skipArticles(k + 1)
                if j < end, lx[j].tag == .word { slots.wordAfterTo = lx[j].word }
            case .number(let value):
                readNumber(value, at: k, &slots, &used)
            case .indefinite:
                if case .unit(.replica)? = tag(k + 1) {
                    slots.counts.append(CountPhrase(value: 1, hasReplicaUnit: true, preposition: prepBefore(k)))
                } else if tag(k + 1) == .more, case .unit(.replica)? = tag(k + 2) {
                    slots.counts.append(CountPhrase(value: 1, hasReplicaUnit: true, relative: .up, preposition: prepBefore(k)))
                    used[k + 1] = true
                }
            case .quantity(let q):
                if case .number? = tag(k + 1) { break }  // "another 2 replicas": the number reads it
                // `the last couple of hours`: a look-back counted in words.
                if family == .logs || family == .events || family == .diagnose, k + 1 < lx.count, let t = Self.timeUnits[lx[k + 1].word] {
                    slots.since.append("\(q * t.multiplier)\(t.unit)")
                    used[k] = true
                    used[k + 1] = true
                    break
                }
                // `a minimum of a couple of replicas`: an autoscaler's bound in words.
                if family == .autoscale, k >= 2, let bound = SlotReader.autoscalerBound(lx[k - 1].word == "of" ? lx[k - 2].word : lx[k - 1].word) {
                    if bound == .min { slots.minimum.append(q) } else { slots.maximum.append(q) }
                    used[k] = true
                    break
                }
                var c = CountPhrase(value: q, preposition: prepBefore(k))
                // `another`, `one extra`, `one additional`: one more than now.
                if l.word == "another" || l.raw.lowercased().hasSuffix(" extra") || l.raw.lowercased().hasSuffix(" additional") || tag(k + 1) == .more {
                    c.relative = .up
                }
                if tag(k + 1) == .fewer { c.relative = .down }
                var j = k + 1
                if tag(j) == .more || tag(j) == .fewer { j += 1 }
                if case .unit(.replica)? = tag(j) { c.hasReplicaUnit = true }
                slots.counts.append(c)
            case .signed(let v):
                slots.signed.append(v)
            case .decimal:
                if case .unit(.version)? = tag(k - 1) { slots.versions.append(l.raw) } else { slots.decimals.append(l.raw) }
            case .version:
                slots.versions.append(l.raw)
            case .serviceTag(let service, let version):
                slots.taggedServices.append(service)
                slots.versions.append(version)
            case .image:
                slots.images.append(l.raw)
            case .money(let a):
                slots.amounts.append(a)
                if prepBefore(k) == .by { slots.amountIsChange = true }
            case .moneyPer(let a, let p):
                slots.amounts.append(a)
                slots.periods.append(p)
            case .period(let p):
                slots.periods.append(p)
            case .badPeriod:
                slots.badPeriod = l.raw
            case .hashNumber(let n):
                slots.hashNumbers.append(n)
            case .flag:
                slots.commandFlag = l.raw
            case .unit(.version):
                let j = skipArticles(k + 1)
                // `…the previous version, students can't submit`: a value stays in its clause
                // (`version: 2.7.1` goes on past the colon).
                guard j < end, !used[j], !lx[j].breakBefore || lx[k].colonAfter else { break }
                switch lx[j].tag {
                case .word, .number, .decimal, .version, .relative:
                    if lx[j].tag == .relative && lx[j].word != "latest" { break }
                    // `the build that finished`: a version has a digit in it, or is a channel name.
                    if lx[j].tag == .word, !lx[j].word.contains(where: \.isNumber),
                       !["latest", "stable", "main", "master", "head", "edge", "nightly", "canary", "beta", "alpha"].contains(lx[j].word)
                    {
                        break
                    }
                    slots.versions.append(lx[j].raw)
                    used[j] = true
                default: break
                }
            case .unit(.image):
                let j = skipArticles(k + 1)
                guard j < end, !used[j], !lx[j].breakBefore || lx[k].colonAfter else { break }
                switch lx[j].tag {
                case .word, .serviceTag, .image:
                    // `set image payments to v4.0.3`: a bare name after `image` names the workload.
                    if lx[j].tag == .word, !lx[j].raw.contains(where: { ":/@.".contains($0) }) { break }
                    slots.images.append(lx[j].raw)
                    used[j] = true
                default: break
                }
            case .prep(.as):
                let j = skipArticles(k + 1)
                guard j < end, !used[j], lx[j].tag == .word else { break }
                slots.explicitName = lx[j].word
                used[j] = true
                // What stands before `as` is an image, even without a registry path.
                var p = k - 1
                while p >= 0, lx[p].tag == .article { p -= 1 }
                if p >= 0, slots.images.isEmpty {
                    switch lx[p].tag {
                    case .serviceTag:
                        slots.images.append(lx[p].raw)
                        slots.taggedServices.removeLast()
                        slots.versions.removeLast()
                    case .word:
                        slots.images.append(lx[p].raw)
                        used[p] = true
                    default: break
                    }
                }
            case .relative:
                if l.word == "latest" {
                    switch tag(k + 1) {
                    case .number?, .unit(.line)?, .noun(.logs)?: break
                    default: slots.latest = true
                    }
                }
            case .negation:
                // `abort the canary`, `cancel autoscaling`: the operation, not a refusal of it.
                let ends = (["abort", "cancel"].contains(l.word) && (family == .abort || family == .autoscale))
                    || (l.word == "no" && family == .autoscale)
                // `I'm not sure how this works, but please restart search`: a negation in a
                // clause without a verb, before a `but`, does not deny the request.
                let setAside = !clauseHasVerb(k) && (k + 1..<lx.count).contains { lx[$0].word == "but" }
                // `won't you?`, `why don't you go ahead and…`, `can't you just…`: a request.
                let askedOfYou = ["won't", "wont", "don't", "dont", "can't", "cant", "couldn't", "couldnt", "wouldn't", "wouldnt"].contains(l.word)
                    && (l.raw.lowercased().hasSuffix(" you") || (k + 1 < lx.count && ["you", "u", "ya"].contains(lx[k + 1].word))
                        || (k + 1 < lx.count && lx[k + 1].tag == .filler && lx[k + 1].raw.lowercased().hasPrefix("you")))
                // `don't bother with a canary, deploy auth v3.1.0`, `not a restart — roll search
                // back`: a clause that rules something out, then a command of its own.
                let ruledOut = Self.commandFollows(k, sentence)
                // `abort the canary, it is not behaving well`: a remark beside the request.
                let remark = l.commentary && k + 1 < sentence.end && !lx[k + 1].breakBefore
                if !ends, !setAside, !askedOfYou, !ruledOut, !remark { slots.negation = true }
            case .noun(.pronoun): slots.pronoun = l.raw
            case .noun(.everything):
                slots.everything = true
                if case .unit(.replica)? = tag(k + 1) { slots.allReplicas = true }
            case .vague: slots.vague = l.raw
            case .multiplier: slots.multiplier = l.raw
            case .foreignCurrency: slots.foreignCurrency = l.raw
            default: break
            }
        }
        readWords(&slots, used)
        // `restart gateway, it's stuck in prod`: where the request names no environment, the one
        // its comment places the trouble in is meant.
        if slots.environments.isEmpty {
            let named = Set((end..<lx.count).compactMap { k -> String? in
                guard case .env(let name) = lx[k].tag, k > 0, lx[k - 1].tag == .prep(.inside) else { return nil }
                return name
            })
            if named.count == 1, let name = named.first { slots.environments.append((name, false)) }
        }
        return slots
    }

    func prepBefore(_ k: Int) -> Prep? {
        if case .prep(let p)? = sentence.tag(k - 1) { return p }
        return nil
    }

    private func readNumber(_ value: Int, at k: Int, _ slots: inout Slots, _ used: inout [Bool]) {
        let lx = sentence.lexemes
        func tag(_ i: Int) -> Tag? { sentence.tag(i) }
        // `revision like twelve`, `revision number 12`: a filler between a unit and its number.
        var b = k - 1
        while b > 0, lx[b].tag == .filler, !lx[b + 1].breakBefore { b -= 1 }
        let before = tag(b), after = tag(k + 1)
        // `port 8443`: a port is not a count.
        if k > 0, ["port", "ports"].contains(lx[k - 1].word) {
            used[k] = true
            return
        }
        switch (before, after) {
        case (.lineFlag?, _):
            slots.lines.append(value)
        case (.unit(.revision)?, _):
            slots.revisions.append(value)
        case (.unit(.version)?, _):
            slots.versions.append(lx[k].raw)
        case (.currency?, _), (_, .currency?):
            slots.amounts.append(Double(value))
        case (_, .unit(.line)?):
            slots.lines.append(value)
        case (_, .unit(.revision)?):
            // `one revision back` is the previous revision; more is a count nobody can act on.
            if value != 1 || family != .rollback { slots.revisionCount = true }
        case (_, .badPeriod?) where family == .logs || family == .events,
             (_, .period?) where family == .logs || family == .events:
            break  // a look-back: read with the other workload slots
        default:
            var c = CountPhrase(value: value, preposition: prepBefore(k))
            if case .relative? = before { c.afterRelativeWord = true }
            if before == .quantity(1), lx[k - 1].word == "another" { c.relative = .up }
            var j = k + 1
            if tag(j) == .more {
                c.relative = .up
                j += 1
            } else if tag(j) == .fewer {
                c.relative = .down
                j += 1
            }
            if case .unit(.replica)? = tag(j) { c.hasReplicaUnit = true }
            if case .period? = tag(j), family == .budget || family == .cost {
                slots.amounts.append(Double(value))
                return
            }
            slots.counts.append(c)
        }
    }

    /// The clauses (`Sentence.segment`) that hold an operation or what it acts on.
    private func requestClauses() -> Set<Int> {
        let lx = sentence.lexemes
        // `what's wrong with etl-2024, job 8812 took 3h`: beside a clause marked as
        // commentary, a question asks.
        let commented = sentence.range.contains { lx[$0].commentary }
        return Set(sentence.range.filter { k in
            if lx[k].commentary { return false }
            if commented, case .question = lx[k].tag { return true }
            if case .verb = lx[k].tag, Sentence.isNounUse(lx, k) { return false }
            // `…, abort media in production`: `abort` and `cancel` ask for an operation too.
            if lx[k].tag == .negation, ["abort", "cancel"].contains(lx[k].word) { return true }
            return Sentence.operationGroup(lx, k) != nil || Self.cuesAWorkload(lx[k].tag)
        }.map { sentence.segment[$0] })
    }

    /// The clauses that are comments: prose without an operation, in a line where another
    /// clause has one. A clause of bare values (`min 2`, `last 2h`, `web-frontend 4.0.0 to
    /// staging`) continues the request instead.
    private func commentClauses() -> Set<Int> {
        let lx = sentence.lexemes
        let segment = sentence.segment
        let requests = requestClauses()
        guard !requests.isEmpty else { return [] }
        var proseWords: [Int: Int] = [:]
        for k in lx.indices {
            switch lx[k].tag {
            case .word where !Self.isNameShaped(lx[k].word) && !knownServices.contains(lx[k].word),
                 .noun(.pronoun), .noun(.generic), .adjective, .question:
                proseWords[segment[k], default: 0] += 1
            default: break
            }
        }
        let commentary = Set(lx.indices.filter { lx[$0].commentary }.map { segment[$0] })
        // `ship api 1.9 to live, sending 20% of traffic to the canary first`: the clause that
        // sizes a deploy's canary is part of the request.
        // (`…, the canary at 5% was bad last week` tells of another.)
        let told = Set(lx.indices.filter { ["was", "were", "had", "did", "last", "yesterday", "ago"].contains(lx[$0].word) }.map { segment[$0] })
        let sizesCanary = family == .deploy ? Set(lx.indices.filter { lx[$0].tag == .noun(.canary) }.map { segment[$0] }).subtracting(told) : []
        return Set(segment).subtracting(requests).subtracting(sizesCanary).filter { proseWords[$0, default: 0] >= 2 || commentary.contains($0) }
    }

    /// Where people talk or write, which a line names with `in` without meaning an environment.
    static let conversationPlaces: Set<String> = [
        "channel", "thread", "chat", "meeting", "standup", "stand-up", "ticket", "doc", "docs", "email", "slack", "call",
        "retro", "sync", "spreadsheet", "runbook", "wiki", "dm", "dms", "huddle", "postmortem", "writeup", "write-up",
    ]

    /// Numbers, versions and amounts: what a comment may mention without asking for it.
    private static func isValue(_ tag: Tag) -> Bool {
        switch tag {
        case .number, .decimal, .version, .measure, .percent, .money, .moneyPer, .range, .signed, .hashNumber: true
        default: false
        }
    }

    /// `two-node`, `40-node`, `two-year-old`, `quarter-traffic`, `3-replica`.
    static func isMeasureAdjective(_ word: String) -> Bool {
        guard word.contains("-") else { return false }
        let parts = word.split(separator: "-").map(String.init)
        // (`two-year-old` at most: `multi-region-proxy` and `2-step-verify` are names.)
        guard parts.count == 2 || (parts.count == 3 && parts[2] == "old"), let head = parts.first else { return false }
        let counted = head.allSatisfy(\.isNumber) || NumberWords.digits(head) != nil
            || ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "half", "quarter"].contains(head)
        return counted && measureUnits.contains(parts[1])
    }

    /// `over-provisioned`, `under-resourced`, `well-tested`, `half-deployed`.
    static func isDegreeParticiple(_ word: String) -> Bool {
        let parts = word.split(separator: "-")
        guard parts.count == 2, ["over", "under", "well", "ill", "half", "badly", "poorly", "fully", "self", "mis"].contains(parts[0]) else { return false }
        return parts[1].hasSuffix("ed") || parts[1].hasSuffix("en")
    }

    private static let measureUnits: Set<String> = [
        "node", "nodes", "year", "years", "old", "month", "months", "day", "days", "week", "weeks", "hour", "hours",
        "minute", "minutes", "traffic", "replica", "replicas", "pod", "pods", "core", "cores", "gig",
    ]

    /// Whether a later clause than the one holding `k` opens with a command and holds no
    /// negation: the negation at `k` rules out something else.
    static func commandFollows(_ k: Int, _ sentence: Sentence) -> Bool {
        let lx = sentence.lexemes
        let segment = sentence.segment
        guard let start = (k + 1..<sentence.end).first(where: { segment[$0] != segment[k] }) else { return false }
        var j = start
        while j < sentence.end, lx[j].tag == .filler || lx[j].tag == .conj { j += 1 }
        guard j < sentence.end, segment[j] == segment[start] else { return false }
        let opensWithCommand: Bool
        switch lx[j].tag {
        case .verb(let v): opensWithCommand = v != .lead && !lx[j].word.hasSuffix("ing") && !lx[j].word.hasSuffix("ed")
        case .negation where ["abort", "cancel"].contains(lx[j].word): opensWithCommand = true
        default: opensWithCommand = false
        }
        guard opensWithCommand else { return false }
        return !(start..<sentence.end).contains { lx[$0].tag == .negation && !["abort", "cancel"].contains(lx[$0].word) }
    }

    /// Whether the clause (between punctuation) holding `k` has a verb in it.
    private func clauseHasVerb(_ k: Int) -> Bool {
        sentence.lexemes.indices.contains { j in
            guard sentence.segment[j] == sentence.segment[k], case .verb = sentence.lexemes[j].tag else { return false }
            return true
        }
    }

    /// Sorts the remaining words into workload candidates and unexplained words.
    private func readWords(_ slots: inout Slots, _ used: [Bool]) {
        let lx = sentence.lexemes
        // `scale events to 3`, `restart status in staging`, `logs for status`, `status of
        // status`: a workload named like the nouns of a read, where a name stands and the
        // operation does not read that noun, or after `for`/`of` when the noun was said before.
        for k in 0..<sentence.end where !used[k] && !lx[k].commentary && lx[k].end - lx[k].first == 1 {
            let noun: Family
            switch lx[k].tag {
            case .noun(.status) where lx[k].word == "status", .verb(.status) where lx[k].word == "status": noun = .status
            case .noun(.events) where lx[k].word == "events": noun = .events
            default: continue
            }
            let afterForOf = k > 0 && (lx[k - 1].tag == .prep(.for) || lx[k - 1].tag == .prep(.of))
            let saidBefore = (0..<k).contains { lx[$0].tag == lx[k].tag }
            let directlyAfterVerb: Bool = {
                guard k > 0, case .verb = lx[k - 1].tag else { return false }
                return true
            }()
            if family != noun ? (directlyAfterVerb || afterForOf) : (afterForOf && saidBefore) {
                if !slots.candidates.contains(lx[k].word) { slots.candidates.append(lx[k].word) }
            }
        }
        // `restart the mail service`, `logs for mail`: an everyday noun that teams also give
        // their services names a workload where a name stands, the more surely when a workload
        // noun follows it; never after `my`/`your` (`delete my email`).
        for k in 0..<sentence.end where lx[k].tag == .noun(.generic) && SlotReader.nameableNouns.contains(lx[k].word) && !used[k] {
            // `…is broken for customers, go back`: in a comment, the people something is for.
            // (`…on the mail canary, cancel the canary` still names mail.)
            if lx[k].commentary, k > 0, case .prep = lx[k - 1].tag,
               !(k + 1 < sentence.end && Self.workloadNouns.contains(where: { $0 == lx[k + 1].tag }))
            {
                continue
            }
            guard isSlot(k), k == 0 || !["my", "your", "his", "her", "their"].contains(lx[k - 1].word) else { continue }
            let word = lx[k].word
            // `the monthly spend for mail`, `why is mail failing`: where a name stands.
            // (`8% of users` counts people, not a workload.)
            let counted = k >= 2 && { () -> Bool in
                switch lx[k - 2].tag {
                case .percent, .number, .vague, .quantity, .noun(.everything): return true
                default: return false
                }
            }()
            let namedBefore = k > 0 && (lx[k - 1].tag == .prep(.for) || (lx[k - 1].tag == .prep(.of) && !counted) || ["is", "isn't", "does", "did", "was", "what's", "how's"].contains(lx[k - 1].raw.lowercased().split(separator: " ").last.map(String.init) ?? ""))
            // (`mail cost today`, `mail logs`: the word before what is asked of it.)
            let namesWhatFollows = k + 1 < sentence.end && [Tag.noun(.cost), .noun(.logs), .noun(.events), .noun(.status)].contains(lx[k + 1].tag)
            let followedByWorkloadNoun = k + 1 < sentence.end && Self.workloadNouns.contains(lx[k + 1].tag)
            // `broken for customers`, `in front of users`: the people a service is for, a name
            // only when nothing else is named.
            let peopleServed = ["customers", "users"].contains(word) && k > 0 && ["for", "of", "to"].contains(lx[k - 1].word)
            if !peopleServed && namedBefore || followedByWorkloadNoun || namesWhatFollows || lx[k].possessive {
                if !slots.candidates.contains(word) { slots.candidates.append(word) }
            } else if !slots.weakCandidates.contains(word) {
                slots.weakCandidates.append(word)
            }
        }
        // `abort the search canary in prod, p99 is awful`: a clause with no operation in it is a
        // comment; its words name a workload only when the request's clause names none.
        let segment = sentence.segment
        let requestClauses = requestClauses()
        var commentCandidates: [Int] = []
        defer {
            // `deploy mail 1.18.3 to staging, qa is waiting on it`: a word that may name a
            // workload in the request's own clause outranks a name in a comment.
            let weakInRequest = slots.weakCandidates.contains { word in
                SlotReader.nameableNouns.contains(word) && (0..<sentence.end).contains { lx[$0].word == word && requestClauses.contains(segment[$0]) }
            }
            // A budget or a cost names no workload of a comment (`…, finance confirmed`). A
            // request that does not point back to the comment (`…, remove two replicas of it`,
            // `…, cancel the canary`) takes from it only a name shaped like one or what the
            // comment is about (`cart is broken, roll back`): in `scale to 6 in staging, 14:00
            // is the cutoff` the cutoff is no workload.
            let pointsBack = (0..<sentence.end).contains { k in
                guard requestClauses.contains(segment[k]) else { return false }
                if lx[k].tag == .noun(.pronoun) || ["it", "its", "them", "their"].contains(lx[k].word) { return true }
                return k > 0 && lx[k - 1].tag == .article && Self.workloadNouns.contains(where: { $0 == lx[k].tag })
            }
            func isTopic(_ k: Int) -> Bool {
                if Self.isNameShaped(lx[k].word) || knownServices.contains(lx[k].word) { return true }
                let verb = (k..<sentence.end).first { j in
                    guard segment[j] == segment[k] else { return false }
                    if case .verb = lx[j].tag { return true }
                    return ["is", "are", "was", "were", "has", "have", "keeps", "seems", "looks"].contains(lx[j].word)
                }
                if let verb { return (k..<verb).allSatisfy { segment[$0] == segment[k] } }
                // (`scale to zero, going to sleep`: where something goes is no topic.)
                if k > 0, segment[k - 1] == segment[k], lx[k - 1].tag == .prep(.to) { return false }
                // `prod, ledger, restart`: a clause that is only the name.
                return !(0..<sentence.end).contains { $0 != k && segment[$0] == segment[k] && lx[$0].tag == .word }
            }
            // `…, remove that step`: the request names its own object, which is no workload.
            let namesOtherObject = (1..<max(1, sentence.end)).contains { k in
                requestClauses.contains(segment[k]) && lx[k - 1].tag == .article && lx[k].tag == .word && SlotReader.neverNames.contains(lx[k].word)
            }
            if slots.candidates.isEmpty, slots.kindNamed == nil, !weakInRequest, !namesOtherObject, family != .budget, family != .cost {
                // (`delete it, we'll recreate it from scratch later`: what something comes from
                // is not what `it` is.)
                func isPlace(_ k: Int) -> Bool { k > 0 && lx[k - 1].tag == .prep(.from) }
                for k in commentCandidates where !slots.candidates.contains(lx[k].word) && (pointsBack && !isPlace(k) || isTopic(k)) {
                    slots.candidates.append(lx[k].word)
                }
            } else {
                slots.leftovers += commentCandidates.map { lx[$0].raw }
            }
        }
        for k in 0..<sentence.end where lx[k].tag == .word && !used[k] {
            let word = lx[k].word
            if Self.isTicket(lx[k].raw) || Self.isTimeOfDay(word) || Self.isMeasurement(word) { continue }
            // `404ing`, `500ing`: a status code made a verb.
            if word.hasSuffix("ing"), word.first?.isNumber == true { continue }
            if Evidence.troubleWords.contains(word) {
                slots.trouble = true
                continue
            }
            if SlotReader.neverNames.contains(word) { continue }
            // `Black Friday traffic`, `Cyber Monday`, `Prime Day`: a day's name in capitals.
            if k + 1 < sentence.end, Tagger.isCapitalisedName(lx[k].raw), Tagger.isCapitalisedName(lx[k + 1].raw),
               MoodReader.weekdays.contains(lx[k + 1].word) || lx[k + 1].word == "day"
            {
                continue
            }
            // `the two-node dev cluster`, `the 40-node pool`, `the two-year-old deployment`, `the
            // quarter-traffic canary`: a measure made an adjective describes, it names nothing.
            if Self.isMeasureAdjective(word) { continue }
            // `we're over-provisioned on catalog`, `a well-tested build`: an adjective made of
            // a degree and a participle describes, it names nothing.
            if Self.isDegreeParticiple(word) { continue }
            // `the test service hello-world-3`, `the partner build ghcr.io/acme/portal:7.0.2`: a
            // word that describes the service or build named right after it.
            if k + 2 < sentence.end,
               (["service", "app", "deployment", "workload"].contains(lx[k + 1].word) && Self.isNameShaped(lx[k + 2].word)
                   && lx[k + 2].word.contains(where: \.isLetter) && !Self.looksLikeVersion(lx[k + 2].word))
                || (["build", "image"].contains(lx[k + 1].word) && lx[k + 2].raw.contains("/"))
            {
                continue
            }
            // `looks stuck and scary`, `seems slow`: how something looks is no name.
            if k > 0, ["looks", "seems", "feels", "sounds", "appears", "looked", "seemed"].contains(lx[k - 1].word)
                || (k > 2 && ["and", "or"].contains(lx[k - 1].word) && ["looks", "seems", "feels", "sounds", "appears"].contains(lx[k - 3].word))
            {
                continue
            }
            // `the scale-up we asked for`, `the build they shipped`: a verb in the past after its subject.
            if k > 0, ["we", "i", "you", "they", "he", "she"].contains(lx[k - 1].word) || SlotReader.neverNames.contains(lx[k - 1].word),
               word.hasSuffix("ed"), !Self.isNameShaped(word)
            {
                continue
            }
            // `scale to 50 in prod, hurry`: urgency names no workload, though it explains nothing.
            if ["hurry", "pronto", "stat", "fast", "quickly", "urgently"].contains(word) {
                slots.leftovers.append(lx[k].raw)
                continue
            }
            // `the paused checkout release`: a participle before a name describes it.
            if Tagger.isPastTense(word), k > 0, lx[k - 1].tag == .article, k + 1 < sentence.end, lx[k + 1].tag == .word,
               !Self.isNameShaped(word), !knownServices.contains(word)
            {
                continue
            }
            // `quietly resume …`, `restart api gracefully`: an adverb beside a verb.
            // (`tally`, `sally`: a short name that only ends as an adverb does.)
            if word.hasSuffix("ly"), word.count > 5 || ["early", "fully", "newly", "truly", "oddly"].contains(word), [k - 1, k + 1].contains(where: { j in
                guard j >= 0, j < sentence.end, case .verb = lx[j].tag else { return false }
                return true
            }) { continue }
            // `returning`, `getting`, `expecting`: an -ing word is a verb, not a workload, unless
            // the cluster has one by that name; so is a participle (`as agreed`, `has been merged`).
            if Self.isVerbForm(word) && !Self.isNameShaped(word) && !knownServices.contains(word) { continue }
            if word.hasSuffix("ed"), word.count >= 6, k > 0, ["as", "been", "be", "was", "were", "is", "are", "has", "have", "had", "got", "get"].contains(lx[k - 1].word),
               !Self.isNameShaped(word), !knownServices.contains(word) { continue }
            // Words the slots explain name a workload only when nothing else does.
            if SlotReader.explainedWords.contains(word) {
                if isSlot(k), !slots.weakCandidates.contains(word) { slots.weakCandidates.append(word) }
                continue
            }
            // `could you pop the mailer over to 3`: after a polite head and before an article,
            // an unknown word is the verb.
            if k > 0, lx[k - 1].tag == .filler, k + 1 < sentence.end, lx[k + 1].tag == .article,
               ["you", "u", "please", "pls", "plz", "kindly"].contains(lx[k - 1].raw.lowercased().split(separator: " ").last.map(String.init) ?? ""),
               !Self.isNameShaped(word), !knownServices.contains(word)
            {
                slots.leftovers.append(lx[k].raw)
                continue
            }
            let valid = ServiceName.isValid(word)
            let slot = isSlot(k)
            if valid && slot, !requestClauses.isEmpty, !requestClauses.contains(segment[k]), !knownServices.contains(word) {
                commentCandidates.append(k)
                continue
            }
            if valid && slot {
                if !slots.candidates.contains(word) { slots.candidates.append(word) }
                // A plain word next to another plain word: a name in two words, or two names.
                if !Self.isNameShaped(word) && !knownServices.contains(word) {
                    // `why does otp return 503`: after an inverted `does`/`did`, the next word is the verb.
                    let inverted = k > 0 && ["does", "do", "did"].contains(lx[k - 1].word)
                    for j in [k - 1, k + 1] where j >= 0 && j < sentence.end && !used[j] && !(inverted && j == k + 1) {
                        let other = lx[j]
                        guard other.tag == .word, !(j == k + 1 ? other.breakBefore : lx[k].breakBefore) else { continue }
                        if Evidence.troubleWords.contains(other.word) || SlotReader.explainedWords.contains(other.word)
                            || SlotReader.neverNames.contains(other.word) || Self.isVerbForm(other.word) || Self.isTicket(other.raw)
                            || Self.isMeasureAdjective(other.word)
                        {
                            continue
                        }
                        slots.splitName = j < k ? "\(other.raw) \(lx[k].raw)" : "\(lx[k].raw) \(other.raw)"
                    }
                }
            } else if Self.looksLikeVersion(word) {
                slots.unreadableVersion = lx[k].raw
            } else if slot && Self.looksLikeName(word) {
                slots.invalidName = lx[k].raw
            } else {
                slots.leftovers.append(lx[k].raw)
            }
        }
    }

    /// `1.0.0~beta`, `v2.x`, `7.1.2b`: digits and dots, as versions start, in a token no
    /// version rule accepts.
    static func looksLikeVersion(_ word: String) -> Bool {
        let body = word.first == "v" ? word.dropFirst() : Substring(word)
        guard !isMeasurement(word), let first = body.first, first.isNumber, let dot = body.firstIndex(of: ".") else { return false }
        return body[body.index(after: dot)...].first?.isNumber == true || body[body.index(after: dot)...].first == "x"
    }

    /// `1.4s`, `180ms`, `2.5x`, `1.2k`, `0.1%`: a measurement someone reports.
    static func isMeasurement(_ word: String) -> Bool {
        ["%", "s", "ms", "m", "h", "x", "k", "d", "w", "kb", "mb", "gb", "tb", "pb", "kib", "mib", "gib", "tib", "b", "rps", "qps", "rpm", "us", "ns"].contains { unit in
            let body = word.dropLast(unit.count)
            return word.hasSuffix(unit) && body.first?.isNumber == true && body.allSatisfy { $0.isNumber || $0 == "." }
        }
    }

    /// `returning`, `404ing`, `crashlooping`: a word that is a verb's -ing form, not a name.
    static func isVerbForm(_ word: String) -> Bool {
        word.hasSuffix("ing") && word.count > 5 && !gerundNames.contains(word)
    }

    /// `5pm`, `11am`, `9:30am`: a time of day.
    static func isTimeOfDay(_ word: String) -> Bool {
        guard word.hasSuffix("am") || word.hasSuffix("pm") else { return false }
        let digits = word.dropLast(2)
        return !digits.isEmpty && digits.allSatisfy { $0.isNumber || $0 == ":" } && digits.first?.isNumber == true
    }

    /// `INC-4211`, `OPS-77`: a ticket reference, written in capitals as trackers print them.
    static func isTicket(_ raw: String) -> Bool {
        // Two to ten capitals, a dash, one digit or more (`OPS-77`); or two to six capitals
        // and five digits or more with no dash, as change and incident trackers number them
        // (`CHG0051170`, `INC0012345`, `RITM0004411`).
        var capitals = 0
        var digits = 0
        var dash = false
        for b in raw.utf8 {
            if !dash, digits == 0 {
                if b >= 65 && b <= 90 {
                    capitals += 1
                } else if b == 45, (2...10).contains(capitals) {
                    dash = true
                } else if b >= 48 && b <= 57, (2...6).contains(capitals) {
                    digits = 1
                } else {
                    return false
                }
            } else if b >= 48 && b <= 57 {
                digits += 1
            } else {
                return false
            }
        }
        return dash ? digits > 0 : digits >= 5
    }

    /// Words that make the clause they stand in part of the request (what it acts on or where).
    private static func cuesAWorkload(_ tag: Tag) -> Bool {
        switch tag {
        case .noun(.workload), .noun(.canary), .noun(.autoscaler), .noun(.variable), .noun(.memory), .noun(.cpu), .noun(.kind),
             .unit(.replica), .unit(.line), .unit(.revision), .assignment, .kindName, .serviceTag:
            return true
        default:
            return false
        }
    }

    /// Nouns said of a workload: the word beside them is one.
    static let workloadNouns: [Tag] = [
        .noun(.workload), .noun(.logs), .noun(.events), .noun(.canary), .noun(.autoscaler), .noun(.variable),
        .noun(.memory), .noun(.cpu), .unit(.replica),
    ]

    /// Operations where `on X` and `for X` name the workload (`set LOG_LEVEL=debug on payments`).
    static let namesWorkloadAfterOn: Set<Family> = [.setEnv, .setResources, .autoscale, .events, .diagnose, .pause, .resume, .promote, .abort]

    /// Contains a dash or a digit: `api-gateway`, `web2`.
    static func isNameShaped(_ word: String) -> Bool {
        word.utf8.contains { $0 == UInt8(ascii: "-") || ($0 >= 48 && $0 <= 57) }
    }

    /// A word someone meant as a workload name but that is not a valid one (`billing_api`).
    static func looksLikeName(_ word: String) -> Bool {
        word.utf8.contains { $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") }
            && word.utf8.allSatisfy { ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 45 || $0 == 95 || $0 == 46 }
    }

    /// Whether the word at `k` stands where a workload is named.
    private func isSlot(_ k: Int) -> Bool {
        let lx = sentence.lexemes
        let l = lx[k]
        if Self.isNameShaped(l.word) || knownServices.contains(l.word) || l.possessive { return true }
        if k > 0, lx[k - 1].tag == .indefinite { return false }
        // `yo, restart api`: a lone word before a comma is an interjection (`payments: …` names one).
        if k == 0, k + 1 < sentence.end, lx[k + 1].breakBefore, !l.colonAfter { return false }
        if k == 0 || l.breakBefore || lx[k - 1].tag == .conj { return true }
        var p = k - 1
        while p >= 0 {
            switch lx[p].tag {
            case .article, .filler, .adjective, .relative, .indefinite:
                // `…, so payments should …`: the clause starts with the words skipped.
                if lx[p].breakBefore || (p > 0 && lx[p - 1].tag == .conj) { return true }
                p -= 1
                continue
            // `the paused checkout release`: a participle between the article and the name.
            case .word where Tagger.isPastTense(lx[p].word) && p > 0 && lx[p - 1].tag == .article:
                p -= 1
                continue
            // `the two-year-old relay deployment`.
            case .word where Self.isMeasureAdjective(lx[p].word):
                p -= 1
                continue
            default: break
            }
            break
        }
        if p < 0 { return true }
        switch lx[p].tag {
        case .verb, .particle, .question, .noun(.workload), .noun(.logs), .noun(.status), .noun(.cost),
             .noun(.canary), .noun(.kind), .noun(.events), .noun(.autoscaler), .noun(.memory), .noun(.cpu), .noun(.variable):
            return true
        // `set image payments to v4.0.3`: kubectl's words, the workload after them.
        case .unit(.image) where k == p + 1 && !l.raw.contains(where: { ":/@.".contains($0) }):
            return true
        case .negation where ["abort", "cancel"].contains(lx[p].word):
            return true
        case .env:
            // `the staging api`, but not `in staging pronto`.
            if p > 0, case .prep = lx[p - 1].tag { return false }
            return true
        case .number where family == .logs:
            return true
        case .prep(let prep):
            switch prep {
            case .of, .for, .from, .to, .as, .about: return true
            case .inside:
                if family == .cost || (Self.namesWorkloadAfterOn.contains(family) && ["on", "for"].contains(lx[p].word)) { return true }
                if k + 1 < sentence.end, Self.workloadNouns.contains(where: { $0 == lx[k + 1].tag }) { return true }
                // `the hpa on payments`, `env vars for auth`.
                var q = p - 1
                while q >= 0, lx[q].tag == .article { q -= 1 }
                // (`status on checkout in prod`: the word `status` asks it of a workload.)
                let statusWord = q >= 0 && ["status", "health", "update"].contains(lx[q].word)
                return q >= 0 && (Self.workloadNouns.contains { $0 == lx[q].tag } || statusWord) && ["on", "for"].contains(lx[p].word)
            case .with: return family == .diagnose || family == .events
            case .by: return false
            }
        // `set cpu 500m api prod`, `env LOG_LEVEL=debug api stg`: in a line of bare words with
        // no preposition, the word after the value, last or before the environment.
        // `cpu req ledger 250m`: after a resource's scope.
        case .word where Self.scopeWords.contains(lx[p].word)
            && p > 0 && [.noun(.cpu), .noun(.memory)].contains(lx[p - 1].tag):
            return true
        case .measure, .assignment, .range, .percent, .envName:
            var rest = k + 1
            if rest < sentence.end, lx[rest].tag == .prep(.inside) { rest += 1 }
            if rest < sentence.end, case .env = lx[rest].tag { rest += 1 }
            if rest == sentence.end, !(0..<k).contains(where: { if case .prep = lx[$0].tag { return true } else { return false } }) { return true }
        default: break
        }
        var n = k + 1
        while n < sentence.end, lx[n].tag == .filler { n += 1 }
        guard n < sentence.end else { return false }
        switch lx[n].tag {
        case .noun(.workload), .noun(.logs), .noun(.status), .noun(.cost), .unit(.replica), .unit(.version),
             .noun(.canary), .noun(.kind), .noun(.events), .noun(.autoscaler), .noun(.memory), .noun(.cpu):
            return true
        default:
            return false
        }
    }
}
