/// Recognises requests to hand a task to a specialist and cuts out the task in the user's
/// own words: `who should fix the auth bug in login` → `fix the auth bug in login`.
///
/// The wrappers are questions about a person or team (`who should …`, `which team can …`,
/// `who's the best person to …`), imperatives (`route: …`, `assign … to someone`,
/// `find someone to …`) and their polite forms. Anything inside the task is left alone, so
/// `and`, verbs or environment words there do not make it a different request.
enum RouteRules {
    /// The outcome of a route match: a task, or the reason there is none.
    enum Match: Equatable {
        case task(String)
        case missingTask
        /// `can someone tell Bob to restart ledger`, `can somebody explain what a pause does`:
        /// a message for a person to pass on or answer, neither a task to route nor a request.
        case forAPerson
    }

    /// Verbs that ask a person to pass a message on or to explain.
    /// Verbs of a change someone may be asked to make.
    private static let changeVerbs: Set<String> = [
        "deploy", "ship", "scale", "restart", "bounce", "roll", "rollback", "revert", "delete", "remove", "promote", "abort",
        "pause", "resume", "set", "bump", "autoscale", "nuke", "kill", "cancel", "undo", "release", "push", "upgrade",
    ]

    private static let relayVerbs: Set<String> = [
        "tell", "ask", "remind", "let", "notify", "message", "explain", "inform", "update", "warn", "email", "text",
    ]

    /// `@maria can you restart mail` (a request to the person mentioned), `can someone tell
    /// Bob to roll back ledger` (a message to pass on): neither is for cortex.
    private static func addressesAPerson(_ tokens: [Token], _ w: [String], _ p: Int) -> Bool {
        // `@devon please bump the memory on report-builder`: a line that opens by mentioning
        // a person (not cortex, a team or the channel) is a message to them.
        // (`Hello @priya, can you …`: after a greeting, too.)
        let o = tokens.count > 2 && greetings.contains(w[0]) ? 1 : 0
        if tokens.count > o + 1, tokens[o].raw.hasPrefix("@"), tokens[o].raw.count > 1 {
            let handle = tokens[o].word.dropFirst().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).map(String.init)
            if !handle.contains(where: groupHandles.contains) { return true }
            // `hey @ops-team, bump the weekly budget`: a team greeted is asked as people are.
            if o == 1, handle.contains(where: { teamHandles.contains($0) || ["oncall", "sre", "sres", "ops", "devops", "infra", "platform"].contains($0) }) {
                return true
            }
            // `@ops-oncall please rollout restart cart`, `@sre-oncall: delete old-es`: the
            // people on call, asked to act.
            if handle.contains(where: { ["oncall", "sre", "sres", "ops", "devops", "infra", "platform"].contains($0) }), tokens.count > o + 2,
               tokens[o].colonAfter || ["please", "pls", "can", "could", "would", "will"].contains(w[o + 1])
            {
                return true
            }
            // `@mail-team can you restart mail`: a team asked by name, as a person would be.
            if handle.contains(where: teamHandles.contains), tokens.count > o + 3, ["can", "could", "would", "will"].contains(w[o + 1]),
               ["you", "u", "someone", "anyone"].contains(w[o + 2])
            {
                return true
            }
        }
        // `Security team: please rotate the creds and restart …`: a team named before a colon.
        if let colon = tokens.prefix(3).firstIndex(where: \.colonAfter), colon + 1 < tokens.count,
           ["team", "teams", "folks", "squad", "crew", "oncall", "on-call", "sres"].contains(w[colon])
        {
            return true
        }
        // `Sam, abort the web-app canary in prod`: a capitalised name before a comma calls on
        // someone by name.
        if tokens.count > 2, tokens[1].breakBefore, !tokens[0].colonAfter, isPersonalName(tokens[0]) { return true }
        if callsOnSomeone(tokens) { return true }

        // `Hey Marco, please bump kyc-check to 6`: a greeting, then the name.
        if tokens.count > 3, greetings.contains(w[0]), tokens[2].breakBefore,
           !tokens[1].colonAfter, isPersonalName(tokens[1])
        {
            return true
        }
        // `not you cortex -- @ben: rollback tax-calc stg`: a person mentioned at the head of
        // a later clause, with a colon, is given what follows.
        if tokens.indices.dropFirst().contains(where: { k in
            tokens[k].breakBefore && tokens[k].colonAfter && k + 1 < tokens.count && tokens[k].raw.hasPrefix("@") && tokens[k].raw.count > 1
                && !tokens[k].word.dropFirst().split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." }).contains(where: { groupHandles.contains(String($0)) })
        }) {
            return true
        }
        // `prod/payout-gateway — hey Priya can you bounce this`: a person greeted and asked
        // in a later clause.
        if tokens.indices.dropFirst().contains(where: { k in
            tokens[k].breakBefore && k + 2 < tokens.count && ["hey", "hi", "hello", "yo", "hej", "hallo", "hola", "ciao", "moin"].contains(w[k])
                && isPersonalName(tokens[k + 1]) && (tokens[k + 2].breakBefore || modals.contains(w[k + 2]) || w[k + 2] == "please")
        }) {
            return true
        }
        // `ask the DBA on call to promote the etl-scheduler canary`, `pls ask @li to restart
        // audit-shipper`: a message for someone else to act on.
        if p + 3 < w.count, ["ask", "tell", "remind", "get"].contains(w[p]), !["cortex", "you", "u", "it"].contains(w[p + 1]),
           let to = ((p + 2)..<min(w.count - 1, p + 7)).first(where: { w[$0] == "to" }),
           w[(p + 1)..<to].allSatisfy({ !["cortex", "you", "u", "it", "them", "this", "that"].contains($0) && !$0.contains("-") }),
           changeVerbs.contains(w[to + 1])
        {
            return true
        }
        guard p + 2 < w.count, modals.contains(w[p]), ["someone", "somebody", "anyone", "anybody"].contains(w[p + 1]) else { return false }
        let verb = w[p + 2] == "please" && p + 3 < w.count ? w[p + 3] : w[p + 2]
        return relayVerbs.contains(verb)
    }

    static func match(_ tokens: [Token], _ bytes: [UInt8]) -> Match? {
        // `whos`, `shud`: chat spellings of the words a route is asked with.
        let w = tokens.map { chatSpellings[$0.word] ?? $0.word }
        var p = 0
        // Lead-ins that change nothing: "please", "hey", "quick question:", "do you know",
        // a ticket (`[OPS-77]`) or a label (`Triage:`) before the question.
        while p < w.count {
            if let n = leadIn(w, p) {
                p += n
            } else if p + 1 < w.count, task(w, p) == nil, SlotReader.isTicket(tokens[p].raw) || tokens[p].colonAfter {
                p += 1
            } else {
                break
            }
        }
        if addressesAPerson(tokens, w, p) { return .forAPerson }
        guard p < w.count, var found = task(w, p) else { return nil }
        // `who should uh who should look at…`: the question said again after a hesitation.
        while true {
            var next = found.start
            while next < w.count, hesitations.contains(w[next]) { next += 1 }
            guard next < w.count, let again = task(w, next), again.start > next else { break }
            found = again
        }
        var start = found.start, end = found.end
        // "route to the platform team: upgrade istio": the task follows the colon.
        if let colon = (p..<(w.count - 1)).last(where: { tokens[$0].colonAfter }), colon >= start - 1 {
            start = colon + 1
            end = w.count
        }
        // Trailing politeness and an assignment tail are not part of the task.
        while end > start, trailing.contains(w[end - 1]) { end -= 1 }
        if end - start >= 2, w[end - 2] == "thank", w[end - 1] == "you" { end -= 2 }
        if end - start >= 2, w[end - 2] == "for", w[end - 1] == "me" || w[end - 1] == "us" { end -= 2 }
        // "who should I send the failing test to": a preposition left dangling at the end.
        if end - start >= 2, ["to", "for", "with", "on"].contains(w[end - 1]) { end -= 1 }
        while start < end, w[start] == "this" || w[start] == "task", tokens[start].colonAfter { start += 1 }
        // `who should upgrade the ingress, given that it goes out of support`: a reason after
        // the task is not part of it.
        if let reason = ((start + 1)..<max(start + 1, end)).first(where: { tokens[$0].breakBefore
            && ["since", "because", "although", "though", "as", "given", "while", "seeing", "considering"].contains(w[$0]) })
        {
            end = reason
        }
        // `I need someone to audit the IAM roles, who's best for that`: the question that asks
        // for someone, put after the task, is not part of it.
        if let asking = ((start + 1)..<max(start + 1, end)).first(where: { tokens[$0].breakBefore
            && (["who's", "whos", "who"].contains(w[$0]) || (w[$0] == "which" && $0 + 1 < end && roleNouns.contains(w[$0 + 1]))) })
        {
            end = asking
        }
        // `route this uh upgrade the driver`, `who can help to upgrade the driver`: hesitations
        // and an offer of help open the task without being part of it.
        while start < end - 1 {
            if hesitations.contains(w[start]) || (w[start] == "this" && hesitations.contains(w[start + 1])) {
                start += 1
            } else if w[start] == "help", ["to", "with"].contains(w[start + 1]), start + 2 < end {
                start += 2
            } else {
                break
            }
        }
        // `who should fix the flaky test? it's blocked three merges`: the question ends the task.
        if let mark = bytes.indices.first(where: { bytes[$0] == UInt8(ascii: "?") && $0 > tokens[start].start }) {
            while end > start, tokens[end - 1].start > mark { end -= 1 }
        }
        if end - start >= 2, w[end - 2] == "any", w[end - 1] == "idea" || w[end - 1] == "ideas" { end -= 2 }
        guard end > start else { return .missingTask }
        let text = String(decoding: bytes[tokens[start].start..<tokens[end - 1].end], as: UTF8.self)
        return .task(text)
    }

    /// Words by which a sentence asks for someone to take a task.
    static let someoneWords: Set<String> = [
        "who", "whom", "who's", "whose", "who'll", "who'd", "someone", "somebody", "anyone", "anybody", "team", "teams",
        "route", "assign", "hand", "owner", "owns", "own", "specialist", "specialists", "escalate", "delegate",
        "handle", "handles", "expert", "experts", "responsible",
    ]

    /// Parts of a handle that name cortex, a team, a rota or the channel rather than a person.
    private static let groupHandles: Set<String> = [
        "cortex", "here", "channel", "all", "everyone", "team", "teams", "sre", "sres", "oncall", "on", "call",
        "ops", "devops", "leads", "lead", "platform", "infra", "bot", "eng", "engineering", "squad", "group", "crew",
    ]

    /// Titles said before a person's name.
    private static let honorifics: Set<String> = [
        "mas", "mbak", "pak", "bu", "bapak", "ibu", "pani", "pan", "anh", "chi", "co", "kak", "bang", "mr", "mrs", "ms", "dr", "sir", "madam", "bhai", "didi", "ji",
    ]

    /// Whether the first word of `text` may open a call on someone: most lines are ruled out
    /// here, before they are tokenized again.
    static func mayCallOnSomeone(_ text: String) -> Bool {
        let first = text.utf8.prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ",") }
        guard first.count <= 12 else { return false }
        let word = String(decoding: first.map(ByteSearch.asciiLowercased), as: UTF8.self)
        if honorifics.contains(word) || greetings.contains(word) || commonFirstNames.contains(word) || wholeRota.contains(word)
            || nameSuffixes.contains(where: { word.hasSuffix($0) })
        {
            return true
        }
        // (`Mehmet bey, …`: the title after the name.)
        let second = text.utf8.dropFirst(first.count + 1).prefix { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: ",") }
        return second.count <= 6 && titlesAfterName.contains(String(decoding: second.map(ByteSearch.asciiLowercased), as: UTF8.self))
    }

    /// Titles said after a person's name (`Mehmet bey`, `Ayşe hanım`, `Ravi ji`).
    private static let titlesAfterName: Set<String> = [
        "bey", "hanım", "hanim", "abi", "abla", "hocam", "ji", "san", "sahab", "saab", "bhai", "sensei",
        // (`Raj buddy, can you please roll back …`.)
        "buddy", "mate", "bro", "dude", "sir",
    ]

    /// Words that call on whoever holds a rota (`whoever's on call: please pause …`).
    private static let wholeRota: Set<String> = ["whoever", "whoever's", "whoevers"]

    /// Titles joined to a name (`Tanaka-san`, `Min-ji-ssi`).
    private static let nameSuffixes = ["-san", "-sama", "-kun", "-chan", "-sensei", "-ssi", "-nim"]

    /// `Mas Andi, after lunch please restart …`, `Dr Chen, roll back …`, `Anh Tuan oi, can
    /// you …`, `Mehmet bey, …`, `sam, …`: a person called on before the comma, whatever follows.
    static func callsOnSomeone(_ tokens: [Token]) -> Bool {
        // `Tanaka-san, please restart …`: a name with its title joined, then a comma.
        if tokens.count > 2, tokens[1].breakBefore, nameSuffixes.contains(where: tokens[0].raw.lowercased().hasSuffix),
           tokens[0].raw.first?.isUppercase == true
        {
            return true
        }
        // `sam, please roll back shortlinks`, `kenji: bumping imgproxy …, ok?`: a first name
        // typed in small letters, then a comma or a colon (a chat line, said to or by them).
        if tokens.count > 2, tokens[1].breakBefore, tokens[0].raw.lowercased() == tokens[0].raw,
           commonFirstNames.contains(tokens[0].word)
        {
            return true
        }
        // `Hey team, could someone restart ticket-sync?`: people greeted, then one of them asked.
        if tokens.count > 4, greetings.contains(tokens[0].word),
           ["team", "all", "folks", "guys", "everyone", "everybody", "y'all", "people"].contains(tokens[1].word),
           tokens[2].breakBefore, modals.contains(tokens[2].word), ["someone", "somebody", "anyone", "anybody"].contains(tokens[3].word)
        {
            return true
        }
        // `Mehmet bey, please set …`: a name, the title said after it, then a comma.
        // (The name as written in its own alphabet: `Ayşe hanım`.)
        let name = tokens.first?.raw ?? ""
        if tokens.count > 3, name.count <= 12, name.first?.isUppercase == true, name.allSatisfy(\.isLetter), !notNames.contains(tokens[0].word),
           titlesAfterName.contains(tokens[1].word), !tokens[1].breakBefore, tokens[2].breakBefore
        {
            return true
        }
        // `whoever's on call: please pause …`: whoever holds the rota, asked before the request.
        if tokens.count > 3, wholeRota.contains(tokens[0].word), let k = tokens.prefix(5).indices.dropFirst().first(where: { tokens[$0].breakBefore }), k < tokens.count - 1 {
            return true
        }
        guard tokens.count > 3, honorifics.contains(tokens[0].word), !tokens[1].colonAfter, isPersonalName(tokens[1]) else { return false }
        if tokens[2].breakBefore { return true }
        return tokens.count > 4 && vocatives.contains(tokens[2].word) && tokens[3].breakBefore
    }

    /// First names people type in small letters in chat. Names that are also words of a request
    /// (`max`, `will`, `mark`, `grace`) are left out.
    private static let commonFirstNames: Set<String> = [
        "sam", "alex", "chris", "dan", "tom", "ben", "joe", "jen", "kate", "mike", "matt", "nick", "dave", "steve", "sarah",
        "anna", "maria", "john", "james", "david", "lisa", "emma", "priya", "raj", "ravi", "amit", "ana", "carlos", "luis",
        "juan", "pedro", "jose", "marco", "paolo", "wei", "yuki", "kenji", "omar", "ali", "fatima", "olga", "ivan", "igor",
        "tim", "rob", "andy", "pete", "greg", "kim", "ryan", "josh", "nate", "zoe", "amy", "meg", "beth", "tina", "sara",
        "nina", "eva", "lena", "leo", "noah", "liam", "ethan", "sofia", "mia", "ella", "tanya", "arjun", "neha", "rahul",
        "dmitri", "sven", "lars", "hans", "jan", "piotr", "kasia", "ola", "tomas", "diego", "lucia", "marta", "elena",
    ]

    /// Particles said after a name to call on someone (`Tuan oi`).
    private static let vocatives: Set<String> = ["oi", "ơi", "ji", "san", "ah"]

    private static let greetings: Set<String> = [
        "hey", "hi", "hello", "morning", "yo", "ok", "okay", "thanks", "cheers",
        // (The greetings of the languages teams mix into English: `Hej Anders, could you …`.)
        "hej", "hallo", "moin", "hoi", "hei", "servus", "ciao", "hola", "salut", "bonjour", "oi", "ola", "olá", "ya", "marhaba", "namaste",
    ]
    /// Parts of a handle that name a team of people.
    private static let teamHandles: Set<String> = ["team", "teams", "leads", "squad", "crew", "group", "eng", "engineering"]

    /// `Sam`, `Priya`: a word written as a name (a capital then small letters) that is not a
    /// greeting, a word of the request or a time of day.
    private static func isPersonalName(_ t: Token) -> Bool {
        guard t.raw.utf8.count <= 12, Tagger.isCapitalisedName(t.raw) else { return false }
        return !notNames.contains(t.word) && Lexicon.phrases(startingWith: t.word) == nil
    }

    /// Capitalised words that open a line without calling on anyone.
    private static let notNames: Set<String> = [
        "hi", "hey", "hello", "morning", "evening", "afternoon", "ok", "okay", "so", "well", "yes", "yeah", "no",
        "sure", "right", "alright", "thanks", "cheers", "sorry", "please", "urgent", "quick", "reminder", "note",
        "fyi", "update", "important", "also", "again", "great", "cool", "nice", "perfect", "done", "next", "first",
        "finally", "then", "now", "today", "tonight", "folks", "team", "guys", "everyone", "all", "cortex", "heads",
        "btw", "hmm", "um", "uh", "oops", "ah", "oh", "anyway", "honestly", "seriously", "actually", "meanwhile",
        "afterwards", "later", "tomorrow", "yesterday", "prod", "production", "staging", "stage", "dev", "live",
        "emergency", "incident", "outage", "status", "question", "request", "ask", "task", "context", "background",
        "ticket", "priority", "sev", "hotfix", "rollback", "restart", "deploy", "scale", "logs", "events", "cost",
        // (`Approved, low risk.`: a verdict, not a name.)
        "approved", "agreed", "confirmed", "noted", "understood", "acknowledged", "rejected", "denied", "granted",
        "verified", "tested", "resolved", "closed", "fixed", "signed", "authorised", "authorized", "declined",
    ]

    /// Where the task starts after words that only take on work: `own the work to speed up
    /// …` → `speed up …`, as `give the task of …` is read. The verb of a task said plainly
    /// stays its own (`handle the flaky CI pipeline`).
    private static func takingOn(_ w: [String], _ i: Int) -> Int {
        func at(_ k: Int) -> String { k < w.count ? w[k] : "" }
        if ["own", "take", "do", "pick"].contains(at(i)), at(i + 1) == "the", ["work", "job", "task"].contains(at(i + 2)), ["to", "of"].contains(at(i + 3)) {
            return i + 4
        }
        // `who'd be the right person to rotate the certs`, `be best placed to …`.
        if at(i) == "be", at(i + 1) == "the", ["right", "best", "correct", "proper"].contains(at(i + 2)), roleNouns.contains(at(i + 3)), at(i + 4) == "to" {
            return i + 5
        }
        if at(i) == "be", at(i + 1) == "best", ["placed", "suited"].contains(at(i + 2)), at(i + 3) == "to" { return i + 4 }
        // `which team can help me set up single sign-on`, `who should I talk to about …`.
        if at(i) == "help", ["me", "us"].contains(at(i + 1)), at(i + 2) != "" { return i + 2 + (at(i + 2) == "with" || at(i + 2) == "to" ? 1 : 0) }
        if at(i) == "about", at(i + 1) != "" { return i + 1 }
        return i
    }

    private static let hesitations: Set<String> = ["uh", "um", "er", "erm", "hmm", "like"]

    private static let trailing: Set<String> = ["please", "pls", "plz", "thanks", "thx", "asap", "kindly", "now"]
    private static let modals: Set<String> = [
        "should", "can", "could", "would", "will", "shall", "must", "might", "may",
    ]
    private static let askVerbs: Set<String> = [
        "ask", "get", "assign", "have", "send", "ping", "contact", "give", "hand", "escalate",
        "call", "page", "talk", "go",
    ]
    private static let roleNouns: Set<String> = [
        "team", "teams", "specialist", "specialists", "agent", "agents", "person", "people",
        "engineer", "engineers", "group", "squad", "expert", "experts", "crew", "one", "dev",
        "developer", "developers", "owner", "folks", "of", "you", "us", "on-call", "oncall",
        "sre", "human", "worker", "workers", "bot", "member", "members", "colleague",
    ]
    private static let someone: Set<String> = [
        "someone", "somebody", "whoever", "whomever", "anyone", "anybody", "specialist", "agent",
        "expert", "engineer", "person", "team", "owner", "human", "specialists", "agents",
    ]

    private static let oneWordLeadIns: Set<String> = ["please", "pls", "hey", "hi", "hello", "ok", "okay", "so", "cortex", "quick", "question", "kindly", "um", "uh", "er", "erm", "hmm", "sorry", "btw", "also"]
    private static let phraseLeadIns: [[String]] = [
        ["would", "you", "mind"], ["may", "i", "ask"], ["could", "i", "ask"], ["per", "our", "discussion"], ["as", "discussed"],
        ["when", "you", "get", "a", "chance"], ["do", "you", "know"], ["any", "idea"], ["can", "you", "tell", "me"], ["could", "you", "tell", "me"],
        ["tell", "me"], ["i", "wonder"], ["i", "need", "to", "know"], ["can", "you"], ["could", "you"],
        ["would", "you"], ["please", "tell", "me"], ["i'd", "like", "to", "know"], ["help", "me", "decide"],
    ]
    private static func leadIn(_ w: [String], _ p: Int) -> Int? {
        if Self.oneWordLeadIns.contains(w[p]) { return 1 }
        for phrase in phraseLeadIns where phrase[0] == w[p] && p + phrase.count <= w.count && w[p..<(p + phrase.count)].elementsEqual(phrase) {
            return phrase.count
        }
        return nil
    }

    private static let chatSpellings: [String: String] = ["whos": "who's", "shud": "should", "shd": "should", "cud": "could", "wud": "would"]

    private static let bareSomeone: Set<String> = ["someone", "somebody", "anyone", "anybody"]
    /// Where the task starts (and ends) for a wrapper at `p`; nil when there is no wrapper.
    private static func task(_ w: [String], _ p: Int) -> (start: Int, end: Int)? {
        let n = w.count
        func at(_ i: Int) -> String { i < n ? w[i] : "" }
        // route: X / route X (to the right team)
        if w[p] == "route" {
            // `route -> upgrade pg`: an arrow only points at the task.
            var start = ["->", "=>", "→", "-"].contains(at(p + 1)) ? p + 2 : p + 1
            // `route this to a specialist rotate the certs`: who it goes to, then the task.
            if ["this", "it"].contains(at(start)), at(start + 1) == "to",
               let role = ((start + 2)..<min(n, start + 6)).first(where: { roleNouns.contains(w[$0]) && w[$0] != "of" }), role + 1 < n
            {
                start = role + 1
            }
            return (start, assignmentTail(w, from: start) ?? n)
        }
        // `find the right team to X`, `finding someone to X`.
        if ["find", "finding"].contains(w[p]) {
            var i = p + 1
            while i < n, i <= p + 4, ["the", "a", "right", "best", "good", "appropriate", "someone", "somebody"].contains(w[i]) || roleNouns.contains(w[i]) && w[i] != "of" {
                i += 1
            }
            if i > p + 1, at(i) == "to", (p + 1..<i).contains(where: { roleNouns.contains(w[$0]) || ["someone", "somebody"].contains(w[$0]) }) {
                return (i + 1, n)
            }
        }
        // who should/can … X, who should I ask to X, who handles X
        if w[p] == "who'll" || w[p] == "who'd" { return (takingOn(w, p + 1), n) }
        if w[p] == "who's" { return whoIs(w, p + 1) }
        if w[p] == "who" {
            var i = p + 1
            let m = at(i)
            if modals.contains(m) {
                i += 1
                // who would be best to X
                if at(i) == "be" { return whoIs(w, i + 1) }
                if ["i", "we"].contains(at(i)), askVerbs.contains(at(i + 1)) {
                    i += 2
                    if ["to", "about", "for", "with", "regarding"].contains(at(i)) { i += 1 }
                }
                // `who must to investigate …`: a `to` a second language puts after the modal.
                if at(i) == "to" { i += 1 }
                return (takingOn(w, i), n)
            }
            if ["ought", "wants", "needs", "has", "gets"].contains(m), at(i + 1) == "to" { return (i + 2, n) }
            if m == "is" || m == "are" { return whoIs(w, i + 1) }
            if ["do", "does"].contains(m), ["i", "we"].contains(at(i + 1)) {
                i += 2
                if askVerbs.contains(at(i)) { i += 1 }
                if ["to", "about", "for", "with", "regarding"].contains(at(i)) { i += 1 }
                return (i, n)
            }
            if ["handles", "owns", "fixes", "takes", "deals", "works", "knows"].contains(m) {
                i += 1
                if ["care", "on", "with", "about"].contains(at(i)) { i += 1 }
                if at(i) == "of" { i += 1 }
                return (i, n)
            }
            return nil
        }
        // which team/specialist should/can … X; which team is best for X
        if w[p] == "which" || w[p] == "what" {
            var i = p + 1
            var sawRole = false
            while i < n, i <= p + 4, roleNouns.contains(w[i]) || w[i] == "the" || w[i] == "best" || w[i] == "right" {
                if roleNouns.contains(w[i]) { sawRole = true }
                i += 1
            }
            guard sawRole else { return nil }
            if at(i) == "is" || at(i) == "would" && at(i + 1) == "be" { return whoIs(w, at(i) == "is" ? i + 1 : i + 2) }
            if modals.contains(at(i)) {
                i += 1
                if at(i) == "to" { i += 1 }
                return (takingOn(w, i), n)
            }
            if ["handles", "owns", "takes"].contains(at(i)) {
                i += 1
                if at(i) == "care" && at(i + 1) == "of" { i += 2 }
                return (i, n)
            }
            return nil
        }
        // assign/delegate X (to someone)
        if ["assign", "delegate", "escalate", "dispatch", "forward", "send", "pass", "hand", "give"].contains(w[p]) {
            var i = p + 1
            if w[p] == "hand", ["off", "over"].contains(at(i)) { i += 1 }
            if let tail = assignmentTail(w, from: i) { return (i, tail) }
            if ["assign", "delegate"].contains(w[p]) || w[p] == "hand" && i == p + 2 { return (i, n) }
            return nil
        }
        // can someone X, could somebody please X
        if modals.contains(w[p]), ["someone", "somebody", "anyone", "anybody"].contains(at(p + 1)) {
            var j = p + 2
            if at(j) == "please" { j += 1 }
            // `can someone restart cart`: a request cortex can carry out itself.
            if Lexicon.namesOperation(at(j)) { return nil }
            return (j, n)
        }
        // find someone to X, I need someone to X, get somebody to X, someone should X
        var i = p
        var lead = false
        if ["i", "we"].contains(w[i]), ["need", "want"].contains(at(i + 1)) {
            i += 2
            lead = true
        }
        if ["find", "get", "pick", "choose", "suggest", "recommend", "need"].contains(at(i)) {
            i += 1
            lead = true
        }
        if ["me", "us"].contains(at(i)) { i += 1 }
        if ["a", "an", "the"].contains(at(i)) { i += 1 }
        if ["best", "right", "ideal", "appropriate", "suitable"].contains(at(i)) { i += 1 }
        if someone.contains(at(i)), lead || Self.bareSomeone.contains(at(i)) {
            i += 1
            if ["to", "for"].contains(at(i)) { return (i + 1, n) }
            if ["who", "that"].contains(at(i)), ["can", "could", "will", "should"].contains(at(i + 1)) { return (i + 2, n) }
            if !lead, ["should", "must", "can", "could", "needs", "has"].contains(at(i)) {
                var j = i + 1
                if at(j) == "to" { j += 1 }
                return (j, n)
            }
        }
        // "whose job is it to X"
        if w[p] == "whose", ["job", "responsibility", "task"].contains(at(p + 1)), at(p + 2) == "is" {
            var j = p + 3
            if at(j) == "it" { j += 1 }
            if at(j) == "to" { j += 1 }
            return (j, n)
        }
        return nil
    }

    /// After `who is` / `who's`: `best to X`, `the right person for X`, `responsible for X`,
    /// `going to X`, `in charge of X`.
    private static func whoIs(_ w: [String], _ start: Int) -> (start: Int, end: Int)? {
        let n = w.count
        var i = start
        var qualified = false
        if i < n, w[i] == "going", i + 1 < n, w[i + 1] == "to" { return (i + 2, n) }
        if i < n, w[i] == "gonna" { return (i + 1, n) }
        if i + 1 < n, w[i] == "in", w[i + 1] == "charge", i + 2 < n, w[i + 2] == "of" { return (i + 3, n) }
        while i < n, i < start + 5 {
            let word = w[i]
            if ["the", "a", "most", "our"].contains(word) {
                i += 1
            } else if ["best", "right", "qualified", "ideal", "better", "appropriate", "go-to", "responsible", "able", "suited", "equipped", "placed", "available", "free"].contains(word) || roleNouns.contains(word) || someone.contains(word) || word == "fit" || word == "candidate" {
                qualified = true
                i += 1
            } else {
                break
            }
        }
        guard qualified, i < n, ["to", "for", "with", "on"].contains(w[i]) else { return nil }
        return (i + 1, n)
    }

    /// The end of the task in `assign X to someone` / `route X to the right team`.
    private static func assignmentTail(_ w: [String], from start: Int) -> Int? {
        var i = w.count - 1
        while i > start {
            if w[i] == "to" || w[i] == "with" {
                var j = i + 1
                while j < w.count, ["a", "an", "the", "some", "right", "best", "appropriate", "suitable", "relevant", "correct", "proper"].contains(w[j]) { j += 1 }
                if j < w.count, someone.contains(w[j]) || roleNouns.contains(w[j]) && w[j] != "of" { return i }
            }
            i -= 1
        }
        return nil
    }
}
