/// The words the shell can complete: built-in commands, verbs, environments and services.
/// The session refreshes it as it learns more (services become known once a cluster answers).
public struct CompletionVocabulary: Equatable, Sendable {
    /// The REPL's own commands.
    public static let builtins = ["exit", "help", "history", "use"]

    public var builtins: [String]
    public var verbs: [String]
    public var environments: EnvironmentCatalog
    public var services: [String]

    public init(
        builtins: [String] = CompletionVocabulary.builtins,
        verbs: [String] = [],
        environments: EnvironmentCatalog = .standard,
        services: [String] = []
    ) {
        self.builtins = builtins
        self.verbs = verbs
        self.environments = environments
        self.services = services
    }
}

/// Tab completion over a ``CompletionVocabulary``: which words fit where the cursor is.
///
/// - First word of the line: built-ins and verbs (and environments once a letter is typed,
///   for "prod: restart web").
/// - After `use` as the first word, or after in/on/to/at/into/from: environments only.
/// - Elsewhere: service names, plus verbs and environments once a letter is typed.
///
/// Matching is case-insensitive on the start of the word. Environments are offered by their
/// canonical name when it matches (`st` → staging, not also stage and stg), by an alias
/// only when the name does not (`li` → live, `prd` → prd).
public struct CompletionEngine: Equatable, Sendable {
    public var vocabulary: CompletionVocabulary

    /// Words after which an environment is expected.
    static let environmentPrepositions: Set<String> = ["in", "on", "to", "at", "into", "from"]

    public init(_ vocabulary: CompletionVocabulary = CompletionVocabulary()) {
        self.vocabulary = vocabulary
    }

    /// The candidates for `word`, given the text of the line before it. Sorted, without
    /// duplicates; empty when nothing fits.
    public func candidates(for word: String, after before: String) -> [String] {
        let previous = Self.words(in: before)
        let prefix = word.lowercased()
        let env = environmentWords(prefix: prefix)
        var pool: [String]
        if previous.isEmpty {
            pool = vocabulary.builtins + vocabulary.verbs + (prefix.isEmpty ? [] : env)
        } else if previous == ["use"] {
            pool = env
        } else if let last = previous.last, Self.environmentPrepositions.contains(last) {
            pool = env
        } else {
            pool = vocabulary.services + (prefix.isEmpty ? [] : vocabulary.verbs + env)
        }
        let matches = pool.filter { $0.lowercased().hasPrefix(prefix) }
        return Array(Set(matches)).sorted()
    }

    /// What replaces the word when candidates share a start: their longest common prefix,
    /// or the word itself when they share nothing longer.
    public func completion(for word: String, after before: String) -> Completion {
        let found = candidates(for: word, after: before)
        return Completion(word: word, candidates: found)
    }

    private func environmentWords(prefix: String) -> [String] {
        vocabulary.environments.definitions.flatMap { env in
            env.name.hasPrefix(prefix) ? [env.name] : env.aliases.filter { $0.hasPrefix(prefix) }
        }
    }

    /// The lowercased words of `text`, with clause punctuation (`in staging,`, `prod:`) removed.
    static func words(in text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).compactMap { raw in
            let trimmed = raw.trimmingCharacters(in: ",:;.!?")
            return trimmed.isEmpty ? nil : trimmed.lowercased()
        }
    }
}

/// The outcome of completing one word: the candidates and what the word becomes.
public struct Completion: Equatable, Sendable {
    /// Matching words, sorted.
    public var candidates: [String]
    /// The replacement for the word: the single candidate, or the candidates' common prefix
    /// (which may be no longer than what was typed).
    public var replacement: String

    public init(word: String, candidates: [String]) {
        self.candidates = candidates
        switch candidates.count {
        case 0: replacement = word
        case 1: replacement = candidates[0]
        default:
            let common = Self.commonPrefix(candidates)
            replacement = common.count >= word.count ? common : word
        }
    }

    /// The longest start shared by every string, compared character by character.
    static func commonPrefix(_ strings: [String]) -> String {
        guard var prefix = strings.first.map(Array.init) else { return "" }
        for s in strings.dropFirst() {
            let chars = Array(s)
            var n = 0
            while n < prefix.count, n < chars.count, prefix[n] == chars[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
        }
        return String(prefix)
    }
}

extension Substring {
    fileprivate func trimmingCharacters(in set: String) -> Substring {
        var s = self
        while let c = s.first, set.contains(c) { s.removeFirst() }
        while let c = s.last, set.contains(c) { s.removeLast() }
        return s
    }
}
