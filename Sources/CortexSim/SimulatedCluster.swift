public import CortexCore
import CortexKube
import Dispatch
import Foundation
import Hummingbird

/// A simulated Kubernetes cluster that speaks the real REST API over plain HTTP on
/// 127.0.0.1: discovery, namespaces, Deployments (with `/scale` and `/status`),
/// ReplicaSets, Pods and their logs, list and watch, the four patch types, `dryRun=All`,
/// optimistic concurrency and `Status` errors. Controllers roll Deployments out at the
/// given pace. Any correct Kubernetes client, kubectl included, can use it.
///
/// ```swift
/// let sim = try await SimulatedCluster.start(seed: .standard, pace: .brisk)
/// print(sim.url)          // http://127.0.0.1:41234
/// await sim.stop()
/// ```
///
/// Synchronous code uses `startInBackground` and `stopAndWait`: the server runs on its
/// own threads either way.
///
/// Broken images: an image reference that contains `broken` (`payments:2.4.0-broken`)
/// never pulls (`ErrImagePull`, then `ImagePullBackOff`), and one that contains `crashloop`
/// starts and crashes (`CrashLoopBackOff`). Their pods never become ready, so a rollout to
/// them ends in `ProgressDeadlineExceeded` once `progressDeadlineSeconds` simulated seconds
/// pass without progress; `kubectl rollout undo` (or cortex's rollback) then recovers.
public final class SimulatedCluster: Sendable {
    /// The TCP port the server listens on; 0 for a cluster made by `inProcess` (no server).
    public let port: Int
    public let pace: SimulationPace
    /// Where the state is saved (periodically when it changed, and on stop), if anywhere.
    public let stateFile: String?

    private let engine: ClusterEngine
    private let tasks: LockedBox<(server: Task<Void, Never>?, controller: Task<Void, Never>?, running: Bool)>

    /// `http://127.0.0.1:<port>`; for a cluster without a server (`inProcess`), a URL that
    /// only its `transport` answers (the `.invalid` domain never resolves).
    public var url: String { port == 0 ? Self.inProcessURL : "http://127.0.0.1:\(port)" }

    /// The base URL of a cluster that does not listen.
    public static let inProcessURL = "http://in-process.cortex-sim.invalid"

    /// Whether the cluster serves HTTP on loopback (false for `inProcess`).
    public var isListening: Bool { port != 0 }

    /// Sends requests straight to this cluster's API layer, in this process: the same
    /// answers as over HTTP at `url`, without sockets. Call it from ordinary threads.
    public func transport(cancellation: any CancellationSignal = NeverCancelled()) -> InProcessTransport {
        InProcessTransport(engine: engine, baseURL: url, cancellation: cancellation)
    }

    private init(port: Int, pace: SimulationPace, stateFile: String?, engine: ClusterEngine) {
        self.port = port
        self.pace = pace
        self.stateFile = stateFile
        self.engine = engine
        self.tasks = LockedBox((nil, nil, false))
    }

    /// Starts a simulated cluster and returns once it accepts connections.
    ///
    /// - Parameters:
    ///   - port: the port to listen on; 0 picks a free one.
    ///   - seed: the content of a new cluster (ignored when `stateFile` exists).
    ///   - pace: how fast simulated time runs.
    ///   - stateFile: a JSON file to load the state from when it exists, and to save it to.
    ///   - tickInterval: wall-clock seconds between controller passes.
    ///   - clock: the cluster's time. With a manual clock no controller runs by itself:
    ///     `settle()` runs one pass at the clock's time, and generated names and uids are the
    ///     same on every run.
    public static func start(
        port: Int = 0, seed: ClusterSeed = .standard, pace: SimulationPace = .realtime, stateFile: String? = nil,
        tickInterval: Double = 0.1, clock: SimulationClock = .wall, users: SimUsers? = nil
    ) async throws(CortexError) -> SimulatedCluster {
        guard (0...65535).contains(port) else {
            throw .usage("The port \(port) is not between 0 and 65535.", hint: "Use 0 to take any free port.")
        }
        let cluster = try makeCluster(seed: seed, pace: pace, stateFile: stateFile, clock: clock)
        cluster.users = users
        let engine = ClusterEngine(cluster: cluster, clock: clock)
        let bound = LockedBox<CheckedContinuation<Int, any Error>?>(nil)
        var app = Application(
            responder: SimResponder(engine: engine),
            configuration: ApplicationConfiguration(address: .hostname("127.0.0.1", port: port)),
            onServerRunning: { channel in
                let continuation = bound.withValue { value in
                    defer { value = nil }
                    return value
                }
                continuation?.resume(returning: channel.localAddress?.port ?? port)
            })
        app.logger.logLevel = .critical
        let server = app
        let actualPort: Int
        var serverTask: Task<Void, Never>?
        do {
            actualPort = try await withCheckedThrowingContinuation { continuation in
                bound.withValue { $0 = continuation }
                serverTask = Task {
                    do {
                        try await server.run()
                    } catch {
                        let waiting = bound.withValue { value in
                            defer { value = nil }
                            return value
                        }
                        waiting?.resume(throwing: error)
                    }
                }
            }
        } catch {
            throw .usage(
                "The simulated cluster cannot listen on 127.0.0.1:\(port): \(error)",
                hint: "Choose another port, or 0 for any free one.")
        }
        let sim = SimulatedCluster(port: actualPort, pace: pace, stateFile: stateFile, engine: engine)
        let controller = clock.isManual ? nil : Task { await sim.runControllers(every: tickInterval) }
        sim.tasks.withValue { $0 = (serverTask, controller, true) }
        return sim
    }

    /// A cluster that serves no HTTP at all: requests reach it only through `transport()`.
    /// No port, no server threads; with a manual clock no controller task either.
    /// Parameters as for `start`.
    public static func inProcess(
        seed: ClusterSeed = .standard, pace: SimulationPace = .realtime, stateFile: String? = nil,
        tickInterval: Double = 0.1, clock: SimulationClock = .wall
    ) throws(CortexError) -> SimulatedCluster {
        let cluster = try makeCluster(seed: seed, pace: pace, stateFile: stateFile, clock: clock)
        let sim = SimulatedCluster(port: 0, pace: pace, stateFile: stateFile, engine: ClusterEngine(cluster: cluster, clock: clock))
        let controller = clock.isManual ? nil : Task { await sim.runControllers(every: tickInterval) }
        sim.tasks.withValue { $0 = (nil, controller, true) }
        return sim
    }

    /// `start` for synchronous callers: blocks the calling thread until the server listens.
    /// Do not call it from an async context.
    public static func startInBackground(
        port: Int = 0, seed: ClusterSeed = .standard, pace: SimulationPace = .realtime, stateFile: String? = nil,
        tickInterval: Double = 0.1, clock: SimulationClock = .wall, users: SimUsers? = nil
    ) throws(CortexError) -> SimulatedCluster {
        let result = LockedBox<Result<SimulatedCluster, CortexError>?>(nil)
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do throws(CortexError) {
                let sim = try await start(
                    port: port, seed: seed, pace: pace, stateFile: stateFile, tickInterval: tickInterval, clock: clock,
                    users: users)
                result.withValue { $0 = .success(sim) }
            } catch {
                result.withValue { $0 = .failure(error) }
            }
            done.signal()
        }
        done.wait()
        // The semaphore is signalled only after the result is set.
        return try result.withValue { $0! }.get()
    }

    /// Stops the controllers and the server (open watches end), then saves the state when a
    /// state file is set. Calling it again does nothing.
    public func stop() async {
        let (server, controller, running) = tasks.withValue { value in
            defer { value = (nil, nil, false) }
            return value
        }
        guard running else { return }
        controller?.cancel()
        await controller?.value
        if let server {
            await engine.closeWatches()
            server.cancel()
            await server.value
        }
        if let stateFile { try? await save(to: stateFile) }
    }

    /// How many watches the server holds open, so that a caller can act once a client's
    /// watch is established.
    public var openWatches: Int {
        get async { engine.openWatches }
    }

    /// Controller passes at the cluster's current time until one changes nothing (at most
    /// `maxPasses`); how a cluster with a manual clock moves on.
    public func settle(maxPasses: Int = 50) async {
        engine.settle(maxPasses: maxPasses)
    }

    /// `settle` for synchronous callers: the passes run on the calling thread.
    public func settleAndWait() {
        engine.settle(maxPasses: 50)
    }

    /// `stop` for synchronous callers.
    public func stopAndWait() {
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            await self.stop()
            done.signal()
        }
        done.wait()
    }

    /// Writes the current state as JSON; `start(stateFile:)` reloads it.
    public func save(to path: String) async throws(CortexError) {
        let snapshot = engine.snapshot()
        try StateFile.write(snapshot, to: path)
    }

    /// A kubeconfig (YAML) whose current context points at this cluster, without credentials.
    public func kubeconfig(namespace: String = "default", context: String = "cortex-sim") -> String {
        """
        apiVersion: v1
        kind: Config
        clusters:
        - name: \(context)
          cluster:
            server: \(url)
        users:
        - name: \(context)
          user: {}
        contexts:
        - name: \(context)
          context:
            cluster: \(context)
            user: \(context)
            namespace: \(namespace)
        current-context: \(context)
        preferences: {}

        """
    }

    /// A kubeconfig for one of the cluster's users: their bearer token, and the cluster entry
    /// marked with the extension that lets cortex send it over plain http to this machine.
    public func kubeconfig(for user: SimUser, namespace: String = "default") -> String {
        let context = "cortex-sim-\(user.name)"
        return """
            apiVersion: v1
            kind: Config
            clusters:
            - name: cortex-sim
              cluster:
                server: \(url)
                extensions:
                - name: \(ResolvedKubeConfig.loopbackCredentialsExtension)
                  extension: {}
            users:
            - name: \(user.name)
              user:
                token: \(user.token.revealed)
            contexts:
            - name: \(context)
              context:
                cluster: cortex-sim
                user: \(user.name)
                namespace: \(namespace)
            current-context: \(context)
            preferences: {}

            """
    }

    /// Writes `kubeconfig(for:namespace:)` to a file readable only by its owner.
    public func writeKubeconfig(for user: SimUser, to path: String, namespace: String = "default") throws(CortexError) {
        do {
            try Data(kubeconfig(for: user, namespace: namespace).utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        } catch {
            throw .failed("Cannot write the kubeconfig to \(path): \(error.localizedDescription)")
        }
    }

    /// Writes `kubeconfig(namespace:context:)` to a file.
    public func writeKubeconfig(to path: String, namespace: String = "default", context: String = "cortex-sim")
        throws(CortexError)
    {
        do {
            try Data(kubeconfig(namespace: namespace, context: context).utf8).write(to: URL(fileURLWithPath: path))
        } catch {
            throw .failed("Cannot write the kubeconfig to \(path): \(error.localizedDescription)")
        }
    }

    private static func makeCluster(seed: ClusterSeed, pace: SimulationPace, stateFile: String?, clock: SimulationClock)
        throws(CortexError) -> Cluster
    {
        let names = SimulationNames(seed: clock.isManual ? 1 : nil)
        if let stateFile, FileManager.default.fileExists(atPath: stateFile) {
            let snapshot = try StateFile.read(stateFile)
            let cluster = Cluster(pace: pace, resourceVersion: snapshot.resourceVersion, names: names)
            cluster.store.load(snapshot.objects, resourceVersion: snapshot.resourceVersion)
            return cluster
        }
        guard clock.isManual else {
            let cluster = Cluster(pace: pace, names: names)
            Seeder(cluster: cluster).apply(seed, now: clock.now())
            return cluster
        }
        // With a manual clock the seeded cluster depends only on the seed, the pace and the
        // time: it is built once per process and copied.
        let key = SeedKey(seed: seed, speed: pace.speed, now: clock.now())
        return seeded.withValue { clusters in
            if let template = clusters[key] { return Cluster(copying: template) }
            let template = Cluster(pace: pace, names: names)
            Seeder(cluster: template).apply(seed, now: key.now)
            clusters[key] = template
            return Cluster(copying: template)
        }
    }

    private struct SeedKey: Hashable {
        var seed: ClusterSeed
        var speed: Double
        var now: Date
    }

    /// The seeded clusters of manual clocks, never changed once built: each new cluster is a copy.
    private static let seeded = LockedBox<[SeedKey: Cluster]>([:])

    /// Wall-clock seconds between the BOOKMARK events sent to watches that allow them
    /// (kube-apiserver sends one about every minute; shorter here, as simulated time runs faster).
    static let bookmarkInterval: Double = 30

    /// The controller loop; also saves the state about once a second when it changed, and
    /// sends watch bookmarks every `bookmarkInterval`.
    private func runControllers(every interval: Double) async {
        var savedChanges = engine.changeCount
        var lastSave = Date()
        var lastBookmark = Date()
        while !Task.isCancelled {
            engine.reconcile()
            if Date().timeIntervalSince(lastBookmark) >= Self.bookmarkInterval {
                engine.sendBookmarks()
                lastBookmark = Date()
            }
            if let stateFile, Date().timeIntervalSince(lastSave) >= 1 {
                let changes = engine.changeCount
                if changes != savedChanges {
                    try? await save(to: stateFile)
                    savedChanges = changes
                }
                lastSave = Date()
            }
            try? await Task.sleep(nanoseconds: UInt64(max(interval, 0.001) * 1_000_000_000))
        }
    }
}
