import CortexCore
import Synchronization

/// What the simulated kubelet does with a container image: the failure an image's
/// reference asks for.
///
/// **Failure-image convention.** An image whose reference contains `broken` or
/// `crashloop` (in any case, in the name or the tag: `payments:2.0-broken`,
/// `broken/web:1`), or has `oom`, `unschedulable`, `noconfig` or `unready` as one of its
/// words (the parts between `/`, `:`, `.`, `-`, `_` and `@`: `payments:oom`,
/// `payments:2.4-unready`), fails like this:
///
/// | token | what happens |
/// | --- | --- |
/// | `broken` | never pulls: `ErrImagePull`, then `ImagePullBackOff` |
/// | `crashloop` | starts, logs `fatal: DATABASE_URL is not set`, exits 1; `CrashLoopBackOff` |
/// | `oom` | starts, exceeds its memory limit, is killed (`OOMKilled`, exit 137); `CrashLoopBackOff` |
/// | `unschedulable` | asks for more cpu than any node has: `Pending`, `FailedScheduling` |
/// | `noconfig` | reads ConfigMap `<workload>-config`, which does not exist: `CreateContainerConfigError` |
/// | `unready` | runs, but its readiness probe answers 503: `Running`, never `Ready` |
///
/// None of them ever becomes ready, so a rollout to such an image stalls and ends in
/// `ProgressDeadlineExceeded`. Every other image starts and becomes ready about two
/// simulated seconds after its pod is created.
enum ImageBehavior: Equatable, Sendable {
    case healthy
    case pullFailure
    case crashLoop
    case outOfMemory
    case unschedulable
    case missingConfig
    case unready

    /// The behaviour of `image`, worked out once per image reference: pods of the same few
    /// images are looked at on every controller pass.
    init(image: String) {
        if let known = Self.known.withLock({ $0[image] }) {
            self = known
            return
        }
        self.init(reading: image)
        let behavior = self
        Self.known.withLock { known in
            if known.count >= 4096 { known.removeAll() }
            known[image] = behavior
        }
    }

    private static let known = Mutex<[String: ImageBehavior]>([:])

    private init(reading image: String) {
        let reference = image.lowercased()
        let words = Set(reference.split(whereSeparator: { "/:.-_@".contains($0) }).map(String.init))
        if words.contains("unschedulable") {
            self = .unschedulable
        } else if reference.contains("broken") {
            self = .pullFailure
        } else if words.contains("noconfig") {
            self = .missingConfig
        } else if reference.contains("crashloop") {
            self = .crashLoop
        } else if words.contains("oom") {
            self = .outOfMemory
        } else if words.contains("unready") {
            self = .unready
        } else {
            self = .healthy
        }
    }
}

/// The simulator's admission step for failure images: it adds to a pod spec what makes the
/// failure its image asks for plausible, so that the evidence a client reads is
/// self-consistent. An `oom` container gets a memory limit when it has none, an
/// `unschedulable` one a cpu request no node can hold, a `noconfig` one an `envFrom` of
/// ConfigMap `<workload>-config`, an `unready` one a readiness probe when it has none.
/// Nothing is added to containers of other images, and nothing already there is removed.
enum FailureProfile {
    /// The cpu an `unschedulable` container requests: more than a simulated node has.
    static let unschedulableCPU = "16"
    /// The memory limit given to an `oom` container that has none.
    static let defaultMemoryLimit = "256Mi"

    /// The ConfigMap a `noconfig` container of `workload` reads.
    static func configMapName(workload: String) -> String { "\(workload)-config" }

    static func apply(to spec: JSONValue, workload: String) -> JSONValue {
        var spec = spec
        for list in ["containers", "initContainers"] {
            guard let containers = spec[list]?.arrayValue else { continue }
            spec[list] = .array(containers.map { container($0, workload: workload) })
        }
        return spec
    }

    private static func container(_ container: JSONValue, workload: String) -> JSONValue {
        guard container.objectValue != nil, let image = container["image"]?.stringValue else { return container }
        var container = container
        switch ImageBehavior(image: image) {
        case .outOfMemory:
            if container[path: ["resources", "limits", "memory"]] == nil {
                container[path: ["resources", "limits", "memory"]] = .string(defaultMemoryLimit)
            }
        case .unschedulable:
            let requested = container[path: ["resources", "requests", "cpu"]]?.stringValue.flatMap(Quantity.millicores) ?? 0
            if requested < (Quantity.millicores(unschedulableCPU) ?? 0) {
                container[path: ["resources", "requests", "cpu"]] = .string(unschedulableCPU)
                if let limit = container[path: ["resources", "limits", "cpu"]]?.stringValue.flatMap(Quantity.millicores),
                    limit < (Quantity.millicores(unschedulableCPU) ?? 0)
                {
                    container[path: ["resources", "limits", "cpu"]] = .string(unschedulableCPU)
                }
            }
        case .missingConfig:
            let name = configMapName(workload: workload)
            var sources = container["envFrom"]?.arrayValue ?? []
            if !sources.contains(where: { $0[path: ["configMapRef", "name"]]?.stringValue == name }) {
                sources.append(["configMapRef": ["name": .string(name)]])
                container["envFrom"] = .array(sources)
            }
        case .unready:
            if container["readinessProbe"] == nil {
                let port = container["ports"]?.arrayValue?.first?["containerPort"] ?? 8080
                container["readinessProbe"] = [
                    "httpGet": ["path": "/healthz", "port": port, "scheme": "HTTP"], "periodSeconds": 10,
                    "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3,
                ]
            }
        case .healthy, .pullFailure, .crashLoop:
            break
        }
        return container
    }
}

/// Resource quantities as the simulator needs them: cpu in millicores, memory in bytes.
enum Quantity {
    /// `500m` → 500, `2` → 2000, `1.5` → 1500.
    static func millicores(_ text: String) -> Int? {
        if text.hasSuffix("m") { return Int(text.dropLast()) }
        return Double(text).map { Int(($0 * 1000).rounded()) }
    }

    /// `512Mi` → 536870912, `1G` → 1000000000, `128974848` → 128974848.
    static func bytes(_ text: String) -> Int? {
        let units: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776),
            ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12),
        ]
        for (suffix, factor) in units where text.hasSuffix(suffix) {
            return Double(text.dropLast(suffix.count)).map { Int($0 * factor) }
        }
        return Double(text).map { Int($0) }
    }
}
