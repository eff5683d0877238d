/// Nodes of the workload's pods that are not Ready or report memory, disk or PID pressure,
/// and cordoned nodes.
public struct NodeHealthAnalyzer: DiagnosisAnalyzer {
    public let name = "node-health"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        let used = Set(e.pods.compactMap(\.nodeName))
        return e.nodes.filter { used.contains($0.name) }.compactMap { node in
            let ref = ObjectRef(kind: "Node", name: node.name)
            var lines: [EvidenceLine] = []
            var problems: [String] = []
            if let ready = node.condition("Ready"), !ready.isTrue {
                problems.append("NotReady")
                lines.append(EvidenceLine(ref, .status, "Ready is \(ready.status)" + (ready.reason.map { " (\($0))" } ?? "")
                                          + (ready.message.map { ": \($0)" } ?? ""), at: ready.lastTransition))
            }
            for pressure in ["MemoryPressure", "DiskPressure", "PIDPressure"] {
                if let c = node.condition(pressure), c.isTrue {
                    problems.append(pressure)
                    lines.append(EvidenceLine(ref, .status, "\(pressure) is True" + (c.message.map { ": \($0)" } ?? ""), at: c.lastTransition))
                }
            }
            guard !problems.isEmpty else { return nil }
            let pods = e.pods.filter { $0.nodeName == node.name }
            lines.append(EvidenceLine(ref, .status, "runs \(AnalyzerSupport.plural(pods.count, "pod")) of \(e.subject.name): \(AnalyzerSupport.names(pods))"))
            let notReady = problems.contains("NotReady")
            return DiagnosisFinding(analyzer: name, cause: "node \(node.name) is \(problems.joined(separator: ", ")), and runs pods of \(e.subject.name)",
                           severity: notReady ? .critical : .warning, role: .cause, object: ref, evidence: lines,
                           fix: SuggestedFix(nil, notReady ? "drain the node so its pods move elsewhere, and look at the node's kubelet"
                                                           : "free resources on the node or move pods off it"))
        }
    }
}
