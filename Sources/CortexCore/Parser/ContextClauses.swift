/// Background written before a polite request, as managers and support staff write:
/// `Finance noticed the dev environment costs too much; could you scale analytics-ingest in
/// dev down to zero?`, `Legal asked us to hold the release, so please pause loyalty-points`.
/// The background's words (other services, amounts, tickets, people who asked) are not the
/// request's; the request is what follows the break and its marker.
///
/// The background stays part of the line when it could change what is asked: a condition, a
/// hypothesis or a negation (`if it is still failing, please restart it`), an environment the
/// request does not name itself (`for the staging cluster, please restart payments`), or an
/// opening command.
enum ContextClauses {
    /// The request after the background, from its marker on, or nil.
    static func request(in text: String, _ environments: EnvironmentCatalog) -> String? {
        // Lowercased in ASCII, the bytes keep the text's offsets: the request is cut from the
        // text as written at the offset found in them.
        let utf8 = Array(text.utf8)
        let lower = ByteSearch.asciiLowercased(utf8)
        for separator in separators {
            var from = 0
            while let found = ByteSearch.first(separator, in: lower, from: from) {
                from = found + separator.count
                let regular = markers.first(where: { lower[from...].starts(with: $0) })
                let soCommand = regular == nil ? soCommands.first(where: { lower[from...].starts(with: $0) }) : nil
                guard let marker = regular ?? soCommand else { continue }
                let context = String(decoding: lower[..<found], as: UTF8.self)
                var request = String(decoding: utf8[from...], as: UTF8.self)
                let background = soCommand != nil
                    ? isBackground(context, atLeast: 5, stoppedBy: narrativeStoppers) : isBackground(context, atLeast: 3, stoppedBy: stoppers)
                guard background else { return nil }
                // (`…, so what do you think, is it worth it?`: an opinion on the story's change.)
                if soCommand != nil, ["so what do you think", "so what you think", "so what's your take", "so wdyt"].contains(where: { request.lowercased().hasPrefix($0) }) {
                    return nil
                }
                // `Priya rolled back payments-gw last night; show me its events`: `its` is the
                // workload the report names. (`Nobody is using harbor in staging, so bring it
                // down to zero`: after `so`, the one workload the story names.)
                if pointsBack(request.lowercased()) {
                    let told = soCommand == nil ? nil : Antecedent.find(in: context, environments).map { (name: $0.name, environment: $0.environment) }
                    guard let reported = ReportedWorkload.find(in: context, environments) ?? told,
                          !reported.name.contains(" "),
                          let resolved = ReportedWorkload.replacingPointer(in: request, with: reported.name)
                    else { return nil }
                    request = resolved
                    if let environment = reported.environment, !namesEnvironment(request.lowercased(), environments) {
                        request = ReportedWorkload.adding(environment, to: request)
                    }
                } else if namesEnvironmentOnlyIn(context, request: request.lowercased(), environments) {
                    return nil
                }
                // `so please pause …`: the request starts after `so`.
                return marker.starts(with: soMarker) ? String(request.dropFirst(3)) : request
            }
        }
        return nil
    }

    /// The request after a report of a change to one workload, that points back to it, with
    /// the pointer made the name: `Priya rolled back payments-gw last night; show me its
    /// events` asks for the events of payments-gw. Nil for any other line.
    static func requestAboutReported(in text: String, _ environments: EnvironmentCatalog) -> String? {
        let utf8 = Array(text.utf8)
        let lower = ByteSearch.asciiLowercased(utf8)
        // (`i already restarted chat-gw in staging is it healthy now`: dictated without a
        // stop, the question's first words part it from the report.)
        let splits = separators.lazy.compactMap { separator in ByteSearch.first(separator, in: utf8).map { ($0, $0 + separator.count) } }
            + spokenOpenings.lazy.compactMap { opening in ByteSearch.first(opening, in: lower).map { ($0, $0 + 1) } }
                .filter { found, _ in !utf8[..<found].contains { [UInt8(ascii: "."), UInt8(ascii: "?"), UInt8(ascii: "!")].contains($0) } }
        for (found, start) in splits {
            let report = String(decoding: utf8[..<found], as: UTF8.self)
            let request = String(decoding: utf8[start...], as: UTF8.self)
            // (`…, watching it now`, `…, now it is okay`: what the speaker does or sees asks nothing.)
            let lowered = request.lowercased()
            let opening = lowered.split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
            guard request.hasSuffix("?") || asksToSee.contains(opening), pointsBack(lowered),
                  let reported = ReportedWorkload.find(in: report, environments),
                  let resolved = ReportedWorkload.replacingPointer(in: request, with: reported.name)
            else { continue }
            if let environment = reported.environment, !namesEnvironment(resolved.lowercased(), environments) {
                return ReportedWorkload.adding(environment, to: resolved)
            }
            return resolved
        }
        return nil
    }

    /// Words that open a request to see something, or a question about it.
    private static let asksToSee: Set<String> = [
        "show", "tail", "get", "check", "give", "pull", "list", "fetch", "grab", "what", "whats", "what's", "how", "hows", "how's",
        "is", "are", "why", "any", "did", "has", "diagnose", "describe", "status", "logs", "events",
    ]

    /// What the line asks to be done first, after `but first` or `before that`, or nil:
    /// `My boss said to delete demo-bot, but first I want to see the status of demo-bot`.
    static func requestDoneFirst(in text: String) -> String? {
        let utf8 = Array(text.utf8)
        let lower = ByteSearch.asciiLowercased(utf8)
        for marker in firstMarkers {
            guard let found = ByteSearch.first(marker, in: lower), found > 0 else { continue }
            let request = String(decoding: utf8[(found + marker.count)...], as: UTF8.self)
            return request.split(separator: " ").count >= 2 ? request : nil
        }
        return nil
    }

    /// The read asked after a change the speaker has yet to make, or nil: `before I restart
    /// auth-proxy, what's been happening with it?`, `Before restarting match, check why it's
    /// failing`. `it` in the read is the workload the clause names.
    static func readBeforePlannedChange(in text: String, _ environments: EnvironmentCatalog) -> String? {
        let words = text.split(separator: " ").map(String.init)
        let lower = words.map { $0.lowercased() }
        guard lower.count >= 4, lower[0] == "before" else { return nil }
        var k = 1
        if ["i", "we", "you", "anyone", "someone", "anybody", "somebody"].contains(lower[k]) { k += 1 }
        guard k < lower.count, lower[k].count > 2 else { return nil }
        // The clause runs to the first comma, colon or dash.
        guard let end = (k..<(lower.count - 1)).first(where: { [",", ":", ";"].contains(lower[$0].last.map(String.init) ?? "") || ["—", "-", "–"].contains(lower[$0 + 1]) })
        else { return nil }
        var restStart = end + 1
        while restStart < words.count, ["—", "-", "–", "um,", "uh,", "um", "uh"].contains(lower[restStart]) { restStart += 1 }
        guard restStart < words.count else { return nil }
        let clause = words[...end].joined(separator: " ")
        let last = lower[end].withoutTrailingPunctuation
        let named = Antecedent.find(in: clause, environments)?.name
            ?? (environments.canonical(last) == nil && Antecedent.isPlainName(last) ? last : "")
        var rest = words[restStart...].joined(separator: " ")
        if end > k, !named.isEmpty, !named.contains(" "), !["anything", "something", "it", "them", "that", "this", "everything"].contains(named) {
            // (`check why it's failing`: `it is`, said of the workload.)
            var restWords = rest.split(separator: " ").map(String.init)
            if let i = restWords.firstIndex(where: { ["it's", "it’s"].contains($0.lowercased()) }) {
                restWords[i] = named + " is"
                rest = restWords.joined(separator: " ")
            } else if let pointed = ReportedWorkload.replacingPointer(in: rest, with: named) {
                rest = pointed
            }
        }
        // (`before I roll back shard-router in live, show me its events`: where, too.)
        let places = Set(lower[...end].compactMap { environments.canonical($0.withoutTrailingPunctuation) })
        if places.count == 1, let place = places.first, !namesEnvironment(rest, environments) {
            rest = ReportedWorkload.adding(place, to: rest)
        }
        return rest
    }

    private static let firstMarkers = [
        " but first, ", " but first ", " but before that ", ". first, ", ", before that ", ". before that, ",
    ].map { Array($0.utf8) }

    /// The request after an alert, a bot's line or a ticket and a dash, or nil:
    /// `PagerDuty: node not ready — events in production for the last 2h`, `AWS Budgets alert
    /// — set the monthly budget to $4000`, `OPS-12 — restart cart in staging`. What the alert
    /// says (counts, thresholds, other services) is not the request's.
    static func requestAfterAlert(in text: String, _ environments: EnvironmentCatalog) -> String? {
        let utf8 = Array(text.utf8)
        guard let (at, dash) = dashes.lazy.compactMap({ dash in ByteSearch.first(dash, in: utf8).map { ($0, dash) } }).first
        else { return nil }
        let head = String(decoding: utf8[..<at], as: UTF8.self)
        let request = String(decoding: utf8[(at + dash.count)...], as: UTF8.self)
        let words = head.lowercased().split(whereSeparator: { " ,;:()[]".contains($0) }).map(String.init)
        guard let first = words.first, words.count <= 14, !request.isEmpty else { return nil }
        let labelled = head.split(separator: " ").first.map { $0.count > 2 && $0.hasSuffix(":") } ?? false
        let named = alertNouns.contains(words[words.count - 1]) || (words.count == 1 && SlotReader.isTicket(head.uppercased()))
        guard labelled || named, !commands.contains(first), !words.contains(where: alertStoppers.contains),
              !namesEnvironmentOnlyIn(head.lowercased(), request: request.lowercased(), environments)
        else { return nil }
        return request
    }

    /// The breaks after which background may end, in the order they are tried.
    private static let separators = ["; ", ", "].map { Array($0.utf8) } + PastedOutput.clauseDashes

    /// The words that open a question or a request to see, after a report said without a stop.
    private static let spokenOpenings = [" is it ", " show me its ", " show me their ", " how is it ", " what's wrong with it"].map { Array($0.utf8) }

    /// The dashes after an alert, in the order they are tried.
    private static let dashes = [" — ", " – ", " -- "].map { Array($0.utf8) }

    /// What an alert's name ends with.
    private static let alertNouns: Set<String> = ["alert", "alarm", "warning", "notice", "notification", "page", "incident", "digest"]

    /// Words that make an alert's line part of the request: conditions, hypotheses and asks.
    private static let alertStoppers: Set<String> = [
        "if", "unless", "when", "whenever", "once", "until", "till", "suppose", "supposing", "hypothetically", "would",
        "should", "please", "pls", "can", "could", "don't", "dont", "never", "i", "we", "you",
    ]

    /// What opens a request after background, each with the space after it.
    private static let markers = [
        "please", "pls", "plz", "kindly", "could you", "can you", "would you",
        "so please", "so could you", "so can you", "so would you", "so kindly", "who should", "who can",
    ].map { Array(($0 + " ").utf8) }

    private static let soMarker = Array("so ".utf8)

    /// `so` and a command or a question, after a story of how things came to be: `…, and
    /// the reports service barely gets any traffic there, so scale reports-svc down to one`.
    private static let soCommands = [
        "scale", "deploy", "restart", "roll", "rollback", "delete", "remove", "set", "give", "take", "bump", "raise", "lower", "show",
        "tell", "undo", "promote", "pause", "resume", "abort", "autoscale", "route", "diagnose", "what's", "whats", "what", "how",
        "why", "who", "which", "is", "are", "let's", "lets", "i need", "i'd like you to", "i would like you to", "we need", "bring",
        "drop", "add", "put", "go ahead and", "do a", "kill", "cap", "limit", "increase", "decrease", "reduce", "unset", "stop",
        "turn", "ship", "release", "revert", "tear", "spin", "cut", "trim", "double", "halve", "pull", "get", "list", "check",
    ].map { Array(("so " + $0 + " ").utf8) }

    /// Words that make the clause part of the request: conditions, hypotheses, negations and
    /// times the request waits for.
    private static let stoppers: Set<String> = [
        "if", "unless", "when", "whenever", "once", "after", "until", "till", "suppose", "supposing", "imagine", "upon", "pending",
        "hypothetically", "theoretically", "assuming", "don't", "dont", "do", "not", "never", "no", "without",
        "would", "should", "wouldn't", "shouldn't", "might", "could", "can", "please", "pls", "instead", "before",
        // A greeting addresses the person named after it.
        "hey", "hi", "hello", "dear", "yo", "morning", "afternoon", "evening",
    ]

    /// Words by which a request points back into the background (`please ship it`).
    private static let pointers: Set<String> = ["it", "its", "it's", "them", "their", "that", "this", "those", "these", "there", "why", "same"]

    /// (`please route this to the right team: review …` points ahead, to the task after the colon.)
    private static func pointsBack(_ request: String) -> Bool {
        let checked = request.firstRange(of: ": ").map { request[$0.upperBound...] } ?? request[...]
        return checked.split(whereSeparator: { !$0.isLetter && $0 != "'" }).contains { pointers.contains(String($0)) }
    }

    /// Verbs that open a command rather than background: those that open a request rather
    /// than a label, and the rest of the operations' and reads' verbs.
    private static let commands = LineLabels.labelCommands.union([
        "rollback", "pause", "resume", "promote", "abort", "bump", "ship", "release", "route", "get", "check", "tail",
    ])

    /// What stops a story of how things came to be, before `so` and a request, from being
    /// background: a condition or a hypothesis the request would wait on. (A story is told
    /// with `can`, `not` and `before`, which stop shorter background.)
    private static let narrativeStoppers: Set<String> = [
        "if", "unless", "when", "whenever", "once", "suppose", "supposing", "imagine", "pending", "hypothetically", "theoretically",
        "assuming", "don't", "dont", "never", "would", "should", "wouldn't", "shouldn't", "might", "hey", "hi", "hello", "dear",
    ]

    /// Whether `context` is background to the request after it: at least `count` words, not
    /// opening with a command nor addressed to anyone, and none of `stopping` in it.
    private static func isBackground(_ context: String, atLeast count: Int, stoppedBy stopping: Set<String>) -> Bool {
        let words = context.split(whereSeparator: { " ,;:".contains($0) }).map { String($0) }
        // (A story opens with a word: `'; DROP TABLE …; --` is no background.)
        guard words.count >= count, let first = words.first, first.first?.isLetter == true, !commands.contains(first), !context.contains("@") else { return false }
        // (`… got wiped when Carlos rebuilt the namespace`: `when` of a time already past.)
        let stopped = words.indices.contains { i in
            guard stopping.contains(words[i]) else { return false }
            return !(["when", "once"].contains(words[i]) && words[(i + 1)..<min(words.count, i + 4)].contains(where: Self.isPast))
        }
        return !stopped && !context.contains("as soon as") && !context.contains("in case")
    }

    /// A verb in the past tense: `rebuilt`, `finished` (not `proceed`).
    private static func isPast(_ word: String) -> Bool {
        Tagger.isParticiple(word) || ["rebuilt", "was", "were", "did"].contains(word)
    }

    /// Whether the background names an environment that the request does not: the request
    /// would then lose where it is meant.
    private static func namesEnvironment(_ text: String, _ environments: EnvironmentCatalog) -> Bool {
        text.split(whereSeparator: { !$0.isLetter }).contains { environments.canonical(String($0)) != nil }
    }

    private static func namesEnvironmentOnlyIn(_ context: String, request: String, _ environments: EnvironmentCatalog) -> Bool {
        !environmentsNamed(context, environments).isEmpty && environmentsNamed(request, environments).isEmpty
    }

    /// The environments a text names, by their canonical names.
    private static func environmentsNamed(_ text: String, _ environments: EnvironmentCatalog) -> Set<String> {
        Set(text.split(whereSeparator: { !$0.isLetter }).compactMap { environments.canonical(String($0)) })
    }
}

/// The workload a report of a change names (`I restarted search-indexer in staging an hour
/// ago`, `Priya rolled back payments-gw last night`), for a request after it that points back
/// (`what's wrong with it?`, `show me its events`).
enum ReportedWorkload {
    /// The name after the report's past-tense change verb, with the environment the report
    /// names; nil when the text reports no change of one workload.
    static func find(in text: String, _ environments: EnvironmentCatalog) -> (name: String, environment: String?)? {
        let tokens = Tokenizer.tokenize(Array(text.utf8)).tokens
        let words = tokens.map(\.word)
        guard let verb = words.indices.first(where: { changes.contains(words[$0]) }) else { return nil }
        var k = verb + 1
        while k < words.count, ["back", "out", "up", "down", "the", "our", "their", "a"].contains(words[k]) { k += 1 }
        guard k < words.count else { return nil }
        let name = words[k]
        // (`restarted it`, `scaled everything`: no name.)
        guard ServiceName.isValid(name), environments.canonical(name) == nil, !notNames.contains(name) else { return nil }
        let environment = words.lazy.compactMap { environments.canonical($0) }.first
        return (name, environment)
    }

    /// `is sso-gateway healthy? in production` said right: the environment before the
    /// sentence's closing mark.
    static func adding(_ environment: String, to sentence: String) -> String {
        let bare = sentence.reversed().drop { ".!?".contains($0) }.reversed()
        return String(bare) + " in " + environment + String(sentence.dropFirst(bare.count))
    }

    /// `scale it to zero`, `show me its events`, `what's wrong with it?`, `bounce the same
    /// service`, `abort that canary` with the first pointer made the name; nil without one.
    static func replacingPointer(in sentence: String, with name: String) -> String? {
        var words = sentence.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        func bare(_ word: String) -> String { word.lowercased().withoutTrailingPunctuation }
        let bares = words.map(bare)
        // (`the same service`, `that one`, `that canary`: a phrase that points.)
        for k in bares.indices {
            for phrase in phrasePointers {
                let n = phrase.words.count
                guard k + n <= bares.count, Array(bares[k..<(k + n)]) == phrase.words,
                      // (only the phrase's last word may carry the sentence's punctuation.)
                      words[k..<(k + n - 1)].allSatisfy({ bare($0) == $0.lowercased() })
                else { continue }
                let named = phrase.kind.map { kind in name.contains(" ") ? name : "the \(name) \(kind)" } ?? name
                words.replaceSubrange(k..<(k + n), with: [named + words[k + n - 1].trailingPunctuation])
                return words.joined(separator: " ")
            }
        }
        guard let k = bares.firstIndex(where: { ["it", "its", "them", "their"].contains($0) }) else { return nil }
        words[k] = (["its", "their"].contains(bares[k]) ? name + "'s" : name) + words[k].trailingPunctuation
        return words.joined(separator: " ")
    }

    /// Phrases that point to the workload a sentence before named; `kind` is the word kept
    /// after the name (`abort that canary` → `abort the ranger canary`).
    private static let phrasePointers: [(words: [String], kind: String?)] = {
        var phrases: [(words: [String], kind: String?)] = []
        for noun in ["service", "one", "app", "workload", "deployment"] {
            phrases.append((["the", "same", noun], nil))
        }
        for determiner in ["that", "this", "the"] {
            for noun in ["one", "service", "app", "workload", "deployment"] where determiner != "the" || noun != "one" {
                phrases.append(([determiner, noun], nil))
            }
            for kind in ["canary", "daemonset", "statefulset", "rollout", "ds", "sts"] { phrases.append(([determiner, kind], kind)) }
            // (`undo that deploy`: the change is the workload's.)
            for change in ["deploy", "release"] where determiner != "the" { phrases.append(([determiner, change], nil)) }
        }
        return phrases
    }()

    private static let changes: Set<String> = [
        "restarted", "rolled", "deployed", "redeployed", "scaled", "paused", "resumed", "promoted", "aborted", "bounced",
        "rebooted", "shipped", "released", "reverted", "upgraded", "updated", "bumped", "deleted", "removed", "killed",
    ]

    private static let notNames: Set<String> = [
        "it", "them", "everything", "anything", "something", "all", "this", "that", "those", "these", "yesterday", "today",
        "earlier", "again", "twice", "once", "last", "to", "in", "on", "at", "by", "from", "for",
    ]
}

/// The one workload a telling sentence is about, for a request after it that points back:
/// `harbor's hpa in dev only goes to 4. make it min 2, max 6`, `the kafka statefulset in
/// staging lost a broker. scale it back to 3`, `queue depth on mailer-worker just crossed
/// 40k. take it to 12 replicas`. Nil unless exactly one name stands out.
enum Antecedent {
    struct Found: Equatable {
        /// The name, or the words that stand for what `it` is (`harbor's hpa`).
        var name: String
        var environment: String?
        /// The kind word the sentence gives the workload (`statefulset`), as written.
        var kindWord: String?
    }

    static func find(in sentence: String, _ environments: EnvironmentCatalog) -> Found? {
        let tokens = Tokenizer.tokenize(Array(sentence.utf8)).tokens
        let words = tokens.map(\.word)
        var named: [String] = []
        var possessed: String?
        for (k, word) in words.enumerated() {
            // `harbor's hpa`: a possessive names its owner.
            if tokens[k].possessive, k == 0 || tokens[k].breakBefore {
                let owner = word
                if isName(owner, environments) {
                    named.append(owner)
                    // (`harbor's hpa … make it min 2`: `it` is the autoscaler.)
                    if k + 1 < words.count, ["hpa", "autoscaler", "canary"].contains(words[k + 1]) { possessed = "\(owner)'s \(words[k + 1])" }
                }
                continue
            }
            // `the kafka statefulset`: the word before a kind.
            if k + 1 < words.count, kinds.contains(words[k + 1]), isName(word, environments), !["the", "a", "its"].contains(word) {
                named.append(word)
                continue
            }
            // `traffic doubled on atlas in prod`, `the canary for ranger in stg`, `the relay
            // service`: a plain word placed in an environment, or before a word for its parts.
            let plain = isPlainName(word) && isName(word, environments)
            // (`Nobody is using harbor in staging`: after a verb's participle, too.)
            let placedAfter = ["on", "for", "about", "with", "of"].contains(words[max(0, k - 1)])
                || (k > 0 && words[k - 1].count > 4 && words[k - 1].hasSuffix("ing"))
            if plain, k > 0, k + 2 < words.count, placedAfter, ["in", "on"].contains(words[k + 1]),
               environments.canonical(words[k + 2]) != nil
            {
                named.append(word)
                // (`the memory request on compass in prod is 4Gi … bring it down`: `it` is the request.)
                if k >= 2, ownedThings.contains(words[k - 2]) {
                    let resource = k >= 3 && ["memory", "cpu"].contains(words[k - 3]) ? words[k - 3] + " " : ""
                    possessed = "\(word)'s \(resource)\(words[k - 2])"
                }
                continue
            }
            if plain, k > 0, k + 1 < words.count, ["the", "our"].contains(words[k - 1]),
               partNouns.contains(words[k + 1])
            {
                named.append(word)
                continue
            }
            // `mailer-worker`, `auth2`: a word shaped like a workload's name.
            if isShaped(word), word.contains(where: \.isLetter), isName(word, environments), !isPrefixed(word),
               !SlotReader.looksLikeVersion(word), !SlotReader.isTicket(tokens[k].raw), !isMeasure(word),
               // (`relay keeps crash-looping`, `is false-alerting`: a verb after its auxiliary.)
               !(k > 0 && ["keeps", "kept", "is", "are", "was", "were", "been", "be", "started", "stopped", "getting"].contains(words[k - 1])
                   && (word.hasSuffix("ing") || word.hasSuffix("ed"))),
               // (`Tally in dev is a write-off`: after `a`, a word describes, unless a workload's word follows.)
               !(k > 0 && ["a", "an"].contains(words[k - 1]) && !(k + 1 < words.count && partNouns.contains(words[k + 1])))
            {
                named.append(word)
            }
        }
        let distinct = Array(Set(named))
        guard distinct.count == 1, let name = distinct.first else { return nil }
        let named_environments = Set(words.compactMap { environments.canonical($0) })
        return Found(name: possessed ?? name, environment: named_environments.count == 1 ? named_environments.first : nil,
                     kindWord: possessed == nil ? kindWord(in: sentence) : nil)
    }

    /// The one kind word a sentence gives (`node-agent is a daemonset`), or nil.
    static func kindWord(in sentence: String) -> String? {
        let words = Set(Tokenizer.tokenize(Array(sentence.utf8)).tokens.map(\.word).filter { ["statefulset", "sts", "daemonset", "ds"].contains($0) })
        return words.count == 1 ? words.first : nil
    }

    private static let kinds: Set<String> = ["statefulset", "sts", "daemonset", "ds", "deployment", "cronjob", "job"]

    /// What a workload has that `it` may stand for: `the memory request on compass`.
    private static let ownedThings: Set<String> = ["request", "requests", "limit", "limits", "hpa", "autoscaler", "canary"]

    /// `mid-rollout`, `pre-prod`, `non-critical`: a word made with a prefix describes; it is
    /// not a workload's name.
    static func isPrefixed(_ word: String) -> Bool {
        guard let dash = word.firstIndex(of: "-") else { return false }
        return ["mid", "pre", "post", "non", "semi", "half", "self", "well", "re", "over", "under", "co", "multi", "cross", "long", "short", "high", "low"]
            .contains(String(word[..<dash]))
    }

    /// Words for a workload or its parts after its name: `the relay service`, `ledger pods`.
    static let partNouns: Set<String> = [
        "service", "svc", "workers", "worker", "pods", "pod", "app", "deployment", "daemonset", "statefulset", "canary",
        "rollout", "replicas", "containers",
    ]

    /// What incidents are told in terms of, never what `it` is: `Alerts are firing all over dev`.
    private static let genericNouns: Set<String> = [
        "alerts", "alert", "errors", "metrics", "dashboards", "dashboard", "graphs", "users", "customers", "requests", "nodes",
        "things", "builds", "tests", "traffic", "latency", "everyone", "nobody", "people", "folks", "team",
    ]

    /// A word shaped as only a workload's name is: with a hyphen or a digit (`ink-7`, `svc2`).
    static func isShaped(_ word: some StringProtocol) -> Bool {
        word.contains("-") || word.contains(where: \.isNumber)
    }

    /// A plain word that may be a workload's name: one the parser has no other meaning for
    /// (`harbor`, `ledger`), or an everyday noun teams name services after (`mail`).
    static func isPlainName(_ word: String) -> Bool {
        guard ServiceName.isValid(word), !SlotReader.neverNames.contains(word), !SlotReader.explainedWords.contains(word),
              !Evidence.troubleWords.contains(word), !MoodReader.weekdays.contains(word), !genericNouns.contains(word)
        else { return false }
        if SlotReader.nameableNouns.contains(word) { return true }
        guard let alone = Lexicon.phrases(startingWith: word)?.first(where: { $0.rest.isEmpty }) else { return true }
        if case .word = alone.tag { return true }
        return false
    }

    private static func isName(_ word: String, _ environments: EnvironmentCatalog) -> Bool {
        ServiceName.isValid(word) && environments.canonical(word) == nil && !SlotReader.neverNames.contains(word) && !kinds.contains(word)
            // (`on-call`, `roll-out`: a word the parser knows.)
            && !(word.contains("-") && Lexicon.phrases(startingWith: word)?.contains(where: { $0.rest.isEmpty }) == true)
    }

    /// `40k`, `8k`, `500s`, `5xx`, `p99`, `2gi`, `30m`: a measure, not a name.
    private static func isMeasure(_ word: String) -> Bool {
        let letters = word.filter(\.isLetter)
        // (`p99`, `sev2`, `p1`: a percentile or a severity.)
        for prefix in ["p", "sev", "s"] where word.hasPrefix(prefix) && word.count > prefix.count {
            if word.dropFirst(prefix.count).allSatisfy(\.isNumber) { return true }
        }
        return word.first?.isNumber == true && letters.count <= 3 && !word.contains("-")
    }
}
