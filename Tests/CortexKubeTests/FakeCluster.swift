import CortexCore
@testable import CortexKube
import Foundation

/// An in-memory API server in the manner of client-go's fake clientset: it keeps
/// Deployments, ReplicaSets and Pods, answers the calls `KubeClient` makes with the real
/// shapes and `Status` errors (NotFound, AlreadyExists, Conflict), honours `dryRun=All`, and
/// records every request for assertions. A tiny controller settles rollouts on each read.
final class FakeCluster: HTTPTransport, @unchecked Sendable {
    enum Rollout {
        /// Every read sees the rollout finished.
        case instant
        /// The first `n` reads after a change see it in progress.
        case after(reads: Int)
        /// The new pods never become ready; the deadline is exceeded.
        case progressDeadline
    }

    private let lock = NSLock()
    private(set) var requests: [HTTPRequest] = []
    var deployments: [String: JSONValue] = [:]   // key "ns/name"
    var replicaSets: [String: JSONValue] = [:]
    var pods: [String: JSONValue] = [:]
    var logs: [String: String] = [:]             // key "ns/pod"
    var services: [String: JSONValue] = [:]      // key "ns/name", core/v1 Services
    var namespaces: Set<String> = ["staging", "production", "development", "default"]
    var rollout: Rollout = .instant
    /// Answers to send before handling requests normally, one per request (for 409/429/500 tests).
    var scripted: [HTTPResponse] = []
    /// When set, PUT /scale answers 409 this many times first, as if someone else wrote meanwhile.
    var scaleConflicts = 0
    /// Resources (`statefulsets`) this user may not read: every request for them answers 403.
    var forbidden: Set<String> = []
    private var resourceVersion = 100
    private var pendingReads: [String: Int] = [:]
    private var uidCounter = 0

    // MARK: Seeding

    /// Adds a settled Deployment at `revision`, with its ReplicaSet and pods.
    @discardableResult
    func seed(_ name: String, in ns: String, image: String, replicas: Int = 2, revision: Int = 1,
              containers extra: [JSONValue] = []) -> JSONValue {
        lock.lock(); defer { lock.unlock() }
        let template: JSONValue = [
            "metadata": ["labels": ["app": .string(name)]],
            "spec": ["containers": .array([["name": .string(name), "image": .string(image), "ports": [["containerPort": 8080]]]] + extra)],
        ]
        var d: JSONValue = [
            "metadata": ["name": .string(name), "namespace": .string(ns), "uid": .string(nextUID()), "generation": 1,
                         "resourceVersion": .string(nextRV()), "annotations": [KubeAnnotation.revision: .string(String(revision))],
                         "labels": ["app": .string(name)]],
            "spec": ["replicas": .number(replicas), "selector": ["matchLabels": ["app": .string(name)]], "template": template,
                     "progressDeadlineSeconds": 600],
        ]
        settle(&d)
        deployments["\(ns)/\(name)"] = d
        syncReplicaSet(d, revision: revision)
        return d
    }

    /// Adds a core/v1 Service of type ClusterIP selecting `selector`.
    func seedService(_ name: String, in ns: String, selector: [String: String]) {
        lock.lock(); defer { lock.unlock() }
        services["\(ns)/\(name)"] = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": .string(name), "namespace": .string(ns), "uid": .string(nextUID()), "resourceVersion": .string(nextRV())],
            "spec": ["type": "ClusterIP", "selector": .object(selector.mapValues(JSONValue.string)),
                     "ports": [["name": "http", "protocol": "TCP", "port": 80, "targetPort": 8080]]],
        ]
    }

    /// Adds an old ReplicaSet of `deployment` at `revision` with `image`.
    func seedHistory(_ name: String, in ns: String, revision: Int, image: String, changeCause: String? = nil) {
        lock.lock(); defer { lock.unlock() }
        guard let d = deployments["\(ns)/\(name)"] else { return }
        var template = d["spec"]!["template"]!
        var containers = d[path: ["spec", "template", "spec", "containers"]]!.arrayValue!
        containers[0]["image"] = .string(image)
        template[path: ["spec", "containers"]] = .array(containers)
        template[path: ["metadata", "labels", KubeLabel.podTemplateHash]] = .string("hash\(revision)")
        var annotations: [String: JSONValue] = [KubeAnnotation.revision: .string(String(revision))]
        if let changeCause { annotations[KubeAnnotation.changeCause] = .string(changeCause) }
        replicaSets["\(ns)/\(name)-hash\(revision)"] = [
            "metadata": ["name": .string("\(name)-hash\(revision)"), "namespace": .string(ns), "uid": .string(nextUID()),
                         "labels": ["app": .string(name), KubeLabel.podTemplateHash: .string("hash\(revision)")],
                         "annotations": .object(annotations),
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(name),
                                              "uid": d[path: ["metadata", "uid"]]!, "controller": true]]],
            "spec": ["replicas": 0, "template": template],
        ]
    }

    func deployment(_ ns: String, _ name: String) -> Deployment? {
        lock.lock(); defer { lock.unlock() }
        return deployments["\(ns)/\(name)"].flatMap { try? JSONDecoder().decode(Deployment.self, from: $0.jsonData) }
    }

    /// Requests other than reads.
    var mutations: [HTTPRequest] { lock.lock(); defer { lock.unlock() }; return requests.filter { $0.method != .get } }

    // MARK: Transport

    func send(_ request: HTTPRequest) throws(HTTPTransportError) -> HTTPResponse {
        lock.lock(); defer { lock.unlock() }
        requests.append(request)
        if !scripted.isEmpty { return scripted.removeFirst() }
        let (path, query) = Self.split(request.url)
        let dryRun = query["dryRun"] == "All"
        let parts = path.split(separator: "/").map(String.init)
        // /apis/apps/v1/namespaces/{ns}/deployments[/{name}[/scale]]
        if parts.count >= 6, parts[0] == "apis", parts[3] == "namespaces" {
            let ns = parts[4]
            guard namespaces.contains(ns) else { return Self.status(404, "NotFound", "namespaces \"\(ns)\" not found", kind: "namespaces") }
            if forbidden.contains(parts[5]) {
                return Self.status(403, "Forbidden", "\(parts[5]).apps is forbidden: User \"dev\" cannot get resource \"\(parts[5])\" in API group \"apps\" in the namespace \"\(ns)\"")
            }
            switch (parts[5], parts.count) {
            case ("deployments", 6):
                return request.method == .post ? create(ns, request, dryRun: dryRun) : list(deployments, ns, kind: "DeploymentList", selector: nil)
            case ("deployments", 7):
                return deploymentCall(ns, parts[6], request, dryRun: dryRun)
            case ("deployments", 8) where parts[7] == "scale":
                return scaleCall(ns, parts[6], request, dryRun: dryRun)
            case ("replicasets", 6):
                return list(replicaSets, ns, kind: "ReplicaSetList", selector: query["labelSelector"])
            default: break
            }
        }
        // /api/v1/namespaces/{ns}/services
        if parts.count == 5, parts[0] == "api", parts[2] == "namespaces", parts[4] == "services" {
            return list(services, parts[3], kind: "ServiceList", selector: nil)
        }
        // /api/v1/namespaces/{ns}/pods[/{name}/log]
        if parts.count >= 5, parts[0] == "api", parts[2] == "namespaces", parts[4] == "pods" {
            let ns = parts[3]
            if parts.count == 5 { return list(pods, ns, kind: "PodList", selector: query["labelSelector"]) }
            if parts.count == 7, parts[6] == "log" {
                guard let text = logs["\(ns)/\(parts[5])"] else { return Self.status(404, "NotFound", "pods \"\(parts[5])\" not found") }
                let tail = Int(query["tailLines"] ?? "") ?? Int.max
                let lines = text.split(separator: "\n").suffix(tail)
                return HTTPResponse(status: 200, body: Data((lines.joined(separator: "\n") + "\n").utf8))
            }
        }
        return Self.status(404, "NotFound", "the server could not find the requested resource")
    }

    private func deploymentCall(_ ns: String, _ name: String, _ request: HTTPRequest, dryRun: Bool) -> HTTPResponse {
        let key = "\(ns)/\(name)"
        guard var d = deployments[key] else {
            return Self.status(404, "NotFound", "deployments.apps \"\(name)\" not found", name: name)
        }
        switch request.method {
        case .get:
            advance(&d, key)
            deployments[key] = d
            return Self.ok(d)
        case .patch:
            guard let body = request.body, let patch = try? JSONDecoder().decode(JSONValue.self, from: body) else {
                return Self.status(400, "BadRequest", "invalid patch")
            }
            let before = d
            do {
                switch request.headers["Content-Type"] {
                case PatchType.strategicMerge.rawValue?: d = try StrategicMergePatch.apply(patch, to: d)
                case PatchType.merge.rawValue?: d = MergePatch.apply(patch, to: d)
                case PatchType.json.rawValue?: d = try JSONPatch(patch).apply(to: d)
                default:
                    return Self.status(415, "UnsupportedMediaType", "the body of the request was in an unknown format")
                }
            } catch {
                return Self.status(422, "Invalid", "the patch cannot be applied: \(error)")
            }
            if let n = d[path: ["spec", "replicas"]]?.intValue, n < 0 {
                return Self.status(422, "Invalid", "Deployment.apps \"\(name)\" is invalid: spec.replicas: Invalid value: \(n): must be greater than or equal to 0",
                                   causes: [["reason": "FieldValueInvalid", "message": .string("Invalid value: \(n): must be greater than or equal to 0"), "field": "spec.replicas"]])
            }
            if d["spec"] != before["spec"] { bump(&d) }
            d[path: ["metadata", "resourceVersion"]] = .string(nextRV())
            if !dryRun {
                deployments[key] = d
                if d[path: ["spec", "template"]] != before[path: ["spec", "template"]] { newRevision(&d, key) }
            }
            return Self.ok(d)
        case .delete:
            if !dryRun {
                deployments[key] = nil
                replicaSets = replicaSets.filter { $0.value[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["name"] != .string(name) }
            }
            return Self.ok(["kind": "Status", "apiVersion": "v1", "status": "Success", "details": ["name": .string(name), "group": "apps", "kind": "deployments"]])
        default:
            return Self.status(405, "MethodNotAllowed", "method not allowed")
        }
    }

    private func scaleCall(_ ns: String, _ name: String, _ request: HTTPRequest, dryRun: Bool) -> HTTPResponse {
        let key = "\(ns)/\(name)"
        guard var d = deployments[key] else { return Self.status(404, "NotFound", "deployments.apps \"\(name)\" not found", name: name) }
        switch request.method {
        case .get:
            return Self.ok(scale(of: d))
        case .put:
            guard let body = request.body, let s = try? JSONDecoder().decode(JSONValue.self, from: body) else {
                return Self.status(400, "BadRequest", "invalid body")
            }
            if scaleConflicts > 0 {
                scaleConflicts -= 1
                d[path: ["metadata", "resourceVersion"]] = .string(nextRV())   // someone else wrote
                deployments[key] = d
            }
            if let rv = s[path: ["metadata", "resourceVersion"]], rv != d[path: ["metadata", "resourceVersion"]] {
                return Self.status(409, "Conflict", "Operation cannot be fulfilled on deployments.apps \"\(name)\": the object has been modified; please apply your changes to the latest version and try again", name: name)
            }
            guard let n = s[path: ["spec", "replicas"]]?.intValue, n >= 0 else {
                return Self.status(422, "Invalid", "Scale.autoscaling \"\(name)\" is invalid: spec.replicas: must be greater than or equal to 0")
            }
            if d[path: ["spec", "replicas"]] != .number(n) {
                d[path: ["spec", "replicas"]] = .number(n)
                bump(&d)
            }
            d[path: ["metadata", "resourceVersion"]] = .string(nextRV())
            if !dryRun { deployments[key] = d }
            return Self.ok(scale(of: d))
        default:
            return Self.status(405, "MethodNotAllowed", "method not allowed")
        }
    }

    private func create(_ ns: String, _ request: HTTPRequest, dryRun: Bool) -> HTTPResponse {
        guard let body = request.body, var d = try? JSONDecoder().decode(JSONValue.self, from: body),
              let name = d[path: ["metadata", "name"]]?.stringValue else { return Self.status(400, "BadRequest", "invalid body") }
        let key = "\(ns)/\(name)"
        if deployments[key] != nil {
            return Self.status(409, "AlreadyExists", "deployments.apps \"\(name)\" already exists", name: name)
        }
        d[path: ["metadata", "namespace"]] = .string(ns)
        d[path: ["metadata", "uid"]] = .string(nextUID())
        d[path: ["metadata", "generation"]] = 1
        d[path: ["metadata", "resourceVersion"]] = .string(nextRV())
        d[path: ["spec", "progressDeadlineSeconds"]] = 600
        if !dryRun {
            d[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]] = "1"  // the server keeps the annotations sent
            deployments[key] = d
            syncReplicaSet(d, revision: 1)
            pendingReads[key] = readsToSettle
        }
        var answer = HTTPResponse(status: 201, body: d.jsonData)
        answer.headers.add("Content-Type", "application/json")
        return answer
    }

    // MARK: Controller

    private var readsToSettle: Int {
        switch rollout {
        case .instant: 0
        case .after(let n): n
        case .progressDeadline: Int.max
        }
    }

    private func bump(_ d: inout JSONValue) {
        let g = d[path: ["metadata", "generation"]]?.intValue ?? 1
        d[path: ["metadata", "generation"]] = .number(g + 1)
        if let name = d[path: ["metadata", "name"]]?.stringValue, let ns = d[path: ["metadata", "namespace"]]?.stringValue {
            pendingReads["\(ns)/\(name)"] = readsToSettle
        }
    }

    private func newRevision(_ d: inout JSONValue, _ key: String) {
        let revisions = replicaSets.values.compactMap { $0[path: ["metadata", "annotations", KubeAnnotation.revision]]?.stringValue.flatMap { Int($0) } }
        let next = (revisions.max() ?? 0) + 1
        d[path: ["metadata", "annotations", KubeAnnotation.revision]] = .string(String(next))
        deployments[key] = d
        syncReplicaSet(d, revision: next)
    }

    /// Reads move the rollout on: in progress while reads are pending, settled after.
    private func advance(_ d: inout JSONValue, _ key: String) {
        guard let pending = pendingReads[key] else { return }
        if pending <= 0 {
            settle(&d)
            pendingReads[key] = nil
            return
        }
        pendingReads[key] = pending == Int.max ? Int.max : pending - 1
        let desired = d[path: ["spec", "replicas"]]?.intValue ?? 1
        var status: JSONValue = [
            "observedGeneration": d[path: ["metadata", "generation"]] ?? 1, "replicas": .number(desired + 1),
            "updatedReplicas": 1, "readyReplicas": .number(desired), "availableReplicas": .number(desired),
        ]
        if case .progressDeadline = rollout {
            status["conditions"] = [["type": "Progressing", "status": "False", "reason": "ProgressDeadlineExceeded",
                                     "message": "ReplicaSet has timed out progressing."]]
        }
        d["status"] = status
    }

    private func settle(_ d: inout JSONValue) {
        let desired = d[path: ["spec", "replicas"]]?.intValue ?? 1
        let n = JSONValue.number(desired)
        var status: JSONValue = ["observedGeneration": d[path: ["metadata", "generation"]] ?? 1,
                                 "conditions": [["type": "Available", "status": "True", "reason": "MinimumReplicasAvailable"],
                                                ["type": "Progressing", "status": "True", "reason": "NewReplicaSetAvailable"]]]
        if desired > 0 {
            status["replicas"] = n; status["updatedReplicas"] = n; status["readyReplicas"] = n; status["availableReplicas"] = n
        }
        d["status"] = status
    }

    private func syncReplicaSet(_ d: JSONValue, revision: Int) {
        guard let name = d[path: ["metadata", "name"]]?.stringValue, let ns = d[path: ["metadata", "namespace"]]?.stringValue else { return }
        var template = d[path: ["spec", "template"]]!
        template[path: ["metadata", "labels", KubeLabel.podTemplateHash]] = .string("hash\(revision)")
        replicaSets["\(ns)/\(name)-hash\(revision)"] = [
            "metadata": ["name": .string("\(name)-hash\(revision)"), "namespace": .string(ns), "uid": .string(nextUID()),
                         "labels": ["app": .string(name), KubeLabel.podTemplateHash: .string("hash\(revision)")],
                         "annotations": [KubeAnnotation.revision: .string(String(revision))],
                         "ownerReferences": [["apiVersion": "apps/v1", "kind": "Deployment", "name": .string(name),
                                              "uid": d[path: ["metadata", "uid"]]!, "controller": true]]],
            "spec": ["replicas": d[path: ["spec", "replicas"]] ?? 1, "template": template],
        ]
        pods = pods.filter { !$0.key.hasPrefix("\(ns)/\(name)-") }
        let count = d[path: ["spec", "replicas"]]?.intValue ?? 1
        for i in 0..<count {
            let pod = "\(name)-hash\(revision)-\(i)"
            pods["\(ns)/\(pod)"] = ["metadata": ["name": .string(pod), "namespace": .string(ns), "labels": ["app": .string(name)]],
                                    "status": ["phase": "Running", "containerStatuses": [["name": .string(name), "ready": true, "restartCount": .number(i)]]]]
        }
    }

    private func scale(of d: JSONValue) -> JSONValue {
        ["kind": "Scale", "apiVersion": "autoscaling/v1",
         "metadata": ["name": d[path: ["metadata", "name"]] ?? .null, "namespace": d[path: ["metadata", "namespace"]] ?? .null,
                      "resourceVersion": d[path: ["metadata", "resourceVersion"]] ?? .null],
         "spec": ["replicas": d[path: ["spec", "replicas"]] ?? 1],
         "status": ["replicas": d[path: ["status", "replicas"]] ?? 0, "selector": .string("app=\(d[path: ["metadata", "name"]]?.stringValue ?? "")")]]
    }

    private func list(_ store: [String: JSONValue], _ ns: String, kind: String, selector: String?) -> HTTPResponse {
        let wanted = Self.parseSelector(selector)
        let items = store.filter { $0.key.hasPrefix("\(ns)/") }.sorted { $0.key < $1.key }.map(\.value).filter { item in
            let labels = item[path: ["metadata", "labels"]]?.objectValue ?? [:]
            return wanted.allSatisfy { labels[$0.key] == .string($0.value) }
        }
        return Self.ok(["kind": .string(kind), "apiVersion": "v1", "metadata": ["resourceVersion": .string(String(resourceVersion))], "items": .array(items)])
    }

    // MARK: Helpers

    private func nextRV() -> String { resourceVersion += 1; return String(resourceVersion) }
    private func nextUID() -> String { uidCounter += 1; return "uid-\(uidCounter)" }

    static func split(_ url: String) -> (String, [String: String]) {
        let afterHost = url.split(separator: "/", maxSplits: 3, omittingEmptySubsequences: false)
        let rest = afterHost.count > 3 ? "/" + afterHost[3] : "/"
        let pq = rest.split(separator: "?", maxSplits: 1)
        var query: [String: String] = [:]
        if pq.count == 2 {
            for pair in pq[1].split(separator: "&") {
                let kv = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? String($0) }
                query[kv[0]] = kv.count > 1 ? kv[1] : ""
            }
        }
        return (String(pq[0]), query)
    }

    static func parseSelector(_ s: String?) -> [String: String] {
        var out: [String: String] = [:]
        for part in (s ?? "").split(separator: ",") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { out[String(kv[0])] = String(kv[1]) }
        }
        return out
    }

    static func ok(_ value: JSONValue) -> HTTPResponse {
        HTTPResponse(status: 200, headers: ["Content-Type": "application/json"], body: value.jsonData)
    }

    static func status(_ code: Int, _ reason: String, _ message: String, name: String? = nil, kind: String? = nil, causes: [JSONValue] = []) -> HTTPResponse {
        var details: [String: JSONValue] = [:]
        if let name { details["name"] = .string(name); details["group"] = "apps"; details["kind"] = "deployments" }
        if let kind { details["kind"] = .string(kind) }
        if !causes.isEmpty { details["causes"] = .array(causes) }
        let body: JSONValue = ["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure", "message": .string(message),
                               "reason": .string(reason), "details": .object(details), "code": .number(code)]
        return HTTPResponse(status: code, headers: ["Content-Type": "application/json"], body: body.jsonData)
    }
}

/// A clock that never sleeps: `sleep` moves time forward.
final class FakeClock: WaitingClock, @unchecked Sendable {
    private let lock = NSLock()
    private var time: Duration = .zero
    private(set) var sleeps: [Duration] = []

    func now() -> Duration { lock.lock(); defer { lock.unlock() }; return time }

    func sleep(for duration: Duration, cancellation: any CancellationSignal) {
        lock.lock(); defer { lock.unlock() }
        sleeps.append(duration)
        time += duration
    }
}

/// A cancellation flag for tests, optionally firing after a number of checks.
final class TestCancellation: CancellationSignal, @unchecked Sendable {
    private let lock = NSLock()
    private var checksLeft: Int

    init(after checks: Int = Int.max) { checksLeft = checks }

    var isCancelled: Bool {
        lock.lock(); defer { lock.unlock() }
        if checksLeft <= 0 { return true }
        checksLeft -= 1
        return false
    }
}
