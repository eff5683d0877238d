/// The sounds and stock phrases a talker fills pauses with, as speech-to-text writes them
/// down: `um`, `uh`, `erm`, `, like,`, `, y'know,`, `so basically`, and `I mean` opening the
/// line. They carry nothing of the request and split its phrases (`to revision, um, six`), so
/// they are taken out, with the commas that only fenced them off.
///
/// `like` and `you know` are fillers only between commas (or `like,` opening the line):
/// `looks like`, `I'd like to`, `do you know why` keep their meaning. `I mean` inside the
/// line corrects what came before it and is left for `SelfCorrections`.
enum SpokenFillers {
    static func removing(from text: String) -> String {
        guard mayHaveFiller(text) else { return text }
        var words = text.split(separator: " ").map(String.init)
        let lower = words.map { String($0.lowercased().map { $0 == "’" ? "'" : $0 }) }
        var drop = Set<Int>()
        func commaBefore(_ i: Int) -> Bool { i == 0 || lower[i - 1].hasSuffix(",") }
        var i = 0
        while i < lower.count {
            let bare = lower[i].withoutTrailingPunctuation
            let last = i == lower.count - 1
            if hesitations.contains(bare) {
                // (`route this uh upgrade …`: a pointer left hanging by the pause is the route's to read.)
                if i > 0, ["this", "that"].contains(lower[i - 1]) { i += 1; continue }
                drop.insert(i)
            } else if bare == "like", commaBefore(i), lower[i].hasSuffix(",") || last {
                drop.insert(i)
            } else if knowing.contains(bare), commaBefore(i), lower[i].hasSuffix(",") || last {
                drop.insert(i)
            } else if ["you", "ya"].contains(lower[i]), i + 1 < lower.count, lower[i + 1].withoutTrailingPunctuation == "know",
                      commaBefore(i), lower[i + 1].hasSuffix(",") || i + 1 == lower.count - 1
            {
                drop.formUnion([i, i + 1])
                i += 1
            } else if bare == "basically" {
                drop.insert(i)
                if i == 1, lower[0] == "so" { drop.insert(0) }
            } else if i == 0, lower[0] == "i", lower.count > 3, ["mean", "mean,"].contains(lower[1]) {
                drop.formUnion([0, 1])
                i += 1
            }
            i += 1
        }
        guard !drop.isEmpty else { return text }
        // A filler fenced by commas leaves one comma only where a new clause follows it
        // (`fraud-score, like, it's slow`); inside a phrase both go (`revision, um, six`).
        for index in drop.sorted() where lower[index].hasSuffix(",") && index > 0 && !drop.contains(index - 1) {
            guard words[index - 1].hasSuffix(",") else { continue }
            let next = ((index + 1)..<words.count).first { !drop.contains($0) }
            if let next, clauseStarts.contains(lower[next].withoutTrailingPunctuation) { continue }
            // (`revision three, y'know, the one from tuesday`: a phrase pointing back again keeps its comma.)
            if let next, next + 1 < lower.count, ["the", "that"].contains(lower[next]), lower[next + 1].withoutTrailingPunctuation == "one" { continue }
            words[index - 1].removeLast()
        }
        var kept = words.indices.filter { !drop.contains($0) }.map { words[$0] }
        guard !kept.isEmpty else { return text }
        if let end = kept.last, end.hasSuffix(",") { kept[kept.count - 1].removeLast() }
        return kept.joined(separator: " ")
    }

    /// One look at the bytes for the letters every filler has, before any copying.
    private static func mayHaveFiller(_ text: String) -> Bool {
        let lower = ByteSearch.asciiLowercased(Array(text.utf8))
        return cues.contains { ByteSearch.first($0, in: lower) != nil }
    }

    private static let cues: [[UInt8]] = [
        "um ", "um,", "umm", "uh ", "uh,", "uhh", "uhm", " er", "hmm", "like", "know", "basically", "i mean",
    ].map { Array($0.utf8) }

    private static let hesitations: Set<String> = ["um", "umm", "ummm", "uh", "uhh", "uhm", "er", "erm", "errr", "hmm", "hmmm"]
    private static let knowing: Set<String> = ["y'know", "yknow", "ya'know", "you-know"]

    /// Words that open a clause of their own after a comma.
    private static let clauseStarts: Set<String> = [
        "it", "it's", "its", "we", "we're", "i", "i'm", "that", "that's", "they", "they're", "he", "she",
        "there", "there's", "but", "and", "so", "because", "since", "then", "no", "wait", "sorry", "actually", "nope",
        "or", "if", "once", "when", "what", "what's", "whats", "how", "how's", "why", "where", "who", "which", "can", "could",
        "would", "will", "is", "are", "do", "does", "did",
    ]
}
