import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// Services are stored with the API server's defaults and a virtual IP of their own.
@Suite struct ServiceTests {
    private func service(_ name: String, clusterIP: String? = nil, type: String? = nil) -> JSONValue {
        var spec: JSONValue = ["selector": ["app": .string(name)], "ports": [["name": "http", "port": 80]]]
        if let clusterIP { spec["clusterIP"] = .string(clusterIP) }
        if let type { spec["type"] = .string(type) }
        return ["apiVersion": "v1", "kind": "Service", "metadata": ["name": .string(name)], "spec": spec]
    }

    private let services = "/api/v1/namespaces/staging/services"

    @Test func aNewServiceIsDefaultedAndGetsItsOwnClusterIP() {
        let sim = ClusterHarness(seed: .standard)
        let first = sim.request(.post, services, service("hello"))
        #expect(first.code == 201)
        let spec = first.json["spec"] ?? .null
        #expect(spec["type"] == "ClusterIP")
        #expect(spec["sessionAffinity"] == "None")
        #expect(spec["ipFamilies"] == ["IPv4"])
        #expect(spec["ipFamilyPolicy"] == "SingleStack")
        #expect(spec["internalTrafficPolicy"] == "Cluster")
        #expect(spec["ports"] == [["name": "http", "port": 80, "protocol": "TCP", "targetPort": 80]])
        #expect(first.json["status"] == ["loadBalancer": [:]])
        let address = spec["clusterIP"]?.stringValue ?? ""
        #expect(address.hasPrefix("10.96."))
        #expect(spec["clusterIPs"] == [.string(address)])

        let second = sim.request(.post, services, service("other")).json[path: ["spec", "clusterIP"]]?.stringValue
        #expect(second != nil && second != address)
        // The same name again is a conflict; the same address is refused as allocated.
        #expect(sim.request(.post, services, service("hello")).code == 409)
        let taken = sim.request(.post, services, service("third", clusterIP: address))
        #expect(taken.code == 422)
        #expect(taken.json["message"]?.stringValue?.contains("provided IP is already allocated") == true)
        let headless = sim.request(.post, services, service("headless", clusterIP: "None")).json["spec"]
        #expect(headless?["clusterIPs"] == ["None"])
        let external = sim.request(.post, services, service("ext", type: "ExternalName")).json["spec"]
        #expect(external?["clusterIP"] == nil)
    }

    @Test func kubectlColumnsShowTypeAddressAndPorts() {
        let sim = ClusterHarness()
        _ = sim.request(.post, services, service("hello"))
        let table = sim.request(.get, services, accept: "application/json;as=Table;v=v1;g=meta.k8s.io").json
        let columns = table["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
        #expect(columns == ["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"])
        let cells = table["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
        #expect(cells.count == 7)
        #expect(cells.first == "hello")
        #expect(cells.dropFirst().first == "ClusterIP")
        #expect(cells.dropFirst(3).first == "<none>")
        #expect(cells.dropFirst(4).first == "80/TCP")
        #expect(cells.last == "app=hello")
    }
}
