import CortexCore
import Foundation

/// The Node objects of the simulated nodes (`SimulatedNodes`), as their kubelets register
/// them: capacity and allocatable from the scheduler's figures, the kubelet's conditions
/// (all healthy), the addresses pods report as their `hostIP`, and the pod CIDR their IPs
/// come from.
enum NodeObjects {
    static func node(index: Int, name: String) -> JSONValue {
        let capacity: JSONValue = [
            "cpu": .string(SimulatedNodes.cpuCapacity), "memory": .string(SimulatedNodes.memoryCapacity),
            "pods": .string(SimulatedNodes.podCapacity), "ephemeral-storage": "102687672Ki",
        ]
        let allocatable: JSONValue = [
            "cpu": .string(SimulatedNodes.cpuAllocatable), "memory": .string(SimulatedNodes.memoryAllocatable),
            "pods": .string(SimulatedNodes.podCapacity), "ephemeral-storage": "94636958706",
        ]
        func condition(_ type: String, _ status: String, _ reason: String, _ message: String) -> JSONValue {
            ["type": .string(type), "status": .string(status), "reason": .string(reason), "message": .string(message)]
        }
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": [
                "name": .string(name),
                "labels": [
                    "kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64",
                    "beta.kubernetes.io/os": "linux", "beta.kubernetes.io/arch": "amd64",
                ],
            ],
            "spec": ["podCIDR": .string("10.244.\(index).0/24"), "podCIDRs": [.string("10.244.\(index).0/24")]],
            "status": [
                "capacity": capacity, "allocatable": allocatable,
                "conditions": [
                    condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available"),
                    condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
                    condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
                    condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
                ],
                "addresses": [["type": "InternalIP", "address": .string("10.0.0.\(10 + index)")], ["type": "Hostname", "address": .string(name)]],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": 10250]],
                "nodeInfo": [
                    "architecture": "amd64", "operatingSystem": "linux", "osImage": "Debian GNU/Linux 12 (bookworm)",
                    "kernelVersion": "6.1.0-sim", "containerRuntimeVersion": "containerd://1.7.24",
                    "kubeletVersion": "v1.32.0", "kubeProxyVersion": "v1.32.0", "machineID": "", "systemUUID": "", "bootID": "",
                ],
            ],
        ]
    }

    /// The node as stored once registered: its creation time and a UID derived from its name
    /// (FNV-1a), the same in every simulated cluster.
    static func registered(_ node: JSONValue, at time: Date) -> JSONValue {
        var node = node
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var digits = ""
        for round in 0..<2 {
            for byte in Array("\(node.name)#\(round)".utf8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            digits += String(hash, radix: 16).leftPadded(to: 16)
        }
        let characters = Array(digits)
        let uid = [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(characters[$0]) }.joined(separator: "-")
        node[path: ["metadata", "uid"]] = .string(uid)
        node[path: ["metadata", "creationTimestamp"]] = .string(Timestamp.format(time))
        return node
    }

    /// Every simulated node; `sim-node-N` has index N, as pods' host and pod IPs assume.
    static var all: [JSONValue] {
        SimulatedNodes.names.enumerated().map { offset, name in node(index: offset + 1, name: name) }
    }
}

extension String {
    /// The text with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
