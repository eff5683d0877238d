import CortexCore

/// The `pod-template-hash` of a pod template: FNV-1a (32 bit) over the template's canonical
/// JSON, without its own hash label, written with the API server's "safe" alphabet so that
/// it never spells words (e.g. `5d4f7c8b9`).
enum TemplateHash {
    static let label = "pod-template-hash"
    private static let alphabet = Array("bcdfghjklmnpqrstvwxz2456789".utf8)

    static func hash(_ template: JSONValue, collisionCount: Int = 0) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in withoutHashLabel(template).serialized() {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        if collisionCount > 0 {
            for byte in String(collisionCount).utf8 {
                hash ^= UInt32(byte)
                hash = hash &* 16_777_619
            }
        }
        return String(decoding: String(hash).utf8.map { alphabet[Int($0) % alphabet.count] }, as: UTF8.self)
    }

    /// The template with the `pod-template-hash` label removed, for comparing templates.
    static func withoutHashLabel(_ template: JSONValue) -> JSONValue {
        var template = template
        template[path: ["metadata", "labels", label]] = nil
        if template[path: ["metadata", "labels"]]?.objectValue?.isEmpty == true {
            template[path: ["metadata", "labels"]] = nil
        }
        return template
    }

    static func templatesEqual(_ a: JSONValue?, _ b: JSONValue?) -> Bool {
        guard let a, let b else { return false }
        // The label is only under `metadata`: templates that differ anywhere else (an image,
        // most often) differ, found without copying either one.
        if case .object(let x) = a, case .object(let y) = b {
            for (key, value) in x where key != "metadata" && y[key] != value { return false }
            for key in y.keys where key != "metadata" && x[key] == nil { return false }
        }
        return withoutHashLabel(a) == withoutHashLabel(b)
    }
}

/// What comparing ReplicaSets' templates with their Deployments' found, kept between
/// controller passes: a pass compares every ReplicaSet of a Deployment with its template,
/// and between passes neither usually changes. A result is reused only for templates equal
/// to the ones it was found for, which, as the stored templates are usually the very same
/// values (only status and replicas are written between passes), is checked at once.
final class TemplateMatches {
    private var known: [String: (replicaSet: JSONValue, deployment: JSONValue, equal: Bool)] = [:]

    init() {}

    /// `TemplateHash.templatesEqual(replicaSet, deployment)` for the ReplicaSet `uid`.
    func equal(_ uid: String, _ replicaSet: JSONValue?, _ deployment: JSONValue?) -> Bool {
        guard let replicaSet, let deployment else { return false }
        if let found = known[uid], found.replicaSet == replicaSet, found.deployment == deployment { return found.equal }
        let equal = TemplateHash.templatesEqual(replicaSet, deployment)
        known[uid] = (replicaSet, deployment, equal)
        return equal
    }

    /// Forgets the ReplicaSets that are gone, once there are many more results than ReplicaSets.
    func forgetGone(in store: ObjectStore) {
        guard known.count > 2 * store.count(.replicaSets) + 32 else { return }
        for uid in known.keys where !store.contains(.replicaSets, uid: uid) { known.removeValue(forKey: uid) }
    }
}
