/// What a line copied from a runbook, a checklist or a ticket carries before its words: a
/// bullet, a checkbox, a step number, a heading's `#`, a to-do marker.
///
/// A bullet, an open checkbox and a step number only mark the line's place in a list and are
/// set aside (`Step 3: roll back auth to revision 4` asks for revision 4, not 3). A ticked box
/// says the item is done, a heading names a section, and a to-do marker notes work for later:
/// none of them asks for anything now. A label that files the request under something
/// (`decom ticket DECOM-77:`) is set aside by the parser when what follows is complete.
enum LineLabels {
    enum Reading: Equatable {
        /// The words to read, labels removed (the text itself when it had none).
        case request(String)
        /// The line asks for nothing now; the reason says why.
        case notARequest(String)
    }

    static func read(_ text: String) -> Reading {
        var rest = Substring(text).drop { $0 == " " || $0 == "\t" }
        // `Parking lot, not actioning today: autoscale …`: a label that puts what follows off.
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].split(separator: " ").count <= 6, putsOff(rest[..<colon]) {
            return .notARequest("that notes work for later; cortex does not keep a to-do list: say the request when it should happen")
        }
        // `Decision: …`, `Root cause: …`, `AI (owner: Marco, due Jun 21): …`: a line of a
        // write-up records what was decided, found or assigned to someone.
        if let colon = rest.firstIndex(of: ":"), rest[rest.index(after: colon)...].first == " ", rest[..<colon].split(separator: " ").count <= 6,
           recordsAWriteUp(rest[..<colon])
        {
            return .notARequest("that is a line of a write-up (a decision, a finding or an action item for someone), not a request; to act now, say the request on its own")
        }
        // `escalation summary: deploy of sso-bridge went out at 16:05`, `handover note: …`: a
        // summary of one sentence tells (a request may follow it in a sentence of its own).
        if let colon = rest.firstIndex(of: ":"), rest[rest.index(after: colon)...].first == " ", summarises(rest[..<colon]),
           !rest[rest.index(after: colon)...].contains(where: { "—–".contains($0) }), !rest.contains(" -- "), !rest.lowercased().contains("cortex"),
           !zip(rest, rest.dropFirst()).contains(where: { ".?!".contains($0.0) && $0.1 == " " })
        {
            return .notARequest("that describes what happened (a summary), not a request; to act now, say the request on its own")
        }
        // `done: ledger-sync canary prod -> promoted`: a line that says what is finished.
        if let colon = rest.firstIndex(of: ":"), rest[rest.index(after: colon)...].first == " ",
           doneLabels.contains(rest[..<colon].lowercased()), !rest[rest.index(after: colon)...].contains(": ")
        {
            return .notARequest("that reports work already done, not a request; to see what cortex did, run `cortex audit log`")
        }
        guard let first = rest.first, "-*+#[0123456789sStTpPrRfFnN".contains(first) else { return .request(text) }
        // `## Rollback procedure`: a markdown heading.
        if first == "#" {
            let hashes = rest.prefix { $0 == "#" }
            if hashes.count <= 6, rest.dropFirst(hashes.count).first == " " {
                // `## Ask: restart redis-cache in staging`: a heading that labels what follows
                // is the request it labels.
                if let asked = afterHeadingLabel(rest.dropFirst(hashes.count)) { return read(String(asked)) }
                return .notARequest("that is a heading, not a request; say the step itself, e.g. roll back auth in production")
            }
            return .request(text)
        }
        var stripped = false
        // `- item`, `* item`, `+ item`.
        if "-*+".contains(first), rest.dropFirst().first == " " {
            rest = rest.dropFirst(2).drop { $0 == " " }
            stripped = true
        }
        // `[ ] item`, `[x] item`.
        if rest.hasPrefix("[ ]") || rest.hasPrefix("[]") {
            rest = rest.dropFirst(rest.hasPrefix("[]") ? 2 : 3).drop { $0 == " " }
            stripped = true
            // `- [ ] restart otel-collector in prod after cert rotation`: an open item that waits
            // for a step of the list to be done first.
            let words = rest.lowercased().split(separator: " ")
            if let after = words.firstIndex(where: { $0 == "after" || $0 == "once" }), after > 1, after + 1 < words.count,
               !["that", "which", "it"].contains(words[after + 1]), !words[..<after].contains(where: { $0.hasPrefix("(") })
            {
                return .notARequest("that checklist item waits for an earlier step; say the request when that step is done")
            }
        } else if rest.hasPrefix("[x]") || rest.hasPrefix("[X]") {
            return .notARequest("that item is ticked as done, not asked for; to have cortex act, say what to do, e.g. restart cache in staging")
        }
        // `Step 3:`, `step 2 -`, `Phase 1.`, `3.`, `3)`.
        let lower = rest.prefix(8).lowercased()
        for word in ["step ", "stage ", "phase "] where lower.hasPrefix(word) {
            let afterWord = rest.dropFirst(word.count)
            let digits = afterWord.prefix { $0.isASCII && $0.isNumber }
            let spaced = afterWord.dropFirst(digits.count).drop { $0 == " " }
            if !digits.isEmpty, let mark = spaced.first, ":.)-".contains(mark) {
                rest = spaced.dropFirst().drop { $0 == " " || $0 == "-" }
                stripped = true
            }
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, rest.dropFirst(digits.count).first.map({ ".)".contains($0) }) == true,
           rest.dropFirst(digits.count + 1).first == " "
        {
            rest = rest.dropFirst(digits.count + 2).drop { $0 == " " }
            stripped = true
        }
        // `todo: bump ledger mem 2Gi`, `TBD - scale search`: work noted for later.
        let opening = rest.prefix(14).lowercased()
        for marker in ["todo", "to-do", "to do:", "tbd", "fixme", "reminder", "note to self"] where opening.hasPrefix(marker) {
            let next = rest.dropFirst(marker.count).first
            if next == nil || next == ":" || next == " " {
                return .notARequest("that notes work for later; cortex does not keep a to-do list: say the request when it should happen")
            }
        }
        // `Step 15: Record the weekly cost for prod`, `- [ ] Note the cost of storefront`: a
        // step that has its reader write down what it reads asks for the read.
        if stripped, let verb = rest.split(separator: " ", maxSplits: 1).first.map({ $0.lowercased() }), notingVerbs.contains(verb),
           rest.split(separator: " ").count >= 3
        {
            rest = rest.dropFirst(verb.count).drop { $0 == " " }
            if !rest.lowercased().hasPrefix("the ") && !rest.lowercased().hasPrefix("cluster ") { return .request(String(rest)) }
            return .request("show " + rest)
        }
        return stripped ? .request(String(rest)) : .request(text)
    }

    /// The words after a heading's short label (`Ask:`, `Action needed:`, `TL;DR:`, `Ops
    /// request —`), or nil when the heading is a title (`Rollback procedure`).
    private static func afterHeadingLabel(_ title: Substring) -> Substring? {
        let title = title.drop { $0 == " " }
        let words = title.split(separator: " ", maxSplits: 4)
        // The label's last word ends with `:`, or a dash follows it.
        for k in 0..<min(3, words.count - 1) {
            let word = words[k]
            let colon = word.hasSuffix(":") && word.count > 1
            let dash = ["—", "–", "-"].contains(words[k + 1])
            guard colon || dash else { continue }
            let label = words[...k].map { colon && $0 == word ? $0.dropLast() : $0[...] }
            guard label.allSatisfy({ $0.allSatisfy { c in c.isLetter || c.isNumber || c == ";" || c == "-" } }) else { return nil }
            let after = dash ? words[k + 1].endIndex : word.endIndex
            let asked = title[after...].drop { $0 == " " }
            return asked.split(separator: " ").count >= 2 ? asked : nil
        }
        return nil
    }

    /// A label that says what follows is not for now: `parking lot`, `backlog`, `not
    /// actioning today`, `do not apply`. (`not urgent` only says how soon.)
    private static func putsOff(_ label: Substring) -> Bool {
        let words = label.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        if words.contains("backlog") || words.contains("someday") || words.contains("parked") { return true }
        // `postmortem TODO: delete tmp-debug-shell`: a to-do, whatever it is filed under.
        if words.contains(where: ["todo", "to-do", "todos", "tbd", "fixme"].contains) { return true }
        // `homework: set a budget on your own sandbox`: work set for someone else, later.
        if words.contains(where: ["homework", "exercise"].contains) { return true }
        if zip(words, words.dropFirst()).contains(where: { $0 == ("parking", "lot") || $0 == ("on", "hold") || $0 == ("for", "later") }) { return true }
        // `later:`, `maybe later:`, `not now:`.
        if words.count <= 3, words.last == "later" || words.suffix(2) == ["not", "now"] { return true }
        return words.indices.contains { k in
            ["not", "don't", "dont"].contains(words[k]) && k + 1 < words.count
                && ["actioning", "doing", "applying", "running", "executing", "merging", "merge", "now", "today", "yet", "apply", "run", "do", "action"].contains(words[k + 1])
        }
    }

    /// `escalation summary`, `recap`, `handover note`: a label of a summary.
    private static func summarises(_ label: Substring) -> Bool {
        let words = label.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "-" }).map(String.init)
        guard (1...3).contains(words.count) else { return false }
        return ["summary", "recap", "timeline", "postmortem", "post-mortem"].contains(words.last ?? "") || ["handover", "handoff"].contains(words[0])
    }

    /// Labels that mark a line as finished work.
    private static let doneLabels: Set<String> = ["done", "completed", "complete", "finished", "fixed", "resolved", "shipped", "closed"]

    /// A label of a post-mortem or a retrospective: a decision, a root cause, what went
    /// wrong, a lesson, or an action item with its owner or date.
    private static func recordsAWriteUp(_ label: Substring) -> Bool {
        let words = label.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        if [["decision"], ["decisions"], ["decided"], ["decision", "record"], ["status", "update"]].contains(words) { return true }
        if words.contains(where: ["lesson", "lessons", "takeaway", "takeaways", "whys", "owner", "owners", "assignee", "due"].contains) { return true }
        if words == ["ai"] || words.first == "ai" && label.contains("(") { return true }
        return zip(words, words.dropFirst()).contains { $0 == ("root", "cause") || $0 == ("went", "wrong") || $0 == ("went", "well") || $0 == ("contributing", "factors") || $0 == ("contributing", "factor") }
    }

    /// Verbs of a step that has its reader note down what they read.
    private static let notingVerbs: Set<String> = ["note", "record", "review", "document", "capture", "log"]

    /// The words after a label of two to six words that ends with a colon (`Budget alert:`,
    /// `FEATURE_X rollout per PROD-331:`), or nil. A label that names an environment, a
    /// workload-shaped word, a condition or a negation is part of the request.
    static func afterLeadingLabel(_ text: String, _ environments: EnvironmentCatalog) -> String? {
        // (Searched in the bytes, quicker than in the characters; most lines have no `: `.)
        let utf8 = Array(text.utf8)
        guard let colon = ByteSearch.first(colonAndSpace, in: utf8) else { return nil }
        let label = String(decoding: utf8[..<colon], as: UTF8.self)
        guard !label.contains(where: { "\"'`\n".contains($0) }) else { return nil }
        let words = label.split(separator: " ").map { $0.lowercased() }
        guard (2...6).contains(words.count), !labelCommands.contains(words[0]) else { return nil }
        for word in words {
            // (`Priya wrote:`, `Liveness probe failed:`: a label that tells is quoted or pasted.)
            // (`Decommission approved under CHG0047001:`: the approval a change was filed under.)
            if environments.canonical(word) != nil || labelStoppers.contains(word) || Tagger.isPastTense(word) && !approvals.contains(word) { return nil }
            if word.contains("/") || word.contains("=") { return nil }
            if Antecedent.isShaped(word), !SlotReader.isTicket(word.uppercased()), !SlotReader.neverNames.contains(word) { return nil }
        }
        let rest = String(decoding: utf8[(colon + colonAndSpace.count)...], as: UTF8.self).drop { $0 == " " }
        return rest.isEmpty ? nil : String(rest)
    }

    private static let colonAndSpace = Array(": ".utf8)

    /// `Approved: autoscale open-banking-api …`: the request after a label that only says it
    /// was approved.
    static func afterApproval(_ text: String) -> String? {
        let utf8 = Array(text.utf8)
        guard let colon = ByteSearch.first(colonAndSpace, in: utf8), colon <= 12,
              approvals.contains(String(decoding: ByteSearch.asciiLowercased(Array(utf8[..<colon])), as: UTF8.self))
        else { return nil }
        let rest = String(decoding: utf8[(colon + colonAndSpace.count)...], as: UTF8.self).drop { $0 == " " }
        return rest.isEmpty ? nil : String(rest)
    }

    /// Words by which a label says a change was approved.
    static let approvals: Set<String> = ["approved", "authorised", "authorized", "signed-off", "cleared", "granted"]

    /// Verbs that open a request rather than a label (`set resources on api: requests cpu 250m`).
    static let labelCommands: Set<String> = [
        "set", "scale", "deploy", "restart", "roll", "delete", "give", "put", "make", "update", "change", "add", "remove", "show",
    ]

    /// Words that make a label part of what is asked: conditions, negations, people and time.
    private static let labelStoppers: Set<String> = [
        "if", "when", "unless", "after", "before", "until", "once", "not", "don't", "never", "no", "i", "we", "you",
        "please", "pls", "can", "could", "would", "should", "says", "asks", "from", "runbook", "plan", "route", "quote",
    ]
}
