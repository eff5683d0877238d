/// The names of a log's objects: `<prefix>-<sequence number, ten digits>`, so that names sort
/// in sequence order and the position of every entry is in its name.
public struct SequenceNames: Equatable, Sendable {
    public let prefix: String
    public static let digits = 10

    public init(prefix: String) {
        self.prefix = prefix
    }

    /// `audit-0000000042`.
    public func name(_ seq: Int) -> String {
        let number = String(seq)
        return prefix + "-" + String(repeating: "0", count: max(0, Self.digits - number.count)) + number
    }

    /// The sequence number in a name of this log; nil for any other name.
    public func seq(of name: String) -> Int? {
        guard name.hasPrefix(prefix + "-") else { return nil }
        let digits = name.dropFirst(prefix.count + 1)
        guard digits.count == Self.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(digits)
    }
}

/// A log kept as one object per entry, each created under the name of its sequence number.
///
/// Creating by name is the compare-and-swap: of several writers racing for position n, the
/// store lets exactly one create `<prefix>-n`; the others get AlreadyExists, read what was
/// appended, and try the next position. No object is ever rewritten, so the log can neither
/// fork nor lose an entry, and no object grows: each stays far below the API's size limit.
public struct SequencedObjectLog: Sendable {
    public let store: any SharedObjectStore
    public let names: SequenceNames
    /// The label every entry object carries, naming the log (`cortex.dev/log: audit`).
    public let logName: String

    public static let labelKey = "cortex.dev/log"
    public static let dataKey = "entry"
    /// The most one entry may hold: ConfigMaps are limited to 1 MiB; this leaves room for metadata.
    public static let maximumEntryBytes = 900 * 1024

    public init(store: any SharedObjectStore, logName: String) {
        self.store = store
        self.logName = logName
        names = SequenceNames(prefix: logName)
    }

    /// Tries to create the entry at `seq`; false when another writer holds that position.
    public func create(seq: Int, line: String) throws(CortexError) -> Bool {
        guard line.utf8.count <= Self.maximumEntryBytes else {
            throw .failed("an entry of \(logName) is \(line.utf8.count) bytes, more than a stored object may hold (\(Self.maximumEntryBytes))",
                          hint: "shorten the request")
        }
        let object = SharedObject(name: names.name(seq), labels: [Self.labelKey: logName], data: [Self.dataKey: line])
        do {
            _ = try store.create(object)
            return true
        } catch {
            switch error {
            case .alreadyExists: return false
            case .conflict: return false
            case .failed(let e): throw e
            }
        }
    }

    /// The entries after `seq`, in order, read one by one until the first position nobody holds:
    /// what other writers appended since `seq`.
    public func entries(after seq: Int) throws(CortexError) -> [(seq: Int, line: String?)] {
        var found: [(seq: Int, line: String?)] = []
        var next = seq + 1
        while let object = try store.get(names.name(next)) {
            found.append((next, object.data[Self.dataKey]))
            next += 1
        }
        return found
    }

    /// Every object of the log, in name order; objects whose name is not a position of the log
    /// come with a nil `seq`.
    public func all() throws(CortexError) -> [(seq: Int?, object: SharedObject)] {
        try store.list(label: Self.labelKey, value: logName)
            .map { (names.seq(of: $0.name), $0) }
            .sorted { $0.1.name < $1.1.name }
    }
}
