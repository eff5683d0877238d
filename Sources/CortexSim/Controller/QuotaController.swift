import CortexCore

extension ControllerManager {
    /// The resource quota controller: each ResourceQuota's `status.hard` and `status.used`
    /// follow its `spec.hard` and what its namespace holds (after deletions too); written
    /// only when they change.
    func writeQuotaStatus() {
        ResourceQuotas(store: store).refresh(namespace: nil)
    }
}
