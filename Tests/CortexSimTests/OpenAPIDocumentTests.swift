import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// The OpenAPI v3 documents: the official schemas of the served kinds, read on request.
@Suite struct OpenAPIDocumentTests {
    @Test func theIndexNamesEveryServedGroupVersionWithAHash() {
        let sim = ClusterHarness()
        let paths = sim.request(.get, "/openapi/v3").json["paths"]?.objectValue ?? [:]
        #expect(Set(paths.keys) == Set(OpenAPIDocuments.groupVersions))
        for (groupVersion, entry) in paths {
            #expect(entry["serverRelativeURL"]?.stringValue?.hasPrefix("/openapi/v3/\(groupVersion)?hash=") == true)
        }
    }

    @Test func theDocumentsCarryTheOfficialSchemasOfTheServedKindsWithTheirDescriptions() throws {
        let sim = ClusterHarness()
        let core = sim.request(.get, "/openapi/v3/api/v1")
        #expect(core.code == 200)
        let schemas = try #require(core.json[path: ["components", "schemas"]]?.objectValue)
        for kind in ["Pod", "Service", "ConfigMap", "Secret", "Namespace", "Node", "ResourceQuota", "LimitRange", "Event"] {
            let schema = try #require(schemas["io.k8s.api.core.v1.\(kind)"], "\(kind)")
            #expect(schema["x-kubernetes-group-version-kind"]?.arrayValue?.first?["kind"] == .string(kind))
        }
        // Trimmed to what is served: no ReplicationController, no watch paths.
        #expect(schemas["io.k8s.api.core.v1.ReplicationController"] == nil)
        let paths = core.json["paths"]?.objectValue ?? [:]
        #expect(paths["/api/v1/namespaces/{namespace}/pods/{name}/log"] != nil)
        #expect(!paths.keys.contains { $0.contains("/watch/") || $0.contains("replicationcontrollers") })
        let apps = sim.request(.get, "/openapi/v3/apis/apps/v1").json
        let replicas = apps[path: ["components", "schemas", "io.k8s.api.apps.v1.DeploymentSpec", "properties", "replicas"]]
        #expect(replicas?["description"]?.stringValue?.hasPrefix("Number of desired pods.") == true)
        // Every reference resolves inside its document.
        for document in [core.json, apps] {
            var references = Set<String>()
            collect(document, into: &references)
            let names = Set(document[path: ["components", "schemas"]]?.objectValue?.keys.map { $0 } ?? [])
            #expect(references.subtracting(names).isEmpty, "\(references.subtracting(names))")
        }
        // A group-version the simulator does not serve has no document.
        #expect(sim.request(.get, "/openapi/v3/apis/policy/v1").code == 404)
    }

    private func collect(_ value: JSONValue, into references: inout Set<String>) {
        if let object = value.objectValue {
            for (key, member) in object {
                if key == "$ref", let text = member.stringValue { references.insert(String(text.split(separator: "/").last ?? "")) }
                else { collect(member, into: &references) }
            }
        } else if let array = value.arrayValue {
            for member in array { collect(member, into: &references) }
        }
    }
}
