/// Openings that look like a negation or a retraction but ask for what follows: `Don't forget
/// to deploy mailer 2.3.0`, `Don't wait for me, restart auth-proxy`, `Never mind the alerts,
/// scale quartz to 3`. They are set aside, so that the request after them is read as the
/// request it is; anything else that negates or takes back is left for the mood to judge.
enum AsideOpeners {
    static func removing(from text: String) -> String {
        guard let first = text.utf8.first(where: { $0 != 0x20 }), "dDnNrRiIpP".utf8.contains(first) else { return text }
        // (The openings are short: only the line's start is lowercased.)
        let lower = text.prefix(64).lowercased()
        guard lower.count == text.prefix(64).count else { return text }
        let start = lower.prefix { $0 == " " }.count
        var rest = lower.dropFirst(start)
        var cut = start
        for courtesy in ["please ", "pls ", "and "] where rest.hasPrefix(courtesy) {
            rest = rest.dropFirst(courtesy.count)
            cut += courtesy.count
        }
        // `don't forget to deploy …`: a reminder asks for what it reminds of.
        for reminder in ["don't forget to ", "dont forget to ", "do not forget to ", "remember to "] where rest.hasPrefix(reminder) {
            return finish(text, from: cut + reminder.count)
        }
        // `don't wait for me, restart …`: leave given, not withheld.
        for leave in ["don't wait for me, ", "dont wait for me, ", "no need to wait, ", "don't wait up, ", "dont wait up, "] where rest.hasPrefix(leave) {
            return finish(text, from: cut + leave.count)
        }
        // `never mind the alerts, scale …`: what is dismissed is a few words before a comma.
        for dismissal in ["never mind the ", "nevermind the ", "ignore the ", "forget the "] where rest.hasPrefix(dismissal) {
            let after = rest.dropFirst(dismissal.count)
            guard let comma = after.firstIndex(of: ","), after[..<comma].split(separator: " ").count <= 4 else { return text }
            return finish(text, from: cut + dismissal.count + after.distance(from: after.startIndex, to: comma) + 1)
        }
        return text
    }

    /// The text from `offset` characters on, or the text itself when nothing would be left.
    private static func finish(_ text: String, from offset: Int) -> String {
        let rest = text.dropFirst(offset).drop { $0 == " " }
        return rest.split(separator: " ").count >= 2 ? String(rest) : text
    }
}
