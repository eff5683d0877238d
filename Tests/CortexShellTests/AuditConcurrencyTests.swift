import CortexCore
import CortexShell
import Foundation
import Testing

/// Several processes appending to one log at once. The processes are this test binary run
/// again, each running only `appendWorker`, which is enabled by an environment variable.
@Suite("Audit appends from several processes")
struct AuditConcurrencyTests {
    static let workerVariable = "CORTEX_AUDIT_TEST_WORKER"
    static let workers = 4
    static let appendsPerWorker = 500

    /// `<log path>|<worker name>|<count>` in the child's environment.
    static var workerTask: (path: String, name: String, count: Int)? {
        guard let spec = ProcessInfo.processInfo.environment[workerVariable] else { return nil }
        let parts = spec.split(separator: "|").map(String.init)
        guard parts.count == 3, let count = Int(parts[2]) else { return nil }
        return (parts[0], parts[1], count)
    }

    @Test(.enabled(if: workerTask != nil, "runs only in the processes fourProcessesAppendOneValidChain starts"))
    func appendWorker() throws {
        let task = try #require(Self.workerTask)
        let store = FileAuditStore(path: task.path, appender: AuditAppender(plain: OpenSSLDigest.sha256))
        // Start together: wait (at most 30 s) until the parent has started every worker.
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: task.path + ".go"), Date() < deadline {
            usleep(1000)
        }
        for i in 0..<task.count {
            _ = try store.append(AuditFixture.record(i, session: task.name, input: "\(task.name) append \(i)"))
        }
    }

    @Test func fourProcessesAppendOneValidChain() throws {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard FileManager.default.isExecutableFile(atPath: binary), binary.hasSuffix(".xctest") else {
            print("skipped: needs to re-run the test binary through /proc/self/exe (Linux)")
            return
        }
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path + "/audit.jsonl"
        var processes: [Process] = []
        for w in 0..<Self.workers {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["--testing-library", "swift-testing", "--filter", "AuditConcurrencyTests/appendWorker"]
            var env = ProcessInfo.processInfo.environment
            env[Self.workerVariable] = "\(path)|worker-\(w)|\(Self.appendsPerWorker)"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            processes.append(p)
        }
        #expect(FileManager.default.createFile(atPath: path + ".go", contents: nil))
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: Self.workers))

        let store = FileAuditStore(path: path, appender: AuditAppender(plain: OpenSSLDigest.sha256))
        let contents = try store.contents()
        let result = AuditVerifier(plain: OpenSSLDigest.sha256).verify(contents.log, head: contents.head)
        #expect(result.problem == nil)
        #expect(result.entries == Self.workers * Self.appendsPerWorker)
        #expect(result.tornTail == nil)
        // Each worker's entries are all there, in the order it wrote them.
        let entries = AuditReading.entries(in: contents.log)
        for w in 0..<Self.workers {
            let inputs = entries.filter { $0.record.session == "worker-\(w)" }.compactMap(\.record.event.input)
            #expect(inputs == (0..<Self.appendsPerWorker).map { "worker-\(w) append \($0)" })
        }
        // They really ran at the same time: the workers' entries interleave.
        let sessions = entries.map(\.record.session)
        #expect(zip(sessions, sessions.dropFirst()).filter { $0 != $1 }.count > Self.workers)
    }
}
