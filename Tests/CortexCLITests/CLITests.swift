import CortexCore
import CortexTestSupport
import Foundation
import Testing

/// The contracts of the executable: one-line JSON from `parse --json`, exit codes of `nl`,
/// usage errors, help and version. Each test runs the real binary.
@Suite struct CLITests {
    func run(_ args: [String], input: String = "", env: [String: String] = [:]) throws -> CortexBinary.Run {
        let home = try TemporaryDirectory()
        defer { home.remove() }
        var environment = ["HOME": home.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        environment.merge(env) { $1 }
        return try CortexBinary.run(args, input: input, environment: environment)
    }

    @Test(arguments: [
        ("deploy security-worker to staging with 3 replicas", #"{"environment":"staging","op":"deploy","replicas":3,"service":"security-worker"}"#),
        ("roll back payments in prod to revision 4", #"{"environment":"production","op":"rollback","revision":4,"service":"payments"}"#),
        ("add two more replicas of api-gateway on staging", #"{"delta":2,"environment":"staging","op":"scale","service":"api-gateway"}"#),
    ])
    func parseJSONPrintsTheOperationOnOneLine(_ text: String, _ json: String) throws {
        let r = try run(["parse", "--json", text])
        #expect(r.status == 0)
        #expect(r.standardOutput == json + "\n")
        #expect(r.standardError.isEmpty)
    }

    @Test(arguments: ["what's the weather like", "", "restart api; rm -rf /"])
    func parseJSONExitsZeroAlsoForUnknown(_ text: String) throws {
        let r = try run(["parse", "--json", text])
        #expect(r.status == 0)
        let op = try JSONDecoder().decode(Operation.self, from: Data(r.standardOutput.utf8))
        #expect(op.op == .unknown)
        #expect(op.reason?.isEmpty == false)
        #expect(r.standardOutput.filter { $0 == "\n" }.count == 1)
    }

    @Test func parseWithoutJSONShowsSummaryAndConfidence() throws {
        let r = try run(["parse", "bounce", "payments", "in", "prod"])
        #expect(r.status == 0)
        #expect(r.standardOutput.hasPrefix("restart payments in production  (confidence "))
    }

    /// `parse [--json] <words>` is answered without ArgumentParser; `--` before the words sends
    /// the same request through the full parser, and both must answer alike, errors included.
    @Test func parseCommonFormAnswersAsTheFullParserDoes() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "version: 1\nenvironments:\n  qa: { aliases: [test] }\n".write(toFile: dir.file("config.yaml"), atomically: true, encoding: .utf8)
        try "version: 2\n".write(toFile: dir.file("bad.yaml"), atomically: true, encoding: .utf8)
        let cases: [([String], [String], [String: String])] = [
            (["--json"], ["scale payments to 3"], [:]),
            ([], ["bounce", "payments", "in", "prod"], [:]),
            (["--json"], ["restart", "cart"], ["CORTEX_ENV": "stg"]),
            (["--json"], ["restart cart"], ["CORTEX_ENV": "nowhere"]),
            (["--json"], ["restart api-gateway in test"], ["CORTEX_CONFIG": dir.file("config.yaml")]),
            ([], ["status"], ["CORTEX_CONFIG": dir.file("bad.yaml")]),
            (["--json"], ["status"], ["CORTEX_UNDERSTAND": "sometimes"]),
            (["--json"], [""], [:]),
            (["--json"], ["help"], [:]),
        ]
        for (flags, words, env) in cases {
            let fast = try run(["parse"] + flags + words, env: env)
            let full = try run(["parse"] + flags + ["--"] + words, env: env)
            #expect(fast.status == full.status, "\(words) \(env)")
            #expect(fast.standardOutput == full.standardOutput, "\(words) \(env)")
            #expect(fast.standardError == full.standardError, "\(words) \(env)")
        }
    }

    @Test func nlNotUnderstoodExitsFive() throws {
        let r = try run(["nl", "tell me a joke"])
        #expect(r.status == 5)
        #expect(r.standardError.hasPrefix("error: not understood: "))
    }

    @Test func nlMutationWithoutEnvironmentAndNobodyToAskExitsTwo() throws {
        let r = try run(["nl", "restart payments"])
        #expect(r.status == 2)
        #expect(r.standardError.contains("no environment for `restart payments`"))
    }

    @Test func nlTakesTheEnvironmentFromFlagOrVariable() throws {
        let flag = try run(["nl", "--env", "stg", "restart payments"])
        #expect(flag.status == 0)
        #expect(flag.standardOutput.hasPrefix("> restart payments in staging\n"))
        // Production changes are confirmed; --yes answers where nobody can.
        let variable = try run(["nl", "--yes", "restart payments"], env: ["CORTEX_ENV": "prod"])
        #expect(variable.status == 0)
        #expect(variable.standardOutput.hasPrefix("> restart payments in production\n"))
    }

    @Test func nlConfirmationWithNobodyToAnswerExitsFourAndLeavesAVerifiableAudit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.path + "/audit.jsonl"
        let r = try run(["nl", "--audit-log", log, "delete payments in staging"])
        #expect(r.status == 4)
        #expect(r.standardError.contains("--confirm payments"))
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains(#""event":"understood""#) == true)
        #expect(lines.last?.contains(#""event":"refused""#) == true)
        let verify = try run(["audit", "verify", "--audit-log", log])
        #expect(verify.status == 0)
    }

    @Test func nlConfirmNamingTheServiceRunsTheDelete() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let log = dir.path + "/audit.jsonl"
        let named = try run(["nl", "--audit-log", log, "--confirm", "payments", "delete payments in staging"])
        #expect(named.status == 0)
        let yes = try run(["nl", "--yes", "delete payments in staging"], env: ["CORTEX_AUDIT_LOG": log])
        #expect(yes.status == 4)
        let bytes = try #require(FileManager.default.contents(atPath: log))
        let events = AuditReading.entries(in: [UInt8](bytes)).map(\.record.event.kind)
        #expect(events == [.understood, .confirmed, .executed, .understood, .refused])
    }

    @Test func brokenPolicyFolderIsAUsageErrorBeforeAnyRequestRuns() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "version: 1\nrules:\n  - id: prod\n    kind: protection\n    colour: red\n"
            .write(toFile: dir.path + "/team.yaml", atomically: true, encoding: .utf8)
        let log = dir.path + "/audit.jsonl"
        let r = try run(["nl", "--policy", dir.path, "--audit-log", log, "status of payments in staging"])
        #expect(r.status == 2)
        #expect(r.standardError.contains("team.yaml:5"))
        #expect(r.standardError.contains("colour"))
        #expect(!FileManager.default.fileExists(atPath: log))
        let variable = try run(["--audit-log", log], input: "status of payments in staging\n", env: ["CORTEX_POLICY_DIR": dir.path])
        #expect(variable.status == 2)
    }

    @Test func usageErrorsExitTwoAndSayWhatToDo() throws {
        let badEnv = try run(["nl", "--env", "moon", "status"])
        #expect(badEnv.status == 2)
        #expect(badEnv.standardError == "error: unknown environment `moon`\n  hint: choose one of development, staging, production\n")
        let badFlag = try run(["--bogus"])
        #expect(badFlag.status == 2)
        #expect(badFlag.standardError.contains("Unknown option '--bogus'"))
        let empty = try run(["nl"])
        #expect(empty.status == 2)
        #expect(empty.standardError.contains("no request given"))
    }

    @Test func versionAndHelp() throws {
        let v = try run(["--version"])
        #expect(v.status == 0 && v.standardOutput == "0.1.0\n")
        let h = try run(["--help"])
        #expect(h.status == 0)
        Golden.check(h.standardOutput, "help.txt")
    }

    /// The README's first demand: with no kubeconfig, the embedded simulated cluster takes the
    /// requests, and a deploy creates the service and waits until its replicas are ready.
    @Test func withoutKubeconfigRequestsGoToTheSimulatedCluster() throws {
        let deploy = try run(["nl", "--yes", "deploy security-worker to staging with 3 replicas"])
        #expect(deploy.status == 0, "\(deploy.standardError)")
        #expect(deploy.standardOutput.contains("created security-worker in staging with image ghcr.io/acme/security-worker:"))
        #expect(deploy.standardOutput.contains("security-worker in staging: 3/3 replicas ready"))
        let scale = try run(["nl", "--env", "staging", "add two replicas to payments"])
        #expect(scale.status == 0, "\(scale.standardError)")
        #expect(scale.standardOutput.contains("scaled payments in staging from 2 to 4 replicas"))
        let missing = try run(["nl", "restart ghost-service in staging"])
        #expect(missing.status == 1)
        #expect(missing.standardError.contains("ghost-service"))
    }

    @Test func configuredEnvironmentsAreUnderstoodAndABrokenFileIsAUsageError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try "version: 1\nenvironments:\n  qa: { aliases: [test] }\n".write(toFile: dir.file("config.yaml"), atomically: true, encoding: .utf8)
        let parsed = try run(["parse", "--json", "--config", dir.file("config.yaml"), "restart api-gateway in test"])
        #expect(parsed.standardOutput == #"{"environment":"qa","op":"restart","service":"api-gateway"}"# + "\n")
        try "version: 1\nwhatever: 3\n".write(toFile: dir.file("bad.yaml"), atomically: true, encoding: .utf8)
        let broken = try run(["nl", "status"], env: ["CORTEX_CONFIG": dir.file("bad.yaml")])
        #expect(broken.status == 2)
        #expect(broken.standardError.contains("bad.yaml:2: whatever: unknown key"))
    }
}
