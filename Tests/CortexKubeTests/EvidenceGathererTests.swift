import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// A read-only API server answering from fixed objects, as a real one serves them: lists
/// wrapped in `{kind}List`, 404 `Status` for what is absent, 403 where told, logs as text.
/// Records every request.
final class ObjectServer: HTTPTransport, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var requests: [HTTPRequest] = []
    var objects: [String: JSONValue] = [:]    // path -> object
    var lists: [String: [JSONValue]] = [:]    // collection path -> items
    var logs: [String: String] = [:]          // "pod/container[/previous]" -> text
    var forbidden: Set<String> = []           // collection or object paths

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock(); defer { lock.unlock() }
        requests.append(request)
        let url = request.url.replacingOccurrences(of: "http://sim.test", with: "")
        let path = String(url.split(separator: "?", maxSplits: 1)[0])
        let query = url.contains("?") ? String(url.split(separator: "?", maxSplits: 1)[1]) : ""
        if forbidden.contains(path) { return Self.status(403, "Forbidden", "\(path) is forbidden: User \"dev\" cannot list resource") }
        if path.hasSuffix("/log") {
            let pod = path.split(separator: "/").dropLast().last.map(String.init) ?? ""
            let container = Self.value("container", in: query) ?? ""
            let key = "\(pod)/\(container)" + (query.contains("previous=true") ? "/previous" : "")
            guard let text = logs[key] else { return Self.status(400, "BadRequest", "previous terminated container \"\(container)\" in pod \"\(pod)\" not found") }
            return HTTPResponse(status: 200, headers: ["Content-Type": "text/plain"], body: Data(text.utf8))
        }
        if let object = objects[path] { return Self.json(object) }
        if var items = lists[path] {
            if let selector = Self.value("fieldSelector", in: query) { items = items.filter { Self.matches($0, fieldSelector: selector) } }
            return Self.json(["kind": "List", "apiVersion": "v1", "metadata": ["resourceVersion": "42"], "items": .array(items)])
        }
        return Self.status(404, "NotFound", "the server could not find the requested resource")
    }

    static func value(_ name: String, in query: String) -> String? {
        for pair in query.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2, parts[0] == name { return parts[1].removingPercentEncoding }
        }
        return nil
    }

    /// Equality terms joined by commas (`involvedObject.kind=Pod,involvedObject.name=x`), as a
    /// real server reads a field selector; a missing field is the empty string.
    static func matches(_ item: JSONValue, fieldSelector: String) -> Bool {
        fieldSelector.split(separator: ",").allSatisfy { term in
            let parts = term.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return false }
            let path = parts[0].split(separator: ".").map(String.init)
            return (item[path: path]?.stringValue ?? "") == parts[1]
        }
    }

    static func json(_ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: Data(value.serialized()))
    }

    static func status(_ code: Int, _ reason: String, _ message: String) -> HTTPResponse {
        let body: JSONValue = ["kind": "Status", "apiVersion": "v1", "status": "Failure", "message": .string(message),
                               "reason": .string(reason), "code": .number(code)]
        return HTTPResponse(status: code, headers: ["Content-Type": "application/json"], body: Data(body.serialized()))
    }
}

@Suite struct EvidenceGathererTests {
    static let ns = "staging"
    static let now = UTCTime.parseISO8601("2026-03-05T10:00:00Z")!

    func server() -> ObjectServer {
        let s = ObjectServer()
        let ns = Self.ns
        let labels: JSONValue = ["app": "payments"]
        let template: JSONValue = [
            "metadata": ["labels": labels],
            "spec": ["containers": [[
                "name": "payments", "image": "ghcr.io/acme/payments:2.0",
                "envFrom": [["configMapRef": ["name": "payments-config"]], ["secretRef": ["name": "payments-db"]]],
            ]]],
        ]
        s.objects["/apis/apps/v1/namespaces/\(ns)/deployments/payments"] = [
            "kind": "Deployment", "apiVersion": "apps/v1",
            "metadata": ["name": "payments", "namespace": .string(ns), "uid": "d-1", "generation": 3,
                         "annotations": ["deployment.kubernetes.io/revision": "3"]],
            "spec": ["replicas": 2, "selector": ["matchLabels": labels], "template": template],
            "status": ["observedGeneration": 3, "replicas": 3, "updatedReplicas": 1, "readyReplicas": 2, "availableReplicas": 2],
        ]
        func rs(_ name: String, _ uid: String, _ revision: Int, _ image: String, ready: Int) -> JSONValue {
            ["metadata": ["name": .string(name), "uid": .string(uid), "labels": ["app": "payments", "pod-template-hash": .string(String(name.split(separator: "-").last!))],
                          "annotations": ["deployment.kubernetes.io/revision": .string(String(revision))],
                          "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": "payments", "uid": "d-1", "controller": true]]],
             "spec": ["replicas": .number(max(ready, 1)), "template": ["spec": ["containers": [["name": "payments", "image": .string(image)]]]]],
             "status": ["replicas": .number(max(ready, 1)), "readyReplicas": .number(ready), "availableReplicas": .number(ready)]]
        }
        s.lists["/apis/apps/v1/namespaces/\(ns)/replicasets"] = [
            rs("payments-6b7f9c", "rs-3", 3, "ghcr.io/acme/payments:2.0", ready: 0),
            rs("payments-5d4c8a", "rs-2", 2, "ghcr.io/acme/payments:1.9", ready: 2),
        ]
        func pod(_ name: String, _ owner: String, _ ownerUID: String, ready: Bool, crashing: Bool) -> JSONValue {
            var status: JSONValue = [
                "phase": "Running",
                "conditions": [["type": "Ready", "status": .string(ready ? "True" : "False")]],
                "containerStatuses": [["name": "payments", "ready": .bool(ready), "restartCount": .number(crashing ? 6 : 0),
                                       "image": "ghcr.io/acme/payments:2.0",
                                       "state": crashing ? ["waiting": ["reason": "CrashLoopBackOff", "message": "back-off 2m40s restarting failed container=payments"]]
                                                         : ["running": ["startedAt": "2026-03-05T08:00:00Z"]],
                                       "lastState": crashing ? ["terminated": ["exitCode": 1, "reason": "Error", "finishedAt": "2026-03-05T09:59:30Z"]] : [:]]],
            ]
            if !crashing { status["containerStatuses"] = status["containerStatuses"] }
            return ["metadata": ["name": .string(name), "uid": .string("p-\(name)"), "labels": ["app": "payments"],
                                 "ownerReferences": [["apiVersion": "apps/v1", "kind": "ReplicaSet", "name": .string(owner), "uid": .string(ownerUID), "controller": true]]],
                    "spec": ["nodeName": "node-1"], "status": status]
        }
        s.lists["/api/v1/namespaces/\(ns)/pods"] = [
            pod("payments-6b7f9c-x1", "payments-6b7f9c", "rs-3", ready: false, crashing: true),
            pod("payments-5d4c8a-a1", "payments-5d4c8a", "rs-2", ready: true, crashing: false),
            pod("payments-5d4c8a-a2", "payments-5d4c8a", "rs-2", ready: true, crashing: false),
            // Same labels, another owner: not part of this workload.
            pod("payments-canary-zz", "payments-canary-777", "rs-other", ready: false, crashing: true),
        ]
        s.lists["/api/v1/namespaces/\(ns)/events"] = [
            ["involvedObject": ["kind": "Pod", "name": "payments-6b7f9c-x1", "namespace": .string(ns)], "type": "Warning",
             "reason": "BackOff", "message": "Back-off restarting failed container payments in pod payments-6b7f9c-x1",
             "count": 14, "lastTimestamp": "2026-03-05T09:59:50Z", "source": ["component": "kubelet"]],
            ["involvedObject": ["kind": "Pod", "name": "unrelated-1", "namespace": .string(ns)], "type": "Warning",
             "reason": "BackOff", "message": "not ours", "count": 1, "lastTimestamp": "2026-03-05T09:59:50Z"],
        ]
        s.logs["payments-6b7f9c-x1/payments/previous"] = "starting payments 2.0\nfatal: DATABASE_URL is not set\n"
        s.lists["/api/v1/namespaces/\(ns)/services"] = [
            ["metadata": ["name": "payments"], "spec": ["selector": labels, "type": "ClusterIP"]],
            ["metadata": ["name": "other"], "spec": ["selector": ["app": "other"]]],
        ]
        s.lists["/apis/discovery.k8s.io/v1/namespaces/\(ns)/endpointslices"] = [
            ["metadata": ["name": "payments-abcde", "labels": ["kubernetes.io/service-name": "payments"]], "addressType": "IPv4",
             "endpoints": [["addresses": ["10.0.0.5"], "conditions": ["ready": true]], ["addresses": ["10.0.0.6"], "conditions": ["ready": true]],
                           ["addresses": ["10.0.0.7"], "conditions": ["ready": false]]]],
        ]
        s.objects["/api/v1/namespaces/\(ns)/configmaps/payments-config"] = ["kind": "PartialObjectMetadata", "metadata": ["name": "payments-config"]]
        s.forbidden = ["/api/v1/nodes"]
        return s
    }

    func gatherer(_ s: ObjectServer) -> EvidenceGatherer {
        let config = ResolvedKubeConfig(contextName: "test", server: "http://sim.test")
        return EvidenceGatherer(client: KubeClient(config: config, transport: s, authenticator: StaticAuthenticator(RequestCredentials())))
    }

    @Test func gathersOnlyTheWorkloadsObjectsWithFewReadOnlyRequests() throws {
        let s = server()
        let e = try gatherer(s).gather("payments", namespace: Self.ns, environment: "staging", now: Self.now)
        #expect(e.workload?.ref == ObjectRef(kind: "Deployment", name: "payments"))
        #expect(e.revisions.map(\.number) == [3, 2])
        #expect(Set(e.pods.map(\.name)) == ["payments-6b7f9c-x1", "payments-5d4c8a-a1", "payments-5d4c8a-a2"])
        #expect(e.events.map(\.message) == ["Back-off restarting failed container payments in pod payments-6b7f9c-x1"])
        #expect(e.logs.first?.lines.last == "fatal: DATABASE_URL is not set")
        #expect(e.services.map(\.name) == ["payments"])
        #expect(e.services.first?.readyAddresses == 2 && e.services.first?.notReadyAddresses == 1)
        #expect(e.references.first { $0.ref.kind == "ConfigMap" }?.exists == true)
        #expect(e.references.first { $0.ref.kind == "Secret" }?.exists == false)
        #expect(e.unreadable.contains("nodes: forbidden (403)"))
        #expect(s.requests.allSatisfy { $0.method == .get })
        // Beside the events, one list per object (the workload, 2 ReplicaSets, 3 pods).
        let eventReads = s.requests.filter { $0.url.contains("/events") }
        #expect(eventReads.count == 6)
        #expect(eventReads.allSatisfy { $0.url.contains("fieldSelector=involvedObject.kind%3D") })
        #expect(eventReads.contains { $0.url.contains("fieldSelector=involvedObject.kind%3DPod%2CinvolvedObject.name%3Dpayments-6b7f9c-x1") })
        #expect(s.requests.count - eventReads.count <= 11, "requests: \(s.requests.map(\.description))")
        // Secrets are asked for as metadata only, never as whole objects.
        let secretReads = s.requests.filter { $0.url.contains("/secrets/") }
        #expect(!secretReads.isEmpty)
        #expect(secretReads.allSatisfy { $0.headers.values("Accept") == [KubeRequests.metadataOnlyStrict] })
        // Lists carry the workload's label selector.
        #expect(s.requests.contains { $0.url.contains("/pods?labelSelector=app%3Dpayments") })
    }

    @Test func theDiagnosisOfGatheredEvidenceNamesTheCrashAndOffersTheWorkingRevision() throws {
        let e = try gatherer(server()).gather("payments", namespace: Self.ns, environment: "staging", now: Self.now)
        let report = Diagnosis.run(e)
        #expect(report.verdict == .degraded)
        #expect(report.findings.first?.analyzer == "crash-loop")
        #expect(report.findings.first?.cause.contains("DATABASE_URL is not set") == true)
        #expect(report.fix?.operation == Operation(.rollback, service: "payments", environment: "staging", revision: 2))
    }

    @Test func manyObjectsHaveTheirEventsFromOneListOfTheNamespace() throws {
        let s = server()
        var pods = s.lists["/api/v1/namespaces/\(Self.ns)/pods"] ?? []
        for i in 0..<Reads.eventListsPerObject {
            var pod = pods[1]
            pod[path: ["metadata", "name"]] = .string("payments-5d4c8a-b\(i)")
            pods.append(pod)
        }
        s.lists["/api/v1/namespaces/\(Self.ns)/pods"] = pods
        let e = try gatherer(s).gatherEvents("payments", namespace: Self.ns, environment: "staging", now: Self.now)
        #expect(e.events.map(\.reason) == ["BackOff"])
        #expect(s.requests.filter { $0.url.contains("/events") }.map(\.url) == ["http://sim.test/api/v1/namespaces/staging/events?limit=500"])
    }

    @Test func eventsLeftForLaterAreReadForTheSameObjects() throws {
        let s = server()
        let g = gatherer(s)
        var e = try g.gatherEvents("payments", namespace: Self.ns, environment: "staging", now: Self.now, withEvents: false)
        #expect(e.events.isEmpty)
        #expect(!s.requests.contains { $0.url.contains("/events") })
        g.readEvents(into: &e)
        let whole = try g.gatherEvents("payments", namespace: Self.ns, environment: "staging", now: Self.now)
        #expect(e == whole)
        #expect(e.events.map(\.reason) == ["BackOff"])
    }

    @Test func aMissingWorkloadIsNoEvidenceAndNoError() throws {
        let s = ObjectServer()
        let e = try gatherer(s).gather("nothing", namespace: Self.ns, environment: "staging", now: Self.now)
        #expect(e.workload == nil)
        #expect(s.requests.count == 3)  // one GET per kind
    }

    @Test func aFailingServerIsAnErrorNamingTheObject() throws {
        let s = ObjectServer()
        s.forbidden = ["/apis/apps/v1/namespaces/staging/deployments/payments"]
        #expect(throws: CortexError.self) {
            try gatherer(s).gather("payments", namespace: Self.ns, environment: "staging", now: Self.now)
        }
    }
}
