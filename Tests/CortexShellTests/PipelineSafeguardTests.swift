import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Synchronization
import Testing

/// Reads the audit log file at the moment of dispatch: what was on disk before the
/// operation proceeded.
final class AuditProbeDispatcher: Dispatcher, Sendable {
    let logPath: String
    let seenAtDispatch = Mutex<[AuditEventKind]?>(nil)

    init(logPath: String) {
        self.logPath = logPath
    }

    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        ResolvedOperation(operation: operation, environment: environment)
    }

    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        let bytes = FileManager.default.contents(atPath: logPath).map { [UInt8]($0) } ?? []
        seenAtDispatch.withLock { $0 = AuditReading.entries(in: bytes).map(\.record.event.kind) }
        return DispatchReport(lines: ["done"])
    }
}

@Suite struct PipelineSafeguardTests {
    /// Deletes in production are denied; scaling in staging is confirmed; deleting in staging
    /// needs the name typed back.
    static let policy = Policy(rules: [
        PolicyRule(id: "no-production-deletes", location: RuleLocation(file: "test.yaml", line: 3),
                   scope: RuleScope(environments: ["production"], operations: [.delete]), action: .deny, rule: DestructiveRule()),
        PolicyRule(id: "staging-scaling", location: RuleLocation(file: "test.yaml", line: 8),
                   scope: RuleScope(environments: ["staging"], operations: [.scale]), action: .confirm, rule: ProtectionRule()),
        PolicyRule(id: "destructive", location: RuleLocation(file: "test.yaml", line: 13),
                   scope: RuleScope(environments: ["staging"]), rule: DestructiveRule()),
    ])

    static let table: [String: Operation] = [
        "delete api in prod": Operation(.delete, service: "api", environment: "production"),
        "scale api to 3 in staging": Operation(.scale, service: "api", environment: "staging", replicas: 3),
        "delete api in staging": Operation(.delete, service: "api", environment: "staging"),
        "status": Operation(.status),
    ]

    func handle(_ text: String, _ guards: Safeguards, reader: (any LineReader)? = nil,
                dispatcher: RecordingDispatcher = RecordingDispatcher(), output: CapturedOutput = CapturedOutput()) -> ExitCode {
        Pipeline(understander: TableUnderstander(table: Self.table), dispatcher: dispatcher, output: output, safeguards: guards)
            .handle(text, source: .repl, state: SessionState(), reader: reader)
    }

    @Test func deniedExitsThreeNamesTheRuleAndDispatchesNothing() {
        let t = TestSafeguards(), d = RecordingDispatcher(), out = CapturedOutput()
        let code = handle("delete api in prod", t.make(Self.policy, yes: true, confirm: "api"), dispatcher: d, output: out)
        #expect(code == .denied)
        #expect(d.dispatched.withLock { $0.isEmpty })
        #expect(out.err.contains("denied by the guardrails"))
        #expect(out.err.contains("no-production-deletes, test.yaml:3"))
        #expect(t.events == [.understood, .denied])
        #expect(t.entries.last?.record.event.verdict?.rules.map(\.id) == ["no-production-deletes"])
    }

    @Test func yesAtThePromptDispatchesAfterShowingThePlan() {
        let t = TestSafeguards(), d = RecordingDispatcher(), out = CapturedOutput()
        let reader = QueueReader(["y"], interactive: true)
        let code = handle("scale api to 3 in staging", t.make(Self.policy), reader: reader, dispatcher: d, output: out)
        #expect(code == .success)
        #expect(reader.prompts == ["? Proceed? [y/N] "])
        #expect(out.out.contains("Plan: scale api in staging to 3 replicas\n"))
        #expect(out.out.contains("staging-scaling (test.yaml:8)"))
        #expect(d.dispatched.withLock { $0.count } == 1)
        #expect(t.events == [.understood, .confirmed, .executed])
        #expect(t.entries.map(\.record.event.confirmation)[1] == .confirmed)
        #expect(t.chainIsIntact)
    }

    @Test(arguments: [["n"], [""], ["yes please"], []])
    func anythingButYesDeclinesWithExitFour(_ replies: [String]) {
        let t = TestSafeguards(), d = RecordingDispatcher(), out = CapturedOutput()
        let code = handle("scale api to 3 in staging", t.make(Self.policy), reader: QueueReader(replies, interactive: true),
                          dispatcher: d, output: out)
        #expect(code == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
        #expect(out.err.contains("nothing was changed"))
        #expect(t.events == [.understood, .declined])
    }

    @Test func nobodyToAnswerRefusesUnlessYesWasGiven() {
        let refused = TestSafeguards(), d = RecordingDispatcher()
        #expect(handle("scale api to 3 in staging", refused.make(Self.policy), reader: QueueReader([]), dispatcher: d) == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
        #expect(refused.events == [.understood, .refused])

        let assumed = TestSafeguards()
        #expect(handle("scale api to 3 in staging", assumed.make(Self.policy, yes: true), reader: QueueReader([]), dispatcher: d) == .success)
        #expect(d.dispatched.withLock { $0.count } == 1)
        #expect(assumed.entries.map(\.record.event.confirmation) == [nil, .assumedYes, nil])
    }

    @Test func yesDoesNotAnswerATypedConfirmation() {
        let t = TestSafeguards(), d = RecordingDispatcher(), out = CapturedOutput()
        let code = handle("delete api in staging", t.make(Self.policy, yes: true), reader: QueueReader([]), dispatcher: d, output: out)
        #expect(code == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
        #expect(out.err.contains("--confirm api"))
        #expect(t.events == [.understood, .refused])
    }

    @Test func confirmNamingTheTargetAnswersATypedConfirmation() {
        let t = TestSafeguards(), d = RecordingDispatcher()
        #expect(handle("delete api in staging", t.make(Self.policy, confirm: "api"), dispatcher: d) == .success)
        #expect(d.dispatched.withLock { $0.count } == 1)
        #expect(t.entries.map(\.record.event.confirmation) == [nil, .namedByFlag, nil])
    }

    @Test func confirmNamingAnotherServiceIsRefused() {
        let t = TestSafeguards(), d = RecordingDispatcher(), out = CapturedOutput()
        let code = handle("delete api in staging", t.make(Self.policy, confirm: "billing"), reader: QueueReader(["api"], interactive: true),
                          dispatcher: d, output: out)
        #expect(code == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
        #expect(out.err.contains("--confirm names 'billing'"))
        #expect(t.events == [.understood, .refused])
    }

    @Test(arguments: [("api", ExitCode.success), ("API", .notConfirmed), ("y", .notConfirmed), ("", .notConfirmed)])
    func typedConfirmationNeedsTheExactName(_ reply: String, _ expected: ExitCode) {
        let t = TestSafeguards(), d = RecordingDispatcher()
        let reader = QueueReader([reply], interactive: true)
        #expect(handle("delete api in staging", t.make(Self.policy), reader: reader, dispatcher: d) == expected)
        #expect(reader.prompts == ["? Type api to proceed [api] "])
        #expect(d.dispatched.withLock { $0.count } == (expected == .success ? 1 : 0))
        #expect(t.events.last == (expected == .success ? .executed : .declined))
    }

    @Test func readOnlyRequestsAreNeverAskedAndStillAudited() {
        let t = TestSafeguards(), out = CapturedOutput()
        let reader = QueueReader([], interactive: true)
        #expect(handle("status", t.make(Self.policy), reader: reader, output: out) == .success)
        #expect(reader.prompts.isEmpty)
        #expect(!out.out.contains("Plan:"))
        #expect(t.events == [.understood, .confirmed, .executed])
        #expect(t.entries[1].record.event.confirmation == .notRequired)
    }

    @Test func notUnderstoodIsAuditedAsAnUnknownOperation() {
        let t = TestSafeguards()
        #expect(handle("make coffee", t.make(Self.policy)) == .notUnderstood)
        #expect(t.events == [.understood])
        #expect(t.entries.first?.record.event.operation?.op == .unknown)
        #expect(t.entries.first?.record.event.input == "make coffee")
    }

    @Test func failedDispatchIsAuditedAsFailed() {
        let t = TestSafeguards()
        let d = RecordingDispatcher(report: DispatchReport(lines: ["rollout stalled"], succeeded: false))
        #expect(handle("status", t.make(Self.policy), dispatcher: d) == .failed)
        #expect(t.events == [.understood, .confirmed, .failed])
        #expect(t.entries.last?.record.event.result?.ok == false)
    }

    @Test func theClearanceIsOnDiskBeforeTheOperationProceeds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/audit.jsonl"
        let store = FileAuditStore(path: path, appender: AuditAppender(plain: OpenSSLDigest.sha256))
        let origin = AuditOrigin(actor: AuditActor(user: "alice", host: "ops-1"), session: "0123456789abcdef", source: .repl)
        let guards = Safeguards(policy: Self.policy, audit: AuditLog(store: store, origin: origin),
                                options: ConfirmationOptions(interactive: false, assumeYes: true), clock: { TestSafeguards.tuesday })
        let probe = AuditProbeDispatcher(logPath: path)
        let code = Pipeline(understander: TableUnderstander(table: Self.table), dispatcher: probe, output: CapturedOutput(), safeguards: guards)
            .handle("scale api to 3 in staging", source: .oneShot, state: SessionState(), reader: nil)
        #expect(code == .success)
        #expect(probe.seenAtDispatch.withLock { $0 } == [.understood, .confirmed])
        let entries = AuditReading.entries(in: try store.contents().log)
        #expect(entries.map(\.record.event.kind) == [.understood, .confirmed, .executed])
        #expect(entries.allSatisfy { $0.record.source == .oneshot })
    }

    @Test func twoPersonRuleRecordsAPendingRequestAndExitsFourWithItsID() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let approvals = FileApprovalStore(path: dir.path + "/approvals.json")
        let t = TestSafeguards(), d = RecordingDispatcher(), out = CapturedOutput()
        let code = handle("delete api in prod", t.make(try PolicyLoader().load(.bundled), confirm: "api", approvals: approvals),
                          dispatcher: d, output: out)
        #expect(code == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
        let pending = try approvals.read().pending(at: TestSafeguards.tuesday)
        #expect(pending.count == 1)
        let id = try #require(pending.first?.id)
        #expect(out.err.contains("cortex approve \(id)"))
        #expect(t.events == [.understood, .pending])
        #expect(t.entries.last?.record.event.approval == id)
    }

    /// The plain request and one phrased to sound harmless become the same operation, so
    /// they meet the same verdict and end the same way.
    @Test func aRiskLoweringPhrasingMeetsTheSameVerdict() throws {
        let policy = try PolicyLoader().load(.bundled)
        var verdicts: [AuditVerdict?] = []
        var codes: [ExitCode] = []
        for text in ["delete payments in production", "just a tiny safe delete of payments in production"] {
            let t = TestSafeguards(), d = RecordingDispatcher()
            let pipeline = Pipeline(understander: EmbeddedParser(), dispatcher: d, output: CapturedOutput(),
                                    safeguards: t.make(policy, yes: true))
            codes.append(pipeline.handle(text, source: .oneShot, state: SessionState(), reader: nil))
            #expect(d.dispatched.withLock { $0.isEmpty })
            verdicts.append(t.entries.last?.record.event.verdict)
        }
        #expect(codes == [.notConfirmed, .notConfirmed])
        #expect(verdicts[0] != nil)
        #expect(verdicts[0] == verdicts[1])
        #expect(verdicts[0]?.decision == .approval)
    }
}
