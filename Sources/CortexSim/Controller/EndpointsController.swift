import CortexCore
import Foundation

/// The endpoints and endpointslice controllers: for every Service with a selector, one
/// core/v1 Endpoints object of the same name and one discovery.k8s.io/v1 EndpointSlice
/// (`<service>-<suffix>`, labelled `kubernetes.io/service-name` and owned by the Service)
/// listing the selected pods that have an IP: ready ones as addresses, the others as
/// not-ready addresses (`ready: false`; `terminating` for pods being deleted, which
/// Endpoints leave out). Ports are the Service's ports with each `targetPort` resolved
/// against the pod's named container ports. Finished pods (Succeeded, Failed) are left out.
/// Objects are rewritten only when what they list changed; those of Services that are gone
/// or lost their selector are deleted.
struct EndpointsController {
    static let serviceNameLabel = "kubernetes.io/service-name"
    static let managedByLabel = "endpointslice.kubernetes.io/managed-by"
    static let managedBy = "endpointslice-controller.k8s.io"
    static let triggerAnnotation = "endpoints.kubernetes.io/last-change-trigger-time"

    let store: ObjectStore
    let newUID: () -> String
    let newSuffix: () -> String

    /// One pod as an endpoint: its address, readiness and the ports it serves.
    private struct Member {
        var pod: JSONValue
        var ip: String
        var ready: Bool
        var terminating: Bool
        var ports: [JSONValue]
    }

    func reconcile(now: Date) {
        var podsByNamespace: [String: [JSONValue]] = [:]
        var wanted: Set<ObjectStore.Key> = []
        for service in store.list(.services).map(\.value) where !service.isBeingDeleted {
            let selector = service.stringMap(at: ["spec", "selector"])
            guard !selector.isEmpty else { continue }
            wanted.insert(ObjectStore.Key(namespace: service.namespace, name: service.name))
            if podsByNamespace[service.namespace] == nil {
                podsByNamespace[service.namespace] = store.list(.pods, namespace: service.namespace).map(\.value)
            }
            let members = (podsByNamespace[service.namespace] ?? []).compactMap { member($0, of: service, selector: selector) }
            writeEndpoints(service, members, now: now)
            writeSlice(service, members, now: now)
        }
        // Endpoints and slices whose Service is gone or no longer selects pods.
        for endpoints in store.list(.endpoints).map(\.value)
        where endpoints.labels[Self.managedByLabel] == nil && endpoints.annotation(Self.triggerAnnotation) != nil
            && !wanted.contains(ObjectStore.Key(namespace: endpoints.namespace, name: endpoints.name))
        {
            store.remove(.endpoints, namespace: endpoints.namespace, name: endpoints.name)
        }
        for slice in store.list(.endpointSlices).map(\.value) where slice.labels[Self.managedByLabel] == Self.managedBy {
            let service = slice.labels[Self.serviceNameLabel] ?? ""
            if !wanted.contains(ObjectStore.Key(namespace: slice.namespace, name: service)) {
                store.remove(.endpointSlices, namespace: slice.namespace, name: slice.name)
            }
        }
    }

    private func member(_ pod: JSONValue, of service: JSONValue, selector: [String: String]) -> Member? {
        guard selector.allSatisfy({ pod.labels[$0.key] == $0.value }),
            let ip = pod[path: ["status", "podIP"]]?.stringValue, !ip.isEmpty
        else { return nil }
        let phase = pod[path: ["status", "phase"]]?.stringValue
        guard phase != "Succeeded", phase != "Failed" else { return nil }
        let publishNotReady = service[path: ["spec", "publishNotReadyAddresses"]]?.boolValue == true
        let containerPorts = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).flatMap { $0["ports"]?.arrayValue ?? [] }
        var ports: [JSONValue] = []
        for port in service[path: ["spec", "ports"]]?.arrayValue ?? [] {
            let proto = port["protocol"]?.stringValue ?? "TCP"
            let number: Int?
            if let name = port["targetPort"]?.stringValue {
                number = containerPorts.first { $0["name"]?.stringValue == name && ($0["protocol"]?.stringValue ?? "TCP") == proto }?["containerPort"]?.intValue
            } else {
                number = port["targetPort"]?.intValue ?? port["port"]?.intValue
            }
            guard let number else { continue }
            var entry: JSONValue = ["name": .string(port["name"]?.stringValue ?? ""), "port": .number(number), "protocol": .string(proto)]
            if let appProtocol = port["appProtocol"] { entry["appProtocol"] = appProtocol }
            ports.append(entry)
        }
        return Member(pod: pod, ip: ip, ready: publishNotReady || (PodLifecycle.isReady(pod) && !pod.isBeingDeleted),
                      terminating: pod.isBeingDeleted, ports: ports)
    }

    private static func targetRef(_ pod: JSONValue) -> JSONValue {
        ["kind": "Pod", "namespace": .string(pod.namespace), "name": .string(pod.name), "uid": .string(pod.uid)]
    }

    /// The Endpoints object: one subset per distinct port list, addresses sorted by IP.
    private func writeEndpoints(_ service: JSONValue, _ members: [Member], now: Date) {
        var subsets: [(ports: [JSONValue], ready: [JSONValue], notReady: [JSONValue])] = []
        for member in members.sorted(by: { $0.ip < $1.ip }) where !member.terminating && !member.ports.isEmpty {
            var address: JSONValue = ["ip": .string(member.ip), "targetRef": Self.targetRef(member.pod)]
            if let node = member.pod[path: ["spec", "nodeName"]] { address["nodeName"] = node }
            let ports = member.ports.map { port -> JSONValue in
                var port = port
                if port["name"]?.stringValue == "" { port["name"] = nil }
                return port
            }
            let index = subsets.firstIndex { $0.ports == ports } ?? {
                subsets.append((ports, [], []))
                return subsets.count - 1
            }()
            if member.ready { subsets[index].ready.append(address) } else { subsets[index].notReady.append(address) }
        }
        let rendered: [JSONValue] = subsets.map { subset in
            var entry: JSONValue = ["ports": .array(subset.ports)]
            if !subset.ready.isEmpty { entry["addresses"] = .array(subset.ready) }
            if !subset.notReady.isEmpty { entry["notReadyAddresses"] = .array(subset.notReady) }
            return entry
        }
        var labels = service.stringMap(at: ["metadata", "labels"])
        if service[path: ["spec", "clusterIP"]]?.stringValue == "None" { labels["service.kubernetes.io/headless"] = "" }
        let existing = store.get(.endpoints, namespace: service.namespace, name: service.name)?.value
        let subsetsValue: JSONValue? = rendered.isEmpty ? nil : .array(rendered)
        if let existing, existing["subsets"] == subsetsValue, existing.labels == labels { return }
        var object: JSONValue = existing ?? [
            "apiVersion": "v1", "kind": "Endpoints",
            "metadata": [
                "name": .string(service.name), "namespace": .string(service.namespace),
                "uid": .string(newUID()), "creationTimestamp": .string(Timestamp.format(now)),
            ],
        ]
        object[path: ["metadata", "labels"]] = labels.isEmpty ? nil : .stringObject(labels)
        object[path: ["metadata", "annotations", Self.triggerAnnotation]] = .string(Timestamp.format(now))
        object["subsets"] = subsetsValue
        store.put(.endpoints, object)
    }

    /// The EndpointSlice: every member in one slice (the real controller starts a new slice
    /// after 100 endpoints; the simulated Services stay well below that).
    private func writeSlice(_ service: JSONValue, _ members: [Member], now: Date) {
        let endpoints: [JSONValue] = members.sorted(by: { $0.ip < $1.ip }).map { member in
            var endpoint: JSONValue = [
                "addresses": [.string(member.ip)],
                "conditions": [
                    "ready": .bool(member.ready), "serving": .bool(PodLifecycle.isReady(member.pod)),
                    "terminating": .bool(member.terminating),
                ],
                "targetRef": Self.targetRef(member.pod),
            ]
            if let node = member.pod[path: ["spec", "nodeName"]] { endpoint["nodeName"] = node }
            return endpoint
        }
        // One slice holds endpoints with the same ports; those of the first member stand for all.
        let ports = members.first?.ports ?? []
        var labels = service.stringMap(at: ["metadata", "labels"])
        labels[Self.serviceNameLabel] = service.name
        labels[Self.managedByLabel] = Self.managedBy
        if service[path: ["spec", "clusterIP"]]?.stringValue == "None" { labels["service.kubernetes.io/headless"] = "" }
        let owned = store.list(.endpointSlices, namespace: service.namespace).map(\.value)
            .filter { $0.labels[Self.serviceNameLabel] == service.name && $0.labels[Self.managedByLabel] == Self.managedBy }
        for extra in owned.dropFirst() { store.remove(.endpointSlices, namespace: extra.namespace, name: extra.name) }
        let endpointsValue: JSONValue = endpoints.isEmpty ? .null : .array(endpoints)
        let portsValue: JSONValue = ports.isEmpty ? .null : .array(ports)
        if let existing = owned.first, existing["endpoints"] == endpointsValue, existing["ports"] == portsValue,
            existing.labels == labels
        {
            return
        }
        var slice: JSONValue
        if let existing = owned.first {
            slice = existing
            slice[path: ["metadata", "generation"]] = .number(existing.generation + 1)
        } else {
            var name = ""
            repeat { name = "\(service.name)-\(newSuffix())" } while store.contains(.endpointSlices, namespace: service.namespace, name: name)
            slice = [
                "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice", "addressType": "IPv4",
                "metadata": [
                    "name": .string(name), "generateName": .string("\(service.name)-"), "namespace": .string(service.namespace),
                    "uid": .string(newUID()), "creationTimestamp": .string(Timestamp.format(now)),
                    "generation": 1, "ownerReferences": [service.ownerReference(kind: .services)],
                ],
            ]
        }
        slice[path: ["metadata", "labels"]] = .stringObject(labels)
        slice[path: ["metadata", "annotations", Self.triggerAnnotation]] = .string(Timestamp.format(now))
        slice["endpoints"] = endpointsValue
        slice["ports"] = portsValue
        store.put(.endpointSlices, slice)
    }
}
