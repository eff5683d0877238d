import CortexCore
import Foundation

/// `GET .../pods/{name}/log` with the PodLogOptions a real kubelet honours on top of those
/// `logs` reads: `previous` (the last terminated container's log, or the kubelet's 400 when
/// there is none), `sinceSeconds` and `sinceTime` (only lines at or after the cut-off).
extension Cluster {
    func podLog(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
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
