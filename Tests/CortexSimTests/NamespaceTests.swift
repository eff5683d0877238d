import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// Namespaces created and deleted through the API, with what they hold.
@Suite struct NamespaceTests {
    @Test func deletingANamespaceTerminatesItThenRemovesEverythingInIt() {
        let sim = ClusterHarness()
        #expect(sim.request(.post, "/api/v1/namespaces", ["metadata": ["name": "scratch"]]).code == 201)
        let configMap: JSONValue = ["metadata": ["name": "settings"], "data": ["mode": "fast"]]
        #expect(sim.request(.post, "/api/v1/namespaces/scratch/configmaps", configMap).code == 201)
        let secret: JSONValue = ["metadata": ["name": "token"], "data": ["key": "czNjcjN0"]]
        #expect(sim.request(.post, "/api/v1/namespaces/scratch/secrets", secret).code == 201)
        let service: JSONValue = ["metadata": ["name": "web"], "spec": ["ports": [["port": 80]]]]
        #expect(sim.request(.post, "/api/v1/namespaces/scratch/services", service).code == 201)
        sim.create(Manifests.deployment("web", namespace: "scratch", replicas: 1))
        sim.advance(5)

        let deleted = sim.request(.delete, "/api/v1/namespaces/scratch")
        #expect(deleted.code == 200)
        #expect(deleted.json[path: ["status", "phase"]] == "Terminating")
        let refused = sim.request(.post, "/api/v1/namespaces/scratch/configmaps", ["metadata": ["name": "late"]])
        #expect(refused.code == 403)
        sim.advance(2)
        #expect(sim.request(.get, "/api/v1/namespaces/scratch").code == 404)
        for kind in ["configmaps", "secrets", "services", "pods", "events"] {
            let items = sim.request(.get, "/api/v1/namespaces/scratch/\(kind)").json["items"]?.arrayValue
            #expect(items == [], "\(kind) left in a deleted namespace")
        }
        #expect(sim.request(.get, "/apis/apps/v1/namespaces/scratch/deployments").json["items"] == [])
    }
}
