/// The sentences of a message pasted from a chat or a ticket: `Morning team. Release 2.8.0
/// passed QA yesterday. Deploy storefront 2.8.0 to production.`
///
/// A sentence ends at `.`, `!` or `?` (one or more) followed by a space, at ` -- `, and at
/// the end of the text. Dots inside a word (`2.8.0`, `ghcr.io`) end nothing, nor do the dots of `e.g.`,
/// `i.e.`, `etc.` and `vs.`, nor punctuation inside quotation marks or backticks.
enum MessageSentences {
    static func split(_ text: String) -> [String] {
        let bytes = Array(text.utf8)
        var sentences: [String] = []
        var start = 0
        var quote: UInt8?
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if let open = quote {
                if b == open { quote = nil }
                i += 1
                continue
            }
            if b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") || (b == UInt8(ascii: "'") && opensQuote(bytes, i)) {
                quote = b
                i += 1
                continue
            }
            // A line break ends a sentence.
            if b == UInt8(ascii: "\n") {
                appendTrimmed(bytes[start..<i], to: &sentences)
                start = i + 1
                i += 1
                continue
            }
            // `ok it's stable-ish 😮‍💨 resume the rollout`: a run of emoji between words ends a
            // sentence as a full stop does.
            if b >= 0x80, i == 0 || ByteSearch.isSpace(bytes[i - 1]) {
                var end = i
                while end < bytes.count, !ByteSearch.isSpace(bytes[end]) { end += 1 }
                if bytes[i..<end].allSatisfy({ $0 >= 0x80 }) {
                    appendTrimmed(bytes[start..<i], to: &sentences)
                    start = end
                    i = end
                    continue
                }
            }
            // `ALERT HighCPU on thumbs -- scale thumbs to 8`: a double dash between words parts
            // pasted text from the speaker's own words as a full stop does.
            if b == UInt8(ascii: "-"), i > 0, bytes[i - 1] == 0x20, i + 2 < bytes.count, bytes[i + 1] == UInt8(ascii: "-"), bytes[i + 2] == 0x20 {
                appendTrimmed(bytes[start..<i], to: &sentences)
                start = i + 2
                i += 2
                continue
            }
            // `Payments needs more memory in production — give it 4GB`: a dash between a
            // statement and words that point back at what it was about parts them as a stop does.
            if b == 0xE2, i > 0, bytes[i - 1] == 0x20, i + 3 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x94 || bytes[i + 2] == 0x93,
               bytes[i + 3] == 0x20, pointsBack(bytes[(i + 4)...])
            {
                appendTrimmed(bytes[start..<i], to: &sentences)
                start = i + 3
                i += 3
                continue
            }
            guard isStop(b) else {
                i += 1
                continue
            }
            var end = i + 1
            while end < bytes.count, isStop(bytes[end]) { end += 1 }
            let spaced = end < bytes.count && (bytes[end] == UInt8(ascii: " ") || bytes[end] == UInt8(ascii: "\t") || bytes[end] == UInt8(ascii: "\n"))
            if spaced, !(b == UInt8(ascii: ".") && end == i + 1 && isAbbreviation(bytes, i)) {
                appendTrimmed(bytes[start..<end], to: &sentences)
                start = end
            }
            i = end
        }
        appendTrimmed(bytes[start...], to: &sentences)
        // `abort! the checkout canary is throwing 500s`: a word alone says what the next
        // sentence is about.
        var joined: [String] = []
        for sentence in sentences {
            if let last = joined.last, !last.contains(" ") {
                joined[joined.count - 1] = last + " " + sentence
            } else {
                joined.append(sentence)
            }
        }
        // `restart bookings in prod. sorry, I meant staging`: a short correction belongs to the
        // sentence it corrects.
        if joined.count > 1 {
            var corrected: [String] = [joined[0]]
            for sentence in joined.dropFirst() {
                let lower = sentence.lowercased()
                let short = sentence.split(separator: " ").count <= 6
                if short, ["sorry", "oops", "i meant", "i mean", "correction", "make that", "no wait", "wait no", "actually i meant", "actually make that", "actually make it"].contains(where: { lower.hasPrefix($0) }) {
                    corrected[corrected.count - 1] += ", " + sentence
                } else {
                    corrected.append(sentence)
                }
            }
            joined = corrected
        }
        // `auth rollout paused? prod`: an environment alone at the end says where the sentence
        // before it asks.
        if joined.count > 1, let last = joined.last, !last.contains(" "),
           EnvironmentCatalog.standard.canonical(String(last.filter { $0.isLetter })) != nil
        {
            joined.removeLast()
            joined[joined.count - 1] += " " + last
        }
        return joined
    }

    /// Whether the words hold `it` or `its` standing alone.
    private static func pointsBack(_ bytes: ArraySlice<UInt8>) -> Bool {
        let words = String(decoding: bytes, as: UTF8.self).lowercased().split { !$0.isLetter && $0 != "'" }
        return words.contains { $0 == "it" || $0 == "its" }
    }

    private static func isStop(_ b: UInt8) -> Bool {
        b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?")
    }

    /// A single quotation mark opens a quotation where a word starts (not in `it's`).
    private static func opensQuote(_ bytes: [UInt8], _ i: Int) -> Bool {
        guard i == 0 || bytes[i - 1] == UInt8(ascii: " ") else { return false }
        // A closing mark must follow later in the text for this to be a quotation.
        return bytes[(i + 1)...].contains(UInt8(ascii: "'"))
    }

    /// `e.g.`, `i.e.`, `etc.`, `vs.`: a dot that shortens a word.
    private static func isAbbreviation(_ bytes: [UInt8], _ dot: Int) -> Bool {
        var s = dot
        while s > 0, bytes[s - 1] != UInt8(ascii: " ") { s -= 1 }
        let word = String(decoding: bytes[s..<dot], as: UTF8.self).lowercased()
        return ["e.g", "i.e", "etc", "vs", "approx", "cf", "incl", "eg", "ie"].contains(word)
    }

    private static func appendTrimmed(_ slice: ArraySlice<UInt8>, to sentences: inout [String]) {
        guard let first = slice.firstIndex(where: { !ByteSearch.isSpace($0) }), let last = slice.lastIndex(where: { !ByteSearch.isSpace($0) }) else { return }
        sentences.append(String(decoding: slice[first...last], as: UTF8.self))
    }

    private static let planModals: Set<String> = ["will", "would", "should", "won't", "might", "gonna"]
    /// Whether a sentence of a message tells rather than asks: it states what something or
    /// someone is or did (`Revision 18 has the broken analyzer config.`, `We keep getting
    /// paged.`, `Merchants report delays.`), or asks a person to report back (`Ping me when
    /// it's back.`). A sentence that opens with a command, a question or a wish (`I need…`)
    /// asks.
    static func tells(_ lexemes: [Lexeme], isQuestion: Bool) -> Bool {
        var k = 0
        while k < lexemes.count, !subjects.contains(lexemes[k].word),
              lexemes[k].tag == .filler || lexemes[k].tag == .conj || lexemes[k].raw.hasPrefix("@") || greetings.contains(lexemes[k].word)
        {
            k += 1
        }
        guard k < lexemes.count else { return false }
        // `Will revisit tomorrow.`: a modal without a question mark states a plan.
        if !isQuestion, lexemes[..<k].contains(where: { Self.planModals.contains($0.word) }) { return true }
        let first = lexemes[k]
        if case .question = first.tag { return !isQuestion && Self.planModals.contains(first.word) }
        let opening = first.raw.lowercased() + (k + 1 < lexemes.count ? " " + lexemes[k + 1].raw.lowercased() : "")
        if wishes.contains(first.word) || wishes.contains(where: { opening.hasPrefix($0 + " ") || opening == $0 }) { return false }
        // `ping me when it's back`, `let me know`: a request to the speaker's colleagues.
        if k + 1 < lexemes.count, ["me", "us"].contains(lexemes[k + 1].word), !lexemes[k + 1].breakBefore {
            if case .verb = first.tag {} else { return true }
            if first.word == "let" { return true }
        }
        if subjects.contains(first.word) { return true }
        // `Our restore drill starts at 14:00`: after a determiner a verb's word is a noun.
        let determined = k > 0 && determiners.contains(lexemes[k - 1].word)
        let opensWithVerb: Bool
        if case .verb = first.tag, !determined { opensWithVerb = true } else { opensWithVerb = false }
        // A finite verb in the first clause: `drill starts at 14:00`, `release 2.8.0 passed QA`.
        for j in (k + 1)..<lexemes.count {
            if lexemes[j].breakBefore { break }
            let word = lexemes[j].word
            if finiteVerbs.contains(word) { return true }
            let before = lexemes[j - 1].word
            if relatives.contains(before) { continue }
            if Tagger.isPastTense(word), lexemes[j].tag == .word || !opensWithVerb { return true }
            if !opensWithVerb, word.hasSuffix("s"), !word.hasSuffix("ss"), word.count > 3, lexemes[j].tag == .word,
               j + 1 < lexemes.count, !lexemes[j + 1].breakBefore
            {
                switch lexemes[j + 1].tag {
                case .prep, .article: return true
                default: break
                }
            }
        }
        return false
    }

    /// Whether a clause after the first opens with a command: `payments feels sluggish, give
    /// it a fresh start`.
    static func laterClauseCommands(_ lexemes: [Lexeme]) -> Bool {
        for k in lexemes.indices.dropFirst() where lexemes[k].breakBefore {
            var j = k
            while j < lexemes.count, lexemes[j].tag == .filler || lexemes[j].tag == .conj { j += 1 }
            guard j < lexemes.count, case .verb = lexemes[j].tag else { continue }
            let word = lexemes[j].word
            if word.hasSuffix("ing") || Tagger.isPastTense(word) { continue }
            return true
        }
        return false
    }

    /// `We can do it after 5pm.`, `we should wait`: the speaker says the request could or
    /// should happen later.
    static func offersToWait(_ w: [String]) -> Bool {
        w.indices.dropLast().contains { i in
            ["we", "i", "you"].contains(w[i]) && ["can", "could", "should", "must", "need", "have", "might", "may"].contains(w[i + 1])
        } || w.first == "let's"
    }

    /// Whether a word puts a request off or takes it back: `later`, `tomorrow`, `wait`,
    /// `5pm`, `14:00`, `kidding`.
    static func defers(_ word: String) -> Bool {
        deferrals.contains(word) || TokenShapes.isClockTime(word)
    }

    private static let deferrals: Set<String> = [
        "wait", "hold", "later", "tomorrow", "tonight", "after", "before", "until", "till", "once", "when",
        "kidding", "joking", "jk", "first", "then", "next", "eod", "monday", "tuesday", "wednesday", "thursday",
        "friday", "saturday", "sunday", "weekend", "o'clock", "noon", "midnight", "afterwards", "soon", "yet",
        "instead", "rather", "unless", "if", "only", "except",
    ]

    private static let greetings: Set<String> = [
        "hi", "hey", "hello", "morning", "evening", "afternoon", "team", "folks", "all", "everyone", "guys", "y'all",
        "ok", "okay", "so", "also", "and", "but", "update", "fyi", "context", "background", "note", "heads", "up",
    ]

    private static let determiners: Set<String> = ["our", "my", "their", "your", "his", "her", "the", "a", "an", "this", "that"]

    /// Words that open a wish for something to be done.
    private static let wishes: Set<String> = [
        "i need", "we need", "i want", "we want", "i'd like", "we'd like", "i would", "we would", "need", "pls", "please",
    ]

    /// Pronouns and the like that open a statement about someone or something.
    private static let subjects: Set<String> = [
        "i", "we", "they", "it", "he", "she", "i'm", "we're", "they're", "it's", "there's", "there", "that's", "it'll", "that'll",
        "they'll", "he'll", "she'll", "everybody",
        "this", "i've", "we've", "i'll", "we'll", "nothing", "everything", "somebody", "someone", "nobody",
    ]

    /// Words before a participle that make it part of a noun phrase: `the build that passed`.
    private static let relatives: Set<String> = ["that", "which", "who", "was", "were", "been", "be", "get", "got", "is", "are", "being"]

    /// Verbs that state what something is, shows or did.
    private static let finiteVerbs: Set<String> = [
        "is", "are", "was", "were", "isn't", "aren't", "wasn't", "weren't", "has", "have", "had", "hasn't",
        "haven't", "looks", "look", "seems", "seem", "feels", "feel", "keeps", "says", "said", "say", "report",
        "reports", "shows", "lost", "broke", "went", "came", "got", "took", "ran", "fell", "threw", "began",
        "saw", "told", "kept", "left", "found", "made", "sent", "can't", "cannot", "won't", "doesn't", "don't",
        "didn't", "couldn't", "will", "would", "should", "must", "runs", "uses", "sits", "serves", "holds", "stays", "needs",
    ]
}
