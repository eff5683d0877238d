/// Clauses that give a reason, a concession or a purpose around a request: `Because the old
/// image has the OpenSSL hole, deploy gateway 7.3.2 to staging`, `scale notifications in
/// staging to 2, since QA has finished and production still needs its 12`. Their words
/// (environments, counts, versions, other services) are not the request's, so they are
/// left out before the request is read.
///
/// Conditions and times (`if`, `once`, `when`, `after`, `until`, `as soon as`) are not
/// reasons: they stay, and the request is refused as conditional. A clause the request
/// points back into (`because payments is down, restart it`) stays too.
enum SubordinateClauses {
    /// `tokens` without their reason clauses, and whether any was left out.
    static func remove(from tokens: [Token]) -> (tokens: [Token], removed: Bool) {
        guard tokens.count > 3 else { return (tokens, false) }
        var drop = purposePhrases(tokens)
        var i = 0
        while i < tokens.count {
            guard let length = opener(tokens, i) else {
                i += 1
                continue
            }
            let atStart = i == 0 || tokens[i].breakBefore || (i <= 2 && tokens[..<i].allSatisfy { openers.contains($0.word) })
            let span: Range<Int>
            if atStart && i < 3 {
                // `Because …, request`: up to the first clause break.
                guard var end = ((i + length)..<tokens.count).first(where: { tokens[$0].breakBefore }) else { break }
                // `Since revision 17 broke it, and revision 16 ran all month, roll back…`: the
                // reason goes on after `and` as long as it states something.
                while end < tokens.count, tokens[end].word == "and",
                      let next = ((end + 1)..<tokens.count).first(where: { tokens[$0].breakBefore }), next < tokens.count - 1,
                      hasFiniteVerb(tokens[(end + 1)..<next].map(\.word))
                {
                    end = next
                }
                span = (i == 0 ? 0 : i)..<end
            } else if i > 0, tokens[i].breakBefore || ["because", "so", "even", "to", "in"].contains(tokens[i].word) {
                // `request, since …`, `request because …`, `request so that …`: to the next
                // clause break or the end of the line (`…since v2.9.1 went out` without a break
                // belongs to its clause).
                let end = ((i + length)..<tokens.count).first(where: { tokens[$0].breakBefore }) ?? tokens.count
                span = i..<end
            } else {
                i += length
                continue
            }
            // The clause must say something (a verb), and the rest must still be a request.
            let words = tokens[span].map(\.word)
            guard words.count > length + 1, span.count < tokens.count - 1 else { break }
            if mustHaveVerb(tokens[i].word), !hasFiniteVerb(Array(words.dropFirst(length))) {
                i += length
                continue
            }
            let rest = tokens.indices.filter { !span.contains($0) && !drop.contains($0) }
            // `because payments is down, restart it`: the request points into the clause.
            if rest.contains(where: { pointers.contains(tokens[$0].word) }) { break }
            drop.formUnion(span)
            i = span.upperBound
        }
        guard !drop.isEmpty else { return (tokens, false) }
        var kept: [Token] = []
        var pendingBreak = false
        for k in tokens.indices {
            if drop.contains(k) {
                pendingBreak = true
                continue
            }
            var t = tokens[k]
            if pendingBreak && !kept.isEmpty { t.breakBefore = true }
            if kept.isEmpty { t.breakBefore = false }
            pendingBreak = false
            kept.append(t)
        }
        return (kept, true)
    }

    /// `scale e2e-runner to 6 for the parallel run`, `for the soak test`, `for the launch
    /// tomorrow`: what the change is for, an event or a run of tests at the end of a clause.
    /// Its words name no workload of the request.
    private static func purposePhrases(_ tokens: [Token]) -> Set<Int> {
        var drop = Set<Int>()
        for i in tokens.indices where tokens[i].word == "for" && i > 1 {
            guard i + 2 < tokens.count, purposeDeterminers.contains(tokens[i + 1].word) || tokens[i + 1].word.hasSuffix("'s") else { continue }
            // The clause ends within six words, on the event's noun (a time may follow it).
            guard let end = ((i + 2)...min(tokens.count, i + 7)).first(where: { $0 == tokens.count || tokens[$0].breakBefore }) else { continue }
            var last = end - 1
            while last > i + 1, ["tomorrow", "tonight", "today", "later"].contains(tokens[last].word) { last -= 1 }
            guard eventNouns.contains(tokens[last].word) else { continue }
            drop.formUnion(i..<end)
        }
        return drop
    }

    private static let purposeDeterminers: Set<String> = ["the", "a", "an", "our", "this", "that", "their", "tonight's", "today's", "tomorrow's", "next"]

    /// Events and runs a change may be made for.
    private static let eventNouns: Set<String> = [
        "run", "runs", "test", "tests", "suite", "suites", "launch", "demo", "sale", "migration", "backfill", "rehearsal", "drill",
        "cutover", "benchmark", "benchmarks", "experiment", "soak", "event", "sprint", "regression", "campaign", "promo", "presentation",
        "audit", "weekend", "holidays", "testing", "load-test", "loadtest", "game", "match", "peak", "rush",
        // (`pull the last 300 lines … for the appendix`: what the output is for.)
        "appendix", "postmortem", "post-mortem", "retro", "writeup", "write-up", "timeline", "record", "records", "review",
    ]

    /// How many words open a reason clause at `i`, or nil.
    private static func opener(_ tokens: [Token], _ i: Int) -> Int? {
        let w = tokens[i].word
        let next = i + 1 < tokens.count ? tokens[i + 1].word : ""
        switch w {
        // (`because of the sale` is a phrase, not a clause.)
        case "because": return next == "of" ? nil : 1
        case "although", "though", "whereas", "while", "since": return 1
        case "as":
            // `…, as the staging environment alone cost 900`: only after a break, and not `as soon as`.
            return tokens[i].breakBefore && !["soon", "a", "an", "well"].contains(next) ? 1 : nil
        // `scale orders to 12 in prod to absorb the backlog`, `…, in order to free memory`:
        // a purpose after the request.
        case "to":
            // (`autoscale … to keep CPU around 60%`: the target of the autoscaler, not a purpose.)
            if next == "keep", tokens[(i + 2)..<min(tokens.count, i + 4)].contains(where: { ["cpu", "utilization", "utilisation"].contains($0.word) }) {
                return nil
            }
            guard i > 1, i + 2 < tokens.count, purposeVerbs.contains(next),
                  !["want", "wants", "need", "needs", "like", "going", "have", "has", "able", "how", "trying", "try", "asked", "ask", "order",
                    "you", "u", "me", "us", "them", "someone", "somebody"].contains(tokens[i - 1].word)
            else { return nil }
            return 1
        case "in":
            return next == "order" && i + 2 < tokens.count && tokens[i + 2].word == "to" && i > 1 ? 3 : nil
        case "given", "now", "so", "even", "considering", "seeing":
            if next == "that" || (w == "even" && next == "though") { return 2 }
            // `…, so QA can start their pass`, `so the new certs load`: a purpose after the request.
            // (`ever so grateful if you could…` is no purpose: a subject must follow `so`.)
            let subject = ["i", "we", "they", "you", "he", "she", "it", "qa", "the", "our", "their", "that", "this"].contains(next)
                || (i + 1 < tokens.count && tokens[i + 1].raw.first?.isUppercase == true)
            if w == "so", i > 0, subject, !["ever", "very", "really", "be", "is", "am", "are", "not"].contains(tokens[i - 1].word),
               (2...4).contains(where: { d in i + d < tokens.count && purposeModals.contains(tokens[i + d].word) })
                || ["i", "we", "they", "you", "he", "she", "qa"].contains(next)
            {
                return 1
            }
            return nil
        default: return nil
        }
    }

    /// `since` and `as` also measure time and role (`since 2h`, `as gateway`): they open a
    /// clause only with a verb in it.
    private static func mustHaveVerb(_ word: String) -> Bool { word == "since" || word == "as" }

    private static func hasFiniteVerb(_ words: [String]) -> Bool {
        words.prefix(8).contains { finite.contains($0) || (Tagger.isParticiple($0) && $0 != "scheduled") }
    }

    private static let finite: Set<String> = [
        "is", "are", "was", "were", "has", "have", "had", "keeps", "keep", "says", "said", "does", "do", "did",
        "can", "can't", "will", "won't", "needs", "wants", "goes", "seems", "looks", "isn't", "aren't", "doesn't",
        "don't", "didn't", "'s", "it's", "we're", "they're", "i'm", "we", "they", "checks", "runs", "uses",
    ]

    /// Verbs of a purpose (`to absorb the backlog`) that name no operation of their own.
    private static let purposeVerbs: Set<String> = [
        "absorb", "handle", "cope", "deal", "clear", "speed", "catch", "free", "save", "avoid", "prevent", "cover",
        "match", "meet", "unblock", "support", "mitigate", "relieve", "ease", "serve", "accommodate", "soak", "reclaim",
        "kill", "test", "verify", "confirm", "rule", "pick", "work", "fix", "stop", "flush", "drain", "burn", "chew",
        "keep", "help", "reduce", "cut", "lower", "improve", "survive", "stabilise", "stabilize", "recover", "address",
        "resolve", "tackle", "shed", "spread", "balance", "smooth", "protect", "stay", "see", "rotate", "bust",
    ]

    private static let purposeModals: Set<String> = ["can", "could", "will", "would", "may", "might", "load", "loads", "picks", "pick", "gets", "get"]

    /// Words that open a line without being part of the reason: `so, because …`.
    private static let openers: Set<String> = ["so", "ok", "okay", "hey", "hi", "also", "and", "but", "please"]

    /// Words by which a request points at what a clause named.
    private static let pointers: Set<String> = ["it", "its", "it's", "them", "their", "there"]
}
