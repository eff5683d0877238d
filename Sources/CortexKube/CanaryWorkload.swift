import CortexCore

/// The canary of a Deployment: a second Deployment, `<name>-canary`, running the new
/// version beside the stable one. Its pods carry every label of the stable pods, so each
/// Service that selects the stable pods selects them too and spreads traffic over both,
/// plus `cortex.dev/canary-of: <name>`, which its own selector adds so that the canary's
/// controller never counts the stable pods as its own. (The stable selector cannot change,
/// so it still matches the canary pods; the controllers go by owner references and leave
/// each other's ReplicaSets alone.)
public enum CanaryWorkload {
    /// Label and annotation keys cortex puts on a canary.
    public static let canaryOfKey = "cortex.dev/canary-of"
    public static let percentKey = "cortex.dev/canary-percent"

    /// `payments-canary`.
    public static func name(of stable: String) -> String { "\(stable)-canary" }

    /// Whether `d` is the canary cortex made for `stable` (a Deployment merely named like
    /// one is not).
    public static func isCanary(_ d: Deployment, of stable: String) -> Bool {
        d.metadata.labels?[canaryOfKey] == stable
    }

    /// The percentage the canary was started with, from its annotation.
    public static func requestedPercent(_ d: Deployment) -> Int? {
        d.metadata.annotations?[percentKey].flatMap { Int($0) }
    }

    /// The canary Deployment for `stable`: its pod template with `container` running
    /// `image`, `replicas` pods, and the canary label on the object, its selector and its pods.
    public static func deployment(of stable: Deployment, container: String, image: String, replicas: Int, percent: Int) -> Deployment {
        let label = [canaryOfKey: stable.name]
        var template = stable.spec.template.json
        var podLabels = stable.spec.template.labels
        podLabels.merge(label) { _, new in new }
        template[path: ["metadata", "labels"]] = .object(podLabels.mapValues(JSONValue.string))
        if let containers = template[path: ["spec", "containers"]]?.arrayValue {
            template[path: ["spec", "containers"]] = .array(containers.map { c in
                guard c["name"]?.stringValue == container else { return c }
                var c = c
                c["image"] = .string(image)
                return c
            })
        }
        var selector = stable.spec.selector
        selector.matchLabels = (selector.matchLabels ?? [:]).merging(label) { _, new in new }
        var spec = DeploymentSpec(replicas: replicas, selector: selector, template: PodTemplate(json: template))
        spec.progressDeadlineSeconds = stable.spec.progressDeadlineSeconds
        spec.minReadySeconds = stable.spec.minReadySeconds
        let labels = (stable.metadata.labels ?? [:]).merging(label) { _, new in new }
        return Deployment(
            metadata: ObjectMeta(name: name(of: stable.name), labels: labels, annotations: [percentKey: String(percent)]),
            spec: spec)
    }
}
