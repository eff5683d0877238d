/// `deploy payments dash gateway to prod`: a hyphen said aloud by a dictation tool. Between
/// two words of letters and digits, ` dash ` is the hyphen of one name.
enum SpokenDashes {
    private static let notNameParts: Set<String> = ["a", "an", "the", "of", "to", "in", "on", "and", "or", "with", "for"]

    /// The text with every spoken dash between two name parts made a hyphen; the text itself
    /// when there is none.
    static func join(_ text: String) -> String {
        guard text.utf8.count >= 10, text.lowercased().contains(" dash ") else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var i = 1
        var changed = false
        while i + 1 < words.count {
            if words[i].lowercased() == "dash", isNamePart(words[i - 1]), isNamePart(words[i + 1]) {
                words[i - 1] += "-" + words[i + 1]
                words.removeSubrange(i...(i + 1))
                changed = true
                continue
            }
            i += 1
        }
        return changed ? words.joined(separator: " ") : text
    }

    private static func isNamePart(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { TokenShapes.isLetter($0) || TokenShapes.isDigit($0) || $0 == UInt8(ascii: "-") }
            && !notNameParts.contains(word.lowercased())
    }
}
