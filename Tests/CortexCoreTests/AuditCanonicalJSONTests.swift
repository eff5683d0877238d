@testable import CortexCore
import Foundation
import Testing

/// Audit hashes cover each record's bytes, so the record written by hand
/// (`AuditRecord.canonicalJSON`) must stay byte for byte what `JSONEncoder` (sorted keys,
/// slashes unescaped) made of it before: entries already in logs still verify, and a chain
/// sealed today is the one the encoder would have sealed.
@Suite struct AuditCanonicalJSONTests {
    /// The record as the audit chain encoded it with `JSONEncoder`, `{}` where it refused.
    static func encoded(_ record: AuditRecord) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(record) else { return "{}" }
        return String(decoding: data, as: UTF8.self)
    }

    /// The whole line as `AuditChain.seal` wrote it with `JSONEncoder`.
    static func sealedWithEncoder(_ record: AuditRecord, after previous: AuditLink?, recovering region: RecoveredRegion?,
                                  digest: any Digest) -> String {
        let body = encoded(record.redacted())
        let seq = (previous?.seq ?? 0) + 1
        var text = "{\"seq\":\(seq),\"prev\":\"\(previous?.hash ?? AuditChain.genesis)\",\"alg\":\"\(digest.algorithm)\""
        if let region { text += ",\"recovered\":{\"bytes\":\(region.bytes),\"digest\":\"\(region.digest)\"}" }
        text += ",\"record\":" + body
        return text + ",\"hash\":\"\(digest.hex(Array(text.utf8)))\"}"
    }

    /// Text with every control character, the characters JSON escapes, `/`, DEL and non-ASCII.
    static let hostile: String = {
        var text = ""
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        return text + "\u{7F} / \" \\ é e\u{301} \u{2028} \u{2029} 😀 ok 日本語"
    }()

    static let texts = ["", "plain", hostile, "tab\there", "quote \"x\" and back\\slash", "path/to/file.yaml", "ünïcödé ✓", "\u{8}\u{C}"]

    /// Records covering every optional field present and absent, every event kind, source and
    /// confirmation, identities with and without groups, verdicts with none, one and several
    /// rules, results with and without texts, and operations from the parser corpus.
    static func records() throws -> [AuditRecord] {
        var records: [AuditRecord] = []
        let time = Date(timeIntervalSince1970: 1_741_341_600.123)
        let identities: [OperatorIdentity?] = [
            nil, OperatorIdentity(user: "alice", verified: false),
            OperatorIdentity(user: hostile, groups: ["sre", "system:authenticated", hostile], verified: true),
        ]
        let findings = [
            Finding(ruleID: "large-jump", kind: "large-jump", action: .confirm, message: "jump \(hostile)",
                    location: RuleLocation(file: "/etc/cortex/policy.yaml", line: 12)),
            Finding(ruleID: "prod/freeze", kind: "freeze", action: .deny, message: "frozen until Monday",
                    location: RuleLocation(file: "a\\b \"c\"", line: 0)),
        ]
        var operations: [CortexCore.Operation?] = [
            nil,
            CortexCore.Operation(
                .setResources, service: hostile, environment: "staging", replicas: 3, delta: -2, version: "v1.2/3",
                image: "ghcr.io/acme/x:1", revision: 7, lines: 50, task: hostile, amount: 12.5, period: .week,
                reason: "why \u{8}\u{C}", kind: .statefulset, since: "15m",
                env: ["LOG_LEVEL": .set("debug"), "a": .remove, "B": .set(hostile), "é": .set("1")],
                cpu: "500m", memory: "1Gi", scope: .limits, min: 1, max: 9, cpuPercent: 80, enabled: true, canary: 10),
            CortexCore.Operation(.budget, amount: .infinity, period: .month),
            CortexCore.Operation(.budget, amount: .nan, period: .month),
            CortexCore.Operation(.budget, amount: 1e300, period: .month),
        ]
        let parser = EmbeddedParser()
        for c in try ParserCorpus.load("parser-cases").prefix(300) {
            operations.append(c.expect)
            operations.append(parser.understand(c.text, context: UnderstandingContext()).operation)
        }
        for (n, operation) in operations.enumerated() {
            let kind = AuditEventKind.allCases[n % AuditEventKind.allCases.count]
            let text = texts[n % texts.count]
            var event = AuditEvent(
                kind, input: n % 5 == 4 ? nil : text, operation: operation, environment: n % 3 == 0 ? nil : "staging",
                context: n % 4 == 0 ? nil : "kind-\(text)", namespace: n % 6 == 0 ? nil : "ns/\(n)",
                verdict: n % 3 == 1 ? nil : Verdict(findings: Array(findings.prefix(n % 3)), typedName: "api"),
                confirmation: n % 7 == 0 ? nil : ConfirmationOutcome.allCases[n % ConfirmationOutcome.allCases.count],
                result: n % 2 == 0 ? nil : AuditResult(ok: n % 4 == 1, summary: n % 3 == 0 ? nil : text, error: n % 5 == 0 ? nil : text),
                approval: n % 4 == 3 ? "0000000\(n % 10)" : nil)
            if n % 3 == 2 { event.understander = n % 2 == 0 ? "embedded" : "llm" }
            let origin = AuditOrigin(
                actor: AuditActor(user: n % 2 == 0 ? "alice" : text, host: n % 3 == 0 ? "ops1" : text),
                session: n % 2 == 0 ? "transcript" : text, source: AuditSource.allCases[n % AuditSource.allCases.count],
                identity: identities[n % identities.count])
            records.append(AuditRecord(event, time: time.addingTimeInterval(Double(n) * 0.001), origin: origin))
        }
        return records
    }

    @Test func everyRecordIsWrittenAsTheEncoderWroteIt() throws {
        let records = try Self.records()
        #expect(records.count > 500)
        for record in records {
            #expect((record.canonicalJSON ?? "{}") == Self.encoded(record), "\(record.event.input ?? "-")")
        }
        // The encoder refuses only the infinite and NaN amounts.
        #expect(records.filter { $0.canonicalJSON == nil }.count == 2)
    }

    @Test func sealedLinesAreTheLinesTheEncoderSealed() throws {
        let digest = TestDigest()
        var previous: AuditLink?
        for (n, record) in try Self.records().enumerated() {
            let region = n % 50 == 7 ? RecoveredRegion(bytes: n, digest: String(repeating: "a", count: 64)) : nil
            let sealed = AuditChain.seal(record, after: previous, recovering: region, digest: digest)
            #expect(sealed.line == Self.sealedWithEncoder(record, after: previous, recovering: region, digest: digest))
            previous = sealed.link
        }
    }
}

extension AuditCanonicalJSONTests {
    @Test func anEntryMadeFromItsSealIsTheEntryItsLineDecodesTo() throws {
        var previous: AuditLink?
        var made = 0
        for record in try Self.records() {
            let sealed = AuditChain.seal(record, after: previous, digest: TestDigest())
            previous = sealed.link
            let decoded = AuditEntry.decode(Array(sealed.line.utf8))
            #expect(AuditEntry(sealed: sealed) == decoded, "\(sealed.line)")
            if decoded != nil { made += 1 }
        }
        #expect(made > 500)
    }
}
