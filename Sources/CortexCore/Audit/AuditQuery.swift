public import FoundationEssentials

/// Which entries `cortex audit log` shows.
public struct AuditFilter: Equatable, Sendable {
    public var since: Date?
    public var until: Date?
    public var environment: String?
    public var service: String?

    public init(since: Date? = nil, until: Date? = nil, environment: String? = nil, service: String? = nil) {
        self.since = since
        self.until = until
        self.environment = environment
        self.service = service
    }

    /// `since` inclusive, `until` exclusive.
    public func matches(_ entry: AuditEntry) -> Bool {
        let time = entry.record.time.date, event = entry.record.event
        if let since, time < since { return false }
        if let until, time >= until { return false }
        if let environment, event.environment != environment { return false }
        if let service, event.operation?.service != service { return false }
        return true
    }
}

/// Reading entries back out of a log.
public enum AuditReading {
    /// Every line of the log that decodes as an entry, in order; other lines are skipped
    /// (`cortex audit verify` is what reports them).
    public static func entries(in log: [UInt8]) -> [AuditEntry] {
        log.split(separator: 10).compactMap { AuditEntry.decode($0) }
    }

    /// Mutations that were dispatched (executed or failed) at or after `since`, for rate limits.
    public static func mutations(in entries: [AuditEntry], since: Date) -> [MutationRecord] {
        // By index and field by field: a whole entry is not copied for each look.
        entries.indices.compactMap { i in
            let kind = entries[i].record.event.kind
            guard kind == .executed || kind == .failed, let op = entries[i].record.event.operation?.op, op.isMutation,
                  entries[i].record.time.date >= since else { return nil }
            return MutationRecord(time: entries[i].record.time.date, operation: op, environment: entries[i].record.event.environment,
                                  service: entries[i].record.event.operation?.service)
        }
    }

    /// One entry as a line of `cortex audit log`:
    /// `#12 2025-03-07T16:00:00.000Z alice@ops1 repl executed scale api to 3 replicas in staging (ok)`
    public static func describe(_ entry: AuditEntry) -> String {
        let r = entry.record.event
        var parts = ["#\(entry.seq)", entry.record.time.description, who(entry.record),
                     entry.record.source.rawValue, r.kind.rawValue]
        if let op = r.operation {
            parts.append(op.summary(in: r.environment))
        } else if let input = r.input {
            parts.append("\"\(input)\"")
        }
        if let verdict = r.verdict, !verdict.rules.isEmpty {
            let deciding = verdict.rules.filter { $0.action == verdict.decision }.map(\.id)
            parts.append("[\(verdict.decision.rawValue): \(deciding.joined(separator: ", "))]")
        }
        if let confirmation = r.confirmation, confirmation != .notRequired { parts.append("(\(confirmation.rawValue))") }
        if let approval = r.approval { parts.append("approval \(approval)") }
        if let result = r.result {
            parts.append(result.ok ? "ok" : "error: \(result.error ?? "failed")")
        }
        return parts.joined(separator: " ")
    }

    /// `alice (groups: sre) via bob@laptop` with a cluster identity, else `bob@laptop`.
    public static func who(_ record: AuditRecord) -> String {
        guard let identity = record.identity else { return record.actor.description }
        return "\(identity) via \(record.actor)"
    }
}

extension AuditFilter {
    /// A time as `--since`/`--until` take it: ISO 8601 in UTC (`2025-03-07`, `2025-03-07T16:00`),
    /// or a length of time before `now` (`90m`, `2h`, `7d`).
    public static func time(_ text: String, now: Date) -> Date? {
        if let seconds = PolicyDuration.seconds(text) { return now.addingTimeInterval(-seconds) }
        return UTCTime.parseISO8601(text)
    }
}
