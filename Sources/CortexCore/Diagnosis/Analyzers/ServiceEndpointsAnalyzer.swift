/// Services that select the workload but have no ready endpoint: traffic to them fails.
public struct ServiceEndpointsAnalyzer: DiagnosisAnalyzer {
    public let name = "service-endpoints"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        guard let w = e.workload, (w.desiredReplicas ?? 0) > 0 else { return [] }
        return e.services.filter { $0.endpointsRead && $0.readyAddresses == 0 }.map { service in
            let ref = ObjectRef(kind: "Service", name: service.name)
            let selector = service.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            var lines = [EvidenceLine(ref, .status, "selector \(selector): 0 ready endpoints, \(service.notReadyAddresses) not ready")]
            let ready = e.pods.filter(\.isReady).count
            lines.append(EvidenceLine(w.ref, .status, "\(ready) of \(e.pods.count) pods ready"))
            return DiagnosisFinding(analyzer: name, cause: "Service \(service.name) has no ready endpoints: requests to it fail", severity: .critical,
                           role: .effect, object: ref, evidence: lines)
        }
    }
}
