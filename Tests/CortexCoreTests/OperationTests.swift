import CortexCore
import FoundationEssentials
import Testing

@Suite struct OperationTests {
    @Test func canonicalJSONIsOneSortedLineWithoutAbsentFields() {
        let op = Operation(.deploy, service: "security-worker", environment: "staging", replicas: 3)
        #expect(op.canonicalJSON == #"{"environment":"staging","op":"deploy","replicas":3,"service":"security-worker"}"#)
    }

    @Test func canonicalJSONKeepsSlashesAndWholeAmounts() {
        #expect(Operation(.deploy, service: "notifier", image: "ghcr.io/acme/notifier:4.2").canonicalJSON
            == #"{"image":"ghcr.io/acme/notifier:4.2","op":"deploy","service":"notifier"}"#)
        #expect(Operation(.budget, amount: 500, period: .month).canonicalJSON == #"{"amount":500,"op":"budget","period":"month"}"#)
        #expect(Operation(.budget, amount: 12.5, period: .day).canonicalJSON == #"{"amount":12.5,"op":"budget","period":"day"}"#)
    }

    @Test func canonicalJSONEscapesHostileText() throws {
        let op = Operation.unknown("quote \" backslash \\ newline \n tab \t")
        let back = try JSONDecoder().decode(Operation.self, from: Data(op.canonicalJSON.utf8))
        #expect(back == op)
        #expect(!op.canonicalJSON.contains("\n"))
    }

    @Test(arguments: [
        Operation(.deploy, service: "a", environment: "staging", replicas: 3, version: "v1"),
        Operation(.scale, service: "b", delta: -2),
        Operation(.route, task: "fix the login bug"),
        Operation(.budget, amount: 20, period: .day),
        Operation(.cost, service: "x", environment: "production", period: .week),
    ])
    func roundTripsThroughJSON(_ op: Operation) throws {
        let back = try JSONDecoder().decode(Operation.self, from: Data(op.canonicalJSON.utf8))
        #expect(back == op)
        #expect(op.violations.isEmpty)
    }

    @Test func violationsNameMissingAndForbiddenFields() {
        #expect(Operation(.deploy).violations.map(\.field) == ["service"])
        #expect(Operation(.scale, service: "api").violations.map(\.description) == ["replicas: scale needs replicas or delta"])
        #expect(Operation(.scale, service: "api", replicas: 2, delta: 1).violations.map(\.field) == ["delta"])
        #expect(Operation(.restart, service: "api", replicas: 2).violations.map(\.description) == ["replicas: not allowed for restart"])
        #expect(Operation(.budget, amount: 5).violations.map(\.field) == ["period"])
        #expect(Operation(.unknown).violations.map(\.field) == ["reason"])
    }

    @Test func violationsCheckRanges() {
        #expect(Operation(.scale, service: "api", replicas: -1).violations.map(\.field) == ["replicas"])
        #expect(Operation(.scale, service: "api", delta: 0).violations.map(\.field) == ["delta"])
        #expect(Operation(.rollback, service: "api", revision: 0).violations.map(\.field) == ["revision"])
        #expect(Operation(.logs, service: "api", lines: 0).violations.map(\.field) == ["lines"])
        #expect(Operation(.budget, amount: -5, period: .day).violations.map(\.field) == ["amount"])
        #expect(Operation(.budget, amount: .nan, period: .day).violations.map(\.field) == ["amount"])
        #expect(Operation(.restart, service: "Bad_Name").violations.map(\.field) == ["service"])
        #expect(Operation(.deploy, service: "api", version: "").violations.map(\.field) == ["version"])
    }

    @Test(arguments: [
        ("api", true), ("security-worker", true), ("a1", true), ("-api", false), ("api-", false),
        ("API", false), ("api_gw", false), ("", false), ("api gw", false), ("x;rm", false),
        (String(repeating: "a", count: 63), true), (String(repeating: "a", count: 64), false),
    ])
    func serviceNames(_ name: String, _ valid: Bool) {
        #expect(ServiceName.isValid(name) == valid)
    }

    @Test func mutationsAndTargets() {
        #expect(OperationKind.allCases.filter(\.isMutation) == [
            .deploy, .scale, .restart, .rollback, .delete, .budget, .setEnv, .setResources, .autoscale, .pause, .resume, .promote, .abort,
        ])
        #expect(!OperationKind.route.targetsEnvironment && !OperationKind.budget.targetsEnvironment && !OperationKind.cost.targetsEnvironment)
        #expect(OperationKind.logs.targetsEnvironment)
    }

    @Test(arguments: [
        (Operation(.deploy, service: "api", environment: "staging", replicas: 3, version: "v2"), "deploy api version v2 in staging with 3 replicas"),
        (Operation(.deploy, service: "notifier", image: "ghcr.io/acme/notifier:4.2"), "deploy ghcr.io/acme/notifier:4.2 as notifier"),
        (Operation(.scale, service: "api", environment: "production", replicas: 1), "scale api in production to 1 replica"),
        (Operation(.scale, service: "api", delta: -2), "scale api down by 2 replicas"),
        (Operation(.rollback, service: "web", revision: 4), "roll back web to revision 4"),
        (Operation(.rollback, service: "web"), "roll back web to the previous revision"),
        (Operation(.status), "status of everything"),
        (Operation(.status, environment: "staging"), "status of everything in staging"),
        (Operation(.logs, service: "api", lines: 50), "logs of api, last 50 lines"),
        (Operation(.cost, service: "api", period: .week), "cost of api this week"),
        (Operation(.budget, amount: 12.5, period: .day), "set the daily budget to $12.50"),
        (Operation(.budget, amount: 1200, period: .day), "set the daily budget to $1,200.00"),
        (Operation(.budget, amount: 500, period: .month), "set the monthly budget to $500.00"),
        (Operation.unknown("chit-chat"), "not understood: chit-chat"),
    ])
    func summaries(_ op: Operation, _ text: String) {
        #expect(op.summary == text)
    }

    @Test func worstExitCodeOrdering() {
        let codes: [ExitCode] = [.success, .notUnderstood, .notConfirmed, .denied, .failed, .usage]
        #expect(codes.sorted() == codes)
        #expect([ExitCode.notUnderstood, .failed, .denied].max() == .failed)
    }
}
