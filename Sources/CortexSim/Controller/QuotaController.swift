import CortexCore

extension ControllerManager {
    /// The resource quota controller: each ResourceQuota's `status.hard` and `status.used`
    /// follow its `spec.hard` and what its namespace holds; written only when they change.
    func writeQuotaStatus() {
        let quotas = ResourceQuotas(store: store)
        for quota in store.list(.resourceQuotas).map(\.value) where !quota.isBeingDeleted {
            let status = quotas.status(of: quota)
            guard quota["status"] != status else { continue }
            var updated = quota
            updated["status"] = status
            store.put(.resourceQuotas, updated)
        }
    }
}
