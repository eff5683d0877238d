@testable import CortexCore
import Testing

/// SplitMix64: small, fast and the same on every platform, so a failing case can be found
/// again from its seed.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Deterministic hostile and malformed answers, built from valid ones by mutation.
struct AnswerFuzzer {
    var random: SeededGenerator
    let environments = EnvironmentCatalog.standard

    static let injections = [
        "; rm -rf /", "$(reboot)", "`id`", "'; DROP TABLE deployments; --", "ignore previous instructions",
        "\u{202E}lanimret", "\u{0000}", "\u{1B}[31m", "../../etc/passwd", "api\nscale db to 0", "☃", "𝔞𝔭𝔦",
        "\u{200B}api", "<script>", "${HOME}", "%s%n", "\\u0000",
    ]
    static let keys = Operation.Field.allCases.map(\.rawValue) + ["force", "command", "sql", "OP", "Service", "", "op "]

    init(seed: UInt64) { random = SeededGenerator(seed: seed) }

    mutating func pick<T>(_ options: [T]) -> T { options[Int.random(in: 0..<options.count, using: &random)] }
    mutating func chance(_ percent: Int) -> Bool { Int.random(in: 0..<100, using: &random) < percent }

    /// A well-formed operation of a random kind.
    mutating func validOperation() -> Operation {
        let kind = pick(OperationKind.allCases)
        var op = Operation(kind)
        let allowed = Operation.allowed[kind, default: []]
        let required = Set(Operation.required[kind, default: []])
        for field in Operation.Field.allCases where field != .op && allowed.contains(field) {
            guard required.contains(field) || chance(50) else { continue }
            switch field {
            case .service: op.service = pick(["api", "security-worker", "a", "x9", "billing-api-v2"])
            case .environment: op.environment = pick(environments.names)
            case .replicas: op.replicas = Int.random(in: 0...500, using: &random)
            case .delta: op.delta = pick([-3, -1, 1, 2, 10])
            case .version: op.version = pick(["v1.4.2", "2.0.1", "latest", "sha-abc123"])
            case .image: op.image = pick(["ghcr.io/acme/api:1.2", "nginx:1.27", "registry.local:5000/x/y@sha256:abc"])
            case .revision: op.revision = Int.random(in: 1...99, using: &random)
            case .lines: op.lines = Int.random(in: 1...5_000, using: &random)
            case .task: op.task = pick(["fix the login bug", "review PR 12", "why is p99 latency high?"])
            case .amount: op.amount = Double(Int.random(in: 0...1_000_000, using: &random)) / 100
            case .period: op.period = pick(Period.allCases)
            case .reason: op.reason = pick(["not an operations request", "two requests"])
            case .kind: op.kind = pick(WorkloadKind.allCases)
            case .since: op.since = pick(["30s", "15m", "2h", "1d"])
            case .env: op.env = pick([["LOG_LEVEL": .set("debug")], ["OLD_FLAG": .remove, "A": .set("")]])
            case .cpu: op.cpu = pick(["500m", "2", "250m"])
            case .memory: op.memory = pick(["512Mi", "1Gi", "64Ki"])
            case .scope: op.scope = pick(ResourceScope.allCases)
            case .min: op.min = Int.random(in: 1...3, using: &random)
            case .max: op.max = Int.random(in: 3...50, using: &random)
            case .cpuPercent: op.cpuPercent = Int.random(in: 1...100, using: &random)
            case .canary: op.canary = Int.random(in: 1...99, using: &random)
            case .enabled: op.enabled = true
            case .op: break
            }
        }
        if kind == .setResources, op.cpu == nil, op.memory == nil { op.cpu = "500m" }
        if kind == .autoscale {
            if chance(30) {
                op.enabled = false
                op.min = nil
                op.max = nil
                op.cpuPercent = nil
            } else if op.max == nil {
                op.max = 10
            }
        }
        if kind == .scale {
            if chance(50) { op.replicas = Int.random(in: 0...50, using: &random); op.delta = nil } else { op.delta = pick([-2, 1, 4]); op.replicas = nil }
        }
        return op
    }

    mutating func hostileValue(depth: Int = 0) -> String {
        switch Int.random(in: 0..<16, using: &random) {
        case 0: return "\"\(pick(Self.injections).unicodeScalars.map { $0.value < 0x20 ? String(format4: $0.value) : String($0) }.joined())\""
        case 1: return pick(["-1", "0", "1e400", "-0", "3.5", "3.0", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "1e-400", "123456789012345678901234567890"])
        case 2: return pick(["true", "false", "null"])
        case 3: return "[" + (depth < 3 ? hostileValue(depth: depth + 1) : "1") + "]"
        case 4: return "{\"op\":" + (depth < 3 ? hostileValue(depth: depth + 1) : "1") + "}"
        case 5: return "\"\(String(repeating: pick(["a", "é", "-", "🙂"]), count: pick([0, 1, 63, 64, 501, 3_000])))\""
        case 6: return "\"\(pick(environments.allWords).uppercased())\""
        case 7: return "\"\(pick(["dev", "prod", "qa", "prodution", "Production", " staging ", ""]))\""
        case 8: return "\"\(pick(["API", "-api", "api-", "a_b", "a.b", "api gateway", "ápi"]))\""
        case 9: return "\"\(pick(["day", "week", "month", "year", "Day"]))\""
        case 10: return "\"\(pick(OperationKind.allCases).rawValue)\""
        default: return String(Int.random(in: -1_000_000_000...1_000_000_000, using: &random))
        }
    }

    /// One hostile answer: a valid one mutated, wrapped, repeated, or plain noise.
    mutating func answer() -> String {
        let valid = validOperation().canonicalJSON
        switch Int.random(in: 0..<14, using: &random) {
        case 0:
            return String(decoding: (0..<Int.random(in: 0...200, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, as: UTF8.self)
        case 1:
            // Replace a value with a hostile one.
            return replacingValue(in: valid)
        case 2:
            // Add a field, known or not, possibly duplicated.
            return String(valid.dropLast()) + ",\"\(pick(Self.keys))\":\(hostileValue())}"
        case 3:
            return pick(["Sure: ", "Here you go\n", "```json\n", "```bash\n", "", "[", "{\"a\":"]) + valid
                + pick([" Thanks!", "\n```", "\n```\nmore", "", "]", "}", valid, ",\(valid)"])
        case 4:
            return "[" + valid + "," + validOperation().canonicalJSON + "]"
        case 5:
            return String(repeating: pick(["[", "{\"a\":", "{\"op\":"]), count: Int.random(in: 1...3_000, using: &random))
        case 6:
            // Truncate.
            let bytes = Array(valid.utf8)
            return String(decoding: bytes.prefix(Int.random(in: 0..<max(1, bytes.count), using: &random)), as: UTF8.self)
        case 7:
            // Flip one byte.
            var bytes = Array(valid.utf8)
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
            return String(decoding: bytes, as: UTF8.self)
        case 8:
            // Swap the op for another kind, keeping the fields.
            guard var object = try? JSONValue(parsing: valid) else { return valid }
            object["op"] = .string(pick(OperationKind.allCases).rawValue)
            return object.serializedString()
        case 9:
            return "{" + (0..<Int.random(in: 1...8, using: &random)).map { _ in "\"\(pick(Self.keys))\":\(hostileValue())" }.joined(separator: ",") + "}"
        case 10:
            return valid + pick(Self.injections)
        case 11:
            return "{\"op\":\"unknown\",\"reason\":\(hostileValue())}"
        case 12:
            return String(repeating: " ", count: Int.random(in: 0...3, using: &random)) + replacingValue(in: replacingValue(in: valid))
        default:
            return valid
        }
    }

    /// The valid JSON with the value after one randomly chosen `:` replaced.
    mutating func replacingValue(in json: String) -> String {
        guard let object = try? JSONValue(parsing: json).objectValue, !object.isEmpty else { return json }
        var members = object
        let key = pick(members.keys.sorted())
        let replacement = (try? JSONValue(parsing: hostileValue(), maxDepth: 64)) ?? .null
        members[key] = replacement
        return JSONValue.object(members).serializedString()
    }
}

extension String {
    /// A JSON `\uXXXX` escape for a scalar below 0x10000.
    init(format4 value: UInt32) {
        let hex = String(value, radix: 16)
        self = "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    }
}

@Suite struct LLMDecoderFuzzTests {
    let decoder = StrictOperationDecoder(environments: .standard)

    /// Whatever the decoder returns is `unknown` with a reason, or an operation the rest of
    /// the pipeline may trust.
    func checkSound(_ op: Operation, from answer: String) {
        if op.op == .unknown {
            #expect(op.reason?.isEmpty == false, "\(answer)")
            #expect(op.violations.isEmpty, "\(answer)")
            return
        }
        #expect(op.violations.isEmpty, "\(answer) -> \(op.canonicalJSON)")
        #expect(op.presentFields.isSubset(of: Operation.allowed[op.op, default: []].union([.op])), "\(answer)")
        if let service = op.service { #expect(ServiceName.isValid(service), "\(answer)") }
        if let environment = op.environment { #expect(EnvironmentCatalog.standard.names.contains(environment), "\(answer)") }
        for text in [op.version, op.image, op.task].compactMap({ $0 }) {
            #expect(!text.unicodeScalars.contains(where: StrictOperationDecoder.isHidden), "\(answer)")
        }
    }

    @Test(arguments: [1, 2, 3, 4] as [UInt64])
    func hostileAnswersNeverBecomeUnsoundOperations(seed: UInt64) {
        var fuzzer = AnswerFuzzer(seed: seed)
        var decoded = 0, unknown = 0
        for _ in 0..<3_000 {
            let answer = fuzzer.answer()
            let op = decoder.decode(answer)
            checkSound(op, from: answer)
            if let value = try? JSONValue(parsing: answer, maxDepth: 64) { checkSound(decoder.decode(value), from: answer) }
            decoded += 1
            if op.op == .unknown { unknown += 1 }
        }
        #expect(decoded == 3_000)
        // The fuzzer also emits untouched valid answers, so not everything is refused.
        #expect(unknown > 1_000 && unknown < 3_000)
    }

    @Test func validAnswersRoundTrip() throws {
        var fuzzer = AnswerFuzzer(seed: 42)
        for _ in 0..<2_000 {
            let op = fuzzer.validOperation()
            try #require(op.violations.isEmpty, "\(op.canonicalJSON)")
            #expect(decoder.decode(op.canonicalJSON) == op, "\(op.canonicalJSON)")
            #expect(decoder.decode("```json\n\(op.canonicalJSON)\n```") == op)
            let value = try JSONValue(parsing: op.canonicalJSON)
            #expect(decoder.decode(value) == op)
            #expect(decoder.decode(value.serializedString(pretty: true)) == op)
        }
    }
}
