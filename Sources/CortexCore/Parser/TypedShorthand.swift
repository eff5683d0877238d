/// Words shortened the way operators type on a phone or in a hurry (`repl`, `frm`, `lst`,
/// `rstrt`, `lookin`), written out in full before the line is read, and slips of typing
/// (`TypingSlips`) put right, in one pass over the words. Only whole words that have no other
/// meaning here are replaced; a word next to punctuation keeps it.
enum TypedShorthand {
    static func expand(_ text: String) -> String {
        let text = withHalves(foldingAccents(text))
        let bytes = Array(text.utf8)
        var edits: [(range: Range<Int>, with: String)] = []
        forEachWord(bytes) { range in
            if let full = replacement(bytes[range]) { edits.append((range, full)) }
        }
        guard !edits.isEmpty else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 16)
        var last = 0
        for edit in edits {
            out += bytes[last..<edit.range.lowerBound]
            out += Array(edit.with.utf8)
            last = edit.range.upperBound
        }
        out += bytes[last...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a word of `text` is read through a typing slip.
    static func hasSlip(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var found = false
        forEachWord(bytes) { range in
            if !found, slip(bytes[range]) != nil { found = true }
        }
        return found
    }

    /// Each word's bytes without the punctuation after it: the words are cut at spaces.
    private static func forEachWord(_ bytes: [UInt8], _ body: (Range<Int>) -> Void) {
        var i = 0
        while i < bytes.count {
            var j = i
            while j < bytes.count, bytes[j] != 32 { j += 1 }
            var e = j
            while e > i, trailing.contains(bytes[e - 1]) { e -= 1 }
            if e > i { body(i..<e) }
            i = j + 1
        }
    }

    private static let trailing: Set<UInt8> = Set(",.;:!?".utf8)

    /// What a word is written out as, or nil; most words are ruled out by their length and
    /// first letter before any string is made.
    private static func replacement(_ word: ArraySlice<UInt8>) -> String? {
        guard word.count <= 14, let first = word.first else { return nil }
        if shapes.contains(Int(first | 0x20) << 8 | word.count) {
            let lower = String(decoding: word.map { $0 >= 65 && $0 <= 90 ? $0 | 0x20 : $0 }, as: UTF8.self)
            if let full = expansions[lower] { return full }
        }
        return slip(word)
    }

    /// The word a typing slip meant, or nil.
    private static func slip(_ word: ArraySlice<UInt8>) -> String? {
        guard word.count >= 3, TypingSlips.mayBeSlip(word), let letters = lowercaseLetters(word) else { return nil }
        return TypingSlips.meant(letters)
    }

    /// The word in small letters when it is only ASCII letters, else nil.
    private static func lowercaseLetters(_ word: ArraySlice<UInt8>) -> String? {
        guard word.allSatisfy({ ($0 | 0x20) >= 97 && ($0 | 0x20) <= 122 }) else { return nil }
        return String(decoding: word.map { $0 | 0x20 }, as: UTF8.self)
    }

    /// The first letter and length of every shortened word.
    private static let shapes: Set<Int> = Set(expansions.keys.map { Int($0.utf8.first!) << 8 | $0.utf8.count })

    private static let expansions: [String: String] = [
        "repl": "replicas", "repls": "replicas", "rpl": "replicas", "lns": "lines", "frm": "from", "lst": "last",
        "mnth": "month", "mth": "month", "shld": "should", "shd": "should", "teh": "the", "rstrt": "restart", "scl": "scale",
        "wrng": "wrong", "hw": "how", "abt": "about", "img": "image", "w": "with", "w/": "with", "hav": "have", "befor": "before",
        "lookin": "looking", "runnin": "running", "doin": "doing", "goin": "going", "somethin": "something",
        "nothin": "nothing", "gettin": "getting", "happenin": "happening", "crashin": "crashing",
        // (`somebody rolledback dash`: the particle typed onto the verb.)
        "rolledback": "rolled back", "rolledout": "rolled out", "rollback'd": "rolled back", "scaledup": "scaled up",
        "scaleddown": "scaled down",
        // Texting: `rn`, `b/c`, `r we`, `plz`.
        "rn": "right now", "b/c": "because", "cuz": "because", "coz": "because", "r": "are", "plz": "please", "thru": "through",
        "tmrw": "tomorrow", "tmr": "tomorrow", "2moro": "tomorrow",
        "w/o": "without", "tgt": "target", "wk": "week", "$$": "cost", "$$$": "cost", "bonk": "restart", "bc": "because",
    ]

    /// `cpu ½ core`: the fraction sign as the word the quantities are read from.
    private static func withHalves(_ text: String) -> String {
        guard text.utf8.contains(0xC2), text.contains("½") else { return text }
        var out = ""
        for c in text {
            if c == "½" { out += (out.last.map { $0 == " " } ?? true) ? "half" : " half" } else { out.append(c) }
        }
        return out
    }

    /// Letters written with an accent (`résumé`, `déploy`) as the plain letters every
    /// operation word and workload name is written in.
    static func foldingAccents(_ text: String) -> String {
        guard text.utf8.contains(0xC3) else { return text }
        return String(text.map { folded[$0] ?? $0 })
    }

    private static let folded: [Character: Character] = [
        "é": "e", "è": "e", "ê": "e", "ë": "e", "á": "a", "à": "a", "â": "a", "ä": "a", "í": "i", "ì": "i", "î": "i", "ï": "i",
        "ó": "o", "ò": "o", "ô": "o", "ö": "o", "ú": "u", "ù": "u", "û": "u", "ü": "u", "ç": "c", "ñ": "n",
        "É": "E", "È": "E", "Á": "A", "Ó": "O", "Ú": "U", "Í": "I",
    ]
}
