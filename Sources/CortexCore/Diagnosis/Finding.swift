public import FoundationEssentials

/// How bad a finding is.
public enum FindingSeverity: Int, Comparable, Sendable, Codable {
    /// Worth knowing; not a problem now.
    case info
    /// Degraded: some pods or some traffic affected, or a problem coming.
    case warning
    /// Failing: the workload (or its new version) does not run.
    case critical

    public static func < (a: FindingSeverity, b: FindingSeverity) -> Bool { a.rawValue < b.rawValue }

    public var label: String {
        switch self {
        case .info: "info"
        case .warning: "warning"
        case .critical: "critical"
        }
    }
}

/// Where a finding sits in the chain of cause and effect; ranking puts causes first.
public enum FindingRole: Int, Comparable, Sendable {
    /// What went wrong first: out of memory, a missing ConfigMap, an image that does not pull.
    case cause
    /// What the cause looks like from outside: a crash loop, failing probes.
    case symptom
    /// What it does to the service: a stalled rollout, a Service without endpoints.
    case effect

    public static func < (a: FindingRole, b: FindingRole) -> Bool { a.rawValue < b.rawValue }
}

/// Where one line of evidence came from.
public enum EvidenceSource: Equatable, Sendable {
    /// The object's spec (what was asked for).
    case spec
    /// The object's status (what the cluster reports).
    case status
    /// An Event with this reason, seen `count` times.
    case event(reason: String, count: Int)
    /// A container's log; `previous` for the instance before the current one.
    case log(container: String, previous: Bool)
}

/// One fact that supports a finding, naming the object it was read from.
public struct EvidenceLine: Equatable, Sendable {
    public var object: ObjectRef
    public var source: EvidenceSource
    /// Text as read or as derived from what was read; cluster text is sanitised when rendered.
    public var text: String
    /// When the fact was observed (an event's last time, a termination's `finishedAt`).
    public var at: Date?

    public init(_ object: ObjectRef, _ source: EvidenceSource, _ text: String, at: Date? = nil) {
        self.object = object
        self.source = source
        self.text = text
        self.at = at
    }
}

/// A fix an analyzer suggests: a typed operation when one exists (it then goes through
/// resolve, guardrails and confirmation like any request), and a sentence saying why.
public struct SuggestedFix: Equatable, Sendable {
    public var operation: Operation?
    public var explanation: String

    public init(_ operation: Operation?, _ explanation: String) {
        self.operation = operation
        self.explanation = explanation
    }
}

/// One thing an analyzer found: a cause, how bad it is, the evidence that proves it, and a
/// suggested fix when one exists.
public struct DiagnosisFinding: Equatable, Sendable {
    /// The analyzer that found it (`crash-loop`, `oom-killed`, …).
    public var analyzer: String
    public var cause: String
    public var severity: FindingSeverity
    public var role: FindingRole
    /// The object the finding is about (a pod, the workload, a Service).
    public var object: ObjectRef
    public var evidence: [EvidenceLine]
    public var fix: SuggestedFix?

    public init(analyzer: String, cause: String, severity: FindingSeverity, role: FindingRole, object: ObjectRef,
                evidence: [EvidenceLine], fix: SuggestedFix? = nil) {
        self.analyzer = analyzer
        self.cause = cause
        self.severity = severity
        self.role = role
        self.object = object
        self.evidence = evidence
        self.fix = fix
    }
}

/// One rule that reads the evidence and says what it finds. Pure: no I/O, no clock but
/// `evidence.gatheredAt`. Each analyzer lives in its own file under `Analyzers/`, and
/// `Diagnosis.analyzers` lists them.
public protocol DiagnosisAnalyzer: Sendable {
    /// A short stable name, used in findings and in the JSON output.
    var name: String { get }
    func analyze(_ evidence: DiagnosisEvidence) -> [DiagnosisFinding]
}
