/// Holds a model's answer to the sentence it answers: every workload, number, version,
/// variable and quantity in the operation must be in the sentence. A model asked about
/// `restart` with no workload must not answer `service: "production"`; asked `set a budget`,
/// it must not invent $1200.
///
/// An environment the sentence does not name (nor the session holds) is left out rather than
/// refused, so the shell fills it from the session or asks, as for any request without one; a
/// kind the sentence does not name is left out too, so the shell looks the name up. Any other
/// unsupported field refuses the answer.
public enum AnswerGrounding {
    public enum Verdict: Equatable, Sendable {
        /// The answer, with unsupported environment or kind removed.
        case grounded(Operation)
        /// Why the answer cannot stand.
        case refused(String)
    }

    public static func check(_ op: Operation, sentence: String, context: UnderstandingContext) -> Verdict {
        guard op.op != .unknown, op.op != .route else { return .grounded(op) }
        let words = SentenceWords(sentence)
        var answer = op
        if let service = op.service, !words.mentions(service) {
            return .refused("the model named a workload ('\(service)') the request does not mention")
        }
        if let env = op.environment, env != context.currentEnvironment,
           !words.tokens.contains(where: { context.environments.canonical($0) == env || context.environments.resolve($0) == env })
        {
            answer.environment = nil
        }
        if let kind = op.kind, !words.tokens.contains(where: { word in
            WorkloadKind(alias: word) == kind || word.split(separator: "/").first.map { WorkloadKind(alias: String($0)) == kind } == true
        }) {
            answer.kind = nil
        }
        let counts: [(String, Int?)] = [
            ("replicas", op.replicas), ("delta", op.delta.map(abs)), ("revision", op.revision), ("lines", op.lines),
            ("min", op.min), ("max", op.max), ("cpu_percent", op.cpuPercent), ("canary", op.canary),
        ]
        for (field, value) in counts {
            guard let value, !words.numbers.contains(value) else { continue }
            if value == 0, words.saysZero { continue }
            return .refused("the model's answer has \(field) \(value), which the request does not say")
        }
        if let amount = op.amount, !words.numbers.contains(where: { Double($0) == amount || Double($0) * 1000 == amount }),
           !words.decimals.contains(where: { $0 == amount || $0 * 1000 == amount })
        {
            return .refused("the model's answer has an amount of \(Money.dollars(amount)), which the request does not say")
        }
        for (field, value) in [("version", op.version), ("image", op.image)] {
            if let value, !words.mentions(value) {
                return .refused("the model's answer has \(field) '\(value)', which the request does not say")
            }
        }
        for (name, value) in (op.env ?? [:]).sorted(by: { $0.key < $1.key }) {
            // A variable is named as written and shaped like one (`LOG_LEVEL`, `DEBUG`, or
            // `name=value`), so the words `env` or `feed` are not variables.
            guard words.names(name) else { return .refused("the model named a variable ('\(name)') the request does not mention") }
            let shaped = name.contains("_") || (name.contains { $0.isUppercase } && !name.contains { $0.isLowercase })
            guard shaped || sentence.contains("\(name)=") else {
                return .refused("the model took '\(name)' for a variable; name it as written, e.g. set \(name.uppercased())=<value>")
            }
            if let text = value.value, !words.mentions(text) {
                return .refused("the model gave \(name) a value the request does not say")
            }
        }
        for (field, quantity) in [("cpu", op.cpu), ("memory", op.memory), ("since", op.since)] {
            guard let quantity else { continue }
            let digits = Int(quantity.prefix { $0.isASCII && $0.isNumber }) ?? 0
            let said = words.numbers.contains(digits) || (digits == 500 && words.tokens.contains("half"))
                || (digits == 1 && words.tokens.contains { ["a", "an", "one", "hour", "day", "minute", "core", "gig"].contains($0) })
                || (digits * 1000 == 0 ? false : words.decimals.contains(Double(digits) / 1000))
            if !said { return .refused("the model's answer has \(field) \(quantity), which the request does not say") }
        }
        return .grounded(answer)
    }
}

/// The words and numbers of a sentence, for checking what a model's answer claims it says.
struct SentenceWords {
    let tokens: [String]
    /// The lowercased sentence with every run of other characters made one space.
    let flat: String
    let numbers: Set<Int>
    let decimals: Set<Double>
    /// `no replicas`, `zero`, `none`.
    let saysZero: Bool

    /// The sentence's words as written: letters, digits and `_`.
    let written: Set<Substring>

    init(_ sentence: String) {
        written = Set(sentence.split { !($0.isLetter || $0.isNumber || $0 == "_") })
        let tokenized = Tokenizer.tokenize(Array(sentence.utf8)).tokens
        tokens = tokenized.map(\.word)
        flat = Self.flatten(sentence)
        var numbers = Set<Int>()
        var decimals = Set<Double>()
        for i in tokens.indices {
            if let read = NumberWords.read(tokens, from: i) { numbers.insert(read.value) }
            if ["a", "an", "another", "single", "one"].contains(tokens[i]) { numbers.insert(1) }
            if ["couple", "pair"].contains(tokens[i]) { numbers.insert(2) }
            // Digits inside a word: `70%`, `512Mi`, `$500`, `v2`, `x3`, `2-10`.
            var run = ""
            for c in tokens[i] + " " {
                if c.isASCII && (c.isNumber || (c == "." && !run.isEmpty)) {
                    run.append(c)
                } else if !run.isEmpty {
                    let trimmed = run.hasSuffix(".") ? String(run.dropLast()) : run
                    if let n = Int(trimmed) { numbers.insert(n) } else if let d = Double(trimmed) { decimals.insert(d) }
                    run = ""
                }
            }
        }
        self.numbers = numbers
        self.decimals = decimals
        saysZero = tokens.contains { ["no", "zero", "none", "nothing", "0"].contains($0) }
    }

    /// Whether the sentence has `name` as one word, exactly as written.
    func names(_ name: String) -> Bool {
        written.contains(Substring(name))
    }

    /// Whether the sentence contains `text`, ignoring case and punctuation (`api-gateway` is
    /// mentioned by `api gateway`).
    func mentions(_ text: String) -> Bool {
        let needle = Self.flatten(text).split(separator: " ").joined()
        guard !needle.isEmpty else { return false }
        let words = flat.split(separator: " ")
        for i in words.indices {
            var joined = ""
            for j in i..<min(words.count, i + 6) {
                joined += words[j]
                if joined == needle { return true }
                if joined.count >= needle.count { break }
            }
        }
        return false
    }

    static func flatten(_ text: String) -> String {
        var out = ""
        var space = false
        for c in text.lowercased() {
            if c.isLetter || c.isNumber {
                if space && !out.isEmpty { out.append(" ") }
                out.append(c)
                space = false
            } else {
                space = true
            }
        }
        return out
    }
}
