/// A task description reduced to what routing compares: lowercase word stems in order.
///
/// Words are split on anything that is not a letter or a digit (`CI/CD` is `ci cd`,
/// `on-call` is `on call`) and reduced by a small, fixed suffix stripper so that `builds`,
/// `building` and `built`… meet `build`. Cues and keywords go through the same reduction,
/// so matching is consistent even where a stem is not an English word.
public struct TaskText: Equatable, Sendable {
    public let stems: [String]
    let stemSet: Set<String>

    public init(_ text: String) {
        stems = TaskText.words(text).map(TaskText.stem)
        stemSet = Set(stems)
    }

    /// Whether the phrase occurs, its words adjacent and in order.
    func contains(_ phrase: Phrase) -> Bool {
        guard let first = phrase.stems.first, stemSet.contains(first) else { return false }
        if phrase.stems.count == 1 { return true }
        let n = phrase.stems.count
        guard stems.count >= n else { return false }
        for i in 0...(stems.count - n) where stems[i] == first {
            var j = 1
            while j < n, stems[i + j] == phrase.stems[j] { j += 1 }
            if j == n { return true }
        }
        return false
    }

    /// Lowercased runs of letters and digits.
    static func words(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        for ch in text.lowercased() {
            if ch.isLetter || ch.isNumber {
                current.append(ch)
            } else if !current.isEmpty {
                out.append(current)
                current = ""
            }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    /// Strips common English inflections: plural `s`/`ies`, `ing`, `ed`, a final `e`, and
    /// the doubled consonant they leave (`shipped` -> `ship`). Words whose endings are not
    /// inflections (`staging` is not `stage`, `speed` has no `-ed`) are kept whole.
    static func stem(_ word: String) -> String {
        if keptWhole.contains(word) { return word }
        var w = Array(word)
        func ends(_ s: String) -> Bool { w.count >= s.count && String(w[(w.count - s.count)...]) == s }
        if w.count > 4, ends("ies") {
            w.removeLast(3); w.append("y")
        } else if w.count > 3, ends("s"), !ends("ss"), !ends("us"), !ends("is") {
            w.removeLast()
        }
        var stripped = false
        if w.count >= 7, ends("ing") {
            w.removeLast(3); stripped = true
        } else if w.count > 4, ends("ed"), !ends("eed") {
            w.removeLast(2); stripped = true
        }
        if stripped, w.count > 3, w[w.count - 1] == w[w.count - 2], !"lsz".contains(w[w.count - 1]),
           !"aeiou".contains(w[w.count - 1]) {
            w.removeLast()
        }
        if w.count > 4, w.last == "e" { w.removeLast() }
        return String(w)
    }

    static let keptWhole: Set<String> = ["staging", "during", "thing", "things", "string", "strings", "something", "nothing",
                                         "everything", "morning", "evening", "ceiling", "warning", "warnings",
                                         "setting", "settings"]
}

/// A cue or keyword of one or more words, reduced like task text.
struct Phrase: Equatable, Sendable {
    let text: String
    let stems: [String]

    init(_ text: String) {
        self.text = text
        stems = TaskText.words(text).map(TaskText.stem)
    }

    /// The phrases of `texts`, without those that reduce to the same stems as an earlier one
    /// (`runbook`, `runbooks`), so that one word in a task is counted once.
    static func distinct(_ texts: [String]) -> [Phrase] {
        var seen = Set<[String]>()
        return texts.map(Phrase.init).filter { !$0.stems.isEmpty && seen.insert($0.stems).inserted }
    }

    /// How much a match counts: one per word, so `pull request` outweighs `request`. The
    /// single letters contractions leave (`isn't` is `isn t`) do not count.
    var weight: Int { max(1, stems.filter { $0.count > 1 }.count) }
}
