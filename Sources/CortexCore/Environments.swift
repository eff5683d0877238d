/// One environment the team deploys to, with the words that name it.
public struct EnvironmentDefinition: Equatable, Sendable {
    public var name: String
    public var aliases: [String]

    public init(name: String, aliases: [String] = []) {
        self.name = name
        self.aliases = aliases
    }
}

/// The environments cortex knows and how words map onto them: canonical names, aliases,
/// and small typos (`stagin`, `prodution`).
public struct EnvironmentCatalog: Equatable, Sendable {
    public private(set) var definitions: [EnvironmentDefinition]
    private var exact: [String: String] = [:]

    /// development (dev), staging (stage, stg), production (prod, prd, live).
    public static let standard = EnvironmentCatalog([
        .init(name: "development", aliases: ["dev", "develop"]),
        .init(name: "staging", aliases: ["stage", "stg"]),
        .init(name: "production", aliases: ["prod", "prd", "live"]),
    ])

    public init(_ definitions: [EnvironmentDefinition]) {
        self.definitions = []
        // Sized up front, so that no insertion grows the table (growing it is the first thing
        // many one-shot commands ask of the runtime's conformance records).
        exact.reserveCapacity(definitions.reduce(0) { $0 + 1 + $1.aliases.count })
        for d in definitions { add(d) }
    }

    /// Adds an environment or, when the name exists, merges its aliases.
    public mutating func add(_ definition: EnvironmentDefinition) {
        let name = definition.name.lowercased()
        let aliases = definition.aliases.map { $0.lowercased() }
        if let i = definitions.firstIndex(where: { $0.name == name }) {
            definitions[i].aliases.append(contentsOf: aliases.filter { !definitions[i].aliases.contains($0) })
        } else {
            definitions.append(.init(name: name, aliases: aliases))
        }
        exact[name] = name
        for a in aliases where exact[a] == nil { exact[a] = name }
    }

    public var names: [String] { definitions.map(\.name) }

    /// Every word that names an environment, canonical names first.
    public var allWords: [String] { names + definitions.flatMap(\.aliases) }

    /// The canonical name for an exact name or alias, case-insensitive.
    public func canonical(_ word: String) -> String? {
        exact[word.lowercased()]
    }

    /// The canonical name for a word, tolerating a small typo when nothing matches exactly.
    /// Returns nil when no word is close enough or two environments are equally close.
    ///
    /// Words of five letters or more may be one edit away (two from eight letters on):
    /// `stagin`, `prodution`, `productoin`. A four-letter word may only have two neighbouring
    /// letters swapped (`pord`); shorter words must match exactly, so `pod` is not `prod`.
    public func resolve(_ word: String) -> String? {
        let w = word.lowercased()
        if let hit = exact[w] { return hit }
        let length = w.unicodeScalars.count
        if length == 4 { return swapped(w) }
        guard length >= 5 else { return nil }
        let budget = length >= 8 ? 2 : 1
        var best: (name: String, distance: Int)?
        var tie = false
        for (candidate, name) in exact where candidate.unicodeScalars.count >= 4 {
            let d = EditDistance.damerauLevenshtein(w, candidate, limit: budget)
            guard d <= budget else { continue }
            if let b = best {
                if d < b.distance { best = (name, d); tie = false }
                else if d == b.distance && b.name != name { tie = true }
            } else {
                best = (name, d)
            }
        }
        return tie ? nil : best?.name
    }

    /// The environment a four-letter word names by one slip of a short alias (`prof`, `pros`
    /// for `prod`; `stag` for `stg`), to be used only where an environment is expected (after
    /// `in`, `on`, `to`). Aliases that are English words (`live`) take no slips: their
    /// neighbours are words too (`line`, `life`). Nil when none or two environments are that close.
    public func resolveSlip(_ word: String) -> String? {
        let w = word.lowercased()
        guard w.unicodeScalars.count == 4, w.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) else { return nil }
        var found: String?
        for (candidate, name) in exact where (3...5).contains(candidate.unicodeScalars.count) && !Self.englishAliases.contains(candidate) {
            guard EditDistance.damerauLevenshtein(w, candidate, limit: 1) == 1 else { continue }
            if let f = found, f != name { return nil }
            found = name
        }
        return found
    }

    private static let englishAliases: Set<String> = ["live", "test", "main", "demo", "beta", "qa"]

    /// The environment a four-letter word names with two neighbouring letters swapped.
    private func swapped(_ w: String) -> String? {
        let s = Array(w.unicodeScalars)
        var found: String?
        for (candidate, name) in exact {
            let t = Array(candidate.unicodeScalars)
            guard t.count == 4 else { continue }
            let differing = (0..<4).filter { s[$0] != t[$0] }
            guard differing.count == 2, differing[1] == differing[0] + 1,
                s[differing[0]] == t[differing[1]], s[differing[1]] == t[differing[0]]
            else { continue }
            if let f = found, f != name { return nil }
            found = name
        }
        return found
    }
}

/// Optimal-string-alignment edit distance (insert, delete, substitute, swap neighbours).
public enum EditDistance {
    /// The distance between `a` and `b`, or some value above `limit` once it is exceeded.
    public static func damerauLevenshtein(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let s = Array(a.unicodeScalars), t = Array(b.unicodeScalars)
        if abs(s.count - t.count) > limit { return limit + 1 }
        if s.isEmpty { return t.count }
        if t.isEmpty { return s.count }
        var prev2 = [Int](repeating: 0, count: t.count + 1)
        var prev = Array(0...t.count)
        var cur = [Int](repeating: 0, count: t.count + 1)
        for i in 1...s.count {
            cur[0] = i
            var rowMin = cur[0]
            for j in 1...t.count {
                let cost = s[i - 1] == t[j - 1] ? 0 : 1
                var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                if i > 1, j > 1, s[i - 1] == t[j - 2], s[i - 2] == t[j - 1] {
                    v = min(v, prev2[j - 2] + 1)
                }
                cur[j] = v
                rowMin = min(rowMin, v)
            }
            if rowMin > limit { return limit + 1 }
            (prev2, prev, cur) = (prev, cur, prev2)
        }
        return prev[t.count]
    }
}
