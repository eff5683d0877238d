/// What a line copied from a ticket tracker carries around its request: the ticket's key
/// (`OPS-4411:`, `OPS-4470 |`), bracketed tags (`[dev]`, `[P1]`, `(prod)`) and the ticket's
/// state (`[WONTFIX]`, `(resolved)`), or a heading that files it under a review of the past
/// (`Post-mortem:`).
///
/// The key and a priority only file the request and are set aside. A tag that names an
/// environment says where the request is meant (`[dev] DEP-90: roll out harbor` is meant for
/// development), unless the words themselves name one. A closed ticket and a post-mortem ask
/// for nothing now. A tag of any other kind is left where it is, for the parser to judge.
enum TicketHeaders {
    enum Reading: Equatable {
        /// The words to read: the text itself when it had no header.
        case request(String)
        /// The line asks for nothing now; the reason says why.
        case notARequest(String)
    }

    static func read(_ text: String, _ environments: EnvironmentCatalog) -> Reading {
        // (Most lines have no bracket, no colon and do not open with a capital: one pass over
        // the bytes settles them.)
        var bracket = false, colon = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "(") { bracket = true }
            if byte == UInt8(ascii: ":") { colon = true }
        }
        let capital = text.utf8.first(where: { $0 != 0x20 }).map { $0 >= 65 && $0 <= 90 } ?? false
        guard bracket || colon || capital else { return .request(text) }
        if colon, let heading = reviewHeading(text) ?? draftLabel(text) { return .notARequest(heading) }
        if bracket, let state = closedTagInside(text, environments) {
            return .notARequest("that is marked \(state); it asks for nothing now: to act, say the request itself, e.g. restart cart in staging")
        }
        var rest = Substring(text)
        var environment: String?
        var found = false
        var changed = true
        // The words as far as the headers were read, or the text itself when none was.
        func asRead(_ rest: Substring) -> Reading { found ? .request(finish(String(rest), environment, environments)) : .request(text) }
        while changed {
            changed = false
            rest = rest.drop { $0 == " " }
            if let (tag, after) = leadingTag(rest) {
                switch classify(tag, environments) {
                case .environment(let name):
                    environment = environment ?? name
                case .closed:
                    return closed(tag)
                case .priority:
                    break
                case .other:
                    // (`[read-only] …`, `(skip in prod) …`: words of the request, for the parser.)
                    return asRead(rest)
                }
                rest = after
                found = true
                changed = true
            } else if let after = afterTicketKey(rest) {
                rest = after
                found = true
                changed = true
            }
        }
        // `relay2 → 12 replicas [prd]`, `tally in staging (P2)`: tags at the end.
        while let (tag, before) = trailingTag(rest) {
            switch classify(tag, environments) {
            case .environment(let name):
                // (A second environment in a tag stays a conflict for the parser to report.)
                if let environment, environment != name { return .request(text) }
                environment = name
            case .closed:
                return closed(tag)
            case .priority:
                break
            case .other:
                return asRead(rest)
            }
            rest = before
            found = true
        }
        guard found else { return .request(text) }
        return .request(finish(String(rest), environment, environments))
    }

    private static func closed(_ tag: String) -> Reading {
        .notARequest("that ticket is closed (\(tag)); it asks for nothing now: to act, say the request itself, e.g. restart cart in staging")
    }

    private enum TagKind: Equatable {
        case environment(String)
        case closed
        case priority
        case other
    }

    private static func classify(_ tag: String, _ environments: EnvironmentCatalog) -> TagKind {
        let lower = tag.lowercased()
        if let name = environments.canonical(lower) { return .environment(name) }
        if closedStates.contains(lower) { return .closed }
        if priorities.contains(lower) { return .priority }
        // `P1`, `SEV2`, `sev-1`.
        for prefix in ["p", "sev", "sev-", "s"] where lower.hasPrefix(prefix) {
            let digits = lower.dropFirst(prefix.count)
            if digits.count == 1, digits.first?.isNumber == true { return .priority }
        }
        return .other
    }

    private static let closedStates: Set<String> = [
        "wontfix", "won't fix", "wont fix", "won't do", "wontdo", "closed", "resolved", "done", "duplicate", "dup", "invalid",
        "cancelled", "canceled", "rejected", "obsolete", "fixed", "completed", "abandoned", "declined", "superseded",
    ]

    private static let priorities: Set<String> = [
        "urgent", "blocker", "critical", "high", "medium", "low", "minor", "major", "asap", "hotfix", "p0", "trivial",
    ]

    /// `[dev]`, `(P1)` at the start: the tag's words and what follows it (a `:` or `-` after
    /// it included).
    private static func leadingTag(_ text: Substring) -> (String, Substring)? {
        guard let open = text.first, open == "[" || open == "(" else { return nil }
        let close: Character = open == "[" ? "]" : ")"
        guard let end = text.prefix(24).firstIndex(of: close) else { return nil }
        let tag = text[text.index(after: text.startIndex)..<end].trimmingSpaces
        guard !tag.isEmpty, tag.split(separator: " ").count <= 2 else { return nil }
        let after = text[text.index(after: end)...].drop { $0 == " " || $0 == ":" || $0 == "|" }
        return (String(tag), after)
    }

    /// `… [prd]`, `… (prod)` at the end: the tag's words and what precedes it.
    private static func trailingTag(_ text: Substring) -> (String, Substring)? {
        guard let closeAt = text.lastIndex(where: { $0 != " " && $0 != "." }) else { return nil }
        let close = text[closeAt]
        guard close == "]" || close == ")" else { return nil }
        let open: Character = close == "]" ? "[" : "("
        guard let openAt = text[..<closeAt].lastIndex(of: open), text.distance(from: openAt, to: closeAt) <= 24 else { return nil }
        let tag = text[text.index(after: openAt)..<closeAt].trimmingSpaces
        guard !tag.isEmpty, tag.split(separator: " ").count <= 2 else { return nil }
        let before = text[..<openAt]
        guard before.contains(where: { $0 != " " }) else { return nil }
        return (tag, before)
    }

    /// What follows a leading ticket key (`OPS-4411:`, `OPS-4470 |`, `INC-2280 `), or nil.
    private static func afterTicketKey(_ text: Substring) -> Substring? {
        let key = text.prefix { $0 != " " && $0 != ":" && $0 != "|" && $0 != "," }
        guard SlotReader.isTicket(String(key)) else { return nil }
        let after = text.dropFirst(key.count).drop { " :|—–-".contains($0) }
        return after.isEmpty ? nil : after
    }

    /// The words to read, with the tagged environment added where they name none.
    private static func finish(_ words: String, _ environment: String?, _ environments: EnvironmentCatalog) -> String {
        var environment = environment
        let words = summary(fields(words.trimmingSpaces, &environment, environments))
        guard let environment else { return words }
        let tokens = Tokenizer.tokenize(Array(words.utf8)).tokens
        if tokens.contains(where: { environments.canonical($0.word) != nil }) { return words }
        return ReportedWorkload.adding(environment, to: words)
    }

    /// `Deploy lantern v5.0.1 to production | Priority: High`: the ticket's fields after the
    /// summary, each `Name: value` between bars, are set aside; an environment field says
    /// where the request is meant.
    private static func fields(_ words: String, _ environment: inout String?, _ environments: EnvironmentCatalog) -> String {
        guard words.contains(" | ") else { return words }
        var parts = words.split(separator: "|").map(\.trimmingSpaces)
        while parts.count > 1, let last = parts.last, let colon = last.firstIndex(of: ":") {
            let name = last[..<colon].lowercased().trimmingSpaces
            guard ticketFields.contains(name) else { break }
            if ["env", "environment", "target"].contains(name) {
                let value = last[last.index(after: colon)...].trimmingSpaces.lowercased()
                environment = environment ?? environments.canonical(value)
            }
            parts.removeLast()
        }
        return parts.joined(separator: " | ")
    }

    private static let ticketFields: Set<String> = [
        "priority", "severity", "sev", "owner", "assignee", "assigned", "reporter", "status", "due", "team", "component",
        "labels", "label", "env", "environment", "target", "sprint", "type", "impact", "risk", "eta",
    ]

    /// `Scale ticker to 0 in staging: cost reduction`: a summary that asks, then a reason
    /// after a colon that asks for nothing, is the summary; `Weekly budget: set to 400 USD`,
    /// a subject and then what to do with it, is read as one request.
    private static func summary(_ words: String) -> String {
        let chars = Array(words.drop { " -–—".contains($0) })
        guard let colon = chars.indices.dropLast().first(where: { chars[$0] == ":" && chars[$0 + 1] == " " }) else { return words }
        let head = String(chars[..<colon]).trimmingSpaces
        let body = String(chars[(colon + 2)...]).trimmingSpaces
        let headWords = head.lowercased().split(separator: " ").map(String.init)
        let bodyWords = body.lowercased().split(separator: " ").map { String($0.filter { $0.isLetter || $0 == "-" }) }
        guard let first = headWords.first, let bodyFirst = bodyWords.first else { return words }
        // (`pause rollout: pdf-render`: one word after the colon is what the summary is about.)
        // (`Resume paused rollout: report-gen / production`: names after the colon are the request's.)
        let namesSomething = bodyWords.contains { Antecedent.isShaped($0) || EnvironmentCatalog.standard.canonical($0) != nil }
        if isVerb(first), bodyWords.count >= 2, !namesSomething, !bodyWords.contains(where: Lexicon.namesOperation),
           !bodyWords.contains(where: readVerbs.contains)
        {
            return head
        }
        // (`Step 8: scale kite down by 2`: a numbered step is not the request's subject.)
        if headWords.count <= 2, !headWords.contains(where: isVerb), !headWords.contains(where: LineLabels.approvals.contains), !head.contains(where: \.isNumber), isVerb(bodyFirst) {
            let verb = body.prefix { $0 != " " }
            return verb + " " + head + body.dropFirst(verb.count)
        }
        return words
    }

    private static let readVerbs: Set<String> = ["show", "get", "list", "check", "diagnose", "tail", "fetch", "pull", "see", "display"]

    /// Whether a word opens an operation, a read or a change.
    private static func isVerb(_ word: String) -> Bool {
        Lexicon.phrases(startingWith: word)?.contains {
            if case .verb = $0.tag { return true }
            return false
        } ?? false
    }

    /// `Draft for CAB review, not for execution: scale …`: a label that says the words are not
    /// to be carried out; why, or nil.
    private static func draftLabel(_ text: String) -> String? {
        let utf8 = Array(text.utf8.prefix(64))
        guard let colon = ByteSearch.first(colonAndSpace, in: utf8) else { return nil }
        let label = ByteSearch.asciiLowercased(Array(utf8[..<colon]))
        for marker in draftMarkers where ByteSearch.first(marker.bytes, in: label) != nil {
            return "that is labelled '\(marker.text)': the words after it are not to be carried out; to act, say the request itself"
        }
        return nil
    }

    private static let draftMarkers: [(text: String, bytes: [UInt8])] = [
        "not for execution", "do not execute", "don't execute", "draft", "proposal", "proposed change", "for review only", "example",
    ].map { ($0, Array($0.utf8)) }

    private static let colonAndSpace = Array(": ".utf8)

    /// `PagerDuty: [Resolved] #INC-22310 auth-gw 401 spike`: a closed state in square brackets
    /// anywhere in a line marks a pasted notification; the state, or nil.
    private static func closedTagInside(_ text: String, _ environments: EnvironmentCatalog) -> String? {
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "[") {
            let after = rest[rest.index(after: open)...]
            guard let close = after.prefix(24).firstIndex(of: "]") else { return nil }
            let tag = String(after[..<close]).trimmingSpaces
            if classify(tag, environments) == .closed { return tag }
            rest = after[after.index(after: close)...]
        }
        return nil
    }

    /// `Post-mortem: INC-2214 rollback of inkwell in prod`: a line filed under a review of
    /// what happened reports it; why, or nil.
    private static func reviewHeading(_ text: String) -> String? {
        let head = text.drop { $0 == " " }.prefix(24).lowercased()
        for heading in ["post-mortem", "postmortem", "post mortem", "retro", "retrospective", "incident review", "incident report"] {
            guard head.hasPrefix(heading) else { continue }
            let next = head.dropFirst(heading.count).first
            if next == ":" {
                return "that is filed under a \(heading): it reports what happened, not a request; to act now, say the request itself, e.g. roll back inkwell in production"
            }
        }
        return nil
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
