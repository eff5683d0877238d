public import CortexCore
import FoundationEssentials

/// Talks to one cluster as one user: Deployments, their scale, ReplicaSets, Pods and logs.
///
/// Every failure comes back as a `CortexError` naming the context, namespace and object.
/// Retries of 429/5xx belong to the transport (`RetryingTransport`); a 401 makes the client
/// drop cached credentials (exec plugins) and try once more.
public struct KubeClient: Sendable {
    public let config: ResolvedKubeConfig
    let transport: any HTTPTransport
    let authenticator: any KubeAuthenticator
    public let requests: KubeRequests
    public var timeouts: HTTPTimeouts
    /// Told about `Warning` headers the server sends (deprecations and the like).
    public var onWarning: @Sendable (String) -> Void

    public init(config: ResolvedKubeConfig, transport: any HTTPTransport, authenticator: any KubeAuthenticator,
                requests: KubeRequests = KubeRequests(), timeouts: HTTPTimeouts = HTTPTimeouts(connect: .seconds(10), total: .seconds(30)),
                onWarning: @escaping @Sendable (String) -> Void = { _ in }) {
        self.config = config
        self.transport = transport
        self.authenticator = authenticator
        self.requests = requests
        self.timeouts = timeouts
        self.onWarning = onWarning
    }

    // MARK: Deployments

    /// The Deployment, or nil when it does not exist.
    public func deployment(_ ns: String, _ name: String) throws(CortexError) -> Deployment? {
        try deploymentObject(ns, name)?.deployment
    }

    /// The Deployment and the JSON it was read from (every field kept), or nil when it does not exist.
    public func deploymentObject(_ ns: String, _ name: String) throws(CortexError) -> (deployment: Deployment, json: JSONValue)? {
        do {
            let object = try json(requests.getDeployment(ns, name))
            return (try Self.deployment(from: object), object)
        } catch .status(404, let status) where status?.details?.kind != "namespaces" {
            return nil
        } catch {
            throw error.cortexError(context(ns, "deployment \(name)", "read"))
        }
    }

    public func deployments(_ ns: String) throws(CortexError) -> [Deployment] {
        var all: [Deployment] = []
        var token: String?
        repeat {
            do throws(KubeAPIError) {
                let page = try json(requests.listDeployments(ns, continue: token))
                guard case .array(let items) = page["items"] ?? .null else { throw .undecodable("items: expected an array") }
                for item in items { all.append(try Self.deployment(from: item)) }
                token = page[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            } catch {
                throw error.cortexError(context(ns, "deployments", "list"))
            }
        } while token != nil
        return all
    }

    /// A Deployment from the server's JSON, read without `JSONDecoder` (`Deployment.init(json:)`).
    static func deployment(from json: JSONValue) throws(KubeAPIError) -> Deployment {
        do { return try Deployment(json: json) } catch { throw .undecodable(error.description) }
    }

    public func create(_ ns: String, _ deployment: Deployment, dryRun: Bool) throws(CortexError) -> Deployment {
        try perform(requests.createDeployment(ns, deployment, dryRun: dryRun), ns, "deployment \(deployment.name)", dryRun ? "plan creating" : "create")
    }

    public func patch(_ ns: String, _ name: String, _ type: PatchType, _ patch: JSONValue, dryRun: Bool, action: String = "update") throws(CortexError) -> Deployment {
        try perform(requests.patchDeployment(ns, name, type, patch, dryRun: dryRun), ns, "deployment \(name)", dryRun ? "plan to \(action)" : action)
    }

    public func delete(_ ns: String, _ name: String, dryRun: Bool) throws(CortexError) {
        do { _ = try send(requests.deleteDeployment(ns, name, dryRun: dryRun)) }
        catch { throw error.cortexError(context(ns, "deployment \(name)", dryRun ? "plan deleting" : "delete")) }
    }

    // MARK: Scale

    public func scale(_ ns: String, _ name: String, kind: WorkloadKind = .deployment) throws(CortexError) -> Scale {
        try perform(requests.getScale(ns, name, kind: kind), ns, "\(kind.rawValue) \(name)", "read the scale of")
    }

    /// Read-modify-write of the scale subresource: reads the scale, asks `change` for the new
    /// replica count, and writes it conditionally; on 409 Conflict it starts over (up to `attempts` times).
    /// Returns the scale before and after.
    public func updateScale(_ ns: String, _ name: String, kind: WorkloadKind = .deployment, dryRun: Bool, attempts: Int = 5,
                            change: (Int) throws(CortexError) -> Int) throws(CortexError) -> (before: Scale, after: Scale) {
        let ctx = context(ns, "\(kind.rawValue) \(name)", dryRun ? "plan scaling" : "scale")
        var attempt = 1
        while true {
            let before = try scale(ns, name, kind: kind)
            var desired = before
            desired.spec.replicas = try change(before.spec.replicas ?? 0)
            desired.status = nil
            do {
                let after = try decode(Scale.self, try send(requests.putScale(ns, desired, dryRun: dryRun, kind: kind)))
                return (before, after)
            } catch where error.isConflict && attempt < attempts {
                attempt += 1
            } catch {
                throw error.cortexError(ctx)
            }
        }
    }

    // MARK: ReplicaSets, Pods, logs

    public func replicaSets(_ ns: String, selector: LabelSelector) throws(CortexError) -> [ReplicaSet] {
        var all: [ReplicaSet] = []
        var token: String?
        repeat {
            let page: ObjectList<ReplicaSet>
            do { page = try decode(ObjectList<ReplicaSet>.self, try send(requests.listReplicaSets(ns, selector: selector, continue: token))) }
            catch { throw error.cortexError(context(ns, "replicasets", "list")) }
            all += page.items
            token = page.metadata?.continue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return all
    }

    public func pods(_ ns: String, selector: LabelSelector) throws(CortexError) -> [Pod] {
        let list: ObjectList<Pod> = try perform(requests.listPods(ns, selector: selector), ns, "pods", "list")
        return list.items
    }

    public func logs(_ ns: String, pod: String, container: String?, tailLines: Int) throws(CortexError) -> String {
        do { return try send(requests.podLogs(ns, pod: pod, container: container, tailLines: tailLines)).bodyText }
        catch { throw error.cortexError(context(ns, "pod \(pod)", "read the logs of")) }
    }

    // MARK: Any object, as JSON

    /// One object or list as the server sent it, every field kept; for reads that no
    /// typed model covers (diagnosis evidence). Failures come back as `KubeAPIError`, so the
    /// caller decides which are fatal.
    public func json(_ request: KubeRequest) throws(KubeAPIError) -> JSONValue {
        let response = try send(request)
        do { return try Self.value(of: response) }
        catch { throw .undecodable("the answer to \(request.method.rawValue) \(request.path) is not JSON: \(error)") }
    }

    /// Every item of a list, following `continue` for at most `pages` pages of `limit` items.
    /// `truncated` says whether more were left unread.
    public func list(_ request: KubeRequest, limit: Int = 500, pages: Int = 4) throws(KubeAPIError) -> (items: [JSONValue], truncated: Bool) {
        var items: [JSONValue] = []
        var token: String?
        for _ in 0..<pages {
            var page = request
            page.query.append(.init("limit", String(limit)))
            if let token { page.query.append(.init("continue", token)) }
            let answer = try json(page)
            items += answer["items"]?.arrayValue ?? []
            token = answer[path: ["metadata", "continue"]]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            if token == nil { return (items, false) }
        }
        return (items, true)
    }

    // MARK: Sending

    /// Sends one request with credentials and TLS settings; a non-2xx answer is a `KubeAPIError.status`.
    public func send(_ request: KubeRequest) throws(KubeAPIError) -> HTTPResponse {
        var response = try sendOnce(request)
        if response.status == 401 && authenticator.invalidate() {
            response = try sendOnce(request)
        }
        for warning in response.headers.values("Warning") { onWarning(Self.warningText(warning)) }
        guard response.isSuccess else {
            throw .status(code: response.status, APIStatus.decoded(from: response.body))
        }
        return response
    }

    private func sendOnce(_ request: KubeRequest) throws(KubeAPIError) -> HTTPResponse {
        let credentials: RequestCredentials
        if config.mayCarryCredentials {
            do { credentials = try authenticator.credentials() } catch { throw .credentials(error) }
        } else {
            credentials = RequestCredentials()
            if config.credentials != .none { throw .transport(.credentialsOverPlainHTTP(host: config.server)) }
        }
        var tls = config.tls
        if let cert = credentials.clientCertificate, let key = credentials.clientKey {
            tls.clientCertificate = cert
            tls.clientKey = key
        }
        var headers: HTTPHeaders = ["Accept": request.accept ?? "application/json"]
        if let type = request.contentType { headers.add("Content-Type", type) }
        let base = config.server.hasSuffix("/") ? String(config.server.dropLast()) : config.server
        var http = HTTPRequest(
            method: request.method, url: base + request.pathAndQuery, headers: headers,
            body: request.body, bearerToken: credentials.bearerToken, tls: tls, proxy: config.proxy, timeouts: timeouts)
        http.allowsCredentialsToLoopback = config.allowsLoopbackCredentials
        do { return try transport.send(http) } catch { throw .transport(error) }
    }

    func perform<T: Decodable>(_ request: KubeRequest, _ ns: String, _ object: String, _ action: String) throws(CortexError) -> T {
        do { return try decode(T.self, try send(request)) }
        catch { throw error.cortexError(context(ns, object, action)) }
    }

    private func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse) throws(KubeAPIError) -> T {
        if T.self == Deployment.self {
            let parsed: JSONValue
            do { parsed = try Self.value(of: response) } catch { throw .undecodable(error.description) }
            return try Self.deployment(from: parsed) as! T
        }
        do { return try JSONDecoder().decode(T.self, from: response.body) }
        catch { throw .undecodable(KubeconfigLoader.describe(error)) }
    }

    /// The JSON value of a response: the one the transport carries (the in-process cluster's),
    /// else the body parsed.
    private static func value(of response: HTTPResponse) throws(JSONParseError) -> JSONValue {
        if let json = response.json { return json }
        return try JSONValue(parsing: response.body)
    }

    /// The error context for an object in a namespace of this cluster.
    public func context(_ ns: String?, _ object: String, _ action: String) -> KubeErrorContext {
        KubeErrorContext(context: config.contextName, server: config.server, namespace: ns, object: object, action: action)
    }

    /// `299 - "text"` → `text`.
    static func warningText(_ header: String) -> String {
        guard let open = header.firstIndex(of: "\""), let close = header.lastIndex(of: "\""), open < close else { return header }
        return String(header[header.index(after: open)..<close])
    }
}
