import CortexCore
import Foundation

/// The ControllerRevisions of a StatefulSet or DaemonSet, as their controllers keep them:
/// one per distinct pod template, named `<owner>-<hash>`, holding the template as a
/// strategic merge patch (`data.spec.template` with `$patch: replace`) and a revision
/// number; a template seen before (a rollback) gets the next number again.
struct RevisionHistory {
    static let hashLabel = "controller-revision-hash"

    let store: ObjectStore
    let newUID: () -> String

    /// The revision of `owner`'s current template, created or renumbered when needed.
    func current(of owner: JSONValue, kind: ResourceKind, now: Date) -> JSONValue {
        let revisions = owned(owner)
        let template = owner[path: ["spec", "template"]] ?? [:]
        let highest = revisions.map(Self.number).max() ?? 0
        if var match = revisions.first(where: { TemplateHash.templatesEqual(Self.template(of: $0), template) }) {
            if Self.number(match) < highest {
                match["revision"] = .number(highest + 1)
                match = store.put(.controllerRevisions, match).value
            }
            prune(owner, keeping: match.name)
            return match
        }
        let hash = TemplateHash.hash(template, collisionCount: owner.count(["status", "collisionCount"]))
        var data = template
        data["$patch"] = "replace"
        var labels = owner.stringMap(at: ["spec", "template", "metadata", "labels"])
        labels[Self.hashLabel] = hash
        let revision: JSONValue = [
            "apiVersion": "apps/v1", "kind": "ControllerRevision",
            "metadata": [
                "name": .string("\(owner.name)-\(hash)"), "namespace": .string(owner.namespace), "uid": .string(newUID()),
                "creationTimestamp": .string(Timestamp.format(now)), "labels": .stringObject(labels),
                "ownerReferences": [owner.ownerReference(kind: kind)],
            ],
            "data": ["spec": ["template": data]],
            "revision": .number(highest + 1),
        ]
        let stored = store.put(.controllerRevisions, revision).value
        prune(owner, keeping: stored.name)
        return stored
    }

    func owned(_ owner: JSONValue) -> [JSONValue] {
        store.list(.controllerRevisions, namespace: owner.namespace, controlledBy: owner.uid).map(\.value)
    }

    static func number(_ revision: JSONValue) -> Int { revision["revision"]?.intValue ?? 0 }

    static func template(of revision: JSONValue) -> JSONValue? {
        guard var template = revision[path: ["data", "spec", "template"]] else { return nil }
        template["$patch"] = nil
        return template
    }

    /// The revision's hash, as pods carry it in `controller-revision-hash`.
    static func hash(of revision: JSONValue) -> String { revision.labels[hashLabel] ?? "" }

    /// Deletes the oldest revisions beyond `spec.revisionHistoryLimit` that no pod runs.
    private func prune(_ owner: JSONValue, keeping current: String) {
        let limit = owner[path: ["spec", "revisionHistoryLimit"]]?.intValue ?? 10
        let revisions = owned(owner).sorted { Self.number($0) < Self.number($1) }
        guard revisions.count > limit + 1 else { return }
        let inUse = Set(store.list(.pods, namespace: owner.namespace, controlledBy: owner.uid).compactMap { $0.value.labels[Self.hashLabel] })
        var excess = revisions.count - limit - 1
        for revision in revisions where excess > 0 && revision.name != current {
            guard !inUse.contains(revision.name), !inUse.contains(Self.hash(of: revision)) else { continue }
            store.remove(.controllerRevisions, namespace: revision.namespace, name: revision.name)
            excess -= 1
        }
    }
}
