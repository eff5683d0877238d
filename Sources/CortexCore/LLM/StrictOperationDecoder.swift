/// Turns a model's answer into exactly one operation, or into `unknown` saying why not.
///
/// A model is an untrusted source: its answer may be prose, several operations, fields the
/// format does not have, numbers of the wrong kind, invented environments, or text that
/// someone steered with an injected instruction. Nothing is repaired or guessed. The answer
/// becomes an operation only when it is one JSON object whose every member is a field the
/// operation takes, of the right type and within range, and the result has no `violations`.
///
/// Decisions worth knowing:
/// - `null` counts as absent, because OpenAI's strict mode makes every field required and
///   nullable (`OperationSchema.Shape.flat`). A required field that is `null` is missing.
/// - Integer fields take only numbers written as integers: `3.5`, `3.0`, `1e3`, `"3"` and
///   `true` are refused, as are magnitudes above `FieldFormat.integerMagnitude`.
/// - A member named twice in the text is refused: parsers disagree on which one counts.
/// - `environment` must be a configured name or alias, returned as the canonical name; no
///   typo tolerance, since a model has no excuse for typos.
/// - An `unknown` from the model passes through with its reason cleaned (control and format
///   characters removed, whitespace collapsed, at most `maxReasonLength` characters).
/// - Decoding never traps, whatever the input.
public struct StrictOperationDecoder: Sendable {
    /// The longest answer looked at, in UTF-8 bytes; a longer one is refused unread.
    public static let maxAnswerBytes = 64 << 10
    /// The deepest nesting the JSON parser follows. An operation is flat; a little room is
    /// left so that a nested value is reported as a wrong type rather than as a parse failure.
    public static let maxDepth = 8
    /// The longest reason kept from a model's own `unknown`.
    public static let maxReasonLength = 300

    /// The environments an answer may name; anything else makes it `unknown`.
    public let environments: EnvironmentCatalog

    /// A decoder that accepts the environments of `environments`, by name or alias.
    public init(environments: EnvironmentCatalog = .standard) {
        self.environments = environments
    }

    /// Decodes an answer given as text: one JSON object, optionally with surrounding white
    /// space or inside one fenced code block (```` ```json ````); anything else is `unknown`.
    public func decode(_ answer: String) -> Operation {
        guard answer.utf8.count <= Self.maxAnswerBytes else {
            return .unknown("the model's answer is longer than \(Self.maxAnswerBytes / 1024) KiB")
        }
        let document: String
        switch Self.unfenced(answer.trimmedWhitespace) {
        case .failure(let refusal): return .unknown(refusal.reason)
        case .success(let text): document = text
        }
        let bytes = Array(document.utf8)
        let value: JSONValue
        do throws(JSONParseError) {
            value = try JSONValue(parsing: bytes, maxDepth: Self.maxDepth)
        } catch {
            return .unknown(Self.explain(error, in: bytes))
        }
        switch value {
        case .object(let members):
            if Self.topLevelMemberCount(bytes) != members.count {
                return .unknown("the model's answer names a field more than once")
            }
            return decode(members)
        case .array(let elements) where elements.count > 1:
            return .unknown("the model answered with several operations")
        case .array:
            return .unknown("the model answered with a list, not one operation object")
        default:
            return .unknown("the model's answer is not a JSON object")
        }
    }

    /// Decodes an answer that arrived as a JSON value, such as the input of a tool call.
    public func decode(_ value: JSONValue) -> Operation {
        guard let members = value.objectValue else {
            if let elements = value.arrayValue, elements.count > 1 {
                return .unknown("the model answered with several operations")
            }
            return .unknown("the model's answer is not a JSON object")
        }
        return decode(members)
    }

    // MARK: - Members

    private func decode(_ members: [String: JSONValue]) -> Operation {
        guard let opValue = members["op"], !opValue.isNull else {
            return .unknown("the model's answer has no op")
        }
        guard let name = opValue.stringValue else { return .unknown("the model's op is not a string") }
        guard let kind = OperationKind(rawValue: name) else {
            return .unknown("the model named an operation that does not exist: \"\(Self.quoted(name))\"")
        }
        if kind == .unknown {
            let reason = members["reason"]?.stringValue.map { Self.cleaned($0, limit: Self.maxReasonLength) } ?? ""
            return .unknown(reason.isEmpty ? "the model did not understand the request" : reason)
        }
        var operation = Operation(kind)
        let allowed = Operation.allowed[kind, default: []]
        for key in members.keys.sorted() where key != "op" {
            guard let field = Operation.Field(rawValue: key) else {
                return .unknown("the model's answer has a field the operation format does not have: \"\(Self.quoted(key))\"")
            }
            // Force-unwrap is safe: the key comes from the dictionary itself.
            let value = members[key]!
            if value.isNull { continue }
            guard allowed.contains(field) else {
                return .unknown("the model's answer gives \(key) to \(kind.rawValue), which does not take it")
            }
            switch decodeValue(value, as: field.format, named: key) {
            case .failure(let refusal): return .unknown(refusal.reason)
            case .success(let decoded): operation.set(field, to: decoded)
            }
        }
        let violations = operation.violations
        guard violations.isEmpty else {
            return .unknown("the model's answer breaks the operation format: "
                + violations.map(\.description).joined(separator: "; "))
        }
        return operation
    }

    private func decodeValue(_ value: JSONValue, as format: FieldFormat, named name: String) -> Result<DecodedValue, Refusal> {
        switch format {
        case .operationKind:
            return .failure(Refusal("the model's answer names its operation twice"))
        case .boundedInteger(let range):
            return decodeValue(value, as: .integer(minimum: range.lowerBound), named: name).flatMap { decoded in
                guard case .integer(let n) = decoded, range.contains(n) else {
                    return .failure(Refusal("the model's \(name) is not between \(range.lowerBound) and \(range.upperBound)"))
                }
                return .success(decoded)
            }
        case .boolean:
            guard let flag = value.boolValue else { return .failure(Refusal("the model's \(name) is not true or false")) }
            return .success(.flag(flag))
        case .workloadKind:
            guard let text = value.stringValue, let kind = WorkloadKind(alias: text.trimmedWhitespace) else {
                return .failure(Refusal("the model's \(name) is not one of "
                    + WorkloadKind.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return .success(.workloadKind(kind))
        case .resourceScope:
            guard let text = value.stringValue, let scope = ResourceScope(rawValue: text) else {
                return .failure(Refusal("the model's \(name) is not one of "
                    + ResourceScope.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return .success(.scope(scope))
        case .lookBack:
            return Self.canonicalText(value, named: name, LookBack.canonical, expected: "a duration such as 15m or 2h")
        case .cpuQuantity:
            return Self.canonicalText(value, named: name, QuantityForm.cpu, expected: "a CPU quantity such as 500m or 2")
        case .memoryQuantity:
            return Self.canonicalText(value, named: name, QuantityForm.memory, expected: "a memory quantity such as 512Mi or 1Gi")
        case .environmentVariables:
            return Self.environmentVariables(value, named: name)
        case .serviceName:
            return Self.text(value, named: name, maxLength: FieldFormat.serviceNameLength, allowsSpaces: false)
                .flatMap { text in
                    ServiceName.isValid(text)
                        ? .success(.text(text))
                        : .failure(Refusal("the model's service \"\(Self.quoted(text))\" is not a valid workload name"))
                }
        case .environment:
            return Self.text(value, named: name, maxLength: FieldFormat.environmentLength, allowsSpaces: false)
                .flatMap { text in
                    guard let canonical = environments.canonical(text) else {
                        return .failure(Refusal("the model named an environment that is not configured: \"\(Self.quoted(text))\""
                            + " (configured: \(environments.names.joined(separator: ", ")))"))
                    }
                    return .success(.text(canonical))
                }
        case .integer, .nonZeroInteger:
            guard case .int(let number) = value else {
                if let number = value.doubleValue, number.isFinite, number.rounded() == number, abs(number) > Double(FieldFormat.integerMagnitude) {
                    return .failure(Refusal("the model's \(name) is implausibly large"))
                }
                return .failure(Refusal("the model's \(name) is not a whole number"))
            }
            guard let whole = Int(exactly: number), abs(whole) <= FieldFormat.integerMagnitude else {
                return .failure(Refusal("the model's \(name) is implausibly large"))
            }
            return .success(.integer(whole))
        case .number:
            guard let number = value.doubleValue, number.isFinite else {
                return .failure(Refusal("the model's \(name) is not a number"))
            }
            guard abs(number) <= FieldFormat.amountLimit else {
                return .failure(Refusal("the model's \(name) is implausibly large"))
            }
            return .success(.number(number))
        case .period:
            guard let text = value.stringValue, let period = Period(rawValue: text) else {
                return .failure(Refusal("the model's \(name) is not one of "
                    + Period.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return .success(.period(period))
        case .text(let maxLength, let allowsSpaces):
            return Self.text(value, named: name, maxLength: maxLength, allowsSpaces: allowsSpaces).map { .text($0) }
        }
    }

    /// A string member in the canonical form `canonical` gives it, refused when it has none.
    private static func canonicalText(
        _ value: JSONValue, named name: String, _ canonical: (String) -> String?, expected: String
    ) -> Result<DecodedValue, Refusal> {
        text(value, named: name, maxLength: 16, allowsSpaces: false).flatMap { text in
            guard let form = canonical(text) else {
                return .failure(Refusal("the model's \(name) \"\(quoted(text))\" is not \(expected)"))
            }
            return .success(.text(form))
        }
    }

    /// The `env` object: at least one and at most `FieldFormat.maxEnvEntries` valid variable
    /// names, each to a string or `null`.
    private static func environmentVariables(_ value: JSONValue, named name: String) -> Result<DecodedValue, Refusal> {
        guard let members = value.objectValue else { return .failure(Refusal("the model's \(name) is not an object")) }
        guard !members.isEmpty else { return .failure(Refusal("the model's \(name) names no variable")) }
        guard members.count <= FieldFormat.maxEnvEntries else {
            return .failure(Refusal("the model's \(name) names more than \(FieldFormat.maxEnvEntries) variables"))
        }
        var entries: [String: EnvValue] = [:]
        for (key, entry) in members {
            guard EnvVarName.isValid(key) else {
                return .failure(Refusal("the model's \(name) has an invalid variable name \"\(quoted(key))\""))
            }
            if entry.isNull {
                entries[key] = .remove
                continue
            }
            guard let text = entry.stringValue else {
                return .failure(Refusal("the model's value for \(quoted(key)) is not text"))
            }
            guard text.count <= FieldFormat.envValueLength else {
                return .failure(Refusal("the model's value for \(quoted(key)) is longer than \(FieldFormat.envValueLength) characters"))
            }
            if text.unicodeScalars.contains(where: isHidden) {
                return .failure(Refusal("the model's value for \(quoted(key)) contains control characters"))
            }
            entries[key] = .set(text)
        }
        return .success(.variables(entries))
    }

    /// A string member, refused when it is not a string, empty, too long, or holds control or
    /// invisible formatting characters (which can make text read differently than it is).
    private static func text(_ value: JSONValue, named name: String, maxLength: Int, allowsSpaces: Bool) -> Result<String, Refusal> {
        guard let raw = value.stringValue else { return .failure(Refusal("the model's \(name) is not text")) }
        let text = raw.trimmedWhitespace
        guard !text.isEmpty else { return .failure(Refusal("the model's \(name) is empty")) }
        guard text.count <= maxLength, text.utf8.count <= maxLength * 4 else {
            return .failure(Refusal("the model's \(name) is longer than \(maxLength) characters"))
        }
        if text.unicodeScalars.contains(where: isHidden) {
            return .failure(Refusal("the model's \(name) contains control characters"))
        }
        if !allowsSpaces, text.unicodeScalars.contains(where: \.properties.isWhitespace) {
            return .failure(Refusal("the model's \(name) contains spaces"))
        }
        return .success(text)
    }

    // MARK: - Finding the document

    /// Why an answer was refused before it became an operation.
    private struct Refusal: Error {
        let reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The JSON text of an answer: the answer itself, or the inside of one fenced code block
    /// whose language is empty or `json` and which is all the answer holds.
    private static func unfenced(_ answer: String) -> Result<String, Refusal> {
        guard !answer.isEmpty else { return .failure(Refusal("the model gave an empty answer")) }
        let fence = "```"
        guard answer.hasPrefix(fence) else { return .success(answer) }
        let prose = Refusal("the model answered with prose")
        guard let newline = answer.firstIndex(where: \.isNewline), answer.hasSuffix(fence),
              answer.index(answer.startIndex, offsetBy: 3) <= newline
        else { return .failure(prose) }
        let language = String(answer[answer.index(answer.startIndex, offsetBy: 3)..<newline]).trimmedWhitespace.lowercased()
        guard language.isEmpty || language == "json" else { return .failure(prose) }
        let bodyStart = answer.index(after: newline)
        let bodyEnd = answer.index(answer.endIndex, offsetBy: -3)
        guard bodyStart <= bodyEnd else { return .failure(prose) }
        let body = String(answer[bodyStart..<bodyEnd])
        guard !body.contains(fence) else { return .failure(prose) }
        let inner = body.trimmedWhitespace
        return inner.isEmpty ? .failure(Refusal("the model gave an empty answer")) : .success(inner)
    }

    /// Why text that failed to parse is not one operation: several documents, prose around
    /// one, nesting beyond reason, or simply broken JSON.
    private static func explain(_ error: JSONParseError, in bytes: [UInt8]) -> String {
        let prose = "the model answered with prose"
        guard let first = bytes.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return prose }
        if error.reason.hasPrefix("nesting deeper") { return "the model's answer nests deeper than an operation can" }
        if error.reason == "unexpected data after the document" {
            let rest = bytes[min(error.offset, bytes.count)...]
            if let next = rest.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }),
               [UInt8(ascii: "{"), UInt8(ascii: "["), UInt8(ascii: ",")].contains(next) {
                return "the model answered with several operations"
            }
            return prose
        }
        return "the model's answer is not valid JSON (\(error.reason) at byte \(error.offset))"
    }

    /// How many members the outermost object of a valid JSON text spells out: its colons
    /// outside strings at depth one. More than the parsed object holds means a repeated name.
    private static func topLevelMemberCount(_ bytes: [UInt8]) -> Int {
        var count = 0, depth = 0
        var inString = false, escaped = false
        for byte in bytes {
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ":") where depth == 1: count += 1
            default: break
            }
        }
        return count
    }

    // MARK: - Cleaning text for messages

    /// Control characters, invisible formatting (bidirectional overrides, zero-width joiners)
    /// and line or paragraph separators.
    static func isHidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: true
        default: false
        }
    }

    /// Text from a model made safe to show: hidden characters dropped, white space collapsed
    /// to single spaces, cut to `limit` characters with an ellipsis.
    static func cleaned(_ text: String, limit: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !scalars.isEmpty
            } else if !isHidden(scalar) {
                if pendingSpace { scalars.append(" ") }
                pendingSpace = false
                scalars.append(scalar)
            }
        }
        let result = String(scalars)
        guard result.count > limit else { return result }
        return String(result.prefix(max(0, limit - 1))) + "…"
    }

    /// A model-supplied name cleaned and shortened for quoting inside a reason.
    static func quoted(_ text: String) -> String {
        String(cleaned(text, limit: 60).map { $0 == "\"" ? "'" : $0 })
    }
}

/// A field value that passed its format's checks, ready to be stored in an `Operation`.
enum DecodedValue {
    case text(String)
    case integer(Int)
    case number(Double)
    case period(Period)
    case flag(Bool)
    case workloadKind(WorkloadKind)
    case scope(ResourceScope)
    case variables([String: EnvValue])
}

extension Operation {
    /// Stores a decoded value in `field`; a value of the wrong kind for the field is ignored,
    /// which `FieldFormat` rules out.
    mutating func set(_ field: Field, to value: DecodedValue) {
        switch (field, value) {
        case (.service, .text(let v)): service = v
        case (.environment, .text(let v)): environment = v
        case (.version, .text(let v)): version = v
        case (.image, .text(let v)): image = v
        case (.task, .text(let v)): task = v
        case (.reason, .text(let v)): reason = v
        case (.replicas, .integer(let v)): replicas = v
        case (.delta, .integer(let v)): delta = v
        case (.revision, .integer(let v)): revision = v
        case (.lines, .integer(let v)): lines = v
        case (.amount, .number(let v)): amount = v
        case (.period, .period(let v)): period = v
        case (.kind, .workloadKind(let v)): kind = v
        case (.since, .text(let v)): since = v
        case (.env, .variables(let v)): env = v
        case (.cpu, .text(let v)): cpu = v
        case (.memory, .text(let v)): memory = v
        case (.scope, .scope(let v)): scope = v
        case (.min, .integer(let v)): min = v
        case (.max, .integer(let v)): max = v
        case (.cpuPercent, .integer(let v)): cpuPercent = v
        case (.canary, .integer(let v)): canary = v
        case (.enabled, .flag(let v)): enabled = v
        default: break
        }
    }
}
