import CortexCore
import Foundation

/// `GET .../pods/{name}/log` with the PodLogOptions a real kubelet honours on top of those
/// `logs` reads: `previous` (the last terminated container's log, or the kubelet's 400 when
/// there is none), `sinceSeconds` and `sinceTime` (only lines at or after the cut-off), and
/// `follow` (the log so far, then each new line as it is written, until the container ends,
/// the pod goes or the client leaves; `limitBytes` counts over the whole stream).
extension Cluster {
    func podLog(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        guard request.query["follow"] == "true" else { return try podLogOnce(target, name: name, request: request, now: now) }
        var once = request
        once.query["follow"] = nil
        once.query["limitBytes"] = nil
        let first = try podLogOnce(target, name: name, request: once, now: now)
        let pod = try existing(target, name: name).value
        let containers = pod[path: ["spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
        var state = LogFollow.State(
            namespace: target.namespace ?? "", pod: name, uid: pod.uid,
            container: request.query["container"].flatMap { $0.isEmpty ? nil : $0 } ?? containers.first ?? "",
            timestamps: request.query["timestamps"] == "true", after: now,
            remainingBytes: request.query["limitBytes"].flatMap(Int.init).map { max(0, $0) })
        let chunk = state.take(first.bytes ?? [])
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        if !chunk.isEmpty { continuation.yield(chunk) }
        // The log of a terminated container (`previous`) is complete: nothing follows it.
        if state.remainingBytes == 0 || request.query["previous"] == "true" {
            continuation.finish()
            return APIResponse(code: 200, contentType: "text/plain", body: .stream(stream))
        }
        var response = APIResponse(code: 200, contentType: "text/plain", body: .stream(stream))
        response.follow = LogFollow(state: state, continuation: continuation)
        return response
    }

    /// The lines written since the last call of a followed log, and whether the stream ends:
    /// the pod is gone (or replaced), its container terminated, or the byte limit is reached.
    func followLogs(_ state: LogFollow.State, now: Date) -> (chunk: [UInt8], state: LogFollow.State, ended: Bool) {
        var state = state
        guard let pod = store.get(.pods, namespace: state.namespace, name: state.pod)?.value, pod.uid == state.uid else {
            return ([], state, true)
        }
        let phase = pod[path: ["status", "phase"]]?.stringValue
        let containerStatus = pod[path: ["status", "containerStatuses"]]?.arrayValue?
            .first { $0["name"]?.stringValue == state.container }
        let terminated = phase == "Succeeded" || phase == "Failed" || containerStatus?[path: ["state", "terminated"]] != nil
        guard now > state.after else { return ([], state, terminated) }
        // Enough lines to cover the time since the last call, plus the start-up banner.
        let wanted = Int(pace.simulatedSeconds(now.timeIntervalSince(state.after)) / PodLogs.secondsPerLine) + 8
        var text = ""
        for line in PodLogs(pace: pace).lines(pod: pod, container: state.container, now: now, tail: wanted)
        where line.time > state.after {
            if state.timestamps { text += Timestamp.formatNanoseconds(line.time) + " " }
            text += line.text + "\n"
        }
        state.after = now
        let chunk = state.take(Array(text.utf8))
        return (chunk, state, terminated || state.remainingBytes == 0)
    }

    private func podLogOnce(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let since = try Self.logCutoff(request.query, now: now)
        var effective = request
        var end = now
        if request.query["previous"] == "true" {
            let pod = try existing(target, name: name).value
            let containers = pod[path: ["spec", "containers"]]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            let requested = request.query["container"].flatMap { $0.isEmpty ? nil : $0 }
            // Without a single container to speak of, `logs` answers with the kubelet's error.
            if let container = requested ?? (containers.count == 1 ? containers[0] : nil), containers.contains(container) {
                let status = pod[path: ["status", "containerStatuses"]]?.arrayValue?
                    .first { $0["name"]?.stringValue == container }
                guard let finished = status?[path: ["lastState", "terminated", "finishedAt"]]?.stringValue
                    .flatMap(Timestamp.parse)
                else {
                    throw .badRequest("previous terminated container \"\(container)\" in pod \"\(name)\" not found")
                }
                end = min(finished, now)
            }
        }
        guard let since else { return try logs(target, name: name, request: effective, now: end) }

        // Every line carries its time when asked for with timestamps: keep those at or after
        // the cut-off, then apply the tail, the caller's timestamps choice and the byte limit.
        let stamped = request.query["timestamps"] == "true"
        let tail = request.query["tailLines"].flatMap(Int.init).map { max(0, $0) }
        let limit = request.query["limitBytes"].flatMap(Int.init)
        effective.query["timestamps"] = "true"
        effective.query["tailLines"] = nil
        effective.query["limitBytes"] = nil
        let response = try logs(target, name: name, request: effective, now: end)
        var lines = String(decoding: response.bytes ?? [], as: UTF8.self).split(separator: "\n").filter { line in
            guard let space = line.firstIndex(of: " "), let time = Timestamp.parse(String(line[..<space])) else { return false }
            return time >= since
        }
        if let tail { lines = Array(lines.suffix(tail)) }
        var text = lines.map { line in
            stamped ? String(line) : line.firstIndex(of: " ").map { String(line[line.index(after: $0)...]) } ?? String(line)
        }.map { $0 + "\n" }.joined()
        if let limit, limit >= 0, text.utf8.count > limit {
            text = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
        }
        return .text(text)
    }

    /// The earliest time wanted by `sinceSeconds` or `sinceTime`, nil for all of the log.
    static func logCutoff(_ query: [String: String], now: Date) throws(APIError) -> Date? {
        switch (query["sinceSeconds"], query["sinceTime"]) {
        case (nil, nil): return nil
        case (.some, .some): throw .badRequest("at most one of `sinceTime` or `sinceSeconds` may be specified")
        case (let seconds?, nil):
            guard let value = Int(seconds), value >= 1 else {
                throw .badRequest("sinceSeconds: Invalid value: \(seconds): must be greater than 0")
            }
            return now.addingTimeInterval(-Double(value))
        case (nil, let time?):
            guard let date = Timestamp.parse(time) else { throw .badRequest("sinceTime: Invalid value: \"\(time)\": not RFC 3339") }
            return date
        }
    }
}
