import FoundationEssentials

/// The kind of a typed operation, as named in the `op` field of the interchange format.
public enum OperationKind: String, CaseIterable, Codable, Sendable {
    case deploy, scale, restart, rollback, delete, status, logs, route, cost, budget, unknown

    /// Whether executing the operation changes anything (cluster state or settings).
    public var isMutation: Bool {
        switch self {
        case .deploy, .scale, .restart, .rollback, .delete, .budget: true
        case .status, .logs, .route, .cost, .unknown: false
        }
    }

    /// Whether the operation acts on a workload in an environment, so that the session's
    /// current environment is filled in when the sentence names none. `cost` is not: spend
    /// is reported for the environment the sentence names, else for all of them.
    public var targetsEnvironment: Bool {
        switch self {
        case .deploy, .scale, .restart, .rollback, .delete, .status, .logs: true
        case .cost, .route, .budget, .unknown: false
        }
    }
}

/// A spending period for `cost` and `budget`.
public enum Period: String, CaseIterable, Codable, Sendable {
    case day, week, month
}

/// One typed operation: the single form every request takes before anything else happens.
///
/// Fields the user did not state stay `nil`; they are never guessed. The canonical JSON
/// form (see `canonicalJSON`) is the interchange format of `shared/spec/operations.md`.
public struct Operation: Equatable, Hashable, Sendable {
    public var op: OperationKind
    public var service: String?
    public var environment: String?
    public var replicas: Int?
    public var delta: Int?
    public var version: String?
    public var image: String?
    public var revision: Int?
    public var lines: Int?
    public var task: String?
    public var amount: Double?
    public var period: Period?
    public var reason: String?

    public init(
        _ op: OperationKind, service: String? = nil, environment: String? = nil,
        replicas: Int? = nil, delta: Int? = nil, version: String? = nil, image: String? = nil,
        revision: Int? = nil, lines: Int? = nil, task: String? = nil, amount: Double? = nil,
        period: Period? = nil, reason: String? = nil
    ) {
        self.op = op
        self.service = service
        self.environment = environment
        self.replicas = replicas
        self.delta = delta
        self.version = version
        self.image = image
        self.revision = revision
        self.lines = lines
        self.task = task
        self.amount = amount
        self.period = period
        self.reason = reason
    }

    /// An `unknown` operation carrying why nothing was understood.
    public static func unknown(_ reason: String) -> Operation {
        Operation(.unknown, reason: reason)
    }
}

// MARK: - Validation

/// A way in which an operation breaks the rules of the interchange format.
public struct OperationViolation: Equatable, Sendable, CustomStringConvertible {
    public let field: String
    public let problem: String
    public var description: String { "\(field): \(problem)" }
}

extension Operation {
    /// The fields each operation requires (`scale` needs one of `replicas`/`delta`, checked apart).
    static let required: [OperationKind: [Field]] = [
        .deploy: [.service], .scale: [.service], .restart: [.service], .rollback: [.service],
        .delete: [.service], .logs: [.service], .route: [.task], .budget: [.amount, .period],
        .unknown: [.reason],
    ]

    /// The fields each operation may carry, required ones included.
    static let allowed: [OperationKind: Set<Field>] = [
        .deploy: [.service, .environment, .replicas, .version, .image],
        .scale: [.service, .environment, .replicas, .delta],
        .restart: [.service, .environment],
        .rollback: [.service, .environment, .revision],
        .delete: [.service, .environment],
        .status: [.service, .environment],
        .logs: [.service, .environment, .lines],
        .route: [.task],
        .cost: [.period, .service, .environment],
        .budget: [.amount, .period],
        .unknown: [.reason],
    ]

    /// Every rule of the spec this operation breaks; empty when it is well-formed.
    public var violations: [OperationViolation] {
        var found: [OperationViolation] = []
        let present = presentFields
        for field in Operation.required[op] ?? [] where !present.contains(field) {
            found.append(.init(field: field.rawValue, problem: "required for \(op.rawValue)"))
        }
        let allowed = Operation.allowed[op] ?? []
        for field in Field.allCases where field != .op && present.contains(field) && !allowed.contains(field) {
            found.append(.init(field: field.rawValue, problem: "not allowed for \(op.rawValue)"))
        }
        if op == .scale {
            if replicas == nil && delta == nil {
                found.append(.init(field: "replicas", problem: "scale needs replicas or delta"))
            } else if replicas != nil && delta != nil {
                found.append(.init(field: "delta", problem: "scale takes replicas or delta, not both"))
            }
        }
        if let replicas, replicas < 0 { found.append(.init(field: "replicas", problem: "must be >= 0")) }
        if let delta, delta == 0 { found.append(.init(field: "delta", problem: "must not be zero")) }
        if let revision, revision < 1 { found.append(.init(field: "revision", problem: "must be >= 1")) }
        if let lines, lines < 1 { found.append(.init(field: "lines", problem: "must be >= 1")) }
        if let amount, !(amount.isFinite && amount >= 0) {
            found.append(.init(field: "amount", problem: "must be a finite number >= 0"))
        }
        if let service, !ServiceName.isValid(service) {
            found.append(.init(field: "service", problem: "not a valid workload name"))
        }
        for (name, value) in [("version", version), ("image", image), ("environment", environment), ("task", task), ("reason", reason)] {
            if let value, value.isEmpty { found.append(.init(field: name, problem: "must not be empty")) }
        }
        return found
    }

    /// The fields of the interchange format.
    enum Field: String, CaseIterable, CodingKey {
        case op, service, environment, replicas, delta, version, image, revision, lines, task, amount, period, reason
    }

    var presentFields: Set<Field> {
        var s: Set<Field> = [.op]
        if service != nil { s.insert(.service) }
        if environment != nil { s.insert(.environment) }
        if replicas != nil { s.insert(.replicas) }
        if delta != nil { s.insert(.delta) }
        if version != nil { s.insert(.version) }
        if image != nil { s.insert(.image) }
        if revision != nil { s.insert(.revision) }
        if lines != nil { s.insert(.lines) }
        if task != nil { s.insert(.task) }
        if amount != nil { s.insert(.amount) }
        if period != nil { s.insert(.period) }
        if reason != nil { s.insert(.reason) }
        return s
    }
}

extension Operation.Field {
    /// What a field's value must be. One table feeds both the JSON Schema sent to a model
    /// (`OperationSchema`) and the strict decoding of its answer (`StrictOperationDecoder`);
    /// the switch is exhaustive, so a new field cannot be added without saying what it holds.
    var format: FieldFormat {
        switch self {
        case .op: .kind
        case .service: .serviceName
        case .environment: .environment
        case .replicas: .integer(minimum: 0)
        case .delta: .nonZeroInteger
        case .revision, .lines: .integer(minimum: 1)
        case .amount: .number(minimum: 0)
        case .period: .period
        case .version: .text(maxLength: 128, allowsSpaces: false)
        case .image: .text(maxLength: 512, allowsSpaces: false)
        case .task, .reason: .text(maxLength: 500, allowsSpaces: true)
        }
    }
}

/// The kinds of value a field of the interchange format holds, with their limits.
///
/// Integers are bounded by `FieldFormat.integerMagnitude` and amounts by
/// `FieldFormat.amountLimit` on top of the spec's own ranges: larger values are never meant and
/// only come from a confused or hostile answer.
enum FieldFormat: Equatable {
    /// The operation kind: one of `OperationKind`.
    case kind
    /// An RFC 1123 label (`ServiceName.isValid`).
    case serviceName
    /// A canonical environment name or alias from the configured catalog.
    case environment
    /// A whole number of at least `minimum`.
    case integer(minimum: Int)
    /// A whole number other than zero.
    case nonZeroInteger
    /// A finite number of at least `minimum`.
    case number(minimum: Double)
    /// One of `Period`.
    case period
    /// Non-empty text without control characters, at most `maxLength` characters.
    case text(maxLength: Int, allowsSpaces: Bool)

    /// The largest magnitude accepted for any integer field.
    static let integerMagnitude = 1_000_000
    /// The largest amount of money accepted, in US dollars.
    static let amountLimit = 1_000_000_000.0
    /// The longest service name (an RFC 1123 label).
    static let serviceNameLength = 63
    /// The longest environment name or alias.
    static let environmentLength = 63
    /// A regular expression for RFC 1123 labels, equivalent to `ServiceName.isValid` within 63 characters.
    static let serviceNamePattern = "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$"
}

/// Kubernetes object names as cortex accepts them for services: RFC 1123 labels.
public enum ServiceName {
    /// Lowercase letters, digits and `-`, starting and ending alphanumeric, at most 63 characters.
    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 63 else { return false }
        func alnum(_ b: UInt8) -> Bool { (b >= 97 && b <= 122) || (b >= 48 && b <= 57) }
        guard alnum(bytes.first!), alnum(bytes.last!) else { return false }
        return bytes.allSatisfy { alnum($0) || $0 == 45 }
    }
}

// MARK: - JSON

extension Operation: Codable {
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Field.self)
        try c.encode(op, forKey: .op)
        try c.encodeIfPresent(service, forKey: .service)
        try c.encodeIfPresent(environment, forKey: .environment)
        try c.encodeIfPresent(replicas, forKey: .replicas)
        try c.encodeIfPresent(delta, forKey: .delta)
        try c.encodeIfPresent(version, forKey: .version)
        try c.encodeIfPresent(image, forKey: .image)
        try c.encodeIfPresent(revision, forKey: .revision)
        try c.encodeIfPresent(lines, forKey: .lines)
        try c.encodeIfPresent(task, forKey: .task)
        try c.encodeIfPresent(amount, forKey: .amount)
        try c.encodeIfPresent(period, forKey: .period)
        try c.encodeIfPresent(reason, forKey: .reason)
    }

    /// Decodes leniently as to shape; callers that need the spec enforced check `violations`
    /// (see `StrictOperationDecoder` for the strict form).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Field.self)
        op = try c.decode(OperationKind.self, forKey: .op)
        service = try c.decodeIfPresent(String.self, forKey: .service)
        environment = try c.decodeIfPresent(String.self, forKey: .environment)
        replicas = try c.decodeIfPresent(Int.self, forKey: .replicas)
        delta = try c.decodeIfPresent(Int.self, forKey: .delta)
        version = try c.decodeIfPresent(String.self, forKey: .version)
        image = try c.decodeIfPresent(String.self, forKey: .image)
        revision = try c.decodeIfPresent(Int.self, forKey: .revision)
        lines = try c.decodeIfPresent(Int.self, forKey: .lines)
        task = try c.decodeIfPresent(String.self, forKey: .task)
        amount = try c.decodeIfPresent(Double.self, forKey: .amount)
        period = try c.decodeIfPresent(Period.self, forKey: .period)
        reason = try c.decodeIfPresent(String.self, forKey: .reason)
    }

    /// The canonical one-line JSON: keys sorted, no escaped slashes, no spaces. Stable across
    /// runs, so it is also what audit hashes cover.
    public var canonicalJSON: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, integers and finite doubles cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{\"op\":\"unknown\"}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
