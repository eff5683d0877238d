/// Requests written in the formal passive, as change notices and formal mail put them:
/// `checkout is to be scaled to four replicas in production`, `It is requested that the
/// ledger canary be promoted`, `billing-core must be rolled back`, `the logs of orders are
/// required`. Each is read as the command it stands for (`scale checkout to four replicas in
/// production`); a line in any other form is returned as it is.
///
/// `should be` is left alone: it gives an opinion or asks (`should cart be restarted?`), and
/// `is restarted`, without `to be`, tells what was done.
enum FormalPassives {
    private static let cues: [[UInt8]] = [" be ", " required", " requested"].map { Array($0.utf8) }

    static func reading(_ text: String) -> String {
        guard ByteSearch.containsAny(cues, in: text) else { return text }
        // (A quotation or a label's colon: what follows is someone else's words, or filed.)
        guard !text.contains(where: { "\"“”:".contains($0) }) else { return text }
        var words = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        let low = words.map { $0.lowercased() }
        // `It is requested that X be P …`.
        if low.count > 5, ["it", "it's"].contains(low[0]) {
            let that = low[0] == "it" ? 3 : 2
            if (low[0] == "it's" || low[1] == "is"), that < low.count, requested.contains(low[that - 1]), low[that] == "that",
               let be = low.indices.dropFirst(that + 2).first(where: { low[$0] == "be" }),
               let verb = command(low, at: be + 1)
            {
                return (verb.words + words[(that + 1)..<be] + words[(be + 1 + verb.length)...]).joined(separator: " ")
            }
        }
        // `X is to be P …`, `X must be P …`, `X shall be P …`.
        for k in low.indices.dropFirst() where k + 2 < low.count {
            let marker: Int?
            if ["is", "are"].contains(low[k]), low[k + 1] == "to", k + 2 < low.count, low[k + 2] == "be" { marker = 3 }
            else if ["must", "shall"].contains(low[k]), low[k + 1] == "be" { marker = 2 }
            else { marker = nil }
            guard let marker, let verb = command(low, at: k + marker), k <= 10 else { continue }
            // (What opens the line is the subject: not a question, not a condition.)
            guard !["if", "when", "unless", "once", "should", "would", "whether", "why", "what", "how"].contains(low[0]) else { return text }
            return (verb.words + words[..<k] + words[(k + marker + verb.length)...]).joined(separator: " ")
        }
        // `The logs of orders are required`, `A status report is requested for checkout`.
        if let k = low.indices.dropFirst().first(where: { ["is", "are"].contains(low[$0]) }), k + 1 < low.count, k <= 10,
           requested.contains(low[k + 1].withoutTrailingPunctuation), !["if", "when", "why", "what", "how", "should"].contains(low[0]),
           low[..<k].contains(where: { readNouns.contains($0.withoutTrailingPunctuation) })
        {
            let ending = low[k + 1].trailingPunctuation
            words.replaceSubrange(k...(k + 1), with: [])
            if !ending.isEmpty, let last = words.indices.last { words[last] += ending }
            return (["show"] + words).joined(separator: " ")
        }
        return text
    }

    /// What a read gives: `the logs of orders are required`.
    private static let readNouns: Set<String> = ["logs", "log", "status", "events", "cost", "costs", "report", "diagnosis", "overview", "breakdown", "summary", "spend"]

    private static let requested: Set<String> = ["requested", "required", "needed", "asked", "necessary", "expected"]

    /// The command a participle at `k` stands for, with how many words it took.
    private static func command(_ low: [String], at k: Int) -> (words: [String], length: Int)? {
        guard k < low.count else { return nil }
        let word = low[k].withoutTrailingPunctuation
        let next = k + 1 < low.count ? low[k + 1].withoutTrailingPunctuation : ""
        if let particle = ["back", "out", "up", "down", "off"].first(where: { $0 == next }), let verb = participles[word] {
            return ([verb, particle], 2)
        }
        if word == "torn", next == "down" { return (["tear", "down"], 2) }
        return participles[word].map { ([$0], 1) }
    }

    private static let participles: [String: String] = [
        "rolled": "roll", "scaled": "scale", "restarted": "restart", "deleted": "delete", "removed": "remove", "promoted": "promote",
        "paused": "pause", "resumed": "resume", "cancelled": "cancel", "canceled": "cancel", "aborted": "abort", "deployed": "deploy",
        "redeployed": "redeploy", "increased": "increase", "raised": "raise", "decreased": "decrease", "reduced": "reduce",
        "lowered": "lower", "set": "set", "updated": "update", "reverted": "revert", "suspended": "suspend", "disabled": "disable",
        "enabled": "enable", "decommissioned": "decommission", "upgraded": "upgrade", "released": "release", "shipped": "ship",
        "bounced": "bounce", "diagnosed": "diagnose", "investigated": "investigate", "configured": "configure",
        "autoscaled": "autoscale", "halted": "halt", "unset": "unset", "given": "give", "allocated": "allocate", "capped": "cap",
        "limited": "limit", "routed": "route", "assigned": "assign", "provided": "show", "shared": "show", "reported": "show",
        "retrieved": "show", "produced": "show", "examined": "diagnose", "rebooted": "reboot", "recycled": "recycle",
    ]
}
