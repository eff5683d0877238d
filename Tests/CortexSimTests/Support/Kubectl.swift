import CortexSim
import Foundation

/// Runs the machine's real kubectl against a simulated cluster, with a fresh HOME (kubectl
/// caches discovery there) and a kubeconfig without credentials over plain http.
struct Kubectl: Sendable {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String

        var output: String { stdout + stderr }
    }

    /// The kubectl on PATH, if any.
    static let path: String? = {
        let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        return directories.map { "\($0)/kubectl" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { path != nil }

    let directory: TemporaryDirectory
    let kubeconfig: String

    init(_ sim: SimulatedCluster) throws {
        directory = try TemporaryDirectory()
        kubeconfig = directory.file("kubeconfig")
        try sim.writeKubeconfig(to: kubeconfig, namespace: "staging")
    }

    /// Runs one command; gives up (and kills it) after `timeout` seconds.
    func run(_ arguments: [String], timeout: Double = 90) async throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.path ?? "/usr/bin/kubectl")
        process.arguments = arguments
        var environment = ["HOME": directory.path, "KUBECONFIG": kubeconfig, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        environment["LANG"] = "C.UTF-8"
        // `kubectl edit` runs this editor on the object's YAML: it hands payments to another team.
        environment["KUBE_EDITOR"] = "sed -i s/payments-team/platform-team/"
        process.environment = environment
        let out = directory.file("stdout-\(UUID().uuidString)")
        let err = directory.file("stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: out, contents: nil)
        _ = FileManager.default.createFile(atPath: err, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: err))
        process.standardInput = FileHandle.nullDevice

        let status = try await ChildProcess.run(process, timeout: timeout)
        return Result(
            status: status,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }

    /// Writes a manifest into the temporary directory and returns its path.
    func manifest(_ name: String, _ text: String) throws -> String {
        let path = directory.file(name)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}
