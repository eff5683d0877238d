/// Openings that look like a negation or a retraction but ask for what follows: `Don't forget
/// to deploy mailer 2.3.0`, `Don't wait for me, restart auth-proxy`, `Never mind the alerts,
/// scale quartz to 3`. They are set aside, so that the request after them is read as the
/// request it is; anything else that negates or takes back is left for the mood to judge.
enum AsideOpeners {
    static func removing(from text: String) -> String {
        // (The openings are short: only the line's first bytes are lowercased, in ASCII, which
        // keeps their offsets in the text.)
        let head = ByteSearch.asciiLowercased(Array(text.utf8.prefix(64)))
        var i = 0
        while i < head.count, head[i] == 0x20 { i += 1 }
        guard i < head.count, "dnripam".utf8.contains(head[i]) else { return text }
        // `don't you dare delete …`: the same negation, said strongly.
        for emphatic in emphatics where head[i...].starts(with: emphatic) {
            let rest = String(decoding: Array(text.utf8)[(i + emphatic.count)...], as: UTF8.self)
            return "don't " + rest.drop { $0 == " " }
        }
        // `Mind bouncing pinecone on stage?`: `would you` left out before `mind` and a gerund.
        if head[i...].starts(with: Array("mind ".utf8)),
           let gerund = head[(i + 5)...].split(separator: 0x20).first, gerund.count > 5, gerund.suffix(3).elementsEqual("ing".utf8)
        {
            return "would you " + text.drop { $0 == " " }
        }
        for courtesy in courtesies where head[i...].starts(with: courtesy) { i += courtesy.count }
        // `don't forget to deploy …`: a reminder asks for what it reminds of.
        // `don't wait for me, restart …`: leave given, not withheld.
        for opening in reminders + leaves where head[i...].starts(with: opening) {
            return finish(text, fromByte: i + opening.count)
        }
        // `never mind the alerts, scale …`: what is dismissed is a few words before a comma.
        for dismissal in dismissals where head[i...].starts(with: dismissal) {
            let after = i + dismissal.count
            guard let comma = head[after...].firstIndex(of: UInt8(ascii: ",")),
                  head[after..<comma].split(separator: 0x20).count <= 4
            else { return text }
            return finish(text, fromByte: comma + 1)
        }
        return text
    }

    private static let emphatics = ["don't you dare ", "dont you dare ", "don’t you dare ", "don't you even think about ", "do not even think about "]
        .map { Array($0.utf8) }
    private static let courtesies = ["please ", "pls ", "and "].map { Array($0.utf8) }
    private static let reminders = ["don't forget to ", "dont forget to ", "do not forget to ", "remember to "].map { Array($0.utf8) }
    private static let leaves = ["don't wait for me, ", "dont wait for me, ", "no need to wait, ", "don't wait up, ", "dont wait up, "].map { Array($0.utf8) }
    private static let dismissals = ["never mind the ", "nevermind the ", "ignore the ", "forget the "].map { Array($0.utf8) }

    /// The text from byte `offset` on, or the text itself when nothing would be left.
    private static func finish(_ text: String, fromByte offset: Int) -> String {
        let rest = String(decoding: Array(text.utf8)[offset...], as: UTF8.self).drop { $0 == " " }
        return rest.split(separator: " ").count >= 2 ? String(rest) : text
    }
}
