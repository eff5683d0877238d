/// PersistentVolumeClaims the pods mount that are missing or not bound, when no pod has said
/// so yet through the scheduler (then `UnschedulableAnalyzer` reports it with the message).
public struct ClaimAnalyzer: DiagnosisAnalyzer {
    public let name = "volume-claim"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        e.claims.filter { $0.phase != "Bound" }.map { claim in
            let ref = ObjectRef(kind: "PersistentVolumeClaim", name: claim.name)
            let state = claim.phase.map { "is \($0)" } ?? "does not exist"
            return DiagnosisFinding(analyzer: name, cause: "PersistentVolumeClaim \(claim.name), mounted by the pods, \(state)",
                           severity: .warning, role: .cause, object: ref,
                           evidence: [EvidenceLine(ref, .status, claim.phase.map { "phase \($0)" } ?? "not found in namespace \(e.namespace)")],
                           fix: SuggestedFix(nil, claim.phase == nil ? "create the claim" : "check its StorageClass and provisioner"))
        }
    }
}
