import FoundationEssentials

/// The kind of a typed operation, as named in the `op` field of the interchange format.
public enum OperationKind: String, CaseIterable, Codable, Sendable {
    case deploy, scale, restart, rollback, delete, status, logs, route, cost, budget
    case diagnose, events
    case setEnv = "set-env", setResources = "set-resources", autoscale, pause, resume, promote, abort
    case unknown

    /// Whether executing the operation changes anything (cluster state or settings).
    public var isMutation: Bool {
        switch self {
        case .deploy, .scale, .restart, .rollback, .delete, .budget,
             .setEnv, .setResources, .autoscale, .pause, .resume, .promote, .abort: true
        case .status, .logs, .route, .cost, .diagnose, .events, .unknown: false
        }
    }

    /// Whether the operation acts on a workload in an environment, so that the session's
    /// current environment is filled in when the sentence names none. `cost` is not: spend
    /// is reported for the environment the sentence names, else for all of them.
    public var targetsEnvironment: Bool {
        switch self {
        case .deploy, .scale, .restart, .rollback, .delete, .status, .logs,
             .diagnose, .events, .setEnv, .setResources, .autoscale, .pause, .resume, .promote, .abort: true
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
    /// The workload's kind, only when the user named it.
    public var kind: WorkloadKind?
    /// How far back `events` and `logs` look, as a canonical `LookBack` (`15m`).
    public var since: String?
    /// For `set-env`: variable name to value; `.remove` removes the variable.
    public var env: [String: EnvValue]?
    /// For `set-resources`: a canonical CPU quantity (`QuantityForm.cpu`).
    public var cpu: String?
    /// For `set-resources`: a canonical memory quantity (`QuantityForm.memory`).
    public var memory: String?
    /// For `set-resources`: requests or limits; nil sets both.
    public var scope: ResourceScope?
    /// For `autoscale`: the fewest and most replicas, and the CPU utilisation to hold.
    public var min: Int?
    public var max: Int?
    public var cpuPercent: Int?
    /// For `autoscale`: `false` removes the autoscaler.
    public var enabled: Bool?
    /// For `deploy`: the percentage of traffic the new version takes first, as a canary.
    public var canary: Int?

    public init(
        _ op: OperationKind, service: String? = nil, environment: String? = nil,
        replicas: Int? = nil, delta: Int? = nil, version: String? = nil, image: String? = nil,
        revision: Int? = nil, lines: Int? = nil, task: String? = nil, amount: Double? = nil,
        period: Period? = nil, reason: String? = nil, kind: WorkloadKind? = nil, since: String? = nil,
        env: [String: EnvValue]? = nil, cpu: String? = nil, memory: String? = nil, scope: ResourceScope? = nil,
        min: Int? = nil, max: Int? = nil, cpuPercent: Int? = nil, enabled: Bool? = nil, canary: Int? = nil
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
        self.kind = kind
        self.since = since
        self.env = env
        self.cpu = cpu
        self.memory = memory
        self.scope = scope
        self.min = min
        self.max = max
        self.cpuPercent = cpuPercent
        self.enabled = enabled
        self.canary = canary
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
    /// The fields each operation requires. `scale` (one of `replicas`/`delta`),
    /// `set-resources` (one of `cpu`/`memory`) and `autoscale` (`max`, or `enabled: false`)
    /// need one of several, checked apart in `violations`.
    static let required: [OperationKind: [Field]] = [
        .deploy: [.service], .scale: [.service], .restart: [.service], .rollback: [.service],
        .delete: [.service], .logs: [.service], .route: [.task], .budget: [.amount, .period],
        .setEnv: [.service, .env], .setResources: [.service], .autoscale: [.service],
        .pause: [.service], .resume: [.service], .promote: [.service], .abort: [.service],
        .unknown: [.reason],
    ]

    /// The fields each operation may carry, required ones included.
    static let allowed: [OperationKind: Set<Field>] = [
        .deploy: [.service, .environment, .kind, .replicas, .version, .image, .canary],
        .scale: [.service, .environment, .kind, .replicas, .delta],
        .restart: [.service, .environment, .kind],
        .rollback: [.service, .environment, .kind, .revision],
        .delete: [.service, .environment, .kind],
        .status: [.service, .environment, .kind],
        .logs: [.service, .environment, .kind, .lines, .since],
        .route: [.task],
        .cost: [.period, .service, .environment],
        .budget: [.amount, .period],
        .diagnose: [.service, .environment, .kind],
        .events: [.service, .environment, .since],
        .setEnv: [.service, .environment, .kind, .env],
        .setResources: [.service, .environment, .kind, .cpu, .memory, .scope],
        .autoscale: [.service, .environment, .min, .max, .cpuPercent, .enabled],
        .pause: [.service, .environment],
        .resume: [.service, .environment],
        .promote: [.service, .environment],
        .abort: [.service, .environment],
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
        found += alternativeViolations
        found += rangeViolations
        if let service, !ServiceName.isValid(service) {
            found.append(.init(field: "service", problem: "not a valid workload name"))
        }
        for (name, value) in [("version", version), ("image", image), ("environment", environment), ("task", task), ("reason", reason)] {
            if let value, value.isEmpty { found.append(.init(field: name, problem: "must not be empty")) }
        }
        return found
    }

    /// The rules where an operation needs one of several fields.
    private var alternativeViolations: [OperationViolation] {
        var found: [OperationViolation] = []
        switch op {
        case .scale:
            if replicas == nil && delta == nil {
                found.append(.init(field: "replicas", problem: "scale needs replicas or delta"))
            } else if replicas != nil && delta != nil {
                found.append(.init(field: "delta", problem: "scale takes replicas or delta, not both"))
            }
        case .setResources where cpu == nil && memory == nil:
            found.append(.init(field: "cpu", problem: "set-resources needs cpu or memory"))
        case .autoscale:
            if enabled == false {
                for (name, value) in [("min", min), ("max", max), ("cpu_percent", cpuPercent)] where value != nil {
                    found.append(.init(field: name, problem: "not allowed when enabled is false"))
                }
            } else if max == nil {
                found.append(.init(field: "max", problem: "autoscale needs max, or enabled: false"))
            }
        default:
            break
        }
        return found
    }

    /// The rules on the values of single fields.
    private var rangeViolations: [OperationViolation] {
        var found: [OperationViolation] = []
        func check(_ name: String, _ value: Int?, _ range: ClosedRange<Int>, _ problem: String) {
            if let value, !range.contains(value) { found.append(.init(field: name, problem: problem)) }
        }
        check("replicas", replicas, 0...Int.max, "must be >= 0")
        if let delta, delta == 0 { found.append(.init(field: "delta", problem: "must not be zero")) }
        check("revision", revision, 1...Int.max, "must be >= 1")
        check("lines", lines, 1...Int.max, "must be >= 1")
        check("min", min, 1...Int.max, "must be >= 1")
        check("max", max, 1...Int.max, "must be >= 1")
        check("cpu_percent", cpuPercent, 1...100, "must be between 1 and 100")
        check("canary", canary, 1...99, "must be between 1 and 99")
        if let min, let max, min > max { found.append(.init(field: "min", problem: "must not be above max")) }
        if let amount, !(amount.isFinite && amount >= 0) {
            found.append(.init(field: "amount", problem: "must be a finite number >= 0"))
        }
        if let since, LookBack.canonical(since) != since {
            found.append(.init(field: "since", problem: "must be a duration such as 30s, 15m, 2h or 1d"))
        }
        if let cpu, QuantityForm.cpu(cpu) != cpu {
            found.append(.init(field: "cpu", problem: "must be a CPU quantity such as 500m or 2"))
        }
        if let memory, QuantityForm.memory(memory) != memory {
            found.append(.init(field: "memory", problem: "must be a memory quantity such as 512Mi or 2Gi"))
        }
        if let env {
            if env.isEmpty { found.append(.init(field: "env", problem: "must name at least one variable")) }
            for name in env.keys.sorted() where !EnvVarName.isValid(name) {
                found.append(.init(field: "env", problem: "\"\(name)\" is not a valid variable name"))
            }
        }
        return found
    }

    /// The fields of the interchange format.
    enum Field: String, CaseIterable, CodingKey {
        case op, service, environment, replicas, delta, version, image, revision, lines, task, amount, period, reason
        case kind, since, env, cpu, memory, scope, min, max
        case cpuPercent = "cpu_percent"
        case enabled, canary
    }

    var presentFields: Set<Field> {
        var s: Set<Field> = [.op]
        let optionals: [(Field, Bool)] = [
            (.service, service != nil), (.environment, environment != nil), (.replicas, replicas != nil),
            (.delta, delta != nil), (.version, version != nil), (.image, image != nil), (.revision, revision != nil),
            (.lines, lines != nil), (.task, task != nil), (.amount, amount != nil), (.period, period != nil),
            (.reason, reason != nil), (.kind, kind != nil), (.since, since != nil), (.env, env != nil),
            (.cpu, cpu != nil), (.memory, memory != nil), (.scope, scope != nil), (.min, min != nil),
            (.max, max != nil), (.cpuPercent, cpuPercent != nil), (.enabled, enabled != nil), (.canary, canary != nil),
        ]
        for (field, isPresent) in optionals where isPresent { s.insert(field) }
        return s
    }
}

extension Operation.Field {
    /// What a field's value must be. One table feeds both the JSON Schema sent to a model
    /// (`OperationSchema`) and the strict decoding of its answer (`StrictOperationDecoder`);
    /// the switch is exhaustive, so a new field cannot be added without saying what it holds.
    var format: FieldFormat {
        switch self {
        case .op: .operationKind
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
        case .kind: .workloadKind
        case .since: .lookBack
        case .env: .environmentVariables
        case .cpu: .cpuQuantity
        case .memory: .memoryQuantity
        case .scope: .resourceScope
        case .min, .max: .integer(minimum: 1)
        case .cpuPercent: .boundedInteger(1...100)
        case .canary: .boundedInteger(1...99)
        case .enabled: .boolean
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
    case operationKind
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
    /// A whole number within `range`.
    case boundedInteger(ClosedRange<Int>)
    /// `true` or `false`.
    case boolean
    /// One of `WorkloadKind`, an alias accepted and normalised (`sts` -> `statefulset`).
    case workloadKind
    /// One of `ResourceScope`.
    case resourceScope
    /// A `LookBack` duration: `30s`, `15m`, `2h`, `1d`.
    case lookBack
    /// A CPU quantity (`QuantityForm.cpu`), normalised.
    case cpuQuantity
    /// A memory quantity (`QuantityForm.memory`), normalised to a binary suffix.
    case memoryQuantity
    /// An object from variable names (`EnvVarName`) to strings or `null`.
    case environmentVariables

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
    /// The most variables one `set-env` may name.
    static let maxEnvEntries = 32
    /// The longest value of one environment variable accepted.
    static let envValueLength = 1024
    /// Regular expressions for quantities, loose enough for the forms `QuantityForm` reads.
    static let cpuPattern = "^([0-9]+m|[0-9]*\\.?[0-9]+)$"
    static let memoryPattern = "^[0-9]+([KMGT]i?|[KMGT]B|[kmgt]i?b?)$"
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
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encodeIfPresent(since, forKey: .since)
        try c.encodeIfPresent(env, forKey: .env)
        try c.encodeIfPresent(cpu, forKey: .cpu)
        try c.encodeIfPresent(memory, forKey: .memory)
        try c.encodeIfPresent(scope, forKey: .scope)
        try c.encodeIfPresent(min, forKey: .min)
        try c.encodeIfPresent(max, forKey: .max)
        try c.encodeIfPresent(cpuPercent, forKey: .cpuPercent)
        try c.encodeIfPresent(enabled, forKey: .enabled)
        try c.encodeIfPresent(canary, forKey: .canary)
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
        kind = try c.decodeIfPresent(WorkloadKind.self, forKey: .kind)
        since = try c.decodeIfPresent(String.self, forKey: .since)
        env = try c.decodeIfPresent([String: EnvValue].self, forKey: .env)
        cpu = try c.decodeIfPresent(String.self, forKey: .cpu)
        memory = try c.decodeIfPresent(String.self, forKey: .memory)
        scope = try c.decodeIfPresent(ResourceScope.self, forKey: .scope)
        min = try c.decodeIfPresent(Int.self, forKey: .min)
        max = try c.decodeIfPresent(Int.self, forKey: .max)
        cpuPercent = try c.decodeIfPresent(Int.self, forKey: .cpuPercent)
        enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled)
        canary = try c.decodeIfPresent(Int.self, forKey: .canary)
    }

    /// The canonical one-line JSON: keys sorted, no escaped slashes, no spaces. Stable across
    /// runs, so it is also what audit hashes cover.
    ///
    /// Written directly, byte for byte what `JSONEncoder` with `.sortedKeys` and
    /// `.withoutEscapingSlashes` makes of `encode(to:)` (a test holds the two together): the
    /// members in the UTF-8 order of their keys, strings escaped as it escapes them, `amount`
    /// as its shortest decimal form without a trailing `.0`. Every audit entry and every
    /// `parse --json` needs it, and the encoder's first use costs more than the whole parse.
    public var canonicalJSON: String {
        // `JSONEncoder` refuses an infinite or NaN amount; its caller then wrote this.
        if let amount, !amount.isFinite { return "{\"op\":\"unknown\"}" }
        var out = CanonicalJSONText()
        // In the UTF-8 order of the keys (`Field`'s raw values).
        if let amount { out.member("amount", number: amount) }
        if let canary { out.member("canary", canary) }
        if let cpu { out.member("cpu", cpu) }
        if let cpuPercent { out.member("cpu_percent", cpuPercent) }
        if let delta { out.member("delta", delta) }
        if let enabled { out.member("enabled", raw: enabled ? "true" : "false") }
        if let env { out.member("env", env) }
        if let environment { out.member("environment", environment) }
        if let image { out.member("image", image) }
        if let kind { out.member("kind", kind.rawValue) }
        if let lines { out.member("lines", lines) }
        if let max { out.member("max", max) }
        if let memory { out.member("memory", memory) }
        if let min { out.member("min", min) }
        out.member("op", op.rawValue)
        if let period { out.member("period", period.rawValue) }
        if let reason { out.member("reason", reason) }
        if let replicas { out.member("replicas", replicas) }
        if let revision { out.member("revision", revision) }
        if let scope { out.member("scope", scope.rawValue) }
        if let service { out.member("service", service) }
        if let since { out.member("since", since) }
        if let task { out.member("task", task) }
        if let version { out.member("version", version) }
        return out.finished()
    }
}

extension Operation {
    /// Whether `other` makes the same change: every field equal but the free-text ones
    /// (`reason`, and `task` compared loosely), with a missing environment on either side
    /// counting as agreement (the shell fills it from the session or asks).
    public func sameChange(as other: Operation) -> Bool {
        var a = self, b = other
        a.reason = nil
        b.reason = nil
        if a.environment == nil || b.environment == nil {
            a.environment = nil
            b.environment = nil
        }
        if let x = a.task, let y = b.task, x.lowercased() == y.lowercased() { b.task = x }
        return a == b
    }
}
