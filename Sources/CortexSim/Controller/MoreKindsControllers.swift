import CortexCore
import Foundation

/// The controllers of the batch, networking and storage kinds, run once per pass after the
/// kubelet has updated pod status: CronJobs (new Jobs), Jobs (their pods and status), the
/// endpoints controllers (Endpoints and EndpointSlices from the pods' readiness) and the
/// storage provisioner. Each writes only what changed.
struct MoreKindsControllers {
    let store: ObjectStore
    let pace: SimulationPace
    let factory: PodFactory
    let newUID: () -> String
    let newSuffix: () -> String

    func reconcile(now: Date) {
        for cronJob in store.list(.cronJobs).map(\.value) where !cronJob.isBeingDeleted {
            CronJobController(store: store, newUID: newUID).sync(cronJob, now: now)
        }
        let jobs = JobController(store: store, pace: pace, factory: factory, newSuffix: newSuffix)
        for job in store.list(.jobs).map(\.value) where !job.isBeingDeleted {
            jobs.sync(job, now: now)
        }
        EndpointsController(store: store, newUID: newUID, newSuffix: newSuffix).reconcile(now: now)
        StorageProvisioner(store: store, pace: pace, newUID: newUID).reconcile(now: now)
    }

    /// Owners whose dependents the garbage collector deletes with them.
    static let ownedPairs: [(ResourceKind, ResourceKind)] = [(.cronJobs, .jobs), (.jobs, .pods)]
}
