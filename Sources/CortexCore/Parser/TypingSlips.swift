/// Words mistyped by two neighbouring letters swapped (`stagign`, `remvoe`, `healhty`) or a
/// letter pressed twice (`downn`, `devv`, `sett`), put right when they leave exactly one of
/// the words operations are asked with. A word the parser knows, or one that is five letters
/// or fewer away from nothing it knows, is left as it is: a workload's name is never taken for
/// a slip of one of these words, as none of them is a swap or a double away from another.
enum TypingSlips {
    static func correct(_ text: String) -> String {
        var out: [Substring] = []
        var changed = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let core = word.prefix { !",.;:!?".contains($0) }
            guard core.utf8.count >= 4, core.utf8.count <= 14, core.utf8.allSatisfy(isLetter),
                  let meant = meant(core.lowercased())
            else {
                out.append(word)
                continue
            }
            out.append(Substring(meant + word.dropFirst(core.count)))
            changed = true
        }
        return changed ? out.joined(separator: " ") : text
    }

    /// The word `word` is a slip of, or nil.
    static func meant(_ word: String) -> String? {
        guard !vocabulary.contains(word) else { return nil }
        // A letter pressed twice.
        let bytes = Array(word.utf8)
        for i in bytes.indices.dropFirst() where bytes[i] == bytes[i - 1] {
            var single = bytes
            single.remove(at: i)
            let candidate = String(decoding: single, as: UTF8.self)
            if vocabulary.contains(candidate), !doubledAlready.contains(candidate) { return candidate }
        }
        // Two neighbouring letters swapped, in a word of five letters or more (`form` is a name).
        guard bytes.count >= 5 || shortSwaps[word] != nil else { return nil }
        if let short = shortSwaps[word] { return short }
        guard let candidates = bySortedLetters[String(decoding: bytes.sorted(), as: UTF8.self)] else { return nil }
        let swapped = candidates.filter { isOneSwap(bytes, Array($0.utf8)) }
        return swapped.count == 1 ? swapped[0] : nil
    }

    private static func isLetter(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 65 && b <= 90) }

    private static func isOneSwap(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, let i = a.indices.first(where: { a[$0] != b[$0] }), i + 1 < a.count else { return false }
        return a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
    }

    /// Words whose letter is doubled by right: a slip never makes them single.
    private static let doubledAlready: Set<String> = []

    /// Four-letter words whose swaps are read (`wiht`); other short words are left alone.
    private static let shortSwaps: [String: String] = ["wiht": "with", "waht": "what", "whta": "what", "hwo": "how", "teh": "the"]

    /// The words operations are asked with, worth reading through a slip.
    static let vocabulary: Set<String> = [
        "deploy", "restart", "rollback", "remove", "pause", "resume", "abort", "promote", "delete", "scale", "status",
        "events", "logs", "lines", "healthy", "failing", "wrong", "should", "happened", "anything", "something", "month",
        "week", "weeks", "spending", "spend", "spent", "budget", "monthly", "weekly", "daily", "autoscale", "autoscaling",
        "replicas", "replica", "canary", "memory", "rollout", "revision", "version", "diagnose", "running", "limit", "limits",
        "request", "requests", "variable", "please", "doing", "broken", "route", "specialist", "handle", "minutes", "hours",
        "staging", "production", "development", "stage", "prod", "dev", "down", "bump", "ship", "set", "unset", "show",
        "from", "with", "what", "have", "failed", "crashing", "restarting", "deploying", "promoting", "before", "after",
        "undo", "back", "cost", "costs", "through", "traffic", "percent", "instances", "pods", "last", "past", "since",
    ]

    private static let bySortedLetters: [String: [String]] = {
        var table: [String: [String]] = [:]
        for word in vocabulary where word.utf8.count >= 5 {
            table[String(decoding: word.utf8.sorted(), as: UTF8.self), default: []].append(word)
        }
        return table
    }()
}
