/// `deploy payments dash gateway to prod`: a hyphen said aloud by a dictation tool. Between
/// two words of letters and digits, ` dash ` is the hyphen of one name.
enum SpokenDashes {
    private static let notNameParts: Set<String> = ["a", "an", "the", "of", "to", "in", "on", "and", "or", "with", "for"]

    /// The text with every spoken dash between two name parts made a hyphen; the text itself
    /// when there is none.
    static func join(_ text: String) -> String {
        guard text.utf8.count >= 10, saysDash(text.utf8) else { return text }
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

    /// Whether ` dash ` occurs, in any case, without copying the text.
    private static func saysDash(_ utf8: String.UTF8View) -> Bool {
        var previous: UInt8 = 0
        var matched = 0
        for byte in utf8 {
            let lower = byte | 0x20
            switch matched {
            case 0: matched = previous == 0x20 && lower == UInt8(ascii: "d") ? 1 : 0
            case 1: matched = lower == UInt8(ascii: "a") ? 2 : 0
            case 2: matched = lower == UInt8(ascii: "s") ? 3 : 0
            case 3: matched = lower == UInt8(ascii: "h") ? 4 : 0
            default:
                if byte == 0x20 { return true }
                matched = 0
            }
            previous = byte
        }
        return false
    }

    private static func isNamePart(_ word: String) -> Bool {
        !word.isEmpty && word.utf8.allSatisfy { TokenShapes.isLetter($0) || TokenShapes.isDigit($0) || $0 == UInt8(ascii: "-") }
            && !notNameParts.contains(word.lowercased())
    }
}
