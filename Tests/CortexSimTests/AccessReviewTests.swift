import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// `SelfSubjectAccessReview`, what `kubectl auth can-i` asks.
@Suite struct AccessReviewTests {
    private let path = "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"

    @Test func theSimulatedClusterAllowsWhatItAuthenticatesAndSaysWhy() {
        let sim = ClusterHarness()
        let attributes: JSONValue = ["namespace": "production", "verb": "delete", "group": "apps", "resource": "deployments"]
        let review: JSONValue = [
            "kind": "SelfSubjectAccessReview", "apiVersion": "authorization.k8s.io/v1",
            "spec": ["resourceAttributes": attributes],
        ]
        let reply = sim.request(.post, path, review)
        #expect(reply.code == 201)
        #expect(reply.json["kind"] == "SelfSubjectAccessReview")
        #expect(reply.json[path: ["spec", "resourceAttributes"]] == attributes)
        #expect(reply.json[path: ["status", "allowed"]] == true)
        #expect(reply.json[path: ["status", "reason"]]?.stringValue?.isEmpty == false)
    }

    @Test func aReviewNamesExactlyOneKindOfAttributes() {
        let sim = ClusterHarness()
        let empty = sim.request(.post, path, ["kind": "SelfSubjectAccessReview", "spec": [:]])
        #expect(empty.code == 422)
        let both = sim.request(
            .post, path,
            ["spec": ["resourceAttributes": ["verb": "get", "resource": "pods"], "nonResourceAttributes": ["path": "/healthz", "verb": "get"]]])
        #expect(both.code == 422)
        #expect(sim.request(.get, path).code == 405)
        #expect(sim.request(.post, path, ["kind": "Pod", "spec": [:]]).code == 400)
    }
}
