import CortexCore
import CortexShell
import CortexTestSupport
import Testing

/// A diagnosis that suggests a rollback: offered at a prompt, applied only when accepted,
/// and then judged and audited like a typed request.
@Suite struct PipelineFixOfferTests {
    static let diagnose = Operation(.diagnose, service: "payments", environment: "staging")
    static let fix = Operation(.rollback, service: "payments", environment: "staging", revision: 2)

    func run(_ reader: QueueReader?, policy: Policy = Policy(rules: [])) -> (ExitCode, RecordingDispatcher, CapturedOutput, TestSafeguards) {
        let report = DispatchReport(lines: ["diagnosis: payments in staging is failing"], suggestion: Self.fix)
        let d = RecordingDispatcher(report: report), out = CapturedOutput(), guards = TestSafeguards()
        let p = Pipeline(understander: TableUnderstander(table: ["why is payments failing": Self.diagnose]), dispatcher: d,
                         output: out, safeguards: guards.make(policy))
        let code = p.handle("why is payments failing", source: reader?.isInteractive == true ? .repl : .oneShot,
                            state: SessionState(), reader: reader)
        return (code, d, out, guards)
    }

    @Test func withoutATerminalTheFixIsPrintedAndNothingChanges() {
        let (code, d, out, guards) = run(nil)
        #expect(code == .success)
        #expect(d.dispatched.withLock { $0.map(\.operation.op) } == [.diagnose])
        #expect(out.out.contains("to apply it, run: cortex nl \"roll back payments in staging to revision 2\""))
        #expect(guards.events == [.understood, .confirmed, .executed])
    }

    @Test func declinedChangesNothing() {
        let reader = QueueReader(["n"], interactive: true)
        let (code, d, out, _) = run(reader)
        #expect(code == .success)
        #expect(reader.prompts == ["? Apply this fix? [y/N] "])
        #expect(d.dispatched.withLock { $0.count } == 1)
        #expect(out.out.contains("not applied; nothing was changed"))
    }

    @Test func acceptedTheFixIsPlannedJudgedAndAudited() {
        let reader = QueueReader(["y"], interactive: true)
        let (code, d, out, guards) = run(reader)
        #expect(code == .success)
        #expect(d.dispatched.withLock { $0.map(\.operation) } == [Self.diagnose, Self.fix])
        #expect(out.out.contains("> roll back payments in staging to revision 2"))
        #expect(guards.events == [.understood, .confirmed, .executed, .understood, .confirmed, .executed])
        #expect(guards.entries[3].record.event.understander == "diagnosis")
        #expect(guards.chainIsIntact)
    }

    @Test func anAcceptedFixStillMeetsTheGuardrails() {
        let policy = Policy(rules: [
            PolicyRule(id: "no-staging-rollbacks", location: RuleLocation(file: "test.yaml", line: 3),
                       scope: RuleScope(environments: ["staging"], operations: [.rollback]), action: .deny, rule: ProtectionRule()),
        ])
        let reader = QueueReader(["y"], interactive: true)
        let (code, d, _, guards) = run(reader, policy: policy)
        #expect(code == .denied)
        #expect(d.dispatched.withLock { $0.map(\.operation.op) } == [.diagnose])
        #expect(guards.events.last == .denied)
    }
}
