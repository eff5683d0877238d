import CortexCore
import Foundation

/// Serialises all access to one `Cluster`: requests from any number of connections, the
/// controller loop, watch time-outs and saving.
actor ClusterEngine {
    private let cluster: Cluster
    private let pace: SimulationPace
    private let clock: SimulationClock
    /// Streaming responses whose last chunk has not been written yet.
    private var openStreams = 0
    /// The followed logs being fed, by a number of their own, so that stopping ends them.
    private var followers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextFollower = 0

    init(cluster: sending Cluster, clock: SimulationClock = .wall) {
        self.cluster = cluster
        self.clock = clock
        self.pace = cluster.pace
        cluster.onWatchTerminated = { [weak self] id in
            Task { await self?.endWatch(id) }
        }
    }

    func handle(_ request: APIRequest) -> APIResponse {
        let response = cluster.handle(request, now: clock.now())
        if let watch = response.watch, let timeout = watch.timeoutSeconds, timeout > 0 {
            Task { [weak self] in
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                await self?.endWatch(watch.id, bookmark: watch.bookmarks)
            }
        }
        if let follow = response.follow { startFollowing(follow) }
        return response
    }

    /// Wall-clock seconds between looks for new lines of a followed log.
    static let logPollInterval = 0.25

    /// Feeds a followed log's stream with new lines until it ends or its client leaves.
    private func startFollowing(_ follow: LogFollow) {
        let continuation = follow.continuation
        nextFollower += 1
        let id = nextFollower
        followers[id] = continuation
        let task = Task { [weak self] in
            var state = follow.state
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: UInt64(Self.logPollInterval * 1_000_000_000))
                guard let self, !Task.isCancelled else { break }
                let next = await self.followLogs(state)
                if !next.chunk.isEmpty { continuation.yield(next.chunk) }
                state = next.state
                if next.ended { break }
            }
            continuation.finish()
        }
        continuation.onTermination = { [weak self] _ in
            task.cancel()
            Task { await self?.forgetFollower(id) }
        }
    }

    private func forgetFollower(_ id: Int) {
        followers[id] = nil
    }

    private func followLogs(_ state: LogFollow.State) -> (chunk: [UInt8], state: LogFollow.State, ended: Bool) {
        cluster.followLogs(state, now: clock.now())
    }

    /// Sends a BOOKMARK with the current resource version to every watch that allows them;
    /// the server calls it periodically (kube-apiserver: about once a minute).
    func sendBookmarks() {
        cluster.watches.bookmark(resourceVersion: cluster.store.resourceVersion)
    }

    /// One pass of the controllers at the current time.
    func reconcile() {
        reconcile(now: clock.now())
    }

    func reconcile(now: Date) {
        cluster.controllers.reconcile(now: now)
    }

    /// Passes at the current time until one changes nothing, at most `maxPasses`.
    func settle(maxPasses: Int) {
        let now = clock.now()
        for _ in 0..<maxPasses {
            let before = cluster.changeCount
            reconcile(now: now)
            if cluster.changeCount == before { return }
        }
    }

    /// Ends a watch; one that timed out and allows bookmarks first gets a last BOOKMARK, so
    /// that its client resumes from the newest resource version.
    func endWatch(_ id: Int, bookmark: Bool = false) {
        if bookmark { cluster.watches.bookmark(resourceVersion: cluster.store.resourceVersion, only: id) }
        cluster.watches.remove(id)
    }

    var openWatches: Int { cluster.watches.count }

    /// Counts stored changes; a saver compares it with the count at its last save.
    var changeCount: Int { cluster.changeCount }

    func snapshot() -> StateFile.Snapshot {
        StateFile.Snapshot(resourceVersion: cluster.store.resourceVersion, objects: cluster.store.allObjects)
    }

    func streamOpened() { openStreams += 1 }

    func streamClosed() { openStreams -= 1 }

    /// Ends every watch and followed log, then waits (at most `timeout` seconds) until their responses are
    /// complete, so that clients see a properly terminated stream when the server stops.
    func closeWatches(timeout: Double = 2) async {
        cluster.watches.finishAll()
        let following = followers
        followers = [:]
        for continuation in following.values { continuation.finish() }
        let deadline = Date().addingTimeInterval(timeout)
        while openStreams > 0, Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}
