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
        let entry = line.trimmedWhitespace
        guard limit > 0, HistoryFilter.admits(entry), entry != entries.last else { return nil }
        entries.append(entry)
        if entries.count > limit { entries.removeFirst(entries.count - limit) }
        return entry
    }
}
