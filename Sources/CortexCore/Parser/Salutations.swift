/// The greeting and sign-off of a message written as a letter: `Dear platform team, … Kind
/// regards, Priya`, `Good morning, platform team, …`, `Hi all, … Many thanks, Yusuf`. The
/// people greeted and the name signed are not workloads; the request is what lies between.
enum Salutations {
    static func removing(from text: String) -> String {
        // (Every greeting and sign-off it reads ends with a comma: most lines have none.)
        guard text.utf8.contains(UInt8(ascii: ",")) else { return text }
        var words = text.split(separator: " ").map(String.init)
        guard words.count >= 4 else { return text }
        let before = words.count
        removeGreeting(&words)
        removeSignOff(&words)
        guard words.count != before, words.count >= 2 else { return text }
        return words.joined(separator: " ")
    }

    /// `Dear platform team,`, `Hello Platform Engineering,`, `Good morning, platform team,`:
    /// an opening word of greeting and at most five words up to a comma.
    private static func removeGreeting(_ words: inout [String]) {
        let lower = words.map { $0.lowercased() }
        var length = 0
        if ["dear", "hello", "hi", "hey", "greetings"].contains(lower[0].withoutTrailingPunctuation) {
            length = 1
        } else if lower.count > 1, lower[0].withoutTrailingPunctuation == "good", ["morning", "afternoon", "evening", "day"].contains(lower[1].withoutTrailingPunctuation) {
            length = 2
        } else if lower.count > 2, lower[0] == "to", ["the", "all"].contains(lower[1]) {
            length = 1
        } else {
            return
        }
        // The words greeted, up to the comma that ends the greeting: a team, never a person
        // (`Hi @marco, could you …` is addressed to Marco, and refused as such).
        guard var end = commaEnd(lower, from: length - 1, within: 6) else { return }
        let greeted = lower[length...].prefix(end - length + 1)
        if greeted.contains(where: { $0.hasPrefix("@") }) { return }
        if !greeted.isEmpty, !greeted.contains(where: { greetedWords.contains($0.withoutTrailingPunctuation) }) { return }
        // `Good morning, platform team, …`: the greeting, then whom it greets.
        if length == 2, end == 1, let next = commaEnd(lower, from: 2, within: 4),
           lower[2...next].contains(where: { greetedWords.contains($0.withoutTrailingPunctuation) })
        {
            end = next
        }
        words.removeSubrange(0...end)
    }

    /// `… Kind regards, Priya`, `… Best, Marcus`, `… Many thanks, Yusuf`, `… Thanks, Leo`: a
    /// closing phrase and a name or two at the end, after the request's own stop.
    private static func removeSignOff(_ words: inout [String]) {
        let lower = words.map { $0.lowercased() }
        // The closing word carries the comma before the name (`regards,`), one or two words from the end.
        for nameLength in [1, 2] {
            let closing = lower.count - nameLength - 1
            guard closing >= 1, lower[closing].hasSuffix(",") else { continue }
            var start = closing
            if !closings.contains(lower[closing].withoutTrailingPunctuation) { continue }
            if start >= 1, closingAdjectives.contains(lower[start - 1].withoutTrailingPunctuation) { start -= 1 }
            // The request before it ended with its own stop (`… to production. Kind regards,`).
            guard start >= 1, let last = words[start - 1].last, ".?!".contains(last) else { continue }
            words.removeSubrange(start...)
            return
        }
    }

    private static func commaEnd(_ lower: [String], from start: Int, within limit: Int) -> Int? {
        var k = start
        while k < lower.count, k < start + limit {
            if lower[k].hasSuffix(",") || lower[k].hasSuffix(":") { return k }
            k += 1
        }
        return nil
    }

    private static let greetedWords: Set<String> = [
        "team", "teams", "all", "everyone", "colleagues", "folks", "engineering", "platform", "sre", "ops", "devops", "people", "there",
    ]
    private static let closings: Set<String> = ["regards", "thanks", "wishes", "best", "cheers", "sincerely", "yours", "thx", "ta"]
    private static let closingAdjectives: Set<String> = ["kind", "best", "warm", "warmest", "many", "with", "all", "the", "kindest"]
}
