/// Whole numbers written as digits or as English words.
///
/// Understood: digits (`12`, `1,000`), `zero`/`none` to `nineteen`, the tens (`twenty` …
/// `ninety`) alone or with a unit (`twenty-one`, `twenty one`), `hundred`/`thousand` with an
/// optional multiplier (`a hundred`, `two hundred and five`), and `a dozen`. Vague amounts
/// (`a few`, `several`, `some`) are deliberately not numbers.
enum NumberWords {
    static let units: [String: Int] = [
        "zero": 0, "none": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
        "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
        "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]

    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90,
    ]

    /// Largest value the parser accepts; anything longer is not a count anyone means.
    static let limit = 1_000_000_000

    /// The value of digits such as `12` or `2,000`; nil for anything else or above `limit`.
    static func digits(_ word: String) -> Int? {
        var value = 0
        var sawDigit = false
        for b in word.utf8 {
            if b >= 48 && b <= 57 {
                value = value * 10 + Int(b - 48)
                sawDigit = true
                if value > limit { return nil }
            } else if b == UInt8(ascii: ",") && sawDigit {
                continue
            } else {
                return nil
            }
        }
        return sawDigit ? value : nil
    }

    /// The value of a single word: digits, `seven`, `twenty`, `twenty-one`.
    static func single(_ word: String) -> Int? {
        if let d = digits(word) { return d }
        if let u = units[word] { return u }
        if let t = tens[word] { return t }
        // twenty-one
        if let dash = word.utf8.firstIndex(of: UInt8(ascii: "-")) {
            let head = String(word[..<dash])
            let tail = String(word[word.index(after: dash)...])
            if let t = tens[head], let u = units[tail], u >= 1, u <= 9 { return t + u }
        }
        return nil
    }

    /// Reads a number that may span several words, starting at `words[start]`.
    /// Returns its value and how many words it used.
    static func read(_ words: [String], from start: Int) -> (value: Int, length: Int)? {
        guard start < words.count else { return nil }
        var i = start
        var value: Int
        let first = words[i]
        if first == "a" || first == "an" {
            // "a hundred", "a thousand", "a dozen": only with a multiplier after it.
            guard i + 1 < words.count else { return nil }
            switch words[i + 1] {
            case "hundred": value = 100
            case "thousand": value = 1000
            case "dozen": return (12, 2)
            default: return nil
            }
            i += 2
            return (value + (restAfterMultiplier(words, &i) ?? 0), i - start)
        }
        if first == "half", i + 2 < words.count, words[i + 1] == "a", words[i + 2] == "dozen" {
            return (6, 3)
        }
        // `the last hundred lines`.
        if first == "hundred" { return (100, 1) }
        if first == "thousand" { return (1000, 1) }
        guard let v = single(first) else { return nil }
        value = v
        i += 1
        // "twenty one"
        if tens[first] != nil, i < words.count, let u = units[words[i]], u >= 1, u <= 9 {
            value += u
            i += 1
        }
        // "two hundred (and) five", "three thousand", "one dozen"
        if i < words.count, value >= 1, value <= 999 {
            switch words[i] {
            case "hundred":
                value *= 100
                i += 1
                value += restAfterMultiplier(words, &i) ?? 0
            case "thousand":
                value *= 1000
                i += 1
                value += restAfterMultiplier(words, &i) ?? 0
            case "dozen":
                value *= 12
                i += 1
            default: break
            }
        }
        return (value, i - start)
    }

    /// After `hundred`/`thousand`: an optional `and` and a smaller number (`and five`, `twenty`).
    private static func restAfterMultiplier(_ words: [String], _ i: inout Int) -> Int? {
        var j = i
        if j < words.count, words[j] == "and" { j += 1 }
        guard j < words.count else { return nil }
        let w = words[j]
        guard digits(w) == nil, let v = single(w), v >= 1, v <= 99 else { return nil }
        j += 1
        var total = v
        if tens[w] != nil, j < words.count, let u = units[words[j]], u >= 1, u <= 9 {
            total += u
            j += 1
        }
        i = j
        return total
    }
}
