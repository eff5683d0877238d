/// `scale orders to 6 inprod`, `deploy ledger tostaging`: a preposition typed without its
/// space before an environment's name or alias. Read as two words, the environment is named;
/// read as one, it would be an unexplained word and the change would run wherever the session
/// points.
enum GluedPrepositions {
    private static let prepositions = ["into", "from", "in", "on", "to", "at"]

    /// The text with every glued preposition and environment word separated; the text itself
    /// when there is none.
    static func separate(_ text: String, environments: EnvironmentCatalog) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "n") || $0 == UInt8(ascii: "o") }) else { return text }
        var changed = false
        let words = text.split(separator: " ", omittingEmptySubsequences: false).map { word -> Substring in
            guard let split = split(word, environments) else { return word }
            changed = true
            return split
        }
        return changed ? words.joined(separator: " ") : text
    }

    private static func split(_ word: Substring, _ environments: EnvironmentCatalog) -> Substring? {
        let core = word.prefix { $0.isLetter }
        // Only a word of letters (and trailing punctuation): `in-prod` or `instance-2` is a name.
        guard core.count >= 5, word.dropFirst(core.count).allSatisfy({ ",.;:!?".contains($0) }) else { return nil }
        let lower = core.lowercased()
        for p in prepositions where lower.hasPrefix(p) {
            let rest = lower.dropFirst(p.count)
            guard rest.count >= 3, environments.canonical(String(rest)) != nil else { continue }
            return core.prefix(p.count) + " " + word.dropFirst(p.count)
        }
        return nil
    }
}
