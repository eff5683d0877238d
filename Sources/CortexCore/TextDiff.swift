/// Line differences between an expected and an actual text, for readable test and replay
/// failures.
public enum TextDiff {
    /// A unified diff (`---`/`+++` header, `@@` hunks with `context` lines around changes).
    /// Empty when the texts are equal.
    public static func unified(expected: String, actual: String, name: String, context: Int = 3) -> String {
        let a = expected.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let b = actual.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let edits = script(a, b)
        guard edits.contains(where: { $0.kind != .same }) else { return "" }
        var out = ["--- \(name) (expected)", "+++ \(name) (actual)"]
        // Changes closer than 2 * context unchanged lines share a hunk.
        let changed = edits.indices.filter { edits[$0].kind != .same }
        var groups: [(first: Int, last: Int)] = []
        for c in changed {
            if let g = groups.last, c - g.last <= 2 * context { groups[groups.count - 1].last = c } else { groups.append((c, c)) }
        }
        for g in groups {
            let hunk = edits[max(0, g.first - context)..<min(edits.count, g.last + context + 1)]
            let aStart = (hunk.first?.aLine ?? 0) + 1, bStart = (hunk.first?.bLine ?? 0) + 1
            let aCount = hunk.filter { $0.kind != .insert }.count, bCount = hunk.filter { $0.kind != .delete }.count
            out.append("@@ -\(aStart),\(aCount) +\(bStart),\(bCount) @@")
            for e in hunk {
                switch e.kind {
                case .same: out.append(" " + e.text)
                case .delete: out.append("-" + e.text)
                case .insert: out.append("+" + e.text)
                }
            }
        }
        return out.joined(separator: "\n")
    }

    struct Edit {
        enum Kind { case same, delete, insert }
        let kind: Kind
        let text: String
        /// Line index in the expected and actual text where this edit stands.
        let aLine: Int, bLine: Int
    }

    /// The shortest edit script by longest common subsequence.
    static func script(_ a: [String], _ b: [String]) -> [Edit] {
        let n = a.count, m = b.count
        var lcs = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, a[i] == b[j] {
                edits.append(Edit(kind: .same, text: a[i], aLine: i, bLine: j)); i += 1; j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                edits.append(Edit(kind: .delete, text: a[i], aLine: i, bLine: j)); i += 1
            } else {
                edits.append(Edit(kind: .insert, text: b[j], aLine: i, bLine: j)); j += 1
            }
        }
        return edits
    }
}
