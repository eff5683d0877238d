import FoundationEssentials

/// One request as `cortex nl --output json` shows it, for scripts and CI: the operation, the
/// plan, the guardrails' verdict, how it ended, and the exit code. Pure; `json` is one line.
public struct RequestReport: Encodable, Sendable {
    /// What the resolved operation will change.
    public struct Plan: Encodable, Sendable {
        public struct Change<T: Encodable & Sendable>: Encodable, Sendable {
            public var from: T?
            public var to: T?
        }
        public struct MonthlyCost: Encodable, Sendable {
            /// US dollars a month, as the plan shows them.
            public var before: Double
            public var after: Double
            public var change: Double
            public var summary: String
        }
        public var environment: String?
        public var context: String?
        public var namespace: String?
        public var replicas: Change<Int>?
        public var image: Change<String>?
        public var monthlyCost: MonthlyCost?
        /// The workload's kind and what changes beyond replicas and image, one line each.
        public var kind: String?
        public var changes: [String]?

        enum CodingKeys: String, CodingKey {
            case environment, context, namespace, replicas, image, kind, changes
            case monthlyCost = "monthly_cost"
        }

        public init(_ r: ResolvedOperation) {
            environment = r.effectiveEnvironment
            context = r.target?.context
            namespace = r.target?.namespace
            if r.currentReplicas != nil || r.planned?.replicas != nil {
                replicas = Change(from: r.currentReplicas, to: r.planned?.replicas)
            }
            if r.current?.image != nil || r.planned?.image != nil {
                image = Change(from: r.current?.image, to: r.planned?.image)
            }
            kind = r.workloadKind?.rawValue
            changes = r.changes.isEmpty ? nil : r.changes
            monthlyCost = r.costChange.map {
                MonthlyCost(before: Double($0.before.roundedToCents) / 100, after: Double($0.after.roundedToCents) / 100,
                            change: $0.deltaDollars, summary: $0.summary)
            }
        }
    }

    /// The guardrails' decision and every rule that spoke.
    public struct Judgement: Encodable, Sendable {
        public struct Rule: Encodable, Sendable {
            public var id, kind, action, message, location: String
        }
        /// `allow`, `confirm`, `typed`, `approval` or `deny`.
        public var decision: String
        public var rules: [Rule]

        public init(_ v: Verdict) {
            decision = v.action == .note ? "allow" : v.action.rawValue
            rules = v.findings.map { Rule(id: $0.ruleID, kind: $0.kind, action: $0.action.rawValue, message: $0.message,
                                          location: $0.location.description) }
        }
    }

    public struct Outcome: Encodable, Sendable {
        /// `done`, `failed`, `usage-error`, `denied`, `not-confirmed` or `not-understood`.
        public var status: String
        /// What the module reported, when the operation ran.
        public var lines: [String]?
        /// The error message(s) the request ended with.
        public var error: String?
    }

    public var request: String
    public var operation: Operation?
    public var plan: Plan?
    public var verdict: Judgement?
    public var outcome: Outcome
    public var exitCode: Int32

    enum CodingKeys: String, CodingKey {
        case request, operation, plan, verdict, outcome
        case exitCode = "exit_code"
    }

    public init(request: String, operation: Operation?, resolved: ResolvedOperation?, verdict: Verdict?,
                lines: [String]?, errors: [String], exitCode: ExitCode) {
        // Output may be kept by scripts and CI: secrets masked as the audit log masks them.
        self.request = AuditEvent(.understood, input: request, operation: operation).redacted().input ?? request
        self.operation = operation.map(SecretLookingName.redacting)
        plan = resolved.flatMap { $0.operation.op.isMutation ? Plan($0) : nil }
        self.verdict = verdict.map(Judgement.init)
        outcome = Outcome(status: Self.status(exitCode), lines: lines, error: errors.isEmpty ? nil : errors.joined(separator: "\n"))
        self.exitCode = exitCode.rawValue
    }

    static func status(_ code: ExitCode) -> String {
        switch code {
        case .success: "done"
        case .failed: "failed"
        case .usage: "usage-error"
        case .denied: "denied"
        case .notConfirmed: "not-confirmed"
        case .notUnderstood: "not-understood"
        }
    }

    /// The report as one line of JSON with sorted keys.
    public var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data(#"{"exit_code":1}"#.utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
