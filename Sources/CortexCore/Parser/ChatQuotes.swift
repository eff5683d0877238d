/// What a chat reply carries besides the writer's own words: lines quoted from the message
/// replied to (`> should we delete invoice-gen in dev?`, as Slack and Markdown mark them) and
/// a vote of agreement opening the reply (`+1 to that.`, `+1 —`). Quoted lines are someone
/// else's words, never a request to cortex, whatever they say; the reply under them is read
/// alone, and a reply that only agrees asks for nothing.
enum ChatQuotes {
    enum Reply: Equatable {
        /// The writer's own words.
        case text(String)
        /// Every line is quoted from another message.
        case quotedOnly
        /// The writer only agrees (`+1 to that plan`).
        case agreementOnly

        /// Why a reply that is not the writer's own words asks for nothing; nil for `text`.
        var refusal: String? {
            switch self {
            case .text: nil
            case .quotedOnly: "that only quotes another message; to act on it, say the request yourself, e.g. restart ledger in staging"
            case .agreementOnly: "that agrees with another message and asks for nothing; to act, say the request itself, e.g. restart ledger in staging"
            }
        }
    }

    static func reply(in text: String) -> Reply {
        guard text.utf8.first == UInt8(ascii: ">") || text.utf8.first == UInt8(ascii: "+") || text.utf8.contains(UInt8(ascii: "\n")) else {
            return .text(text)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        if lines.contains(where: isQuoted) {
            lines.removeAll(where: isQuoted)
            guard lines.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { return .quotedOnly }
        }
        let reply = lines.joined(separator: "\n").drop { $0 == " " || $0 == "\t" }
        // `+1 to that. restart relay in staging`, `+1 — set …`: agreement, then the request.
        for vote in votes where reply.lowercased().hasPrefix(vote) {
            let rest = reply.dropFirst(vote.count).drop { " ,.:;—–-!".contains($0) }
            return rest.split(separator: " ").count >= 2 ? .text(String(rest)) : .agreementOnly
        }
        return .text(String(reply))
    }

    private static func isQuoted(_ line: String) -> Bool {
        let trimmed = line.drop { $0 == " " || $0 == "\t" }
        return trimmed.hasPrefix("> ") || trimmed == ">" || trimmed.hasPrefix(">>")
    }

    /// Votes of agreement, longest first.
    private static let votes = ["+1 to that plan", "+1 to that", "+1 from me", "+100", "+1"]
}
