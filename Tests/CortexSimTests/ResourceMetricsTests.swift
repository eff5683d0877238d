import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// The `metrics.k8s.io/v1beta1` API: discovered like an aggregated API, and usage that
/// follows the containers' requests and the clock.
@Suite struct ResourceMetricsTests {
    @Test func theMetricsGroupIsDiscoveredWithNodesAndPods() {
        let sim = ClusterHarness(seed: .standard)
        let groups = sim.request(.get, "/apis").json["groups"]?.arrayValue ?? []
        #expect(groups.contains { $0["name"] == "metrics.k8s.io" && $0[path: ["preferredVersion", "version"]] == "v1beta1" })
        let resources = sim.request(.get, "/apis/metrics.k8s.io/v1beta1").json["resources"]?.arrayValue ?? []
        #expect(resources.map { $0["kind"]?.stringValue ?? "" } == ["NodeMetrics", "PodMetrics"])
        #expect(resources.allSatisfy { $0["verbs"] == ["get", "list"] })
    }

    @Test func podUsageStaysWithinTheRequestsAndChangesWithTheClock() throws {
        let sim = ClusterHarness(seed: .standard)
        let list = sim.request(.get, "/apis/metrics.k8s.io/v1beta1/namespaces/production/pods")
        #expect(list.code == 200)
        #expect(list.json["kind"] == "PodMetricsList")
        let items = list.json["items"]?.arrayValue ?? []
        let running = sim.cluster.store.list(.pods, namespace: "production").map(\.value).filter(ResourceMetrics.reports)
        #expect(!items.isEmpty && items.count == running.count)
        for item in items {
            let pod = try #require(running.first { $0.name == item.name })
            for usage in item["containers"]?.arrayValue ?? [] {
                let container = try #require(pod[path: ["spec", "containers"]]?.arrayValue?.first { $0["name"] == usage["name"] })
                let request = container[path: ["resources", "requests", "cpu"]]?.stringValue.flatMap(Quantity.millicores)
                    ?? ResourceMetrics.defaultCPUMillicores
                let cpu = try #require(usage[path: ["usage", "cpu"]]?.stringValue)
                #expect(cpu.hasSuffix("n"))
                let millicores = Double(Int(cpu.dropLast()) ?? 0) / 1_000_000
                #expect(millicores >= Double(request) * 0.29 && millicores <= Double(request) * 0.86, "\(cpu) for \(request)m")
                #expect(usage[path: ["usage", "memory"]]?.stringValue?.hasSuffix("Ki") == true)
            }
        }
        let pod = try #require(running.first)
        let container = try #require(pod[path: ["spec", "containers"]]?.arrayValue?.first)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let samples = (0..<20).map { ResourceMetrics.usage(container: container, pod: pod, now: now.addingTimeInterval(Double($0) * 60)) }
        #expect(Set(samples.map(\.nanocores)).count > 10, "usage should move over twenty minutes")
        // Within one scrape window the figures stay the same.
        #expect(ResourceMetrics.usage(container: container, pod: pod, now: now)
            == ResourceMetrics.usage(container: container, pod: pod, now: now.addingTimeInterval(ResourceMetrics.window - 1)))
    }

    @Test func aNodeUsesWhatItsPodsUsePlusItsSystemDaemons() {
        let sim = ClusterHarness(seed: .standard)
        let nodes = sim.request(.get, "/apis/metrics.k8s.io/v1beta1/nodes").json["items"]?.arrayValue ?? []
        #expect(nodes.map(\.name) == SimulatedNodes.names)
        let one = sim.request(.get, "/apis/metrics.k8s.io/v1beta1/nodes/sim-node-1")
        #expect(one.code == 200 && one.json["kind"] == "NodeMetrics")
        let pods = sim.request(.get, "/apis/metrics.k8s.io/v1beta1/pods").json["items"]?.arrayValue ?? []
        let placed = sim.cluster.store.list(.pods).map(\.value).filter { $0[path: ["spec", "nodeName"]] == "sim-node-1" }.map(\.name)
        func nanocores(_ usage: JSONValue?) -> Int {
            let text = usage?["cpu"]?.stringValue ?? ""
            return Int(text.dropLast()) ?? 0
        }
        let containers: [JSONValue] = pods.filter { placed.contains($0.name) }.flatMap { $0["containers"]?.arrayValue ?? [] }
        let podCPU = containers.map { nanocores($0["usage"]) }.reduce(0, +)
        let system = nanocores(one.json["usage"]) - podCPU
        let least = ResourceMetrics.systemCPUMillicores * 1_000_000
        let most = (ResourceMetrics.systemCPUMillicores + 20) * 1_000_000
        #expect(system >= least && system <= most)
        #expect(sim.request(.get, "/apis/metrics.k8s.io/v1beta1/nodes/no-such-node").code == 404)
        #expect(sim.request(.delete, "/apis/metrics.k8s.io/v1beta1/nodes/sim-node-1").code == 405)
    }
}
