/// Text read from a cluster (log lines, event messages, annotations, names), made safe to
/// show: control characters and terminal escape sequences removed, invisible formatting
/// characters dropped, one line, bounded in length with a count of what was cut. It is data
/// only: nothing here is ever read as an instruction.
public enum ClusterText {
    /// The longest piece of cluster text shown on one line.
    public static let maxLength = 240

    public static func sanitize(_ text: String, maxLength: Int = ClusterText.maxLength) -> String {
        var out = String.UnicodeScalarView()
        var iterator = text.unicodeScalars.makeIterator()
        var count = 0, dropped = 0
        var pendingSpace = false
        while let scalar = iterator.next() {
            if scalar == "\u{1B}" {
                // ESC [ … final byte (CSI), ESC ] … BEL/ST (OSC), or ESC and one character.
                guard let next = iterator.next() else { break }
                if next == "[" {
                    while let c = iterator.next(), !(0x40...0x7E).contains(c.value) {}
                } else if next == "]" {
                    while let c = iterator.next(), c != "\u{07}", c != "\u{1B}" {}
                }
                continue
            }
            if scalar == "\n" || scalar == "\r" || scalar == "\t" { pendingSpace = !out.isEmpty; continue }
            if StrictOperationDecoder.isHidden(scalar) { continue }
            if pendingSpace {
                pendingSpace = false
                if count < maxLength { out.append(" "); count += 1 } else { dropped += 1 }
            }
            if count < maxLength {
                out.append(scalar)
                count += 1
            } else {
                dropped += 1
            }
        }
        var result = String(out)
        if dropped > 0 { result += "… (\(dropped) more characters)" }
        return result
    }
}
