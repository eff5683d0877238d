/// Words a dictation tool hears for the ones an operator said (`role back inkwell`, `paws the
/// rollout`, `scale cart to won replica`), put right where the words around them leave one
/// reading only: a homophone is replaced only in the company that makes it the operations
/// word (`won` before `replica`, `ours` after a number, `weak` after `this`), never alone.
enum DictationSlips {
    static func correct(_ text: String) -> String {
        guard text.utf8.count >= 8, mayHaveSlip(text) else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let lower = words.map { $0.lowercased() }
        var changed = false
        func set(_ i: Int, _ word: String) {
            words[i] = word
            changed = true
        }
        for i in lower.indices {
            let previous = i > 0 ? lower[i - 1] : ""
            let next = i + 1 < lower.count ? lower[i + 1] : ""
            let afterNext = i + 2 < lower.count ? lower[i + 2] : ""
            switch lower[i] {
            case "wht", "wut", "wat":
                // (`wht does promote do`: a question word typed short.)
                set(i, "what")
            case "role":
                // `role back inkwell`, `role it back`, `role beacon back`.
                if next == "back" || afterNext == "back" && next != "of" { set(i, "roll") }
            case "paws", "pawz":
                set(i, "pause")
            case "won":
                // `to won replica`, `scale cart to won on stage`.
                if unitWords.contains(next.withoutTrailingPunctuation) || ["to", "by"].contains(previous) && (next.isEmpty || isEnd(next)) { set(i, "one") }
            case "buy":
                // `bump mango-sync up buy two`.
                if ["up", "down"].contains(previous), isNumber(next) { set(i, "by") }
            case "ours", "ours.", "ours?":
                if isNumber(previous) { set(i, "hours" + lower[i].dropFirst(4)) }
            case "to", "too":
                // `deploy quill too dev`: `to` before an environment.
                if lower[i] == "too", EnvironmentCatalog.standard.canonical(next.withoutTrailingPunctuation) != nil { set(i, "to"); break }
                // `add to more replicas`: a count said before `more` and a unit.
                if ["add", "adding", "remove", "drop", "by"].contains(previous), next == "more", unitWords.contains(afterNext.withoutTrailingPunctuation) { set(i, "two") }
            case "for":
                // `from the last for hours`, `add for more pods`.
                if ["last", "past"].contains(previous), ["hours", "days", "minutes", "weeks"].contains(next.withoutTrailingPunctuation) { set(i, "four") }
                if ["add", "adding", "remove", "drop", "by"].contains(previous), next == "more", unitWords.contains(afterNext.withoutTrailingPunctuation) { set(i, "four") }
            case "two":
                // `roll back wallet two revision five`: `to` before a revision's number.
                if ["revision", "rev"].contains(next), isNumber(afterNext) { set(i, "to") }
            case "black":
                // `roll black the cart deploy`.
                if previous == "roll" { set(i, "back") }
            case "our", "our.", "our?":
                // `events last our`, `in the past our`.
                if ["last", "past", "an"].contains(previous) { set(i, "hour" + lower[i].dropFirst(3)) }
            case "cup":
                // `raise the cup limit on pulse`.
                if ["limit", "limits", "request", "requests", "quota", "usage"].contains(next.withoutTrailingPunctuation) { set(i, "cpu") }
            case "cannery", "cannery.", "cannary", "canery":
                // `promote the cannery for cart`.
                if ["the", "a", "as", "its"].contains(previous) { set(i, "canary" + (lower[i].hasSuffix(".") ? "." : "")) }
            case "re":
                // `re start the geocoder`, `re deploy cart`: the prefix heard as a word.
                if ["start", "deploy", "boot", "scale"].contains(next) { set(i, "re" + next); words[i + 1] = "" }
            case "ploy":
                // `the ploy thumbnailer to dev`: `deploy` heard as two words at the start.
                if previous == "the", i == 1 || i >= 2 && Self.fillers.contains(lower[i - 2].withoutTrailingPunctuation),
                   !next.hasSuffix("ed"), ["to", "in", "on", "into"].contains(afterNext)
                {
                    set(i - 1, "")
                    set(i, "deploy")
                }
            case "skill":
                // `skill beacon to ten`: `scale` before a name and a count.
                if i == 0 || Self.fillers.contains(previous.withoutTrailingPunctuation), afterNext == "to" || afterNext == "by",
                   i + 3 < lower.count, isNumber(lower[i + 3])
                {
                    set(i, "scale")
                }
            case "promo":
                // `promo the loyalty canary`: `promote`, cut short, before a canary.
                if next == "the", lower.dropFirst(i + 2).prefix(3).contains(where: { $0.withoutTrailingPunctuation == "canary" }) { set(i, "promote") }
            case "tale":
                // `tale the logs of ink`.
                if ["the", "logs", "its", "their"].contains(next.withoutTrailingPunctuation) { set(i, "tail") }
            case "weak", "weak.", "weak?":
                if ["this", "last", "per", "a", "the", "past"].contains(previous) { set(i, "week" + lower[i].dropFirst(4)) }
            case "passed":
                // `events from the passed day`, `logs for the passed two hours`.
                let period = periodWords.contains(next.withoutTrailingPunctuation) || isNumber(next) && periodWords.contains(afterNext.withoutTrailingPunctuation)
                if period, ["the", "for", "in", "over"].contains(previous) { set(i, "past") }
            default:
                break
            }
        }
        // `turn search-api off and on again`, `switch the bridge service off and back on`: the
        // oldest fix there is, a restart.
        if let t = lower.firstIndex(where: { ["turn", "switch", "power"].contains($0) }),
           let off = lower.indices.dropFirst(t + 2).prefix(4).first(where: { lower[$0] == "off" }),
           off + 2 < lower.count, lower[off + 1] == "and"
        {
            let back = lower[off + 2] == "back" ? 1 : 0
            if off + 2 + back < lower.count, lower[off + 2 + back].withoutTrailingPunctuation == "on" {
                var last = off + 2 + back
                if last + 1 < lower.count, lower[last + 1].withoutTrailingPunctuation == "again" { last += 1 }
                words[t] = "restart"
                words[off - 1] += words[last].trailingPunctuation
                words.removeSubrange(off...last)
                return words.joined(separator: " ")
            }
        }
        // `set FEATURE_X equals true`: `=` said aloud after a variable's name in capitals.
        var i = 1
        while i + 1 < words.count {
            let spoken = words[i].lowercased()
            if spoken == "equals" || spoken == "equal" && words[i + 1].lowercased() == "to" && i + 2 < words.count {
                let value = spoken == "equals" ? i + 1 : i + 2
                if TokenShapes.isCapitalsName(words[i - 1]), !words[value].isEmpty {
                    words[i - 1] += "=" + words[value]
                    words.removeSubrange(i...value)
                    changed = true
                    continue
                }
            }
            i += 1
        }
        return changed ? words.filter { !$0.isEmpty }.joined(separator: " ") : text
    }

    /// Words said before the request that mean nothing (`um`, `okay so`).
    private static let fillers: Set<String> = ["um", "uh", "so", "okay", "ok", "like", "and", "er", "erm", "hmm", "right"]

    /// Whether any slip this reader knows may occur: one look at the bytes for the letters
    /// every slip has, before any copying.
    private static func mayHaveSlip(_ text: String) -> Bool {
        let lower = ByteSearch.asciiLowercased(Array(text.utf8))
        return lower.starts(with: "re ".utf8) || slipWords.contains { ByteSearch.first($0, in: lower) != nil }
    }

    private static let slipWords: [[UInt8]] = [
        "role ", "paws", "pawz", "won ", "buy ", "ours", "weak", "passed ", " equal", "wht", "wut", "wat ", " to more ",
        " too more ", " for more ", " for hours", " for days", " for minutes", " for weeks", "two rev", "tale ",
        "too ", "roll black", " our", "cup ", "cannery", "cannary", "canery", " off and on", " off and back on", " re ", "ploy", "skill", "promo ",
    ].map { Array($0.utf8) }

    private static let unitWords: Set<String> = ["replica", "replicas", "pod", "pods", "instance", "instances", "core", "cpu"]

    private static func isEnd(_ word: String) -> Bool {
        ["on", "in", "for", "please", "pls"].contains(word.withoutTrailingPunctuation)
    }

    private static let periodWords: Set<String> = ["day", "days", "hour", "hours", "ours", "week", "weeks", "minute", "minutes", "mins", "few"]

    private static func isNumber(_ word: String) -> Bool {
        NumberWords.single(word.withoutTrailingPunctuation) != nil
    }
}
