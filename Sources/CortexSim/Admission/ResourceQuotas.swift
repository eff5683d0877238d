import CortexCore

/// ResourceQuota: the admission plugin that refuses a create that would take a namespace
/// past a quota's `spec.hard`, and the quota controller's count of what is `used`.
struct ResourceQuotas {
    let store: ObjectStore

    /// The resource names counted against pods' requests and limits; `cpu` and `memory`
    /// are the older names of the requests.
    private static let computeResources = [
        "cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "requests.ephemeral-storage",
        "limits.ephemeral-storage", "ephemeral-storage",
    ]

    /// What one object adds to each quota resource it counts against.
    static func usage(of kind: ResourceKind, _ object: JSONValue) -> [String: Int] {
        var usage = ["count/\(kind.qualifiedName)": 1]
        switch kind {
        case .pods:
            guard !["Succeeded", "Failed"].contains(object[path: ["status", "phase"]]?.stringValue ?? "") else { return [:] }
            usage["pods"] = 1
            for resource in computeResources {
                let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
                let (section, name) = parts.count == 2 ? (parts[0], parts[1]) : ("requests", parts[0])
                usage[resource] = ResourceUsage.pod(object, section, name)
            }
        case .services:
            usage["services"] = 1
            let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
            usage["services.loadbalancers"] = type == "LoadBalancer" ? 1 : 0
            usage["services.nodeports"] = ["NodePort", "LoadBalancer"].contains(type)
                ? object[path: ["spec", "ports"]]?.arrayValue?.count ?? 0 : 0
        case .configMaps: usage["configmaps"] = 1
        case .secrets: usage["secrets"] = 1
        case .resourceQuotas: usage["resourcequotas"] = 1
        case .persistentVolumeClaims:
            usage["persistentvolumeclaims"] = 1
            usage["requests.storage"] = (object[path: ["spec", "resources", "requests", "storage"]]?.stringValue)
                .flatMap { ResourceUsage.amount($0, resource: "storage") } ?? 0
        default: break
        }
        return usage
    }

    /// The kinds whose objects count against `resource`.
    private static func kinds(for resource: String) -> [ResourceKind] {
        if resource.hasPrefix("count/") {
            let name = resource.dropFirst("count/".count)
            return ResourceKind.stored.filter { $0.qualifiedName == name }
        }
        switch resource {
        case "pods": return [.pods]
        case "services", "services.loadbalancers", "services.nodeports": return [.services]
        case "configmaps": return [.configMaps]
        case "secrets": return [.secrets]
        case "resourcequotas": return [.resourceQuotas]
        case "persistentvolumeclaims", "requests.storage": return [.persistentVolumeClaims]
        default: return computeResources.contains(resource) ? [.pods] : []
        }
    }

    /// What the namespace's objects use of each resource.
    func used(in namespace: String, of resources: [String]) -> [String: Int] {
        var used: [String: Int] = [:]
        for resource in resources {
            used[resource] = Self.kinds(for: resource).reduce(0) { total, kind in
                total + store.list(kind, namespace: namespace).reduce(0) { $0 + (Self.usage(of: kind, $1.value)[resource] ?? 0) }
            }
        }
        return used
    }

    /// `status` as the quota controller writes it: the hard limits and what is used of each.
    func status(of quota: JSONValue) -> JSONValue {
        let hard = quota[path: ["spec", "hard"]]?.objectValue ?? [:]
        let used = used(in: quota.namespace, of: Array(hard.keys))
        var usedJSON: JSONValue = [:]
        for resource in hard.keys { usedJSON[resource] = .string(ResourceUsage.format(used[resource] ?? 0, resource: resource)) }
        return ["hard": .object(hard), "used": usedJSON]
    }

    /// Writes the status of the namespace's quotas (all namespaces' when nil) where it
    /// changed. The admission plugin does it as it admits an object, so that the next
    /// request sees the new usage; the quota controller does it on every pass.
    func refresh(namespace: String?) {
        for quota in store.list(.resourceQuotas, namespace: namespace).map(\.value) where !quota.isBeingDeleted {
            let status = status(of: quota)
            guard quota["status"] != status else { continue }
            var updated = quota
            updated["status"] = status
            store.put(.resourceQuotas, updated)
        }
    }

    /// Why creating `object` is refused, in the plugin's words, or nil when every quota of
    /// its namespace has room.
    func refusal(_ kind: ResourceKind, _ object: JSONValue) -> String? {
        guard kind.namespaced else { return nil }
        let quotas = store.list(.resourceQuotas, namespace: object.namespace).map(\.value).sorted { $0.name < $1.name }
        guard !quotas.isEmpty else { return nil }
        let requested = Self.usage(of: kind, object)
        for quota in quotas {
            var hard: [String: Int] = [:]
            for (resource, value) in quota[path: ["spec", "hard"]]?.objectValue ?? [:] {
                if let text = value.stringValue ?? value.intValue.map(String.init),
                    let amount = ResourceUsage.amount(text, resource: resource)
                {
                    hard[resource] = amount
                }
            }
            let constrained = hard.keys.filter { requested[$0] != nil }.sorted()
            guard !constrained.isEmpty else { continue }
            if kind == .pods {
                let missing = missingRequirements(object, constrained)
                if !missing.isEmpty { return "failed quota: \(quota.name): must specify \(missing.joined(separator: ","))" }
            }
            let used = used(in: object.namespace, of: constrained)
            let exceeded = constrained.filter { (used[$0] ?? 0) + (requested[$0] ?? 0) > hard[$0] ?? 0 && (requested[$0] ?? 0) > 0 }
            guard !exceeded.isEmpty else { continue }
            func listed(_ values: [String: Int]) -> String {
                exceeded.map { "\($0)=\(ResourceUsage.format(values[$0] ?? 0, resource: $0))" }.joined(separator: ",")
            }
            return "exceeded quota: \(quota.name), requested: \(listed(requested)), used: \(listed(used)), "
                + "limited: \(listed(hard))"
        }
        return nil
    }

    /// The compute resources a quota constrains that some container of the pod does not
    /// state: a quota on CPU or memory requires every container to request (or limit) it.
    private func missingRequirements(_ pod: JSONValue, _ constrained: [String]) -> [String] {
        let containers = pod[path: ["spec", "containers"]]?.arrayValue ?? []
        return constrained.filter { resource in
            guard ["cpu", "memory", "requests.cpu", "requests.memory", "limits.cpu", "limits.memory"].contains(resource) else {
                return false
            }
            let parts = resource.split(separator: ".", maxSplits: 1).map(String.init)
            let (section, name) = parts.count == 2 ? (parts[0], parts[1]) : ("requests", parts[0])
            return containers.contains { $0[path: ["resources", section, name]] == nil }
        }
    }
}

/// The admission plugins that depend on other objects of the namespace, in the API
/// server's order: LimitRanger's defaults before validation, then LimitRanger's bounds and
/// ResourceQuota after it. A refusal is answered with 403 Forbidden.
struct Admission {
    let store: ObjectStore

    func mutate(_ kind: ResourceKind, _ object: inout JSONValue) {
        if kind == .pods { LimitRanger(store: store).applyDefaults(to: &object) }
    }

    /// Why the object may not be created, or nil when it may.
    func refusal(_ kind: ResourceKind, _ object: JSONValue) -> String? {
        if kind == .pods {
            let problems = LimitRanger(store: store).violations(object)
            if !problems.isEmpty { return problems.count == 1 ? problems[0] : "[" + problems.joined(separator: ", ") + "]" }
        }
        return ResourceQuotas(store: store).refusal(kind, object)
    }
}
