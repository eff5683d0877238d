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
        while let (first, markerStart, markerEnd) = nextCorrection(tokens, from: searchFrom, environments) {
            // `to stage no sorry to dev`: the preposition said again goes with the correction.
            var dropStart = first
            if markerEnd < tokens.count, first > 0, tokens[first - 1].word == tokens[markerEnd].word,
               ["to", "in", "on", "at"].contains(tokens[markerEnd].word)
            {
                dropStart = first - 1
            }
            // `four replicas no five replicas`: the unit said with the corrected count goes too.
            let units = ((first + 1)..<markerStart).filter { isUnit(tokens[$0].word) }
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

    /// The next correction at or after `from`: the corrected value's index and the span of
    /// the correcting words.
    private static func nextCorrection(_ tokens: [Token], from: Int, _ environments: EnvironmentCatalog) -> (Int, Int, Int)? {
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
            if after < tokens.count, ["to", "in", "on", "at"].contains(tokens[after].word) { after += 1 }
            guard after < tokens.count, i > 0, let wanted = kind(of: tokens[after], environments) else {
                i = end
                continue
            }
            // `staging, no prod` says where not to; `staging no prod`, said on, corrects.
            guard says || (bare && wanted != .name && !tokens[i].breakBefore) else {
                i = end
                continue
            }
            // The nearest value of the same kind before, within the same few words.
            var j = i - 1
            while j >= 0, j >= i - 4 {
                if kind(of: tokens[j], environments) == wanted {
                    return (j, i, end)
                }
                if wanted == .name { break }
                j -= 1
            }
            i = end
        }
        return nil
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
}
