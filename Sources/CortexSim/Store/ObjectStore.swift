import CortexCore
import Synchronization

/// A change to one object, as a watch reports it.
struct WatchEvent: Sendable {
    enum Kind: String, Sendable {
        case added = "ADDED", modified = "MODIFIED", deleted = "DELETED"
    }

    var type: Kind
    var resource: ResourceKind
    var object: StoredObject
    /// The object before a modification or deletion, so that a filtered watch can tell an
    /// object entering or leaving its selection (an ADDED or DELETED for that watch).
    var previous: StoredObject? = nil

    /// The NDJSON line a watch stream carries: `{"type":"ADDED","object":{...}}` and a newline.
    var line: [UInt8] {
        var line = Array(#"{"type":""#.utf8)
        line.append(contentsOf: type.rawValue.utf8)
        line.append(contentsOf: #"","object":"#.utf8)
        line.append(contentsOf: object.encoded)
        line.append(contentsOf: "}\n".utf8)
        return line
    }
}

/// An object as stored: its JSON, its encoding (made on the first read and kept, so that
/// reads cost one serialization per write and writes nobody reads, such as most pod status
/// updates and Events, none), the resource version of the write and its controller.
struct StoredObject: Sendable {
    let value: JSONValue
    private let encoding = Encoding()
    let resourceVersion: Int
    /// `metadata.uid` ("" without one), read once instead of on every look.
    let uid: String
    let controllerUID: String?
    /// The `kind` of the controller, from the same owner reference as `controllerUID`.
    let controllerKind: String?

    init(value: JSONValue, resourceVersion: Int) {
        self.value = value
        self.resourceVersion = resourceVersion
        self.uid = value.uid
        let controller = value[path: ["metadata", "ownerReferences"]]?.arrayValue?.first { $0["controller"]?.boolValue == true }
        self.controllerUID = controller?["uid"]?.stringValue
        self.controllerKind = controller?["kind"]?.stringValue
    }

    /// The controller's kind and uid, when the object has a controller.
    var controller: Controller? {
        controllerUID.map { Controller(kind: controllerKind ?? "", uid: $0) }
    }

    struct Controller: Hashable {
        var kind: String
        var uid: String
    }

    /// The object's JSON text.
    var encoded: [UInt8] { encoding.bytes(of: value) }

    /// The encoding of one stored object, once made; shared by the copies of the
    /// `StoredObject` (the value never changes).
    private final class Encoding: Sendable {
        private let bytes = Mutex<[UInt8]?>(nil)

        func bytes(of value: JSONValue) -> [UInt8] {
            bytes.withLock { bytes in
                if let bytes { return bytes }
                let encoded = value.serialized()
                bytes = encoded
                return encoded
            }
        }
    }
}

/// The objects of the cluster, with one global, increasing resource version and a bounded
/// history of changes for watches that resume from a resource version.
final class ObjectStore {
    struct Key: Hashable {
        var namespace: String
        var name: String
    }

    /// The resource version of the last write.
    private(set) var resourceVersion: Int
    private var objects: [ResourceKind: [Key: StoredObject]] = [:]
    /// The keys of each kind's objects by the uid of their controller, so that a controller
    /// finds its dependents without going through every object.
    private var controlled: [ResourceKind: [String: Set<Key>]] = [:]
    /// How many objects of each kind name each controller (by its kind and uid), so that
    /// the controllers of one kind that dependents name are found without going through
    /// the dependents.
    private var controllers: [ResourceKind: [StoredObject.Controller: Int]] = [:]
    /// The uids of each kind's objects, so that a dependent's controller is looked up
    /// without listing the controllers' kind.
    private var uids: [ResourceKind: Set<String>] = [:]
    /// The keys of each kind's objects that carry a deletion timestamp: what garbage
    /// collection has to finish, found without going through every object.
    private var deleting: [ResourceKind: Set<Key>] = [:]
    /// Per kind, how many writes and removals there have been: a controller that saw the
    /// same generations of its input kinds before need not look at them again.
    private var generations: [ResourceKind: Int] = [:]
    /// By the uid of a controller, the resource version of the last write or removal of an
    /// object it controls (or controlled before the write), or of an object controlled by
    /// one of those: a Deployment's ReplicaSets and their pods are unchanged as long as this
    /// stays the same for it.
    private var dependentsChanged: [String: Int] = [:]
    /// The uid of each stored object's controller, by the object's uid.
    private var controllerOf: [String: String] = [:]
    /// The core/v1 Events by age, for evicting the oldest.
    private var eventAges = EventAges()
    /// The keys of the core/v1 Events by their namespace and `involvedObject.name`, so that
    /// the Events about one object are found without going through every Event.
    private var eventsAbout: [Key: Set<Key>] = [:]
    private var history: [WatchEvent] = []
    private var historyStart = 0
    private let historyLimit: Int
    /// Called for every change, after it is stored.
    var onChange: (WatchEvent) -> Void = { _ in }

    init(resourceVersion: Int = 1000, historyLimit: Int = 4096) {
        self.resourceVersion = resourceVersion
        self.historyLimit = historyLimit
    }

    /// A store holding what `other` holds (objects, indexes and history), which changes
    /// independently of it; `onChange` is not copied.
    init(copying other: ObjectStore) {
        resourceVersion = other.resourceVersion
        objects = other.objects
        controlled = other.controlled
        controllers = other.controllers
        uids = other.uids
        deleting = other.deleting
        generations = other.generations
        dependentsChanged = other.dependentsChanged
        controllerOf = other.controllerOf
        eventAges = other.eventAges
        eventsAbout = other.eventsAbout
        history = other.history
        historyStart = other.historyStart
        historyLimit = other.historyLimit
    }

    func get(_ kind: ResourceKind, namespace: String, name: String) -> StoredObject? {
        objects[kind]?[Key(namespace: namespace, name: name)]
    }

    func contains(_ kind: ResourceKind, namespace: String, name: String) -> Bool {
        get(kind, namespace: namespace, name: name) != nil
    }

    /// How many objects of a kind there are.
    func count(_ kind: ResourceKind) -> Int { objects[kind]?.count ?? 0 }

    /// How many times objects of `kind` were written or removed: equal generations mean
    /// no object of the kind changed in between.
    func generation(of kind: ResourceKind) -> Int { generations[kind] ?? 0 }

    /// The resource version of the last write or removal of an object that the controller
    /// `uid` controls or controlled, or of an object one of those controls (0 when there was
    /// none since the store was filled).
    func lastDependentChange(of uid: String) -> Int { dependentsChanged[uid] ?? 0 }

    /// Notes a change at `version` to an object controlled by `controller`.
    private func dependentChanged(_ controller: String?, at version: Int) {
        guard let controller else { return }
        dependentsChanged[controller] = max(dependentsChanged[controller] ?? 0, version)
        if let grandparent = controllerOf[controller] {
            dependentsChanged[grandparent] = max(dependentsChanged[grandparent] ?? 0, version)
        }
    }

    /// Whether an object of `kind` has this uid.
    func contains(_ kind: ResourceKind, uid: String) -> Bool { uids[kind]?.contains(uid) ?? false }

    /// The objects of a kind that carry a deletion timestamp, ordered by namespace then name.
    func beingDeleted(_ kind: ResourceKind) -> [StoredObject] {
        guard let keys = deleting[kind], !keys.isEmpty, let all = objects[kind] else { return [] }
        return keys.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }.compactMap { all[$0] }
    }

    /// The uids of the controllers of kind `controllerKind` (`ReplicaSet`) that objects of
    /// `kind` name.
    func controllerUIDs(of kind: ResourceKind, controllerKind: String) -> [String] {
        controllers[kind].map { $0.keys.filter { $0.kind == controllerKind }.map(\.uid) } ?? []
    }

    /// The objects of a kind, in every namespace, whose controller has `uid`, ordered by
    /// namespace then name.
    func list(_ kind: ResourceKind, controlledBy uid: String) -> [StoredObject] {
        guard let keys = controlled[kind]?[uid], let all = objects[kind] else { return [] }
        return keys.sorted { ($0.namespace, $0.name) < ($1.namespace, $1.name) }.compactMap { all[$0] }
    }

    /// Every object of a kind by namespace and name, in no particular order (cheaper than
    /// `list` when the caller orders or picks them itself).
    func unordered(_ kind: ResourceKind) -> [Key: StoredObject] {
        objects[kind] ?? [:]
    }

    /// The objects of a kind that `include` accepts, in every namespace, ordered by namespace
    /// then name (tested before ordering, which is then cheaper).
    func list(_ kind: ResourceKind, where include: (StoredObject) -> Bool) -> [StoredObject] {
        guard let all = objects[kind] else { return [] }
        return Self.ordered(all, where: include)
    }

    /// The objects `include` accepts, ordered by namespace then name, gathered into an array
    /// (not a dictionary, which would hash every key again) before ordering.
    private static func ordered(_ objects: [Key: StoredObject], where include: (Key, StoredObject) -> Bool) -> [StoredObject] {
        var kept: [(key: Key, value: StoredObject)] = []
        for (key, object) in objects where include(key, object) { kept.append((key, object)) }
        kept.sort { ($0.key.namespace, $0.key.name) < ($1.key.namespace, $1.key.name) }
        return kept.map(\.value)
    }

    private static func ordered(_ objects: [Key: StoredObject], where include: (StoredObject) -> Bool) -> [StoredObject] {
        ordered(objects) { include($1) }
    }

    /// Objects of a kind, in one namespace or all, ordered by namespace then name; with
    /// `matching`, only those it accepts (tested before ordering, which is then cheaper).
    func list(_ kind: ResourceKind, namespace: String? = nil, matching: ((JSONValue) -> Bool)? = nil) -> [StoredObject] {
        guard let all = objects[kind] else { return [] }
        return Self.ordered(all) { key, object in
            (namespace == nil || key.namespace == namespace) && (matching?(object.value) ?? true)
        }
    }

    /// The objects of a kind in `namespace` whose controller has `uid`, ordered by name.
    func list(_ kind: ResourceKind, namespace: String, controlledBy uid: String) -> [StoredObject] {
        guard let keys = controlled[kind]?[uid], let all = objects[kind] else { return [] }
        return keys.filter { $0.namespace == namespace }.sorted { $0.name < $1.name }.compactMap { all[$0] }
    }

    /// Calls `body` with each object of a kind in `namespace` whose controller has `uid`, in
    /// no particular order (cheaper than `list` when the order does not matter).
    func forEach(_ kind: ResourceKind, namespace: String, controlledBy uid: String, _ body: (Key, StoredObject) -> Void) {
        guard let keys = controlled[kind]?[uid], let all = objects[kind] else { return }
        for key in keys where key.namespace == namespace {
            if let object = all[key] { body(key, object) }
        }
    }

    private func index(_ kind: ResourceKind, _ key: Key, from old: String?, to new: String?) {
        guard old != new else { return }
        if let old {
            controlled[kind]?[old]?.remove(key)
            if controlled[kind]?[old]?.isEmpty == true { controlled[kind]?[old] = nil }
        }
        if let new { controlled[kind, default: [:]][new, default: []].insert(key) }
    }

    /// Keeps `controllers` in step with an object going from `old` to `new`.
    private func countControllers(_ kind: ResourceKind, from old: StoredObject?, to new: StoredObject?) {
        let before = old?.controller, after = new?.controller
        guard before != after else { return }
        if let before {
            let left = (controllers[kind]?[before] ?? 1) - 1
            controllers[kind]?[before] = left > 0 ? left : nil
        }
        if let after { controllers[kind, default: [:]][after, default: 0] += 1 }
    }

    /// The keys of the `count` Events with the oldest `lastTimestamp` (ties by namespace and
    /// name), oldest first.
    func oldestEvents(_ count: Int) -> [Key] {
        let events = objects[.events] ?? [:]
        let oldest = eventAges.takeOldest(count) { entry in
            events[entry.key].map { Self.lastTimestamp($0.value) == entry.last } ?? false
        }
        return oldest
    }

    private static func lastTimestamp(_ event: JSONValue) -> String { event["lastTimestamp"]?.stringValue ?? "" }

    /// The core/v1 Events in `namespace` whose `involvedObject.name` is `name`, in no
    /// particular order.
    func events(in namespace: String, about name: String) -> [StoredObject] {
        guard let keys = eventsAbout[Key(namespace: namespace, name: name)], let all = objects[.events] else { return [] }
        return keys.compactMap { all[$0] }
    }

    private static func involved(_ key: Key, _ event: StoredObject?) -> Key? {
        event.map { Key(namespace: key.namespace, name: $0.value[path: ["involvedObject", "name"]]?.stringValue ?? "") }
    }

    /// Keeps `uids`, `deleting`, `generations` and the Events' ages in step with a change
    /// from `old` to `new`.
    private func track(_ kind: ResourceKind, _ key: Key, from old: StoredObject?, to new: StoredObject?) {
        generations[kind, default: 0] += 1
        if kind == .events {
            if let new { eventAges.written(key, last: Self.lastTimestamp(new.value)) }
            let before = Self.involved(key, old), after = Self.involved(key, new)
            if before != after {
                if let before {
                    eventsAbout[before]?.remove(key)
                    if eventsAbout[before]?.isEmpty == true { eventsAbout[before] = nil }
                }
                if let after { eventsAbout[after, default: []].insert(key) }
            }
            let stored = objects[.events] ?? [:]
            eventAges.compact(stored: stored.count) {
                stored.map { EventAges.Entry(last: Self.lastTimestamp($0.value.value), key: $0.key) }
            }
        }
        let oldUID = old?.value.uid ?? "", newUID = new?.value.uid ?? ""
        if oldUID != newUID {
            if !oldUID.isEmpty { uids[kind]?.remove(oldUID) }
            if !newUID.isEmpty { uids[kind, default: []].insert(newUID) }
        }
        if new?.value.isBeingDeleted ?? false {
            deleting[kind, default: []].insert(key)
        } else if old?.value.isBeingDeleted ?? false {
            deleting[kind]?.remove(key)
        }
    }

    /// Stores a new or changed object under a fresh resource version, which is written into
    /// its `metadata.resourceVersion`.
    @discardableResult
    func put(_ kind: ResourceKind, _ value: JSONValue) -> StoredObject {
        resourceVersion += 1
        var value = value
        value[path: ["metadata", "resourceVersion"]] = .string(String(resourceVersion))
        let key = Key(namespace: value.namespace, name: value.name)
        let previous = objects[kind]?[key]
        let existed = previous != nil
        let stored = StoredObject(value: value, resourceVersion: resourceVersion)
        objects[kind, default: [:]][key] = stored
        index(kind, key, from: previous?.controllerUID, to: stored.controllerUID)
        countControllers(kind, from: previous, to: stored)
        track(kind, key, from: previous, to: stored)
        dependentChanged(previous?.controllerUID, at: resourceVersion)
        dependentChanged(stored.controllerUID, at: resourceVersion)
        if !stored.uid.isEmpty { controllerOf[stored.uid] = stored.controllerUID }
        record(WatchEvent(type: existed ? .modified : .added, resource: kind, object: stored, previous: previous))
        return stored
    }

    /// Removes an object; the DELETED event carries it with a fresh resource version.
    /// Removing a namespace first removes whatever is still stored in it (ConfigMaps, Secrets,
    /// Services, Events...), so that nothing outlives its namespace as on a real cluster.
    @discardableResult
    func remove(_ kind: ResourceKind, namespace: String, name: String) -> StoredObject? {
        let key = Key(namespace: namespace, name: name)
        guard objects[kind]?[key] != nil else { return nil }
        if kind == .namespaces {
            for contained in objects.keys.filter(\.namespaced) {
                for object in list(contained, namespace: name) {
                    remove(contained, namespace: name, name: object.value.name)
                }
            }
        }
        guard let removed = objects[kind]?.removeValue(forKey: key) else { return nil }
        index(kind, key, from: removed.controllerUID, to: nil)
        countControllers(kind, from: removed, to: nil)
        track(kind, key, from: removed, to: nil)
        var value = removed.value
        resourceVersion += 1
        dependentChanged(removed.controllerUID, at: resourceVersion)
        if !removed.uid.isEmpty {
            dependentsChanged[removed.uid] = nil
            controllerOf[removed.uid] = nil
        }
        value[path: ["metadata", "resourceVersion"]] = .string(String(resourceVersion))
        let stored = StoredObject(value: value, resourceVersion: resourceVersion)
        record(WatchEvent(type: .deleted, resource: kind, object: stored, previous: removed))
        return stored
    }

    /// The changes of one kind after a resource version, or nil when that version is older
    /// than the retained history (the watch must relist: 410 Expired).
    func events(of kind: ResourceKind, after version: Int) -> [WatchEvent]? {
        if version < oldestResumableVersion { return nil }
        return history[historyStart...].filter { $0.resource == kind && $0.object.resourceVersion > version }
    }

    /// The oldest resource version a watch may resume from.
    var oldestResumableVersion: Int {
        guard historyStart < history.count else { return resourceVersion }
        return history[historyStart].object.resourceVersion - 1
    }

    /// Every stored object, for saving.
    var allObjects: [(ResourceKind, JSONValue)] {
        ResourceKind.stored.flatMap { kind in list(kind).map { (kind, $0.value) } }
    }

    /// Restores saved objects without recording events.
    func load(_ entries: [(ResourceKind, JSONValue)], resourceVersion: Int) {
        objects = [:]
        controlled = [:]
        controllers = [:]
        uids = [:]
        deleting = [:]
        generations = [:]
        dependentsChanged = [:]
        controllerOf = [:]
        eventAges.removeAll()
        eventsAbout = [:]
        history = []
        historyStart = 0
        self.resourceVersion = resourceVersion
        for (kind, value) in entries {
            let version = value.resourceVersion.flatMap(Int.init) ?? resourceVersion
            let key = Key(namespace: value.namespace, name: value.name)
            let stored = StoredObject(value: value, resourceVersion: version)
            let previous = objects[kind]?[key]
            index(kind, key, from: previous?.controllerUID, to: stored.controllerUID)
            countControllers(kind, from: previous, to: stored)
            objects[kind, default: [:]][key] = stored
            track(kind, key, from: previous, to: stored)
            if !stored.uid.isEmpty { controllerOf[stored.uid] = stored.controllerUID }
        }
        // Once every controller is known, so that grandparents are too.
        for stored in objects.values {
            for object in stored.values { dependentChanged(object.controllerUID, at: object.resourceVersion) }
        }
    }

    private func record(_ event: WatchEvent) {
        history.append(event)
        if history.count - historyStart > historyLimit {
            historyStart += 1
            if historyStart > historyLimit {
                history.removeFirst(historyStart)
                historyStart = 0
            }
        }
        onChange(event)
    }
}
