import CortexCore
import FoundationEssentials

/// The reads of one diagnosis, with their bookkeeping: what could not be read (and why),
/// a time budget after which optional reads are skipped, and the first failure of a read
/// the diagnosis cannot do without.
struct Reads {
    let client: KubeClient
    let namespace: String
    let started: ContinuousClock.Instant
    let budget: Duration
    var unreadable: [String] = []
    /// Set when a required read failed for another reason than 403/404.
    var fatal: CortexError?

    init(client: KubeClient, namespace: String, started: ContinuousClock.Instant, budget: Duration) {
        self.client = client
        self.namespace = namespace
        self.started = started
        self.budget = budget
    }

    var overBudget: Bool { ContinuousClock.now - started > budget }

    /// Notes an optional read skipped for time, once per kind of object.
    mutating func skipped(_ what: String) {
        let note = "\(what): skipped, the time budget of \(budget.formatted(.units(allowed: [.seconds, .milliseconds]))) was spent"
        if !unreadable.contains(note) { unreadable.append(note) }
    }

    /// Why reading `what` failed, in a few words: `forbidden (403)`, `not served (404)`; other
    /// failures as the client words them.
    func why(_ error: KubeAPIError, reading what: String) -> String {
        switch error {
        case .status(403, _): "forbidden (403)"
        case .status(404, _): "not served (404)"
        case .status(let code, let status): "HTTP \(code)" + (status?.message.map { ": \(ClusterText.sanitize($0, maxLength: 160))" } ?? "")
        default: ClusterText.sanitize(error.cortexError(client.context(namespace, what, "read")).message, maxLength: 160)
        }
    }

    /// The items of a list; a failure is noted (and, for a `required` list that failed with
    /// anything but 403, kept as `fatal`) and yields no items.
    mutating func list(_ path: String, _ what: String, query: [KubeRequest.QueryItem] = [], required: Bool = false) -> [JSONValue] {
        do {
            let (items, truncated) = try client.list(KubeRequest(method: .get, path: path, query: query))
            if truncated { unreadable.append("\(what): only the first \(items.count) read") }
            return items
        } catch {
            if required, fatal == nil, !(error.isForbidden) {
                fatal = error.cortexError(client.context(namespace, what, "list"))
            }
            unreadable.append("\(what): \(why(error, reading: what))")
            return []
        }
    }

    // MARK: Events

    /// Above this many objects, their events come from one list of the namespace's events
    /// rather than one field-selected list per object.
    static let eventListsPerObject = 16

    /// The events about `objects`, in the namespace list's order (by name): one list per
    /// object with `fieldSelector=involvedObject.kind=…,involvedObject.name=…` (field
    /// selectors have no set form), or, for many objects, the namespace's list filtered here.
    mutating func events(about objects: Set<ObjectRef>) -> [EventEvidence] {
        let path = "/api/v1/namespaces/\(namespace)/events"
        guard objects.count <= Self.eventListsPerObject else {
            return list(path, "events").compactMap(EventEvidence.init(json:)).filter { objects.contains($0.object) }
        }
        var items: [JSONValue] = []
        for object in objects.sorted(by: { ($0.kind, $0.name) < ($1.kind, $1.name) }) {
            let selector = "involvedObject.kind=\(object.kind),involvedObject.name=\(object.name)"
            let before = unreadable.count
            items += list(path, "events", query: [.init("fieldSelector", selector)])
            if unreadable.count > before, unreadable.last?.hasPrefix("events: only") != true { return [] }
        }
        items.sort { ($0[path: ["metadata", "name"]]?.stringValue ?? "") < ($1[path: ["metadata", "name"]]?.stringValue ?? "") }
        return items.compactMap(EventEvidence.init(json:)).filter { objects.contains($0.object) }
    }

    // MARK: Logs

    /// The last `lines` lines of the failing containers: the previous instance's log when the
    /// container restarted, the current one's when it runs or ended. One container per pod,
    /// the worst pods first, at most `max` reads.
    mutating func logs(for pods: [PodEvidence], max: Int, lines: Int) -> [LogEvidence] {
        var out: [LogEvidence] = []
        var reads = 0
        var seenContainers: Set<String> = []
        let failing = pods.compactMap { pod -> (PodEvidence, ContainerStatusEvidence)? in
            let candidates = pod.initContainers + pod.containers
            guard let c = candidates.first(where: Self.isFailing) else { return nil }
            return (pod, c)
        }.sorted { $0.1.restartCount > $1.1.restartCount }
        for (pod, container) in failing where reads < max {
            // One pod per failing container is enough: its siblings fail the same way.
            guard !seenContainers.contains(container.name) else { continue }
            if overBudget { skipped("logs"); break }
            seenContainers.insert(container.name)
            if container.restartCount > 0 || container.lastState?.termination != nil {
                reads += 1
                if let log = read(pod.name, container.name, previous: true, lines: lines) { out.append(log) }
            }
            let hasInstance: Bool = switch container.state {
            case .running, .terminated: true
            default: false
            }
            if hasInstance, reads < max {
                reads += 1
                if let log = read(pod.name, container.name, previous: false, lines: lines) { out.append(log) }
            }
        }
        return out
    }

    static func isFailing(_ c: ContainerStatusEvidence) -> Bool {
        if c.ready { return false }
        if c.restartCount > 0 || c.lastState?.termination != nil { return true }
        if case .terminated(let t) = c.state { return t.exitCode != 0 }
        if case .running = c.state { return true }  // running but not ready: its log may say why
        return false
    }

    mutating func read(_ pod: String, _ container: String, previous: Bool, lines: Int) -> LogEvidence? {
        var query: [KubeRequest.QueryItem] = [.init("container", container), .init("tailLines", String(lines)), .init("limitBytes", "16384")]
        if previous { query.append(.init("previous", "true")) }
        do {
            let text = try client.send(KubeRequest(method: .get, path: "/api/v1/namespaces/\(namespace)/pods/\(pod)/log", query: query)).bodyText
            var split = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if split.last == "" { split.removeLast() }
            return LogEvidence(pod: pod, container: container, previous: previous, lines: Array(split.suffix(lines)))
        } catch .status(400, _) {
            // No such instance (a previous one that was never there, one still waiting): no evidence, no error.
            return nil
        } catch {
            unreadable.append("log of \(pod)/\(container)\(previous ? " (previous)" : ""): \(why(error, reading: "the logs of pod \(pod)"))")
            return nil
        }
    }

    // MARK: Services and endpoints

    /// Services of the namespace selecting pods with `labels`, each with its ready and
    /// not-ready addresses from EndpointSlices (Endpoints where slices are not served).
    mutating func services(selecting labels: [String: String]) -> [ServiceEvidence] {
        guard !labels.isEmpty else { return [] }
        if overBudget { skipped("services"); return [] }
        var services = list("/api/v1/namespaces/\(namespace)/services", "services")
            .compactMap(ServiceEvidence.init(json:)).filter { $0.selects(labels) }
        guard !services.isEmpty else { return [] }
        let names = services.map(\.name).sorted()
        let selector = "kubernetes.io/service-name in (\(names.joined(separator: ",")))"
        do {
            let (slices, _) = try client.list(KubeRequest(method: .get, path: "/apis/discovery.k8s.io/v1/namespaces/\(namespace)/endpointslices",
                                                          query: [.init("labelSelector", selector)]))
            for i in services.indices {
                services[i].count(slices: slices.filter { $0[path: ["metadata", "labels", "kubernetes.io/service-name"]]?.stringValue == services[i].name })
            }
            return services
        } catch .status(404, _) {
            // An API server without discovery.k8s.io: core/v1 Endpoints, one per Service.
        } catch {
            unreadable.append("endpointslices: \(why(error, reading: "endpointslices"))")
            return services
        }
        for i in services.indices {
            do {
                services[i].count(endpoints: try client.json(KubeRequest(method: .get, path: "/api/v1/namespaces/\(namespace)/endpoints/\(services[i].name)")))
            } catch .status(404, _) {
                services[i].endpointsRead = true  // no Endpoints object: no address at all
            } catch {
                unreadable.append("endpoints \(services[i].name): \(why(error, reading: "endpoints \(services[i].name)"))")
            }
        }
        return services
    }

    // MARK: Claims, references, quotas, nodes

    mutating func claims(_ names: [String]) -> [ClaimEvidence] {
        if overBudget { skipped("persistentvolumeclaims"); return [] }
        let found = list("/api/v1/namespaces/\(namespace)/persistentvolumeclaims", "persistentvolumeclaims").compactMap(ClaimEvidence.init(json:))
        if unreadable.last?.hasPrefix("persistentvolumeclaims:") == true { return [] }
        return names.map { name in found.first { $0.name == name } ?? ClaimEvidence(name: name, phase: nil) }
    }

    /// Whether each referenced ConfigMap and Secret exists, asked as metadata only
    /// (`PartialObjectMetadata`), so no data, and never a Secret's, is sent back.
    mutating func references(_ refs: [(ref: ObjectRef, optional: Bool)]) -> [ReferenceEvidence] {
        var out: [ReferenceEvidence] = []
        for (ref, optional) in refs.prefix(10) {
            if overBudget { skipped("configmaps and secrets"); break }
            let plural = ref.kind == "Secret" ? "secrets" : "configmaps"
            let request = KubeRequest(method: .get, path: "/api/v1/namespaces/\(namespace)/\(plural)/\(ref.name)",
                                      accept: ref.kind == "Secret" ? KubeRequests.metadataOnlyStrict : KubeRequests.metadataOnly)
            do {
                _ = try client.send(request)
                out.append(ReferenceEvidence(ref: ref, exists: true, optional: optional))
            } catch .status(404, let status) where status?.details?.kind != "namespaces" {
                out.append(ReferenceEvidence(ref: ref, exists: false, optional: optional))
            } catch {
                unreadable.append("\(ref.kind.lowercased()) \(ref.name): \(why(error, reading: "\(ref.kind.lowercased()) \(ref.name)"))")
                out.append(ReferenceEvidence(ref: ref, exists: nil, optional: optional))
            }
        }
        return out
    }

    mutating func quotas() -> [QuotaEvidence] {
        if overBudget { skipped("resourcequotas"); return [] }
        return list("/api/v1/namespaces/\(namespace)/resourcequotas", "resourcequotas").compactMap(QuotaEvidence.init(json:))
    }

    /// The nodes with `names` (cluster-scoped: often forbidden to namespace users, which is noted).
    mutating func nodes(_ names: Set<String>) -> [NodeEvidence] {
        guard !names.isEmpty else { return [] }
        if overBudget { skipped("nodes"); return [] }
        return list("/api/v1/nodes", "nodes").compactMap(NodeEvidence.init(json:)).filter { names.contains($0.name) }
    }
}

extension KubeAPIError {
    var isForbidden: Bool {
        if case .status(403, _) = self { return true }
        return false
    }
}

extension KubeRequests {
    /// The `Accept` header of a metadata-only read, with plain JSON as the fallback a server
    /// without the transformation answers with (kubectl sends the same).
    public static let metadataOnly = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json"
    /// Metadata only and nothing else: for Secrets, whose data must never be sent back. A
    /// server that cannot transform answers 406, and the Secret's existence stays unknown.
    public static let metadataOnlyStrict = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1"
}
