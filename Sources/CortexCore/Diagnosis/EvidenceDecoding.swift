import FoundationEssentials

// Evidence from API objects as a real API server serves them (field names from the
// Kubernetes API reference: apps/v1 Deployment, StatefulSet, DaemonSet, ReplicaSet,
// ControllerRevision; core/v1 Pod, Event, Service, Endpoints, PersistentVolumeClaim,
// ResourceQuota, Node; events.k8s.io/v1 Event; discovery.k8s.io/v1 EndpointSlice).
// Missing fields read as absent, never as an error: servers omit zero values.

extension JSONValue {
    fileprivate var strings: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in objectValue ?? [:] {
            if let s = v.stringValue { out[k] = s } else if let i = v.intValue { out[k] = String(i) }
        }
        return out
    }

    fileprivate var items: [JSONValue] { arrayValue ?? [] }
    fileprivate var date: Date? { stringValue.flatMap(UTCTime.parseISO8601) }
}

extension ConditionEvidence {
    /// From one entry of any object's `status.conditions`.
    public init?(json: JSONValue) {
        guard let type = json["type"]?.stringValue, let status = json["status"]?.stringValue else { return nil }
        self.init(type: type, status: status, reason: json["reason"]?.stringValue, message: json["message"]?.stringValue,
                  lastTransition: json["lastTransitionTime"]?.date)
    }

    static func all(_ json: JSONValue?) -> [ConditionEvidence] { json?.items.compactMap(ConditionEvidence.init(json:)) ?? [] }
}

extension ContainerSpecEvidence {
    /// From one entry of `spec.containers` / `spec.initContainers` of a pod template.
    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.init(name: name, image: json["image"]?.stringValue,
                  limits: json[path: ["resources", "limits"]]?.strings ?? [:],
                  requests: json[path: ["resources", "requests"]]?.strings ?? [:],
                  hasReadinessProbe: json["readinessProbe"]?.objectValue != nil,
                  hasLivenessProbe: json["livenessProbe"]?.objectValue != nil)
    }
}

extension WorkloadEvidence {
    /// From a Deployment, StatefulSet or DaemonSet. A DaemonSet's counts come from
    /// `desiredNumberScheduled`, `numberReady`, `updatedNumberScheduled` and `numberAvailable`.
    public init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue, let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        let spec = json["spec"] ?? [:], status = json["status"] ?? [:]
        let podSpec = spec[path: ["template", "spec"]] ?? [:]
        let daemon = kind == "DaemonSet"
        self.init(
            ref: ObjectRef(kind: kind, name: name),
            desiredReplicas: daemon ? status["desiredNumberScheduled"]?.intValue : (spec["replicas"]?.intValue ?? 1),
            readyReplicas: status[daemon ? "numberReady" : "readyReplicas"]?.intValue ?? 0,
            updatedReplicas: status[daemon ? "updatedNumberScheduled" : "updatedReplicas"]?.intValue ?? 0,
            availableReplicas: status[daemon ? "numberAvailable" : "availableReplicas"]?.intValue ?? 0,
            generation: json[path: ["metadata", "generation"]]?.intValue,
            observedGeneration: status["observedGeneration"]?.intValue,
            paused: spec["paused"]?.boolValue ?? false,
            conditions: ConditionEvidence.all(status["conditions"]),
            templateLabels: spec[path: ["template", "metadata", "labels"]]?.strings ?? [:],
            containers: podSpec["containers"]?.items.compactMap(ContainerSpecEvidence.init(json:)) ?? [],
            initContainers: podSpec["initContainers"]?.items.compactMap(ContainerSpecEvidence.init(json:)) ?? [],
            claimNames: podSpec["volumes"]?.items.compactMap { $0[path: ["persistentVolumeClaim", "claimName"]]?.stringValue } ?? [],
            nodeSelector: podSpec["nodeSelector"]?.strings ?? [:],
            createdAt: json[path: ["metadata", "creationTimestamp"]]?.date)
    }

    /// The ConfigMaps and Secrets a pod template needs: `envFrom`, `env[].valueFrom`,
    /// `volumes` (also projected ones) of containers and init containers.
    public static func references(inTemplateOf json: JSONValue) -> [(ref: ObjectRef, optional: Bool)] {
        let podSpec = json[path: ["spec", "template", "spec"]] ?? [:]
        var found: [(ObjectRef, Bool)] = []
        func add(_ kind: String, _ source: JSONValue?) {
            guard let source, let name = source["name"]?.stringValue ?? source["secretName"]?.stringValue else { return }
            let ref = ObjectRef(kind: kind, name: name)
            let optional = source["optional"]?.boolValue ?? false
            if let i = found.firstIndex(where: { $0.0 == ref }) {
                found[i].1 = found[i].1 && optional
            } else {
                found.append((ref, optional))
            }
        }
        for container in (podSpec["containers"]?.items ?? []) + (podSpec["initContainers"]?.items ?? []) {
            for from in container["envFrom"]?.items ?? [] {
                add("ConfigMap", from["configMapRef"])
                add("Secret", from["secretRef"])
            }
            for env in container["env"]?.items ?? [] {
                add("ConfigMap", env[path: ["valueFrom", "configMapKeyRef"]])
                add("Secret", env[path: ["valueFrom", "secretKeyRef"]])
            }
        }
        for volume in podSpec["volumes"]?.items ?? [] {
            add("ConfigMap", volume["configMap"])
            add("Secret", volume["secret"])
            for source in volume[path: ["projected", "sources"]]?.items ?? [] {
                add("ConfigMap", source["configMap"])
                add("Secret", source["secret"])
            }
        }
        return found.map { (ref: $0.0, optional: $0.1) }
    }
}

extension RevisionEvidence {
    /// From a ReplicaSet (revision in the `deployment.kubernetes.io/revision` annotation)
    /// or a ControllerRevision (`revision` field; its images from `data.spec.template`).
    public init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue, let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        let meta = json["metadata"] ?? [:]
        if kind == "ControllerRevision" {
            let containers = json[path: ["data", "spec", "template", "spec", "containers"]]?.items ?? []
            self.init(ref: ObjectRef(kind: kind, name: name), number: json["revision"]?.intValue ?? 0,
                      templateHash: meta[path: ["labels", "controller-revision-hash"]]?.stringValue,
                      images: containers.compactMap { $0["image"]?.stringValue }, createdAt: meta["creationTimestamp"]?.date)
            return
        }
        let containers = json[path: ["spec", "template", "spec", "containers"]]?.items ?? []
        let revision = meta[path: ["annotations", "deployment.kubernetes.io/revision"]]?.stringValue.flatMap { Int($0) } ?? 0
        self.init(ref: ObjectRef(kind: kind, name: name), number: revision,
                  templateHash: meta[path: ["labels", "pod-template-hash"]]?.stringValue,
                  images: containers.compactMap { $0["image"]?.stringValue },
                  desiredReplicas: json[path: ["spec", "replicas"]]?.intValue ?? 1,
                  readyReplicas: json[path: ["status", "readyReplicas"]]?.intValue ?? 0,
                  availableReplicas: json[path: ["status", "availableReplicas"]]?.intValue ?? 0,
                  conditions: ConditionEvidence.all(json[path: ["status", "conditions"]]),
                  createdAt: meta["creationTimestamp"]?.date)
    }
}

extension ContainerStateEvidence {
    /// From a `ContainerState`: exactly one of `waiting`, `running`, `terminated` is set.
    public init?(json: JSONValue?) {
        guard let json else { return nil }
        if let w = json["waiting"], w.objectValue != nil {
            self = .waiting(reason: w["reason"]?.stringValue, message: w["message"]?.stringValue)
        } else if let t = json["terminated"], t.objectValue != nil {
            self = .terminated(Termination(
                exitCode: t["exitCode"]?.intValue ?? 0, signal: t["signal"]?.intValue, reason: t["reason"]?.stringValue,
                message: t["message"]?.stringValue, startedAt: t["startedAt"]?.date, finishedAt: t["finishedAt"]?.date))
        } else if let r = json["running"], r.objectValue != nil {
            self = .running(startedAt: r["startedAt"]?.date)
        } else {
            return nil
        }
    }
}

extension ContainerStatusEvidence {
    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.init(name: name, image: json["image"]?.stringValue, ready: json["ready"]?.boolValue ?? false,
                  restartCount: json["restartCount"]?.intValue ?? 0, state: ContainerStateEvidence(json: json["state"]),
                  lastState: ContainerStateEvidence(json: json["lastState"]))
    }
}

extension PodEvidence {
    public init?(json: JSONValue) {
        guard let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        let meta = json["metadata"] ?? [:], status = json["status"] ?? [:]
        let owner = meta["ownerReferences"]?.items.first { $0["controller"]?.boolValue ?? false } ?? meta["ownerReferences"]?.items.first
        self.init(
            name: name, phase: status["phase"]?.stringValue ?? "Unknown", reason: status["reason"]?.stringValue,
            message: status["message"]?.stringValue, nodeName: json[path: ["spec", "nodeName"]]?.stringValue,
            owner: owner?["name"]?.stringValue,
            templateHash: meta[path: ["labels", "pod-template-hash"]]?.stringValue
                ?? meta[path: ["labels", "controller-revision-hash"]]?.stringValue,
            conditions: ConditionEvidence.all(status["conditions"]),
            containers: status["containerStatuses"]?.items.compactMap(ContainerStatusEvidence.init(json:)) ?? [],
            initContainers: status["initContainerStatuses"]?.items.compactMap(ContainerStatusEvidence.init(json:)) ?? [],
            deleting: meta["deletionTimestamp"]?.stringValue != nil,
            createdAt: meta["creationTimestamp"]?.date)
    }
}

extension EventEvidence {
    /// From a core/v1 Event (`involvedObject`, `count`, `lastTimestamp`, `source`) or an
    /// events.k8s.io/v1 Event (`regarding`, `series.count`, `eventTime`, `note`,
    /// `reportingController`). The last time seen falls back as kubectl's does:
    /// series, last timestamp, event time, first timestamp, creation.
    public init?(json: JSONValue) {
        let involved = json["involvedObject"] ?? json["regarding"]
        guard let involved, let kind = involved["kind"]?.stringValue, let name = involved["name"]?.stringValue else { return nil }
        let series = json["series"]
        let count = series?["count"]?.intValue ?? json["count"]?.intValue ?? json["deprecatedCount"]?.intValue ?? 1
        let first = json["firstTimestamp"]?.date ?? json["deprecatedFirstTimestamp"]?.date ?? json["eventTime"]?.date
        let last = series?["lastObservedTime"]?.date ?? json["lastTimestamp"]?.date ?? json["deprecatedLastTimestamp"]?.date
            ?? json["eventTime"]?.date ?? first ?? json[path: ["metadata", "creationTimestamp"]]?.date
        self.init(object: ObjectRef(kind: kind, name: name), type: json["type"]?.stringValue ?? "Normal",
                  reason: json["reason"]?.stringValue ?? "", message: json["message"]?.stringValue ?? json["note"]?.stringValue ?? "",
                  count: max(count, 1), firstSeen: first, lastSeen: last,
                  source: json[path: ["source", "component"]]?.stringValue ?? json["reportingComponent"]?.stringValue
                    ?? json["reportingController"]?.stringValue)
    }
}

extension ServiceEvidence {
    /// From a Service; endpoints are counted separately (`countEndpoints`).
    public init?(json: JSONValue) {
        guard let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        self.init(name: name, selector: json[path: ["spec", "selector"]]?.strings ?? [:], type: json[path: ["spec", "type"]]?.stringValue,
                  endpointsRead: false)
    }

    /// Whether this Service selects pods carrying `labels` (a Service without selector selects none).
    public func selects(_ labels: [String: String]) -> Bool {
        !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// Counts addresses from a core/v1 Endpoints object (`subsets[].addresses` and `notReadyAddresses`).
    public mutating func count(endpoints json: JSONValue) {
        endpointsRead = true
        for subset in json["subsets"]?.items ?? [] {
            readyAddresses += subset["addresses"]?.items.count ?? 0
            notReadyAddresses += subset["notReadyAddresses"]?.items.count ?? 0
        }
    }

    /// Counts addresses from discovery.k8s.io/v1 EndpointSlices (`endpoints[].conditions.ready`;
    /// an absent `ready` means ready, as the API reference says).
    public mutating func count(slices: [JSONValue]) {
        endpointsRead = true
        for slice in slices {
            for endpoint in slice["endpoints"]?.items ?? [] {
                let addresses = max(endpoint["addresses"]?.items.count ?? 1, 1)
                if endpoint[path: ["conditions", "ready"]]?.boolValue ?? true {
                    readyAddresses += addresses
                } else {
                    notReadyAddresses += addresses
                }
            }
        }
    }
}

extension QuotaEvidence {
    public init?(json: JSONValue) {
        guard let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        self.init(name: name, hard: json[path: ["status", "hard"]]?.strings ?? json[path: ["spec", "hard"]]?.strings ?? [:],
                  used: json[path: ["status", "used"]]?.strings ?? [:])
    }
}

extension NodeEvidence {
    public init?(json: JSONValue) {
        guard let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        let taints = json[path: ["spec", "taints"]]?.items.compactMap { taint -> String? in
            guard let key = taint["key"]?.stringValue, let effect = taint["effect"]?.stringValue else { return nil }
            let value = taint["value"]?.stringValue.map { "=\($0)" } ?? ""
            return "\(key)\(value):\(effect)"
        } ?? []
        self.init(name: name, conditions: ConditionEvidence.all(json[path: ["status", "conditions"]]), taints: taints,
                  unschedulable: json[path: ["spec", "unschedulable"]]?.boolValue ?? false)
    }
}

extension ClaimEvidence {
    public init?(json: JSONValue) {
        guard let name = json[path: ["metadata", "name"]]?.stringValue else { return nil }
        self.init(name: name, phase: json[path: ["status", "phase"]]?.stringValue ?? "Pending")
    }
}
