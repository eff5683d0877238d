/// Containers that cannot be created from their configuration: `CreateContainerConfigError`
/// (a missing ConfigMap, Secret or key) and `CreateContainerError`, checked against the
/// references the pod template makes and whether each object exists.
public struct ContainerConfigAnalyzer: DiagnosisAnalyzer {
    public let name = "container-config"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var hits: [(PodEvidence, ContainerStatusEvidence, String?)] = []
        for pod in e.pods where !pod.deleting {
            for c in pod.containers + pod.initContainers {
                if case .waiting(let reason, let message) = c.state, reason == "CreateContainerConfigError" || reason == "CreateContainerError" {
                    hits.append((pod, c, message))
                }
            }
        }
        let missing = e.references.filter { $0.exists == false && !$0.optional }
        // A missing reference while containers of the template started is no cause: the
        // kubelet would not have started them (the object may be created by the same release).
        let started = e.pods.contains { pod in
            pod.containers.contains { c in
                if case .waiting = c.state { return false }
                return c.state != nil
            }
        }
        guard !hits.isEmpty || (!missing.isEmpty && !started) else { return [] }
        var lines: [EvidenceLine] = []
        var cause: String
        var object: ObjectRef
        if let (pod, status, message) = hits.first {
            object = pod.ref
            lines.append(EvidenceLine(pod.ref, .status, "container \(status.name) is \(status.state?.waitingReason ?? "waiting")" + (message.map { ": \($0)" } ?? "")))
            let scope = hits.count == 1 ? "pod \(pod.name)" : "\(Set(hits.map(\.0.name)).count) pods"
            cause = "container \(status.name) cannot start in \(scope)" + (message.map { ": \($0)" } ?? "")
        } else {
            object = missing[0].ref
            cause = "the pod template needs \(missing.map { "\($0.ref.kind) \($0.ref.name)" }.joined(separator: " and ")), which does not exist"
        }
        for ref in missing {
            lines.append(EvidenceLine(ref.ref, .status, "\(ref.ref.kind) \(ref.ref.name) is referenced by the pod template and does not exist"))
        }
        let pods = hits.map(\.0)
        let advice = missing.first.map { "create \($0.ref.kind) \($0.ref.name) in namespace \(e.namespace), or make the reference optional" }
            ?? "fix the container's configuration named in the message"
        let fix = AnalyzerSupport.rollback(for: pods, in: e, because: "the new revision needs configuration that is missing")
            ?? SuggestedFix(nil, advice)
        return [DiagnosisFinding(analyzer: name, cause: cause, severity: hits.isEmpty ? .warning : .critical, role: .cause,
                        object: object, evidence: lines, fix: fix)]
    }
}
