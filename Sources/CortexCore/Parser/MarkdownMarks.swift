/// Marks that chat tools and tickets render and a request typed there keeps: bold (`**staging**`), a link's
/// target (`[CHANGELOG](https://…)`), an arrow that stands for `to` (`cpu → 2 cores`, `stg
/// -> 2`) and the numbers of a list written on one line (`1. service chat-gw 2. min 2 / max
/// 9 3. env dev`). Each is read as the words it stands for; a line without them is returned
/// as it is.
enum MarkdownMarks {
    static func reading(_ text: String) -> String {
        var hasMark = false
        var previous: UInt8 = 0
        for b in text.utf8 {
            // `](`, `->`, `→` (its first byte) and `. ` after a digit.
            if (b == UInt8(ascii: "(") && previous == UInt8(ascii: "]")) || (b == UInt8(ascii: "*") && previous == b) || (b == UInt8(ascii: ">") && previous == UInt8(ascii: "-"))
                || b == 0xE2 || (b == UInt8(ascii: ".") && previous >= 0x30 && previous <= 0x39)
            {
                hasMark = true
                break
            }
            previous = b
        }
        guard hasMark else { return text }
        return withoutListNumbers(withArrowsAsTo(withoutLinkTargets(withoutBold(text))))
    }

    /// `**staging**` as `staging`.
    static func withoutBold(_ text: String) -> String {
        guard text.contains("**") else { return text }
        var out = ""
        var star = false
        for c in text {
            if c == "*" {
                if star { star = false; continue }
                star = true
                continue
            }
            if star { out.append("*") }
            star = false
            out.append(c)
        }
        if star { out.append("*") }
        return out
    }

    /// `[text](https://…)` as `text`.
    static func withoutLinkTargets(_ text: String) -> String {
        guard text.contains("](") else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "[", let close = chars[(i + 1)...].firstIndex(of: "]"), close + 1 < chars.count, chars[close + 1] == "(",
               let end = chars[(close + 2)...].firstIndex(of: ")"),
               !chars[(i + 1)..<close].contains("["), !chars[(close + 2)..<end].contains(" ")
            {
                out += String(chars[(i + 1)..<close])
                i = end + 1
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// An arrow between spaces (`→`, `->`) after a field's name (`cpu → 2 cores`, `replicas
    /// -> two`) as `to`. Other arrows stay: `api -> v2.4.0` is shorthand the parser reads,
    /// and an arrow after an alert leads to the request.
    static func withArrowsAsTo(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var changed = false
        for k in words.indices.dropFirst() where arrows.contains(words[k]) {
            let field = words[k - 1].lowercased().filter { $0.isLetter }
            if fields.contains(field) {
                words[k] = "to"
                changed = true
            }
        }
        return changed ? words.joined(separator: " ") : text
    }

    private static let arrows: Set<String> = ["→", "->", "⟶", "➝", "➔"]
    private static let fields: Set<String> = ["cpu", "memory", "mem", "replicas", "pods", "instances", "budget", "min", "max", "minimum", "maximum", "version", "image", "limit", "limits", "request", "requests"]

    /// `1. service chat-gw 2. env dev`: numbers of a list counted from 1 within the line, as
    /// commas. A line whose numbers do not count up from 1 keeps them (`scale to 2. thanks`).
    static func withoutListNumbers(_ text: String) -> String {
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        var marks: [Int] = []
        var next = 1
        for (k, word) in words.enumerated() where word == "\(next)." || word == "\(next))" {
            marks.append(k)
            next += 1
        }
        guard marks.count >= 2, marks.first.map({ k in k == 0 || words[k - 1].hasSuffix(":") }) == true else { return text }
        for (n, k) in marks.enumerated() {
            if n > 0, k > 0, !words[k - 1].hasSuffix(",") { words[k - 1] += "," }
            words[k] = ""
        }
        return words.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
