/// Clause breaks typed without their comma, as on a phone: `nuke tmp-migrator on stg its not
/// needed anymore`, `need 3 more replicas of router in prod right now traffic is nuts`, `dont
/// scale pulse just show me its logs`. A comma is put where a second clause plainly starts,
/// so that the reason or the read after the request is read as the clause it is.
enum MissingStops {
    /// Words one of which a line must have for a clause to start without its comma.
    private static let cues: [[UInt8]] = ["it", "the", "now", "asap", "just", "only", " is ", " are "].map { Array($0.utf8) }

    static func inserting(into text: String) -> String {
        // (Lines with a comma or a stop already part their clauses; most have one of the cue words or none.)
        guard !text.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: ";") }) else { return text }
        guard ByteSearch.containsAny(cues, in: text) else { return text }
        var words = text.split(separator: " ").map(String.init)
        let w = words.map { String($0.lowercased().map { $0 == "’" ? "'" : $0 }) }
        guard w.count >= 4 else { return text }
        var breaks: [Int] = []  // a comma goes after these words
        let negatedFirst = ["dont", "don't", "no", "never"].contains(w[0]) || (w[0] == "do" && w[1] == "not")
        for i in 2..<w.count {
            // `its not needed anymore`, `it's idle`: a statement about the workload.
            if statingPronouns.contains(w[i]), i + 1 < w.count, states.contains(w[i + 1]) { breaks.append(i - 1) }
            if w[i] == "it", i + 2 < w.count, w[i + 1] == "is", states.contains(w[i + 2]) { breaks.append(i - 1) }
            // `dont scale pulse just show me its logs`: after a change held off, the read asked instead.
            if negatedFirst, ["just", "only", "instead"].contains(w[i]), i + 1 < w.count, reads.contains(w[i + 1]) { breaks.append(i - 1) }
            // `… in prod right now traffic is nuts`: after the time, a thing and what it is doing.
            let time = w[i] == "asap" || (w[i] == "now" && w[i - 1] == "right")
            if time, i + 2 < w.count, copulas.contains(w[i + 2]) { breaks.append(i) }
        }
        guard !breaks.isEmpty else { return text }
        for b in Set(breaks) where b >= 1 && b < words.count - 1 {
            guard let last = words[b].last, last.isLetter || last.isNumber else { continue }
            words[b] += ","
        }
        return words.joined(separator: " ")
    }

    private static let statingPronouns: Set<String> = ["its", "it's", "thats", "that's", "theyre", "they're"]
    /// What a workload is said to be after `it's`: words that never start a request's own object.
    private static let states: Set<String> = [
        "not", "no", "idle", "fine", "ok", "okay", "done", "dead", "down", "broken", "unused", "stuck", "obsolete", "been",
        "still", "already", "way", "too", "getting", "using", "eating", "burning", "costing", "wasting", "crashing",
        "failing", "throwing", "slow", "hammered", "overloaded", "useless", "empty", "old", "ancient", "flapping", "leaking",
    ]
    private static let reads: Set<String> = ["show", "get", "give", "tell", "check", "pull", "grab", "list", "send", "fetch", "tail"]
    private static let copulas: Set<String> = ["is", "are", "keeps", "looks", "seems", "was", "went"]
}
