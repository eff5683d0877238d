public import CortexCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the audit log lives and how it is keyed, from flags and the environment:
/// `--audit-log` > `CORTEX_AUDIT_LOG` > `$XDG_STATE_HOME/cortex/audit.jsonl` >
/// `~/.local/state/cortex/audit.jsonl`; keyed mode when `CORTEX_AUDIT_KEY` is set.
public struct AuditSettings: Sendable {
    public static let keyVariable = "CORTEX_AUDIT_KEY"
    public static let minimumKeyLength = 16

    public var logPath: String
    /// HMAC-SHA256 with the key when keyed; never written anywhere.
    public var keyed: OpenSSLDigest?

    public init(logPath: String, keyed: OpenSSLDigest? = nil) {
        self.logPath = logPath
        self.keyed = keyed
    }

    public static func resolve(flag: String?, environment: [String: String]) throws(CortexError) -> AuditSettings {
        var path = flag ?? environment["CORTEX_AUDIT_LOG"].flatMap { $0.isEmpty ? nil : $0 } ?? ""
        if path.isEmpty { path = try CortexPaths.stateDirectory(environment: environment) + "/audit.jsonl" }
        var keyed: OpenSSLDigest?
        if let key = environment[keyVariable], !key.isEmpty {
            guard key.utf8.count >= minimumKeyLength else {
                throw .usage("\(keyVariable) is too short for an audit key",
                             hint: "use at least \(minimumKeyLength) random characters")
            }
            keyed = .hmacSHA256(key: Array(key.utf8))
        }
        return AuditSettings(logPath: path, keyed: keyed)
    }

    public var appender: AuditAppender { AuditAppender(plain: OpenSSLDigest.sha256, keyed: keyed) }
    public var verifier: AuditVerifier { AuditVerifier(plain: OpenSSLDigest.sha256, keyed: keyed) }
    /// The store; `flushes: false` only for a state folder thrown away when the run ends.
    public func store(flushes: Bool = true) -> FileAuditStore { FileAuditStore(path: logPath, appender: appender, flushes: flushes) }
}

/// Who is at the keyboard, for audit entries and approvals.
public enum AuditIdentity {
    /// The effective user's login name (else `$USER`, else `uid<n>`) and the host name.
    public static func current(environment: [String: String]) -> AuditActor {
        var user = environment["USER"] ?? "uid\(geteuid())"
        if let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name { user = String(cString: name) }
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : "unknown-host"
        return AuditActor(user: user, host: host)
    }

    /// A new random session id: 16 hex digits.
    public static func newSessionID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<8).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }
}
