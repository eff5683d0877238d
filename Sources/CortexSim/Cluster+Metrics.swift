import CortexCore
import Foundation

/// The `metrics.k8s.io/v1beta1` resources, answered from the current pods and nodes.
extension Cluster {
    func metrics(_ target: APIRoute.ResourceTarget, _ request: APIRequest, now: Date) throws(APIError) -> APIResponse {
        guard request.method == .get || request.method == .head, target.subresource == nil,
            !["true", "1"].contains(request.query["watch"])
        else { throw .methodNotAllowed }
        let filter = try filter(target, request)
        let pods = store.list(.pods, namespace: target.kind == .podMetrics ? target.namespace : nil).map(\.value)
        func named(_ object: JSONValue) -> Bool { target.name == nil || target.name == object.name }
        let items: [JSONValue]
        if target.kind == .podMetrics {
            items = pods.filter { ResourceMetrics.reports($0) && filter.matches($0) && named($0) }
                .map { ResourceMetrics.podMetrics($0, now: now) }
        } else {
            items = store.list(.nodes, namespace: nil).map(\.value).filter { filter.matches($0) && named($0) }
                .map { ResourceMetrics.nodeMetrics($0, pods: pods, now: now) }
        }
        if let name = target.name {
            guard let item = items.first else { throw .notFound(target.kind, name) }
            return .json(item)
        }
        return .json([
            "kind": .string(target.kind.listKind), "apiVersion": .string(target.kind.apiVersion),
            "metadata": [:], "items": .array(items),
        ])
    }
}
