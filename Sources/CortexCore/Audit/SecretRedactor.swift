/// Replaces secrets in free text with `[REDACTED]` before it is stored anywhere: bearer
/// tokens, `sk-…` API keys and other well-known token shapes, values of keys named like
/// secrets (`password=`, `token:`, `api_key=`, `"client_secret": "…"`, `Authorization:`),
/// passwords in URLs, and private key blocks. Errs towards hiding too much.
public struct SecretRedactor: Sendable {
    public static let mask = "[REDACTED]"

    public init() {}

    /// Key names whose value is a secret, matched at the end of a key (`DB_PASSWORD`, `x-api-key`).
    static let secretKeys = [
        "password", "passwd", "pwd", "secret", "token", "apikey", "api_key", "api-key", "accesskey",
        "access_key", "privatekey", "private_key", "credentials", "authorization", "_key",
    ].map { Array($0.utf8) }

    /// Prefixes of well-known token formats, and the characters that must follow.
    static let tokenPrefixes: [(prefix: [UInt8], minimum: Int)] = [
        ("sk-", 16), ("ghp_", 20), ("gho_", 20), ("ghu_", 20), ("ghs_", 20), ("ghr_", 20),
        ("github_pat_", 20), ("glpat-", 16), ("xoxb-", 10), ("xoxp-", 10), ("xoxa-", 10), ("AKIA", 16),
    ].map { (Array($0.0.utf8), $0.1) }

    /// The text with every secret masked.
    public func redact(_ text: String) -> String {
        let b = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if let (end, replacement) = match(b, at: i) {
                out += replacement
                i = end
            } else if Self.isWord(b[i]), i == 0 || !Self.isWord(b[i - 1]) {
                // Skip the rest of an ordinary word in one go.
                var j = i
                while j < b.count, Self.isWord(b[j]) { j += 1 }
                out += b[i..<j]
                i = j
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func match(_ b: [UInt8], at i: Int) -> (Int, [UInt8])? {
        if b[i] == 45, let end = privateKeyBlock(b, at: i) {
            return (end, Array("[REDACTED PRIVATE KEY]".utf8))
        }
        if b[i] == 58, let m = urlPassword(b, at: i) { return m }
        guard Self.isWord(b[i]), i == 0 || !Self.isWord(b[i - 1]) else { return nil }
        if let end = prefixedToken(b, at: i) { return (end, Array(Self.mask.utf8)) }
        var j = i
        while j < b.count, Self.isWord(b[j]) { j += 1 }
        let word = b[i..<j]
        if Self.equalsIgnoringCase(word, Array("bearer".utf8)) || Self.equalsIgnoringCase(word, Array("basic".utf8)),
           let m = schemeCredential(b, wordEnd: j, from: i) {
            return m
        }
        if Self.secretKeys.contains(where: { Self.hasSuffixIgnoringCase(word, $0) }) {
            return keyValue(b, keyStart: i, keyEnd: j, wholeLine: Self.hasSuffixIgnoringCase(word, Array("authorization".utf8)))
        }
        return nil
    }

    /// `-----BEGIN … PRIVATE KEY-----` through the matching END line, or to the end of text.
    func privateKeyBlock(_ b: [UInt8], at i: Int) -> Int? {
        let begin = Array("-----BEGIN ".utf8)
        guard b.count - i >= begin.count, Array(b[i..<i + begin.count]) == begin else { return nil }
        guard let headerEnd = ByteSearch.first(Array("-----".utf8), in: b, from: i + begin.count) else { return nil }
        guard ByteSearch.first(Array("PRIVATE KEY".utf8), in: Array(b[i..<headerEnd]), from: 0) != nil else { return nil }
        guard let endMarker = ByteSearch.first(Array("-----END ".utf8), in: b, from: headerEnd + 5) else { return b.count }
        guard let close = ByteSearch.first(Array("-----".utf8), in: b, from: endMarker + 9) else { return b.count }
        return close + 5
    }

    /// `Bearer <token>` / `Basic <credentials>`: keeps the scheme, masks the credential.
    func schemeCredential(_ b: [UInt8], wordEnd: Int, from start: Int) -> (Int, [UInt8])? {
        var j = wordEnd
        while j < b.count, b[j] == 32 || b[j] == 9 { j += 1 }
        guard j > wordEnd else { return nil }
        var k = j
        while k < b.count, Self.isTokenByte(b[k]) { k += 1 }
        let token = b[j..<k]
        // Ordinary words ("bearer authentication") are not credentials.
        guard token.count >= 8, token.contains(where: { !(97...122).contains($0) }) else { return nil }
        return (k, Array(b[start..<j]) + Array(Self.mask.utf8))
    }

    /// A known token prefix followed by enough token characters.
    func prefixedToken(_ b: [UInt8], at i: Int) -> Int? {
        for (prefix, minimum) in Self.tokenPrefixes where b.count - i >= prefix.count + minimum {
            guard Array(b[i..<i + prefix.count]) == prefix else { continue }
            var k = i + prefix.count
            while k < b.count, Self.isWord(b[k]) && b[k] != 46 { k += 1 }
            if k - i - prefix.count >= minimum { return k }
        }
        return nil
    }

    /// `key=value`, `key: value`, `"key": "value"`: keeps the key, masks the value.
    func keyValue(_ b: [UInt8], keyStart: Int, keyEnd: Int, wholeLine: Bool) -> (Int, [UInt8])? {
        var j = keyEnd
        if j < b.count, b[j] == 34 || b[j] == 39 { j += 1 }
        while j < b.count, b[j] == 32 || b[j] == 9 { j += 1 }
        guard j < b.count, b[j] == 61 || b[j] == 58 else { return nil }
        j += 1
        while j < b.count, b[j] == 32 || b[j] == 9 { j += 1 }
        var k = j
        if wholeLine {
            while k < b.count, b[k] != 10, b[k] != 13 { k += 1 }
        } else if k < b.count, b[k] == 34 || b[k] == 39 {
            let quote = b[k]
            j += 1
            k += 1
            while k < b.count, b[k] != quote {
                k += b[k] == 92 ? 2 : 1
            }
            k = min(k, b.count)
        } else {
            while k < b.count, !Self.endsValue(b[k]) { k += 1 }
        }
        guard k > j else { return nil }
        return (k, Array(b[keyStart..<j]) + Array(Self.mask.utf8))
    }

    /// `scheme://user:password@host`: masks the password.
    func urlPassword(_ b: [UInt8], at i: Int) -> (Int, [UInt8])? {
        guard b.count - i > 3, b[i + 1] == 47, b[i + 2] == 47 else { return nil }
        var j = i + 3
        while j < b.count, !Self.endsURLPart(b[j]), b[j] != 58 { j += 1 }
        guard j < b.count, b[j] == 58, j > i + 3 else { return nil }
        var k = j + 1
        while k < b.count, !Self.endsURLPart(b[k]) { k += 1 }
        guard k < b.count, b[k] == 64, k > j + 1 else { return nil }
        return (k, Array(b[i...j]) + Array(Self.mask.utf8))
    }

    static func isWord(_ c: UInt8) -> Bool {
        (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c == 95 || c == 45 || c == 46
    }

    static func isTokenByte(_ c: UInt8) -> Bool {
        isWord(c) || c == 126 || c == 43 || c == 47 || c == 61
    }

    static func endsValue(_ c: UInt8) -> Bool {
        c == 32 || c == 9 || c == 10 || c == 13 || c == 34 || c == 39 || c == 38 || c == 44 || c == 59
    }

    static func endsURLPart(_ c: UInt8) -> Bool {
        c == 47 || c == 64 || c == 32 || c == 9 || c == 10 || c == 34 || c == 39
    }

    static func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    static func equalsIgnoringCase(_ word: ArraySlice<UInt8>, _ other: [UInt8]) -> Bool {
        word.count == other.count && zip(word, other).allSatisfy { lower($0) == $1 }
    }

    static func hasSuffixIgnoringCase(_ word: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool {
        word.count >= suffix.count && zip(word.suffix(suffix.count), suffix).allSatisfy { lower($0) == $1 }
    }
}
