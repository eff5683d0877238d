import CortexCore
import CortexShell
import CortexTestSupport
import Synchronization
import Testing

/// Answers from a table, so pipeline tests do not depend on the parser.
struct TableUnderstander: Understander {
    let table: [String: Operation]
    func understand(_ text: String, context: UnderstandingContext) -> Understanding {
        Understanding(operation: table[text] ?? .unknown("not in the table"), confidence: 1, source: "table")
    }
}

/// Records what reaches it and fails where told to.
final class RecordingDispatcher: Dispatcher, Sendable {
    let dispatched = Mutex<[ResolvedOperation]>([])
    let failResolve: CortexError?
    let report: DispatchReport

    init(failResolve: CortexError? = nil, report: DispatchReport = DispatchReport(lines: ["done"])) {
        self.failResolve = failResolve
        self.report = report
    }

    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        if let failResolve { throw failResolve }
        return ResolvedOperation(operation: operation, environment: environment)
    }

    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        dispatched.withLock { $0.append(resolved) }
        return report
    }
}

/// An audit log in memory, a fixed clock (a Tuesday morning, outside any freeze) and the
/// confirmation flags, around a policy built in code.
final class TestSafeguards {
    static let tuesday = UTCTime.parseISO8601("2025-03-04T10:00:00Z")!
    let store = InMemoryAuditStore(appender: AuditAppender(plain: OpenSSLDigest.sha256))

    func make(_ policy: Policy = Policy(rules: []), yes: Bool = false, confirm: String? = nil,
              approvals: FileApprovalStore? = nil) -> Safeguards {
        let origin = AuditOrigin(actor: AuditActor(user: "alice", host: "ops-1"), session: "0123456789abcdef", source: .repl)
        return Safeguards(policy: policy, audit: AuditLog(store: store, origin: origin),
                          options: ConfirmationOptions(interactive: false, assumeYes: yes, confirmName: confirm),
                          approvals: approvals, clock: { Self.tuesday })
    }

    var entries: [AuditEntry] { AuditReading.entries(in: store.log) }
    var events: [AuditEventKind] { entries.map(\.record.event.kind) }
    var chainIsIntact: Bool {
        AuditVerifier(plain: OpenSSLDigest.sha256).verify(store.log, head: store.head).problem == nil
    }
}

/// Hands out prepared lines; records the prompts it was shown.
final class QueueReader: LineReader {
    var inputs: [LineInput]
    var prompts: [String] = []
    var remembered: [String] = []
    let isInteractive: Bool

    init(_ lines: [String], interactive: Bool = false) {
        inputs = lines.map(LineInput.line)
        isInteractive = interactive
    }

    func readLine(prompt: String) -> LineInput {
        prompts.append(prompt)
        return inputs.isEmpty ? .endOfInput : inputs.removeFirst()
    }

    func remember(_ line: String) { remembered.append(line) }
    var history: [String] { remembered }
}

@Suite struct PipelineTests {
    let table: [String: Operation] = [
        "scale api to 3": Operation(.scale, service: "api", replicas: 3),
        "scale api to 3 in prod": Operation(.scale, service: "api", environment: "production", replicas: 3),
        "status": Operation(.status),
        "route it": Operation(.route, task: "it"),
        "set LOG_LEVEL=debug on api": Operation(.setEnv, service: "api", env: ["LOG_LEVEL": .set("debug")]),
    ]

    func pipeline(_ dispatcher: RecordingDispatcher, _ output: CapturedOutput) -> Pipeline {
        Pipeline(understander: TableUnderstander(table: table), dispatcher: dispatcher, output: output,
                 safeguards: TestSafeguards().make())
    }

    /// The namespace of the kubeconfig's context stands for an environment when the request
    /// names none and none is chosen; a named or chosen one still wins.
    @Test func theContextNamespaceFillsAMissingEnvironment() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        let state = SessionState(contextEnvironment: "staging")
        #expect(pipeline(d, out).handle("scale api to 3", source: .oneShot, state: state, reader: nil) == .success)
        #expect(d.dispatched.withLock { $0.map(\.environment) } == ["staging"])
        #expect(out.out.hasPrefix("> scale api in staging to 3 replicas\n"))

        var chosen = state
        chosen.environment = "development"
        #expect(pipeline(d, out).handle("scale api to 3", source: .oneShot, state: chosen, reader: nil) == .success)
        #expect(pipeline(d, out).handle("scale api to 3 in prod", source: .oneShot, state: state, reader: nil) == .success)
        #expect(d.dispatched.withLock { $0.map(\.environment) } == ["staging", "development", "production"])
    }

    @Test func notUnderstoodExitsFiveWithTheReasonAndDispatchesNothing() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        let code = pipeline(d, out).handle("make coffee", source: .oneShot, state: SessionState(), reader: nil)
        #expect(code == .notUnderstood)
        #expect(out.err.contains("not understood: not in the table"))
        #expect(d.dispatched.withLock { $0.isEmpty })
    }

    @Test func sessionEnvironmentFillsTheGap() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        let code = pipeline(d, out).handle("scale api to 3", source: .repl, state: SessionState(environment: "staging"), reader: nil)
        #expect(code == .success)
        #expect(d.dispatched.withLock { $0.first?.environment } == "staging")
        #expect(out.out == "> scale api in staging to 3 replicas\ndone\n")
    }

    @Test func environmentInTheRequestWinsOverTheSession() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        _ = pipeline(d, out).handle("scale api to 3 in prod", source: .repl, state: SessionState(environment: "staging"), reader: nil)
        #expect(d.dispatched.withLock { $0.first?.environment } == "production")
    }

    @Test func mutationWithoutAnyEnvironmentIsAUsageErrorWhenNobodyCanAnswer() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        let code = pipeline(d, out).handle("scale api to 3", source: .script, state: SessionState(), reader: QueueReader([]))
        #expect(code == .usage)
        #expect(out.err.contains("no environment for `scale api to 3 replicas`"))
        #expect(out.err.contains("use <environment>"))
        #expect(d.dispatched.withLock { $0.isEmpty })
    }

    @Test func mutationWithoutEnvironmentAsksAPersonAndAcceptsAnAlias() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        let reader = QueueReader(["prod"], interactive: true)
        let code = pipeline(d, out).handle("scale api to 3", source: .repl, state: SessionState(), reader: reader)
        #expect(code == .success)
        #expect(reader.prompts == ["? which environment? [development/staging/production] "])
        #expect(d.dispatched.withLock { $0.first?.environment } == "production")
    }

    @Test func unansweredEnvironmentQuestionDoesNothing() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        let code = pipeline(d, out).handle("scale api to 3", source: .repl, state: SessionState(), reader: QueueReader([], interactive: true))
        #expect(code == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
    }

    @Test func readOnlyRequestsNeedNoEnvironment() {
        let d = RecordingDispatcher(), out = CapturedOutput()
        #expect(pipeline(d, out).handle("status", source: .script, state: SessionState(), reader: nil) == .success)
        #expect(pipeline(d, out).handle("route it", source: .script, state: SessionState(environment: "staging"), reader: nil) == .success)
        #expect(d.dispatched.withLock { $0.map(\.environment) } == [nil, nil])
    }

    @Test func moduleErrorsAreRenderedOnceWithTheirExitCode() {
        let d = RecordingDispatcher(failResolve: .failed("cluster unreachable", hint: "check the VPN"))
        let out = CapturedOutput()
        let code = pipeline(d, out).handle("status", source: .oneShot, state: SessionState(), reader: nil)
        #expect(code == .failed)
        #expect(out.err == "error: cluster unreachable\n  hint: check the VPN\n")
    }

    @Test func failedReportExitsOne() {
        let d = RecordingDispatcher(report: DispatchReport(lines: ["rollout stalled"], succeeded: false))
        let out = CapturedOutput()
        #expect(pipeline(d, out).handle("status", source: .oneShot, state: SessionState(), reader: nil) == .failed)
        #expect(out.out.hasSuffix("rollout stalled\n"))
    }
}

@Suite struct SessionTests {
    func session(_ lines: [String], env: String? = nil, interactive: Bool = false) -> (Session, CapturedOutput, QueueReader, RecordingDispatcher) {
        let out = CapturedOutput(), d = RecordingDispatcher()
        let understander = TableUnderstander(table: ["scale api to 3": Operation(.scale, service: "api", replicas: 3)])
        let reader = QueueReader(lines, interactive: interactive)
        let s = Session(state: SessionState(environment: env), pipeline: Pipeline(understander: understander, dispatcher: d, output: out, safeguards: TestSafeguards().make()),
                        reader: reader, output: out, source: interactive ? .repl : .script)
        return (s, out, reader, d)
    }

    @Test func promptShowsTheCurrentEnvironment() {
        let (s, _, reader, _) = session(["use stg", "use none"])
        #expect(s.prompt == "cortex> ")
        _ = s.run()
        #expect(reader.prompts == ["cortex> ", "cortex (staging)> ", "cortex> "])
    }

    @Test func useAcceptsTyposAndRejectsNonsenseWithExitTwo() {
        let (s, out, _, _) = session(["use prodution", "use moon"])
        #expect(s.run() == .usage)
        #expect(s.state.environment == "production")
        #expect(out.out.contains("using production"))
        #expect(out.err.contains("unknown environment `moon`"))
    }

    @Test func scriptExitCodeIsTheWorst() {
        let (s, _, _, d) = session(["gibberish", "use staging", "scale api to 3", "use nowhere", "gibberish"])
        #expect(s.run() == .usage)
        #expect(d.dispatched.withLock { $0.count } == 1)
    }

    /// A person who mistyped a request and then left did nothing wrong by leaving: an
    /// interactive session ends with 0, by `exit` or at the end of input (Ctrl-D).
    @Test(arguments: [["gibberish", "use moon", "exit"], ["gibberish", "use moon"]])
    func anInteractiveSessionEndsWithZero(_ lines: [String]) {
        let (s, out, _, _) = session(lines, interactive: true)
        #expect(s.run() == .success)
        #expect(out.err.contains("unknown environment `moon`"))
    }

    @Test func aScriptThatExitsStillReportsTheWorstCode() {
        let (s, _, _, _) = session(["gibberish", "exit", "scale api to 3"])
        #expect(s.run() == .notUnderstood)
    }

    @Test func exitStopsReadingAndCommentsAndBlanksAreSkipped() {
        let (s, _, reader, d) = session(["# a comment", "   ", "exit", "scale api to 3"], env: "dev")
        #expect(s.run() == .success)
        #expect(d.dispatched.withLock { $0.isEmpty })
        #expect(reader.remembered == ["exit"])
    }

    @Test func historyListsRememberedLines() {
        let (s, out, _, _) = session(["use dev", "history"])
        _ = s.run()
        #expect(out.out.hasSuffix("    1  use dev\n    2  history\n"))
    }

    @Test func helpTeachesRequestsAndBuiltins() {
        let (s, out, _, _) = session(["help"])
        _ = s.run()
        for word in ["deploy", "scale", "roll back", "use <environment>", "history", "exit"] {
            #expect(out.out.contains(word))
        }
    }
}
