import CortexSim
import Foundation
import Testing

/// The official Kubernetes Python client (PyPI `kubernetes`) against the simulated cluster,
/// through the kubeconfig `cortex sim serve` writes: lists, a watch that sees a scale, and
/// create/read/patch/delete of a ConfigMap and a Deployment (Fixtures/python_client_check.py).
///
/// The interpreter is `CORTEX_TEST_PYTHON` (CI points it at a virtual environment made by
/// scripts/python-kube-client) or else `python3` on PATH; without the client the test is
/// skipped, saying why.
@Suite(.enabled(if: PythonClient.interpreter != nil, Comment(rawValue: PythonClient.unavailableReason)))
struct PythonClientTests {
    @Test func officialClientDrivesTheSimulatedCluster() async throws {
        let python = try #require(PythonClient.interpreter)
        let script = try #require(
            Bundle.module.url(forResource: "python_client_check", withExtension: "py", subdirectory: "Fixtures")?.path)
        // Pods start one simulated second after their (whole-second) creation time and are
        // ready after two: in real time the watch sees each new pod added, then modified.
        let sim = try await SimulatedCluster.start(seed: .standard, pace: .realtime, tickInterval: 0.05)
        let directory = try TemporaryDirectory()
        let kubeconfig = directory.file("kubeconfig")
        let result: PythonClient.Result
        do {
            try sim.writeKubeconfig(to: kubeconfig, namespace: "staging")
            result = try await PythonClient.run(python, [script, kubeconfig], timeout: 120)
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
        print(result.output)
        let failures = result.output.split(separator: "\n").filter { $0.hasPrefix("FAIL") }
        #expect(failures.isEmpty, "the Python client saw: \(failures.joined(separator: "; "))")
        #expect(result.status == 0, "python exited \(result.status): \(result.output)")
        #expect(result.output.contains("python client checks: "), "the script did not finish: \(result.output)")
    }
}

/// Finds and runs a Python interpreter that has the `kubernetes` package.
enum PythonClient {
    struct Result {
        var status: Int32
        var output: String
    }

    /// `CORTEX_TEST_PYTHON`, else `python3` on PATH, when it imports `kubernetes`.
    static let interpreter: String? = {
        candidates.first { imports($0) }
    }()

    static var unavailableReason: String {
        "no Python with the `kubernetes` client (tried \(candidates.joined(separator: ", "))); "
            + "set CORTEX_TEST_PYTHON, e.g. to the python printed by scripts/python-kube-client"
    }

    private static var candidates: [String] {
        let environment = ProcessInfo.processInfo.environment
        if let configured = environment["CORTEX_TEST_PYTHON"], !configured.isEmpty { return [configured] }
        let directories = (environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/python3" }.filter { FileManager.default.isExecutableFile(atPath: $0) }.prefix(1).map { $0 }
    }

    private static func imports(_ python: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-c", "import kubernetes"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return false
        }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Runs the interpreter; stops it after `timeout` seconds. Output and errors are merged.
    static func run(_ python: String, _ arguments: [String], timeout: Double) async throws -> Result {
        let directory = try TemporaryDirectory()
        let log = directory.file("output")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = arguments
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        let status = try await ChildProcess.run(process, timeout: timeout)
        try? handle.close()
        return Result(status: status, output: (try? String(contentsOfFile: log, encoding: .utf8)) ?? "")
    }
}
