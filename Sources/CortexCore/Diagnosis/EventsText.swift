public import FoundationEssentials

/// Events as `kubectl events` shows them: newest last, one line each, cluster text
/// sanitised, at most `maxEvents` (the newest).
public enum EventsText {
    public static let maxEvents = 50

    public static func render(_ events: [EventEvidence], now: Date, scope: String, window: Double?, unreadable: [String]) -> [String] {
        let sorted = events.sorted { ($0.lastSeen ?? .distantPast) < ($1.lastSeen ?? .distantPast) }
        let within = window.map { " in the last \(PolicyDuration.describe($0))" } ?? ""
        guard !sorted.isEmpty else {
            return ["no events for \(scope)\(within)"] + unreadable.map { "could not read: \(ClusterText.sanitize($0))" }
        }
        let shown = sorted.suffix(maxEvents)
        var rows = [["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"]]
        for e in shown {
            let age = e.lastSeen.map { DiagnosisText.shortAge(now.timeIntervalSince($0)) } ?? "-"
            let times = e.count > 1 ? " (×\(e.count))" : ""
            rows.append([age, ClusterText.sanitize(e.type, maxLength: 16), ClusterText.sanitize(e.reason, maxLength: 48),
                         ClusterText.sanitize(e.object.description, maxLength: 96), ClusterText.sanitize(e.message) + times])
        }
        var lines: [String] = []
        if sorted.count > shown.count { lines.append("… \(sorted.count - shown.count) older events not shown") }
        lines += TextColumns.align(rows)
        lines.append("\(AnalyzerSupport.plural(sorted.count, "event")) for \(scope)\(within), \(sorted.filter(\.isWarning).count) warnings")
        lines += unreadable.map { "could not read: \(ClusterText.sanitize($0))" }
        return lines
    }

    /// The events as data, for `--output json`.
    public static func json(_ events: [EventEvidence]) -> JSONValue {
        .array(events.sorted { ($0.lastSeen ?? .distantPast) < ($1.lastSeen ?? .distantPast) }.map { e in
            var o: JSONValue = ["object": .string(e.object.description), "type": .string(e.type), "reason": .string(e.reason),
                                "message": .string(e.message), "count": .number(e.count)]
            if let last = e.lastSeen { o["lastSeen"] = .string(UTCTime.iso8601(last)) }
            if let source = e.source { o["source"] = .string(source) }
            return o
        })
    }
}
