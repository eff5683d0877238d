/// Pods the scheduler cannot place: `PodScheduled=False` with reason `Unschedulable`, and
/// its message (insufficient cpu or memory, taints, node selectors, unbound claims) from the
/// condition or the `FailedScheduling` event.
public struct UnschedulableAnalyzer: DiagnosisAnalyzer {
    public let name = "unschedulable"
    public init() {}

    public func analyze(_ e: DiagnosisEvidence) -> [DiagnosisFinding] {
        let pending = e.pods.filter { pod in
            !pod.deleting && pod.phase == "Pending" && pod.condition("PodScheduled").map { $0.isFalse && $0.reason == "Unschedulable" } == true
        }
        guard let pod = pending.first else { return [] }
        var lines: [EvidenceLine] = []
        let condition = pod.condition("PodScheduled")
        var message = condition?.message
        if let event = AnalyzerSupport.warnings(e, about: pod.ref, reasons: ["FailedScheduling"]).last {
            lines.append(AnalyzerSupport.eventLine(event))
            if message == nil || message!.isEmpty { message = event.message }
        } else if let message {
            lines.append(EvidenceLine(pod.ref, .status, "PodScheduled is False (Unschedulable): \(message)", at: condition?.lastTransition))
        }
        let why = Self.classify(message ?? "")
        if why == .resources, let w = e.workload {
            for c in w.containers where !c.requests.isEmpty {
                let asked = c.requests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
                lines.append(EvidenceLine(w.ref, .spec, "container \(c.name) requests \(asked)"))
            }
        }
        if why == .claim {
            for claim in e.claims where claim.phase != "Bound" {
                lines.append(EvidenceLine(ObjectRef(kind: "PersistentVolumeClaim", name: claim.name), .status,
                                          claim.phase.map { "phase \($0)" } ?? "does not exist"))
            }
        }
        let scope = pending.count == 1 ? "pod \(pod.name) cannot be scheduled" : "\(pending.count) pods cannot be scheduled"
        let cause = "\(scope): \(why.summary)" + (message.map { " (\($0))" } ?? "")
        let fix = AnalyzerSupport.rollback(for: pending, in: e, because: "the new revision's pods do not fit on any node")
            ?? SuggestedFix(nil, why.advice)
        let severity: FindingSeverity = pending.count >= e.pods.filter({ !$0.deleting }).count ? .critical : .warning
        return [DiagnosisFinding(analyzer: name, cause: cause, severity: severity, role: .cause, object: pod.ref, evidence: lines, fix: fix)]
    }

    enum Why: Equatable {
        case resources, taints, selector, claim, other
        var summary: String {
            switch self {
            case .resources: "no node has enough free cpu or memory for its requests"
            case .taints: "every node has a taint the pod does not tolerate"
            case .selector: "no node matches its node selector or affinity"
            case .claim: "a PersistentVolumeClaim it mounts is not bound"
            case .other: "the scheduler found no node for it"
            }
        }
        var advice: String {
            switch self {
            case .resources: "lower the pod's cpu/memory requests (set-resources) or add capacity to the cluster"
            case .taints: "add a toleration for the taint, or free a node of it"
            case .selector: "fix the node selector or label a node to match"
            case .claim: "create or bind the PersistentVolumeClaim"
            case .other: "read the scheduler's message above"
            }
        }
    }

    /// Reads the scheduler's message, e.g. `0/3 nodes are available: 3 Insufficient cpu.`.
    static func classify(_ message: String) -> Why {
        let m = message.lowercased()
        if m.contains("insufficient cpu") || m.contains("insufficient memory") || m.contains("insufficient ") { return .resources }
        if m.contains("persistentvolumeclaim") || m.contains("unbound") { return .claim }
        if m.contains("untolerated taint") || m.contains("had taint") || m.contains("taint") { return .taints }
        if m.contains("node affinity") || m.contains("node selector") || m.contains("didn't match") { return .selector }
        return .other
    }
}
