import CortexCore
import Foundation

/// Synthetic but plausible container logs: a start-up banner, then one line every few
/// simulated seconds (requests, health checks, the occasional warning), derived from the
/// pod's name so that the same pod always tells the same story. Crash-looping containers
/// log a fatal error and stop.
struct PodLogs {
    static let secondsPerLine = 5.0
    /// The most lines one request returns when it sets no `tailLines`.
    static let maxLines = 2000

    var pace: SimulationPace

    struct Line {
        var time: Date
        var message: String
        /// Written as is, without the application's own timestamp (a command's output).
        var verbatim = false

        /// The line as the application writes it, with its own timestamp unless verbatim.
        var text: String { verbatim ? message : "\(Timestamp.format(time)) \(message)" }
    }

    /// The lines of one container up to `now`; `tail` keeps the last ones.
    func lines(pod: JSONValue, container: String, now: Date, tail: Int?) -> [Line] {
        let created = pod[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse) ?? now
        let age = pace.simulatedSeconds(now.timeIntervalSince(created))
        let image = pod[path: ["spec", "containers"]]?.arrayValue?
            .first { $0["name"]?.stringValue == container }?["image"]?.stringValue ?? "unknown"
        let service = pod.labels["app"] ?? pod.labels["app.kubernetes.io/name"] ?? container
        func time(_ simulated: Double) -> Date { created.addingTimeInterval(pace.wallSeconds(simulated)) }
        if pod[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always" != "Always",
            ImageBehavior(image: image) == .healthy
        {
            let spec = pod[path: ["spec", "containers"]]?.arrayValue?.first { $0["name"]?.stringValue == container } ?? [:]
            let lines = Self.completionOutput(spec).map { Line(time: time(PodLifecycle.startSeconds), message: $0, verbatim: true) }
            return tail.map { Array(lines.suffix($0)) } ?? lines
        }

        var banner = [
            Line(time: time(PodLifecycle.startSeconds), message: "INFO  starting \(service) (\(image))"),
            Line(time: time(PodLifecycle.startSeconds), message: "INFO  config loaded from /etc/\(service)/config.yaml"),
        ]
        if ImageBehavior(image: image) == .crashLoop {
            banner.append(
                Line(
                    time: time(PodLifecycle.startSeconds),
                    message: "FATAL cannot connect to dependency: dial tcp 10.96.0.42:5432: connect: connection refused"))
            return tail.map { Array(banner.suffix($0)) } ?? banner
        }
        banner.append(Line(time: time(PodLifecycle.startSeconds), message: "INFO  listening on :8080"))
        banner.append(Line(time: time(PodLifecycle.readySeconds), message: "INFO  readiness probe passed, serving traffic"))
        let periodic = age >= PodLifecycle.readySeconds
            ? Int((age - PodLifecycle.readySeconds) / Self.secondsPerLine) : 0
        let wanted = min(tail ?? Self.maxLines, Self.maxLines)
        let firstPeriodic = max(0, periodic - wanted)
        var lines = firstPeriodic == 0 ? banner : []
        let identity = PodIdentity(name: pod.name + "/" + container)
        for index in firstPeriodic..<periodic {
            let simulated = PodLifecycle.readySeconds + Double(index + 1) * Self.secondsPerLine
            lines.append(Line(time: time(simulated), message: Self.message(service: service, seed: identity.seed, index: index)))
        }
        return Array(lines.suffix(wanted))
    }

    /// What a container that runs to completion prints: the words after `echo` when its
    /// command is an `echo` (what kubectl's `create job NAME --image=... -- echo hi` runs),
    /// else a start and a finish line.
    static func completionOutput(_ container: JSONValue) -> [String] {
        let words = ((container["command"]?.arrayValue ?? []) + (container["args"]?.arrayValue ?? [])).compactMap(\.stringValue)
        if words.first == "echo" { return [words.dropFirst().joined(separator: " ")] }
        let name = container["name"]?.stringValue ?? "task"
        return ["INFO  \(name) started", "INFO  \(name) finished: exit 0"]
    }

    private static let paths = ["/api/v1/items", "/api/v1/orders", "/api/v1/status", "/api/v1/users/me", "/healthz", "/metrics"]
    private static let methods = ["GET", "GET", "GET", "POST", "PUT"]

    private static func message(service: String, seed: UInt64, index: Int) -> String {
        var state = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        state = (state ^ (state >> 30)) &* 0xBF58_476D_1CE4_E5B9
        state = (state ^ (state >> 27)) &* 0x94D0_49BB_1331_11EB
        state ^= state >> 31
        let roll = Int(state % 100)
        let latency = 2 + Int((state >> 8) % 180)
        let path = paths[Int((state >> 16) % UInt64(paths.count))]
        let method = methods[Int((state >> 24) % UInt64(methods.count))]
        switch roll {
        case 0..<3:
            return "WARN  \(method) \(path) 503 \(latency * 10)ms upstream timeout, retrying"
        case 3..<5:
            return "INFO  cache refreshed: \(100 + Int((state >> 32) % 900)) entries in \(latency)ms"
        case 5..<8:
            return "INFO  GET /healthz 200 1ms"
        default:
            let status = roll < 12 ? (method == "POST" ? 400 : 404) : (method == "POST" ? 201 : 200)
            return "INFO  \(method) \(path) \(status) \(latency)ms"
        }
    }
}

/// `GET .../pods/{name}/log`: `container`, `tailLines`, `timestamps`, `limitBytes`.
extension Cluster {
    func logs(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let pod = try existing(target, name: name).value
        let containers = pod[path: ["spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        let container: String
        if let requested = request.query["container"], !requested.isEmpty {
            guard containers.contains(requested) else {
                throw .badRequest("container \(requested) is not valid for pod \(name)")
            }
            container = requested
        } else if containers.count == 1 {
            container = containers[0]
        } else {
            throw .badRequest(
                "a container name must be specified for pod \(name), choose one of: [\(containers.joined(separator: " "))]")
        }
        let status = pod[path: ["status", "containerStatuses"]]?.arrayValue?
            .first { $0["name"]?.stringValue == container }
        if let waiting = status?[path: ["state", "waiting", "reason"]]?.stringValue, waiting != "CrashLoopBackOff" {
            let why = waiting.contains("Image") ? "trying and failing to pull image" : waiting
            throw .badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: \(why)")
        }
        if status == nil || status?["state"] == nil {
            throw .badRequest("container \"\(container)\" in pod \"\(name)\" is waiting to start: ContainerCreating")
        }
        let tail = request.query["tailLines"].flatMap(Int.init).map { max(0, $0) }
        let stamped = request.query["timestamps"] == "true"
        var text = ""
        for line in PodLogs(pace: pace).lines(pod: pod, container: container, now: now, tail: tail) {
            if stamped { text += Timestamp.formatNanoseconds(line.time) + " " }
            text += line.text + "\n"
        }
        if let limit = request.query["limitBytes"].flatMap(Int.init), limit >= 0, text.utf8.count > limit {
            text = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        }
        return .text(text)
    }
}
