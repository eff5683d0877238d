/// `scale orders to 6 inprod`, `deploy ledger tostaging`: a preposition typed without its
/// space before an environment's name or alias. Read as two words, the environment is named;
/// read as one, it would be an unexplained word and the change would run wherever the session
/// points.
enum GluedPrepositions {
    private static let prepositions = ["into", "from", "in", "on", "to", "at"]
    /// Punctuation that may end a word without making it part of a name.
    private static let trailingPunctuation = ",.;:!?"
    /// Bounds written as `key=value` (`replicas=3`, `cpu=60%` are read by the tagger; lowercase
    /// keys only: `LOG_LEVEL=debug` is a variable).
    private static let slotKeys: Set<String> = ["min", "max"]

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
            let next = end == utf8.endIndex ? end : utf8.index(after: end)
            if let cut = cut(word, environments) {
                edits.append((cut..<cut, " "))
            } else if start != utf8.startIndex, marksEnvironment(word, environments) {
                edits.append((start..<word.index(after: start), "in "))
            } else if word == "/", start != utf8.startIndex, placeOrPeriod(text[next...].prefix { $0 != " " }, environments) {
                // `bounce mail / dev`, `cost cart / month`, `min 3 / max 12`: a slash between slots.
                edits.append((start..<end, ","))
            } else if word == "@", start != utf8.startIndex {
                // `inbox @ stage`: at an environment; `order-api @ 1.12.3`: at a version.
                let following = text[next...].prefix { $0 != " " }.prefix { !trailingPunctuation.contains($0) }
                edits.append((start..<end, environments.canonical(following.lowercased()) != nil ? "in" : ""))
            } else if let slash = placeAfterSlash(word, environments) {
                edits.append((slash..<word.index(after: slash), " in "))
            } else if let (place, name) = placeBeforeSlash(word, environments) {
                // `prod/search-ranker: deploy …`: the place written as a prefix of the name.
                edits.append((word.startIndex..<word.index(word.startIndex, offsetBy: place.count + 1 + name.count), "\(name) in \(place)"))
            } else if let equals = word.firstIndex(of: "="), slotKeys.contains(String(word[..<equals])),
                      word[word.index(after: equals)...].first?.isNumber == true
            {
                // `hpa ledger min=3 max=15 cpu=60%`: a slot written as a flag's value.
                edits.append((equals..<word.index(after: equals), " "))
            }
            start = next
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

    private static func placeOrPeriod(_ word: Substring, _ environments: EnvironmentCatalog) -> Bool {
        let bare = word.prefix { !trailingPunctuation.contains($0) }.lowercased()
        return environments.canonical(bare) != nil || ["day", "week", "month", "daily", "weekly", "monthly", "max", "min"].contains(bare)
    }

    /// `search/prd`, `payments/stg:`: a workload and its environment joined by a slash; where
    /// the slash is, or nil (`ds/log-agent` is kubectl's kind and name).
    private static func placeAfterSlash(_ word: Substring, _ environments: EnvironmentCatalog) -> String.Index? {
        guard let slash = word.firstIndex(of: "/"), slash != word.startIndex else { return nil }
        let name = word[..<slash]
        let place = word[word.index(after: slash)...].prefix { !trailingPunctuation.contains($0) }
        guard !place.contains("/"), environments.canonical(place.lowercased()) != nil, WorkloadKind(alias: name.lowercased()) == nil,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" })
        else { return nil }
        return slash
    }

    /// `prod/search-ranker`, `dev/notif-fanout:`: an environment, a slash and a workload's name.
    private static func placeBeforeSlash(_ word: Substring, _ environments: EnvironmentCatalog) -> (Substring, Substring)? {
        guard let slash = word.firstIndex(of: "/"), slash != word.startIndex else { return nil }
        let place = word[..<slash]
        let name = word[word.index(after: slash)...].prefix { !trailingPunctuation.contains($0) }
        guard !name.isEmpty, environments.canonical(place.lowercased()) != nil,
              name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), environments.canonical(name.lowercased()) == nil
        else { return nil }
        return (place, name)
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
            // (`inprof`: a slip of an environment run into its preposition is cut too, and then read
            // where an environment belongs.)
            guard rest.count >= 3, environments.canonical(String(rest)) != nil || rest.count == 4 && environments.resolveSlip(String(rest)) != nil
            else { continue }
            return word.index(word.startIndex, offsetBy: p.count)
        }
        return nil
    }
}
