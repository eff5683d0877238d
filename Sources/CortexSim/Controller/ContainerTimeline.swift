import CortexCore
import Foundation

/// What the simulated kubelet reports about one event it recorded for a pod, aggregated
/// the way the event recorder aggregates repeats: times are simulated seconds since the
/// pod was created.
struct KubeletEvent: Equatable, Sendable {
    var type: String
    var reason: String
    var message: String
    var fieldPath: String?
    var count: Int
    var first: Double
    var last: Double
    /// `kubelet` or `default-scheduler`.
    var component: String = "kubelet"
}

/// One container's life as a function of its pod's age (simulated seconds since the pod
/// was created): its status as the kubelet writes it, the events it recorded on the way,
/// its instances (for logs), and a stage number that changes whenever any of these does.
struct ContainerTimeline {
    /// When a container first starts (its image pulled), in simulated seconds.
    static let startSeconds = PodLifecycle.startSeconds
    /// How long a crash-looping instance runs before it exits; an `oom` instance runs longer.
    static let crashRunSeconds = 1.0
    static let oomRunSeconds = 3.0
    /// How long `ErrImagePull` shows after each failed pull before `ImagePullBackOff`.
    static let pullErrorSeconds = 1.0
    /// How often a container that cannot be configured is retried.
    static let configRetrySeconds = 10.0

    let name: String
    let image: String
    let behavior: ImageBehavior
    let podName: String
    let namespace: String
    let podUID: String
    /// `spec.containers{name}` or `spec.initContainers{name}`.
    let fieldPath: String
    /// An init container: a healthy one runs to completion.
    let isInit: Bool
    /// Why the kubelet cannot build the container's configuration (`configmap "x" not
    /// found`), when a ConfigMap or Secret it references is missing.
    let missingReference: String?
    let probePeriod: Double
    let probeDelay: Double
    /// A main container of a pod whose `restartPolicy` is `Never` or `OnFailure` (a Job's):
    /// a healthy one runs for `completionRunSeconds` and exits 0.
    let runsToCompletion: Bool
    /// Whether the kubelet starts the container again after it fails (`restartPolicy` not `Never`).
    let restartsAfterFailure: Bool
    /// How long a container that runs to completion runs.
    static let completionRunSeconds = 1.0

    init(container: JSONValue, pod: JSONValue, isInit: Bool, missingReference: String?) {
        name = container["name"]?.stringValue ?? ""
        image = container["image"]?.stringValue ?? ""
        let behavior = ImageBehavior(image: image)
        // Only the kubelet's own view matters here: scheduling happens before any container,
        // and a `noconfig` container fails only while what it references is missing.
        self.behavior = behavior == .unschedulable || behavior == .missingConfig ? .healthy : behavior
        podName = pod.name
        namespace = pod.namespace
        podUID = pod.uid
        fieldPath = "spec.\(isInit ? "initContainers" : "containers"){\(name)}"
        self.isInit = isInit
        self.missingReference = missingReference
        probePeriod = Double(container[path: ["readinessProbe", "periodSeconds"]]?.intValue ?? 10)
        probeDelay = Double(container[path: ["readinessProbe", "initialDelaySeconds"]]?.intValue ?? 0)
        let restartPolicy = pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        runsToCompletion = !isInit && restartPolicy != "Always"
        restartsAfterFailure = isInit || restartPolicy != "Never"
    }

    /// One run of the container: its start and, once it has exited, its end.
    struct Instance: Equatable {
        var index: Int
        var start: Double
        var end: Double?
    }

    struct Snapshot {
        var status: JSONValue
        var ready: Bool
        /// Has run (the pod's phase is Running once any container has).
        var started: Bool
        /// An init container, or one that runs to completion, that has exited 0.
        var completed: Bool
        /// Has exited with an error and will not be started again.
        var failed = false
        var stage: Int
        var events: [KubeletEvent]
    }

    /// The exit an instance of this container makes, when it exits.
    private var exit: (code: Int, reason: String)? {
        switch behavior {
        case .crashLoop: (1, "Error")
        case .outOfMemory: (137, "OOMKilled")
        default: (isInit || runsToCompletion) && behavior == .healthy ? (0, "Completed") : nil
        }
    }

    private var runSeconds: Double {
        switch behavior {
        case .outOfMemory: Self.oomRunSeconds
        case .crashLoop: Self.crashRunSeconds
        default: 0
        }
    }

    /// The kubelet's crash back-off after the `n`th exit (0-based): 10 s, doubling, at most 300 s.
    static func backoff(after n: Int) -> Double { min(10 * pow(2, Double(min(n, 10))), 300) }

    /// The instances started by `age`, oldest first.
    func instances(age: Double) -> [Instance] {
        guard missingReference == nil, age >= Self.startSeconds else { return [] }
        switch behavior {
        case .pullFailure: return []
        case .crashLoop, .outOfMemory:
            var result: [Instance] = []
            var start = Self.startSeconds
            while start <= age, result.count < (restartsAfterFailure ? 10_000 : 1) {
                let end = start + runSeconds
                result.append(Instance(index: result.count, start: start, end: end <= age ? end : nil))
                start = end + Self.backoff(after: result.count - 1)
            }
            return result
        case .healthy where runsToCompletion:
            let end = Self.startSeconds + Self.completionRunSeconds
            return [Instance(index: 0, start: Self.startSeconds, end: end <= age ? end : nil)]
        case .healthy, .unready, .unschedulable, .missingConfig:
            return [Instance(index: 0, start: Self.startSeconds, end: isInit ? Self.startSeconds : nil)]
        }
    }

    func snapshot(age: Double, at: (Double) -> JSONValue) -> Snapshot {
        var status: JSONValue = [
            "name": .string(name), "image": .string(image), "imageID": "", "restartCount": 0, "started": false,
            "ready": false, "lastState": [:],
        ]
        var events = [KubeletEvent(type: "Normal", reason: "Pulling", message: "Pulling image \"\(image)\"",
                                   fieldPath: fieldPath, count: 1, first: 0, last: 0)]
        guard age >= Self.startSeconds else {
            status["state"] = ["waiting": ["reason": isInit ? "PodInitializing" : "ContainerCreating"]]
            return Snapshot(status: status, ready: false, started: false, completed: false, stage: 0, events: events)
        }
        if behavior == .pullFailure { return pullFailure(age: age, status: status, events: events) }
        let identity = PodIdentity(name: podName + "/" + name)
        status["imageID"] = .string(identity.imageID(Self.qualified(image)))
        events.append(
            KubeletEvent(
                type: "Normal", reason: "Pulled",
                message: "Successfully pulled image \"\(image)\" in \(identity.pullMilliseconds)ms "
                    + "(\(identity.pullMilliseconds)ms including waiting). Image size: \(identity.imageSize) bytes.",
                fieldPath: fieldPath, count: 1, first: Self.startSeconds, last: Self.startSeconds))
        if let missingReference {
            let retries = 1 + Int((age - Self.startSeconds) / Self.configRetrySeconds)
            let last = Self.startSeconds + Double(retries - 1) * Self.configRetrySeconds
            events.append(
                KubeletEvent(type: "Warning", reason: "Failed", message: "Error: \(missingReference)",
                             fieldPath: fieldPath, count: retries, first: Self.startSeconds, last: last))
            if retries > 1 {
                events.append(
                    KubeletEvent(type: "Normal", reason: "Pulled",
                                 message: "Container image \"\(image)\" already present on machine",
                                 fieldPath: fieldPath, count: retries - 1, first: Self.startSeconds + Self.configRetrySeconds,
                                 last: last))
            }
            status["state"] = ["waiting": ["reason": "CreateContainerConfigError", "message": .string(missingReference)]]
            return Snapshot(status: status, ready: false, started: false, completed: false, stage: retries, events: events)
        }

        let runs = instances(age: age)
        guard let current = runs.last else {
            status["state"] = ["waiting": ["reason": "ContainerCreating"]]
            return Snapshot(status: status, ready: false, started: false, completed: false, stage: 0, events: events)
        }
        let starts = runs.map(\.start)
        events.append(
            KubeletEvent(type: "Normal", reason: "Created", message: "Created container: \(name)", fieldPath: fieldPath,
                         count: runs.count, first: starts[0], last: current.start))
        events.append(
            KubeletEvent(type: "Normal", reason: "Started", message: "Started container \(name)", fieldPath: fieldPath,
                         count: runs.count, first: starts[0], last: current.start))
        if runs.count > 1 {
            events.append(
                KubeletEvent(type: "Normal", reason: "Pulled", message: "Container image \"\(image)\" already present on machine",
                             fieldPath: fieldPath, count: runs.count - 1, first: starts[1], last: current.start))
        }
        status["restartCount"] = .number(current.index)
        status["containerID"] = .string(containerID(current.index))
        let exited = runs.filter { $0.end != nil }
        if current.end == nil, runs.count > 1, let exit {
            status["lastState"] = ["terminated": terminated(runs[runs.count - 2], exit: exit, at: at)]
        }
        var stage = 2 * runs.count + (current.end == nil ? 0 : 1)
        var ready = false
        if let exit, let end = current.end {
            if exit.code == 0 {
                status["state"] = ["terminated": terminated(current, exit: exit, at: at)]
                    return Snapshot(status: status, ready: false, started: true, completed: true, stage: stage, events: events)
            }
            if !restartsAfterFailure {
                // `restartPolicy: Never`: the failed container stays terminated.
                status["state"] = ["terminated": terminated(current, exit: exit, at: at)]
                return Snapshot(status: status, ready: false, started: true, completed: false, failed: true, stage: stage,
                                events: events)
            }
            let delay = Self.backoff(after: current.index)
            status["state"] = [
                "waiting": [
                    "reason": "CrashLoopBackOff",
                    "message": .string(
                        "back-off \(Self.goDuration(delay)) restarting failed container=\(name) pod=\(podName)_\(namespace)(\(podUID))"),
                ]
            ]
            status["lastState"] = ["terminated": terminated(current, exit: exit, at: at)]
            events.append(
                KubeletEvent(type: "Warning", reason: "BackOff",
                             message: "Back-off restarting failed container \(name) in pod \(podName)_\(namespace)(\(podUID))",
                             fieldPath: fieldPath, count: exited.count, first: exited[0].end ?? end, last: end))
        } else {
            status["state"] = ["running": ["startedAt": at(current.start)]]
            status["started"] = true
            if behavior == .unready {
                let probes = age >= current.start + probeDelay ? 1 + Int((age - current.start - probeDelay) / probePeriod) : 0
                if probes > 0 {
                    let first = current.start + probeDelay
                    events.append(
                        KubeletEvent(type: "Warning", reason: "Unhealthy",
                                     message: "Readiness probe failed: HTTP probe failed with statuscode: 503",
                                     fieldPath: fieldPath, count: probes, first: first,
                                     last: first + Double(probes - 1) * probePeriod))
                }
                stage += probes
            } else if behavior == .healthy, !isInit {
                ready = age >= PodLifecycle.readySeconds
                stage += ready ? 1 : 0
            }
        }
        status["ready"] = .bool(ready)
        return Snapshot(status: status, ready: ready, started: true, completed: false, stage: stage, events: events)
    }

    private func pullFailure(age: Double, status: JSONValue, events: [KubeletEvent]) -> Snapshot {
        var status = status
        var events = events
        // Pulls are tried at 0, then after 10, 20, 40... seconds of back-off; each fails a second later.
        var attempts: [Double] = [0]
        while attempts.count < 10_000 {
            let next = attempts.last! + Self.startSeconds + Self.backoff(after: attempts.count - 1)
            guard next + Self.startSeconds <= age else { break }
            attempts.append(next)
        }
        let failures = attempts.map { $0 + Self.startSeconds }.filter { $0 <= age }
        let lastFailure = failures.last ?? Self.startSeconds
        let reference = Self.qualified(image)
        let cause = "failed to pull and unpack image \"\(reference)\": failed to resolve reference \"\(reference)\": "
            + "\(reference): not found"
        let pullError = "rpc error: code = NotFound desc = \(cause)"
        let backingOff = age >= lastFailure + Self.pullErrorSeconds
        events[0].count = attempts.count
        events[0].last = attempts.last ?? 0
        events.append(
            KubeletEvent(type: "Warning", reason: "Failed", message: "Failed to pull image \"\(image)\": \(pullError)",
                         fieldPath: fieldPath, count: failures.count, first: Self.startSeconds, last: lastFailure))
        events.append(
            KubeletEvent(type: "Warning", reason: "Failed", message: "Error: ErrImagePull", fieldPath: fieldPath,
                         count: failures.count, first: Self.startSeconds, last: lastFailure))
        let backoffs = failures.filter { $0 + Self.pullErrorSeconds <= age }
        if let lastBackoff = backoffs.last {
            events.append(
                KubeletEvent(type: "Normal", reason: "BackOff", message: "Back-off pulling image \"\(image)\"",
                             fieldPath: fieldPath, count: backoffs.count, first: Self.startSeconds + Self.pullErrorSeconds,
                             last: lastBackoff + Self.pullErrorSeconds))
            events.append(
                KubeletEvent(type: "Warning", reason: "Failed", message: "Error: ImagePullBackOff", fieldPath: fieldPath,
                             count: backoffs.count, first: Self.startSeconds + Self.pullErrorSeconds,
                             last: lastBackoff + Self.pullErrorSeconds))
        }
        status["state"] = [
            "waiting": backingOff
                ? ["reason": "ImagePullBackOff", "message": .string("Back-off pulling image \"\(image)\": ErrImagePull: \(pullError)")]
                : ["reason": "ErrImagePull", "message": .string(pullError)]
        ]
        return Snapshot(status: status, ready: false, started: false, completed: false,
                        stage: 2 * failures.count + (backingOff ? 1 : 0), events: events)
    }

    private func terminated(_ instance: Instance, exit: (code: Int, reason: String), at: (Double) -> JSONValue) -> JSONValue {
        [
            "exitCode": .number(exit.code), "reason": .string(exit.reason), "startedAt": at(instance.start),
            "finishedAt": at(instance.end ?? instance.start), "containerID": .string(containerID(instance.index)),
        ]
    }

    /// The runtime's id of the `index`th instance.
    func containerID(_ index: Int) -> String {
        "containerd://" + PodIdentity(name: "\(podName)/\(name)/\(index)").hex(length: 64)
    }

    /// The reference as containerd names it: `nginx:1.27` → `docker.io/library/nginx:1.27`.
    static func qualified(_ image: String) -> String {
        let parts = image.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0].contains(".") || parts[0].contains(":") || parts[0] == "localhost" { return image }
        return parts.count == 1 ? "docker.io/library/\(image)" : "docker.io/\(image)"
    }

    /// Go's `time.Duration` text for whole seconds: `10s`, `1m20s`, `5m0s`.
    static func goDuration(_ seconds: Double) -> String {
        let total = Int(seconds)
        return total < 60 ? "\(total)s" : "\(total / 60)m\(total % 60)s"
    }
}
