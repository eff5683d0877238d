import CortexCore
import Foundation

/// A controller's refused pod creations, kept as the `FailedCreate` warning Event on the
/// owner: one Event per owner whose count grows and whose message is the latest refusal
/// (the API server's answer names each attempted pod, so the messages differ), as the
/// event correlator combines similar events. The Event also paces the retries: after `n`
/// refusals the controller waits `2^(n-1)` seconds (at most 16) before the next attempt, as
/// its work queue's rate limiter does.
struct CreationFailures {
    let store: ObjectStore
    let owner: JSONValue
    let ownerKind: ResourceKind
    let component: String

    static let maxDelay: Double = 16

    private var eventName: String {
        EventRecorder.name(owner, reason: "FailedCreate", message: "", fieldPath: nil, component: component)
    }

    /// Whether enough time has passed since the last refusal to try again.
    func mayRetry(now: Date) -> Bool {
        guard let event = store.get(.events, namespace: owner.namespace, name: eventName)?.value,
            let last = event["lastTimestamp"]?.stringValue.flatMap(Timestamp.parse)
        else { return true }
        let count = max(1, event["count"]?.intValue ?? 1)
        let delay = min(Self.maxDelay, pow(2, Double(min(count, 8) - 1)))
        return now.timeIntervalSince(last) >= delay
    }

    /// The owner's `ReplicaFailure` condition while it is short of pods and its last
    /// attempt was refused: the refusal's message, since the time the condition arose.
    func condition(short: Bool, previous: JSONValue?, now: Date) -> JSONValue? {
        guard short, let event = store.get(.events, namespace: owner.namespace, name: eventName)?.value,
            let message = event["message"]?.stringValue
        else { return nil }
        let since = previous?.arrayValue?.first { $0["type"] == "ReplicaFailure" }?["lastTransitionTime"]
        return [
            "type": "ReplicaFailure", "status": "True", "reason": "FailedCreate",
            "message": .string(message.hasPrefix("Error creating: ") ? String(message.dropFirst("Error creating: ".count)) : message),
            "lastTransitionTime": since ?? event["lastTimestamp"] ?? .string(Timestamp.format(now)),
        ]
    }

    /// Records one refusal of pod `pod` with the API server's message.
    func record(pod: String, _ message: String, now: Date) {
        let text = ownerKind == .statefulSets
            ? "create Pod \(pod) in StatefulSet \(owner.name) failed error: \(message)" : "Error creating: \(message)"
        let stamp = Timestamp.format(now)
        if var existing = store.get(.events, namespace: owner.namespace, name: eventName)?.value {
            existing["count"] = .number((existing["count"]?.intValue ?? 1) + 1)
            existing["lastTimestamp"] = .string(stamp)
            existing["message"] = .string(text)
            store.put(.events, existing)
            return
        }
        store.put(.events, EventRecorder.event(
            name: eventName, owner, kind: ownerKind, type: "Warning", reason: "FailedCreate", message: text, fieldPath: nil,
            component: component, host: nil, count: 1, first: stamp, last: stamp))
    }
}
