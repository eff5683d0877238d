import CortexCore
import Foundation
import Testing

@testable import CortexSim

/// What the store tells controllers so that they look only at what changed: per-kind
/// generations, the objects being deleted, and which controllers' uids exist.
@Suite struct ObjectStoreTests {
    static func pod(_ name: String, owner: String? = nil, ownerKind: String = "ReplicaSet", deleting: Bool = false) -> JSONValue {
        var metadata: JSONValue = ["name": .string(name), "namespace": "staging", "uid": .string("uid-\(name)")]
        if let owner {
            metadata["ownerReferences"] = [["kind": .string(ownerKind), "name": .string(owner), "uid": .string("uid-\(owner)"), "controller": true]]
        }
        if deleting { metadata["deletionTimestamp"] = "2026-01-05T10:00:00Z" }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": metadata]
    }

    @Test func aKindsGenerationMovesWithEveryWriteAndRemovalOfThatKindOnly() {
        let store = ObjectStore()
        #expect(store.generation(of: .pods) == 0)
        store.put(.pods, Self.pod("a"))
        store.put(.pods, Self.pod("a"))
        #expect(store.generation(of: .pods) == 2)
        store.put(.configMaps, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "namespace": "staging"]])
        #expect(store.generation(of: .pods) == 2)
        #expect(store.generation(of: .configMaps) == 1)
        store.remove(.pods, namespace: "staging", name: "a")
        #expect(store.generation(of: .pods) == 3)
        // Removing what is not there changes nothing.
        store.remove(.pods, namespace: "staging", name: "a")
        #expect(store.generation(of: .pods) == 3)
    }

    @Test func objectsBeingDeletedAreListedUntilTheyGoOrLoseTheirDeletionTimestamp() {
        let store = ObjectStore()
        store.put(.pods, Self.pod("b", deleting: true))
        store.put(.pods, Self.pod("a", deleting: true))
        store.put(.pods, Self.pod("c"))
        #expect(store.beingDeleted(.pods).map(\.value.name) == ["a", "b"])
        store.put(.pods, Self.pod("a"))
        #expect(store.beingDeleted(.pods).map(\.value.name) == ["b"])
        store.remove(.pods, namespace: "staging", name: "b")
        #expect(store.beingDeleted(.pods).isEmpty)
        #expect(store.beingDeleted(.replicaSets).isEmpty)
    }

    @Test func controllersAreFoundByUidAndTheirDependentsWithoutListingEveryObject() {
        let store = ObjectStore()
        store.put(.replicaSets, ["apiVersion": "apps/v1", "kind": "ReplicaSet",
                                 "metadata": ["name": "web", "namespace": "staging", "uid": "uid-web"]])
        store.put(.pods, Self.pod("web-2", owner: "web"))
        store.put(.pods, Self.pod("web-1", owner: "web"))
        store.put(.pods, Self.pod("gone-1", owner: "gone"))
        store.put(.pods, Self.pod("batch-1", owner: "batch", ownerKind: "Job"))
        #expect(store.contains(.replicaSets, uid: "uid-web"))
        #expect(!store.contains(.replicaSets, uid: "uid-gone"))
        #expect(!store.contains(.pods, uid: "uid-web"))
        #expect(Set(store.controllerUIDs(of: .pods, controllerKind: "ReplicaSet")) == ["uid-web", "uid-gone"])
        #expect(store.controllerUIDs(of: .pods, controllerKind: "Job") == ["uid-batch"])
        #expect(store.list(.pods, controlledBy: "uid-web").map(\.value.name) == ["web-1", "web-2"])
        store.remove(.replicaSets, namespace: "staging", name: "web")
        #expect(!store.contains(.replicaSets, uid: "uid-web"))
        store.remove(.pods, namespace: "staging", name: "gone-1")
        #expect(store.controllerUIDs(of: .pods, controllerKind: "ReplicaSet") == ["uid-web"])
        // A dependent that changes controller is counted under the new one only.
        store.put(.pods, Self.pod("batch-1", owner: "web"))
        #expect(store.controllerUIDs(of: .pods, controllerKind: "Job").isEmpty)
        store.put(.pods, Self.pod("web-1"))
        store.put(.pods, Self.pod("web-2"))
        #expect(store.controllerUIDs(of: .pods, controllerKind: "ReplicaSet") == ["uid-web"])
        store.remove(.pods, namespace: "staging", name: "batch-1")
        #expect(store.controllerUIDs(of: .pods, controllerKind: "ReplicaSet").isEmpty)
    }

    @Test func aCopiedStoreHoldsTheSameAndChangesOnItsOwn() {
        let store = ObjectStore()
        store.put(.pods, Self.pod("a", owner: "web"))
        store.put(.pods, Self.pod("b", deleting: true))
        let copy = ObjectStore(copying: store)
        #expect(copy.resourceVersion == store.resourceVersion)
        #expect(copy.list(.pods).map(\.value) == store.list(.pods).map(\.value))
        #expect(copy.beingDeleted(.pods).map(\.value.name) == ["b"])
        #expect(copy.events(of: .pods, after: 1000)?.count == 2)
        copy.remove(.pods, namespace: "staging", name: "a")
        copy.put(.pods, Self.pod("c"))
        #expect(store.list(.pods).map(\.value.name) == ["a", "b"])
        #expect(store.controllerUIDs(of: .pods, controllerKind: "ReplicaSet") == ["uid-web"])
        #expect(copy.controllerUIDs(of: .pods, controllerKind: "ReplicaSet").isEmpty)
        #expect(store.events(of: .pods, after: 1000)?.count == 2)
        #expect(copy.generation(of: .pods) == store.generation(of: .pods) + 2)
    }

    @Test func loadingRebuildsWhatTheStoreKnowsAboutItsObjects() {
        let store = ObjectStore()
        store.put(.pods, Self.pod("old", deleting: true))
        store.load([(.pods, Self.pod("a", owner: "web", deleting: true))], resourceVersion: 5000)
        #expect(store.beingDeleted(.pods).map(\.value.name) == ["a"])
        #expect(store.contains(.pods, uid: "uid-a"))
        #expect(!store.contains(.pods, uid: "uid-old"))
        #expect(store.controllerUIDs(of: .pods, controllerKind: "ReplicaSet") == ["uid-web"])
    }
}

/// The oldest Events, as the store finds them for eviction.
@Suite struct EventAgeTests {
    static func event(_ name: String, last: String, namespace: String = "staging") -> JSONValue {
        ["apiVersion": "v1", "kind": "Event", "metadata": ["name": .string(name), "namespace": .string(namespace)],
         "lastTimestamp": .string(last)]
    }

    @Test func theOldestAreFoundByLastTimestampThenNamespaceAndName() {
        let store = ObjectStore()
        store.put(.events, Self.event("b", last: "2026-01-05T10:00:02Z"))
        store.put(.events, Self.event("a", last: "2026-01-05T10:00:02Z"))
        store.put(.events, Self.event("c", last: "2026-01-05T10:00:01Z", namespace: "production"))
        store.put(.events, Self.event("d", last: "2026-01-05T10:00:03Z"))
        #expect(store.oldestEvents(3).map(\.name) == ["c", "a", "b"])
    }

    @Test func anEventWrittenAgainCountsWithItsNewTimeAndARemovedOneNotAtAll() {
        let store = ObjectStore()
        store.put(.events, Self.event("a", last: "2026-01-05T10:00:01Z"))
        store.put(.events, Self.event("b", last: "2026-01-05T10:00:02Z"))
        store.put(.events, Self.event("c", last: "2026-01-05T10:00:03Z"))
        store.put(.events, Self.event("a", last: "2026-01-05T10:00:09Z"))
        store.remove(.events, namespace: "staging", name: "b")
        #expect(store.oldestEvents(1).map(\.name) == ["c"])
        store.remove(.events, namespace: "staging", name: "c")
        #expect(store.oldestEvents(5).map(\.name) == ["a"])
    }

    @Test func manyRewritesKeepTheOrderRight() {
        let store = ObjectStore()
        for round in 0..<50 {
            for index in 0..<10 {
                let second = String(format: "%02d", (round + index * 7) % 60)
                store.put(.events, Self.event("e\(index)", last: "2026-01-05T10:00:\(second)Z"))
            }
        }
        let expected = store.unordered(.events)
            .sorted { ($0.value.value["lastTimestamp"]?.stringValue ?? "", $0.key.name) < ($1.value.value["lastTimestamp"]?.stringValue ?? "", $1.key.name) }
            .prefix(4).map(\.key.name)
        #expect(store.oldestEvents(4).map(\.name) == Array(expected))
    }
}
