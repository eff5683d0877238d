public import CortexCore
import FoundationEssentials

extension KubeRequests {
    /// `/apis/apps/v1/namespaces/<ns>/<plural>` of a workload kind.
    static func workloads(_ kind: WorkloadKind, _ ns: String) -> String { "/apis/apps/v1/namespaces/\(ns)/\(kind.traits.plural)" }

    static func autoscalers(_ ns: String) -> String { "/apis/autoscaling/v2/namespaces/\(ns)/horizontalpodautoscalers" }
}

/// Reads and changes of any workload kind, HorizontalPodAutoscalers, LimitRanges and
/// ControllerRevisions, all kept as JSON: shapes follow the API reference, not a model.
extension KubeClient {
    /// The workload of `kind` named `name`, or nil when there is none (or, with
    /// `forbiddenIsAbsent`, when this user may not read that kind: 403).
    public func workload(_ kind: WorkloadKind, _ ns: String, _ name: String, forbiddenIsAbsent: Bool = false) throws(CortexError) -> Workload? {
        do {
            return Workload(kind: kind, json: try json(KubeRequest(method: .get, path: "\(KubeRequests.workloads(kind, ns))/\(name)")))
        } catch .status(404, let status) where status?.details?.kind != "namespaces" {
            return nil
        } catch .status(403, _) where forbiddenIsAbsent {
            return nil
        } catch {
            throw error.cortexError(context(ns, "\(kind.rawValue) \(name)", "read"))
        }
    }

    /// Every workload of `kind` in the namespace.
    public func workloads(_ kind: WorkloadKind, _ ns: String) throws(CortexError) -> [Workload] {
        do {
            return try list(KubeRequest(method: .get, path: KubeRequests.workloads(kind, ns))).items.map { Workload(kind: kind, json: $0) }
        } catch {
            throw error.cortexError(context(ns, kind.traits.plural, "list"))
        }
    }

    public func patch(_ workload: Workload, _ ns: String, _ type: PatchType, _ patch: JSONValue, dryRun: Bool, action: String) throws(CortexError) -> Workload {
        let request = KubeRequest(method: .patch, path: "\(KubeRequests.workloads(workload.kind, ns))/\(workload.name)",
                                  query: requests.mutation(dryRun), contentType: type.rawValue, body: patch.jsonData)
        do { return Workload(kind: workload.kind, json: try json(request)) }
        catch { throw error.cortexError(context(ns, "\(workload.kind.rawValue) \(workload.name)", dryRun ? "plan to \(action)" : action)) }
    }

    public func delete(_ workload: Workload, _ ns: String, dryRun: Bool) throws(CortexError) {
        let body: JSONValue = ["propagationPolicy": "Background"]
        let request = KubeRequest(method: .delete, path: "\(KubeRequests.workloads(workload.kind, ns))/\(workload.name)",
                                  query: dryRun ? [.init("dryRun", "All")] : [], contentType: "application/json", body: body.jsonData)
        do { _ = try send(request) }
        catch { throw error.cortexError(context(ns, "\(workload.kind.rawValue) \(workload.name)", dryRun ? "plan deleting" : "delete")) }
    }

    /// The ControllerRevisions a StatefulSet or DaemonSet owns, oldest first.
    public func controllerRevisions(_ ns: String, of workload: Workload) throws(CortexError) -> [JSONValue] {
        let request = KubeRequest(method: .get, path: "/apis/apps/v1/namespaces/\(ns)/controllerrevisions",
                                  query: [.init("labelSelector", workload.selector.queryString)])
        let items: [JSONValue]
        do { items = try list(request).items } catch { throw error.cortexError(context(ns, "controllerrevisions", "list")) }
        return items.filter { item in
            (item[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains {
                $0["controller"]?.boolValue == true && $0["uid"]?.stringValue == workload.uid
            }
        }.sorted { ($0["revision"]?.intValue ?? 0) < ($1["revision"]?.intValue ?? 0) }
    }

    /// The highest ControllerRevision number of each owner in the namespace, by owner uid:
    /// the revision StatefulSets and DaemonSets run. Best effort: empty when unreadable.
    public func latestRevisions(_ ns: String) -> [String: Int] {
        let items = (try? list(KubeRequest(method: .get, path: "/apis/apps/v1/namespaces/\(ns)/controllerrevisions")).items) ?? []
        var latest: [String: Int] = [:]
        for item in items {
            guard let owner = item[path: ["metadata", "ownerReferences"]]?.arrayValue?.first(where: { $0["controller"]?.boolValue == true })?["uid"]?.stringValue,
                  let number = item["revision"]?.intValue else { continue }
            latest[owner] = max(latest[owner] ?? 0, number)
        }
        return latest
    }

    // MARK: HorizontalPodAutoscalers (autoscaling/v2)

    /// The autoscaler that scales `workload`, whatever its name; nil when none does.
    public func autoscaler(for workload: Workload, _ ns: String) throws(CortexError) -> JSONValue? {
        let items: [JSONValue]
        do { items = try list(KubeRequest(method: .get, path: KubeRequests.autoscalers(ns))).items }
        catch .status(404, let status) where status?.details?.kind != "namespaces" { return nil }  // no autoscaling/v2 here
        catch { throw error.cortexError(context(ns, "horizontalpodautoscalers", "list")) }
        return items.first { AutoscalerObject.targets($0, kind: workload.kind, name: workload.name) }
    }

    /// The autoscaler named `name`, or nil when there is none.
    public func autoscaler(named name: String, _ ns: String) throws(CortexError) -> JSONValue? {
        do { return try json(KubeRequest(method: .get, path: "\(KubeRequests.autoscalers(ns))/\(name)")) }
        catch .status(404, let status) where status?.details?.kind != "namespaces" { return nil }
        catch { throw error.cortexError(context(ns, "horizontalpodautoscaler \(name)", "read")) }
    }

    public func createAutoscaler(_ ns: String, _ object: JSONValue, dryRun: Bool) throws(CortexError) -> JSONValue {
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        let request = KubeRequest(method: .post, path: KubeRequests.autoscalers(ns),
                                  query: requests.mutation(dryRun) + [.init("fieldValidation", "Strict")],
                                  contentType: "application/json", body: object.jsonData)
        do { return try json(request) }
        catch { throw error.cortexError(context(ns, "horizontalpodautoscaler \(name)", dryRun ? "plan creating" : "create")) }
    }

    /// A merge patch of the autoscaler's spec (metrics replaced whole, as merge patches do with lists).
    public func patchAutoscaler(_ ns: String, _ name: String, spec: JSONValue, dryRun: Bool) throws(CortexError) -> JSONValue {
        let body: JSONValue = ["spec": spec]
        let request = KubeRequest(method: .patch, path: "\(KubeRequests.autoscalers(ns))/\(name)", query: requests.mutation(dryRun),
                                  contentType: PatchType.merge.rawValue, body: body.jsonData)
        do { return try json(request) }
        catch { throw error.cortexError(context(ns, "horizontalpodautoscaler \(name)", dryRun ? "plan to change" : "change")) }
    }

    public func deleteAutoscaler(_ ns: String, _ name: String, dryRun: Bool) throws(CortexError) {
        let request = KubeRequest(method: .delete, path: "\(KubeRequests.autoscalers(ns))/\(name)",
                                  query: dryRun ? [.init("dryRun", "All")] : [])
        do { _ = try send(request) }
        catch { throw error.cortexError(context(ns, "horizontalpodautoscaler \(name)", dryRun ? "plan deleting" : "delete")) }
    }

    // MARK: LimitRanges

    /// The namespace's LimitRange objects (core/v1).
    public func limitRanges(_ ns: String) throws(CortexError) -> [JSONValue] {
        do { return try list(KubeRequest(method: .get, path: "/api/v1/namespaces/\(ns)/limitranges")).items }
        catch .status(404, let status) where status?.details?.kind != "namespaces" { return [] }
        catch { throw error.cortexError(context(ns, "limitranges", "list")) }
    }
}
