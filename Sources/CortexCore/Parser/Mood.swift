/// How a sentence is meant, read before its verbs: a request to act, or talk about an action
/// (a question, a hypothetical, a condition, a report of something already done).
///
/// A sentence that is not a request never becomes a change, whichever understander read it:
/// `would restarting auth cause downtime?` asks about a restart, `restart cart if it is
/// unhealthy` sets a condition cortex does not evaluate, `I restarted payments` reports.
public enum Mood: Equatable, Sendable {
    case request
    /// `should I…`, `can I…`, `is it safe to…`, `how do I…`, `why did you…`.
    case question
    /// `what if…`, `would restarting…`, `suppose…`, `hypothetically…`.
    case hypothetical
    /// `if…`, `unless…`, `when…, then…`, `as soon as…`.
    case condition
    /// `I restarted…`, `we already rolled back…`, `who deleted…`.
    case report
    /// `revert gateway? nah, leave it`, `restart cart… never mind`: taken back in the same line.
    case retracted
    /// `Priya wrote: restart cart`, `from the runbook: restart ledger`: someone else's words.
    case quoted

    /// Why a change read from a sentence in this mood is not made, with the request that
    /// would make it.
    func refusal(of change: Operation) -> String {
        let request = change.summary
        switch self {
        case .request:
            return "understood as a request"
        case .question:
            return "that is a question about a change, not a request to make it; to make it, say: \(request)"
        case .hypothetical:
            return "that is a hypothetical question, and cortex does not predict effects; to make the change, say: \(request)"
        case .condition:
            return "cortex does not act on conditions; check first (diagnose or status), then say: \(request)"
        case .report where !change.op.isMutation && change.op != .unknown:
            return "that reports what was already done, not a request; to do it again, say: \(request)"
        case .report:
            return "that reports a change rather than asking for one; to see what was done, run `cortex audit log`"
        case .quoted:
            return "that quotes a request from someone or somewhere else; to make it, say it yourself: \(request)"
        case .retracted:
            if change.op == .unknown || !change.op.isMutation { return "the request is taken back in the same line; nothing to do" }
            return "the request is taken back in the same line; nothing to do (to make the change, say: \(request))"
        }
    }
}

/// Reads the mood of a sentence from its words.
enum MoodReader {
    /// A word typed the short way in chat (`when u get a sec`) as it is spelt, or nil; looked
    /// up only for the few lengths and first letters such words have.
    private static func chatSpelling(_ word: String) -> String? {
        let utf8 = word.utf8
        guard utf8.count <= 5, let first = utf8.first, first == UInt8(ascii: "u") || first == UInt8(ascii: "y") || first == UInt8(ascii: "t") else { return nil }
        switch word {
        case "u", "ya", "yu": return "you"
        case "ur": return "your"
        case "youre": return "you're"
        case "thru": return "through"
        default: return nil
        }
    }
    /// Words that may open a sentence without changing its mood.
    private static let openers: Set<String> = [
        "hey", "hi", "hello", "so", "ok", "okay", "um", "uh", "well", "cortex", "quick", "question", "wait", "oh", "ah", "erm",
        "btw", "hmm", "yo", "and", "but", "also", "actually", "honestly", "just", "real", "serious",
        "please", "folks", "team", "guys", "now", "then", "right",
    ]
    /// Two-word openings that ask someone to act: polite requests, not questions.
    private static let politeHeads: Set<String> = [
        "can you", "could you", "would you", "will you", "can u", "could u", "would u", "can we", "could we",
        "can someone", "could someone", "can somebody", "could somebody", "can anyone", "could anyone",
        "would someone", "will someone", "would anyone", "do you mind", "can i get", "could i get",
        "can i have", "could i have", "may i have", "can we get", "could we get", "would you mind",
    ]
    /// Words opening a question.
    private static let questionOpeners: Set<String> = [
        "should", "shall", "ought", "can", "could", "may", "might", "do", "does", "did", "was", "were",
        "is", "are", "has", "have", "had", "how", "why", "what", "which", "when", "where", "who",
        "whose", "whether", "will", "would", "isn't", "aren't", "wasn't", "didn't", "doesn't", "won't",
        "what's", "how's", "who's", "why's", "whats", "hows", "wouldn't", "shouldn't", "can't",
    ]
    private static let hypotheticalPhrases = PhraseList([
        // (`could I have done the ach-gateway rollback myself?`: what might have been.)
        ["could", "i", "have"], ["could", "we", "have"], ["should", "i", "have"], ["should", "we", "have"], ["could", "i've"],
        ["what", "if"], ["what-if"], ["what", "happens"], ["what", "would"], ["what'd", "happen"], ["suppose"], ["supposing"],
        ["hypothetically"], ["theoretically"], ["how", "much", "would"], ["how", "long", "would"], ["imagine"], ["in", "theory"], ["would", "it"], ["would", "that"],
        ["would", "this"], ["is", "it", "safe"], ["is", "it", "ok"], ["is", "it", "okay"], ["is", "it", "risky"],
        ["is", "it", "possible"], ["is", "it", "wise"], ["is", "it", "worth"], ["would", "it", "be", "worth"], ["is", "it", "a", "good", "idea"], ["safe", "to"],
        ["risky", "to"], ["cause", "downtime"], ["cause", "an", "outage"], ["cause", "any"], ["impact", "of"],
        ["what's", "the", "impact"], ["what", "is", "the", "impact"], ["consequences"], ["what", "could", "go"],
        ["would", "break"], ["pros", "and", "cons"], ["what", "happens", "when"], ["let's", "say"],
        ["say", "we"], ["if", "we", "were"], ["if", "i", "were"], ["were", "to"], ["is", "that", "safe"],
        ["is", "this", "safe"], ["is", "that", "ok"], ["is", "that", "okay"], ["a", "good", "time"], ["good", "idea"],
        ["might", "want", "to"], ["at", "some", "point"], ["some", "day"], ["someday"], ["eventually"],
        ["i", "was", "thinking"], ["we", "were", "thinking"],
        // A command shown as an example (`for instance you might type restart …`, `pretend
        // we're in prod: …`, `a typical command would be …`).
        ["pretend"], ["you", "might", "type"], ["you", "might", "write"], ["you", "might", "say"], ["you'd", "type"],
        ["you", "would", "type"], ["you", "could", "type"], ["you", "can", "type"], ["typical", "command"],
    ])
    /// Phrases with a conditional word that only soften a request.
    private static let softConditions = PhraseList([
        ["if", "possible"], ["if", "you", "can"], ["if", "you", "could"], ["if", "you", "don't"], ["if", "you", "would"],
        ["if", "you", "have", "time"], ["if", "you", "get", "a"], ["when", "you", "get", "a"], ["when", "you", "can"],
        ["when", "ready"], ["when", "you're", "ready"], ["when", "you", "are", "ready"], ["when", "you", "have"],
        ["as", "soon", "as", "possible"], ["as", "soon", "as", "you", "can"], ["once", "more"], ["once", "again"],
        ["at", "once"], ["when", "done"], ["once", "done"], ["if", "that's", "ok"], ["if", "that", "is", "ok"],
        ["if", "that's", "alright"], ["if", "that's", "okay"], ["if", "that", "is", "alright"], ["if", "that", "works"],
        ["if", "it's", "ok"], ["if", "it's", "okay"], ["if", "that's", "fine"],
        // (`ok before I forget, roll back …`: a reminder to oneself, not a condition.)
        ["before", "i", "forget"], ["before", "we", "forget"], ["before", "i", "go"], ["before", "i", "head", "out"],
    ])
    private static let quotedSources: Set<String> = ["runbook", "playbook", "wiki", "docs", "ticket", "doc", "readme", "script", "slack"]
    private static let sayingVerbs: Set<String> = ["wrote", "said", "says", "writes", "asked", "suggested", "suggests", "quote", "quoting"]
    /// `Priya wrote: …`, `from the runbook: …`, `the runbook says …`: the line opens by saying
    /// whose words follow.
    private static func quotesSomeone(_ tokens: [Token]) -> Bool {
        let w = tokens.map(\.word)
        for i in w.indices.prefix(5) {
            // `the ticket says gateway is returning 503s`: what is said is a statement, and
            // `the error says '…' - why?` said only the quotation taken out before this.
            // (`Lead says roll back cassandra-ranked to rev 9`: a command said, and a name.)
            if Self.sayingVerbs.contains(w[i]), i + 1 < w.count, !tokens[i].colonAfter,
               tokens[i + 1].breakBefore || w[(i + 1)...].prefix(3).contains(where: { ["is", "are", "was", "were", "keeps", "has", "isn't", "can't"].contains($0) || ($0.hasSuffix("ed") && $0.count > 4 && !$0.contains("-")) })
            {
                continue
            }
            // `Customer says error on the payment page, I need the logs`: what is said, up to
            // the clause's end, asks for no operation.
            if Self.sayingVerbs.contains(w[i]), !tokens[i].colonAfter, i + 1 < w.count {
                let said = tokens[(i + 1)...].prefix { !$0.breakBefore }
                // (`Sam wrote in the ticket: set …`: where it was said, then the words said.)
                let whereSaid = (said.last?.colonAfter ?? false) && ["in", "on", "at", "via", "over"].contains(said.first?.word ?? "")
                if !said.contains(where: { Lexicon.namesOperation($0.word) || Lexicon.completionVerbs.contains($0.word) }), !whereSaid {
                    continue
                }
            }
            if Self.sayingVerbs.contains(w[i]), i + 1 < w.count || tokens[i].colonAfter { return true }
            if Self.quotedSources.contains(w[i]), tokens[i].colonAfter, i <= 3 { return true }
            // `Planner's ask, verbatim: restart …`.
            if ["verbatim", "quote", "quoted"].contains(w[i]), tokens[i].colonAfter { return true }
        }
        return false
    }

    /// Phrases that take back what the line asked for.
    private static let retractions = PhraseList([
        ["nah"], ["never", "mind"], ["nevermind"], ["nvm"], ["forget", "it"], ["forget", "that"],
        ["scratch", "that"], ["cancel", "that"], ["ignore", "that"], ["on", "second", "thought"], ["actually", "no"],
        ["actually", "don't"], ["wait", "no"], ["leave", "it", "alone"], ["leave", "it", "be"], ["not", "now"],
        ["kidding"], ["jk"], ["joking"], ["wrong", "channel"], ["wrong", "window"], ["wrong", "chat"], ["wrong", "terminal"], ["ignore", "this"],
        ["joke", "joke"], ["joke", "of", "course"], ["just", "a", "joke"],
        // `… — but the lead said to wait`, `ok not doing it, but …`.
        ["said", "to", "wait"], ["says", "to", "wait"], ["told", "us", "to", "wait"], ["told", "me", "to", "wait"],
        ["asked", "us", "to", "wait"], ["asked", "me", "to", "wait"], ["said", "to", "hold"], ["said", "not", "yet"],
        ["not", "doing", "it"], ["not", "doing", "that"],
    ])
    private static let conditionWords: Set<String> = [
        // (`si checkout-web se cae, haz rollback`: `si` is `if` in the languages mixed in.)
        "if", "si", "se", "falls", "agar", "unless", "whenever", "provided", "assuming", "otherwise", "pending", "awaiting", "contingent",
        // `Upon approval of CHG0031455, deploy …`.
        "upon",
    ]
    /// Irregular and phrasal past forms of changing verbs.
    private static let pastForms: Set<String> = [
        "rolled", "scaled", "undid", "tore", "took", "spun", "brought", "shut", "deleted", "restarted",
        "redeployed", "reverted", "bounced", "rebooted", "destroyed", "removed", "killed", "upgraded", "downgraded",
        "released", "shipped", "nuked", "decommissioned", "uninstalled", "recycled", "paused", "resumed",
        "promoted", "aborted", "autoscaled", "pushed", "updated", "bumped", "raised", "lowered", "increased",
        "decreased", "reduced", "changed", "doubled", "halved", "drained", "cordoned", "patched",
        "added", "gave", "moved", "switched", "turned", "disabled", "enabled", "configured", "allocated",
        "assigned", "stopped", "started", "resized", "capped", "trimmed", "expanded", "unpaused",
    ]
    /// Past forms of reading, the same as or close to the verb: `I already read the logs`,
    /// `we checked the events`. A report only with `I`/`we` just before or with `already`.
    private static let readPasts: Set<String> = [
        "read", "saw", "seen", "checked", "looked", "pulled", "viewed", "grabbed", "tailed", "reviewed",
    ]
    /// Words that may open a report before what was done: `fyi restarted …`.
    /// What `should` is followed by when it opens a condition rather than asks what to do.
    private static let invertedSubjects: Set<String> = [
        "the", "it", "there", "any", "anything", "our", "this", "that", "its", "their", "traffic", "errors", "latency", "costs", "spend",
        "spending", "memory", "cpu", "load",
    ]
    private static let reportOpeners: Set<String> = [
        "fyi", "ok", "okay", "so", "just", "also", "btw", "update", "heads", "up", "all", "done", "note", "handoff",
        "hey", "hi", "team", "folks", "earlier", "today", "yesterday", "last", "night", "and",
        // (`lol almost deleted prod just now`, `accidentally deleted payments`: chat and an
        // adverb before what was done.)
        "lol", "lmao", "haha", "oops", "whoops", "welp", "oof", "ugh", "almost", "nearly", "accidentally", "mistakenly",
        "finally", "successfully",
    ]
    private static let pastSubjects: Set<String> = [
        "i", "we", "you", "someone", "somebody", "anyone", "anybody", "they", "he", "she", "who", "already", "got",
        "just", "was", "were", "been", "had", "has", "have", "did", "it", "that", "recently", "yesterday",
    ]
    /// Words before a past participle that ask for it to happen (`get api restarted`).
    private static let participleTriggers: Set<String> = [
        "get", "want", "wants", "need", "needs", "have", "make", "like", "gotta", "getting",
    ]

    static func read(_ tokens: [Token], isQuestion: Bool) -> Mood {
        let typed = tokens.map { chatSpelling($0.word) ?? $0.word }
        let w = HashedWords(withoutPoliteLeadIns(typed))
        // `May I ask you to roll out inventory…?`: a courtesy before the command asks for it.
        let courteous = w.count < typed.count
        guard !w.isEmpty else { return .request }
        var p = 0
        while p < w.count, openers.contains(w[p]) { p += 1 }
        // (`is feed-ranker alive on staging or nah`: `or nah` asks, it takes nothing back.)
        if retractions.occurs(in: w), !(w.count >= 2 && w[w.count - 1] == "nah" && w[w.count - 2] == "or") { return .retracted }
        // `nobody restart anything until…`, `make sure nobody restarts payments`, `nobody should
        // scale routing-engine below 4`: a change nobody is to make.
        for i in w.indices where ["nobody", "noone"].contains(w[i]) || (w[i] == "no" && i + 1 < w.count && w[i + 1] == "one") {
            var j = i + (w[i] == "no" ? 2 : 1)
            while j < w.count, ["should", "must", "can", "may", "will", "shall", "is", "gets", "ever", "else"].contains(w[j]) { j += 1 }
            guard j < w.count else { break }
            let verb = w[j]
            if changeStems.contains(verb) || changeStems.contains(where: { verb == $0 + "s" || verb == $0 + "es" }) {
                return .retracted
            }
            // (`nobody makes deploy of ride-pricing`.)
            if ["make", "makes", "do", "does", "push", "pushes", "ship", "ships"].contains(verb) { return .retracted }
        }
        // `hold off on deploying search`: not now.
        // (`hold off on the card-auth deploy until …`: a change named as a noun.)
        if let i = w.indices.first(where: { w[$0] == "hold" }), i + 3 < w.count, w[i + 1] == "off", ["on", "with"].contains(w[i + 2]),
           isChangeGerund(w[i + 3]) || w[(i + 3)..<min(w.count, i + 7)].contains(where: heldChanges.contains)
        {
            return .retracted
        }
        // `don't bother restarting the mailer`: not to be done.
        if let i = w.indices.first(where: { w[$0] == "bother" }), i > 0, ["don't", "dont", "not", "never"].contains(w[i - 1]), i + 1 < w.count, isChangeGerund(w[i + 1]) {
            return .retracted
        }
        if quotesSomeone(tokens) { return .quoted }
        if hypotheticalPhrases.occurs(in: w) || modalBeforeGerund(w) || modalBeforeChangeNoun(w) || gerundBeforeModal(w) || wouldMake(w) || asksAnOpinion(w) { return .hypothetical }
        if hasCondition(w, p) { return .condition }
        if isReport(w) || intentions.occurs(in: w) { return .report }

        // `scaling payments to zero, is that safe?`: a change named as a gerund, then asked about.
        if isQuestion, let first = w.first, isChangeGerund(first) { return .hypothetical }
        if p < w.count, asksQuestion(w, p, isQuestion: isQuestion) { return .question }
        // `maybe restart payments?`, `restart payments perhaps`: a suggestion, not a request.
        if w.contains(where: { ["maybe", "perhaps", "probably", "possibly"].contains($0) }) { return .question }
        // `restart the search service? in prod? right now?`, `you want search deployed to
        // prod?`: a command said as a question asks whether to (`…, would you?` and `please …?`
        // still ask for it).
        if isQuestion, !courteous, p < w.count, !questionOpeners.contains(w[p]), !w.contains(where: { ["please", "pls", "plz", "kindly"].contains($0) }),
           !endsWithRequestTag(w), !w.indices.dropLast().contains(where: { politeHeads.contains(w[$0] + " " + w[$0 + 1]) })
        {
            return .question
        }
        // `yeah great idea, restart auth during peak traffic, genius`: sarcasm asks for nothing.
        if w.contains(where: { ["genius", "/s", "brilliant"].contains($0) }) || sarcasm.occurs(in: w) {
            return .question
        }
        // `it may be prudent to hold off on…`, `might be worth a rollback`: advice.
        if advice.occurs(in: w) { return .question }
        // `ok to nuke tmp-loadgen stg?`: asking for leave.
        if isQuestion, askingLeave.occurs(in: w) {
            return .question
        }
        if asksForAdvice.occurs(in: w) {
            return .question
        }
        return .request
    }

    /// `When you get a chance, could you…`, `May I ask you to…`, `Per our discussion, please…`,
    /// `Would it be possible to…`: courtesies before a request, which ask nothing themselves.
    static func withoutPoliteLeadIns(_ words: [String]) -> [String] {
        var w = words[...]
        var changed = true
        while changed {
            changed = false
            while let first = w.first, openers.contains(first) || first == "kindly" { w = w.dropFirst() }
            if let length = politeLeadIns.prefixLength(of: w) {
                w = w.dropFirst(length)
                changed = true
            }
        }
        return w.count == words.count ? words : (words.prefix { openers.contains($0) } + Array(w))
    }

    private static let politeLeadIns = PhraseList([
        ["when", "you", "get", "a", "chance"], ["when", "you", "get", "a", "moment"], ["when", "you", "get", "a", "minute"],
        // (`could you maybe scale …?`: a softer ask, not a doubt about the change.)
        ["could", "you", "maybe"], ["can", "you", "maybe"], ["could", "you", "perhaps"], ["could", "you", "possibly"],
        ["can", "you", "possibly"], ["would", "you", "maybe"],
        ["when", "you", "have", "a", "moment"], ["when", "you", "have", "a", "minute"], ["when", "you", "have", "time"],
        ["when", "you", "can"], ["if", "you", "can"], ["if", "possible"], ["per", "our", "discussion"], ["as", "discussed"],
        ["as", "agreed"], ["as", "per", "our", "discussion"], ["would", "it", "be", "possible", "to"],
        ["would", "it", "be", "possible", "for", "you", "to"], ["may", "i", "ask", "you", "to"], ["could", "i", "ask", "you", "to"],
        ["can", "i", "ask", "you", "to"], ["might", "i", "ask", "you", "to"], ["i", "was", "hoping", "you", "could"],
        ["i'd", "be", "grateful", "if", "you", "could"], ["i", "would", "be", "grateful", "if", "you", "could"],
        ["it", "would", "be", "great", "if"], ["it'd", "be", "great", "if"], ["it", "would", "be", "nice", "if"],
        ["it'd", "be", "nice", "if"], ["it", "would", "be", "good", "if"], ["it'd", "be", "good", "if"],
        ["why", "don't", "you"], ["why", "dont", "you"], ["can't", "you"], ["cant", "you"], ["couldn't", "you"],
        ["won't", "you"], ["wouldn't", "you"], ["go", "ahead", "and"], ["reckon", "you", "could"], ["do", "you", "reckon", "you", "could"],
        ["would", "you", "ever"], ["nip", "in", "and"], ["pop", "in", "and"],
    ])


    /// `would restarting`, `could rolling back`, `will scaling`: a modal before a gerund asks
    /// what an action would do.
    private static func modalBeforeGerund(_ w: HashedWords) -> Bool {
        for i in w.indices where ["would", "could", "will", "might"].contains(w[i])
            // `is restarting auth safe?` asks; `envoy-edge is dropping connections` states.
            || (["does", "did", "is"].contains(w[i]) && (i == 0 || questionOpeners.contains(w[i - 1])))
        {
            var j = i + 1
            while j < w.count, ["the", "a", "an", "this", "that"].contains(w[j]) { j += 1 }
            if j < w.count, isChangeGerund(w[j]) { return true }
        }
        return false
    }

    /// `tell me what scaling pulse to 20 would cost`, `whether restarting auth will help`: a
    /// change as the subject of a clause about what it would do.
    private static func gerundBeforeModal(_ w: HashedWords) -> Bool {
        w.indices.dropFirst().contains { j in
            ["what", "if", "whether", "much"].contains(w[j - 1]) && isChangeGerund(w[j])
                && w.words[(j + 1)...].contains { ["would", "will", "might", "could", "would've"].contains($0) }
        }
    }

    /// `restart payments in prod, would you?`, `…, ok?`: a tag that asks for what precedes it.
    private static func endsWithRequestTag(_ w: HashedWords) -> Bool {
        guard let last = w.last else { return false }
        if ["ok", "okay", "thanks", "thx", "ty", "asap", "mate"].contains(last) { return true }
        guard w.count >= 2 else { return false }
        let tag = w[w.count - 2] + " " + last
        return ["would you", "will you", "could you", "can you", "won't you", "wouldn't you", "would ya", "will ya", "can u", "could u", "would u"].contains(tag)
    }

    /// Asking what cortex advises or how something is done.
    private static let asksForAdvice = PhraseList([
        ["should", "i"], ["should", "we"], ["do", "you", "think"], ["want", "me", "to"], ["need", "me", "to"], ["like", "me", "to"],
        ["wanted", "me", "to"], ["would", "you", "recommend"], ["whether"], ["how", "do", "i"], ["how", "do", "we"], ["how", "to"],
        ["explain"], ["teach", "me"], ["thoughts"], ["opinions"], ["objections"], ["a", "good", "idea"], ["or", "not"],
        ["what", "do", "you", "reckon"],
    ])
    private static let howTo = PhraseList([
        ["how", "do", "i"], ["how", "do", "we"], ["how", "to"], ["how", "can", "i"], ["how", "can", "we"], ["explain"], ["teach", "me"],
        ["how", "does", "one"], ["how", "does", "a"], ["how", "does", "an"], ["what", "is", "a"], ["what", "is", "an"], ["what's", "a"],
        ["whats", "a"], ["what", "exactly", "is"], ["difference", "between"], ["like", "i'm", "5"], ["like", "im", "5"], ["like", "i'm", "five"],
        ["like", "im", "five"], ["walk", "me", "through", "how"], ["walk", "us", "through", "how"], ["talk", "me", "through", "how"],
    ])
    private static let sarcasm = PhraseList([
        ["yeah", "right"], ["what", "could", "possibly"], ["sure", "why", "not"], ["yeah", "great", "idea"], ["totally", "fine"],
        ["totally", "safe"], ["will", "love", "that"], ["gonna", "love", "that"], ["definitely", "fix", "it"], ["is", "no", "object"],
        ["what", "could", "go", "wrong"], ["nothing", "could", "go", "wrong"], ["nothing", "can", "go", "wrong"], ["because", "that", "worked"],
        ["worked", "so", "well"], ["what's", "the", "worst", "that"], ["whats", "the", "worst", "that"], ["and", "go", "home"], ["love", "that", "for", "us"], ["call", "it", "a", "day"],
        ["oh", "sure"], ["ja", "ja", "sure"], ["customers", "love"], ["users", "love"], ["on", "a", "friday", "afternoon"], ["great", "idea"],
    ])
    private static let askingLeave = PhraseList([["ok", "to"], ["okay", "to"], ["fine", "to"], ["alright", "to"], ["good", "to"], ["safe", "to"], ["cool", "to"]])
    private static let someLaterTime = PhraseList([["one", "day"], ["some", "day"], ["at", "some", "point"], ["in", "the", "future"], ["down", "the", "road"], ["one", "of", "these", "days"]])

    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "weekend"]

    /// Advice about a change, not a request for it.
    private static let advice = PhraseList([
        ["may", "be", "prudent"], ["might", "be", "prudent"], ["may", "be", "wise"], ["might", "be", "wise"],
        ["may", "be", "worth"], ["might", "be", "worth"], ["could", "be", "worth"], ["may", "be", "better"],
        ["might", "be", "better"], ["would", "be", "prudent"], ["would", "be", "wise"], ["may", "want", "to"],
        ["might", "want", "to"], ["worth", "considering"], ["consider", "a"], ["we", "could"], ["we", "might"],
        ["we", "should"], ["we", "ought"], ["i", "think", "we"], ["i", "guess", "we"], ["maybe", "we"],
    ])

    /// Someone saying what they will do, not asking cortex to do it.
    private static let intentions = PhraseList([
        ["i'm", "going", "to"], ["i", "am", "going", "to"], ["we're", "going", "to"], ["we", "are", "going", "to"],
        ["i'll"], ["we'll"], ["i", "will"], ["we", "will"], ["im", "going", "to"], ["i'm", "about", "to"],
        ["we're", "about", "to"], ["planning", "to"], ["plan", "to"], ["intend", "to"], ["thinking", "about"],
        ["thinking", "of"], ["considering"], ["gonna"], ["plan", "for"], ["next", "quarter"], ["next", "month"],
        ["next", "year"], ["next", "sprint"], ["next", "week"], ["tomorrow"],
        // An intention given up: `I was going to bump hub2-sorter to 6 but the freeze is on`.
        ["was", "going", "to"], ["were", "going", "to"], ["was", "gonna"], ["were", "gonna"], ["was", "about", "to"],
        ["meant", "to"],
        // A change on a calendar: `CHG0031301 is scheduled to scale settlement-engine …`.
        ["is", "scheduled", "to"], ["are", "scheduled", "to"], ["is", "planned", "to"],
    ])

    /// `restarting`, `rolling`, `scaling`: the gerund of a changing verb.
    /// `do you think tax-calc needs more memory?`, `…, what do you think, is it worth it?`: an
    /// opinion asked on a change.
    private static func asksAnOpinion(_ w: HashedWords) -> Bool {
        guard let i = w.indices.first(where: { i in
            (w[i] == "you" && i + 1 < w.count && w[i + 1] == "think" && i > 0 && ["do", "what"].contains(w[i - 1])) || w[i] == "wdyt"
                || (w[i] == "worth" && i > 1 && w[i - 1] == "it" && w[i - 2] == "is")
        }) else { return false }
        return w.indices.contains { j in
            j != i && (changeStems.contains(w[j]) || ["more", "less", "needs", "need", "rollback"].contains(w[j]))
        }
    }

    /// `I'd scale click-dedup to 10`, `we would roll it back`: what the speaker would do is an
    /// opinion (`I'd like to …` asks).
    private static func wouldMake(_ w: HashedWords) -> Bool {
        w.indices.contains { i in
            let verb: Int
            if ["i'd", "we'd", "id"].contains(w[i]) {
                verb = i + 1
            } else if ["i", "we"].contains(w[i]), i + 1 < w.count, w[i + 1] == "would" {
                verb = i + 2
            } else {
                return false
            }
            return verb < w.count && (changeStems.contains(w[verb]) || ["rollback"].contains(w[verb]))
        }
    }

    /// Changes named as nouns that an operator holds off on.
    private static let heldChanges: Set<String> = [
        "deploy", "deployment", "release", "restart", "rollback", "upgrade", "migration", "promotion", "scale-up", "scale-down",
    ]

    private static func isChangeGerund(_ word: String) -> Bool {
        guard word.hasSuffix("ing"), word.count > 5, !SlotReader.gerundNames.contains(word) else { return false }
        let stem = String(word.dropLast(3))
        return changeStems.contains(stem) || changeStems.contains(stem + "e") || changeStems.contains(String(stem.dropLast()))
    }

    /// `restarting pods to fix leaks is basically turning it off and on again`, `scaling
    /// pixel-cdn to 50 would be hilarious`: a change named as a gerund, then said to be
    /// something, in the same clause. It talks about the change; it does not ask for it.
    static func talksAboutAChange(_ tokens: [Token]) -> Bool {
        // (`production, ledger-sync: restarting it is Dana's call`: after the label of what it is about.)
        var p = tokens.prefix(4).firstIndex(where: \.colonAfter).map { $0 + 1 } ?? 0
        while p < tokens.count, openers.contains(tokens[p].word) || ["honestly", "tbh", "lol", "imo", "imho"].contains(tokens[p].word) { p += 1 }
        guard p < tokens.count, isChangeGerund(tokens[p].word) || tokens[p].word == "rolling" else { return false }
        guard let said = tokens.indices.dropFirst(p + 1).prefix(while: { !tokens[$0].breakBefore })
            .first(where: { ["is", "was", "would", "isn't", "wasn't", "feels", "seems", "sounds"].contains(tokens[$0].word) })
        else { return false }
        // (`deploying isn't working, can someone roll back ledger`: a command after the remark.)
        return !tokens[(said + 1)...].contains { changeStems.contains($0.word) || $0.word == "roll" }
    }

    /// `would a restart …`, `will the rollback …`: a modal before a change named as a noun.
    private static func modalBeforeChangeNoun(_ w: HashedWords) -> Bool {
        for i in w.indices where ["would", "could", "will", "might"].contains(w[i]) && i + 2 < w.count {
            guard ["a", "an", "the", "another"].contains(w[i + 1]) else { continue }
            if changeStems.contains(w[i + 2]) || ["rollback", "redeploy", "restart", "deploy", "deployment", "rollout"].contains(w[i + 2]) {
                return true
            }
        }
        return false
    }

    /// Verbs whose gerund after a modal (`would restarting …`) asks about an effect.
    private static let changeStems: Set<String> = [
        "restart", "deploy", "scale", "roll", "delete", "remove", "revert", "rollback", "redeploy", "upgrade",
        "downgrade", "bounce", "reboot", "kill", "drop", "shut", "update", "push", "release", "ship", "pause",
        "resume", "promote", "abort", "autoscale", "set", "change", "raise", "lower", "increase", "decrease",
        "destroy", "tear", "take", "cycle", "recycle", "nuke", "give", "bump", "add", "double", "halve", "move",
        "actualize", "actualise", "reinitialize", "reinitialise",
    ]

    private static func hasCondition(_ w: HashedWords, _ p: Int) -> Bool {
        for i in w.indices {
            let word = w[i]
            let soft = softConditions.length(at: i, in: w) != nil
            if soft { continue }
            // `ping me if it doesn't come up`, `I'll be around if anything goes sideways`: the
            // condition is on what the speaker does afterwards, not on the request.
            if ["if", "when", "once"].contains(word), i > 0, ["me", "know", "around", "us", "shout", "holler", "yell", "online"].contains(w[i - 1]) { continue }
            // `…, he'll ping us in OPS-2210 when he's done`: when someone else will tell.
            if ["when", "once"].contains(word), i > 2, w.words[max(0, i - 6)..<i].contains(where: ["he'll", "she'll", "they'll", "he", "she", "they"].contains),
               w.words[max(0, i - 5)..<i].contains(where: ["ping", "tell", "notify", "message", "update", "call", "text", "email", "post", "shout"].contains)
            {
                continue
            }
            // `…, the ticket is BUG-7719 if anyone asks`: who is told, not when to act (but
            // `if anyone asks, the restart was me` opens a report).
            if word == "if", i > p, i + 2 < w.count, ["anyone", "anybody", "someone"].contains(w[i + 1]), w[i + 2] == "asks" { continue }
            // `sorry if this is wrong but …`: an apology.
            if word == "if", i > 0, ["sorry", "apologies", "apologize", "apologise"].contains(w[i - 1]) { continue }
            // `…, want to see if queue times drop`: what the change is to find out.
            if word == "if", i > 1, ["see", "find", "check", "tell"].contains(w[i - 1]) || w[i - 1] == "out" && w[i - 2] == "find",
               w.words[..<(i - 1)].contains(where: { ["want", "wanna", "to", "let's", "lets"].contains($0) })
            {
                continue
            }
            // `pause the rollout of dock-scheduler until the review is done`, `… pending CAB
            // review`: how long a pause lasts, not a condition on making it.
            if ["until", "till", "pending", "awaiting"].contains(word), w.words[..<i].contains(where: ["pause", "hold", "freeze", "halt", "suspend"].contains) { continue }
            if conditionWords.contains(word) { return true }
            // `should the budget be exceeded this month, please scale …`: an `if` turned round.
            if word == "should", i + 1 < w.count, invertedSubjects.contains(w[i + 1]) { return true }
            if word == "in", i + 1 < w.count, w[i + 1] == "case" { return true }
            // `deploy payments wait for qa`: first something else must happen (but `and wait
            // for it` asks cortex to watch the rollout).
            if word == "wait", i > 0, i + 1 < w.count, ["for", "until", "till"].contains(w[i + 1]), w[i - 1] != "and" { return true }
            if word == "as", i + 2 < w.count, w[i + 1] == "soon", w[i + 2] == "as" { return true }
            if word == "subject", i + 1 < w.count, w[i + 1] == "to" { return true }
            // `when payments is healthy, restart cart`; `when did …` is a question.
            if word == "when" || word == "once" || word == "after" || word == "before" {
                let next = i + 1 < w.count ? w[i + 1] : ""
                // `After the certificate rotation last night, …`: a time already past.
                if word == "after", saysPastTime(Array(w[(i + 1)..<min(w.count, i + 8)])) { continue }
                // `Everything in dev is red after the cluster upgrade`: a state since an event.
                if word == "after", i > p, w.words[p..<i].contains(where: ["is", "are", "was", "were", "been", "isn't", "aren't"].contains) { continue }
                if i == p, questionOpeners.contains(next) || next.isEmpty { continue }
                // `restart billing once the batch job finishes`, `deploy it after the freeze
                // ends`: later in the line, a clause that waits for something to happen.
                // (`restart cart after lunch`, `resume orders after the db migration`: an event to
                // come, named at the end of the line; `has settled after the sale, so …` tells.)
                if (word == "once" || word == "after") && i != p {
                    // (`errors started right after the 14:05 deploy`: since an event already past.)
                    if word == "after", w.words[max(p, i - 3)..<i].contains(where: { $0.hasSuffix("ed") && $0.count > 4 || pastForms.contains($0) }) { continue }
                    let endsTheLine = w.count - i <= 5 && w[(i + 1)...].contains(where: laterEvents.contains)
                    if awaitsAnEvent(w, i + 1) || endsTheLine { return true } else { continue }
                }
                // `show logs before we restart hub-api`: a change in a clause of its own, to come.
                if i != p, i + 2 < w.count, ["i", "we", "you", "they", "someone"].contains(w[i + 1]),
                   changeStems.contains(w[i + 2]) || ["roll", "rollback"].contains(w[i + 2])
                {
                    return true
                }
                if word == "before" && i != p { continue }
                return true
            }
            if ["until", "till"].contains(word), i != p, awaitsAnEvent(w, i + 1) { return true }
            // `restart ledger after 10pm`, `deploy it at 14:00`: a change for a later time.
            // `schedule a restart of ledger-sync`: cortex does not schedule.
            if ["schedule", "reschedule"].contains(word), i + 1 < w.count, ["a", "an", "the"].contains(w[i + 1]) { return true }
            // (`until 5 pm`, `after 6 o'clock`: a clock time in two words.)
            let clockTime = i + 1 < w.count && (TokenShapes.isClockTime(w[i + 1])
                || (i + 2 < w.count && Int(w[i + 1]).map { (1...24).contains($0) } == true && ["am", "pm", "o'clock", "oclock", "a.m.", "p.m."].contains(w[i + 2])))
            if ["after", "by", "until", "till", "for"].contains(word), clockTime, !isReport(w) {
                return true
            }
            // `…if one day the autoscaler could go up to 20`, `eventually`: some later time.
            if word == "someday" || word == "eventually" || someLaterTime.length(at: i, in: w) != nil {
                return true
            }
            // `schedule a restart for Friday`, `deploy on Monday`: a change for a later day.
            if weekdays.contains(word), i > 0, ["for", "by", "next", "before", "after"].contains(w[i - 1]), !isReport(w) {
                return true
            }
            // `restart ledger tonight`, `later today`: cortex does not schedule.
            // (`it'll need it tonight` says when something is needed.)
            if word == "tonight" || (word == "later" && i + 1 < w.count && ["today", "tonight", "on"].contains(w[i + 1]))
                || (word == "this" && i + 1 < w.count && ["evening"].contains(w[i + 1]) && !isReport(w)),
                !w[max(0, i - 4)..<i].contains(where: { $0.hasSuffix("'ll") || ["will", "is", "are", "was", "be", "needs"].contains($0) })
            {
                return true
            }
        }
        return false
    }

    /// Whether the words from `start` (up to eight) make a clause that happens later: a
    /// subject and a verb of finishing or becoming (`the batch job finishes`, `the DB
    /// migration is done`), not a noun phrase alone (`after the 14:05 deploy`).
    private static func awaitsAnEvent(_ w: HashedWords, _ start: Int) -> Bool {
        let window = w[start..<min(w.count, start + 8)]
        for (offset, word) in zip(window.indices, window) where offset > start {
            if eventVerbs.contains(word) { return true }
            if ["is", "are", "gets", "get", "goes", "go", "has", "have", "looks", "look", "comes", "come"].contains(word),
               offset + 1 < w.count, eventStates.contains(w[offset + 1])
            {
                return true
            }
        }
        return false
    }

    /// Events and parts of the day a change may be put off until: `after lunch`, `after the
    /// db migration`.
    private static let laterEvents: Set<String> = [
        "lunch", "noon", "midnight", "dinner", "breakfast", "standup", "stand-up", "meeting", "migration", "migrations", "freeze",
        "release", "backup", "backups", "window", "launch", "demo", "review", "weekend", "holidays", "maintenance", "cutover",
        "upgrade", "patch", "retro", "call", "sync", "sale", "peak", "hours", "work", "tonight", "tomorrow",
        "renewal", "rollover", "failover", "deploy", "deployment", "rollout", "restart", "rollback", "build",
    ]

    /// Verbs of something finishing or starting: what a condition waits for.
    private static let eventVerbs: Set<String> = [
        "ends", "end", "finishes", "finish", "finished", "completes", "complete", "completed", "passes", "pass",
        "passed", "lands", "land", "landed", "clears", "clear", "cleared", "settles", "settle", "drains", "drain",
        "recovers", "recover", "stabilizes", "stabilises", "lifts", "expires", "starts", "begins", "happens",
        "merges", "merged", "approves", "approved", "signs", "ships", "succeeds", "succeed", "stops", "dies", "calms",
        "quiets", "drops", "returns", "wraps", "picks", "slows", "improves", "eases", "normalizes", "normalises",
        "rises", "falls", "spikes", "peaks", "subsides", "resolves", "cools", "reaches", "exceeds", "crosses", "hits",
        "warms", "frees", "opens", "closes", "confirms", "agrees", "responds", "replies", "says", "okays", "oks", "greenlights",
    ]

    /// States a condition waits for after `is`/`gets`/`goes`: `is done`, `goes green`.
    private static let eventStates: Set<String> = [
        "done", "over", "finished", "complete", "completed", "ready", "green", "healthy", "back", "merged",
        "approved", "live", "stable", "through", "out", "up", "down", "quiet", "clear", "lifted", "signed",
    ]

    /// A changing verb in the past tense with a subject or auxiliary before it, and no word
    /// asking for it to happen: `I restarted payments`, `who deleted cart`.
    /// Past tenses and `yesterday` in the languages mixed into English (`o Pedro já fez restart
    /// do beacon ontem`, `ayer hice rollback de …`).
    private static let foreignPast: Set<String> = [
        "fez", "fiz", "fizemos", "fizeram", "hizo", "hice", "hicimos", "hicieron", "ontem", "ayer", "gestern", "kiya", "kiye",
    ]

    /// `02:47`, `14:30`: a time on the clock.
    private static func isClockTime(_ word: String) -> Bool {
        let parts = word.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 2 && (1...2).contains(parts[0].count) && parts[1].count == 2 && parts.allSatisfy { $0.allSatisfy(\.isNumber) }
    }

    private static func isReport(_ w: HashedWords) -> Bool {
        if w.words.contains(where: foreignPast.contains) { return true }
        // `deploy-bot deploys, rollback-guard rolls back`: a workload's name, then what it does.
        if w.count >= 2, w[0].contains("-"), w[1].hasSuffix("s"), changeStems.contains(String(w[1].dropLast())) { return true }
        // `restarted payments in prod at 2am, looks fine now`, `fyi bumped cart-svc memory`: a
        // handoff note that opens with what was done.
        var p = 0
        // (`OPS-301 — done, scaled orders-api to 8`: a ticket first says what it is filed under.)
        if p < w.count, SlotReader.isTicket(w[p].uppercased()) { p += 1 }
        // (`02:47 scaled payout-worker to 24`: a log line's time first.)
        if p < w.count, SlotReader.isTimeOfDay(w[p]) || isClockTime(w[p]) { p += 1 }
        while p < w.count, reportOpeners.contains(w[p]) { p += 1 }
        // `fyi I set RETRY_LIMIT=3 on settlement-worker`: told for information, so done.
        if p > 0, w[p - 1] == "fyi", p + 1 < w.count, ["i", "we"].contains(w[p]), ["set", "cut", "put", "let", "unset", "reset"].contains(w[p + 1]) {
            return true
        }
        if p < w.count, isChangePast(w[p]) {
            return true
        }
        var first = 0
        while first < w.count, openers.contains(w[first]) || ["please", "pls", "plz", "kindly"].contains(w[first]) { first += 1 }
        let opensWithCommand = first < w.count && (changeStems.contains(w[first]) || ["undo", "roll"].contains(w[first]))
        // `I already had you restart payments yesterday, right?`
        if w.contains("already"), saysPastTime(w.words) { return true }
        if saysItIsDone(w) { return true }
        for i in w.indices {
            let word = w[i]
            let past = isChangePast(word)
            // `the budget was set to 500`: `set` is its own past participle.
            if word == "set", i > 0, ["was", "were", "been", "got"].contains(w[i - 1]) { return true }
            // `i set DB_POOL_SIZE=40 on billing last night`: a subject and a time already past.
            // (`I let couriers autoscale to 9 yesterday`.)
            if ["set", "cut", "put", "shut", "let"].contains(word), i > 0, ["i", "we", "someone", "they", "he", "she"].contains(w[i - 1]), saysPastTime(w.words) { return true }
            // `I set CACHE_TTL=300 and removed OLD_CACHE`: a subject, a verb whose past is its
            // present, and a change in the past tense after it.
            if ["set", "cut", "put", "shut", "let", "reset", "unset"].contains(word), i > 0, ["i", "we", "someone", "they", "he", "she"].contains(w[i - 1]),
               w.words[(i + 1)...].contains(where: { pastForms.contains($0) })
            {
                return true
            }
            // `restarted ingress on live already`: a change done, said with `already`.
            if past, w.contains("already") { return true }
            // `at 02:14 Omar rolled back fraud-scorer`, `for the record: we restarted …`: a change
            // in the past tense after a clock time or in a line kept for the record.
            if past, i > 1, w.words[max(0, i - 3)..<(i - 1)].contains(where: isClockTime) || (w.contains("record") && w.contains("for")) {
                return true
            }
            // `kubectl scale --replicas=0 sts/nats is what broke it yesterday`: the command is
            // the subject of a sentence about what happened.
            if ["is", "was"].contains(word), i > 1, i + 2 < w.count, ["what", "why"].contains(w[i + 1]),
               pastForms.contains(w[i + 2]) || irregularPasts.contains(w[i + 2]) || (w[i + 2].hasSuffix("ed") && w[i + 2].count > 4)
            {
                return true
            }
            // `we limited spending to 40 dollars a day last quarter`: a subject, a verb in the
            // past tense and a time already past.
            // (`Did the deploy that I kicked off an hour ago finish?` asks.)
            if i > 0, ["we", "i", "they", "someone", "somebody", "he", "she"].contains(w[i - 1]), word.hasSuffix("ed"), word.count > 4,
               !asksFirst(w), saysPastTime(w.words)
            {
                return true
            }
            // `whoever set LOG_LEVEL=trace on courier …`: someone did it.
            if i > 0, w[i - 1] == "whoever", changeStems.contains(word) || past || word == "set" { return true }
            // `Thanks for deploying notif-hub earlier!`: thanked for, so done.
            // (`thank you very much for restarting …`, `thanks a lot for …`.)
            if word == "for", i > 0, ["thanks", "thank", "thx", "ty", "kudos", "cheers"].contains(w[i - 1]) || (i > 1 && w[i - 2] == "thank")
                || (["much", "lot"].contains(w[i - 1]) && w.words[max(0, i - 4)..<i].contains(where: { $0 == "thank" || $0 == "thanks" })),
               i + 1 < w.count, isChangeGerund(w[i + 1]) || thankedFor(w, i + 1),
               // (`Thanks for pausing earlier - please resume …`: thanks, then the request.)
               // (`…, it works now!`: `now` at the end tells how things are.)
               !w.words.indices.dropFirst(i + 2).contains(where: { j in
                   ["please", "pls", "plz", "can", "could", "would"].contains(w[j]) || (w[j] == "now" && j + 1 < w.count)
               })
            {
                return true
            }
            // `Last week we make deploy of wallet-core 3.1 to prod and it goes very bad`: a time
            // already past and someone doing a change, told in the present tense.
            if i > 0, ["we", "i", "they", "someone", "somebody", "he", "she"].contains(w[i - 1]),
               changeStems.contains(word) || (["make", "do"].contains(word) && i + 1 < w.count && changeStems.contains(w[i + 1])),
               saysPastTime(w.words)
            {
                return true
            }
            // `Yesterday I realized the rollback of carrito-api`, `Last week Pedro made the restart
            // of sms-notifier`: a change named as a thing someone carried out.
            if ["made", "realized", "realised", "performed", "executed", "effectuated", "carried"].contains(word), i > 0,
               !["please", "pls", "kindly", "you", "can", "could", "would"].contains(w[i - 1]),
               w.words[(i + 1)..<min(w.count, i + 4)].contains(where: { changeStems.contains($0) || ["rollback", "restart", "deployment", "redeploy", "scale-up", "scale-down"].contains($0) }),
               saysPastTime(w.words) || ["i", "we", "they", "he", "she", "someone", "somebody"].contains(w[i - 1])
            {
                return true
            }
            // `Yesterday the on-call engineer scaled notifications to 12`: a change done at a
            // time already past.
            // (`Mo bumped tile-server to 2 gigs this morning`: earlier today, with a verb in the past tense.)
            if past, i > 0, !participleTriggers.contains(w[i - 1]), !["was", "were", "be", "been"].contains(w[i - 1]),
               saysPastTime(w.words) || (saysEarlierToday(w.words) && !asksFirst(w))
            {
                return true
            }
            // `I already set LOG_LEVEL=debug on orders`: a verb whose past is its present.
            if ["set", "cut", "put", "shut", "reset", "unset"].contains(word), w.contains("already"), i > 0,
               w[max(0, i - 3)..<i].contains(where: { ["i", "we", "someone", "they", "he", "she", "already"].contains($0) })
            {
                return true
            }
            if readPasts.contains(word), i > 0, ["i", "we", "already"].contains(w[i - 1]) { return true }
            // `I needed eleven replicas of index during the sale`: a wish already past (`I
            // wanted to ask you to…` is a courtesy before a request).
            if ["needed", "wanted"].contains(word), i > 0, ["i", "we", "they", "he", "she", "someone"].contains(w[i - 1]),
               i + 1 < w.count, w[i + 1] != "to"
            {
                return true
            }
            // `I ran rollout undo already`, `here's what I ran yesterday: kubectl delete …`.
            // (`roll back the release of storefront we did this morning` asks, then says which.)
            if ["ran", "executed", "applied", "issued", "typed", "triggered", "did", "made"].contains(word), i > 0, !opensWithCommand,
               ["i", "we", "someone", "they", "he", "she", "already", "just"].contains(w[i - 1])
            {
                return true
            }
            guard past else { continue }
            var subject = false
            var j = i - 1
            while j >= 0, j >= i - 3 {
                // `I have rolled back…`: a subject before `have` makes it the perfect tense.
                if ["have", "has", "had"].contains(w[j]), j > 0, ["i", "we", "they", "he", "she", "someone", "somebody", "it"].contains(w[j - 1]) { return true }
                if participleTriggers.contains(w[j]) { return false }
                if pastSubjects.contains(w[j]) { subject = true }
                j -= 1
            }
            // `rolled back`, `scaled up`: `was`/`is` + participle is state only with a subject.
            if subject { return true }
            // `lol the e2e suite deleted its own namespace again`: a noun phrase that opens the
            // line did it, and nothing after asks for a change.
            var start = 0
            while start < i, reportOpeners.contains(w[start]) { start += 1 }
            if start < i, ["the", "our", "my", "your", "their", "this", "that", "a", "an", "some"].contains(w[start]), i - start <= 4,
               !w.words[(start + 1)..<i].contains(where: { changeStems.contains($0) || isChangePast($0) || ["to", "and", "or", "please"].contains($0) }),
               !w.words[(i + 1)...].contains(where: { changeStems.contains($0) || ["please", "pls", "can", "could"].contains($0) })
            {
                return true
            }
        }
        return false
    }

    /// `signup-flow v2.11.0 is fully promoted in prod`, `search was rolled back an hour
    /// ago`: a workload said to be changed, in the passive, by a statement (not a question,
    /// and not a wish that it be: `make sure cart is scaled to 3`).
    private static func saysItIsDone(_ w: HashedWords) -> Bool {
        guard w.count >= 3, !asksFirst(w) else { return false }
        for j in 1..<(w.count - 1) where ["is", "are", "was", "were", "been", "got", "gotten"].contains(w[j]) {
            var k = j + 1
            while k < w.count, ["fully", "now", "finally", "successfully", "completely", "already", "all", "just"].contains(w[k]) { k += 1 }
            // (`orbit got its memory limit bumped`: what it got changed comes first.)
            if ["got", "gotten"].contains(w[j]), k < w.count, ["its", "their", "the", "a"].contains(w[k]) {
                k = w.words[(k + 1)...].prefix(4).firstIndex { pastForms.contains($0) || $0.hasSuffix("ed") } ?? k
            }
            guard k < w.count else { return false }
            let word = w[k]
            let past = isChangePast(word)
            guard past else { continue }
            return !w.words[0..<j].contains { participleTriggers.contains($0) || ["sure", "ensure", "should", "must", "will", "would", "can", "could", "to", "if", "when", "once", "until", "unless"].contains($0) }
        }
        return false
    }

    /// A changing verb in the past tense: `restarted`, `rolled`, `shipped`.
    /// Whether the words name a change in the past tense (`rolled`, `restarted`, `deployed`).
    static func tellsOfAChangeDone(_ words: [String]) -> Bool {
        words.contains { $0 != "set" && isChangePast($0) }
    }

    private static func isChangePast(_ word: String) -> Bool {
        pastForms.contains(word) || (word.hasSuffix("ed") && changeStems.contains(where: { word == $0 + "ed" || word == $0 + "d" }))
    }

    /// A verb in the past tense: `we agreed on a cap`, `the cluster lost quorum`.
    static func saysPastTense(_ w: [String]) -> Bool {
        w.contains { Tagger.isPastTense($0) || irregularPasts.contains($0) }
    }

    private static let irregularPasts: Set<String> = [
        "was", "were", "had", "did", "lost", "went", "broke", "came", "fell", "got", "took", "threw", "began", "kept", "blew",
        "froze", "ran", "hit", "left", "ate", "grew",
    ]

    /// `last night`, `yesterday`, `an hour ago`: a time already past.
    static func saysPastTime(_ w: [String]) -> Bool {
        w.indices.contains { i in
            ["yesterday", "ago", "earlier"].contains(w[i])
                || (i + 1 < w.count && w[i] == "last" && pastPeriods.contains(w[i + 1]))
        }
    }

    /// `thanks for the help with the rollout`, `thanks for your quick fix`: help or a change
    /// already given.
    private static func thankedFor(_ w: HashedWords, _ i: Int) -> Bool {
        guard i + 1 < w.count, ["the", "your", "all", "that", "this"].contains(w[i]) else { return false }
        let next = w[i + 1] == "quick" && i + 2 < w.count ? w[i + 2] : w[i + 1]
        return ["help", "assist", "assistance", "support", "rollout", "deploy", "restart", "fix", "rollback", "update", "heads-up"].contains(next)
    }

    /// `was thumbnailer restarted overnight`: the line opens by asking.
    private static func asksFirst(_ w: HashedWords) -> Bool {
        w.count > 0 && questionOpeners.contains(w[0])
    }

    /// `this morning`, `earlier today`, `overnight`: a time today that is past once a change
    /// is told of in the past tense in it (`restart cart this afternoon` is still to come).
    static func saysEarlierToday(_ w: [String]) -> Bool {
        w.indices.contains { i in
            w[i] == "overnight" || (i + 1 < w.count && w[i] == "this" && ["morning", "afternoon"].contains(w[i + 1]))
                || (i + 1 < w.count && w[i] == "earlier" && w[i + 1] == "today")
        }
    }

    /// What `last` names as a time already past: `last night`, `last quarter`.
    private static let pastPeriods: Set<String> = weekdays.union([
        "night", "nite", "week", "time", "month", "quarter", "year", "sprint", "release", "summer", "winter", "spring",
        "autumn", "fall", "season", "incident", "outage",
    ])

    /// `thoughts?`, `what do you think?`, `sound ok?`: a short sentence that asks for an
    /// opinion on what the message says, which makes the rest a question too.
    static func asksForAnOpinion(_ tokens: [Token], isQuestion: Bool) -> Bool {
        let w = tokens.map(\.word)
        guard isQuestion, (1...5).contains(w.count) else { return false }
        return opinions.occurs(in: w)
    }

    private static let opinions = PhraseList([
        ["thoughts"], ["opinions"], ["objections"], ["what", "do", "you", "think"], ["what", "do", "you", "reckon"],
        ["agree"], ["agreed"], ["safe"], ["a", "good", "idea"], ["sound", "good"], ["sounds", "good"],
        ["sound", "ok"], ["sound", "right"], ["makes", "sense"], ["make", "sense"], ["yes", "or", "no"],
    ])

    /// `how do I set a cpu limit on search?`, `explain rollbacks to me`: asks how something
    /// is done, not for it to be done.
    static func asksHowTo(_ tokens: [Token]) -> Bool {
        let w = tokens.map(\.word)
        // `confirm whether scaling down orders to 2 is fine`: advice on a change to make.
        if let whether = w.firstIndex(of: "whether"), w[(whether + 1)...].prefix(2).contains(where: isChangeGerund) { return true }
        // `what does the promote command actually do?`, `what does rollback mean`.
        if let what = w.firstIndex(of: "what"), what + 1 < w.count, ["does", "do", "would", "will"].contains(w[what + 1]),
           w[(what + 2)...].dropFirst().contains(where: { ["do", "does", "mean", "means"].contains($0) }), w.count - what > 3
        {
            return true
        }
        return howTo.occurs(in: w)
    }

    /// `about restarting checkout`, `before deploying`: a change named as a gerund after a
    /// preposition, which a question only talks about.
    static func asksAboutAChange(_ tokens: [Token]) -> Bool {
        let w = tokens.map(\.word)
        return w.indices.dropFirst().contains { i in
            ["about", "before", "after", "of", "by", "from", "without"].contains(w[i - 1]) && isChangeGerund(w[i])
        }
    }

    private static func asksQuestion(_ w: HashedWords, _ p: Int, isQuestion: Bool) -> Bool {
        guard questionOpeners.contains(w[p]) else { return false }
        let next = p + 1 < w.count ? w[p + 1] : ""
        // `can we delete cart?` asks; `can we get ledger deployed` and `can we restart cart`
        // (no question mark) ask for it.
        // (`could we drop one replica from recs-api, please?` asks for it.)
        if ["can", "could"].contains(w[p]), next == "we", isQuestion,
           !(p + 2 < w.count && ["get", "please", "have"].contains(w[p + 2])), !w.contains(where: { ["please", "pls", "plz"].contains($0) })
        {
            return true
        }
        // `do a rolling restart`, `have api rolled back`: imperatives.
        if w[p] == "do", ["a", "an", "the", "it", "that", "this"].contains(next) { return false }
        // `please do restart of shipping`, `do restart of the indexer`: an emphatic imperative.
        if w[p] == "do", p > 0, w[p - 1] == "please" { return false }
        if w[p] == "do", !isQuestion, changeStems.contains(next) { return false }
        if ["have", "had"].contains(w[p]), !["you", "we", "i", "they", "u", "there"].contains(next) { return false }
        if p + 1 < w.count, politeHeads.contains(w[p] + " " + w[p + 1]) { return false }
        if p + 2 < w.count, politeHeads.contains(w[p] + " " + w[p + 1] + " " + w[p + 2]) { return false }
        // `will you`, `would you please`: requests.
        if ["will", "would", "could", "can"].contains(w[p]), p + 1 < w.count, ["you", "u", "ya"].contains(w[p + 1]) { return false }
        return true
    }
}
