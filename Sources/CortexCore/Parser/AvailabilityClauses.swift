/// Clauses about when the person asked is free, which chat wraps around a request: `when you
/// get a sec, …`, `once you're free, …`, `whenever works for you: …`, `… once you're off that
/// call?`, `no rush - …`. They say nothing about the cluster: cortex is free now, so the
/// request is read without them.
///
/// A clause is taken out only when it is about the person addressed (`you`) being free, back
/// or done with something of their own, and names nothing to wait for in the systems:
/// `once you're done with the migration, restart api` and `when payments is healthy, restart
/// cart` stay conditions for the mood to refuse.
enum AvailabilityClauses {
    private static let openers: [[UInt8]] = ["when", "once", "rush", "hurry"].map { Array($0.utf8) }

    static func removing(from text: String) -> String {
        // (Most lines have none of the openers: one look at the lowercased text settles them.)
        guard ByteSearch.containsAny(openers, in: text) else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        var i = 0
        var changed = false
        while i < words.count {
            // At the start of the line or of a clause; later in one only when it ends the line
            // (`… on stage once you're done with standup?`).
            let opensClause = i == 0 || endsClause(words[i - 1])
            if let end = clauseEnd(words, from: i), opensClause || words[(end + 1)...].allSatisfy({ courtesies.contains(bare($0)) }) {
                // The clause's own closing mark goes with it; a question's mark stays with the line.
                let last = words[end]
                words.removeSubrange(i...end)
                if last.hasSuffix("?"), i > 0 { words[i - 1] = words[i - 1].withoutTrailingPunctuation + "?" }
                changed = true
                continue
            }
            i += 1
        }
        guard changed else { return text }
        let rest = words.joined(separator: " ")
        // What is left must still be a request of a few words.
        return rest.split(separator: " ").count >= 2 ? rest : text
    }

    /// The index of the last word of an availability clause that starts at `start`, or nil.
    private static func clauseEnd(_ words: [String], from start: Int) -> Int? {
        let w = words.map { bare($0) }
        var i = start
        // `No rush - …`, `no hurry, …`: said before the request or on its own between dashes.
        if i + 1 < w.count, w[i] == "no", ["rush", "hurry", "pressure"].contains(w[i + 1]) {
            return closing(words, w, after: i + 1, limit: i + 1)
        }
        // `First thing when you're in, …`.
        if i + 2 < w.count, w[i] == "first", w[i + 1] == "thing", ["when", "once"].contains(w[i + 2]) { i += 2 }
        guard i < w.count, ["when", "once", "whenever", "whenever's"].contains(w[i]) else { return nil }
        let opener = i
        // `whenever: …`, `Whenever - no hurry - …`, `whenever works for you, …`, `whenever's good`.
        if w[opener].hasPrefix("whenever") {
            if endsClause(words[opener]) { return opener }
            if opener + 1 < w.count, w[opener + 1] == "-" { return opener + 1 }
            if w[opener] == "whenever's" || (opener + 1 < w.count && ["works", "suits", "is"].contains(w[opener + 1])) {
                return closing(words, w, after: opener, limit: opener + 5)
            }
        }
        guard opener + 2 < w.count, let predicate = freePredicate(w, after: opener + 1) else { return nil }
        return closing(words, w, after: predicate, limit: predicate + 4)
    }

    /// Where `you …` after an opener says the person is free (`you get a sec`, `you're back
    /// from lunch`, `you can`): the index of the predicate's last word, or nil.
    private static func freePredicate(_ w: [String], after i: Int) -> Int? {
        var j = i
        let subject = w[j]
        let contracted: [String: String] = ["you're": "are", "youre": "are", "you've": "have", "ur": "are"]
        var verb: String
        if let v = contracted[subject] {
            verb = v
        } else if subject == "you" || subject == "u" {
            j += 1
            guard j < w.count else { return nil }
            verb = w[j]
        } else {
            return nil
        }
        if verb == "have", j + 1 < w.count, w[j + 1] == "got" { j += 1 }
        switch verb {
        case "get", "have", "got", "find", "grab":
            // `you get a sec`, `you have a moment`, `you find time`, `you get around to it`.
            let rest = w[(j + 1)...].prefix(4)
            if rest.first == "around", rest.dropFirst().first == "to" { return j + 3 < w.count ? j + 3 : nil }
            if rest.first == "time" || rest.first == "a" && rest.dropFirst().first.map(moments.contains) == true
                || rest.first == "some" && rest.dropFirst().first == "time"
            {
                return j + (rest.first == "time" ? 1 : 2)
            }
            return nil
        case "can", "like", "want", "wish", "please":
            return j
        case "are", "'re":
            guard j + 1 < w.count, states.contains(w[j + 1]) else { return nil }
            return j + 1
        default:
            return nil
        }
    }

    /// The last word of the clause whose predicate ends at `after`: its closing mark or dash,
    /// the line's end, or the word before the request's polite opening; a few words of the
    /// person's own doing (`back from lunch`, `off that call`) may come first. Nil when those
    /// words name something in the systems to wait for.
    private static func closing(_ words: [String], _ w: [String], after: Int, limit: Int) -> Int? {
        var k = after
        while true {
            if endsClause(words[k]) { return k }
            guard k + 1 < w.count else { return k }
            let next = w[k + 1]
            if ["-", "–", "—"].contains(next) { return k + 1 }
            if politeOpenings.contains(next) || Lexicon.namesOperation(next) { return k }
            if k + 1 > limit || awaited.contains(next) || Antecedent.isShaped(next) || EnvironmentCatalog.standard.canonical(next) != nil {
                return nil
            }
            k += 1
        }
    }

    private static func endsClause(_ word: String) -> Bool {
        guard let last = word.last else { return false }
        return [",", ":", ";", ".", "!", "?"].contains(last) || ["-", "–", "—"].contains(word)
    }

    private static func bare(_ word: String) -> String {
        String(word.withoutTrailingPunctuation.lowercased().map { $0 == "’" ? "'" : $0 })
    }

    private static let courtesies: Set<String> = ["thx", "ty", "thanks", "thank", "you", "please", "pls", "cheers"]
    private static let moments: Set<String> = ["sec", "second", "moment", "minute", "min", "chance", "break", "mo", "tick", "spare"]
    private static let states: Set<String> = [
        "free", "back", "in", "done", "off", "around", "ready", "available", "online", "up", "finished", "through", "out", "able",
    ]
    /// Words that start the request proper after the clause: `… could you restart …`.
    private static let politeOpenings: Set<String> = ["could", "can", "would", "will", "please", "pls", "kindly", "mind", "go", "just", "let", "i'd"]
    /// Things in the systems a clause may wait for: such a clause is a condition, not a courtesy.
    private static let awaited: Set<String> = [
        "migration", "freeze", "release", "backup", "upgrade", "tests", "test", "build", "deploy", "deployment", "rollout",
        "incident", "outage", "maintenance", "patch", "load", "traffic", "sale", "job", "pipeline", "ci", "merge", "review",
    ]
}
