import CortexCore
import Testing

@Suite("Secret redaction")
struct AuditRedactorTests {
    @Test(arguments: [
        ("curl -H 'Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig' x", "curl -H 'Authorization: [REDACTED]"),
        ("use Bearer abcDEF123456789 now", "use Bearer [REDACTED] now"),
        ("set OPENAI key sk-proj-AbCdEfGhIjKlMnOp1234 please", "set OPENAI key [REDACTED] please"),
        ("sk-ant-api03-abcdefghijklmnopqrstuvwxyz", "[REDACTED]"),
        ("deploy with password=hunter2 now", "deploy with password=[REDACTED] now"),
        ("DB_PASSWORD=s3cr3t&user=bob", "DB_PASSWORD=[REDACTED]&user=bob"),
        ("token: abc.def.ghi", "token: [REDACTED]"),
        ("api_key=ABCD1234, next", "api_key=[REDACTED], next"),
        ("x-api-key: 0123456789abcdef", "x-api-key: [REDACTED]"),
        ("{\"client_secret\": \"va\\\"lue\", \"a\": 1}", "{\"client_secret\": \"[REDACTED]\", \"a\": 1}"),
        ("postgres://admin:pa55word@db:5432/x", "postgres://admin:[REDACTED]@db:5432/x"),
        ("key -----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY----- done", "key [REDACTED PRIVATE KEY] done"),
        ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3Blbn", "[REDACTED PRIVATE KEY]"),
        ("ghp_abcdefghijklmnopqrstuvwxyz0123456789", "[REDACTED]"),
        ("AKIAABCDEFGHIJKLMNOP is aws", "[REDACTED] is aws"),
    ])
    func secretsAreMasked(_ text: String, _ expected: String) {
        #expect(SecretRedactor().redact(text) == expected)
    }

    @Test(arguments: [
        "scale api-gateway to 3 replicas in production",
        "deploy security-worker v1.4.2 to staging",
        "use bearer authentication for the task-runner",
        "show the tokens: cost this month",
        "roll back payments to revision 4",
        "the passwords page is https://example.com/docs",
        "héllo wörld — ünïcode stays",
        "",
    ])
    func ordinaryTextIsUntouched(_ text: String) {
        #expect(SecretRedactor().redact(text) == text)
    }
}
