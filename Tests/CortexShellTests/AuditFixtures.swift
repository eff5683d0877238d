import CortexCore
import CortexShell
import Foundation

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "cortex-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

enum AuditFixture {
    static let origin = AuditOrigin(actor: AuditActor(user: "alice", host: "ops1"), session: "s-1", source: .oneshot)
    static let key = Array("correct horse battery staple".utf8)
    static let keyed = OpenSSLDigest.hmacSHA256(key: key)

    static func record(_ n: Int, session: String = "s-1", input: String? = nil) -> AuditRecord {
        let event = AuditEvent(.executed, input: input ?? "scale api to \(n)",
                               operation: Operation(.scale, service: "api", environment: "staging", replicas: n),
                               environment: "staging", result: AuditResult(ok: true))
        let origin = AuditOrigin(actor: Self.origin.actor, session: session, source: .oneshot)
        return AuditRecord(event, time: Date(timeIntervalSince1970: 1_741_341_600 + Double(n)), origin: origin)
    }

    static func store(in folder: TemporaryFolder, keyed: Bool = false) -> FileAuditStore {
        FileAuditStore(path: folder.path + "/state/audit.jsonl",
                       appender: AuditAppender(plain: OpenSSLDigest.sha256, keyed: keyed ? Self.keyed : nil))
    }

    static func verify(_ store: FileAuditStore, keyed: Bool = false) throws -> AuditVerification {
        let contents = try store.contents()
        return AuditVerifier(plain: OpenSSLDigest.sha256, keyed: keyed ? Self.keyed : nil).verify(contents.log, head: contents.head)
    }

    static func lines(_ store: FileAuditStore) throws -> [String] {
        try String(contentsOfFile: store.path, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    static func write(_ lines: [String], to store: FileAuditStore) throws {
        try (lines.joined(separator: "\n") + "\n").write(toFile: store.path, atomically: false, encoding: .utf8)
    }
}
