import CortexCore
import Foundation

/// The simulated storage: the cluster's default StorageClass `standard` and its dynamic
/// provisioner. A claim names a class (or gets the default one when it is created); one
/// simulated second after it was created the provisioner makes a PersistentVolume
/// `pvc-<claim uid>` of the requested size and binds the two (claim Pending → Bound,
/// `volumeName`, `capacity`). A claim naming a class that does not exist, or one this
/// provisioner does not serve, stays Pending with a `ProvisioningFailed` event. When a
/// bound claim is deleted its volume is deleted too (`reclaimPolicy: Delete`) or kept
/// `Released` (`Retain`).
struct StorageProvisioner {
    static let provisioner = "cortex.sim/host-path"
    static let defaultClassName = "standard"
    static let provisionSeconds = 1.0
    /// How often a claim that cannot be provisioned is tried again, in simulated seconds.
    static let retrySeconds = 15.0

    let store: ObjectStore
    let pace: SimulationPace
    let newUID: () -> String

    /// The StorageClass every simulated cluster starts with, as its storage add-on installs it.
    static func defaultClass(at time: Date, uid: String) -> JSONValue {
        [
            "apiVersion": "storage.k8s.io/v1", "kind": "StorageClass",
            "metadata": [
                "name": .string(defaultClassName), "uid": .string(uid), "creationTimestamp": .string(Timestamp.format(time)),
                "annotations": .object([MoreKindsDefaults.defaultClassAnnotation: "true"]),
            ],
            "provisioner": .string(provisioner), "reclaimPolicy": "Delete", "volumeBindingMode": "Immediate",
        ]
    }

    /// 32 hex digits in the 8-4-4-4-12 form of a uid.
    static func uuid(_ hex: String) -> String {
        let digits = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }

    /// The DefaultStorageClass admission step: a claim that names no class gets the default one.
    static func admitClaim(_ claim: inout JSONValue, classes: [JSONValue]) {
        guard claim[path: ["spec", "storageClassName"]] == nil,
            let standard = classes.filter({ $0.annotation(MoreKindsDefaults.defaultClassAnnotation) == "true" })
                .max(by: { ($0[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") < ($1[path: ["metadata", "creationTimestamp"]]?.stringValue ?? "") })
        else { return }
        claim[path: ["spec", "storageClassName"]] = .string(standard.name)
    }

    func reconcile(now: Date) {
        let recorder = EventRecorder(store: store)
        for claim in store.list(.persistentVolumeClaims).map(\.value) where !claim.isBeingDeleted {
            guard claim[path: ["status", "phase"]]?.stringValue == "Pending", claim[path: ["spec", "volumeName"]] == nil else { continue }
            let created = claim[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) ?? now
            let age = pace.simulatedSeconds(now.timeIntervalSince(created))
            guard age >= Self.provisionSeconds else { continue }
            let className = claim[path: ["spec", "storageClassName"]]?.stringValue ?? ""
            guard let storageClass = store.get(.storageClasses, namespace: "", name: className)?.value,
                storageClass["provisioner"]?.stringValue == Self.provisioner
            else {
                // Retried every `retrySeconds`: one more occurrence of the event per attempt.
                let attempts = 1 + Int((age - Self.provisionSeconds) / Self.retrySeconds)
                let reason = className.isEmpty ? "FailedBinding" : "ProvisioningFailed"
                let recorded = store.list(.events, namespace: claim.namespace).map(\.value)
                    .first { $0[path: ["involvedObject", "uid"]]?.stringValue == claim.uid && $0["reason"]?.stringValue == reason }
                guard (recorded?["count"]?.intValue ?? 0) < attempts else { continue }
                let message = className.isEmpty
                    ? "no persistent volumes available for this claim and no storage class is set"
                    : "storageclass.storage.k8s.io \"\(className)\" not found"
                recorder.record(claim, kind: .persistentVolumeClaims, type: className.isEmpty ? "Normal" : "Warning",
                                reason: reason, message: message,
                                component: "persistentvolume-controller", now: now)
                continue
            }
            bind(claim, storageClass: storageClass, recorder: recorder, now: now)
        }
        // Volumes whose claim is gone.
        let claims = Set(store.list(.persistentVolumeClaims).map(\.value.uid))
        for volume in store.list(.persistentVolumes).map(\.value) {
            guard let ref = volume[path: ["spec", "claimRef", "uid"]]?.stringValue, !claims.contains(ref),
                volume[path: ["status", "phase"]]?.stringValue == "Bound"
            else { continue }
            if volume[path: ["spec", "persistentVolumeReclaimPolicy"]]?.stringValue == "Delete" {
                store.remove(.persistentVolumes, namespace: "", name: volume.name)
            } else {
                var released = volume
                released["status"] = ["phase": "Released", "lastPhaseTransitionTime": .string(Timestamp.format(now))]
                store.put(.persistentVolumes, released)
            }
        }
    }

    private func bind(_ claim: JSONValue, storageClass: JSONValue, recorder: EventRecorder, now: Date) {
        let size = claim[path: ["spec", "resources", "requests", "storage"]] ?? "1Gi"
        let accessModes = claim[path: ["spec", "accessModes"]] ?? ["ReadWriteOnce"]
        let name = "pvc-\(claim.uid)"
        let stamp = JSONValue.string(Timestamp.format(now))
        recorder.record(claim, kind: .persistentVolumeClaims, type: "Normal", reason: "Provisioning",
                        message: "External provisioner is provisioning volume for claim \"\(claim.namespace)/\(claim.name)\"",
                        component: "\(Self.provisioner)", now: now)
        let volume: JSONValue = [
            "apiVersion": "v1", "kind": "PersistentVolume",
            "metadata": [
                "name": .string(name), "uid": .string(newUID()), "creationTimestamp": stamp,
                "annotations": ["pv.kubernetes.io/provisioned-by": .string(Self.provisioner)],
                "finalizers": ["kubernetes.io/pv-protection"],
            ],
            "spec": [
                "capacity": ["storage": size], "accessModes": accessModes,
                "persistentVolumeReclaimPolicy": storageClass["reclaimPolicy"] ?? "Delete",
                "storageClassName": .string(storageClass.name), "volumeMode": claim[path: ["spec", "volumeMode"]] ?? "Filesystem",
                "hostPath": ["path": .string("/var/lib/cortex-sim/volumes/\(name)"), "type": "DirectoryOrCreate"],
                "claimRef": [
                    "apiVersion": "v1", "kind": "PersistentVolumeClaim", "namespace": .string(claim.namespace),
                    "name": .string(claim.name), "uid": .string(claim.uid), "resourceVersion": .string(claim.resourceVersion ?? ""),
                ],
            ],
            "status": ["phase": "Bound", "lastPhaseTransitionTime": stamp],
        ]
        store.put(.persistentVolumes, volume)
        var bound = claim
        bound[path: ["spec", "volumeName"]] = .string(name)
        for (key, value) in [
            "pv.kubernetes.io/bind-completed": "yes", "pv.kubernetes.io/bound-by-controller": "yes",
            "volume.beta.kubernetes.io/storage-provisioner": Self.provisioner, "volume.kubernetes.io/storage-provisioner": Self.provisioner,
        ] {
            bound.setAnnotation(key, value)
        }
        bound[path: ["metadata", "finalizers"]] = ["kubernetes.io/pvc-protection"]
        bound["status"] = ["phase": "Bound", "accessModes": accessModes, "capacity": ["storage": size]]
        store.put(.persistentVolumeClaims, bound)
        recorder.record(claim, kind: .persistentVolumeClaims, type: "Normal", reason: "ProvisioningSucceeded",
                        message: "Successfully provisioned volume \(name)", component: "\(Self.provisioner)", now: now)
    }
}
