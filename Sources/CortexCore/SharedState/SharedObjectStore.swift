import Synchronization

/// One small stored object of the shared state: a name, the version the store gave it, labels
/// and string data. In a cluster it is a ConfigMap.
public struct SharedObject: Equatable, Sendable {
    public var name: String
    /// Opaque; compared only for equality. Empty for an object not stored yet.
    public var resourceVersion: String
    public var labels: [String: String]
    public var data: [String: String]

    public init(name: String, resourceVersion: String = "", labels: [String: String] = [:], data: [String: String] = [:]) {
        self.name = name
        self.resourceVersion = resourceVersion
        self.labels = labels
        self.data = data
    }
}

/// Why a compare-and-swap write did not happen: answers, not failures.
public enum SharedWriteError: Error, Equatable, Sendable {
    /// A create found the name taken (409 AlreadyExists): someone else was first.
    case alreadyExists
    /// An update carried a stale version (409 Conflict): read again and retry.
    case conflict
    /// Anything else, as the operator reads it.
    case failed(CortexError)
}

/// Where shared state lives: a namespace of small objects with create-by-name and
/// version-checked updates as its only writes. Implemented over ConfigMaps for a cluster and
/// in memory for tests; both answer AlreadyExists and Conflict as the API server does.
public protocol SharedObjectStore: AnyObject, Sendable {
    /// Where the objects are, for messages: `namespace cortex-system (context prod)`.
    var location: String { get }
    /// Creates `object` under its name; `.alreadyExists` when the name is taken.
    func create(_ object: SharedObject) throws(SharedWriteError) -> SharedObject
    /// Replaces an object if its `resourceVersion` is still current; `.conflict` otherwise.
    func update(_ object: SharedObject) throws(SharedWriteError) -> SharedObject
    /// The object, or nil when there is none of that name.
    func get(_ name: String) throws(CortexError) -> SharedObject?
    /// Every object carrying `label` = `value`, read page by page (`limit`/`continue`).
    func list(label: String, value: String) throws(CortexError) -> [SharedObject]
}

/// Shared objects in memory, with the API server's answers to racing writers. For tests and
/// embedding; `objects` is open so tests can tamper with what is stored.
public final class InMemorySharedObjectStore: SharedObjectStore {
    private let state = Mutex<(objects: [String: SharedObject], version: Int)>(([:], 0))

    public init() {}

    public var location: String { "memory" }

    /// Everything stored, by name; tests change it to simulate tampering.
    public var objects: [String: SharedObject] {
        get { state.withLock { $0.objects } }
        set { state.withLock { $0.objects = newValue } }
    }

    public func create(_ object: SharedObject) throws(SharedWriteError) -> SharedObject {
        let stored: SharedObject? = state.withLock { s in
            guard s.objects[object.name] == nil else { return nil }
            s.version += 1
            var new = object
            new.resourceVersion = String(s.version)
            s.objects[object.name] = new
            return new
        }
        guard let stored else { throw .alreadyExists }
        return stored
    }

    public func update(_ object: SharedObject) throws(SharedWriteError) -> SharedObject {
        let stored: SharedObject? = state.withLock { s in
            guard let current = s.objects[object.name], current.resourceVersion == object.resourceVersion else { return nil }
            s.version += 1
            var new = object
            new.resourceVersion = String(s.version)
            s.objects[object.name] = new
            return new
        }
        guard let stored else { throw .conflict }
        return stored
    }

    public func get(_ name: String) -> SharedObject? {
        state.withLock { $0.objects[name] }
    }

    public func list(label: String, value: String) -> [SharedObject] {
        state.withLock { s in s.objects.values.filter { $0.labels[label] == value }.sorted { $0.name < $1.name } }
    }
}
