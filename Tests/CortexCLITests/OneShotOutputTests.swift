import CortexCore
import CortexTestSupport
import Foundation
import Testing

/// What `cortex nl` shows a new user and a script: where each kind of text goes, in which
/// characters, and as JSON. Each test runs the real binary against the simulated cluster.
@Suite struct OneShotOutputTests {
    func run(_ args: [String], env: [String: String] = [:]) throws -> CortexBinary.Run {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        var environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(env) { $1 }
        return try CortexBinary.run(args, input: "", environment: environment)
    }

    func json(_ text: String) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(object as? [String: Any])
    }

    @Test func aProductionDeleteWithoutATerminalWaitsForApprovalWithExitFour() throws {
        let r = try run(["nl", "delete payments in production"])
        #expect(r.status == 4)
        #expect(!r.standardError.contains("denied"))
        #expect(!r.standardOutput.contains("production-replicas"))
        #expect(r.standardError.contains("then run the request again and type payments back (or pass --confirm payments)"))
    }

    /// Piped, standard error holds errors only: the report on standard output is not
    /// repeated there, and no kubectl wording leaks out of the wait.
    @Test func aPipedRolloutLeavesStandardErrorEmpty() throws {
        let r = try run(["nl", "--yes", "restart payments in staging"])
        #expect(r.status == 0)
        #expect(r.standardError == "")
        #expect(r.standardOutput.components(separatedBy: "restarting payments in staging").count == 2)
        #expect(!r.standardOutput.contains("Waiting for"))
    }

    @Test func plansUseOneArrowAndPlainASCIIWhereTheLocaleIsNotUTF8() throws {
        let utf8 = try run(["nl", "scale payments to 4 in production"])
        #expect(utf8.status == 4)
        #expect(utf8.standardOutput.contains("  replicas  3 → 4\n"))
        #expect(utf8.standardOutput.contains("costs $16.43 more a month ($49.29 → $65.72)\n"))
        #expect(!utf8.standardOutput.contains("->"))

        for locale in [["LANG": "C"], ["LANG": "C.UTF-8", "LC_ALL": "POSIX"], ["LANG": "en_US.ISO-8859-1"]] {
            let ascii = try run(["nl", "scale payments to 4 in production"], env: locale)
            #expect(ascii.status == 4)
            #expect(ascii.standardOutput.contains("  replicas  3 -> 4\n"))
            #expect(ascii.standardOutput.contains("costs $16.43 more a month ($49.29 -> $65.72)\n"))
            #expect(!ascii.standardOutput.contains("→"), "\(locale)")
        }
    }

    /// A crashing deploy to staging is rolled back by the default policy: the one JSON
    /// document keeps the deploy as its operation and verdict, its outcome failed (exit 1),
    /// and the rollback's lines follow the failure in the outcome.
    @Test func jsonOutputOfAFailedRolloutCarriesTheAutomaticRollback() throws {
        let r = try run(["nl", "--output", "json", "deploy payments version crashloop-2 to staging"])
        #expect(r.status == 1)
        #expect(r.standardError == "")
        let report = try json(r.standardOutput)
        #expect((report["operation"] as? [String: Any])?["op"] as? String == "deploy")
        let outcome = try #require(report["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "failed")
        let lines = try #require(outcome["lines"] as? [String])
        #expect(lines.contains { $0.hasPrefix("payments crashloop-2 failed in staging: 1 of 1 new pod CrashLoopBackOff (exit 1: ") })
        #expect(lines.contains("> roll back payments in staging to revision 1"))
        #expect(lines.last?.hasPrefix("payments in staging is back on the version of revision 1 (ghcr.io/acme/payments:2.3.1), healthy ") == true)
    }

    @Test func jsonOutputCarriesPlanVerdictOutcomeAndExitCode() throws {
        let denied = try run(["nl", "--output", "json", "scale payments to 0 in production"])
        #expect(denied.status == 3)
        #expect(denied.standardError == "")
        #expect(denied.standardOutput.hasSuffix("}\n"))
        #expect(denied.standardOutput.filter { $0 == "\n" }.count == 1)
        let doc = try json(denied.standardOutput)
        #expect(doc["exit_code"] as? Int == 3)
        #expect(doc["request"] as? String == "scale payments to 0 in production")
        let operation = try #require(doc["operation"] as? [String: Any])
        #expect(operation["op"] as? String == "scale")
        let plan = try #require(doc["plan"] as? [String: Any])
        #expect(plan["environment"] as? String == "production")
        #expect(plan["namespace"] as? String == "production")
        let replicas = try #require(plan["replicas"] as? [String: Any])
        #expect(replicas["from"] as? Int == 3 && replicas["to"] as? Int == 0)
        let cost = try #require(plan["monthly_cost"] as? [String: Any])
        #expect(cost["before"] as? Double == 49.29 && cost["after"] as? Double == 0 && cost["change"] as? Double == -49.29)
        let verdict = try #require(doc["verdict"] as? [String: Any])
        #expect(verdict["decision"] as? String == "deny")
        let rules = try #require(verdict["rules"] as? [[String: Any]])
        #expect(rules.first?["id"] as? String == "production-replicas")
        #expect(rules.first?["location"] as? String == "guardrails/default.yaml:43")
        let outcome = try #require(doc["outcome"] as? [String: Any])
        #expect(outcome["status"] as? String == "denied")
        #expect((outcome["error"] as? String)?.hasPrefix("denied by the guardrails: 0 replicas is below the minimum of 2") == true)

        let done = try run(["nl", "--output", "json", "--yes", "scale payments to 3 in staging"])
        #expect(done.status == 0)
        let doneDoc = try json(done.standardOutput)
        #expect(doneDoc["exit_code"] as? Int == 0)
        #expect((doneDoc["verdict"] as? [String: Any])?["decision"] as? String == "allow")
        let doneOutcome = try #require(doneDoc["outcome"] as? [String: Any])
        #expect(doneOutcome["status"] as? String == "done")
        #expect((doneOutcome["lines"] as? [String])?.first == "scaled payments in staging from 2 to 3 replicas")

        let unknown = try run(["nl", "--output", "json", "tell me a joke"])
        #expect(unknown.status == 5)
        let unknownDoc = try json(unknown.standardOutput)
        #expect((unknownDoc["operation"] as? [String: Any])?["op"] as? String == "unknown")
        #expect(unknownDoc["plan"] == nil && unknownDoc["verdict"] == nil)
        #expect((unknownDoc["outcome"] as? [String: Any])?["status"] as? String == "not-understood")

        let bad = try run(["nl", "--output", "yaml", "status"])
        #expect(bad.status == 2)
        #expect(bad.standardError.contains("--output"))
    }
}
