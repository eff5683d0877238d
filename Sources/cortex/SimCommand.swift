import ArgumentParser
import CortexCore
import CortexSim
import CortexShell
import Dispatch
import Foundation

/// `cortex sim`: the simulated Kubernetes cluster.
struct SimCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sim",
        abstract: "Run the simulated Kubernetes cluster that cortex uses when no cluster is configured.",
        subcommands: [SimServeCommand.self])
}

/// `cortex sim serve`: serves the simulated cluster until interrupted.
struct SimServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a simulated Kubernetes cluster on 127.0.0.1 until interrupted.",
        discussion: """
            Any Kubernetes client can use it, kubectl included: point it at the kubeconfig that \
            is printed. Images whose name or tag contains "broken" or "crashloop" never become \
            ready, so their rollouts end in ProgressDeadlineExceeded.
            """)

    @Option(help: "Port to listen on; 0 picks a free one.")
    var port: Int = 8001

    @Option(help: "JSON file to load the state from (when it exists) and save it to.")
    var state: String?

    @Option(help: "Simulated seconds per real second (a rollout's progress deadline shrinks with it).")
    var pace: Double = 1

    @Option(help: "Content of a new cluster: standard (services in development, staging, production) or empty.")
    var seed: String = ClusterSeed.standard.rawValue

    @Option(help: "Where to write a kubeconfig for this cluster (default: a file in the temporary directory).")
    var kubeconfig: String?

    @Option(help: "Namespace of the kubeconfig's context.")
    var namespace: String = "development"

    @Option(help: ArgumentHelp("A YAML file of users (name, token, groups): requests then need one of their bearer tokens, SelfSubjectReview says who they are, and one kubeconfig is written per user.", valueName: "file"))
    var users: String?

    func validate() throws {
        guard pace.isFinite, pace > 0 else { throw ValidationError("--pace must be a positive number, not \(pace).") }
        guard ClusterSeed(rawValue: seed) != nil else {
            throw ValidationError(
                "--seed must be one of: \(ClusterSeed.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() throws {
        do throws(CortexError) {
            let known = try users.map { path throws(CortexError) in try SimUsersFile.load(path) }
            let sim = try SimulatedCluster.startInBackground(
                port: port, seed: ClusterSeed(rawValue: seed) ?? .standard, pace: SimulationPace(speed: pace),
                stateFile: state, users: known)
            let path = kubeconfig ?? (NSTemporaryDirectory() as NSString).appendingPathComponent(
                "cortex-sim-\(sim.port).kubeconfig")
            var lines = ["cortex sim: serving a simulated Kubernetes cluster at \(sim.url) (pace \(sim.pace), seed \(seed))"]
            if let known {
                let base = path.hasSuffix(".kubeconfig") ? String(path.dropLast(".kubeconfig".count)) : path
                for user in known.users {
                    let file = "\(base)-\(user.name).kubeconfig"
                    try sim.writeKubeconfig(for: user, to: file, namespace: namespace)
                    let groups = user.groups.isEmpty ? "" : " (groups: \(user.groups.joined(separator: ", ")))"
                    lines.append("kubeconfig for \(user.name)\(groups): \(file)")
                }
                lines.append("  export KUBECONFIG=<the file of your user>; cortex --state cluster")
            } else {
                try sim.writeKubeconfig(to: path, namespace: namespace)
                lines += [
                    "kubeconfig: \(path)",
                    "  export KUBECONFIG=\(path)",
                    "  kubectl get deployments --all-namespaces",
                ]
            }
            if let state { lines.append("state: \(state) (saved on change and on exit)") }
            lines.append("Press Ctrl-C to stop.")
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
            Self.waitForTermination()
            sim.stopAndWait()
            FileHandle.standardOutput.write(Data("cortex sim: stopped\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ArgumentParser.ExitCode(error.exitCode.rawValue)
        }
    }

    /// Blocks until SIGINT or SIGTERM.
    private static func waitForTermination() {
        let stop = DispatchSemaphore(value: 0)
        let queue = DispatchQueue(label: "cortex.sim.signals")
        let sources = [SIGINT, SIGTERM].map { signalNumber in
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        stop.wait()
        sources.forEach { $0.cancel() }
    }
}
