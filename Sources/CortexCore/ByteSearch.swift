/// Where a run of bytes first occurs in UTF-8 text, for readers that scan bytes rather than
/// characters (the standard library's generic `firstRange(of:)` is several times slower on
/// the short lines these readers see).
enum ByteSearch {
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
