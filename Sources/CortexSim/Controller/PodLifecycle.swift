import CortexCore
import Foundation

/// What the simulated kubelet does with a container image.
///
/// **Broken-image convention.** An image whose reference contains `broken` (in any case,
/// in the name or the tag: `registry.example.com/payments:2.0-broken`, `broken/web:1`)
/// never pulls: its pods stay `Pending` with `ErrImagePull`, then `ImagePullBackOff`. An
/// image whose reference contains `crashloop` pulls and starts but exits at once: its pods
/// run in `CrashLoopBackOff` with a growing restart count. Neither ever becomes ready, so a
/// rollout to such an image stalls and ends in `ProgressDeadlineExceeded` once the
/// Deployment's `progressDeadlineSeconds` (scaled by the pace) have passed without progress.
/// Every other image starts and becomes ready about two simulated seconds after its pod
/// is created.
enum ImageBehavior: Equatable, Sendable {
    case healthy
    case pullFailure
    case crashLoop

    init(image: String) {
        let reference = image.lowercased()
        if reference.contains("crashloop") {
            self = .crashLoop
        } else if reference.contains("broken") {
            self = .pullFailure
        } else {
            self = .healthy
        }
    }
}

/// The status of a simulated pod as a function of its spec, its age and the pace: a pod
/// is pending for one simulated second, running after that, and ready after two, unless
/// an image is broken (see `ImageBehavior`). The status changes only at those instants,
/// so recomputing it on every controller pass writes nothing in between.
struct PodLifecycle {
    static let startSeconds = 1.0
    static let readySeconds = 2.0
    /// Crash-looping containers restart after 10, 20, 40... simulated seconds, at most 300.
    static let firstBackoffSeconds = 10.0

    var pace: SimulationPace

    func status(of pod: JSONValue, now: Date) -> JSONValue {
        let created = pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) ?? now
        let age = pace.simulatedSeconds(now.timeIntervalSince(created))
        func at(_ simulated: Double) -> JSONValue {
            .string(Timestamp.format(created.addingTimeInterval(pace.wallSeconds(simulated))))
        }
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        var statuses: [JSONValue] = []
        var allReady = !containers.isEmpty
        var anyStarted = false
        for container in containers {
            let (status, ready, started) = containerStatus(container, pod: pod, age: age, at: at)
            statuses.append(status)
            allReady = allReady && ready
            anyStarted = anyStarted || started
        }
        let unready = zip(containers, statuses).filter { $0.1["ready"]?.boolValue != true }
            .compactMap { $0.0["name"]?.stringValue }
        let readyTime = allReady ? at(Self.readySeconds) : at(0)
        var readyCondition: JSONValue = [
            "type": "Ready", "status": allReady ? "True" : "False", "lastProbeTime": .null, "lastTransitionTime": readyTime,
        ]
        if !allReady {
            readyCondition["reason"] = "ContainersNotReady"
            readyCondition["message"] = .string("containers with unready status: [\(unready.joined(separator: " "))]")
        }
        var containersReady = readyCondition
        containersReady["type"] = "ContainersReady"
        let identity = PodIdentity(name: pod.name)
        return [
            "phase": anyStarted ? "Running" : "Pending",
            "conditions": [
                ["type": "Initialized", "status": "True", "lastProbeTime": .null, "lastTransitionTime": at(0)],
                readyCondition, containersReady,
                ["type": "PodScheduled", "status": "True", "lastProbeTime": .null, "lastTransitionTime": at(0)],
            ],
            "hostIP": .string(identity.hostIP), "podIP": .string(identity.podIP),
            "podIPs": [["ip": .string(identity.podIP)]], "startTime": at(0),
            "containerStatuses": .array(statuses), "qosClass": .string(Self.qosClass(containers)),
        ]
    }

    /// How far a pod's life has come at `now`, per container: the status `status(of:now:)`
    /// computes is the same at every moment of the same stage (for the same pod). Nil when
    /// the pod has no readable creation time, and its status follows `now` itself.
    func stage(of pod: JSONValue, now: Date) -> [Int]? {
        guard let created = pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) else { return nil }
        let age = pace.simulatedSeconds(now.timeIntervalSince(created))
        return (pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { container in
            guard age >= Self.startSeconds else { return 0 }
            switch ImageBehavior(image: container["image"]?.stringValue ?? "") {
            case .pullFailure: return age >= 5 ? 2 : 1
            case .crashLoop: return 1 + Self.crashes(age: age).0
            case .healthy: return age >= Self.readySeconds ? 2 : 1
            }
        }
    }

    private func containerStatus(
        _ container: JSONValue, pod: JSONValue, age: Double, at: (Double) -> JSONValue
    ) -> (status: JSONValue, ready: Bool, started: Bool) {
        let name = container["name"]?.stringValue ?? ""
        let image = container["image"]?.stringValue ?? ""
        var status: JSONValue = [
            "name": .string(name), "image": .string(image), "restartCount": 0, "started": false, "ready": false,
        ]
        guard age >= Self.startSeconds else {
            status["state"] = ["waiting": ["reason": "ContainerCreating"]]
            return (status, false, false)
        }
        let identity = PodIdentity(name: pod.name + "/" + name)
        switch ImageBehavior(image: image) {
        case .pullFailure:
            let backingOff = age >= 5
            status["state"] = [
                "waiting": [
                    "reason": backingOff ? "ImagePullBackOff" : "ErrImagePull",
                    "message": .string(
                        backingOff
                            ? "Back-off pulling image \"\(image)\""
                            : "failed to pull and unpack image \"\(image)\": not found"),
                ]
            ]
            return (status, false, false)
        case .crashLoop:
            status["imageID"] = .string(identity.imageID(image))
            let (restarts, lastStart) = Self.crashes(age: age)
            status["restartCount"] = .number(restarts)
            status["containerID"] = .string(identity.containerID)
            if restarts > 0 {
                status["lastState"] = [
                    "terminated": [
                        "exitCode": 1, "reason": "Error", "startedAt": at(lastStart), "finishedAt": at(lastStart),
                        "containerID": .string(identity.containerID),
                    ]
                ]
            }
            status["state"] = [
                "waiting": [
                    "reason": "CrashLoopBackOff",
                    "message": .string("back-off restarting failed container=\(name) pod=\(pod.name)"),
                ]
            ]
            return (status, false, true)
        case .healthy:
            let ready = age >= Self.readySeconds
            status["imageID"] = .string(identity.imageID(image))
            status["containerID"] = .string(identity.containerID)
            status["started"] = true
            status["ready"] = .bool(ready)
            status["state"] = ["running": ["startedAt": at(Self.startSeconds)]]
            return (status, ready, true)
        }
    }

    /// Restarts so far and the simulated second of the last one, for a crash-looping container.
    static func crashes(age: Double) -> (Int, Double) {
        var restarts = 0
        var time = startSeconds
        var backoff = firstBackoffSeconds
        while time + backoff <= age {
            time += backoff
            restarts += 1
            backoff = min(backoff * 2, 300)
        }
        return (restarts, time)
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
        var hash: UInt64 = 14_695_981_039_346_656_037
        for byte in name.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 1_099_511_628_211
        }
        seed = hash
    }

    var nodeIndex: Int { Int(seed % 3) + 1 }
    var nodeName: String { "sim-node-\(nodeIndex)" }
    var hostIP: String { "10.0.0.\(10 + nodeIndex)" }
    var podIP: String { "10.244.\(nodeIndex).\(2 + Int((seed >> 8) % 250))" }
    var containerID: String { "containerd://" + hex(seed, length: 64) }

    func imageID(_ image: String) -> String {
        let repository = image.split(separator: ":").first.map(String.init) ?? image
        return "\(repository)@sha256:" + hex(PodIdentity(name: image).seed, length: 64)
    }

    private func hex(_ value: UInt64, length: Int) -> String {
        var text = ""
        var state = value
        while text.count < length {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let chunk = String(state >> 32, radix: 16)
            text += String(repeating: "0", count: 8 - chunk.count) + chunk
        }
        return String(text.prefix(length))
    }
}
