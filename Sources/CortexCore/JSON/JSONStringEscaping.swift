/// Writes a JSON string literal byte by byte: `"` and `\` escaped, `\n`, `\r` and `\t` by
/// name, the other control characters as `\u00xx`, everything else (`/` and non-ASCII
/// included) as it is. The two writers differ only in `\b` and `\f`, which `JSONEncoder`
/// names and cortex's own serializer writes as `\u0008` and `\u000c`; each keeps its bytes.
enum JSONStringEscaping {
    static func append(_ text: String, to bytes: inout [UInt8], namingBackspaceAndFormFeed: Bool) {
        bytes.append(UInt8(ascii: "\""))
        // Most text has nothing to escape: copied at once.
        let copied = text.utf8.withContiguousStorageIfAvailable { utf8 in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied == true {
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x08 where namingBackspaceAndFormFeed: bytes.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C where namingBackspaceAndFormFeed: bytes.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case ..<0x20:
                let hex: StaticString = "0123456789abcdef"
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                bytes.append(hex.utf8Start[Int(byte >> 4)])
                bytes.append(hex.utf8Start[Int(byte & 0x0F)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
