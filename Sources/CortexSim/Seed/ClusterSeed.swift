import CortexCore
import Foundation

/// What a new simulated cluster contains.
public enum ClusterSeed: String, Sendable, Equatable, CaseIterable {
    /// The system namespaces and `development`, `staging` and `production`, without workloads.
    case empty
    /// `empty` plus a few services in each environment, rolled out and ready: api-gateway,
    /// payments, web-frontend (all three environments) and security-worker (development
    /// only). Some production services carry a revision history to roll back to. Staging
    /// also runs `redis` (a StatefulSet, two revisions) and `log-agent` (a DaemonSet); every
    /// environment has a LimitRange `container-limits` (at most 2 CPUs and 4Gi per container).
    case standard
}

/// Builds a seed through the API itself (POST and PATCH requests), then lets the
/// controllers settle over a simulated past, so that every object looks like one a real
/// cluster made: owners, revisions, pods, ready status and ages of days.
struct Seeder {
    let cluster: Cluster

    static let environments = ["development", "staging", "production"]

    func apply(_ seed: ClusterSeed, now: Date) {
        let start = now.addingTimeInterval(-3 * 86_400)
        for namespace in ["default", "kube-system", "kube-public"] + Self.environments {
            post("/api/v1/namespaces", ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]], at: start)
        }
        // The kubelets register their nodes; written straight into the store so that the names
        // and UIDs the API gives everything else stay as they were.
        for node in NodeObjects.all {
            cluster.store.put(.nodes, NodeObjects.registered(node, at: start))
        }
        // The storage add-on's default StorageClass; its uid is derived from its name so that
        // the names and UIDs the API gives everything else stay as they were.
        let classUID = PodIdentity(name: "storageclass/\(StorageProvisioner.defaultClassName)").hex(length: 32)
        cluster.store.put(.storageClasses, StorageProvisioner.defaultClass(at: start, uid: StorageProvisioner.uuid(classUID)))
        guard seed == .standard else { return }
        var time = start.addingTimeInterval(600)
        for service in SeedServices.all {
            for placement in service.placements {
                post(
                    "/apis/apps/v1/namespaces/\(placement.namespace)/deployments",
                    service.deployment(namespace: placement.namespace, replicas: placement.replicas, image: placement.images[0]),
                    at: time)
                settle(from: time)
                time.addTimeInterval(1800)
                for (step, image) in placement.images.dropFirst().enumerated() {
                    let stepTime = time.addingTimeInterval(Double(step + 1) * 7200)
                    patchImage(service: service, namespace: placement.namespace, image: image, at: stepTime)
                    settle(from: stepTime)
                }
                time.addTimeInterval(Double(placement.images.count) * 7200)
            }
        }
        for workload in SeedServices.otherWorkloads {
            post("/apis/apps/v1/namespaces/\(workload.namespace)/\(workload.plural)", workload.object(image: workload.images[0]), at: time)
            settle(from: time)
            for image in workload.images.dropFirst() {
                time.addTimeInterval(7200)
                let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": .string(workload.name), "image": .string(image)]]]]]]
                let request = APIRequest(
                    method: .patch, path: "/apis/apps/v1/namespaces/\(workload.namespace)/\(workload.plural)/\(workload.name)",
                    contentType: "application/strategic-merge-patch+json", body: patch.serialized())
                let response = cluster.handle(request, now: time)
                assert(response.code == 200, "seed patch refused: \(String(decoding: response.bytes ?? [], as: UTF8.self))")
                settle(from: time)
            }
            time.addTimeInterval(1800)
        }
        for namespace in Self.environments {
            post("/api/v1/namespaces/\(namespace)/limitranges", SeedServices.limitRange(namespace: namespace), at: start)
        }
        cluster.controllers.reconcile(now: now)
    }

    private func post(_ path: String, _ body: JSONValue, at time: Date) {
        let request = APIRequest(method: .post, path: path, contentType: "application/json", body: body.serialized())
        let response = cluster.handle(request, now: time)
        assert(response.code == 201, "seed object refused: \(String(decoding: response.bytes ?? [], as: UTF8.self))")
    }

    private func patchImage(service: SeedServices.Service, namespace: String, image: String, at time: Date) {
        let patch: JSONValue = [
            "metadata": ["annotations": ["kubernetes.io/change-cause": .string("deploy \(service.name) \(image)")]],
            "spec": ["template": ["spec": ["containers": [["name": .string(service.name), "image": .string(image)]]]]],
        ]
        let request = APIRequest(
            method: .patch, path: "/apis/apps/v1/namespaces/\(namespace)/deployments/\(service.name)",
            contentType: "application/strategic-merge-patch+json", body: patch.serialized())
        let response = cluster.handle(request, now: time)
        assert(response.code == 200, "seed patch refused: \(String(decoding: response.bytes ?? [], as: UTF8.self))")
    }

    /// Controller passes five simulated seconds apart until one changes nothing.
    private func settle(from time: Date) {
        let manager = cluster.controllers
        var version = -1
        for step in 0..<60 where version != cluster.store.resourceVersion {
            version = cluster.store.resourceVersion
            manager.reconcile(now: time.addingTimeInterval(cluster.pace.wallSeconds(Double(step) * 5)))
        }
    }
}
