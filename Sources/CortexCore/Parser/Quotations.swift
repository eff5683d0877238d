/// Text the user quotes (`logs show 'delete failed: permission denied'`) is what something
/// said, never part of the request: its words must not become verbs, names or numbers.
enum Quotations {
    /// The text with every quotation of two or more words replaced by a space. A quotation
    /// opens with `'` or `"` (or their typographic forms) at the start or after a space and
    /// closes with the same mark before a space, punctuation or the end; apostrophes inside
    /// words (`it's`, `payments'`) are not quotation marks.
    static func removing(from text: String) -> String {
        guard mayHoldAQuotation(text) else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if let close = closing(of: c), i == 0 || chars[i - 1].isWhitespace || chars[i - 1] == "(",
               let end = closingIndex(chars, from: i + 1, close: close),
               chars[(i + 1)..<end].contains(where: \.isWhitespace)
            {
                out.append(" ")
                i = end + 1
                continue
            }
            // `(cc team-sre)`, `(see INC-42)`: an aside addressed to people, not part of the
            // request; so is a remark of several words that names no environment (`(currently
            // 11)`, `(the old 1.9 build ran 4)`), while `(in prod)` still says where.
            if c == "(", let end = chars[(i + 1)...].firstIndex(of: ")") {
                let inside = String(chars[(i + 1)..<end]).lowercased()
                let words = inside.split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
                let first = words.first ?? ""
                // (An aside that names a change, says not to or puts it off until something
                // happens (`(after the demo)`) is still read.)
                // (`not mine` says whose, not what not to do.)
                let denies = words.indices.contains { j in
                    ["not", "don't", "dont", "no", "never", "only", "if", "unless", "after", "once"].contains(words[j])
                        && !(words[j] == "not" && j + 1 < words.count && ["mine", "ours", "yours", "theirs", "me", "us", "them", "his", "hers"].contains(words[j + 1]))
                }
                let remark = words.count >= 2 && !words.contains(where: namesAPlace) && !words.contains(where: Lexicon.namesOperation) && !denies
                if asideOpeners.contains(first) || remark {
                    out.append(" ")
                    i = end + 1
                    continue
                }
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Whether `removing` could change the text: it has a `(`, a curly quote (any byte past
    /// ASCII may start one), or a straight quote that opens a word. Most lines have none, and
    /// are then passed over without reading their characters.
    private static func mayHoldAQuotation(_ text: String) -> Bool {
        var before: UInt8 = 32
        for b in text.utf8 {
            if b == 0x28 || b >= 0x80 { return true }
            if b == 0x27 || b == 0x22, ByteSearch.isSpace(before) || before == 0x28 || before >= 0x80 { return true }
            before = b
        }
        return false
    }

    /// Whether an aside's word says where: a standard environment or alias, or another
    /// place teams keep workloads.
    private static func namesAPlace(_ word: String) -> Bool {
        EnvironmentCatalog.standard.canonical(word) != nil || ["test", "qa", "uat", "sandbox"].contains(word)
    }

    private static let asideOpeners: Set<String> = ["cc", "cc:", "fyi", "see", "re", "re:", "via", "per", "ref", "ref:", "h/t", "thanks"]

    /// The text with names written as code (`` `payments` ``, as chat tools format them)
    /// unwrapped, and words written as code (`` `context deadline exceeded` ``) made a
    /// quotation. Any other backtick (shell syntax, a command) stays, for the safety screen
    /// to refuse.
    static func unwrappingCode(_ text: String) -> String {
        guard text.contains("`") else { return text }
        let chars = Array(text)
        var out = ""
        var i = 0
        while i < chars.count {
            if chars[i] == "`", let end = chars[(i + 1)...].firstIndex(of: "`"), end > i + 1,
               chars[(i + 1)..<end].allSatisfy({ $0.isLetter || $0.isNumber || "-_.:/@".contains($0) })
                   && !SafetyScreen.substitutedCommands.contains(String(chars[(i + 1)..<end]).lowercased())
                   || isAssignment(chars[(i + 1)..<end]) || isMoney(chars[(i + 1)..<end])
            {
                out += String(chars[(i + 1)..<end])
                i = end + 1
                continue
            }
            // `` `upstream timed out` ``: words written as code in chat quote what something
            // said; they become a quotation (still screened, never part of the request).
            if chars[i] == "`", i == 0 || chars[i - 1].isWhitespace || chars[i - 1] == "(",
               let end = chars[(i + 1)...].firstIndex(of: "`"), end > i + 1,
               chars[(i + 1)..<end].contains(where: \.isWhitespace),
               chars[(i + 1)..<end].allSatisfy({ $0.isLetter || $0.isNumber || $0 == " " || "-_.,:/%()'!?#".contains($0) }),
               !chars[(i + 1)..<end].contains("\""),
               let head = chars[(i + 1)..<end].split(separator: " ").first.map({ String($0).lowercased() }),
               !SafetyScreen.substitutedCommands.contains(head), !SafetyScreen.shellWords.contains(head),
               end + 1 == chars.count || chars[end + 1].isWhitespace || chars[end + 1].isPunctuation
            {
                out += "\"" + String(chars[(i + 1)..<end]) + "\""
                i = end + 1
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }

    /// `` `CACHE_TTL=300` ``: a variable set to a plain value, as chat tools format it.
    private static func isAssignment(_ code: ArraySlice<Character>) -> Bool {
        guard let equals = code.firstIndex(of: "="), equals > code.startIndex,
              code[code.startIndex].isUppercase,
              code[..<equals].allSatisfy({ ($0.isUppercase || $0.isNumber || $0 == "_") && $0.isASCII })
        else { return false }
        return code[(equals + 1)...].allSatisfy { ($0.isLetter || $0.isNumber || "-_.:/@,".contains($0)) && $0.isASCII }
    }

    /// `` `$60` ``, `` `$2.5k` ``: an amount of dollars (a shell variable's name never starts
    /// with a digit).
    private static func isMoney(_ code: ArraySlice<Character>) -> Bool {
        guard code.first == "$", let digit = code.dropFirst().first, digit.isASCII, digit.isNumber else { return false }
        return code.dropFirst().allSatisfy { ($0.isASCII && $0.isNumber) || ",.kK".contains($0) }
    }

    private static func closing(of c: Character) -> Set<Character>? {
        switch c {
        case "'", "\u{2018}": ["'", "\u{2019}"]
        case "\"", "\u{201C}": ["\"", "\u{201D}"]
        default: nil
        }
    }

    private static func closingIndex(_ chars: [Character], from start: Int, close: Set<Character>) -> Int? {
        var j = start
        while j < chars.count {
            if close.contains(chars[j]) {
                let after = j + 1 < chars.count ? chars[j + 1] : " "
                if after.isWhitespace || after.isPunctuation { return j }
            }
            j += 1
        }
        return nil
    }
}
