/// Words shortened the way operators type on a phone or in a hurry (`repl`, `frm`, `lst`,
/// `rstrt`, `lookin`), written out in full before the line is read, and slips of typing
/// (`TypingSlips`) put right, in one pass over the words. Only whole words that have no other
/// meaning here are replaced; a word next to punctuation keeps it.
enum TypedShorthand {
    static func expand(_ text: String) -> String {
        var out: [Substring] = []
        var changed = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let core = word.prefix { !",.;:!?".contains($0) }
            let lower = (1...14).contains(core.utf8.count) && core.utf8.allSatisfy({ $0 < 0x80 }) ? core.lowercased() : ""
            guard !lower.isEmpty,
                  let full = expansions[lower] ?? (lower.utf8.count >= 4 && lower.utf8.allSatisfy({ $0 >= 97 && $0 <= 122 }) ? TypingSlips.meant(lower) : nil)
            else {
                out.append(word)
                continue
            }
            out.append(Substring(full + word.dropFirst(core.count)))
            changed = true
        }
        return changed ? out.joined(separator: " ") : text
    }

    private static let expansions: [String: String] = [
        "repl": "replicas", "repls": "replicas", "rpl": "replicas", "lns": "lines", "frm": "from", "lst": "last",
        "mnth": "month", "mth": "month", "shld": "should", "shd": "should", "teh": "the", "rstrt": "restart", "scl": "scale",
        "wrng": "wrong", "hw": "how", "abt": "about", "img": "image", "w": "with", "w/": "with", "hav": "have", "befor": "before",
        "lookin": "looking", "runnin": "running", "doin": "doing", "goin": "going", "somethin": "something",
        "nothin": "nothing", "gettin": "getting", "happenin": "happening", "crashin": "crashing",
        // (`somebody rolledback dash`: the particle typed onto the verb.)
        "rolledback": "rolled back", "rolledout": "rolled out", "rollback'd": "rolled back", "scaledup": "scaled up",
        "scaleddown": "scaled down",
    ]
}
