/// Words mistyped by two neighbouring letters swapped (`stagign`, `remvoe`, `healhty`) or a
/// letter pressed twice (`downn`, `devv`, `sett`), read as the one word of `vocabulary` they
/// are a slip of. Swaps are read only in words of five letters or more (`form` is a name, not
/// `from`), and no vocabulary word is a swap or a doubled letter away from another, so a
/// workload's own name is left as it is unless it is exactly such a slip.
enum TypingSlips {
    /// Whether the bytes of a word may be a slip, read without making a string: its letters
    /// are those of a vocabulary word of its length, or a letter is doubled, or it may be one
    /// of the short swaps.
    static func mayBeSlip(_ word: ArraySlice<UInt8>) -> Bool {
        let (key, doubled) = shape(of: word)
        if doubled && word.count >= 4 { return true }
        if word.count <= 4 { return word.count >= 3 && shortSwapFirsts.contains(word.first! | 0x20) }
        return swapShapes.contains(key)
    }

    /// A word's set of letters (any case) and length as one key, and whether a letter is
    /// doubled: a swap keeps the key, a doubled letter adds to the length only.
    private static func shape<Bytes: Collection<UInt8>>(of word: Bytes) -> (key: UInt32, doubled: Bool) {
        var mask: UInt32 = 0
        var doubled = false
        var last: UInt8 = 0
        for b in word {
            let lower = b | 0x20
            doubled = doubled || lower == last
            mask |= 1 << UInt32(lower &- 97 & 31)
            last = lower
        }
        return (mask &* 32 &+ UInt32(word.count), doubled)
    }

    private static let shortSwapFirsts: Set<UInt8> = Set(shortSwaps.keys.map { $0.utf8.first! })

    /// The word `word` (lowercase) is a slip of, or nil.
    static func meant(_ word: String) -> String? {
        if let short = shortSwaps[word] { return short }
        // Most words are ruled out by their letters alone, before anything is copied.
        let (key, doubled) = shape(of: word.utf8)
        let mayBeSwap = word.utf8.count >= 5 && swapShapes.contains(key)
        guard doubled || mayBeSwap, !vocabulary.contains(word) else { return nil }
        let bytes = Array(word.utf8)
        // A letter pressed twice.
        if doubled {
            for i in bytes.indices.dropFirst() where bytes[i] == bytes[i - 1] {
                var single = bytes
                single.remove(at: i)
                let candidate = String(decoding: single, as: UTF8.self)
                if vocabulary.contains(candidate) { return candidate }
            }
        }
        // Two neighbouring letters swapped, in a word of five letters or more (`form` is a name).
        guard mayBeSwap, let candidates = bySortedLetters[String(decoding: bytes.sorted(), as: UTF8.self)] else { return nil }
        let swapped = candidates.filter { isOneSwap(bytes, Array($0.utf8)) }
        return swapped.count == 1 ? swapped[0] : nil
    }

    /// The shape of each vocabulary word of five letters or more.
    private static let swapShapes: Set<UInt32> = Set(vocabulary.filter { $0.utf8.count >= 5 }.map { shape(of: $0.utf8).key })

    private static func isOneSwap(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count, let i = a.indices.first(where: { a[$0] != b[$0] }), i + 1 < a.count else { return false }
        return a[i] == b[i + 1] && a[i + 1] == b[i] && a[(i + 2)...] == b[(i + 2)...]
    }

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
