public import CortexCore
public import FoundationEssentials

/// The audit log of one session: stamps each event with the time and the session's origin
/// and appends it. The pipeline calls `append` at every step of a request, before the step's
/// effect takes place.
public final class AuditLog {
    public let store: any AuditStore
    public let origin: AuditOrigin
    private let now: () -> Date

    public init(store: any AuditStore, origin: AuditOrigin, now: @escaping () -> Date = { Date() }) {
        self.store = store
        self.origin = origin
        self.now = now
    }

    /// Appends one event; durable when this returns.
    @discardableResult
    public func append(_ event: AuditEvent) throws(CortexError) -> SealedEntry {
        try store.append(AuditRecord(event, time: now(), origin: origin))
    }
}
