import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// ConfigMaps and Secrets stored as core/v1 says.
@Suite struct SecretTests {
    private let secrets = "/api/v1/namespaces/staging/secrets"

    @Test func stringDataIsMergedIntoDataAndNeverStored() {
        let sim = ClusterHarness(seed: .standard)
        let body: JSONValue = [
            "metadata": ["name": "db"], "data": ["user": "YWRtaW4="], "stringData": ["password": "hunter2"],
        ]
        let created = sim.request(.post, secrets, body)
        #expect(created.code == 201)
        #expect(created.json["data"] == ["user": "YWRtaW4=", "password": "aHVudGVyMg=="])
        #expect(created.json["stringData"] == nil)
        #expect(created.json["type"] == "Opaque")
        #expect(created.json[path: ["metadata", "generation"]] == nil)
        #expect(sim.request(.get, "\(secrets)/db").json["data"] == created.json["data"])
    }

    @Test func dataThatIsNotBase64IsRefusedWithoutEchoingIt() {
        let sim = ClusterHarness(seed: .standard)
        let reply = sim.request(.post, secrets, ["metadata": ["name": "bad"], "data": ["password": "hunter2!"]])
        #expect(reply.code == 400)
        let message = reply.json["message"]?.stringValue ?? ""
        #expect(message.hasPrefix("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 7"))
        #expect(!message.contains("hunter2"))
        #expect(sim.request(.get, "\(secrets)/bad").code == 404)
    }

    @Test func kubectlColumnsCountTheData() {
        let sim = ClusterHarness(seed: .standard)
        _ = sim.request(.post, secrets, ["metadata": ["name": "db"], "type": "kubernetes.io/basic-auth", "stringData": ["username": "a", "password": "b"]])
        _ = sim.request(.post, "/api/v1/namespaces/staging/configmaps", ["metadata": ["name": "settings"], "data": ["a": "1"]])
        let table = "application/json;as=Table;v=v1;g=meta.k8s.io"
        let secretRow = sim.request(.get, secrets, accept: table).json["rows"]?.arrayValue?.first?["cells"]?.arrayValue
        #expect(secretRow?.prefix(3) == ["db", "kubernetes.io/basic-auth", 2])
        let configRow = sim.request(.get, "/api/v1/namespaces/staging/configmaps", accept: table)
            .json["rows"]?.arrayValue?.first { $0["cells"]?.arrayValue?.first == "settings" }?["cells"]?.arrayValue
        #expect(configRow?.prefix(2) == ["settings", 1])
    }
}
