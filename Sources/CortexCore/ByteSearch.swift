/// Where a run of bytes first occurs in UTF-8 text, and the byte tests around it, for readers
/// that scan bytes rather than characters (the standard library's generic `firstRange(of:)`
/// is several times slower on the short lines these readers see).
enum ByteSearch {
    /// `bytes` with ASCII capitals made small: the offsets stay those of the text, so what
    /// is found in them can be cut from the text as written.
    static func asciiLowercased(_ bytes: [UInt8]) -> [UInt8] {
        bytes.map(asciiLowercased)
    }

    static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= 65 && byte <= 90 ? byte | 0x20 : byte
    }

    /// A space, a tab or a line break.
    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }

    /// Whether any of `needles` (written in small letters) occurs in `text`, its ASCII
    /// capitals taken as small: the early test of readers that most lines skip.
    static func containsAny(_ needles: [[UInt8]], in text: String) -> Bool {
        let lower = asciiLowercased(Array(text.utf8))
        return needles.contains { first($0, in: lower) != nil }
    }

    /// The offset of the first occurrence of `needle` in `haystack` at or after `start`.
    static func first(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        guard let head = needle.first, start >= 0, needle.count <= haystack.count - start else { return nil }
        var p = start
        let last = haystack.count - needle.count
        while p <= last {
            if haystack[p] == head, haystack[p..<(p + needle.count)].elementsEqual(needle) { return p }
            p += 1
        }
        return nil
    }
}
