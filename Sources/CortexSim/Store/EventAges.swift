/// The stored core/v1 Events ordered by `lastTimestamp` (ties by namespace and name), so
/// that the oldest are found without going through every Event when the store is full.
///
/// A min-heap with one entry per write: an entry whose Event has since been written again
/// with another time, or removed, is stale and skipped when it comes up (`isCurrent`).
/// When stale entries outnumber the Events, the heap is rebuilt from what is stored.
struct EventAges {
    struct Entry: Comparable {
        var last: String
        var key: ObjectStore.Key

        static func < (a: Entry, b: Entry) -> Bool {
            (a.last, a.key.namespace, a.key.name) < (b.last, b.key.namespace, b.key.name)
        }
    }

    private var heap: [Entry] = []

    /// Records that the Event at `key` was written with `last` as its `lastTimestamp`.
    mutating func written(_ key: ObjectStore.Key, last: String) {
        heap.append(Entry(last: last, key: key))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[child] < heap[parent] else { break }
            heap.swapAt(child, parent)
            child = parent
        }
    }

    /// The `count` oldest current Events, oldest first; `isCurrent` says whether an entry
    /// still describes a stored Event. Taken entries leave the heap.
    mutating func takeOldest(_ count: Int, isCurrent: (Entry) -> Bool) -> [ObjectStore.Key] {
        var result: [ObjectStore.Key] = []
        var seen: Set<ObjectStore.Key> = []
        while result.count < count, let entry = popMin() {
            if isCurrent(entry), seen.insert(entry.key).inserted { result.append(entry.key) }
        }
        return result
    }

    /// Rebuilds the heap from the stored Events when stale entries are more than `stored`.
    mutating func compact(stored: Int, entries: () -> [Entry]) {
        guard heap.count > 2 * stored + 64 else { return }
        heap = []
        for entry in entries() { written(entry.key, last: entry.last) }
    }

    mutating func removeAll() { heap = [] }

    private mutating func popMin() -> Entry? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let min = heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1, right = left + 1
            var smallest = parent
            if left < heap.count, heap[left] < heap[smallest] { smallest = left }
            if right < heap.count, heap[right] < heap[smallest] { smallest = right }
            if smallest == parent { break }
            heap.swapAt(parent, smallest)
            parent = smallest
        }
        return min
    }
}
