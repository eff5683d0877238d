public import CortexCore
public import FoundationEssentials
import Yams

/// Reads files for the kubeconfig loader; the live implementation is at the edge.
public protocol KubeFileReader: Sendable {
    /// The file's bytes, or nil when it does not exist. Throws when it exists but cannot be read.
    func read(_ path: String) throws(CortexError) -> Data?
}

/// Where kubeconfig comes from, as kubectl decides it.
public struct KubeconfigSources: Equatable, Sendable {
    /// `--kubeconfig`: only this file, which must exist.
    public var explicitPath: String?
    /// The process environment: `KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_HOST`/`PORT`, `POD_NAMESPACE`.
    public var environment: [String: String]

    public init(explicitPath: String? = nil, environment: [String: String]) {
        self.explicitPath = explicitPath
        self.environment = environment
    }
}

/// Several kubeconfig files merged: for each name, the first file that defines it wins whole.
public struct MergedKubeconfig: Equatable, Sendable {
    public var clusters: [String: KubeconfigFile.Cluster] = [:]
    public var users: [String: KubeconfigFile.User] = [:]
    public var contexts: [String: KubeconfigFile.Context] = [:]
    public var currentContext: String?
    /// The files that were read, in order.
    public var files: [String] = []

    public init() {}

    public var contextNames: [String] { contexts.keys.sorted() }
}

/// What configuration is available.
public enum KubeconfigSelection: Equatable, Sendable {
    case kubeconfig(MergedKubeconfig)
    /// Running in a pod with a service account.
    case inCluster(ResolvedKubeConfig)
    /// No kubeconfig file and not in a cluster.
    case none
}

/// Loads kubeconfig: `--kubeconfig`, else `KUBECONFIG` (several paths), else `~/.kube/config`;
/// with none of them, the in-cluster service account.
public enum KubeconfigLoader {
    public static let serviceAccountDirectory = "/var/run/secrets/kubernetes.io/serviceaccount"

    public static func load(_ sources: KubeconfigSources, files: any KubeFileReader) throws(CortexError) -> KubeconfigSelection {
        var loaded: [(path: String, file: KubeconfigFile)] = []
        if let explicit = sources.explicitPath {
            guard let data = try files.read(explicit) else {
                throw .usage("kubeconfig \(explicit) does not exist", hint: "check the path given to --kubeconfig")
            }
            loaded.append((explicit, try parse(data, path: explicit)))
        } else {
            for path in candidatePaths(sources.environment) {
                guard let data = try files.read(path) else { continue }
                loaded.append((path, try parse(data, path: path)))
            }
        }
        if loaded.isEmpty {
            if sources.explicitPath == nil, let inCluster = try inClusterConfig(sources.environment, files: files) {
                return .inCluster(inCluster)
            }
            return .none
        }
        return .kubeconfig(merge(loaded))
    }

    /// The files to try, in order: the `KUBECONFIG` list (de-duplicated, empty entries dropped), else `~/.kube/config`.
    public static func candidatePaths(_ environment: [String: String]) -> [String] {
        if let list = environment["KUBECONFIG"], !list.isEmpty {
            var seen = Set<String>()
            return list.split(separator: ":", omittingEmptySubsequences: true).map(String.init).filter { seen.insert($0).inserted }
        }
        guard let home = environment["HOME"], !home.isEmpty else { return [] }
        return [home + "/.kube/config"]
    }

    public static func parse(_ data: Data, path: String) throws(CortexError) -> KubeconfigFile {
        let text = String(decoding: data, as: UTF8.self)
        if text.allSatisfy({ $0.isWhitespace }) { return KubeconfigFile() }
        do {
            return try YAMLDecoder().decode(KubeconfigFile.self, from: text)
        } catch {
            throw .usage("kubeconfig \(path) cannot be read: \(describe(error))", hint: "fix the YAML (compare with `kubectl config view`)")
        }
    }

    /// Merges files in order; relative file references are resolved against the directory of the file that made them.
    public static func merge(_ files: [(path: String, file: KubeconfigFile)]) -> MergedKubeconfig {
        var merged = MergedKubeconfig()
        for (path, file) in files {
            merged.files.append(path)
            let dir = directory(of: path)
            if merged.currentContext == nil, let c = file.currentContext, !c.isEmpty { merged.currentContext = c }
            for entry in file.clusters ?? [] where merged.clusters[entry.name] == nil {
                var c = entry.body
                c.certificateAuthority = c.certificateAuthority.map { absolute($0, in: dir) }
                merged.clusters[entry.name] = c
            }
            for entry in file.users ?? [] where merged.users[entry.name] == nil {
                var u = entry.body
                u.clientCertificate = u.clientCertificate.map { absolute($0, in: dir) }
                u.clientKey = u.clientKey.map { absolute($0, in: dir) }
                u.tokenFile = u.tokenFile.map { absolute($0, in: dir) }
                if var exec = u.exec, exec.command.contains("/") {
                    exec.command = absolute(exec.command, in: dir)
                    u.exec = exec
                }
                merged.users[entry.name] = u
            }
            for entry in file.contexts ?? [] where merged.contexts[entry.name] == nil {
                merged.contexts[entry.name] = entry.body
            }
        }
        return merged
    }

    /// The service-account configuration, when running in a pod.
    public static func inClusterConfig(_ env: [String: String], files: any KubeFileReader) throws(CortexError) -> ResolvedKubeConfig? {
        guard let host = env["KUBERNETES_SERVICE_HOST"], !host.isEmpty,
              let port = env["KUBERNETES_SERVICE_PORT"], !port.isEmpty else { return nil }
        let tokenPath = serviceAccountDirectory + "/token"
        guard try files.read(tokenPath) != nil else { return nil }
        let hostPart = host.contains(":") ? "[\(host)]" : host
        var namespace = env["POD_NAMESPACE"].flatMap { $0.isEmpty ? nil : $0 }
        if namespace == nil, let data = try files.read(serviceAccountDirectory + "/namespace") {
            let text = String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace }
            if !text.isEmpty { namespace = text }
        }
        let ca = try files.read(serviceAccountDirectory + "/ca.crt")
        return ResolvedKubeConfig(
            contextName: "in-cluster", server: "https://\(hostPart):\(port)", namespace: namespace ?? "default",
            tls: TLSSettings(certificateAuthority: ca.map { .data($0) }),
            credentials: .tokenFile(path: tokenPath, fallback: nil))
    }

    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func absolute(_ path: String, in dir: String) -> String {
        if path.isEmpty || path.hasPrefix("/") { return path }
        return dir == "/" ? "/" + path : dir + "/" + path
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c), DecodingError.dataCorrupted(let c):
            let path = c.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? c.debugDescription : "\(path): \(c.debugDescription)"
        case DecodingError.keyNotFound(let key, let c):
            let path = (c.codingPath + [key]).map(\.stringValue).joined(separator: ".")
            return "\(path) is missing"
        default:
            return String(describing: error)
        }
    }
}
