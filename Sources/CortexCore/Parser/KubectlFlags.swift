/// kubectl's flags written into a request (`scale --replicas=4 deploy/api`, `logs sts/kafka
/// --tail 100`, `set resources api --limits=cpu=1,memory=2Gi`), read as the words they stand
/// for. Only flags whose meaning is a field of an operation are read, with their value after
/// `=` or after a space; flags that change nothing cortex does (`-f`, `-A`) are dropped; any
/// other flag stays as typed, for the parser to refuse.
enum KubectlFlags {
    /// The words each flag stands for, with `#` where its value goes.
    private static let meanings: [String: String] = [
        "replicas": "to # replicas",
        "to-revision": "to revision #",
        "revision": "revision #",
        "rev": "revision #",
        "since": "since #",
        "tail": "last # lines",
        "lines": "last # lines",
        "min": "min #",
        "max": "max #",
        "cpu-percent": "at #% cpu",
        "image": "image #",
        "namespace": "in #",
        "n": "in #",
        "env": "in #",
        "environment": "in #",
        "amount": "$#",
        "period": "per #",
        "context": "in #",
        "canary": "as a #% canary",
        "cpu": "cpu #",
        "memory": "memory #",
        "version": "version #",
        "kind": "#",
        "task": "task: #",
    ]

    /// Chat-ops arguments written `key=value` (`/deploy beacon v2.9.0 env=prod canary=15`),
    /// with the words each stands for.
    private static let pairs: Set<String> = ["env", "environment", "context", "canary", "replicas", "cpu", "memory", "version", "period", "since", "tail", "lines", "min", "max", "revision", "rev", "kind", "image", "task"]

    /// Flags whose value only says how kubectl shows what it reads (`-o wide`) or which
    /// container's log (`-c zk`).
    private static let droppedWithValue: Set<String> = ["o", "output", "c", "container", "l", "selector"]

    /// Flags that only say how kubectl shows or follows what it reads.
    private static let dropped: Set<String> = ["f", "follow", "w", "watch", "a", "all-namespaces", "timestamps", "previous", "p"]

    /// Flags whose value lists resources: `--limits=cpu=1,memory=2Gi`.
    private static let resourceScopes: Set<String> = ["limits", "requests"]

    /// `text` with each known flag and its value replaced by their words.
    static func rewrite(_ text: String) -> String {
        // (A flag opens the line or follows a space.)
        var before = UInt8(ascii: " ")
        // (`DEBUG_SQL-`: a variable removed, the dash before a space or the end.)
        guard text.utf8.contains(where: { b in
            defer { before = b }
            return (b == UInt8(ascii: "-") && before == UInt8(ascii: " ")) || b == UInt8(ascii: "=")
                || (b == UInt8(ascii: " ") && before == UInt8(ascii: "-"))
        }) || text.utf8.last == UInt8(ascii: "-") else { return text }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        var out: [String] = []
        var changed = false
        var i = 0
        while i < words.count {
            let word = words[i]
            // `env=prod`, `canary=15`: an argument of a chat-ops command.
            if let equals = word.firstIndex(of: "="), pairs.contains(String(word[..<equals])), let meaning = meanings[String(word[..<equals])] {
                // (`kind=statefulset, env=staging`: the comma closing the field stays in the sentence.)
                var value = String(word[word.index(after: equals)...])
                let closing = value.last.map { ",;".contains($0) } == true ? String(value.removeLast()) : ""
                if !value.isEmpty, value.allSatisfy({ $0.isLetter || $0.isNumber || ".:/-_%".contains($0) }) {
                    out.append(spelled(meaning, value) + closing)
                    changed = true
                    i += 1
                    continue
                }
            }
            // `set env deploy/tax-calc DEBUG_SQL-`: kubectl's way to remove a variable.
            if word.count > 2, word.last == "-", let head = word.first, head.isUppercase,
               word.dropLast().allSatisfy({ $0.isUppercase || $0.isNumber || $0 == "_" })
            {
                out.append("unset " + word.dropLast())
                changed = true
                i += 1
                continue
            }
            guard word.hasPrefix("-"), word.count > 1, word.dropFirst().first.map({ $0.isLetter || $0 == "-" }) == true else {
                out.append(String(word))
                i += 1
                continue
            }
            let body = word.drop { $0 == "-" }
            let name = (body.firstIndex(of: "=").map { body[..<$0] } ?? body).lowercased()
            let inline = body.firstIndex(of: "=").map { String(body[body.index(after: $0)...]) }
            if dropped.contains(name), inline == nil {
                changed = true
                i += 1
                continue
            }
            if droppedWithValue.contains(name) {
                changed = true
                i += inline == nil && i + 1 < words.count && !words[i + 1].hasPrefix("-") ? 2 : 1
                continue
            }
            // The value after `=`, or the next word when it is not a flag itself.
            var value = inline
            var consumed = 1
            if value == nil, i + 1 < words.count, !words[i + 1].hasPrefix("-"), !words[i + 1].isEmpty {
                value = String(words[i + 1])
                consumed = 2
            }
            if resourceScopes.contains(name), let value, let listed = resources(value) {
                out.append(name + " to " + listed)
                changed = true
                i += consumed
                continue
            }
            guard let meaning = meanings[name], let value, !value.isEmpty,
                  value.allSatisfy({ $0.isLetter || $0.isNumber || ".:/-_".contains($0) })
            else {
                out.append(String(word))
                i += 1
                continue
            }
            out.append(spelled(meaning, value))
            changed = true
            i += consumed
        }
        return changed ? out.joined(separator: " ") : text
    }

    /// A flag's words with its value where `#` stands: `last # lines` and `100`, `last 100 lines`.
    private static func spelled(_ meaning: String, _ value: String) -> String {
        meaning.split(separator: "#", omittingEmptySubsequences: false).joined(separator: value)
    }

    /// `cpu=1,memory=2Gi` as `cpu 1 memory 2Gi`; nil when it names anything else.
    private static func resources(_ value: String) -> String? {
        var parts: [String] = []
        for pair in value.split(separator: ",") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, ["cpu", "memory"].contains(kv[0].lowercased()),
                  kv[1].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "." })
            else { return nil }
            parts.append("\(kv[0].lowercased()) \(kv[1])")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " and ")
    }
}
