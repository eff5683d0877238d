extension String {
    /// The word without the clause punctuation typed after it (`prod,` → `prod`, `now?!` → `now`).
    var withoutTrailingPunctuation: String {
        String(reversed().drop { ",.;:!?".contains($0) }.reversed())
    }

    /// The clause punctuation typed after the word (`prod,` → `,`), for putting back after a replacement.
    var trailingPunctuation: String {
        String(reversed().prefix { ",.;:!?".contains($0) }.reversed())
    }

    /// The string without leading and trailing white space (spaces, tabs, line breaks).
    public var trimmedWhitespace: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
