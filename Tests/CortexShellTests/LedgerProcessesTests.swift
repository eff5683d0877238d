import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Testing

/// Several shells share the routing and cost ledgers: the test binary starts itself four
/// times, each running only `routeWorker`, which is enabled by an environment variable.
@Suite("Ledgers shared by several processes")
struct LedgerProcessesTests {
    static let workerVariable = "CORTEX_LEDGER_TEST_WORKER"
    static let workers = 4
    static let routesPerWorker = 60

    /// `<state folder>|<worker name>|<count>` in the child's environment.
    static var workerTask: (folder: String, name: String, count: Int)? {
        guard let spec = ProcessInfo.processInfo.environment[workerVariable] else { return nil }
        let parts = spec.split(separator: "|").map(String.init)
        guard parts.count == 3, let count = Int(parts[2]) else { return nil }
        return (parts[0], parts[1], count)
    }

    @Test(.enabled(if: workerTask != nil, "runs only in the processes fourShellsRouteWithDistinctIds starts"))
    func routeWorker() throws {
        let task = try #require(Self.workerTask)
        let costs = RoutingCostDispatcher(configuration: .defaults, files: LedgerFiles(stateDirectory: task.folder))
        let deadline = Date().addingTimeInterval(30)
        while !FileManager.default.fileExists(atPath: task.folder + "/go"), Date() < deadline { usleep(1000) }
        for i in 0..<task.count {
            _ = try costs.route("\(task.name) task \(i): the nightly build is red")
            try costs.ledgers.recordUsage(LLMUsageRecord(at: Date(), model: task.name, promptTokens: 1, completionTokens: 1,
                                                         latencyMilliseconds: 1))
        }
    }

    @Test func fourShellsRouteWithDistinctIds() throws {
        let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        guard FileManager.default.isExecutableFile(atPath: binary), binary.hasSuffix(".xctest") else {
            print("skipped: needs to re-run the test binary through /proc/self/exe (Linux)")
            return
        }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        var processes: [Process] = []
        for w in 0..<Self.workers {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: binary)
            p.arguments = ["--testing-library", "swift-testing", "--filter", "LedgerProcessesTests/routeWorker"]
            var env = ProcessInfo.processInfo.environment
            env[Self.workerVariable] = "\(dir.path)|worker-\(w)|\(Self.routesPerWorker)"
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            processes.append(p)
        }
        #expect(FileManager.default.createFile(atPath: dir.path + "/go", contents: nil))
        for p in processes { p.waitUntilExit() }
        #expect(processes.map(\.terminationStatus) == Array(repeating: 0, count: Self.workers))

        let costs = RoutingCostDispatcher(configuration: .defaults, files: LedgerFiles(stateDirectory: dir.path))
        let (history, problems) = try costs.routing.history()
        #expect(problems.isEmpty)
        let total = Self.workers * Self.routesPerWorker
        // Every route is there under its own id, r1 to rN with none lost or given twice.
        #expect(history.routes.keys.sorted() == (1...total).map { "r\($0)" }.sorted())
        let usage = try costs.ledgers.usage.read()
        #expect(usage.records.count == total)
        #expect(usage.problems.isEmpty)
    }
}
