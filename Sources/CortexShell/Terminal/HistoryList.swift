/// One session's history, oldest first: trimmed lines, no blanks, no secrets (see
/// ``HistoryFilter``), no immediate repeats, at most `limit` entries.
public struct HistoryList: Equatable, Sendable {
    public private(set) var entries: [String] = []
    public let limit: Int

    public init(_ entries: [String] = [], limit: Int = HistoryFile.defaultLimit) {
        self.limit = max(0, limit)
        for entry in entries { add(entry) }
    }

    /// Adds `line` unless it is refused; returns the entry as stored, or nil when refused.
    @discardableResult
    public mutating func add(_ line: String) -> String? {
        let entry = line.trimmed
        guard limit > 0, HistoryFilter.admits(entry), entry != entries.last else { return nil }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return entry
    }
}

extension String {
    /// Without leading and trailing white space (including line terminators).
    var trimmed: String {
        guard let first = firstIndex(where: { !$0.isWhitespace }),
              let last = lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return String(self[first...last])
    }
}
