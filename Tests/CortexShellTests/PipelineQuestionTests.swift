import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Synchronization
import Testing

/// Plans like the cluster dispatcher where a choice is missing: a name two kinds share, a
/// workload with two containers and none named like it; refuses secret-looking values.
final class QuestioningDispatcher: Dispatcher, Sendable {
    let dispatched = Mutex<[(Operation, ResolutionChoices)]>([])

    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        try resolve(operation, environment: environment, choices: ResolutionChoices())
    }

    func resolve(_ operation: Operation, environment: String?, choices: ResolutionChoices) throws(CortexError) -> ResolvedOperation {
        if let env = operation.env { try SecretLookingName.refusePlainValues(env, workload: operation.service ?? "") }
        guard operation.kind != nil else {
            throw CortexError("deployment and statefulset are both named redis in staging: which one?", exitCode: .usage,
                              question: ResolutionQuestion(slot: .kind, prompt: "which redis in staging?", options: ["deployment", "statefulset"]))
        }
        var resolved = ResolvedOperation(operation: operation, environment: environment)
        if operation.op == .setEnv {
            resolved.container = try ContainerChoice.pick(["redis", "exporter"], workload: "cache", chosen: choices.container, place: "cache in staging")
        }
        dispatched.withLock { $0.append((operation, choices)) }
        return resolved
    }

    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        DispatchReport(lines: ["done in \(resolved.container ?? "-")"])
    }
}

@Suite struct PipelineQuestionTests {
    static let table: [String: Operation] = [
        "restart redis in staging": Operation(.restart, service: "redis", environment: "staging"),
        "set X=1 on cache in staging": Operation(.setEnv, service: "cache", environment: "staging", kind: .deployment, env: ["X": .set("1")]),
        "set DB_PASSWORD=hunter2 on cache in staging": Operation(.setEnv, service: "cache", environment: "staging", kind: .deployment,
                                                                 env: ["DB_PASSWORD": .set("hunter2")]),
    ]

    func handle(_ text: String, _ reader: QueueReader?, _ d: QuestioningDispatcher, _ out: CapturedOutput,
                _ guards: TestSafeguards = TestSafeguards()) -> ExitCode {
        Pipeline(understander: TableUnderstander(table: Self.table), dispatcher: d, output: out, safeguards: guards.make())
            .handle(text, source: .repl, state: SessionState(), reader: reader)
    }

    @Test func aSharedNameIsAskedAndTheAnswerBecomesTheKind() {
        let d = QuestioningDispatcher(), out = CapturedOutput(), reader = QueueReader(["statefulset"], interactive: true)
        #expect(handle("restart redis in staging", reader, d, out) == .success)
        #expect(reader.prompts == ["? which redis in staging? [deployment/statefulset] "])
        #expect(d.dispatched.withLock { $0.map(\.0.kind) } == [.statefulset])
        #expect(out.err.contains("deployment and statefulset are both named redis in staging: which one?"))
    }

    @Test func withoutAPersonTheQuestionIsAnErrorAndNothingRuns() {
        let d = QuestioningDispatcher(), out = CapturedOutput()
        #expect(handle("restart redis in staging", nil, d, out) == .usage)
        #expect(handle("restart redis in staging", QueueReader(["statefulset"], interactive: false), d, out) == .usage)
        #expect(d.dispatched.withLock { $0.isEmpty })
    }

    @Test func anAnswerThatIsNoOptionStops() {
        let d = QuestioningDispatcher(), out = CapturedOutput()
        #expect(handle("restart redis in staging", QueueReader(["daemonset"], interactive: true), d, out) == .usage)
        #expect(out.err.contains("`daemonset` is not one of deployment, statefulset"))
        #expect(d.dispatched.withLock { $0.isEmpty })
    }

    @Test func theContainerAskedForIsTheOneChanged() {
        let d = QuestioningDispatcher(), out = CapturedOutput(), reader = QueueReader(["exporter"], interactive: true)
        #expect(handle("set X=1 on cache in staging", reader, d, out) == .success)
        #expect(reader.prompts == ["? which container of cache in staging? [redis/exporter] "])
        #expect(out.out.contains("done in exporter"))
    }

    @Test func aSecretValueIsRefusedAndNeverStored() throws {
        let d = QuestioningDispatcher(), out = CapturedOutput(), guards = TestSafeguards()
        #expect(handle("set DB_PASSWORD=hunter2 on cache in staging", nil, d, out, guards) == .usage)
        #expect(out.err.contains("DB_PASSWORD looks like a secret"))
        #expect(!out.err.contains("hunter2") && !out.out.contains("hunter2"))
        let log = String(decoding: guards.store.log, as: UTF8.self)
        #expect(log.contains("DB_PASSWORD"))
        #expect(!log.contains("hunter2"))
        #expect(guards.events == [.understood, .failed])
        #expect(guards.chainIsIntact)
        #expect(!HistoryFilter.admits("set DB_PASSWORD=hunter2 on cache in staging"))
        #expect(!HistoryFilter.admits("set STRIPE_KEY=abc123 on cache"))
        #expect(!HistoryFilter.admits("set GITHUB_TOKEN to abc on cache"))
        #expect(HistoryFilter.admits("set LOG_LEVEL=debug on cache"))
    }
}
