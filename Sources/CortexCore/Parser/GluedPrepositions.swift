/// `scale orders to 6 inprod`, `deploy ledger tostaging`: a preposition typed without its
/// space before an environment's name or alias. Read as two words, the environment is named;
/// read as one, it would be an unexplained word and the change would run wherever the session
/// points.
enum GluedPrepositions {
    private static let prepositions = ["into", "from", "in", "on", "to", "at"]
    /// Punctuation that may end a word without making it part of a name.
    private static let trailingPunctuation = ",.;:!?"

    /// The text with every glued preposition and environment word separated, and an
    /// environment marked with `@` after the first word (`deploy api v2 @prod`) read as `in`;
    /// the text itself when there is none.
    static func separate(_ text: String, environments: EnvironmentCatalog) -> String {
        var edits: [(range: Range<String.Index>, with: String)] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        while start < utf8.endIndex {
            let end = utf8[start...].firstIndex(of: UInt8(ascii: " ")) ?? utf8.endIndex
            let word = text[start..<end]
            if let cut = cut(word, environments) {
                edits.append((cut..<cut, " "))
            } else if start != utf8.startIndex, marksEnvironment(word, environments) {
                edits.append((start..<word.index(after: start), "in "))
            }
            start = end == utf8.endIndex ? end : utf8.index(after: end)
        }
        guard !edits.isEmpty else { return text }
        var separated = ""
        var last = text.startIndex
        for edit in edits {
            separated += text[last..<edit.range.lowerBound]
            separated += edit.with
            last = edit.range.upperBound
        }
        separated += text[last...]
        return separated
    }

    /// `@prod`, `@staging,`: an environment's name or alias after an at sign.
    private static func marksEnvironment(_ word: Substring, _ environments: EnvironmentCatalog) -> Bool {
        guard word.utf8.first == UInt8(ascii: "@"), word.utf8.count >= 3 else { return false }
        let name = word.dropFirst().prefix { !trailingPunctuation.contains($0) }
        return environments.canonical(name.lowercased()) != nil
    }

    /// Where a space goes in `word` (after its preposition), or nil.
    private static func cut(_ word: Substring, _ environments: EnvironmentCatalog) -> String.Index? {
        let bytes = word.utf8
        // Most words are ruled out by their length and first letter.
        guard bytes.count >= 5, let first = bytes.first, "iotafIOTAF".utf8.contains(first) else { return nil }
        let core = word.prefix { $0.isLetter }
        // Only a word of letters (and trailing punctuation): `in-prod` or `instance-2` is a name.
        guard core.count >= 5, word.dropFirst(core.count).allSatisfy({ trailingPunctuation.contains($0) }) else { return nil }
        let lower = core.lowercased()
        for p in prepositions where lower.hasPrefix(p) {
            let rest = lower.dropFirst(p.count)
            guard rest.count >= 3, environments.canonical(String(rest)) != nil else { continue }
            return word.index(word.startIndex, offsetBy: p.count)
        }
        return nil
    }
}
