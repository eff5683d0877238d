/// What may differ between two runs of the same transcript and is replaced by a
/// placeholder before expected and actual output are compared. Replays against the
/// simulated cluster fix the clock and the ids, so these rules matter for runs against a
/// real cluster and for anything the product does not control:
///
/// | rule | example | becomes |
/// | --- | --- | --- |
/// | time | `2026-01-05T10:00:00Z`, `2026-01-05T10:00:00.123+01:00` | `<time>` |
/// | duration | `0.4s`, `12ms`, `3.25s` | `<duration>` |
/// | port | `127.0.0.1:41234`, `localhost:8080` | `127.0.0.1:<port>`, `localhost:<port>` |
/// | hash | 32 or more hex digits | `<hash>` |
/// | id | 8 or 16 hex digits with a letter among them (`3fa9c1d2`) | `<id>` |
///
/// Pure text in, text out; applied line by line, so line counts never change.
public enum TranscriptNormalization {
    /// `text` with every varying part replaced by its placeholder.
    public static func apply(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            if let (end, placeholder) = match(chars, at: i) {
                out += placeholder
                i = end
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    /// The rule matching at `i` (only at a word start): where the match ends and its replacement.
    static func match(_ c: [Character], at i: Int) -> (Int, String)? {
        // Every rule starts with a hex digit (times, durations and `127.0.0.1` with a decimal
        // one) or with the `l` of `localhost`: anything else is passed over at once.
        guard c[i].isHexDigit || c[i] == "l" else { return nil }
        if i > 0, isWord(c[i - 1]) { return nil }
        if let end = timestamp(c, i) { return (end, "<time>") }
        if let end = port(c, i) { return end }
        if let end = duration(c, i) { return (end, "<duration>") }
        if let end = hex(c, i) { return end }
        return nil
    }

    static func isWord(_ ch: Character) -> Bool { ch.isLetter || ch.isNumber || ch == "_" }

    static func digits(_ c: [Character], _ i: Int, _ count: Int) -> Bool {
        guard i + count <= c.count else { return false }
        return c[i..<(i + count)].allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func literal(_ c: [Character], _ i: Int, _ s: String) -> Bool {
        var k = i
        for ch in s {
            guard k < c.count, c[k] == ch else { return false }
            k += 1
        }
        return true
    }

    static func endsWord(_ c: [Character], _ end: Int) -> Bool { end >= c.count || !isWord(c[end]) }

    /// `yyyy-mm-ddThh:mm:ss`, optional fraction, optional `Z` or `±hh:mm`.
    static func timestamp(_ c: [Character], _ i: Int) -> Int? {
        guard digits(c, i, 4), literal(c, i + 4, "-"), digits(c, i + 5, 2), literal(c, i + 7, "-"), digits(c, i + 8, 2),
              i + 10 < c.count, c[i + 10] == "T" || c[i + 10] == " ",
              digits(c, i + 11, 2), literal(c, i + 13, ":"), digits(c, i + 14, 2), literal(c, i + 16, ":"), digits(c, i + 17, 2)
        else { return nil }
        var end = i + 19
        if literal(c, end, "."), digits(c, end + 1, 1) {
            end += 1
            while digits(c, end, 1) { end += 1 }
        }
        if literal(c, end, "Z") {
            end += 1
        } else if end < c.count, c[end] == "+" || c[end] == "-", digits(c, end + 1, 2), literal(c, end + 3, ":"), digits(c, end + 4, 2) {
            end += 6
        }
        return end
    }

    /// A number followed by `s` or `ms`, as a whole word.
    static func duration(_ c: [Character], _ i: Int) -> Int? {
        guard digits(c, i, 1) else { return nil }
        var end = i
        while digits(c, end, 1) { end += 1 }
        if literal(c, end, "."), digits(c, end + 1, 1) {
            end += 1
            while digits(c, end, 1) { end += 1 }
        }
        for unit in ["ms", "s"] where literal(c, end, unit) && endsWord(c, end + unit.count) && !literal(c, end + unit.count, "-") {
            return end + unit.count
        }
        return nil
    }

    /// `127.0.0.1:<digits>` or `localhost:<digits>`.
    static func port(_ c: [Character], _ i: Int) -> (Int, String)? {
        for host in ["127.0.0.1:", "localhost:"] where literal(c, i, host) && digits(c, i + host.count, 1) {
            var end = i + host.count
            while digits(c, end, 1) { end += 1 }
            return (end, host + "<port>")
        }
        return nil
    }

    /// A whole word of hex digits: 32 or more is a hash, 8 or 16 with a letter an id.
    static func hex(_ c: [Character], _ i: Int) -> (Int, String)? {
        var end = i
        var letter = false
        while end < c.count, c[end].isHexDigit {
            if c[end].isLetter { letter = true }
            end += 1
        }
        guard endsWord(c, end) else { return nil }
        let count = end - i
        if count >= 32 { return (end, "<hash>") }
        if (count == 8 || count == 16) && letter { return (end, "<id>") }
        return nil
    }
}
