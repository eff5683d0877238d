/// A value the speaker corrects as they go, as dictation and quick typing leave it: `scale
/// orders to four no five`, `deploy billing 4.0.0 to staging wait no 4.0.1`, `restart
/// billing in staging uh no prod`, `restart orders no wait inventory`. The value corrected
/// and the words that correct it are dropped; the correction stays where it was said.
///
/// A count, an environment or a version may be corrected by a bare `no`; a name only with a
/// word that says so (`wait`, `sorry`, `I mean`, `actually`, `rather`), so that `restart
/// payments no downtime` keeps its workload.
enum SelfCorrections {
    private enum Kind: Equatable { case number, environment, version, name }

    static func apply(_ tokens: [Token], environments: EnvironmentCatalog) -> [Token] {
        var tokens = tokens
        var searchFrom = 0
        while let (first, markerStart, markerEnd, whole) = nextCorrection(tokens, from: searchFrom, environments) {
            // `to stage no sorry to dev`: the preposition said again goes with the correction.
            var dropStart = first
            if markerEnd < tokens.count, first > 0, tokens[first - 1].word == tokens[markerEnd].word,
               repeatedPrepositions.contains(tokens[markerEnd].word)
            {
                dropStart = first - 1
            }
            // `four replicas no five replicas`: the unit said with the corrected count goes too;
            // a corrected verb or range goes with what was said after it (`scale up, no, scale
            // down`, `three to six, no, three to nine`).
            let units = whole ? Array((first + 1)..<markerStart) : ((first + 1)..<markerStart).filter { isUnit(tokens[$0].word) }
            let removed = Array(dropStart...first) + units + Array(markerStart..<markerEnd)
            let keepBreak = tokens[dropStart].breakBefore
            let drop = Set(removed)
            tokens = tokens.indices.filter { !drop.contains($0) }.map { tokens[$0] }
            let landing = dropStart
            if landing < tokens.count, keepBreak { tokens[landing].breakBefore = true }
            searchFrom = landing
        }
        return tokens
    }

    /// The next correction at or after `from`: the corrected value's index, the span of the
    /// correcting words, and whether everything between the two goes with the value.
    private static func nextCorrection(_ tokens: [Token], from: Int, _ environments: EnvironmentCatalog) -> (Int, Int, Int, Bool)? {
        var i = from
        while i < tokens.count {
            guard markers.contains(tokens[i].word) else {
                i += 1
                continue
            }
            var end = i
            while end < tokens.count, markers.contains(tokens[end].word) || (end > i && ["mean", "meant"].contains(tokens[end].word) && tokens[end - 1].word == "i") {
                end += 1
            }
            let words = tokens[i..<end].map(\.word)
            let says = words.contains { sayingCorrection.contains($0) } || words.joined(separator: " ").contains("i mean")
                || words.joined(separator: " ").contains("make that")
            let bare = words.contains("no")
            // The value after the correcting words (past a repeated preposition).
            var after = end
            if after < tokens.count, repeatedPrepositions.contains(tokens[after].word) { after += 1 }
            // `delete, no wait, restart ab-tester`, `scale up, no, scale down notif-hub`: the verb itself corrected.
            if after < tokens.count, i > 0, says || fenced(tokens, i, end), verbs.contains(tokens[after].word),
               let j = ((max(0, i - 3))..<i).last(where: { verbs.contains(tokens[$0].word) })
            {
                return (j, i, end, true)
            }
            guard after < tokens.count, i > 0, let wanted = kind(of: tokens[after], environments) else {
                i = end
                continue
            }
            // `staging, no prod` says where not to; `staging no prod`, said on, corrects, and
            // so does `staging, no, prod`, the `no` fenced by commas as a spoken interjection.
            guard says || (bare && wanted != .name && (!tokens[i].breakBefore || fenced(tokens, i, end))) else {
                i = end
                continue
            }
            // The nearest value of the same kind before, within the same few words; one said
            // again with what followed it (`from three to six, no, three to nine`) is corrected from there.
            var j = i - 1
            while j >= 0, j >= i - 4 {
                if kind(of: tokens[j], environments) == wanted {
                    if after + 1 < tokens.count, j >= 2, tokens[j - 2].word == tokens[after].word, tokens[j - 1].word == tokens[after + 1].word {
                        return (j - 2, i, end, true)
                    }
                    return (j, i, end, false)
                }
                if wanted == .name { break }
                j -= 1
            }
            i = end
        }
        return nil
    }

    /// `four, no, five`: the correcting words set off by commas on both sides.
    private static func fenced(_ tokens: [Token], _ start: Int, _ end: Int) -> Bool {
        tokens[start].breakBefore && end < tokens.count && tokens[end].breakBefore
    }

    private static func kind(of token: Token, _ environments: EnvironmentCatalog) -> Kind? {
        let word = token.word
        if NumberWords.digits(word) != nil || NumberWords.single(word) != nil { return .number }
        if environments.canonical(word) != nil { return .environment }
        if TokenShapes.isVersion(Array(token.raw.utf8)) { return .version }
        if markers.contains(word) || notNames.contains(word) || isUnit(word) || Lexicon.phrases(startingWith: word) != nil { return nil }
        let bytes = Array(word.utf8)
        guard let first = bytes.first, TokenShapes.isLetter(first), bytes.count > 1 else { return nil }
        return .name
    }

    private static func isUnit(_ word: String) -> Bool { units.contains(word) }

    private static let units: Set<String> = [
        "replica", "replicas", "pod", "pods", "instance", "instances", "core", "cores", "copies", "nodes",
    ]

    /// Words that, between two values, correct the first.
    private static let markers: Set<String> = [
        "no", "wait", "sorry", "actually", "uh", "um", "er", "erm", "rather", "or", "i", "make", "that", "scratch", "oops", "nope",
    ]

    /// Words that say a correction by themselves.
    private static let sayingCorrection: Set<String> = ["wait", "sorry", "actually", "rather", "oops", "nope", "scratch"]

    /// Words that are never the name corrected: `deploy payments, wait for QA`.
    private static let notNames: Set<String> = [
        "the", "a", "an", "please", "pls", "like", "just", "then", "for", "with", "from", "by", "of", "until", "till",
        "it", "this", "them", "all", "everything", "and", "but", "let", "me", "us", "you", "we", "is", "are", "was",
        "before", "after", "when", "once", "if", "not", "don't", "do", "go", "ahead", "hold", "off", "leave",
    ]

    /// Prepositions said again with the correcting value: `to stage no sorry to dev`, `by one, I mean by two`.
    private static let repeatedPrepositions: Set<String> = ["to", "in", "on", "at", "by"]

    /// Change verbs a speaker may correct for another.
    private static let verbs: Set<String> = [
        "deploy", "restart", "delete", "scale", "rollback", "pause", "resume", "promote", "abort", "bounce", "remove",
    ]
}
