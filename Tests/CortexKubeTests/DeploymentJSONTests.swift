import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// `Deployment.init(json:)` reads what `JSONDecoder` reads, with the same rules for absent,
/// null and mistyped fields.
@Suite struct DeploymentJSONTests {
    /// An apps/v1 Deployment as an API server serves it (fields cortex does not model included).
    static let served = """
    {"kind":"Deployment","apiVersion":"apps/v1",
     "metadata":{"name":"payments","namespace":"staging","uid":"6f1c","resourceVersion":"4711","generation":3,
       "creationTimestamp":"2026-03-07T16:00:00Z","labels":{"app":"payments"},
       "annotations":{"deployment.kubernetes.io/revision":"3","kubernetes.io/change-cause":"deploy 1.2.0"},
       "ownerReferences":[{"apiVersion":"example.com/v1","kind":"App","name":"payments","uid":"a1","controller":true}],
       "managedFields":[{"manager":"kubectl","operation":"Update"}]},
     "spec":{"replicas":3,"selector":{"matchLabels":{"app":"payments"},
               "matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]},{"key":"canary","operator":"DoesNotExist"}]},
       "template":{"metadata":{"labels":{"app":"payments"},"creationTimestamp":null},
         "spec":{"containers":[{"name":"payments","image":"ghcr.io/acme/payments:1.2.0","ports":[{"containerPort":8080}],
           "resources":{"requests":{"cpu":"250m","memory":"256Mi"}}}],"terminationGracePeriodSeconds":30}},
       "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"25%","maxSurge":"25%"}},
       "paused":null,"progressDeadlineSeconds":600,"minReadySeconds":0,"revisionHistoryLimit":10},
     "status":{"observedGeneration":3,"replicas":3,"updatedReplicas":3,"readyReplicas":2,"availableReplicas":2,
       "unavailableReplicas":1,
       "conditions":[{"type":"Available","status":"True","reason":"MinimumReplicasAvailable","message":"ok",
                      "lastUpdateTime":"2026-03-07T16:00:00Z"},
                     {"type":"Progressing","status":"True","reason":"NewReplicaSetAvailable"}]}}
    """

    func both(_ text: String) -> (fast: Result<Deployment, JSONShapeError>, decoded: Deployment?) {
        let json = try! JSONValue(parsing: text)
        let fast = Result { () throws(JSONShapeError) in try Deployment(json: json) }
        return (fast, try? JSONDecoder().decode(Deployment.self, from: Data(text.utf8)))
    }

    @Test func aServedDeploymentReadsAsJSONDecoderReadsIt() throws {
        let (fast, decoded) = both(Self.served)
        let d = try fast.get()
        #expect(d == decoded)
        #expect(d.revision == 3)
        #expect(d.spec.selector.queryString == "app=payments,tier in (api,web),!canary")
        #expect(d.spec.template.containers.first?.image == "ghcr.io/acme/payments:1.2.0")
        #expect(d.spec.paused == nil && d.spec.progressDeadlineSeconds == 600)
        #expect(d.status?.condition("Available")?.reason == "MinimumReplicasAvailable")
        #expect(d.metadata.ownerReferences?.first?.controller == true)
    }

    @Test func aDeploymentWithoutStatusOrOptionalFields() throws {
        let text = #"{"metadata":{},"spec":{"selector":{},"template":{}}}"#
        let (fast, decoded) = both(text)
        #expect(try fast.get() == decoded)
        #expect(try fast.get().status == nil)
    }

    @Test(arguments: [
        (#"{"spec":{"selector":{},"template":{}}}"#, "metadata is missing"),
        (#"{"metadata":{},"spec":{"template":{}}}"#, "spec.selector is missing"),
        (#"{"metadata":{},"spec":{"selector":{}}}"#, "spec.template is missing"),
        (#"{"metadata":{"labels":{"app":3}},"spec":{"selector":{},"template":{}}}"#, "metadata.labels.app: expected a string"),
        (#"{"metadata":{"generation":"3"},"spec":{"selector":{},"template":{}}}"#, "metadata.generation: expected an integer"),
        (#"{"metadata":{},"spec":{"replicas":1.5,"selector":{},"template":{}}}"#, "spec.replicas: expected an integer"),
        (#"{"metadata":{},"spec":{"selector":{},"template":{}},"status":{"conditions":[{"type":"Available"}]}}"#,
         "status.conditions.0.status is missing"),
        (#"{"metadata":{},"spec":{"selector":{"matchExpressions":[{"key":"a","operator":"In","values":[1]}]},"template":{}}}"#,
         "spec.selector.matchExpressions.0.values.0: expected a string"),
        (#"[]"#, "expected an object"),
    ])
    func whatJSONDecoderRejectsIsRejectedWithItsPath(_ text: String, _ message: String) {
        let (fast, decoded) = both(text)
        #expect(decoded == nil)
        guard case .failure(let error) = fast else {
            Issue.record("accepted: \(text)")
            return
        }
        #expect(error.description == message)
    }

    @Test func aWorkloadOfKindDeploymentHasTheSameView() throws {
        let json = try JSONValue(parsing: Self.served)
        #expect(Workload(kind: .deployment, json: json).deployment == (try JSONDecoder().decode(Deployment.self, from: Data(Self.served.utf8))))
        #expect(Workload(kind: .statefulset, json: json).deployment == nil)
    }
}
