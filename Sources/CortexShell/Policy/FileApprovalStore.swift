public import CortexCore
public import Foundation

/// The pending-approval book in the state folder (`$XDG_STATE_HOME/cortex/approvals.json`,
/// or `CORTEX_APPROVALS`): read and changed under an exclusive lock on a lock file beside
/// it, replaced atomically.
public final class FileApprovalStore: ApprovalStore {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public var location: String { path }

    /// `--approvals` > `CORTEX_APPROVALS` > `$XDG_STATE_HOME/cortex/approvals.json`.
    public static func path(flag: String?, environment: [String: String]) throws(CortexError) -> String {
        if let path = flag ?? environment["CORTEX_APPROVALS"].flatMap({ $0.isEmpty ? nil : $0 }) { return path }
        return try CortexPaths.stateDirectory(environment: environment) + "/approvals.json"
    }

    /// A new request id: 8 random hex digits, short enough to type into `cortex approve`.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return Hex.encode((0..<4).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// The book as it is now (empty when the file does not exist yet).
    public func read() throws(CortexError) -> ApprovalBook {
        guard let file = try PosixFile.openForReading(path) else { return ApprovalBook() }
        return try decode(file.readAll())
    }

    /// Applies `change` to the book under the lock, prunes what has expired, and saves it.
    public func update<T>(at now: Date, _ change: (inout ApprovalBook) throws(CortexError) -> T) throws(CortexError) -> T {
        try PosixFile.makeDirectories(PosixFile.parent(of: path))
        let lock = try PosixFile.open(path + ".lock")
        try lock.lock()
        defer { lock.unlock() }
        var book = try PosixFile.openForReading(path).map { file throws(CortexError) in try decode(file.readAll()) } ?? ApprovalBook()
        let result = try change(&book)
        book.prune(at: now)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(book) else { throw .failed("cannot encode the approval requests") }
        try PosixFile.replace(path, with: Array(data) + [10])
        return result
    }

    func decode(_ bytes: [UInt8]) throws(CortexError) -> ApprovalBook {
        if bytes.isEmpty { return ApprovalBook() }
        guard let book = try? JSONDecoder().decode(ApprovalBook.self, from: Data(bytes)) else {
            throw .failed("the approval requests in \(path) are damaged",
                          hint: "move the file aside; pending requests have to be made again")
        }
        return book
    }
}
