public import CortexCore
import FoundationEssentials

/// The `Status` object the API server returns with every failure.
public struct APIStatus: Codable, Equatable, Sendable {
    public var status: String?
    public var message: String?
    public var reason: String?
    public var code: Int?
    public var details: Details?

    /// Which object failed and, for 422, which fields.
    public struct Details: Codable, Equatable, Sendable {
        public var name: String?
        public var kind: String?
        public var causes: [Cause]?
        public var retryAfterSeconds: Int?
    }

    /// One reason of a failure, e.g. an invalid field.
    public struct Cause: Codable, Equatable, Sendable {
        public var reason: String?
        public var message: String?
        public var field: String?
    }

    public init(status: String? = "Failure", message: String?, reason: String?, code: Int?) {
        self.status = status
        self.message = message
        self.reason = reason
        self.code = code
    }
}

/// What a request was about, so that an error can name it: cluster (context), namespace, object.
public struct KubeErrorContext: Equatable, Sendable {
    public var context: String
    public var server: String
    public var namespace: String?
    /// e.g. `deployment security-worker`, `deployments`.
    public var object: String
    /// e.g. `scale`, `read`, `create`.
    public var action: String

    public init(context: String, server: String, namespace: String?, object: String, action: String) {
        self.context = context
        self.server = server
        self.namespace = namespace
        self.object = object
        self.action = action
    }

    var place: String {
        if let namespace { "in namespace \(namespace) (context \(context))" } else { "(context \(context))" }
    }
}

/// A failed Kubernetes request: the HTTP status and `Status` body, or a transport failure.
public enum KubeAPIError: Error, Equatable, Sendable {
    case status(code: Int, APIStatus?)
    case transport(HTTPTransportError)
    /// The answer could not be decoded as the expected object.
    case undecodable(String)
    /// Credentials could not be obtained (token file, exec plugin); already a user-facing error.
    case credentials(CortexError)

    public var code: Int? { if case .status(let c, _) = self { c } else { nil } }
    public var reason: String? { if case .status(_, let s) = self { s?.reason } else { nil } }
    public var isNotFound: Bool { code == 404 }
    public var isConflict: Bool { code == 409 && reason != "AlreadyExists" }
    public var isAlreadyExists: Bool { code == 409 && reason == "AlreadyExists" }

    /// The error as the operator reads it: what failed, where, and what to do.
    public func cortexError(_ c: KubeErrorContext) -> CortexError {
        let what = "\(c.action) \(c.object) \(c.place)"
        switch self {
        case .credentials(let error):
            return error
        case .undecodable(let detail):
            return .failed("cannot \(what): the API server's answer was not understood (\(detail))",
                           hint: "check that \(c.server) is a Kubernetes API server")
        case .transport(let error):
            return Self.transportError(error, what: what, c)
        case .status(let code, let status):
            let server = status?.message.map { ": \($0)" } ?? ""
            switch code {
            case 401:
                return .failed("cannot \(what): the cluster rejected the credentials (401 Unauthorized)",
                               hint: "refresh the credentials of context \(c.context) (token, client certificate or exec plugin) and try again")
            case 403:
                return .failed("cannot \(what): forbidden\(server)",
                               hint: "ask a cluster administrator for permission, or use a context with more rights")
            case 404:
                if status?.details?.kind == "namespaces" || (status?.message ?? "").hasPrefix("namespaces ") {
                    return .failed("cannot \(what): namespace \(c.namespace ?? "?") does not exist",
                                   hint: "create the namespace or map the environment to another one in the configuration")
                }
                return .failed("cannot \(what): not found",
                               hint: "check the name with `status` in that environment")
            case 409 where status?.reason == "AlreadyExists":
                return .failed("cannot \(what): it already exists", hint: "update it instead of creating it")
            case 409:
                return .failed("cannot \(what): it was changed by someone else meanwhile\(server)",
                               hint: "read its state again and retry")
            case 422, 400:
                let causes = (status?.details?.causes ?? []).compactMap { cause -> String? in
                    guard let m = cause.message else { return nil }
                    return cause.field.map { "\($0): \(m)" } ?? m
                }
                let detail = causes.isEmpty ? server : ": " + causes.joined(separator: "; ")
                return .failed("cannot \(what): the API server rejected the request\(detail)",
                               hint: "correct the values (image, replicas) and try again")
            case 429:
                return .failed("cannot \(what): the API server is throttling requests (429) and kept doing so after retries",
                               hint: "wait a minute and try again")
            case 500...599:
                return .failed("cannot \(what): the API server failed (HTTP \(code))\(server)",
                               hint: "the cluster may be overloaded or restarting; try again shortly")
            default:
                return .failed("cannot \(what): HTTP \(code)\(server)", hint: nil)
            }
        }
    }

    private static func transportError(_ error: HTTPTransportError, what: String, _ c: KubeErrorContext) -> CortexError {
        switch error {
        case .connectionFailed(_, let detail):
            return .failed("cannot \(what): cannot reach the API server \(c.server) (\(detail))",
                           hint: "check that the cluster of context \(c.context) is running and reachable (VPN, proxy, `server` in kubeconfig)")
        case .tls(_, let detail):
            return .failed("cannot \(what): TLS with \(c.server) failed (\(detail))",
                           hint: "check certificate-authority(-data), client certificate and tls-server-name of context \(c.context)")
        case .tlsConfiguration(let detail):
            return .usage("cannot \(what): the TLS settings of context \(c.context) cannot be used (\(detail))",
                          hint: "check the certificate and key files or data in kubeconfig")
        case .timedOut(_, let after):
            let limit = after.map { " within \(HTTPTransportError.describe($0))" } ?? ""
            return .failed("cannot \(what): the API server \(c.server) did not answer\(limit)",
                           hint: "check the cluster's health and your network, then try again")
        case .cancelled:
            return .failed("\(what): cancelled", hint: nil)
        case .responseTooLarge(let limit):
            return .failed("cannot \(what): the answer exceeded \(limit) bytes", hint: "narrow the request (one service, fewer log lines)")
        case .credentialsOverPlainHTTP:
            return .usage("refused to send credentials to \(c.server) over plain http (context \(c.context))",
                          hint: "use an https:// server in kubeconfig, or remove the token for a local plain-http cluster")
        case .invalidURL(let url):
            return .usage("cannot \(what): invalid server URL \(url)", hint: "check `server` of context \(c.context) in kubeconfig")
        case .other(let detail):
            return .failed("cannot \(what): \(detail)", hint: nil)
        }
    }
}

extension APIStatus {
    /// The `Status` in a failed response's body, as `JSONDecoder` reads it: nil when the
    /// body is not one. A body whose fields all have their plain JSON types (strings, whole
    /// numbers, objects and arrays of them, or null) is read from the parsed JSON; anything
    /// else goes to `JSONDecoder`, so that the two readings agree wherever they could differ.
    static func decoded(from body: Data) -> APIStatus? {
        if let json = try? JSONValue(parsing: body), let status = APIStatus(plain: json) { return status }
        return try? JSONDecoder().decode(APIStatus.self, from: body)
    }

    /// Reads `json` when every field it has is of its plain type; nil otherwise.
    init?(plain json: JSONValue) {
        guard let object = json.objectValue,
              let status = PlainField.string(object["status"]), let message = PlainField.string(object["message"]),
              let reason = PlainField.string(object["reason"]), let code = PlainField.int(object["code"]),
              let details = PlainField.object(object["details"], Details.init(plain:))
        else { return nil }
        self.init(status: status, message: message, reason: reason, code: code)
        self.details = details
    }
}

extension APIStatus.Details {
    init?(plain json: JSONValue) {
        guard let object = json.objectValue,
              let name = PlainField.string(object["name"]), let kind = PlainField.string(object["kind"]),
              let retry = PlainField.int(object["retryAfterSeconds"]),
              let causes = PlainField.array(object["causes"], APIStatus.Cause.init(plain:))
        else { return nil }
        self.init(name: name, kind: kind, causes: causes, retryAfterSeconds: retry)
    }
}

extension APIStatus.Cause {
    init?(plain json: JSONValue) {
        guard let object = json.objectValue,
              let reason = PlainField.string(object["reason"]), let message = PlainField.string(object["message"]),
              let field = PlainField.string(object["field"])
        else { return nil }
        self.init(reason: reason, message: message, field: field)
    }
}

/// Optional fields of plain types: the outer optional says whether the field can be read
/// here (absent and null read as nil), the inner one is its value.
private enum PlainField {
    static func string(_ value: JSONValue?) -> String?? {
        switch value {
        case nil, .null?: .some(nil)
        case .string(let text)?: .some(text)
        default: nil
        }
    }

    static func int(_ value: JSONValue?) -> Int?? {
        switch value {
        case nil, .null?: .some(nil)
        case .int(let number)?: Int(exactly: number).map { .some($0) }
        default: nil
        }
    }

    static func object<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> T?? {
        switch value {
        case nil, .null?: .some(nil)
        case .object?: value.flatMap(read).map { .some($0) }
        default: nil
        }
    }

    static func array<T>(_ value: JSONValue?, _ read: (JSONValue) -> T?) -> [T]?? {
        switch value {
        case nil, .null?: return .some(nil)
        case .array(let items)?:
            var values: [T] = []
            for item in items {
                guard let value = read(item) else { return nil }
                values.append(value)
            }
            return .some(values)
        default: return nil
        }
    }
}
