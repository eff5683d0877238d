/// A phrase that points again at the workload just named, said as an afterthought: `roll back
/// docs-site, the one in staging`, `rollback atlas to revision three, the one from tuesday`.
/// `the one` there is not a count. Where the phrase places the workload (`in staging`) that
/// place is kept; the rest of it (when it was made, who made it) asks for nothing and goes.
enum PointingPhrases {
    static func removing(from text: String) -> String {
        let lower = ByteSearch.asciiLowercased(Array(text.utf8))
        guard ByteSearch.first(cue, in: lower) != nil else { return text }
        var words = text.split(separator: " ").map(String.init)
        let w = words.map { $0.lowercased() }
        guard let k = (2..<max(2, w.count - 1)).first(where: { i in
            ["the", "that"].contains(w[i]) && w[i + 1].withoutTrailingPunctuation == "one" && !w[i + 1].hasSuffix(".")
                && !countingWords.contains(w[i - 1].withoutTrailingPunctuation)
                // (set off by a comma, or right after a name shaped like a workload's: `docs-site the one in staging`.)
                && (w[i - 1].hasSuffix(",") || (w[i - 1].contains("-") && i + 2 < w.count))
                && (i + 2 == w.count || w[i + 1].hasSuffix(",") || followers.contains(w[i + 2].withoutTrailingPunctuation))
        }) else { return text }
        // The phrase runs to the next comma or the end of the line.
        var end = k + 1
        while end < words.count - 1, !words[end].hasSuffix(",") { end += 1 }
        var kept: [String] = []
        if k + 3 <= end, ["in", "on"].contains(w[k + 2]) {
            kept = Array(words[(k + 2)...min(k + 3, end)])
        }
        if let last = kept.last, last.hasSuffix(",") { kept[kept.count - 1].removeLast() }
        if words[k - 1].hasSuffix(","), kept.isEmpty || end == words.count - 1 { words[k - 1].removeLast() }
        words.replaceSubrange(k...end, with: kept)
        return words.joined(separator: " ")
    }

    private static let cue = Array(" one".utf8)

    /// Words before `the one` that make it a count or a choice: `scale to the one replica`, `keep only the one`.
    private static let countingWords: Set<String> = ["to", "by", "only", "just", "keep", "than", "of", "is", "was", "pick", "use"]

    /// Words that go on pointing after `the one`.
    private static let followers: Set<String> = [
        "in", "on", "from", "that", "that's", "which", "we", "you", "i", "they", "running", "deployed", "with", "shipped",
        "released", "pushed", "who", "everyone",
    ]
}
