/// One word of the input as the parser sees it.
struct Token: Sendable {
    /// Lowercased (ASCII), typographic apostrophes made plain, a possessive `'s` removed.
    var word: String
    /// The word as typed, edge punctuation removed.
    var raw: String
    /// UTF-8 offsets of `raw` in the input, so that a route task keeps the user's words.
    var start: Int
    var end: Int
    /// A comma, colon, full stop, question mark or dash separates this word from the one before.
    var breakBefore: Bool
    /// The word was written with a trailing colon (`prod:`, `route:`).
    var colonAfter: Bool
    /// The word was written as a possessive (`api's`, `jobs'`).
    var possessive: Bool
}

/// The words of a sentence and what its punctuation says.
struct TokenizedText: Sendable {
    var tokens: [Token]
    /// The sentence contains a question mark.
    var isQuestion: Bool
}

/// Splits a sentence into words on whitespace and clause punctuation, scanning UTF-8 bytes.
///
/// Characters that belong to names, versions, image references and amounts (`-`, `.`, `/`,
/// `:`, `@`, `$`, `#`, `+`, `_`) stay inside words; a comma between digits (`2,000`) too.
/// Punctuation at the edge of a word is dropped and recorded as a clause break.
enum Tokenizer {
    static func tokenize(_ bytes: [UInt8]) -> TokenizedText {
        var tokens: [Token] = []
        tokens.reserveCapacity(16)
        var isQuestion = false
        var pendingBreak = false
        var start = -1
        var i = 0
        let n = bytes.count

        func flush(_ end: Int) {
            guard start >= 0 else { return }
            let made = makeToken(bytes, start, end, breakBefore: pendingBreak)
            if let token = made.token {
                tokens.append(token)
                pendingBreak = made.breakAfter
            } else if made.breakAfter {
                pendingBreak = true
            }
            start = -1
        }

        while i < n {
            let b = bytes[i]
            switch b {
            case 0x20, 0x09, 0x0A, 0x0D:
                flush(i)
            case UInt8(ascii: ","):
                let digitsAround = start >= 0 && i > 0 && i + 1 < n && isDigit(bytes[i - 1]) && isDigit(bytes[i + 1])
                if !digitsAround, !(start >= 0 && i + 1 < n && continuesVariableValue(bytes, start, i)) {
                    flush(i)
                    pendingBreak = true
                } else if start < 0 {
                    start = i
                }
            case UInt8(ascii: "?"), UInt8(ascii: "!"):
                if b == UInt8(ascii: "?") { isQuestion = true }
                flush(i)
                pendingBreak = true
            // `GREETING="hello from staging"`: a quoted value stays in its `NAME=value` word.
            case UInt8(ascii: "\"") where start >= 0 && i > 0 && bytes[i - 1] == UInt8(ascii: "="),
                UInt8(ascii: "'") where start >= 0 && i > 0 && bytes[i - 1] == UInt8(ascii: "="):
                if let close = bytes[(i + 1)...].firstIndex(of: b) {
                    i = close
                }
            case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"),
                UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "\""):
                flush(i)
            case 0xE2 where i + 2 < n && bytes[i + 1] == 0x80:
                let third = bytes[i + 2]
                switch third {
                case 0x93, 0x94, 0xA6:  // en dash, em dash, ellipsis
                    flush(i)
                    pendingBreak = true
                    i += 2
                case 0x9C, 0x9D:  // curly double quotes
                    flush(i)
                    i += 2
                default:
                    if start < 0 { start = i }
                    i += 2
                }
            default:
                if start < 0 { start = i }
            }
            i += 1
        }
        flush(n)
        return TokenizedText(tokens: tokens, isQuestion: isQuestion)
    }

    static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    /// `SPRING_PROFILES_ACTIVE=prod,metrics`: a comma at `comma` inside the value of a word
    /// `NAME=value` (the name in capitals, as variables are written) and followed by more of
    /// the value is part of the value.
    private static func continuesVariableValue(_ bytes: [UInt8], _ start: Int, _ comma: Int) -> Bool {
        let next = bytes[comma + 1]
        let lower = next | 0x20
        guard isDigit(next) || (lower >= 97 && lower <= 122),
              let equals = bytes[start..<comma].firstIndex(of: UInt8(ascii: "=")), equals > start, equals + 1 < comma
        else { return false }
        var letters = false
        for b in bytes[start..<equals] {
            if b >= 65 && b <= 90 { letters = true } else if !(isDigit(b) || b == UInt8(ascii: "_")) { return false }
        }
        // (`A=1,B=2`: two variables, not one value.)
        var k = comma + 1
        while k < bytes.count, bytes[k] != 0x20 {
            if bytes[k] == UInt8(ascii: "=") { return false }
            k += 1
        }
        return letters
    }

    private static func isApostrophe(_ bytes: [UInt8], _ i: Int, _ end: Int) -> Int {
        if bytes[i] == 0x27 { return 1 }
        if bytes[i] == 0xE2, i + 2 < end, bytes[i + 1] == 0x80, bytes[i + 2] == 0x98 || bytes[i + 2] == 0x99 { return 3 }
        return 0
    }

    /// Builds one token from `bytes[s..<e]`, stripping edge punctuation; no token when nothing
    /// is left. A lone dash is a clause break, as in `prod - restart web`.
    private static func makeToken(_ bytes: [UInt8], _ s0: Int, _ e0: Int, breakBefore: Bool)
        -> (token: Token?, breakAfter: Bool)
    {
        var s = s0, e = e0
        var breakAfter = false, colonAfter = false
        // Leading quotes.
        while s < e {
            let k = isApostrophe(bytes, s, e)
            if k == 0 { break }
            s += k
        }
        // Trailing punctuation: . : ; and quotes.
        while e > s {
            let last = bytes[e - 1]
            if last == UInt8(ascii: ".") || last == UInt8(ascii: ";") {
                breakAfter = true
                e -= 1
            } else if last == UInt8(ascii: ":") {
                breakAfter = true
                colonAfter = true
                e -= 1
            } else if last == 0x27 {
                // A trailing apostrophe closes a quote or a plural possessive: drop it.
                e -= 1
            } else if e - s >= 3, bytes[e - 3] == 0xE2, bytes[e - 2] == 0x80, last == 0x98 || last == 0x99 {
                e -= 3
            } else {
                break
            }
        }
        // `**prod**`, `*now*`: markdown emphasis around a word.
        while s < e, bytes[s] == UInt8(ascii: "*") { s += 1 }
        while e > s, bytes[e - 1] == UInt8(ascii: "*") { e -= 1 }
        // `prod - restart web`, `… -- restart web`: a lone dash or two is a clause break.
        if e > s, e - s <= 3, bytes[s..<e].allSatisfy({ $0 == UInt8(ascii: "-") }) { return (nil, true) }
        guard e > s else { return (nil, breakAfter) }
        // `⏳⏳ did the rollout finish??`, `🔥🔥`: a run of emoji or other symbols outside ASCII
        // says how the speaker feels, not what they ask.
        // Between words it ends a clause, as a comma would: `PAGER IS GOING CRAZY 😱 scale orders`.
        if bytes[s..<e].allSatisfy({ $0 >= 0x80 }) { return (nil, true) }
        var lowered: [UInt8] = []
        lowered.reserveCapacity(e - s)
        var j = s
        while j < e {
            let k = isApostrophe(bytes, j, e)
            if k > 0 {
                lowered.append(0x27)
                j += k
                continue
            }
            let b = bytes[j]
            lowered.append(b >= 65 && b <= 90 ? b + 32 : b)
            j += 1
        }
        var possessive = false
        let count = lowered.count
        if count > 2, lowered[count - 2] == 0x27, lowered[count - 1] == UInt8(ascii: "s") {
            let whole = String(decoding: lowered, as: UTF8.self)
            if !Lexicon.contractions.contains(whole) {
                lowered.removeLast(2)
                possessive = true
            }
        }
        let token = Token(
            word: String(decoding: lowered, as: UTF8.self),
            raw: String(decoding: bytes[s..<e], as: UTF8.self),
            start: s, end: e, breakBefore: breakBefore, colonAfter: colonAfter, possessive: possessive)
        return (token, breakAfter)
    }
}
