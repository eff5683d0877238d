/// Recognises tokens by their shape rather than by the lexicon: numbers, amounts, versions,
/// image references, `service:tag`, flags.
enum TokenShapes {
    /// The tag of a shaped token, or nil when the token is an ordinary word.
    static func classify(_ word: String, raw rawText: String) -> Tag? {
        let b = Array(word.utf8)
        // The case-preserving bytes, when they line up with the lowercased ones.
        let rawBytes = rawText.utf8.count == b.count ? Array(rawText.utf8) : b
        guard let first = b.first else { return nil }
        if let n = NumberWords.digits(word) { return .number(n) }
        if let assignment = assignment(rawText) { return assignment }
        if let kindName = kindName(word) { return kindName }
        if isDigit(first), let measured = measure(b) { return measured }
        // `@65%`: a target written with an at sign.
        if first == UInt8(ascii: "@"), b.count > 2, isDigit(b[1]), b.last == UInt8(ascii: "%"), let measured = measure(Array(b.dropFirst())) {
            return measured
        }
        if isDigit(first), let range = dashRange(b) { return range }
        if isCommitHash(b) || isPrefixedCommitHash(b) { return .version }
        if first == UInt8(ascii: "$") { return money(Array(b.dropFirst())) ?? (b.count == 1 ? .currency : nil) }
        if b.count > 1, b.last == UInt8(ascii: "$"), let n = NumberWords.digits(String(decoding: b.dropLast(), as: UTF8.self)) {
            return .money(Double(n))
        }
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            if b.count > 1, let n = NumberWords.digits(String(decoding: b.dropFirst(), as: UTF8.self)) {
                return .signed(first == UInt8(ascii: "+") ? n : -n)
            }
            if b.count > 1, isLetter(b[1]) || b[1] == UInt8(ascii: "-") { return flag(word) }
            return nil
        }
        // "x3", "3x": a replica count written as a multiplier sign.
        if b.count >= 2, first == UInt8(ascii: "x"), let n = NumberWords.digits(String(decoding: b.dropFirst(), as: UTF8.self)) {
            return .number(n)
        }
        if b.count >= 2, b.last == UInt8(ascii: "x"), let n = NumberWords.digits(String(decoding: b.dropLast(), as: UTF8.self)) {
            return .number(n)
        }
        if first == UInt8(ascii: "#"), b.count > 1, let n = NumberWords.digits(String(decoding: b.dropFirst(), as: UTF8.self)) {
            return .hashNumber(n)
        }
        if isDigit(first) {
            if let tag = money(b), !b.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) { return tag }
            if let d = decimal(b) { return .decimal(d) }
        }
        if isVersion(b) { return .version }
        if b.contains(UInt8(ascii: "/")) || containsDigest(b) {
            return isImage(b) ? .image : nil
        }
        if let colon = b.firstIndex(of: UInt8(ascii: ":")) {
            let name = String(decoding: b[..<colon], as: UTF8.self)
            let tagBytes = rawBytes[(colon + 1)...]
            if ServiceName.isValid(name), name.utf8.contains(where: isLetter), isTag(tagBytes) {
                return .serviceTag(service: name, version: String(decoding: tagBytes, as: UTF8.self))
            }
            return nil
        }
        if let at = b.firstIndex(of: UInt8(ascii: "@")) {
            let name = String(decoding: b[..<at], as: UTF8.self)
            let rest = rawBytes[(at + 1)...]
            // `inventory-svc@sha-3f9c2ab`, `orders@2.4.0`: a workload at a version.
            let tagged = isTag(rest) && rest.contains(where: isDigit)
            if ServiceName.isValid(name), name.utf8.contains(where: isLetter), isVersion(Array(rest)) || tagged || String(decoding: rest, as: UTF8.self) == "latest" {
                return .serviceTag(service: name, version: String(decoding: rest, as: UTF8.self))
            }
        }
        return nil
    }

    static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

    /// `10pm`, `3am`, `14:00`, `09:40:12`: a word that starts with a digit and has a colon or
    /// ends in `am`/`pm`, as times of day are written.
    static func isClockTime(_ word: String) -> Bool {
        guard let first = word.utf8.first, isDigit(first) else { return false }
        return word.contains(":") || word.hasSuffix("am") || word.hasSuffix("pm")
    }

    /// `LOG_LEVEL=debug`: a variable name as the API accepts it (not starting with a digit),
    /// one `=`, and a value without spaces or shell characters (the safety screen has already
    /// refused those).
    private static func assignment(_ raw: String) -> Tag? {
        guard raw.utf8.contains(UInt8(ascii: "=")) else { return nil }
        let parts = raw.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts[1].contains("=") else { return nil }
        let name = String(parts[0])
        guard EnvVarName.isValid(name), name.utf8.contains(where: isLetter) else { return nil }
        var value = Substring(parts[1])
        // A quoted value is its words without the quotation marks.
        if let quote = value.first, quote == "\"" || quote == "'" {
            value = value.dropFirst()
            if value.last == quote { value = value.dropLast() }
            guard !value.isEmpty else { return nil }
        }
        return .assignment(name: name, value: String(value))
    }

    /// `sts/kafka`, `deployment/payments`, `ds/fluent-bit`: kubectl's `kind/name`.
    private static func kindName(_ word: String) -> Tag? {
        guard word.utf8.contains(UInt8(ascii: "/")) else { return nil }
        let parts = word.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let kind = WorkloadKind(alias: String(parts[0])) else { return nil }
        let name = String(parts[1])
        return ServiceName.isValid(name) ? .kindName(kind, service: name) : nil
    }

    /// Units written onto a number: Kubernetes quantities (`500m`, `1Gi`, `512MB`), durations
    /// (`30s`, `2h`, `1d`, `15min`) and percentages (`70%`).
    static let measureUnits: Set<String> = [
        "m", "ki", "kb", "kib", "mi", "mb", "mib", "g", "gi", "gb", "gib", "t", "ti", "tb", "tib", "gig", "gigs", "meg", "megs",
        "s", "sec", "secs", "h", "hr", "hrs", "d", "min", "mins", "%",
    ]

    private static func measure(_ b: [UInt8]) -> Tag? {
        let digits = b.prefix(while: isDigit)
        guard !digits.isEmpty, digits.count < b.count, digits.count <= 7,
              let n = NumberWords.digits(String(decoding: digits, as: UTF8.self))
        else { return nil }
        let unit = String(decoding: b[digits.count...], as: UTF8.self)
        guard measureUnits.contains(unit) else { return nil }
        // `503s`, `404s`: HTTP statuses in the plural, not seconds.
        if unit == "s", digits.count == 3, digits.first == UInt8(ascii: "4") || digits.first == UInt8(ascii: "5") { return nil }
        return unit == "%" ? .percent(n) : .measure(n, unit: unit)
    }

    /// `2-10`: a range of counts written with a dash.
    /// `2-10`, `3..12`: a range of counts.
    private static func dashRange(_ b: [UInt8]) -> Tag? {
        var parts = b.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        if parts.count == 1, let dots = b.firstRange(of: Array("..".utf8)) {
            parts = [b[..<dots.lowerBound], b[dots.upperBound...]]
        }
        guard parts.count == 2, let low = NumberWords.digits(String(decoding: parts[0], as: UTF8.self)),
              let high = NumberWords.digits(String(decoding: parts[1], as: UTF8.self)), low <= high
        else { return nil }
        return .range(low, high)
    }

    /// A short commit hash used as an image tag: 7 to 40 hex digits with both digits and
    /// letters (`3f2a9c1`).
    private static func isCommitHash(_ b: [UInt8]) -> Bool {
        guard b.count >= 7, b.count <= 40 else { return false }
        var digits = false, letters = false
        for c in b {
            if isDigit(c) { digits = true } else if c >= 97 && c <= 102 { letters = true } else { return false }
        }
        return digits && letters
    }
    /// `sha-3f9a2c1`, `main-3f9a2c1`, `git.3f9a2c1`: a build tag made of a short word and a
    /// commit hash, as CI systems name images.
    private static func isPrefixedCommitHash(_ b: [UInt8]) -> Bool {
        guard let dash = b.firstIndex(where: { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }),
            dash > 0, dash <= 8, b[..<dash].allSatisfy(isLetter)
        else { return false }
        return isCommitHash(Array(b[(dash + 1)...]))
    }

    static func isLetter(_ c: UInt8) -> Bool { (c >= 97 && c <= 122) || (c >= 65 && c <= 90) }

    private static func flag(_ word: String) -> Tag {
        switch word {
        case "-n", "--tail", "--lines", "-l", "--since-lines": .lineFlag
        default: .flag
        }
    }

    /// `1.5` (exactly one dot between digits).
    private static func decimal(_ b: [UInt8]) -> Double? {
        guard let dot = b.firstIndex(of: UInt8(ascii: ".")), dot > 0, dot < b.count - 1 else { return nil }
        let whole = b[..<dot], fraction = b[(dot + 1)...]
        guard whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit), whole.count <= 9, fraction.count <= 6 else { return nil }
        var value = 0.0
        for c in whole { value = value * 10 + Double(c - 48) }
        var scale = 0.1
        for c in fraction {
            value += Double(c - 48) * scale
            scale /= 10
        }
        return value
    }

    /// An amount after `$` or with a `k` suffix: `500`, `1.5k`, `2,000`, `99.50`, `100/day`.
    private static func money(_ b: [UInt8]) -> Tag? {
        guard !b.isEmpty else { return nil }
        var body = b
        var period: Period?
        if let slash = body.firstIndex(of: UInt8(ascii: "/")) {
            let suffix = String(decoding: body[(slash + 1)...], as: UTF8.self)
            switch suffix {
            case "day", "d", "daily": period = .day
            case "week", "wk", "w", "weekly": period = .week
            case "month", "mo", "m", "monthly", "mon": period = .month
            default: return nil
            }
            body = Array(body[..<slash])
        }
        var multiplier = 1.0
        if let last = body.last, last == UInt8(ascii: "k") {
            multiplier = 1000
            body.removeLast()
        }
        let digitsOnly = body.filter { $0 != UInt8(ascii: ",") }
        guard !digitsOnly.isEmpty, digitsOnly.allSatisfy({ isDigit($0) || $0 == UInt8(ascii: ".") }) else { return nil }
        let text = String(decoding: digitsOnly, as: UTF8.self)
        let value: Double
        if let n = NumberWords.digits(text) {
            value = Double(n)
        } else if let d = decimal(digitsOnly) {
            value = d
        } else {
            return nil
        }
        // (In whole cents: `99.99` and `1.75k` read digit by digit would be off in the last bits.)
        let amount = (value * multiplier * 100).rounded() / 100
        if let period { return .moneyPer(amount, period) }
        return .money(amount)
    }

    /// `v2`, `v1.4.2`, `2.0.1`, `1.8.0-rc.1`: a tag someone would call a version.
    static func isVersion(_ b: [UInt8]) -> Bool {
        var i = 0
        var hadV = false
        if i < b.count, b[i] == UInt8(ascii: "v") || b[i] == UInt8(ascii: "V") {
            hadV = true
            i += 1
        }
        var groups = 0
        while i < b.count {
            let s = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            guard i > s else { return false }
            groups += 1
            if i < b.count, b[i] == UInt8(ascii: ".") {
                i += 1
                continue
            }
            break
        }
        guard groups >= 1, hadV || groups >= 3 || (groups == 2 && i < b.count) else { return false }
        if i == b.count { return true }
        // A pre-release or build suffix.
        guard b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+"), i + 1 < b.count else { return false }
        // `1.0.0-beta.3+build.77`: build metadata may follow a pre-release, once.
        let suffix = b[(i + 1)...]
        guard suffix.filter({ $0 == UInt8(ascii: "+") }).count <= (b[i] == UInt8(ascii: "-") ? 1 : 0), suffix.last != UInt8(ascii: "+") else { return false }
        return suffix.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
    }

    /// An image tag: letters, digits, `_`, `.`, `-`, at most 128 characters.
    private static func isTag(_ b: ArraySlice<UInt8>) -> Bool {
        !b.isEmpty && b.count <= 128
            && b.allSatisfy { isDigit($0) || isLetter($0) || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") }
    }

    private static func containsDigest(_ b: [UInt8]) -> Bool {
        guard let at = b.firstIndex(of: UInt8(ascii: "@")) else { return false }
        return b[(at + 1)...].starts(with: Array("sha256:".utf8))
    }

    /// `ghcr.io/acme/api:1.2`, `registry:5000/team/app@sha256:…`, `library/redis`.
    static func isImage(_ b: [UInt8]) -> Bool {
        guard let first = b.first, isDigit(first) || isLetter(first), b.count <= 512 else { return false }
        var name = b[...]
        if let at = b.firstIndex(of: UInt8(ascii: "@")) {
            let digest = b[(at + 1)...]
            guard digest.starts(with: Array("sha256:".utf8)), digest.count > 7,
                digest.dropFirst(7).allSatisfy({ isDigit($0) || ($0 >= 97 && $0 <= 102) || ($0 >= 65 && $0 <= 70) })
            else { return false }
            name = b[..<at]
        }
        guard !name.isEmpty, name.last != UInt8(ascii: "/"), name.last != UInt8(ascii: ":") else { return false }
        var previous: UInt8 = 0
        for c in name {
            let ok = isDigit(c) || isLetter(c) || c == UInt8(ascii: ".") || c == UInt8(ascii: "-")
                || c == UInt8(ascii: "_") || c == UInt8(ascii: "/") || c == UInt8(ascii: ":")
            guard ok else { return false }
            if c == UInt8(ascii: "/") && (previous == UInt8(ascii: "/") || previous == UInt8(ascii: ":")) { return false }
            previous = c
        }
        // A tag colon may only follow the last slash (a colon before it is a registry port).
        return true
    }

    /// The workload name an image reference suggests: its last path component, without tag or
    /// digest (`ghcr.io/acme/notifier:4.2` → `notifier`); nil when that is not a valid name.
    static func serviceName(fromImage image: String) -> String? {
        var b = Array(image.utf8)
        if let at = b.firstIndex(of: UInt8(ascii: "@")) { b = Array(b[..<at]) }
        let lastSlash = b.lastIndex(of: UInt8(ascii: "/")).map { $0 + 1 } ?? 0
        var component = Array(b[lastSlash...])
        if let colon = component.firstIndex(of: UInt8(ascii: ":")) { component = Array(component[..<colon]) }
        let name = String(decoding: component.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }, as: UTF8.self)
        return ServiceName.isValid(name) ? name : nil
    }

    /// `FEATURE_X`, `LOG_LEVEL`: two or more capitals, digits and underscores, starting with a
    /// capital, as variables are written.
    static func isCapitalsName(_ word: String) -> Bool {
        guard let first = word.utf8.first, first >= 65 && first <= 90, word.utf8.count >= 2 else { return false }
        return word.utf8.allSatisfy { ($0 >= 65 && $0 <= 90) || ($0 >= 48 && $0 <= 57) || $0 == 95 }
    }
}

