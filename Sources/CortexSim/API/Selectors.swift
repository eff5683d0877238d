import CortexCore

/// A label selector (`app=web,tier!=cache,env in (staging,production),!canary`), parsed
/// from its string form or from a `LabelSelector` object (`matchLabels`, `matchExpressions`).
struct LabelSelector: Equatable, Sendable {
    enum Requirement: Equatable, Sendable {
        case equals(String, String)
        case notEquals(String, String)
        case isIn(String, [String])
        case notIn(String, [String])
        case exists(String)
        case doesNotExist(String)

        func matches(_ labels: [String: String]) -> Bool {
            switch self {
            case let .equals(key, value): labels[key] == value
            case let .notEquals(key, value): labels[key] != value
            case let .isIn(key, values): labels[key].map(values.contains) ?? false
            case let .notIn(key, values): labels[key].map { !values.contains($0) } ?? true
            case let .exists(key): labels[key] != nil
            case let .doesNotExist(key): labels[key] == nil
            }
        }

        var rendered: String {
            switch self {
            case let .equals(key, value): "\(key)=\(value)"
            case let .notEquals(key, value): "\(key)!=\(value)"
            case let .isIn(key, values): "\(key) in (\(values.joined(separator: ",")))"
            case let .notIn(key, values): "\(key) notin (\(values.joined(separator: ",")))"
            case let .exists(key): key
            case let .doesNotExist(key): "!\(key)"
            }
        }
    }

    var requirements: [Requirement]

    static let everything = LabelSelector(requirements: [])

    init(requirements: [Requirement]) {
        self.requirements = requirements
    }

    /// Parses the query-string form. Throws a message for the 400 answer.
    init(parsing text: String) throws(APIError) {
        var requirements: [Requirement] = []
        for term in Self.splitTerms(text) {
            let term = term.trimmingSpaces
            if term.isEmpty { continue }
            requirements.append(try Self.requirement(term))
        }
        self.requirements = requirements
    }

    /// Reads a `LabelSelector` object. Returns nil for a shape it cannot understand.
    init?(object: JSONValue) {
        guard object.objectValue != nil else { return nil }
        var requirements: [Requirement] = []
        for (key, value) in (object["matchLabels"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let value = value.stringValue else { return nil }
            requirements.append(.equals(key, value))
        }
        for expression in object["matchExpressions"]?.arrayValue ?? [] {
            guard let key = expression["key"]?.stringValue, let op = expression["operator"]?.stringValue else { return nil }
            let values = expression["values"]?.arrayValue?.compactMap(\.stringValue) ?? []
            switch op {
            case "In": requirements.append(.isIn(key, values))
            case "NotIn": requirements.append(.notIn(key, values))
            case "Exists": requirements.append(.exists(key))
            case "DoesNotExist": requirements.append(.doesNotExist(key))
            default: return nil
            }
        }
        self.requirements = requirements
    }

    var isEmpty: Bool { requirements.isEmpty }

    func matches(_ labels: [String: String]) -> Bool {
        requirements.allSatisfy { $0.matches(labels) }
    }

    /// The string form, as `Scale.status.selector` and kubectl's `--selector` use it.
    var rendered: String { requirements.map(\.rendered).joined(separator: ",") }

    /// Splits on commas that are not inside parentheses.
    private static func splitTerms(_ text: String) -> [Substring] {
        var terms: [Substring] = []
        var depth = 0
        var start = text.startIndex
        for index in text.indices {
            switch text[index] {
            case "(": depth += 1
            case ")": depth -= 1
            case "," where depth == 0:
                terms.append(text[start..<index])
                start = text.index(after: index)
            default: break
            }
        }
        terms.append(text[start...])
        return terms
    }

    private static func requirement(_ term: String) throws(APIError) -> Requirement {
        if term.hasPrefix("!") {
            return .doesNotExist(try key(String(term.dropFirst()).trimmingSpaces, in: term))
        }
        for (op, build) in [("!=", Requirement.notEquals), ("==", Requirement.equals), ("=", Requirement.equals)] {
            if let range = term.firstRange(of: op) {
                let key = try key(String(term[..<range.lowerBound]).trimmingSpaces, in: term)
                return build(key, String(term[range.upperBound...]).trimmingSpaces)
            }
        }
        for (op, build) in [(" notin ", Requirement.notIn), (" in ", Requirement.isIn)] {
            if let range = term.firstRange(of: op) {
                let key = try key(String(term[..<range.lowerBound]).trimmingSpaces, in: term)
                let list = String(term[range.upperBound...]).trimmingSpaces
                guard list.hasPrefix("("), list.hasSuffix(")") else {
                    throw .badRequest("unable to parse requirement: found '\(list)', expected: '('")
                }
                let values = list.dropFirst().dropLast().split(separator: ",").map { Substring($0).trimmingSpaces }
                return build(key, values)
            }
        }
        return .exists(try key(term, in: term))
    }

    private static func key(_ key: String, in term: String) throws(APIError) -> String {
        guard !key.isEmpty, !key.contains(" ") else {
            throw .badRequest("unable to parse requirement: invalid label key \"\(key)\" in \"\(term)\"")
        }
        return key
    }
}

/// A field selector (`metadata.name=web`, `status.phase!=Running`) over dotted field paths.
struct FieldSelector: Equatable, Sendable {
    struct Term: Equatable, Sendable {
        var path: [String]
        var value: String
        var negated: Bool
    }

    var terms: [Term]

    static let everything = FieldSelector(terms: [])

    init(terms: [Term]) {
        self.terms = terms
    }

    init(parsing text: String) throws(APIError) {
        var terms: [Term] = []
        for raw in text.utf8.split(separator: UInt8(ascii: ",")) {
            let term = Array(raw)
            let notEqual = Self.firstRange(of: Array("!=".utf8), in: term)
            let negated = notEqual != nil
            guard let range = notEqual ?? Self.firstRange(of: Array("==".utf8), in: term) ?? Self.firstRange(of: Array("=".utf8), in: term)
            else {
                throw .badRequest("invalid selector: '\(text)'; can't understand '\(String(decoding: term, as: UTF8.self))'")
            }
            let field = String(decoding: term[..<range.lowerBound], as: UTF8.self).trimmingSpaces
            let value = String(decoding: term[range.upperBound...], as: UTF8.self).trimmingSpaces
            terms.append(Term(path: field.split(separator: ".").map(String.init), value: value, negated: negated))
        }
        self.terms = terms
    }

    /// Where `separator` first occurs in `bytes` (byte-wise: the separators are ASCII).
    private static func firstRange(of separator: [UInt8], in bytes: [UInt8]) -> Range<Int>? {
        guard bytes.count >= separator.count else { return nil }
        for start in 0...(bytes.count - separator.count) where bytes[start..<(start + separator.count)].elementsEqual(separator) {
            return start..<(start + separator.count)
        }
        return nil
    }

    /// The field labels kube-apiserver accepts in a core/v1 Event's field selector (its
    /// `AddFieldLabelConversionsForEvent`); any other is refused with 400 `field label not
    /// supported`. Other kinds here accept any dotted path.
    static let eventFields: Set<String> = [
        "metadata.name", "metadata.namespace", "involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
        "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
        "reason", "reportingComponent", "source", "type",
    ]

    /// Parses `text` for a list or watch of `kind`, refusing the field labels that kind's
    /// real server does not know (core/v1 Events only).
    init(parsing text: String, for kind: ResourceKind) throws(APIError) {
        try self.init(parsing: text)
        guard kind == .events else { return }
        for term in terms {
            let label = term.path.joined(separator: ".")
            guard Self.eventFields.contains(label) else { throw .badRequest("field label not supported: \(label)") }
        }
        isEvent = true
    }

    /// The value an equality term requires of the field at `path`, if there is one.
    func value(of path: [String]) -> String? {
        terms.first { !$0.negated && $0.path == path }?.value
    }

    /// Set for a core/v1 Event's selector, whose `source` is the reporting component.
    private var isEvent = false

    func matches(_ object: JSONValue) -> Bool {
        terms.allSatisfy { term in
            let actual = value(of: term.path, in: object)
            return (actual == term.value) != term.negated
        }
    }

    private func value(of path: [String], in object: JSONValue) -> String {
        if isEvent, path == ["source"] {
            // `source.component`, else `reportingComponent` (events written through events.k8s.io).
            let component = object[path: ["source", "component"]]?.stringValue ?? ""
            return component.isEmpty ? object["reportingComponent"]?.stringValue ?? "" : component
        }
        return object[path: path].map(Self.text) ?? ""
    }

    private static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .bool(let flag): flag ? "true" : "false"
        default: value.serializedString()
        }
    }
}

/// Which objects a list or watch returns.
struct ObjectFilter: Sendable {
    var namespace: String?
    var labels: LabelSelector = .everything
    var fields: FieldSelector = .everything

    func matches(_ object: JSONValue) -> Bool {
        if let namespace, object.namespace != namespace { return false }
        return labels.matches(object.labels) && fields.matches(object)
    }
}
