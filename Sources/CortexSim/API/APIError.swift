import CortexCore

/// One problem with one field of an object, as the API server's validation reports it.
struct FieldError: Equatable, Sendable {
    enum Kind: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case duplicate = "FieldValueDuplicate"
        case notSupported = "FieldValueNotSupported"
        case forbidden = "FieldValueForbidden"
    }

    var kind: Kind
    /// Dotted path with indexes: `spec.template.spec.containers[0].image`.
    var field: String
    var value: JSONValue?
    var detail: String

    static func required(_ field: String) -> FieldError {
        FieldError(kind: .required, field: field, value: nil, detail: "")
    }

    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> FieldError {
        FieldError(kind: .invalid, field: field, value: value, detail: detail)
    }

    static func duplicate(_ field: String, _ value: JSONValue) -> FieldError {
        FieldError(kind: .duplicate, field: field, value: value, detail: "")
    }

    static func notSupported(_ field: String, _ value: JSONValue, supported: [String]) -> FieldError {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(kind: .notSupported, field: field, value: value, detail: "supported values: \(list)")
    }

    static func forbidden(_ field: String, _ detail: String) -> FieldError {
        FieldError(kind: .forbidden, field: field, value: nil, detail: detail)
    }

    /// The cause message without the field: `Invalid value: "Web": must be lowercase`.
    var causeMessage: String {
        switch kind {
        case .required: return "Required value" + (detail.isEmpty ? "" : ": \(detail)")
        case .forbidden: return "Forbidden: \(detail)"
        case .invalid: return "Invalid value: \(rendered): \(detail)"
        case .duplicate: return "Duplicate value: \(rendered)"
        case .notSupported: return "Unsupported value: \(rendered): \(detail)"
        }
    }

    var message: String { "\(field): \(causeMessage)" }

    private var rendered: String { value?.serializedString() ?? "null" }
}

/// An API failure, answered as a `Status` object with the HTTP code it names.
struct APIError: Error, Sendable {
    var code: Int
    var reason: String
    var message: String
    var details: JSONValue?

    /// The `Status` body (kind Status, apiVersion v1, status Failure).
    var status: JSONValue {
        var status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason), "code": .number(code),
        ]
        if let details { status["details"] = details }
        return status
    }

    private static func details(_ kind: ResourceKind, _ name: String, kindName: String? = nil) -> JSONValue {
        var details: JSONValue = ["name": .string(name), "kind": .string(kindName ?? kind.plural)]
        if !kind.group.isEmpty { details["group"] = .string(kind.group) }
        return details
    }

    static func notFound(_ kind: ResourceKind, _ name: String) -> APIError {
        APIError(
            code: 404, reason: "NotFound", message: "\(kind.qualifiedName) \"\(name)\" not found",
            details: details(kind, name))
    }

    static func alreadyExists(_ kind: ResourceKind, _ name: String) -> APIError {
        APIError(
            code: 409, reason: "AlreadyExists", message: "\(kind.qualifiedName) \"\(name)\" already exists",
            details: details(kind, name))
    }

    /// A stale `resourceVersion` (optimistic concurrency).
    static func conflict(_ kind: ResourceKind, _ name: String) -> APIError {
        APIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(kind.qualifiedName) \"\(name)\": the object has been "
                + "modified; please apply your changes to the latest version and try again",
            details: details(kind, name))
    }

    /// A failed delete precondition or similar conflict with a custom explanation.
    static func conflict(_ kind: ResourceKind, _ name: String, because explanation: String) -> APIError {
        APIError(
            code: 409, reason: "Conflict",
            message: "Operation cannot be fulfilled on \(kind.qualifiedName) \"\(name)\": \(explanation)",
            details: details(kind, name))
    }

    static func invalid(_ kind: ResourceKind, _ name: String, _ errors: [FieldError]) -> APIError {
        let summary = errors.count == 1 ? errors[0].message : "[" + errors.map(\.message).joined(separator: ", ") + "]"
        var details = details(kind, name, kindName: kind.kind)
        details["causes"] = .array(
            errors.map { ["reason": .string($0.kind.rawValue), "message": .string($0.causeMessage), "field": .string($0.field)] })
        return APIError(
            code: 422, reason: "Invalid", message: "\(kind.qualifiedKind) \"\(name)\" is invalid: \(summary)",
            details: details)
    }

    /// Query options the server refuses (`ListOptions.meta.k8s.io "" is invalid: ...`).
    static func invalidOptions(_ errors: [FieldError]) -> APIError {
        let summary = errors.count == 1 ? errors[0].message : "[" + errors.map(\.message).joined(separator: ", ") + "]"
        let details: JSONValue = [
            "group": "meta.k8s.io", "kind": "ListOptions",
            "causes": .array(
                errors.map { ["reason": .string($0.kind.rawValue), "message": .string($0.causeMessage), "field": .string($0.field)] }),
        ]
        return APIError(
            code: 422, reason: "Invalid", message: "ListOptions.meta.k8s.io \"\" is invalid: \(summary)", details: details)
    }

    /// A patch that is well formed but cannot be applied to the object.
    static func unprocessable(_ message: String) -> APIError {
        APIError(code: 422, reason: "Invalid", message: message, details: nil)
    }

    static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message, details: nil)
    }

    static func forbidden(_ kind: ResourceKind, _ name: String, _ explanation: String) -> APIError {
        APIError(
            code: 403, reason: "Forbidden", message: "\(kind.qualifiedName) \"\(name)\" is forbidden: \(explanation)",
            details: details(kind, name))
    }

    static let methodNotAllowed = APIError(
        code: 405, reason: "MethodNotAllowed", message: "the server does not allow this method on the requested resource",
        details: nil)

    static let pathNotFound = APIError(
        code: 404, reason: "NotFound", message: "the server could not find the requested resource", details: nil)

    static func unsupportedMediaType(_ contentType: String, accepted: [String]) -> APIError {
        APIError(
            code: 415, reason: "UnsupportedMediaType",
            message: "the body of the request was in an unknown format (\(contentType)) - accepted media types include: "
                + accepted.joined(separator: ", "),
            details: nil)
    }

    static func expired(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message, details: nil)
    }
}
