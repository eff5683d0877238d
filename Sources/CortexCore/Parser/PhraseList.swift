/// A sentence's words, each hashed once, so that every phrase list can look for its phrases
/// with integer comparisons instead of string comparisons.
struct HashedWords: RandomAccessCollection, Sendable {
    let words: [String]
    fileprivate let hashes: [Int]

    init(_ words: [String]) {
        self.words = words
        hashes = words.map(\.hashValue)
    }

    var startIndex: Int { 0 }
    var endIndex: Int { words.count }
    subscript(position: Int) -> String { words[position] }
}

/// Phrases of a few words (`what if`, `never mind`, `is it safe`), matched against a
/// sentence's words.
///
/// Each phrase keeps the hash of its first word, so a sentence is scanned with one integer
/// comparison per word and phrase; strings are compared only where a first word matches.
struct PhraseList: Sendable {
    let phrases: [[String]]
    private let firstHashes: [Int]

    init(_ phrases: [[String]]) {
        precondition(phrases.allSatisfy { !$0.isEmpty }, "a phrase has at least one word")
        self.phrases = phrases
        firstHashes = phrases.map { $0[0].hashValue }
    }

    /// Whether a phrase occurs anywhere in the words.
    func occurs(in words: HashedWords) -> Bool {
        words.indices.contains { length(at: $0, in: words) != nil }
    }

    /// Whether a phrase occurs anywhere in the words.
    func occurs(in words: [String]) -> Bool {
        occurs(in: HashedWords(words))
    }

    /// The number of words of a phrase that opens `words`, or nil when none does (compared
    /// directly: one position is not worth hashing the whole sentence for).
    func prefixLength(of words: ArraySlice<String>) -> Int? {
        guard let first = words.first else { return nil }
        return phrases.first { $0[0] == first && words.starts(with: $0) }?.count
    }

    /// The number of words of a phrase that starts at word `i`, or nil when none does.
    func length(at i: Int, in words: HashedWords) -> Int? {
        let hash = words.hashes[i]
        for (k, first) in firstHashes.enumerated() where first == hash {
            let phrase = phrases[k]
            guard i + phrase.count <= words.count else { continue }
            if words.words[i..<(i + phrase.count)].elementsEqual(phrase) { return phrase.count }
        }
        return nil
    }
}
