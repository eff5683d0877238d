import CortexCore
import Foundation

/// The status of a simulated pod as a function of its spec, its age and the pace, as the
/// scheduler and the kubelet would write it: a pod is scheduled at once (or never, when
/// no node can hold its requests), its containers start one simulated second after it is
/// created and become ready after two, unless an image asks for a failure (see
/// `ImageBehavior` and `ContainerTimeline`). Init containers run to completion first. A pod
/// whose `restartPolicy` is `Never` or `OnFailure` (a Job's) runs to completion too: once
/// every container has exited it is `Succeeded`, or `Failed` when one failed for good. The
/// status changes only at discrete instants (`stage`), so recomputing it on every
/// controller pass writes nothing in between.
struct PodLifecycle {
    static let startSeconds = 1.0
    static let readySeconds = 2.0
    /// How often the scheduler retries a pod that does not fit, in simulated seconds.
    static let scheduleRetrySeconds = 60.0

    var pace: SimulationPace
    /// Which ConfigMaps and Secrets exist, for the containers that reference them.
    var lookup: ObjectLookup = .everything

    /// The status, the events recorded so far and the stage of a pod at `now`.
    struct Snapshot {
        var status: JSONValue
        var events: [KubeletEvent]
        var stage: [Int]
    }

    func status(of pod: JSONValue, now: Date) -> JSONValue { snapshot(of: pod, now: now).status }

    /// Turns a pod's simulated seconds since its creation into a date.
    func time(of pod: JSONValue) -> (Double) -> Date {
        let created = pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) ?? .distantPast
        let pace = pace
        return { created.addingTimeInterval(pace.wallSeconds($0)) }
    }

    /// How far a pod's life has come at `now`: the status `status(of:now:)` computes is the
    /// same at every moment of the same stage (for the same pod and the same ConfigMaps and
    /// Secrets). Nil when the pod has no readable creation time, and its status follows
    /// `now` itself.
    func stage(of pod: JSONValue, now: Date) -> [Int]? {
        guard pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) != nil else { return nil }
        return snapshot(of: pod, now: now).stage
    }

    func snapshot(of pod: JSONValue, now: Date) -> Snapshot {
        let created = pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) ?? now
        let age = max(0, pace.simulatedSeconds(now.timeIntervalSince(created)))
        func at(_ simulated: Double) -> JSONValue {
            .string(Timestamp.format(created.addingTimeInterval(pace.wallSeconds(simulated))))
        }
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        let initContainers = pod[path: ["spec", "initContainers"]]?.arrayValue ?? []
        let qos = JSONValue.string(Self.qosClass(containers))

        if let message = PodScheduling.unschedulableMessage(pod) {
            let retries = 1 + Int(age / Self.scheduleRetrySeconds)
            let event = KubeletEvent(
                type: "Warning", reason: "FailedScheduling", message: message, count: retries, first: 0,
                last: Double(retries - 1) * Self.scheduleRetrySeconds, component: "default-scheduler")
            let status: JSONValue = [
                "phase": "Pending",
                "conditions": [
                    [
                        "type": "PodScheduled", "status": "False", "lastProbeTime": .null, "lastTransitionTime": at(0),
                        "reason": "Unschedulable", "message": .string(message),
                    ]
                ],
                "qosClass": qos,
            ]
            return Snapshot(status: status, events: [event], stage: [-1, retries])
        }

        let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? PodIdentity(name: pod.name).nodeName
        var events = [
            KubeletEvent(
                type: "Normal", reason: "Scheduled", message: "Successfully assigned \(pod.namespace)/\(pod.name) to \(node)",
                count: 1, first: 0, last: 0, component: "default-scheduler")
        ]
        var stage: [Int] = []

        // Init containers, one after the other; the main containers wait for all of them.
        var initStatuses: [JSONValue] = []
        var initialized = true
        var pendingInit: [String] = []
        var clock = 0.0
        for container in initContainers {
            let timeline = ContainerTimeline(
                container: container, pod: pod, isInit: true, missingReference: missingReference(container, pod: pod))
            guard initialized else {
                initStatuses.append([
                    "name": .string(timeline.name), "image": .string(timeline.image), "imageID": "", "restartCount": 0,
                    "started": false, "ready": false, "lastState": [:], "state": ["waiting": ["reason": "PodInitializing"]],
                ])
                pendingInit.append(timeline.name)
                stage.append(0)
                continue
            }
            let snapshot = timeline.snapshot(age: age - clock, at: { at($0 + clock) })
            initStatuses.append(snapshot.status)
            events += snapshot.events.map { Self.shifted($0, by: clock) }
            stage.append(snapshot.stage)
            if !snapshot.completed {
                initialized = false
                pendingInit.append(timeline.name)
            } else {
                clock += Self.startSeconds
            }
        }

        var statuses: [JSONValue] = []
        var unready: [String] = []
        var anyStarted = false
        var finished = 0, failed = 0
        for container in containers {
            let name = container["name"]?.stringValue ?? ""
            guard initialized else {
                statuses.append([
                    "name": .string(name), "image": .string(container["image"]?.stringValue ?? ""), "imageID": "",
                    "restartCount": 0, "started": false, "ready": false, "lastState": [:],
                    "state": ["waiting": ["reason": "PodInitializing"]],
                ])
                unready.append(name)
                stage.append(0)
                continue
            }
            let timeline = ContainerTimeline(
                container: container, pod: pod, isInit: false, missingReference: missingReference(container, pod: pod))
            let snapshot = timeline.snapshot(age: age - clock, at: { at($0 + clock) })
            statuses.append(snapshot.status)
            events += snapshot.events.map { Self.shifted($0, by: clock) }
            stage.append(snapshot.stage)
            anyStarted = anyStarted || snapshot.started
            if !snapshot.ready { unready.append(name) }
            if snapshot.completed || snapshot.failed { finished += 1 }
            if snapshot.failed { failed += 1 }
        }
        let allReady = !containers.isEmpty && unready.isEmpty
        let readyTime = allReady ? at(clock + Self.readySeconds) : at(0)
        var readyCondition: JSONValue = [
            "type": "Ready", "status": allReady ? "True" : "False", "lastProbeTime": .null, "lastTransitionTime": readyTime,
        ]
        // Every container of a pod that runs to completion has exited: the pod is done.
        let terminal = !containers.isEmpty && finished == containers.count
        if terminal {
            readyCondition["reason"] = "PodCompleted"
            readyCondition["lastTransitionTime"] = at(clock + Self.startSeconds + ContainerTimeline.completionRunSeconds)
        } else if !allReady {
            readyCondition["reason"] = "ContainersNotReady"
            readyCondition["message"] = .string("containers with unready status: [\(unready.joined(separator: " "))]")
        }
        var containersReady = readyCondition
        containersReady["type"] = "ContainersReady"
        var initializedCondition: JSONValue = [
            "type": "Initialized", "status": initialized ? "True" : "False", "lastProbeTime": .null,
            "lastTransitionTime": at(initialized ? clock : 0),
        ]
        if !initialized {
            initializedCondition["reason"] = "ContainersNotInitialized"
            initializedCondition["message"] = .string(
                "containers with incomplete status: [\(pendingInit.joined(separator: " "))]")
        }
        let identity = PodIdentity(name: pod.name, node: pod[path: ["spec", "nodeName"]]?.stringValue)
        var status: JSONValue = [
            "phase": .string(terminal ? (failed > 0 ? "Failed" : "Succeeded") : initialized && anyStarted ? "Running" : "Pending"),
            "conditions": [
                ["type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": .null, "lastTransitionTime": at(Self.startSeconds)],
                initializedCondition, readyCondition, containersReady,
                ["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": at(0)],
            ],
            "hostIP": .string(identity.hostIP), "hostIPs": [["ip": .string(identity.hostIP)]],
            "podIP": .string(identity.podIP), "podIPs": [["ip": .string(identity.podIP)]], "startTime": at(0),
            "containerStatuses": .array(statuses), "qosClass": qos,
        ]
        if age < Self.startSeconds {
            status["conditions"] = .array(Array((status["conditions"]?.arrayValue ?? []).dropFirst()))
            status["podIP"] = nil
            status["podIPs"] = nil
        }
        if !initStatuses.isEmpty { status["initContainerStatuses"] = .array(initStatuses) }
        return Snapshot(status: status, events: events, stage: [age < Self.startSeconds ? 0 : 1] + stage)
    }

    private static func shifted(_ event: KubeletEvent, by offset: Double) -> KubeletEvent {
        var event = event
        event.first += offset
        event.last += offset
        return event
    }

    /// The kubelet's message for the first ConfigMap or Secret a container needs that does
    /// not exist (`optional` references excepted).
    func missingReference(_ container: JSONValue, pod: JSONValue) -> String? {
        let namespace = pod.namespace
        for source in container["envFrom"]?.arrayValue ?? [] {
            if let ref = source["configMapRef"], ref["optional"]?.boolValue != true, let name = ref["name"]?.stringValue,
                !lookup.configMapExists(namespace, name)
            {
                return "configmap \"\(name)\" not found"
            }
            if let ref = source["secretRef"], ref["optional"]?.boolValue != true, let name = ref["name"]?.stringValue,
                !lookup.secretExists(namespace, name)
            {
                return "secret \"\(name)\" not found"
            }
        }
        for variable in container["env"]?.arrayValue ?? [] {
            if let ref = variable[path: ["valueFrom", "configMapKeyRef"]], ref["optional"]?.boolValue != true,
                let name = ref["name"]?.stringValue, !lookup.configMapExists(namespace, name)
            {
                return "configmap \"\(name)\" not found"
            }
            if let ref = variable[path: ["valueFrom", "secretKeyRef"]], ref["optional"]?.boolValue != true,
                let name = ref["name"]?.stringValue, !lookup.secretExists(namespace, name)
            {
                return "secret \"\(name)\" not found"
            }
        }
        return nil
    }

    /// Ready now, per the pod's own `Ready` condition.
    static func isReady(_ pod: JSONValue) -> Bool {
        readySince(pod) != nil
    }

    /// Ready for at least `minReadySeconds` simulated seconds.
    func isAvailable(_ pod: JSONValue, minReadySeconds: Int, now: Date) -> Bool {
        guard let since = Self.readySince(pod) else { return false }
        guard minReadySeconds > 0 else { return true }
        return pace.simulatedSeconds(now.timeIntervalSince(since)) >= Double(minReadySeconds)
    }

    private static func readySince(_ pod: JSONValue) -> Date? {
        guard let condition = pod[path: ["status", "conditions"]]?.arrayValue?.first(where: { $0["type"] == "Ready" }),
            condition["status"] == "True"
        else { return nil }
        return condition["lastTransitionTime"]?.stringValue.flatMap(Timestamp.parse) ?? .distantPast
    }

    private static func qosClass(_ containers: [JSONValue]) -> String {
        let resources = containers.map { $0["resources"] ?? .null }
        if resources.allSatisfy({ $0["requests"] == nil && $0["limits"] == nil }) { return "BestEffort" }
        let guaranteed = resources.allSatisfy { resource in
            guard let limits = resource["limits"]?.objectValue, limits["cpu"] != nil, limits["memory"] != nil else {
                return false
            }
            return resource["requests"].map { $0 == resource["limits"] } ?? true
        }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}

/// Stable, plausible identifiers derived from a pod's name: IPs, container and image ids.
struct PodIdentity {
    let seed: UInt64

    init(name: String) {
        boundNode = nil
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        seed = hash
    }

    /// The node the pod is bound to, when the scheduler or a controller chose it.
    private var boundNode: Int?

    /// The identity of a pod bound to `node`: its host and pod IPs are that node's.
    init(name: String, node: String?) {
        self.init(name: name)
        if let node, node.hasPrefix("sim-node-"), let index = Int(node.dropFirst("sim-node-".count)) { boundNode = index }
    }

    /// The node of a pod not yet bound: derived from its name, as the simulated scheduler places it.
    var nodeIndex: Int { boundNode ?? Int(seed % 3) + 1 }
    var nodeName: String { "sim-node-\(nodeIndex)" }
    var hostIP: String { "10.0.0.\(10 + nodeIndex)" }
    var podIP: String { "10.244.\(nodeIndex).\(2 + Int((seed >> 8) % 250))" }
    func imageID(_ image: String) -> String {
        let repository = image.split(separator: ":").first.map(String.init) ?? image
        return "\(repository)@sha256:" + hex(PodIdentity(name: image).seed, length: 64)
    }

    /// How long the simulated pull of the image took, in milliseconds.
    var pullMilliseconds: Int { 300 + Int(seed % 900) }
    /// The size of the simulated image, in bytes.
    var imageSize: Int { 20_000_000 + Int((seed >> 16) % 180_000_000) }

    /// `length` hex digits derived from the name.
    func hex(length: Int) -> String { hex(seed, length: length) }

    /// Eight lowercase hex digits (zero-padded) of the high half of each step of a linear
    /// congruential generator seeded with `value`, cut to `length`.
    private func hex(_ value: UInt64, length: Int) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(length + 8)
        var state = value
        while digits.count < length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let chunk = state >> 32
            for shift in stride(from: 28, through: 0, by: -4) {
                digits.append(Self.hexDigits[Int((chunk >> UInt64(shift)) & 0xF)])
            }
        }
        return String(decoding: digits.prefix(length), as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}
