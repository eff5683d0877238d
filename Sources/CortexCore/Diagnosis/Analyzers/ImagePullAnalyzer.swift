/// Images that do not pull: `ErrImagePull`, `ImagePullBackOff`, `InvalidImageName`,
/// `ErrImageNeverPull`, with the registry's message from the container state or the
/// kubelet's `Failed` event.
public struct ImagePullAnalyzer: DiagnosisAnalyzer {
    public let name = "image-pull"
    public init() {}

    static let reasons: Set<String> = ["ErrImagePull", "ImagePullBackOff", "InvalidImageName", "ErrImageNeverPull", "RegistryUnavailable"]

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var byImage: [String: [(PodEvidence, ContainerStatusEvidence)]] = [:]
        for pod in e.pods where !pod.deleting {
            for c in pod.containers + pod.initContainers {
                if let reason = c.state?.waitingReason, Self.reasons.contains(reason) {
                    byImage[c.image ?? "?", default: []].append((pod, c))
                }
            }
        }
        return byImage.keys.sorted().map { image in
            let hits = byImage[image]!
            let (pod, status) = hits[0]
            let pods = hits.map(\.0)
            var lines: [EvidenceLine] = []
            var message: String?
            if case .waiting(let reason, let text) = status.state {
                message = text
                lines.append(EvidenceLine(pod.ref, .status, "container \(status.name) is \(reason ?? "waiting")" + (text.map { ": \($0)" } ?? "")))
            }
            let failed = AnalyzerSupport.warnings(e, about: pod.ref, reasons: ["Failed"]).filter { $0.message.contains("pull") || $0.message.contains("image") }
            if let event = failed.last {
                lines.append(AnalyzerSupport.eventLine(event))
                if message == nil || message == "Back-off pulling image \"\(image)\"" { message = event.message }
            }
            let scope = pods.count == 1 ? "pod \(pod.name)" : "\(pods.count) pods"
            var cause = "image \(image) cannot be pulled (\(scope))"
            if let message, !message.isEmpty { cause += ": \(message)" }
            let fix = AnalyzerSupport.rollback(for: pods, in: e, because: "the new image does not pull")
            return DiagnosisFinding(analyzer: name, cause: cause, severity: .critical, role: .cause, object: pod.ref, evidence: lines, fix: fix)
        }
    }
}
