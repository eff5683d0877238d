public import CortexCore
public import FoundationEssentials

/// Reads what a diagnosis needs, and nothing that changes anything: the workload, its
/// revisions, pods, events, the failing containers' logs (current and previous instance),
/// the Services selecting it with their endpoints, claims, referenced ConfigMaps and Secrets
/// (existence only, as metadata: a Secret's data is never requested), quotas and nodes.
///
/// Few requests: lists with label selectors, the events of the workload and its revisions
/// and pods by field selector (one list of the namespace's events when they are many, and for
/// a whole environment), logs of at most `maxLogReads` containers. Optional parts that fail (403, 404) or come after the time
/// budget are named in `unreadable`, not fatal; only the workload itself must be readable.
public struct EvidenceGatherer: Sendable {
    let client: KubeClient
    /// After this long, optional reads (logs, services, references, quotas, nodes) are skipped.
    public var budget: Duration
    public var maxLogReads: Int
    public var logLines: Int

    public init(client: KubeClient, budget: Duration = .milliseconds(1500), maxLogReads: Int = 4, logLines: Int = 20) {
        self.client = client
        self.budget = budget
        self.maxLogReads = maxLogReads
        self.logLines = logLines
    }

    /// The kinds cortex diagnoses, in the order a name is looked up.
    static let kinds: [(kind: String, plural: String)] = [("Deployment", "deployments"), ("StatefulSet", "statefulsets"), ("DaemonSet", "daemonsets")]

    // MARK: One workload

    /// Evidence about `name` (of `kind` when given, else the first kind that has it);
    /// `workload` is nil when no kind has it.
    public func gather(_ name: String, kind: String? = nil, namespace ns: String, environment: String, now: Date) throws(CortexError) -> DiagnosisEvidence {
        try gather(name, kind: kind, namespace: ns, environment: environment, now: now, eventsOnly: false)
    }

    /// The workload with its revisions, pods and their events, and nothing else: for `events`.
    /// Without `withEvents`, the events are left for `readEvents(into:)`. `known` is the
    /// workload as just read by the caller, which is then not read again.
    public func gatherEvents(_ name: String, kind: String? = nil, namespace ns: String, environment: String, now: Date,
                             withEvents: Bool = true, known: JSONValue? = nil) throws(CortexError) -> DiagnosisEvidence {
        try gather(name, kind: kind, namespace: ns, environment: environment, now: now, eventsOnly: true, withEvents: withEvents,
                   known: known)
    }

    /// Reads the events about the subject of `evidence` and its revisions and pods into it,
    /// noting in `unreadable` when they cannot be read.
    public func readEvents(into evidence: inout DiagnosisEvidence) {
        var reads = Reads(client: client, namespace: evidence.namespace, started: ContinuousClock.now, budget: budget)
        evidence.events = reads.events(about: Self.eventObjects(evidence))
        evidence.unreadable += reads.unreadable
    }

    /// The objects whose events a workload's evidence holds: itself, its revisions, its pods.
    static func eventObjects(_ e: DiagnosisEvidence) -> Set<ObjectRef> {
        Set([e.subject] + e.revisions.map(\.ref) + e.pods.map(\.ref))
    }

    func gather(_ name: String, kind: String?, namespace ns: String, environment: String, now: Date, eventsOnly: Bool,
                withEvents: Bool = true, known: JSONValue? = nil) throws(CortexError) -> DiagnosisEvidence {
        let started = ContinuousClock.now
        var unreadable: [String] = []
        var workload = known
        for (k, plural) in Self.kinds where known == nil && (kind == nil || kind!.lowercased() == k.lowercased()) {
            do {
                workload = try client.json(KubeRequest(method: .get, path: "/apis/apps/v1/namespaces/\(ns)/\(plural)/\(name)"))
                break
            } catch .status(404, let status) where status?.details?.kind != "namespaces" {
                continue
            } catch .status(403, _) where k != "Deployment" {
                unreadable.append("\(plural): forbidden (403)")
            } catch {
                throw error.cortexError(client.context(ns, "\(k.lowercased()) \(name)", "read"))
            }
        }
        let subject = ObjectRef(kind: workload?["kind"]?.stringValue ?? kind ?? "Deployment", name: name)
        guard let workload else {
            return DiagnosisEvidence(subject: subject, namespace: ns, environment: environment, gatheredAt: now, unreadable: unreadable)
        }
        var reads = Reads(client: client, namespace: ns, started: started, budget: budget)
        reads.unreadable = unreadable
        let selector = Self.selector(of: workload)
        let query: [KubeRequest.QueryItem] = selector.map { [.init("labelSelector", $0)] } ?? []
        let snapshot = NamespaceSnapshot(
            workloads: [workload],
            revisions: reads.list(Self.revisionsPath(subject.kind, ns), "revisions", query: query, required: true),
            pods: reads.list("/api/v1/namespaces/\(ns)/pods", "pods", query: query, required: true),
            events: nil)
        if let error = reads.fatal { throw error }
        return assemble(workload, snapshot, &reads, environment: environment, now: now, eventsOnly: eventsOnly, withEvents: withEvents)
    }

    // MARK: A whole environment

    /// Evidence about every Deployment, StatefulSet and DaemonSet of the namespace, from one
    /// list of each kind of object; logs only for the failing ones, at most `maxLogReads`.
    public func gatherAll(namespace ns: String, environment: String, now: Date) throws(CortexError) -> (evidence: [DiagnosisEvidence], unreadable: [String]) {
        var reads = Reads(client: client, namespace: ns, started: ContinuousClock.now, budget: budget)
        var workloads: [JSONValue] = []
        for (k, plural) in Self.kinds {
            let items = reads.list("/apis/apps/v1/namespaces/\(ns)/\(plural)", plural, required: k == "Deployment")
            workloads += items.map { item in
                var item = item
                if item["kind"] == nil { item["kind"] = .string(k) }
                return item
            }
        }
        if let error = reads.fatal { throw error }
        let snapshot = NamespaceSnapshot(
            workloads: workloads,
            revisions: reads.list("/apis/apps/v1/namespaces/\(ns)/replicasets", "replicasets")
                + reads.list("/apis/apps/v1/namespaces/\(ns)/controllerrevisions", "controllerrevisions"),
            pods: reads.list("/api/v1/namespaces/\(ns)/pods", "pods", required: true),
            events: reads.list("/api/v1/namespaces/\(ns)/events", "events"))
        if let error = reads.fatal { throw error }
        let shared = reads.unreadable
        var all: [DiagnosisEvidence] = []
        for workload in workloads.sorted(by: { ($0[path: ["metadata", "name"]]?.stringValue ?? "") < ($1[path: ["metadata", "name"]]?.stringValue ?? "") }) {
            reads.unreadable = []
            all.append(assemble(workload, snapshot, &reads, environment: environment, now: now))
        }
        return (all, shared)
    }

    // MARK: Assembling

    /// The evidence of one workload from what was listed, plus the reads that depend on it.
    func assemble(_ workload: JSONValue, _ snapshot: NamespaceSnapshot, _ reads: inout Reads, environment: String, now: Date,
                  eventsOnly: Bool = false, withEvents: Bool = true) -> DiagnosisEvidence {
        let ns = reads.namespace
        let kind = workload["kind"]?.stringValue ?? "Deployment"
        let name = workload[path: ["metadata", "name"]]?.stringValue ?? "?"
        let uid = workload[path: ["metadata", "uid"]]?.stringValue
        let w = WorkloadEvidence(json: workload)
        let selector = workload[path: ["spec", "selector", "matchLabels"]]?.objectValue?.compactMapValues(\.stringValue) ?? w?.templateLabels ?? [:]

        func owned(_ item: JSONValue, by owner: String, uid: String?) -> Bool {
            (item[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains { ref in
                if let uid, let refUID = ref["uid"]?.stringValue { return refUID == uid }
                return ref["name"]?.stringValue == owner
            }
        }
        func labelsMatch(_ item: JSONValue) -> Bool {
            let labels = item[path: ["metadata", "labels"]]?.objectValue ?? [:]
            return !selector.isEmpty && selector.allSatisfy { labels[$0.key]?.stringValue == $0.value }
        }
        let revisionsJSON = snapshot.revisions.filter { owned($0, by: name, uid: uid) && ($0["kind"]?.stringValue ?? "ReplicaSet") == Self.revisionKind(kind) }
        var revisions = revisionsJSON.compactMap { json -> RevisionEvidence? in
            var json = json
            if json["kind"] == nil { json["kind"] = .string(Self.revisionKind(kind)) }
            return RevisionEvidence(json: json)
        }
        revisions.sort { $0.number > $1.number }
        let revisionNames = Set(revisions.map(\.name))
        let revisionUIDs = Set(revisionsJSON.compactMap { $0[path: ["metadata", "uid"]]?.stringValue })
        let podsJSON = snapshot.pods.filter { pod in
            let owners = pod[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
            if kind == "Deployment" {
                return owners.contains { ref in
                    if let u = ref["uid"]?.stringValue, !revisionUIDs.isEmpty { return revisionUIDs.contains(u) }
                    return revisionNames.contains(ref["name"]?.stringValue ?? "")
                } || (owners.isEmpty && labelsMatch(pod))
            }
            return owned(pod, by: name, uid: uid) || (owners.isEmpty && labelsMatch(pod))
        }
        let pods = podsJSON.compactMap(PodEvidence.init(json:))
        var evidence = DiagnosisEvidence(subject: ObjectRef(kind: kind, name: name), namespace: ns, environment: environment,
                                         gatheredAt: now, workload: w, revisions: revisions, pods: pods)
        let names = Self.eventObjects(evidence)
        if let listed = snapshot.events {
            evidence.events = listed.compactMap(EventEvidence.init(json:)).filter { names.contains($0.object) }
        } else if withEvents {
            evidence.events = reads.events(about: names)
        }
        let events = evidence.events
        if eventsOnly {
            evidence.unreadable = reads.unreadable
            return evidence
        }
        evidence.logs = reads.logs(for: pods, max: maxLogReads, lines: logLines)
        let templateLabels = w?.templateLabels ?? [:]
        evidence.services = reads.services(selecting: templateLabels)
        if let claims = w?.claimNames, !claims.isEmpty { evidence.claims = reads.claims(claims) }
        evidence.references = reads.references(WorkloadEvidence.references(inTemplateOf: workload))
        if revisions.contains(where: { r in r.conditions.contains { $0.type == "ReplicaFailure" && $0.isTrue } })
            || events.contains(where: { $0.reason == "FailedCreate" }) {
            evidence.quotas = reads.quotas()
        }
        if pods.contains(where: { !$0.isReady }) { evidence.nodes = reads.nodes(Set(pods.compactMap(\.nodeName))) }
        evidence.unreadable = reads.unreadable
        return evidence
    }

    /// `spec.selector` as a `labelSelector` query, as kubectl renders it (`LabelSelector.queryString`).
    static func selector(of workload: JSONValue) -> String? {
        guard let json = workload[path: ["spec", "selector"]],
              let selector = try? JSONDecoder().decode(LabelSelector.self, from: json.jsonData) else { return nil }
        let query = selector.queryString
        return query.isEmpty ? nil : query
    }

    static func revisionKind(_ workloadKind: String) -> String { workloadKind == "Deployment" ? "ReplicaSet" : "ControllerRevision" }

    static func revisionsPath(_ workloadKind: String, _ ns: String) -> String {
        workloadKind == "Deployment" ? "/apis/apps/v1/namespaces/\(ns)/replicasets" : "/apis/apps/v1/namespaces/\(ns)/controllerrevisions"
    }
}

/// What was listed once for a namespace (or, for one workload, with its label selector).
struct NamespaceSnapshot {
    var workloads: [JSONValue]
    var revisions: [JSONValue]
    var pods: [JSONValue]
    /// The namespace's events; nil when each workload's are read by field selector.
    var events: [JSONValue]?
}
