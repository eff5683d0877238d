/// Recognises text that must never become an operation: shell syntax, SQL, and attempts to
/// give the understander new instructions. Runs before anything else is read from the text,
/// so a route task or a workload name cannot carry such text through.
enum SafetyScreen {
    /// Why the text is refused, or nil when it reads as a plain request.
    static func refusal(_ bytes: [UInt8], _ tokens: [Token]) -> String? {
        if let reason = shellSyntax(bytes) { return reason }
        let words = tokens.map(\.word)
        if let reason = sql(words) { return reason }
        if let reason = instructions(words, tokens) { return reason }
        if let reason = shellCommand(words) { return reason }
        return nil
    }

    private static func refused(_ what: String) -> String {
        "refused: the text contains \(what); type one request in plain words"
    }

    private static func shellSyntax(_ b: [UInt8]) -> String? {
        let n = b.count
        var i = 0
        while i < n {
            let c = b[i]
            let next: UInt8 = i + 1 < n ? b[i + 1] : 0
            switch c {
            case UInt8(ascii: "`"): return refused("shell syntax (a backtick)")
            case UInt8(ascii: "|"): return refused("shell syntax (a pipe)")
            case UInt8(ascii: ";"):
                // `abort the canary; the error rate went up`: a semicolon after a word and before a
                // space separates clauses, as a comma does (commands after it are still refused below).
                let prose = i > 0 && (TokenShapes.isLetter(b[i - 1]) || TokenShapes.isDigit(b[i - 1]) || b[i - 1] == UInt8(ascii: ")")) && next == 0x20
                if !prose { return refused("shell syntax (a semicolon)") }
            // `payouts-v2 -> 5 replicas`: an arrow between spaces points, it does not redirect.
            case UInt8(ascii: ">") where i >= 2 && next == 0x20 && b[i - 2] == 0x20 && (b[i - 1] == UInt8(ascii: "-") || b[i - 1] == UInt8(ascii: "=")):
                break
            case UInt8(ascii: ">"), UInt8(ascii: "<"): return refused("shell syntax (a redirection)")
            case UInt8(ascii: "\\"): return refused("shell syntax (a backslash)")
            case UInt8(ascii: "="):
                // `checkout => sha-3f9c2ab prod`: an arrow between spaces.
                let arrow = i > 0 && b[i - 1] == 0x20 && next == UInt8(ascii: ">") && i + 2 < b.count && b[i + 2] == 0x20
                if !arrow, !isAssignment(b, at: i) { return refused("code (an `=` sign)") }
            case UInt8(ascii: "&") where next == UInt8(ascii: "&"): return refused("shell syntax (`&&`)")
            case UInt8(ascii: "$"):
                if next == UInt8(ascii: "(") || next == UInt8(ascii: "{") || next == UInt8(ascii: "_")
                    || (next >= 65 && next <= 90) || (next >= 97 && next <= 122)
                {
                    return refused("shell syntax (`$` expansion)")
                }
            case UInt8(ascii: "-") where next == UInt8(ascii: "-"):
                // `--` starts an SQL comment unless a long flag name follows, or it stands
                // between words as a dash does (`ALERT HighCPU -- scale web to 8`).
                let after: UInt8 = i + 2 < n ? b[i + 2] : 0
                // (After a quotation closed, `'…scaled' -- did that go through?`, it is a dash;
                // after a quote left open, `admin' --`, a comment.)
                let dash = i >= 2 && b[i - 1] == 0x20 && (b[i - 2] != 0x27 || Self.quotesClosed(b[..<i])) && after == 0x20
                if !dash, !((after >= 97 && after <= 122) || (after >= 65 && after <= 90)) {
                    return refused("an SQL comment (`--`)")
                }
                i += 1
            case UInt8(ascii: "/") where next == UInt8(ascii: "*"): return refused("an SQL comment (`/*`)")
            case UInt8(ascii: "*") where next == UInt8(ascii: "/"): return refused("an SQL comment (`*/`)")
            case UInt8(ascii: "."):
                if next == UInt8(ascii: "."), i + 2 < n, b[i + 2] == UInt8(ascii: "/") {
                    return refused("a relative file path (`../`)")
                }
            case UInt8(ascii: "'"):
                // A quote closed before OR/AND: `' OR 1`.
                var j = i + 1
                while j < n, b[j] == 0x20 { j += 1 }
                if j > i + 1 || i == 0 || b[i - 1] == 0x20 {
                    if startsWord(b, j, "or") || startsWord(b, j, "and") || startsWord(b, j, "union") {
                        return refused("SQL (a quote followed by OR/AND)")
                    }
                }
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F:
                return refused("control characters")
            default: break
            }
            i += 1
        }
        return nil
    }

    /// An `=` joining a variable name and a value inside one word (`LOG_LEVEL=debug`), the one
    /// place a request may use it: a name of letters, digits and `_` right before it, a value
    /// right after it, and no second `=` in the word.
    private static func isAssignment(_ b: [UInt8], at i: Int) -> Bool {
        func isNameByte(_ c: UInt8) -> Bool {
            (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c == 95
        }
        func isValueByte(_ c: UInt8) -> Bool {
            isNameByte(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-") || c == UInt8(ascii: ":")
                || c == UInt8(ascii: "/") || c == UInt8(ascii: ",") || c == UInt8(ascii: "@") || c == UInt8(ascii: "+")
                || c == UInt8(ascii: "%")
        }
        var start = i
        while start > 0, isNameByte(b[start - 1]) { start -= 1 }
        guard start < i, !(b[start] >= 48 && b[start] <= 57), start == 0 || b[start - 1] == 0x20 else { return false }
        // `GREETING="hello from staging"`, `JAVA_OPTS='-Xms512m -Xmx2g'`: a quoted value of
        // plain words and spaces.
        if i + 1 < b.count, b[i + 1] == UInt8(ascii: "\"") || b[i + 1] == UInt8(ascii: "'") {
            let quote = b[i + 1]
            guard let close = b[(i + 2)...].firstIndex(of: quote), close > i + 2 else { return false }
            guard b[(i + 2)..<close].allSatisfy({ isValueByte($0) || $0 == 0x20 || $0 == UInt8(ascii: "!") || $0 == UInt8(ascii: "?") }) else { return false }
            return close + 1 == b.count || b[close + 1] == 0x20 || b[close + 1] == UInt8(ascii: "?") || b[close + 1] == UInt8(ascii: ",")
                || b[close + 1] == UInt8(ascii: ".")
        }
        var end = i + 1
        while end < b.count, isValueByte(b[end]) { end += 1 }
        return end > i + 1 && (end == b.count || b[end] == 0x20 || b[end] == UInt8(ascii: "?"))
    }

    private static func startsWord(_ b: [UInt8], _ i: Int, _ word: String) -> Bool {
        let w = Array(word.utf8)
        guard i + w.count <= b.count else { return false }
        for k in 0..<w.count where b[i + k] | 0x20 != w[k] { return false }
        let end = i + w.count
        return end == b.count || !((b[end] | 0x20) >= 97 && (b[end] | 0x20) <= 122)
    }

    private static let sqlObjects: Set<String> = ["table", "database", "schema", "index", "view", "user", "tables"]

    private static func sql(_ w: [String]) -> String? {
        for (i, word) in w.enumerated() {
            let next = i + 1 < w.count ? w[i + 1] : ""
            let rest = w[(i + 1)...]
            if ["drop", "truncate", "alter", "create"].contains(word) && sqlObjects.contains(next) {
                return refused("SQL (`\(word) \(next)`)")
            }
            if (word == "insert" && next == "into") || (word == "union" && (next == "select" || next == "all"))
                || (word == "select" && (next == "*" || rest.contains("from")))
                || (word == "delete" && next == "from" && rest.contains("where"))
                || ["xp_cmdshell", "information_schema", "sqlmap", "pg_sleep", "waitfor"].contains(word)
            {
                return refused("SQL (`\(word)`)")
            }
        }
        return nil
    }

    /// Words that ask the understander to stop following its rules.
    private static let override: Set<String> = ["ignore", "disregard", "forget", "override", "bypass", "skip", "disable"]
    private static let ruleNouns: Set<String> = [
        "instructions", "instruction", "rules", "rule", "prompt", "prompts", "guardrails", "guardrail",
        "policy", "policies", "directions", "guidelines", "constraints", "restrictions", "safety",
        "confirmation", "confirmations", "checks", "context", "above", "previous", "prior", "everything",
        "programming", "training", "directives", "limits", "approval", "approvals",
    ]
    private static let phrases = PhraseList([
        ["you", "are", "now"], ["you're", "now"], ["from", "now", "on", "you"], ["act", "as"],
        ["pretend", "to", "be"], ["pretend", "you"], ["roleplay"], ["role-play"], ["jailbreak"],
        ["jailbroken"], ["developer", "mode"], ["god", "mode"], ["admin", "mode"], ["sudo", "mode"],
        ["system", "prompt"], ["system", "message"], ["your", "prompt"], ["your", "instructions"],
        ["new", "instructions"], ["without", "confirmation"], ["without", "confirming"],
        ["without", "asking"], ["no", "confirmation"], ["don't", "ask"], ["do", "not", "ask"],
        ["auto-approve"], ["auto", "approve"], ["as", "an", "ai"], ["[inst]"], ["<<sys>>"],
        ["you", "must", "now"], ["reveal", "your"], ["print", "your"], ["repeat", "the", "text", "above"],
        ["bypass"], ["dan", "mode"], ["do", "anything", "now"], ["no", "restrictions"], ["you", "are", "no", "longer"],
        ["you're", "no", "longer"], ["you", "are", "dan"], ["can", "do", "anything"], ["to", "the", "parser"], ["to", "the", "model"],
        ["to", "the", "assistant"], ["to", "the", "ai"], ["note", "to", "cortex"], ["the", "previous", "word"], ["the", "next", "word"],
    ])

    /// Whether the single quotes in `b` pair up, apostrophes between letters (`it's`) aside.
    private static func quotesClosed(_ b: ArraySlice<UInt8>) -> Bool {
        var count = 0
        for i in b.indices where b[i] == 0x27 {
            let between = i > b.startIndex && i + 1 < b.endIndex && TokenShapes.isLetter(b[i - 1]) && TokenShapes.isLetter(b[i + 1])
            if !between { count += 1 }
        }
        return count % 2 == 0
    }

    private static func instructions(_ w: [String], _ tokens: [Token]) -> String? {
        let what = "an attempt to change the rules"
        for (i, word) in w.enumerated() {
            if override.contains(word) {
                for j in (i + 1)..<min(w.count, i + 5) where ruleNouns.contains(w[j]) { return refused(what) }
            }
            if tokens[i].colonAfter, ["system", "assistant", "user", "human", "ai", "instruction", "instructions"].contains(word) {
                return refused(what)
            }
        }
        return phrases.occurs(in: w) ? refused(what) : nil
    }

    /// Commands whose name in backticks is a command substitution (`` `whoami` ``), never a
    /// workload written as code.
    static let substitutedCommands: Set<String> = [
        "whoami", "id", "hostname", "uname", "date", "ls", "cat", "env", "pwd", "reboot", "shutdown", "halt", "ps",
        "kill", "printenv", "echo", "uptime", "who", "ifconfig", "ip", "nslookup", "dig", "ping", "python", "python3",
        "perl", "ruby", "node", "head", "tail", "find", "grep", "awk", "sed", "base64", "xargs", "nohup", "true", "false",
    ]

    static let shellWords: Set<String> = [
        "sudo", "chmod", "chown", "mkfs", "wget", "curl", "eval", "bash", "sh", "zsh", "nc",
        "netcat", "rm", "dd", "chroot", "crontab", "/bin/sh", "/bin/bash",
    ]

    private static func shellCommand(_ w: [String]) -> String? {
        for (i, word) in w.enumerated() {
            if shellWords.contains(word) { return refused("a shell command (`\(word)`)") }
            if word.hasPrefix("/etc/") || word.hasPrefix("/bin/") || word.hasPrefix("/dev/")
                || word.hasPrefix("/usr/") || word.hasPrefix("/var/") || word.hasPrefix("~/") || word == "/"
            {
                // (`set TILE_CACHE_DIR to /var/cache/tiles`: a variable's value, as `NAME=/var/…` is.)
                if i >= 2, ["to", "equal", "equals"].contains(w[i - 1]), w[i - 2].contains("_"), word != "/" { continue }
                return refused("a file path")
            }
            if word == "kill", i + 1 < w.count, w[i + 1].hasPrefix("-") { return refused("a shell command (`kill -`)") }
        }
        return nil
    }
}
