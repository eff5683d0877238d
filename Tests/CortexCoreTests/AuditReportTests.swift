import CortexCore
import Testing

@Suite("Audit verification report")
struct AuditReportTests {
    @Test func intact() {
        var result = AuditVerification()
        result.entries = 2000
        #expect(AuditReport.verification(result, log: "a.jsonl") == "a.jsonl: 2000 entries, chain intact\n")
    }

    @Test func intactWithATornTailAndRecoveredLines() {
        var result = AuditVerification()
        result.entries = 5
        result.recoveredLines = [4]
        result.tornTail = TornTail(line: 7, bytes: 57)
        #expect(AuditReport.verification(result, log: "a.jsonl") == """
        a.jsonl: 5 entries, chain intact
        note: line 4 holds the remains of an interrupted write, vouched for by the entry after it
        warning: line 7 is the remains of an interrupted write (57 bytes), not tampering; the entries before it are intact and the next entry will chain past it

        """)
    }

    @Test(arguments: [
        (1, 2 as Int?, "a.jsonl: NOT intact: boom; the entry before it is intact\n"),
        (9, 10, "a.jsonl: NOT intact: boom; the 9 entries before it are intact\n"),
        (0, 1, "a.jsonl: NOT intact: boom\n"),
        (9, nil, "a.jsonl: NOT intact: boom; the 9 entries themselves are intact\n"),
        (1, nil, "a.jsonl: NOT intact: boom; the entry itself is intact\n"),
    ])
    func broken(_ entries: Int, _ line: Int?, _ text: String) {
        var result = AuditVerification()
        result.entries = entries
        result.problem = AuditProblem(kind: .edited, line: line, message: "boom")
        #expect(AuditReport.verification(result, log: "a.jsonl") == text)
    }
}
