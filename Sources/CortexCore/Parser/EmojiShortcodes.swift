/// Chat tools write emoji as shortcodes: `:thinking_face:`, `:octagonal_sign:`, `:+1:`.
/// They decorate a message and ask for nothing, so they are taken out before it is read.
enum EmojiShortcodes {
    /// `text` without its shortcodes: a colon, lowercase letters, digits, `_`, `+` or `-`,
    /// and a colon, with a space or the text's edge on each side.
    static func removing(from text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: ":")) else { return text }
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var i = 0
        var removed = false
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: ":"), i == 0 || ByteSearch.isSpace(bytes[i - 1]), let end = shortcodeEnd(bytes, from: i) {
                removed = true
                i = end
                continue
            }
            kept.append(bytes[i])
            i += 1
        }
        guard removed else { return text }
        return String(decoding: kept, as: UTF8.self)
    }

    /// The index after the shortcode that opens at `start`, or nil.
    private static func shortcodeEnd(_ bytes: [UInt8], from start: Int) -> Int? {
        var j = start + 1
        var letters = 0
        while j < bytes.count, isShortcodeByte(bytes[j]) {
            if bytes[j] >= 97 && bytes[j] <= 122 { letters += 1 }
            j += 1
        }
        guard j < bytes.count, bytes[j] == UInt8(ascii: ":"), j - start >= 3, letters > 0 || bytes[start + 1] == UInt8(ascii: "+") else {
            return nil
        }
        let after = j + 1
        guard after == bytes.count || ByteSearch.isSpace(bytes[after]) || [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?")].contains(bytes[after])
        else { return nil }
        return after
    }

    private static func isShortcodeByte(_ b: UInt8) -> Bool {
        (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == UInt8(ascii: "_") || b == UInt8(ascii: "+") || b == UInt8(ascii: "-")
    }
}
