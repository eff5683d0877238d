import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// The simulated nodes are served as Node objects that agree with where pods run.
@Suite struct NodeTests {
    @Test func deploymentPodsRunOnAServedNodeAtItsAddress() {
        let sim = ClusterHarness(seed: .standard)
        let nodes = sim.request(.get, "/api/v1/nodes").json["items"]?.arrayValue ?? []
        #expect(nodes.map(\.name) == SimulatedNodes.names)
        var addresses: [String: String] = [:]
        for node in nodes {
            let ready = node[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "Ready" }
            #expect(ready?["status"] == "True")
            #expect(node[path: ["status", "allocatable", "cpu"]] == .string(SimulatedNodes.cpuAllocatable))
            addresses[node.name] = node[path: ["status", "addresses"]]?.arrayValue?
                .first { $0["type"] == "InternalIP" }?["address"]?.stringValue
        }
        // Pods of Deployments; DaemonSet pods are pinned to a node by their controller, which
        // does not yet give them that node's addresses.
        let pods = sim.cluster.store.list(.pods).map(\.value).filter {
            $0[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "ReplicaSet"
        }
        #expect(!pods.isEmpty)
        for pod in pods {
            let node = pod[path: ["spec", "nodeName"]]?.stringValue ?? ""
            #expect(addresses[node] != nil, "\(pod.name) runs on \(node)")
            #expect(pod[path: ["status", "hostIP"]]?.stringValue == addresses[node], "\(pod.name) on \(node)")
            let cidr = nodes.first { $0.name == node }?[path: ["spec", "podCIDR"]]?.stringValue ?? ""
            let ip = pod[path: ["status", "podIP"]]?.stringValue ?? ""
            #expect(ip.hasPrefix(String(cidr.dropLast(4))), "\(ip) outside \(cidr)")
        }
    }
}
