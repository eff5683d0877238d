/// kubectl's flags written into a request (`scale --replicas=4 deploy/api`, `logs sts/kafka
/// --tail=100`), read as the words they stand for. Only flags whose meaning is a field of an
/// operation are read; any other `--flag=value` stays as typed, for the safety screen to
/// refuse.
enum KubectlFlags {
    /// The words each flag stands for, with `#` where its value goes.
    private static let meanings: [String: String] = [
        "replicas": "to # replicas",
        "to-revision": "to revision #",
        "revision": "revision #",
        "since": "since #",
        "tail": "last # lines",
        "lines": "last # lines",
        "min": "min #",
        "max": "max #",
        "cpu-percent": "at #% cpu",
        "image": "image #",
        "namespace": "in #",
    ]

    /// `text` with each known `--flag=value` (or `-flag=value`) replaced by its words.
    static func rewrite(_ text: String) -> String {
        guard text.contains("-"), text.contains("=") else { return text }
        let words = text.split(separator: " ", omittingEmptySubsequences: false)
        let rewritten = words.map { word -> String in
            guard word.hasPrefix("-"), let eq = word.firstIndex(of: "=") else { return String(word) }
            let name = word[..<eq].drop { $0 == "-" }
            let value = word[word.index(after: eq)...]
            guard let meaning = meanings[name.lowercased()], !value.isEmpty,
                  value.allSatisfy({ $0.isLetter || $0.isNumber || ".:/-_".contains($0) })
            else { return String(word) }
            return meaning.split(separator: "#", omittingEmptySubsequences: false).joined(separator: String(value))
        }
        return rewritten.joined(separator: " ")
    }
}
