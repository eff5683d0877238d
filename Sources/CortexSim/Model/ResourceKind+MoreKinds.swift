/// The kinds beyond workloads and configuration: batch Jobs and CronJobs, Ingresses, and
/// the storage kinds a claim is provisioned with.
extension ResourceKind {
    static let jobs = ResourceKind(
        group: "batch", version: "v1", kind: "Job", plural: "jobs", singular: "job",
        namespaced: true, shortNames: [], verbs: allVerbs, categories: ["all"])
    static let cronJobs = ResourceKind(
        group: "batch", version: "v1", kind: "CronJob", plural: "cronjobs", singular: "cronjob",
        namespaced: true, shortNames: ["cj"], verbs: allVerbs, categories: ["all"])
    static let ingresses = ResourceKind(
        group: "networking.k8s.io", version: "v1", kind: "Ingress", plural: "ingresses", singular: "ingress",
        namespaced: true, shortNames: ["ing"], verbs: allVerbs, categories: [])
    static let persistentVolumes = ResourceKind(
        group: "", version: "v1", kind: "PersistentVolume", plural: "persistentvolumes", singular: "persistentvolume",
        namespaced: false, shortNames: ["pv"], verbs: allVerbs, categories: [])
    static let storageClasses = ResourceKind(
        group: "storage.k8s.io", version: "v1", kind: "StorageClass", plural: "storageclasses", singular: "storageclass",
        namespaced: false, shortNames: ["sc"], verbs: allVerbs, categories: [])

    /// Served and stored like the kinds in `all`; kept apart so that the lists stay short.
    static let batchAndStorage: [ResourceKind] = [.jobs, .cronJobs, .ingresses, .persistentVolumes, .storageClasses]

    /// The kinds among `batchAndStorage` with a `/status` subresource.
    static let batchAndStorageWithStatus: [ResourceKind] = [.jobs, .cronJobs, .ingresses, .persistentVolumes]
}
