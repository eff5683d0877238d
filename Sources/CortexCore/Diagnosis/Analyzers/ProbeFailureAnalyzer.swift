/// Failing readiness and liveness probes: the kubelet's `Unhealthy` events, containers
/// running but not ready, and restarts after a failed liveness probe (`Killing`).
public struct ProbeFailureAnalyzer: DiagnosisAnalyzer {
    public let name = "probe-failure"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        var findings: [DiagnosisFinding] = []
        for probe in ["Readiness", "Liveness", "Startup"] {
            var pods: [PodEvidence] = []
            var lines: [EvidenceLine] = []
            for pod in e.pods where !pod.deleting {
                let unhealthy = AnalyzerSupport.warnings(e, about: pod.ref, reasons: ["Unhealthy"])
                    .filter { $0.message.hasPrefix("\(probe) probe") }
                guard let last = unhealthy.last else { continue }
                // A readiness failure matters while the pod is not ready; one that is ready now recovered.
                if probe == "Readiness" && pod.isReady { continue }
                pods.append(pod)
                if lines.count < 2 { lines.append(AnalyzerSupport.eventLine(last)) }
                if probe == "Liveness", let kill = AnalyzerSupport.warnings(e, about: pod.ref, reasons: ["Killing"]).last, lines.count < 3 {
                    lines.append(AnalyzerSupport.eventLine(kill))
                }
            }
            guard let first = pods.first else { continue }
            if let ready = first.condition("Ready"), ready.isFalse {
                lines.insert(EvidenceLine(first.ref, .status, "Ready is False" + (ready.reason.map { " (\($0))" } ?? "")), at: 0)
            }
            let message = lines.compactMap { line -> String? in
                if case .event(let reason, _) = line.source, reason == "Unhealthy" { return line.text }
                return nil
            }.first ?? "\(probe.lowercased()) probe failed"
            let scope = pods.count == 1 ? "pod \(first.name)" : "\(pods.count) pods (\(AnalyzerSupport.names(pods)))"
            let consequence = probe == "Readiness" ? "gets no traffic" : "is restarted"
            let cause = "\(probe.lowercased()) probe fails in \(scope), which \(consequence): \(message)"
            let fix = AnalyzerSupport.rollback(for: pods, in: e, because: "the new revision fails its \(probe.lowercased()) probe")
            let everyPod = pods.count >= e.pods.filter { !$0.deleting }.count
            findings.append(DiagnosisFinding(analyzer: name, cause: cause, severity: everyPod ? .critical : .warning, role: .symptom,
                                    object: first.ref, evidence: lines, fix: fix))
        }
        return findings
    }
}
