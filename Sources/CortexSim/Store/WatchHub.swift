/// The open watches: each gets the NDJSON lines of the changes its filter selects.
final class WatchHub {
    private struct Watcher {
        let kind: ResourceKind
        let filter: ObjectFilter
        let continuation: AsyncStream<[UInt8]>.Continuation
    }

    private var watchers: [Int: Watcher] = [:]
    private var nextID = 0

    var count: Int { watchers.count }

    /// Registers a watch. `initial` lines are delivered first, before any later change.
    func add(
        kind: ResourceKind, filter: ObjectFilter, initial: [[UInt8]],
        onTermination: @escaping @Sendable (Int) -> Void
    ) -> (id: Int, stream: AsyncStream<[UInt8]>) {
        nextID += 1
        let id = nextID
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        for line in initial { continuation.yield(line) }
        continuation.onTermination = { _ in onTermination(id) }
        watchers[id] = Watcher(kind: kind, filter: filter, continuation: continuation)
        return (id, stream)
    }

    func remove(_ id: Int) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    func publish(_ event: WatchEvent) {
        guard !watchers.isEmpty else { return }
        var line: [UInt8]?
        for watcher in watchers.values where watcher.kind == event.resource && watcher.filter.matches(event.object.value) {
            if line == nil { line = event.line }
            watcher.continuation.yield(line!)
        }
    }

    /// Ends every watch (the server is stopping).
    func finishAll() {
        let current = watchers
        watchers = [:]
        for watcher in current.values { watcher.continuation.finish() }
    }
}
