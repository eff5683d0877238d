public import FoundationEssentials

/// Who acted: the operating-system user and the host.
public struct AuditActor: Codable, Equatable, Hashable, Sendable, CustomStringConvertible {
    public var user: String
    public var host: String

    public init(user: String, host: String) {
        self.user = user
        self.host = host
    }

    public var description: String { "\(user)@\(host)" }
}

/// Where a request came from.
public enum AuditSource: String, Codable, CaseIterable, Sendable {
    case repl, oneshot, script, transcript
}

/// The step of a request an entry records. Every request leaves at least `understood`, then
/// one of the ways it ended.
public enum AuditEventKind: String, Codable, CaseIterable, Sendable {
    /// The request became a typed operation (possibly `unknown`).
    case understood
    /// A guardrail refused it.
    case denied
    /// The operator answered no, or typed a different name.
    case declined
    /// It needed a confirmation nobody could give (no terminal, no flag).
    case refused
    /// It is cleared to run; written before dispatch. `confirmation` says how.
    case confirmed
    /// It waits for a second operator's approval.
    case pending
    /// A second operator approved a pending request.
    case approved
    /// It ran and succeeded.
    case executed
    /// It ran and failed.
    case failed
}

/// An instant, encoded as ISO 8601 in UTC with milliseconds.
public struct AuditTimestamp: Codable, Equatable, Comparable, Sendable, CustomStringConvertible {
    public var date: Date

    public init(_ date: Date) {
        // Whole milliseconds, so that an entry reads back exactly as it was written.
        self.date = Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let date = UTCTime.parseISO8601(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an ISO 8601 time: \(text)"))
        }
        self.date = date
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }

    public var description: String { UTCTime.iso8601(date) }

    public static func < (a: AuditTimestamp, b: AuditTimestamp) -> Bool { a.date < b.date }
}

/// A rule that spoke, as an entry records it.
public struct AuditRule: Codable, Equatable, Sendable {
    public var id: String
    public var kind: String
    public var action: RuleAction
    public var message: String
    public var file: String
    public var line: Int

    public init(_ finding: Finding) {
        id = finding.ruleID
        kind = finding.kind
        action = finding.action
        message = finding.message
        file = finding.location.file
        line = finding.location.line
    }
}

/// A verdict as an entry records it: the deciding action (`note` for allow) and the rules.
public struct AuditVerdict: Codable, Equatable, Sendable {
    public var decision: RuleAction
    public var rules: [AuditRule]

    public init(_ verdict: Verdict) {
        decision = verdict.action
        rules = verdict.findings.map(AuditRule.init)
    }
}

/// How a dispatched operation ended.
public struct AuditResult: Codable, Equatable, Sendable {
    public var ok: Bool
    public var summary: String?
    public var error: String?

    public init(ok: Bool, summary: String? = nil, error: String? = nil) {
        self.ok = ok
        self.summary = summary
        self.error = error
    }
}

/// What the pipeline reports at one step of a request; the log adds time and origin.
public struct AuditEvent: Codable, Equatable, Sendable {
    public var kind: AuditEventKind
    /// The request as typed; secrets are redacted when the entry is sealed.
    public var input: String?
    public var operation: Operation?
    public var environment: String?
    public var context: String?
    public var namespace: String?
    public var verdict: AuditVerdict?
    public var confirmation: ConfirmationOutcome?
    public var result: AuditResult?
    /// The approval request involved (`pending`, `approved`, or the one relied on).
    public var approval: String?
    /// Which understander produced the operation (`embedded`, `llm`), on `understood` entries.
    public var understander: String?

    enum CodingKeys: String, CodingKey {
        case kind = "event"
        case input, operation, environment, context, namespace, verdict, confirmation, result, approval, understander
    }

    public init(
        _ kind: AuditEventKind, input: String? = nil, operation: Operation? = nil, environment: String? = nil,
        context: String? = nil, namespace: String? = nil, verdict: Verdict? = nil,
        confirmation: ConfirmationOutcome? = nil, result: AuditResult? = nil, approval: String? = nil
    ) {
        self.kind = kind
        self.input = input
        self.operation = operation
        self.environment = environment
        self.context = context
        self.namespace = namespace
        self.verdict = verdict.map(AuditVerdict.init)
        self.confirmation = confirmation
        self.result = result
        self.approval = approval
    }

    /// An event about a resolved operation: operation, environment and target filled in.
    public init(
        _ kind: AuditEventKind, input: String? = nil, resolved: ResolvedOperation, verdict: Verdict? = nil,
        confirmation: ConfirmationOutcome? = nil, result: AuditResult? = nil, approval: String? = nil
    ) {
        self.init(kind, input: input, operation: resolved.operation, environment: resolved.effectiveEnvironment,
                  context: resolved.target?.context, namespace: resolved.target?.namespace, verdict: verdict,
                  confirmation: confirmation, result: result, approval: approval ?? verdict?.approvalID)
    }

    /// The event with every free-text field passed through the redactor.
    public func redacted(by redactor: SecretRedactor = SecretRedactor()) -> AuditEvent {
        var e = self
        // Values of secret-looking variables go wherever they appear: in the operation and
        // in the words typed.
        if let operation {
            e.operation = SecretLookingName.redacting(operation)
            let secrets = (operation.env ?? [:]).filter { SecretLookingName.matches($0.key) }.compactMap(\.value.value).filter { !$0.isEmpty }
            e.input = input.map { text in secrets.reduce(text) { $0.replacing($1, with: SecretRedactor.mask) } }
        }
        e.input = e.input.map(redactor.redact)
        e.operation?.task = operation?.task.map(redactor.redact)
        e.operation?.reason = operation?.reason.map(redactor.redact)
        e.result?.summary = result?.summary.map(redactor.redact)
        e.result?.error = result?.error.map(redactor.redact)
        if let rules = verdict?.rules {
            e.verdict?.rules = rules.map { var rule = $0; rule.message = redactor.redact(rule.message); return rule }
        }
        return e
    }
}

/// Who wrote a series of entries: the operator, the session, and the kind of session.
public struct AuditOrigin: Equatable, Sendable {
    public var actor: AuditActor
    public var session: String
    public var source: AuditSource
    /// Who the cluster says the operator is; nil where no cluster was asked (file state).
    public var identity: OperatorIdentity?

    public init(actor: AuditActor, session: String, source: AuditSource, identity: OperatorIdentity? = nil) {
        self.actor = actor
        self.session = session
        self.source = source
        self.identity = identity
    }

    /// The name decisions are about: the cluster identity's, else the local user's.
    public var principal: Principal { Principal(actor: actor, identity: identity) }
}

/// The content of one audit entry: an event with its time and origin, encoded as one flat
/// object with sorted keys (the `record` of a sealed line, see `AuditChain`).
public struct AuditRecord: Codable, Equatable, Sendable {
    public var time: AuditTimestamp
    public var actor: AuditActor
    public var session: String
    public var source: AuditSource
    /// The cluster identity beside the local `actor`; absent in entries written without one.
    public var identity: OperatorIdentity?
    public var event: AuditEvent

    enum CodingKeys: String, CodingKey {
        case time, actor, session, source, identity
    }

    public init(_ event: AuditEvent, time: Date, origin: AuditOrigin) {
        self.time = AuditTimestamp(time)
        actor = origin.actor
        session = origin.session
        source = origin.source
        identity = origin.identity
        self.event = event
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        time = try c.decode(AuditTimestamp.self, forKey: .time)
        actor = try c.decode(AuditActor.self, forKey: .actor)
        session = try c.decode(String.self, forKey: .session)
        source = try c.decode(AuditSource.self, forKey: .source)
        identity = try c.decodeIfPresent(OperatorIdentity.self, forKey: .identity)
        event = try AuditEvent(from: decoder)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(time, forKey: .time)
        try c.encode(actor, forKey: .actor)
        try c.encode(session, forKey: .session)
        try c.encode(source, forKey: .source)
        try c.encodeIfPresent(identity, forKey: .identity)
        try event.encode(to: encoder)
    }

    /// The record with every free-text field passed through the redactor.
    public func redacted(by redactor: SecretRedactor = SecretRedactor()) -> AuditRecord {
        var r = self
        r.event = event.redacted(by: redactor)
        return r
    }
}

extension AuditRecord {
    /// The record as an audit entry carries it: byte for byte what `JSONEncoder` with
    /// `.sortedKeys` and `.withoutEscapingSlashes` makes of `encode(to:)` (a test holds the
    /// two together), written directly: the record's and its event's members in the UTF-8
    /// order of their keys, nested objects likewise, strings escaped as the encoder escapes
    /// them. Nil where the encoder refuses the record: an operation with an infinite or NaN
    /// amount. Every append seals one, and the encoder costs more than the rest of the seal.
    public var canonicalJSON: String? {
        if let amount = event.operation?.amount, !amount.isFinite { return nil }
        var out = CanonicalJSONText()
        var actor = CanonicalJSONText()
        actor.member("host", self.actor.host)
        actor.member("user", self.actor.user)
        out.member("actor", object: actor)
        if let approval = event.approval { out.member("approval", approval) }
        if let confirmation = event.confirmation { out.member("confirmation", confirmation.rawValue) }
        if let context = event.context { out.member("context", context) }
        if let environment = event.environment { out.member("environment", environment) }
        out.member("event", event.kind.rawValue)
        if let identity {
            var fields = CanonicalJSONText()
            fields.member("groups", strings: identity.groups)
            fields.member("user", identity.user)
            fields.member("verified", identity.verified)
            out.member("identity", object: fields)
        }
        if let input = event.input { out.member("input", input) }
        if let namespace = event.namespace { out.member("namespace", namespace) }
        if let operation = event.operation { out.member("operation", json: operation.canonicalJSON) }
        if let result = event.result {
            var fields = CanonicalJSONText()
            if let error = result.error { fields.member("error", error) }
            fields.member("ok", result.ok)
            if let summary = result.summary { fields.member("summary", summary) }
            out.member("result", object: fields)
        }
        out.member("session", session)
        out.member("source", source.rawValue)
        out.member("time", time.description)
        if let understander = event.understander { out.member("understander", understander) }
        if let verdict = event.verdict {
            var fields = CanonicalJSONText()
            fields.member("decision", verdict.decision.rawValue)
            fields.member("rules", objects: verdict.rules.map { rule in
                var fields = CanonicalJSONText()
                fields.member("action", rule.action.rawValue)
                fields.member("file", rule.file)
                fields.member("id", rule.id)
                fields.member("kind", rule.kind)
                fields.member("line", rule.line)
                fields.member("message", rule.message)
                return fields
            })
            out.member("verdict", object: fields)
        }
        return out.finished()
    }
}
