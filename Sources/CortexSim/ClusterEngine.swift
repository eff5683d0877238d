import CortexCore
import Foundation
import Synchronization

/// Serialises all access to one `Cluster`: requests from any number of connections, the
/// controller loop, watch time-outs and saving.
///
/// The cluster sits behind a lock rather than on the actor's executor, so that a caller on
/// an ordinary thread (the in-process transport, a manual clock's `settle`) runs a request
/// or a controller pass right there, without handing it to another thread and waiting for
/// it. The actor keeps what only the HTTP server needs: the streams it feeds over time.
actor ClusterEngine {
    /// The cluster; every use holds the lock for the whole request or pass.
    private nonisolated let cluster: Mutex<Cluster>
    private nonisolated let clock: SimulationClock
    /// Streaming responses whose last chunk has not been written yet.
    private var openStreams = 0
    /// The followed logs being fed, by a number of their own, so that stopping ends them.
    private var followers: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextFollower = 0

    init(cluster: sending Cluster, clock: SimulationClock = .wall) {
        self.clock = clock
        self.cluster = Mutex(cluster)
        // A watch's stream may end from any thread, also while the lock is held (its
        // consumer goes away): forgetting it happens later, in a task of its own.
        self.cluster.withLock { cluster in
            cluster.onWatchTerminated = { [weak self] id in
                Task { self?.endWatch(id) }
            }
        }
    }

    func handle(_ request: APIRequest) -> APIResponse {
        let response = answer(request)
        if let watch = response.watch, let timeout = watch.timeoutSeconds, timeout > 0 {
            Task { [weak self] in
                try? await Task.sleep(nanoseconds: UInt64(timeout * 1_000_000_000))
                self?.endWatch(watch.id, bookmark: watch.bookmarks)
            }
        }
        if let follow = response.follow { startFollowing(follow) }
        return response
    }

    /// Answers `request` on the calling thread. A stream it opens (a watch, a followed log)
    /// is the caller's to end: nothing feeds or times it out.
    nonisolated func answer(_ request: APIRequest) -> APIResponse {
        let now = clock.now()
        return cluster.withLock { $0.handle(request, now: now) }
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
                let next = self.followLogs(state)
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

    private nonisolated func followLogs(_ state: LogFollow.State) -> (chunk: [UInt8], state: LogFollow.State, ended: Bool) {
        let now = clock.now()
        return cluster.withLock { $0.followLogs(state, now: now) }
    }

    /// Sends a BOOKMARK with the current resource version to every watch that allows them;
    /// the server calls it periodically (kube-apiserver: about once a minute).
    nonisolated func sendBookmarks() {
        cluster.withLock { $0.watches.bookmark(resourceVersion: $0.store.resourceVersion) }
    }

    /// One pass of the controllers at the current time.
    nonisolated func reconcile() {
        let now = clock.now()
        cluster.withLock { $0.controllers.reconcile(now: now) }
    }

    /// Passes at the current time until one changes nothing, at most `maxPasses`, on the
    /// calling thread.
    nonisolated func settle(maxPasses: Int) {
        let now = clock.now()
        cluster.withLock { cluster in
            for _ in 0..<maxPasses {
                let before = cluster.changeCount
                cluster.controllers.reconcile(now: now)
                if cluster.changeCount == before { return }
            }
        }
    }

    /// Ends a watch; one that timed out and allows bookmarks first gets a last BOOKMARK, so
    /// that its client resumes from the newest resource version.
    nonisolated func endWatch(_ id: Int, bookmark: Bool = false) {
        cluster.withLock { cluster in
            if bookmark { cluster.watches.bookmark(resourceVersion: cluster.store.resourceVersion, only: id) }
            cluster.watches.remove(id)
        }
    }

    nonisolated var openWatches: Int { cluster.withLock { $0.watches.count } }

    /// Counts stored changes; a saver compares it with the count at its last save.
    nonisolated var changeCount: Int { cluster.withLock { $0.changeCount } }

    nonisolated func snapshot() -> StateFile.Snapshot {
        cluster.withLock { StateFile.Snapshot(resourceVersion: $0.store.resourceVersion, objects: $0.store.allObjects) }
    }

    func streamOpened() { openStreams += 1 }

    func streamClosed() { openStreams -= 1 }

    /// Ends every watch and followed log, then waits (at most `timeout` seconds) until their responses are
    /// complete, so that clients see a properly terminated stream when the server stops.
    func closeWatches(timeout: Double = 2) async {
        cluster.withLock { $0.watches.finishAll() }
        let following = followers
        followers = [:]
        for continuation in following.values { continuation.finish() }
        let deadline = Date().addingTimeInterval(timeout)
        while openStreams > 0, Date() < deadline {
            try? await Task.sleep(nanoseconds: 10_000_000)
        }
    }
}
