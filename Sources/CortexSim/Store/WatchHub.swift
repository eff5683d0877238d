import CortexCore
import Foundation

/// How a watch renders the objects of its events: as stored, or (kubectl `get -w`, which asks
/// with `Accept: application/json;as=Table;...`) as a one-row `meta.k8s.io/v1` Table per event
/// whose column definitions come only with the first event, as kube-apiserver sends them.
enum WatchFormat: Sendable {
    case objects
    case table(includeObject: String?)
}

/// The open watches: each gets the NDJSON lines of the changes its filter selects.
final class WatchHub {
    private struct Watcher {
        let kind: ResourceKind
        let filter: ObjectFilter
        let format: WatchFormat
        /// Whether the client asked for BOOKMARK events (`allowWatchBookmarks=true`).
        let bookmarks: Bool
        /// Whether a Table event with column definitions was sent already.
        var sentHeaders = false
        let continuation: AsyncStream<[UInt8]>.Continuation
    }

    private var watchers: [Int: Watcher] = [:]
    private var nextID = 0
    /// The time Table cells (ages) are computed at.
    var now: () -> Date = Date.init

    var count: Int { watchers.count }

    /// Registers a watch. `initial` events are delivered first, before any later change, in
    /// the watch's format; a watch that resumes from a resource version passes the retained
    /// changes after it, which the filter then turns into what this watch sees.
    func add(
        kind: ResourceKind, filter: ObjectFilter, format: WatchFormat, bookmarks: Bool, initial: [WatchEvent],
        onTermination: @escaping @Sendable (Int) -> Void
    ) -> (id: Int, stream: AsyncStream<[UInt8]>) {
        nextID += 1
        let id = nextID
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        var watcher = Watcher(kind: kind, filter: filter, format: format, bookmarks: bookmarks, continuation: continuation)
        for event in initial {
            if let line = Self.line(event, for: &watcher, now: now()) { continuation.yield(line) }
        }
        continuation.onTermination = { _ in onTermination(id) }
        watchers[id] = watcher
        return (id, stream)
    }

    /// Sends one more line (the end-of-initial-events bookmark) to a watch.
    func send(_ line: [UInt8], to id: Int) {
        watchers[id]?.continuation.yield(line)
    }

    func remove(_ id: Int) {
        watchers.removeValue(forKey: id)?.continuation.finish()
    }

    func publish(_ event: WatchEvent) {
        guard !watchers.isEmpty else { return }
        let time = now()
        for id in watchers.keys where watchers[id]!.kind == event.resource {
            if let line = Self.line(event, for: &watchers[id]!, now: time) {
                watchers[id]!.continuation.yield(line)
            }
        }
    }

    /// Sends a BOOKMARK at `resourceVersion` to the watches that allow them (all of them, or
    /// only `id`), as the API server does periodically and before a watch times out.
    func bookmark(resourceVersion: Int, only id: Int? = nil) {
        for (key, watcher) in watchers where watcher.bookmarks && (id == nil || id == key) {
            watcher.continuation.yield(Self.bookmarkLine(watcher.kind, resourceVersion: resourceVersion))
        }
    }

    /// Ends every watch (the server is stopping).
    func finishAll() {
        let current = watchers
        watchers = [:]
        for watcher in current.values { watcher.continuation.finish() }
    }

    /// What a watch with this filter sees of a change, as kube-apiserver's watch cache
    /// decides it: a modification that brings an object into the selection is ADDED for it,
    /// one that takes it out is DELETED (with the object as it was and the new resource
    /// version), and changes outside the selection are not seen at all.
    static func seen(_ event: WatchEvent, through filter: ObjectFilter) -> (type: String, object: JSONValue)? {
        let now = filter.matches(event.object.value)
        let before = event.previous.map { filter.matches($0.value) } ?? false
        switch event.type {
        case .added: return now ? ("ADDED", event.object.value) : nil
        case .deleted: return now || before ? ("DELETED", event.object.value) : nil
        case .modified:
            switch (before, now) {
            case (true, true): return ("MODIFIED", event.object.value)
            case (false, true): return ("ADDED", event.object.value)
            case (true, false):
                var gone = event.previous!.value
                gone[path: ["metadata", "resourceVersion"]] = .string(String(event.object.resourceVersion))
                return ("DELETED", gone)
            case (false, false): return nil
            }
        }
    }

    private static func line(_ event: WatchEvent, for watcher: inout Watcher, now: Date) -> [UInt8]? {
        guard let (type, object) = seen(event, through: watcher.filter) else { return nil }
        switch watcher.format {
        case .objects:
            // The common case keeps the encoding made once per write.
            if type == event.type.rawValue, watcher.kind.version == ResourceKind.horizontalPodAutoscalers.version
                || watcher.kind != .horizontalPodAutoscalers
            {
                return event.line
            }
            let value = watcher.kind == .horizontalPodAutoscalers && watcher.kind.version != ResourceKind.horizontalPodAutoscalers.version
                ? AutoscalerVersions.v1(object) : object
            return eventLine(type, value.serialized())
        case .table(let includeObject):
            var table = TableRenderer.table(
                watcher.kind, objects: [object], resourceVersion: Int(object.resourceVersion ?? "") ?? event.object.resourceVersion,
                includeObject: includeObject, now: now)
            if watcher.sentHeaders { table["columnDefinitions"] = .null }
            watcher.sentHeaders = true
            return eventLine(type, table.serialized())
        }
    }

    static func eventLine(_ type: String, _ object: [UInt8]) -> [UInt8] {
        Array(#"{"type":""#.utf8) + Array(type.utf8) + Array(#"","object":"#.utf8) + object + Array("}\n".utf8)
    }

    /// A BOOKMARK carries only the kind and the resource version the watch has reached.
    static func bookmarkLine(_ kind: ResourceKind, resourceVersion: Int, annotations: JSONValue? = nil) -> [UInt8] {
        var metadata: JSONValue = ["resourceVersion": .string(String(resourceVersion)), "creationTimestamp": .null]
        if let annotations { metadata["annotations"] = annotations }
        let object: JSONValue = ["kind": .string(kind.kind), "apiVersion": .string(kind.apiVersion), "metadata": metadata]
        return eventLine("BOOKMARK", object.serialized())
    }
}
