import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Synchronization
import Testing

/// Resolves as the Kubernetes module does against a live workload of three replicas: a
/// delete plans zero replicas, a scale plans the count asked for, a rollback keeps the count.
final class LiveCountDispatcher: Dispatcher, Sendable {
    let dispatched = Mutex<[ResolvedOperation]>([])

    func resolve(_ operation: Operation, environment: String?) throws(CortexError) -> ResolvedOperation {
        var resolved = ResolvedOperation(operation: operation, environment: operation.environment ?? environment)
        resolved.current = WorkloadState(replicas: 3, image: "ghcr.io/acme/payments:2.3.1")
        switch operation.op {
        case .delete: resolved.planned = WorkloadState(replicas: 0)
        case .scale: resolved.planned = WorkloadState(replicas: operation.replicas ?? 3, image: "ghcr.io/acme/payments:2.3.1")
        default: resolved.planned = resolved.current
        }
        return resolved
    }

    func dispatch(_ resolved: ResolvedOperation) throws(CortexError) -> DispatchReport {
        dispatched.withLock { $0.append(resolved) }
        return DispatchReport(lines: ["done"])
    }
}

/// The shipped policy's rules judged together, through the pipeline, the way they meet a
/// request of a new user.
@Suite struct DefaultPolicyPipelineTests {
    static let table: [String: Operation] = [
        "delete payments in production": Operation(.delete, service: "payments", environment: "production"),
        "scale payments to 0 in production": Operation(.scale, service: "payments", environment: "production", replicas: 0),
    ]

    @Test func aProductionDeleteIsHeldForApprovalNotDeniedByTheReplicaBound() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let approvals = FileApprovalStore(path: dir.path + "/approvals.json")
        let t = TestSafeguards(), d = LiveCountDispatcher(), out = CapturedOutput()
        let pipeline = Pipeline(understander: TableUnderstander(table: Self.table), dispatcher: d, output: out,
                                safeguards: t.make(try PolicyLoader().load(.bundled), approvals: approvals))
        // No reader: nobody at a terminal can type the name or stand in for the second person.
        let code = pipeline.handle("delete payments in production", source: .oneShot, state: SessionState(), reader: nil)
        #expect(code == .notConfirmed)
        #expect(d.dispatched.withLock { $0.isEmpty })
        let verdict = try #require(t.entries.last?.record.event.verdict)
        #expect(verdict.decision == .approval)
        #expect(!verdict.rules.contains { $0.action == .deny })
        #expect(verdict.rules.map(\.id) == ["production-delete-approval", "destructive", "production-changes"])
        #expect(!out.err.contains("denied"))
        #expect(out.err.contains("--confirm payments"))
        #expect(t.events == [.understood, .pending])
    }

    @Test func scalingProductionToZeroIsStillDenied() throws {
        let t = TestSafeguards(), d = LiveCountDispatcher(), out = CapturedOutput()
        let pipeline = Pipeline(understander: TableUnderstander(table: Self.table), dispatcher: d, output: out,
                                safeguards: t.make(try PolicyLoader().load(.bundled), confirm: "payments"))
        let code = pipeline.handle("scale payments to 0 in production", source: .oneShot, state: SessionState(), reader: nil)
        #expect(code == .denied)
        #expect(out.err.contains("0 replicas is below the minimum of 2 in production"))
    }
}
