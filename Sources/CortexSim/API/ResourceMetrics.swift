import CortexCore
import Foundation

/// The resource metrics API (`metrics.k8s.io/v1beta1`) that metrics-server aggregates into
/// a real cluster, computed from the stored pods and nodes rather than stored: what
/// `kubectl top` and autoscalers read.
///
/// Usage is simulated. Each running container uses a share of its requests (or of a small
/// default when it requests nothing) that drifts over time: a slow and a faster wave, with a
/// phase of its own, sampled once per 15-second scrape window as metrics-server does, so
/// that two reads in the same window agree. A node uses what its pods use plus what its
/// system daemons take.
enum ResourceMetrics {
    /// metrics-server's scrape interval: values change once per window.
    static let window: Double = 15

    /// What a container that requests nothing is taken to need.
    static let defaultCPUMillicores = 25
    static let defaultMemoryBytes = 48 << 20

    /// What a node's kubelet, container runtime and system daemons use.
    static let systemCPUMillicores = 110
    static let systemMemoryBytes = 820 << 20

    /// One container's usage: CPU in nanocores and memory in bytes.
    struct Usage: Equatable {
        var nanocores: Int64
        var bytes: Int64

        static func + (lhs: Usage, rhs: Usage) -> Usage {
            Usage(nanocores: lhs.nanocores + rhs.nanocores, bytes: lhs.bytes + rhs.bytes)
        }

        /// The quantities as metrics-server writes them (`2751059n`, `16268Ki`).
        var json: JSONValue {
            ["cpu": .string("\(nanocores)n"), "memory": .string("\(bytes / 1024)Ki")]
        }
    }

    /// The start of the scrape window that `now` falls in.
    static func sampleTime(_ now: Date) -> Date {
        Date(timeIntervalSince1970: (now.timeIntervalSince1970 / window).rounded(.down) * window)
    }

    /// Whether metrics-server reports the pod: scheduled and running.
    static func reports(_ pod: JSONValue) -> Bool {
        pod[path: ["status", "phase"]]?.stringValue == "Running"
            && !(pod[path: ["spec", "nodeName"]]?.stringValue ?? "").isEmpty
    }

    /// A container's usage at the sample time of `now`.
    static func usage(container: JSONValue, pod: JSONValue, now: Date) -> Usage {
        let name = container["name"]?.stringValue ?? ""
        let requests = container[path: ["resources", "requests"]]
        let cpu = requests?["cpu"]?.stringValue.flatMap(Quantity.millicores) ?? defaultCPUMillicores
        let memory = requests?["memory"]?.stringValue.flatMap(Quantity.bytes) ?? defaultMemoryBytes
        let phase = Double(fnv("\(pod.namespace)/\(pod.name)/\(name)") % 10_000) / 10_000 * 2 * .pi
        let time = sampleTime(now).timeIntervalSince1970
        // Between 30% and 85% of the CPU request, and 55% to 80% of the memory request.
        let cpuShare = 0.3 + 0.55 * wave(time, period: 900, phase: phase, ripple: 131)
        let memoryShare = 0.55 + 0.25 * wave(time, period: 3_600, phase: phase * 0.7, ripple: 577)
        return Usage(
            nanocores: Int64((Double(cpu) * cpuShare * 1_000_000).rounded()),
            bytes: Int64((Double(memory) * memoryShare).rounded()))
    }

    /// A `PodMetrics` object for a running pod.
    static func podMetrics(_ pod: JSONValue, now: Date) -> JSONValue {
        let containers = (pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { container -> JSONValue in
            ["name": container["name"] ?? "", "usage": usage(container: container, pod: pod, now: now).json]
        }
        var metadata: JSONValue = [
            "name": .string(pod.name), "namespace": .string(pod.namespace),
            "creationTimestamp": .string(Timestamp.format(now)),
        ]
        if let labels = pod[path: ["metadata", "labels"]] { metadata["labels"] = labels }
        return [
            "kind": "PodMetrics", "apiVersion": "metrics.k8s.io/v1beta1", "metadata": metadata,
            "timestamp": .string(Timestamp.format(sampleTime(now))), "window": "15s", "containers": .array(containers),
        ]
    }

    /// A `NodeMetrics` object: the usage of the node's running pods and its system daemons.
    static func nodeMetrics(_ node: JSONValue, pods: [JSONValue], now: Date) -> JSONValue {
        let system = Usage(
            nanocores: Int64(systemCPUMillicores) * 1_000_000
                + Int64(20_000_000 * wave(sampleTime(now).timeIntervalSince1970, period: 600, phase: Double(fnv(node.name) % 628) / 100, ripple: 53)),
            bytes: Int64(systemMemoryBytes))
        let total = pods.filter { $0[path: ["spec", "nodeName"]]?.stringValue == node.name && reports($0) }
            .flatMap { pod in (pod[path: ["spec", "containers"]]?.arrayValue ?? []).map { usage(container: $0, pod: pod, now: now) } }
            .reduce(system, +)
        var metadata: JSONValue = ["name": .string(node.name), "creationTimestamp": .string(Timestamp.format(now))]
        if let labels = node[path: ["metadata", "labels"]] { metadata["labels"] = labels }
        return [
            "kind": "NodeMetrics", "apiVersion": "metrics.k8s.io/v1beta1", "metadata": metadata,
            "timestamp": .string(Timestamp.format(sampleTime(now))), "window": "20s", "usage": total.json,
        ]
    }

    /// A value between 0 and 1: a slow wave with a faster ripple on top.
    private static func wave(_ time: Double, period: Double, phase: Double, ripple: Double) -> Double {
        let slow = sin(2 * .pi * time / period + phase)
        let fast = sin(2 * .pi * time / ripple + 2 * phase)
        return min(1, max(0, 0.5 + 0.38 * slow + 0.12 * fast))
    }

    private static func fnv(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
