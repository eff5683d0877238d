/// The few non-ASCII characters cortex itself writes (the arrow of a plan, the ellipsis and
/// dash of ranges), with the ASCII spelling a terminal that is not UTF-8 shows instead. Text
/// from elsewhere (names, log lines) passes unchanged.
public enum PlainText {
    /// Each character cortex writes beyond ASCII, and its ASCII stand-in.
    public static let substitutes: [Character: String] = ["→": "->", "…": "...", "–": "-", "±": "+/-", "×": "x"]

    /// `text` with cortex's own non-ASCII characters spelled in ASCII.
    public static func ascii(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { !$0.isASCII }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            if let plain = substitutes[c] { out += plain } else { out.append(c) }
        }
        return out
    }
}
