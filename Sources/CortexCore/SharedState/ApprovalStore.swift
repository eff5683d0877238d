public import FoundationEssentials

/// Where the pending-approval book is kept: a file in the state folder, or one shared object
/// in the cluster. Changes are read-modify-write under the store's own exclusion.
public protocol ApprovalStore: AnyObject {
    /// Where the book is, for messages.
    var location: String { get }
    /// The book as it is now.
    func read() throws(CortexError) -> ApprovalBook
    /// Applies `change`, prunes what has expired, and saves the book. `change` may run more
    /// than once when another writer changed the book meanwhile (shared store).
    func update<T>(at now: Date, _ change: (inout ApprovalBook) throws(CortexError) -> T) throws(CortexError) -> T
}

/// The approval book as one shared object (`approvals`), changed with version-checked
/// updates: a change made on a book another machine changed meanwhile gets Conflict and is
/// made again on the new book, so approvals from several machines are never lost.
public final class SharedApprovalStore: ApprovalStore {
    public let store: any SharedObjectStore
    public static let objectName = "approvals"
    static let key = "book"

    public init(store: any SharedObjectStore) {
        self.store = store
    }

    public var location: String { "\(Self.objectName) in \(store.location)" }

    public func read() throws(CortexError) -> ApprovalBook {
        try decode(try store.get(Self.objectName))
    }

    public func update<T>(at now: Date, _ change: (inout ApprovalBook) throws(CortexError) -> T) throws(CortexError) -> T {
        while true {
            let current = try store.get(Self.objectName)
            var book = try decode(current)
            let result = try change(&book)
            book.prune(at: now)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            guard let data = try? encoder.encode(book) else { throw .failed("cannot encode the approval requests") }
            var object = SharedObject(name: Self.objectName, labels: ["cortex.dev/book": "approvals"],
                                      data: [Self.key: String(decoding: data, as: UTF8.self)])
            do {
                if let current {
                    object.resourceVersion = current.resourceVersion
                    _ = try store.update(object)
                } else {
                    _ = try store.create(object)
                }
                return result
            } catch {
                switch error {
                case .alreadyExists, .conflict: continue
                case .failed(let e): throw e
                }
            }
        }
    }

    func decode(_ object: SharedObject?) throws(CortexError) -> ApprovalBook {
        guard let text = object?.data[Self.key], !text.isEmpty else { return ApprovalBook() }
        guard let book = try? JSONDecoder().decode(ApprovalBook.self, from: Data(text.utf8)) else {
            throw .failed("the approval requests in \(location) are damaged",
                          hint: "delete the ConfigMap \(Self.objectName); pending requests have to be made again")
        }
        return book
    }
}
