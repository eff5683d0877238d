import CortexCore
import CortexShell
import Testing

@Suite("OpenSSL digests")
struct AuditDigestTests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ])
    func sha256(_ input: String, _ hex: String) {
        #expect(OpenSSLDigest.sha256.hex(Array(input.utf8)) == hex)
        #expect(OpenSSLDigest.sha256.algorithm == "sha256")
    }

    @Test func hmacSHA256MatchesRFC4231() {
        let digest = OpenSSLDigest.hmacSHA256(key: Array("Jefe".utf8))
        #expect(digest.hex(Array("what do ya want for nothing?".utf8))
            == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        #expect(digest.algorithm == "hmac-sha256")
        #expect(digest.isKeyed)
    }

    @Test func theKeyIsNeverPrinted() {
        let digest = OpenSSLDigest.hmacSHA256(key: Array("s3cret-audit-key-123".utf8))
        #expect(!"\(digest)".contains("s3cret"))
        #expect(!String(reflecting: digest).contains("s3cret"))
    }
}

@Suite("Audit settings")
struct AuditSettingsTests {
    @Test func pathsFollowFlagThenEnvironmentThenXDG() throws {
        let env = ["HOME": "/home/a", "XDG_STATE_HOME": "/xdg/state", "CORTEX_AUDIT_LOG": "/env/audit.jsonl"]
        #expect(try AuditSettings.resolve(flag: "/flag.jsonl", environment: env).logPath == "/flag.jsonl")
        #expect(try AuditSettings.resolve(flag: nil, environment: env).logPath == "/env/audit.jsonl")
        #expect(try AuditSettings.resolve(flag: nil, environment: ["HOME": "/home/a", "XDG_STATE_HOME": "/xdg/state"]).logPath
            == "/xdg/state/cortex/audit.jsonl")
        #expect(try AuditSettings.resolve(flag: nil, environment: ["HOME": "/home/a", "XDG_STATE_HOME": "relative"]).logPath
            == "/home/a/.local/state/cortex/audit.jsonl")
        // The state folder override moves the audit log and the approvals with the rest.
        #expect(try AuditSettings.resolve(flag: nil, environment: ["HOME": "/home/a", "CORTEX_STATE_DIR": "/st"]).logPath == "/st/audit.jsonl")
        #expect(try FileApprovalStore.path(flag: nil, environment: ["CORTEX_STATE_DIR": "/st"]) == "/st/approvals.json")
        #expect(throws: CortexError.self) { try FileApprovalStore.path(flag: nil, environment: [:]) }
    }

    @Test func keyedModeComesFromTheEnvironment() throws {
        #expect(try AuditSettings.resolve(flag: nil, environment: ["HOME": "/h"]).keyed == nil)
        let settings = try AuditSettings.resolve(flag: nil, environment: ["HOME": "/h", "CORTEX_AUDIT_KEY": "0123456789abcdef"])
        #expect(settings.keyed?.algorithm == "hmac-sha256")
        #expect(settings.appender.digest.isKeyed)
    }

    @Test func aShortKeyIsRefusedWithoutRepeatingIt() {
        #expect {
            try AuditSettings.resolve(flag: nil, environment: ["HOME": "/h", "CORTEX_AUDIT_KEY": "hunter2"])
        } throws: { error in
            let e = error as? CortexError
            return e?.exitCode == .usage && !(e?.description.contains("hunter2") ?? true)
        }
    }
}
