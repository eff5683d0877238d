public import CortexCore
public import CortexKube
import FoundationEssentials

/// Shared objects as ConfigMaps in one namespace of the cluster (default `cortex-system`),
/// created with the namespace on first use when the credentials allow it.
///
/// ConfigMaps rather than a CustomResourceDefinition: every cluster serves them, creating
/// them needs no cluster-wide right (installing a CRD does), `create` answers 409
/// AlreadyExists and a `PUT` with a stale `resourceVersion` answers 409 Conflict, which is
/// all the compare-and-swap the store needs, and `kubectl get configmaps -l cortex.dev/log`
/// shows what is stored.
public final class ConfigMapObjectStore: SharedObjectStore {
    public let client: KubeClient
    public let namespace: String
    /// Objects per page when listing.
    public let pageSize: Int

    public init(client: KubeClient, namespace: String, pageSize: Int = 500) {
        self.client = client
        self.namespace = namespace
        self.pageSize = pageSize
    }

    public var location: String { "namespace \(namespace) (context \(client.config.contextName))" }

    var collection: String { "/api/v1/namespaces/\(namespace)/configmaps" }

    public func create(_ object: SharedObject) throws(SharedWriteError) -> SharedObject {
        let request = KubeRequest(method: .post, path: collection, query: [.init("fieldManager", "cortex")],
                                  contentType: "application/json", body: Data(Self.encode(object).serialized()))
        do {
            return try Self.decode(try client.json(request))
        } catch {
            if error.isAlreadyExists { throw .alreadyExists }
            if error.isNotFound, error.reason == "NotFound", namespaceIsMissing(error) {
                do throws(CortexError) { try createNamespace() } catch { throw .failed(error) }
                do { return try Self.decode(try client.json(request)) } catch {
                    if error.isAlreadyExists { throw .alreadyExists }
                    throw .failed(error.cortexError(context(object.name, "create")))
                }
            }
            throw .failed(error.cortexError(context(object.name, "create")))
        }
    }

    public func update(_ object: SharedObject) throws(SharedWriteError) -> SharedObject {
        let request = KubeRequest(method: .put, path: collection + "/" + object.name, query: [.init("fieldManager", "cortex")],
                                  contentType: "application/json", body: Data(Self.encode(object).serialized()))
        do {
            return try Self.decode(try client.json(request))
        } catch {
            if error.isConflict { throw .conflict }
            throw .failed(error.cortexError(context(object.name, "update")))
        }
    }

    public func get(_ name: String) throws(CortexError) -> SharedObject? {
        do {
            return try Self.decode(try client.json(KubeRequest(method: .get, path: collection + "/" + name)))
        } catch {
            if error.isNotFound { return nil }
            throw error.cortexError(context(name, "read"))
        }
    }

    public func list(label: String, value: String) throws(CortexError) -> [SharedObject] {
        let request = KubeRequest(method: .get, path: collection, query: [.init("labelSelector", "\(label)=\(value)")])
        do {
            return try client.list(request, limit: pageSize, pages: Int.max).items.map { item throws(KubeAPIError) in try Self.decode(item) }
        } catch {
            if error.isNotFound { return [] }
            throw error.cortexError(context("\(value) objects", "list"))
        }
    }

    func namespaceIsMissing(_ error: KubeAPIError) -> Bool {
        if case .status(_, let status) = error {
            return status?.details?.kind == "namespaces" || (status?.message ?? "").hasPrefix("namespaces ")
        }
        return false
    }

    /// Creates the namespace; one that appeared meanwhile is fine.
    func createNamespace() throws(CortexError) {
        let body: JSONValue = [
            "apiVersion": "v1", "kind": "Namespace",
            "metadata": ["name": .string(namespace), "labels": ["app.kubernetes.io/managed-by": "cortex"]],
        ]
        do {
            _ = try client.json(KubeRequest(method: .post, path: "/api/v1/namespaces", contentType: "application/json",
                                            body: Data(body.serialized())))
        } catch {
            if error.isAlreadyExists { return }
            var failure = error.cortexError(context(namespace, "create the namespace for"))
            if error.code == 403 {
                failure.hint = "ask a cluster administrator to create namespace \(namespace), or set state-namespace in config.yaml to one you may write to"
            }
            throw failure
        }
    }

    func context(_ name: String, _ action: String) -> KubeErrorContext {
        client.context(namespace, "configmap \(name)", action)
    }

    /// The ConfigMap for an object: name, labels, data, and the resourceVersion of an update.
    static func encode(_ object: SharedObject) -> JSONValue {
        var metadata: [String: JSONValue] = ["name": .string(object.name)]
        if !object.labels.isEmpty { metadata["labels"] = .object(object.labels.mapValues(JSONValue.string)) }
        if !object.resourceVersion.isEmpty { metadata["resourceVersion"] = .string(object.resourceVersion) }
        return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata),
                "data": .object(object.data.mapValues(JSONValue.string))]
    }

    static func decode(_ value: JSONValue) throws(KubeAPIError) -> SharedObject {
        guard let name = value[path: ["metadata", "name"]]?.stringValue else {
            throw .undecodable("a ConfigMap without a name")
        }
        func strings(_ v: JSONValue?) -> [String: String] {
            (v?.objectValue ?? [:]).compactMapValues(\.stringValue)
        }
        return SharedObject(name: name, resourceVersion: value[path: ["metadata", "resourceVersion"]]?.stringValue ?? "",
                            labels: strings(value[path: ["metadata", "labels"]]), data: strings(value["data"]))
    }
}
