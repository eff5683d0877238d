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
    ///
    /// No rule reaches over a line feed, which is a character of its own: each line is
    /// read alone. A line of ASCII without carriage returns (each byte one character) is
    /// read byte by byte, which gives the same matches without breaking it into characters.
    public static func apply(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var units: [ASCIIUnit] = []
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
                units.removeAll(keepingCapacity: true)
                units.append(contentsOf: line.lazy.map { ASCIIUnit(ascii: $0) })
                replace(in: units, copy: { range in out.append(contentsOf: line[(start + range.lowerBound)..<(start + range.upperBound)]) },
                        put: { out.append(contentsOf: $0.utf8) })
            } else {
                let chars = Array(String(decoding: line, as: UTF8.self))
                var normalized = ""
                replace(in: chars, copy: { normalized.append(contentsOf: chars[$0]) }, put: { normalized += $0 })
                out.append(contentsOf: normalized.utf8)
            }
            if end < bytes.count { out.append(0x0A) }
            start = end + 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Goes through `c`, handing `copy` each stretch that stays and `put` each placeholder.
    private static func replace<Unit: TextUnit>(in c: [Unit], copy: (Range<Int>) -> Void, put: (String) -> Void) {
        var i = 0
        var copied = 0
        while i < c.count {
            if let (end, placeholder) = match(c, at: i) {
                copy(copied..<i)
                put(placeholder)
                i = end
                copied = end
            } else {
                i += 1
            }
        }
        copy(copied..<c.count)
    }

    /// The rule matching at `i` (only at a word start): where the match ends and its replacement.
    static func match<Unit: TextUnit>(_ c: [Unit], at i: Int) -> (Int, String)? {
        // Every rule starts with a hex digit (times, durations and `127.0.0.1` with a decimal
        // one) or with the `l` of `localhost`: anything else is passed over at once.
        guard c[i].isHexDigit || c[i] == Unit(ascii: UInt8(ascii: "l")) else { return nil }
        if i > 0, isWord(c[i - 1]) { return nil }
        if let end = timestamp(c, i) { return (end, "<time>") }
        if let end = port(c, i) { return end }
        if let end = duration(c, i) { return (end, "<duration>") }
        if let end = hex(c, i) { return end }
        return nil
    }

    static func isWord<Unit: TextUnit>(_ ch: Unit) -> Bool { ch.isLetter || ch.isNumber || ch == Unit(ascii: UInt8(ascii: "_")) }

    static func digits<Unit: TextUnit>(_ c: [Unit], _ i: Int, _ count: Int) -> Bool {
        guard i + count <= c.count else { return false }
        return c[i..<(i + count)].allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func literal<Unit: TextUnit>(_ c: [Unit], _ i: Int, _ s: StaticString) -> Bool {
        var k = i
        for byte in UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount) {
            guard k < c.count, c[k] == Unit(ascii: byte) else { return false }
            k += 1
        }
        return true
    }

    static func endsWord<Unit: TextUnit>(_ c: [Unit], _ end: Int) -> Bool { end >= c.count || !isWord(c[end]) }

    /// `yyyy-mm-ddThh:mm:ss`, optional fraction, optional `Z` or `±hh:mm`.
    static func timestamp<Unit: TextUnit>(_ c: [Unit], _ i: Int) -> Int? {
        guard digits(c, i, 4), literal(c, i + 4, "-"), digits(c, i + 5, 2), literal(c, i + 7, "-"), digits(c, i + 8, 2),
              literal(c, i + 10, "T") || literal(c, i + 10, " "),
              digits(c, i + 11, 2), literal(c, i + 13, ":"), digits(c, i + 14, 2), literal(c, i + 16, ":"), digits(c, i + 17, 2)
        else { return nil }
        var end = i + 19
        if literal(c, end, "."), digits(c, end + 1, 1) {
            end += 1
            while digits(c, end, 1) { end += 1 }
        }
        if literal(c, end, "Z") {
            end += 1
        } else if literal(c, end, "+") || literal(c, end, "-"), digits(c, end + 1, 2), literal(c, end + 3, ":"), digits(c, end + 4, 2) {
            end += 6
        }
        return end
    }

    /// A number followed by `s` or `ms`, as a whole word.
    static func duration<Unit: TextUnit>(_ c: [Unit], _ i: Int) -> Int? {
        guard digits(c, i, 1) else { return nil }
        var end = i
        while digits(c, end, 1) { end += 1 }
        if literal(c, end, "."), digits(c, end + 1, 1) {
            end += 1
            while digits(c, end, 1) { end += 1 }
        }
        for (unit, length) in [("ms" as StaticString, 2), ("s", 1)]
        where literal(c, end, unit) && endsWord(c, end + length) && !literal(c, end + length, "-") {
            return end + length
        }
        return nil
    }

    /// `127.0.0.1:<digits>` or `localhost:<digits>`.
    static func port<Unit: TextUnit>(_ c: [Unit], _ i: Int) -> (Int, String)? {
        for (host, length, placeholder) in [("127.0.0.1:" as StaticString, 10, "127.0.0.1:<port>"), ("localhost:", 10, "localhost:<port>")]
        where literal(c, i, host) && digits(c, i + length, 1) {
            var end = i + length
            while digits(c, end, 1) { end += 1 }
            return (end, placeholder)
        }
        return nil
    }

    /// A whole word of hex digits: 32 or more is a hash, 8 or 16 with a letter an id.
    static func hex<Unit: TextUnit>(_ c: [Unit], _ i: Int) -> (Int, String)? {
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

/// What the rules ask of a piece of text: a `Character`, or a byte of ASCII text.
protocol TextUnit: Equatable {
    var isHexDigit: Bool { get }
    var isLetter: Bool { get }
    var isNumber: Bool { get }
    var isASCII: Bool { get }
    /// The unit of an ASCII character.
    init(ascii byte: UInt8)
}

extension Character: TextUnit {
    init(ascii byte: UInt8) { self.init(Unicode.Scalar(byte)) }
}

/// One byte of ASCII text, with the properties its `Character` has.
struct ASCIIUnit: TextUnit {
    let byte: UInt8

    init(ascii byte: UInt8) { self.byte = byte }

    var isHexDigit: Bool { (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte) }
    var isLetter: Bool { (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) }
    var isNumber: Bool { (0x30...0x39).contains(byte) }
    var isASCII: Bool { true }
}
