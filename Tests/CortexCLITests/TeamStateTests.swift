import CortexCore
import CortexTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// A team sharing one cluster: `cortex sim serve --users` in its own process, operators as
/// processes of the built binary, each with a state folder of its own, as on separate machines.
@Suite(.serialized) struct TeamStateTests {
    /// A running `cortex sim serve --users` and the kubeconfig of each user.
    final class Team: @unchecked Sendable {  // every stored property is a constant
        let folder: TemporaryDirectory
        let server: Process
        let names = ["alice", "bob", "carol", "dave"]

        init(users: Bool = true) throws {
            folder = try TemporaryDirectory("cortex-team")
            try """
                users:
                  - name: alice
                    token: alice-token-0123456789
                    groups: [sre, oncall]
                  - name: bob
                    token: bob-token-0123456789
                    groups: [security]
                  - name: carol
                    token: carol-token-0123456789
                    groups: [developers]
                  - name: dave
                    token: dave-token-0123456789
                    groups: [developers]

                """.write(toFile: folder.file("users.yaml"), atomically: true, encoding: .utf8)
            guard let binary = CortexBinary.url else { throw PseudoTerminalError("the cortex executable is not built") }
            server = Process()
            server.executableURL = binary
            server.arguments = ["sim", "serve", "--port", "0", "--kubeconfig", folder.file("sim.kubeconfig"), "--seed", "standard"]
                + (users ? ["--users", folder.file("users.yaml")] : [])
            server.environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
            let out = Pipe()
            server.standardOutput = out
            server.standardError = FileHandle.nullDevice
            try server.run()
            // The kubeconfigs are written before the line that says so.
            var text = ""
            while !text.contains("Press Ctrl-C") {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { throw PseudoTerminalError("cortex sim serve ended: \(text)") }
                text += String(decoding: chunk, as: UTF8.self)
            }
        }

        func kubeconfig(_ user: String) -> String {
            FileManager.default.fileExists(atPath: folder.file("sim-\(user).kubeconfig"))
                ? folder.file("sim-\(user).kubeconfig") : folder.file("sim.kubeconfig")
        }

        /// The environment of `user` on a machine of their own (`state`: its state folder).
        func environment(_ user: String, state: String) -> [String: String] {
            ["HOME": folder.file("home-\(state)"), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8",
             "XDG_STATE_HOME": folder.file("state-\(state)"), "XDG_CONFIG_HOME": folder.file("config-\(state)"),
             "KUBECONFIG": kubeconfig(user), "CORTEX_STATE": "cluster"]
        }

        func run(_ user: String, state: String? = nil, _ args: [String], input: String = "") throws -> CortexBinary.Run {
            try CortexBinary.run(args, input: input, environment: environment(user, state: state ?? user))
        }

        deinit {
            server.terminate()
            server.waitUntilExit()
            folder.remove()
        }
    }

    @Test func concurrentOperatorsShareOneUnbrokenChain() async throws {
        let team = try Team()
        let requests = 70  // three entries each: 210 appends a process, 840 in all
        let script = String(repeating: "status payments in staging\n", count: requests)
        try script.write(toFile: team.folder.file("script.txt"), atomically: true, encoding: .utf8)
        let started = Date()
        let runs = try await withThrowingTaskGroup(of: (String, CortexBinary.Run).self) { group in
            for user in team.names {
                group.addTask {
                    (user, try team.run(user, ["--script", team.folder.file("script.txt")]))
                }
            }
            return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
        }
        let seconds = Date().timeIntervalSince(started)
        for (user, run) in runs { #expect(run.status == 0, "\(user): \(run.standardError)") }
        let verify = try team.run("bob", state: "fresh-machine", ["audit", "verify"])
        #expect(verify.status == 0, "\(verify.standardOutput)\(verify.standardError)")
        #expect(verify.standardOutput.contains(": \(4 * requests * 3) entries, chain intact"), "\(verify.standardOutput)")
        for user in team.names {
            let line = verify.standardOutput.split(separator: "\n").first { $0.contains("  \(user) (groups: ") }
            #expect(line?.contains(": \(requests * 3) entries") == true, "\(user): \(line ?? "no line")")
        }
        print("4 processes appended \(4 * requests * 3) entries in \(String(format: "%.1f", seconds)) s")
    }

    @Test func aProductionDeleteIsRequestedByOneAndApprovedByAnother() throws {
        let team = try Team()
        let delete = ["nl", "--confirm", "payments", "delete payments in production"]
        let asked = try team.run("alice", delete)
        #expect(asked.status == 4, "\(asked.standardError)")
        let id = try #require(asked.standardError.firstMatch(of: /request ([0-9a-f]{8})/)?.1).description
        // Alice cannot approve her own request, whatever machine she uses.
        let own = try team.run("alice", state: "alice-laptop-2", ["approve", id])
        #expect(own.status == 3)
        #expect(own.standardError.contains("yourself"))
        let listed = try team.run("bob", ["approve"])
        #expect(listed.standardOutput.contains(id) && listed.standardOutput.contains("alice (groups: sre, oncall)"))
        let approved = try team.run("bob", ["approve", id])
        #expect(approved.status == 0, "\(approved.standardError)")
        #expect(approved.standardOutput.contains("Plan: delete payments in production"))
        let ran = try team.run("alice", delete)
        #expect(ran.status == 0, "\(ran.standardError)")
        #expect(ran.standardOutput.contains("approved by bob (request \(id))"))
        // The approval counted once.
        #expect(try team.run("alice", delete).status != 0)
        let verify = try team.run("carol", state: "elsewhere", ["audit", "verify"])
        #expect(verify.status == 0)
        #expect(verify.standardOutput.contains("alice (groups: sre, oncall)"))
        #expect(verify.standardOutput.contains("pending delete payments in production (approval \(id))"))
        #expect(verify.standardOutput.contains("bob (groups: security)"))
        #expect(verify.standardOutput.contains("approved delete payments in production (approval \(id))"))
        #expect(verify.standardOutput.contains("executed delete payments in production (approval \(id))"))
        for output in [asked.standardError, asked.standardOutput, verify.standardOutput, approved.standardOutput] {
            #expect(!output.contains("token-0123456789"))
        }
    }

    /// With file state the identity is asked too: verified where the server says, the
    /// kubeconfig user marked unverified where it has no SelfSubjectReview.
    @Test(arguments: [true, false])
    func fileStateRecordsTheClusterIdentity(_ users: Bool) throws {
        let team = try Team(users: users)
        var environment = team.environment("alice", state: "alice")
        environment["CORTEX_STATE"] = "file"
        let status = try CortexBinary.run(["nl", "status payments in staging"], input: "", environment: environment)
        #expect(status.status == 0, "\(status.standardError)")
        let log = try CortexBinary.run(["audit", "log", "--json"], input: "", environment: environment)
        let expected = users ? #""identity":{"groups":["sre","oncall","system:authenticated"],"user":"alice","verified":true}"#
            : #""identity":{"groups":[],"user":"cortex-sim","verified":false}"#
        #expect(log.standardOutput.contains(expected), "\(log.standardOutput)")
    }

    @Test func theApproverRunsTheRequestWithRun() throws {
        let team = try Team()
        let asked = try team.run("carol", ["nl", "--confirm", "web-frontend", "delete web-frontend in production"])
        #expect(asked.status == 4)
        let id = try #require(asked.standardError.firstMatch(of: /request ([0-9a-f]{8})/)?.1).description
        // Approving is not enough for the approver to run it later as a request of their own.
        _ = try team.run("bob", ["approve", id])
        let own = try team.run("bob", ["nl", "--confirm", "web-frontend", "delete web-frontend in production"])
        #expect(own.status == 4, "\(own.standardOutput)")
        let second = try team.run("carol", ["nl", "--confirm", "web-frontend", "delete web-frontend in production"])
        #expect(second.status == 0, "\(second.standardError)")

        let again = try team.run("carol", ["nl", "--confirm", "api-gateway", "delete api-gateway in production"])
        let next = try #require(again.standardError.firstMatch(of: /request ([0-9a-f]{8})/)?.1).description
        let ran = try team.run("alice", ["approve", next, "--run", "--confirm", "api-gateway"])
        #expect(ran.status == 0, "\(ran.standardOutput)\(ran.standardError)")
        #expect(ran.standardOutput.contains("approved by alice (request \(next))"))
        #expect(ran.standardOutput.contains("deleted api-gateway in production"))
    }

    @Test func oneBudgetForTheTeamAndTamperingIsSeen() throws {
        let team = try Team()
        let set = try team.run("alice", ["nl", "--yes", "set the monthly budget to $500"])
        #expect(set.status == 0, "\(set.standardError)")
        let spent = try team.run("bob", ["nl", "how much have we spent this month"])
        #expect(spent.status == 0, "\(spent.standardError)")
        #expect(spent.standardOutput.contains("$500"), "\(spent.standardOutput)")
        // Someone with write access to the namespace edits an entry in place.
        let export = try team.run("bob", ["audit", "export", "--output", team.folder.file("chain.jsonl")])
        #expect(export.status == 0, "\(export.standardError)")
        let offline = try CortexBinary.run(["audit", "verify", "--audit-log", team.folder.file("chain.jsonl")], input: "",
                                           environment: ["HOME": team.folder.path, "PATH": "/usr/bin:/bin"])
        #expect(offline.status == 0, "\(offline.standardOutput)")
        try tamper(team, entry: 1, token: "bob-token-0123456789")
        let verify = try team.run("carol", state: "elsewhere", ["audit", "verify"])
        #expect(verify.status == 1)
        #expect(verify.standardOutput.contains("entry 1 (line 1) was edited"), "\(verify.standardOutput)")
        #expect(verify.standardOutput.contains("audit-0000000001"))
    }

    /// Rewrites the record of an entry object through the API, as `kubectl edit` would.
    func tamper(_ team: Team, entry: Int, token: String) throws {
        let config = try String(contentsOfFile: team.kubeconfig("bob"), encoding: .utf8)
        let server = try #require(config.firstMatch(of: /server: (\S+)/)?.1).description
        let url = server + "/api/v1/namespaces/cortex-system/configmaps/audit-" + String(format: "%010d", entry)
        func call(_ method: String, _ body: Data?) throws -> Data {
            var request = URLRequest(url: URL(string: url)!)
            request.httpMethod = method
            request.httpBody = body
            request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
            let done = DispatchSemaphore(value: 0)
            let result = LockedBox<Data?>(nil)
            URLSession.shared.dataTask(with: request) { data, _, _ in result.set(data); done.signal() }.resume()
            done.wait()
            return result.get() ?? Data()
        }
        var object = try JSONValue(parsing: Array(try call("GET", nil)))
        let line = try #require(object[path: ["data", "entry"]]?.stringValue)
        object[path: ["data", "entry"]] = .string(line.replacingOccurrences(of: "\"session\":\"", with: "\"session\":\"x"))
        _ = try call("PUT", Data(object.serialized()))
    }
}

/// A value shared with a URLSession callback.
final class LockedBox<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func set(_ new: Value) { lock.withLock { value = new } }
    func get() -> Value { lock.withLock { value } }
}
