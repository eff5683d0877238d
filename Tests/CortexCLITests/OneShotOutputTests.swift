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
}
