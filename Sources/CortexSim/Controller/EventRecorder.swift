import CortexCore
import Foundation

/// Writes core/v1 Events as the components' event recorders do: one object per involved
/// object, reason, message and source, whose `count` grows and `lastTimestamp` moves when
/// the same event repeats. The store keeps at most `limit` Events; the oldest go first.
struct EventRecorder {
    let store: ObjectStore
    var limit = 1000

    /// Records one occurrence now, or counts one more of the same event.
    func record(
        _ object: JSONValue, kind: ResourceKind, type: String, reason: String, message: String, component: String,
        now: Date
    ) {
        let name = Self.name(object, reason: reason, message: message, fieldPath: nil, component: component)
        let stamp = Timestamp.format(now)
        if var existing = store.get(.events, namespace: object.namespace, name: name)?.value {
            existing["count"] = .number((existing["count"]?.intValue ?? 1) + 1)
            existing["lastTimestamp"] = .string(stamp)
            store.put(.events, existing)
            return
        }
        put(Self.event(name: name, object, kind: kind, type: type, reason: reason, message: message, fieldPath: nil,
                       component: component, host: nil, count: 1, first: stamp, last: stamp))
    }

    /// Makes the stored Events of a pod agree with what the kubelet and the scheduler have
    /// recorded about it by now; `time` turns the pod's simulated seconds into a date.
    func reconcile(pod: JSONValue, events: [KubeletEvent], time: (Double) -> Date) {
        let host = pod[path: ["spec", "nodeName"]]?.stringValue
        for event in events {
            let name = Self.name(pod, reason: event.reason, message: event.message, fieldPath: event.fieldPath,
                                 component: event.component)
            let first = Timestamp.format(time(event.first))
            let last = Timestamp.format(time(event.last))
            if let existing = store.get(.events, namespace: pod.namespace, name: name)?.value,
                existing["count"]?.intValue == event.count, existing["lastTimestamp"]?.stringValue == last
            {
                continue
            }
            put(Self.event(name: name, pod, kind: .pods, type: event.type, reason: event.reason, message: event.message,
                           fieldPath: event.fieldPath, component: event.component,
                           host: event.component == "kubelet" ? host : nil, count: event.count, first: first, last: last))
        }
    }

    private func put(_ event: JSONValue) {
        let isNew = !store.contains(.events, namespace: event.namespace, name: event.name)
        store.put(.events, event)
        let excess = store.count(.events) - limit
        guard isNew, excess > 0 else { return }
        // The oldest by last timestamp, ties by namespace and name, from the store's index.
        for key in store.oldestEvents(excess) { store.remove(.events, namespace: key.namespace, name: key.name) }
    }

    /// `<object>.<16 hex digits>`, the same for every repeat of the same event.
    static func name(_ object: JSONValue, reason: String, message: String, fieldPath: String?, component: String) -> String {
        let key = [object.uid, reason, message, fieldPath ?? "", component].joined(separator: "\u{1F}")
        return "\(object.name).\(PodIdentity(name: key).hex(length: 16))"
    }

    static func event(
        name: String, _ object: JSONValue, kind: ResourceKind, type: String, reason: String, message: String,
        fieldPath: String?, component: String, host: String?, count: Int, first: String, last: String
    ) -> JSONValue {
        var involved: JSONValue = [
            "kind": .string(kind.kind), "namespace": .string(object.namespace), "name": .string(object.name),
            "uid": .string(object.uid), "apiVersion": .string(kind.apiVersion),
        ]
        if let version = object.resourceVersion { involved["resourceVersion"] = .string(version) }
        if let fieldPath { involved["fieldPath"] = .string(fieldPath) }
        var source: JSONValue = ["component": .string(component)]
        if let host { source["host"] = .string(host) }
        return [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string(name), "namespace": .string(object.namespace), "creationTimestamp": .string(first)],
            "involvedObject": involved, "reason": .string(reason), "message": .string(message), "source": source,
            "firstTimestamp": .string(first), "lastTimestamp": .string(last), "count": .number(count),
            "type": .string(type), "eventTime": .null, "reportingComponent": .string(component),
            "reportingInstance": .string(host ?? component),
        ]
    }
}
