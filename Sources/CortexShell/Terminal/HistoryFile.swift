public import CortexCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The file the REPL keeps its history in between runs (its path comes from
/// ``CortexPaths``): one line per entry, UTF-8, readable by the owner only (0600, missing
/// directories created 0700), at most `limit` entries.
///
/// Lines are appended as they are accepted, so two sessions running side by side both keep
/// theirs; once the file holds more than `limit` entries it is rewritten with the newest.
public struct HistoryFile: Equatable, Sendable {
    /// Entries kept when nothing else is configured.
    public static let defaultLimit = 1_000
    /// The most a configuration may ask for.
    public static let maximumLimit = 100_000

    public var path: String
    /// How many entries are kept; 0 keeps none.
    public var limit: Int

    public init(path: String, limit: Int = HistoryFile.defaultLimit) {
        self.path = path
        self.limit = max(0, limit)
    }

    /// The number of entries to keep: `$CORTEX_HISTORY_SIZE`, or ``defaultLimit``.
    public static func limit(environment: [String: String]) throws(CortexError) -> Int {
        guard let raw = environment["CORTEX_HISTORY_SIZE"] else { return defaultLimit }
        let text = raw.trimmedWhitespace
        guard let n = Int(text), (0...maximumLimit).contains(n) else {
            throw .usage(
                "CORTEX_HISTORY_SIZE must be a whole number from 0 to \(maximumLimit), not '\(raw)'",
                hint: "unset it to keep the last \(defaultLimit) lines")
        }
        return n
    }

    /// The newest `limit` admissible entries, oldest first; none when the file does not
    /// exist yet. Rewrites the file when it holds more than `limit` entries.
    public func load() throws(CortexError) -> [String] {
        guard let bytes = try readAll() else { return [] }
        let lines = bytes.split(separator: UInt8(ascii: "\n")).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        if lines.count > limit {
            let kept = Array(lines.suffix(limit))
            try rewrite(kept)
            return kept.filter(HistoryFilter.admits)
        }
        return lines.filter(HistoryFilter.admits)
    }

    /// Appends one entry. The caller filters (see ``HistoryFilter``) and bounds (by calling
    /// ``load()`` again once it has appended past `limit`).
    public func append(_ line: String) throws(CortexError) {
        guard limit > 0 else { return }
        try createDirectory()
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot write the history file \(path)", errno: errno) }
        defer { close(fd) }
        try ownerOnly(fd)
        try writeAll(Array((line + "\n").utf8), to: fd)
    }

    /// Replaces the file's content with `lines`, atomically.
    func rewrite(_ lines: [String]) throws(CortexError) {
        try createDirectory()
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw failure("cannot write the history file \(path)", errno: errno) }
        do throws(CortexError) {
            try ownerOnly(fd)
            try writeAll(Array(lines.map { $0 + "\n" }.joined().utf8), to: fd)
            close(fd)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw failure("cannot replace the history file \(path)", errno: code)
        }
    }

    /// The file's bytes, or nil when it does not exist.
    private func readAll() throws(CortexError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw failure("cannot read the history file \(path)", errno: errno)
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n == 0 { return bytes }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot read the history file \(path)", errno: errno)
            }
            bytes += chunk[..<n]
        }
    }

    /// Creates the missing directories above the file, private to the owner (0700).
    private func createDirectory() throws(CortexError) {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return }
        var current = path.hasPrefix("/") ? "" : "."
        for component in path[..<slash].split(separator: "/") {
            current += "/" + component
            guard mkdir(current, 0o700) != 0 else { continue }
            var code = errno
            if code == EEXIST {
                var info = stat()
                guard stat(current, &info) != 0 || info.st_mode & S_IFMT != S_IFDIR else { continue }
                code = ENOTDIR
            }
            throw failure("cannot create the history directory \(current)", errno: code)
        }
    }

    /// A history file someone made group- or world-readable is narrowed back to its owner.
    private func ownerOnly(_ fd: Int32) throws(CortexError) {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw failure("cannot inspect the history file \(path)", errno: errno) }
        if info.st_mode & 0o077 != 0, fchmod(fd, 0o600) != 0 {
            throw failure("cannot make the history file \(path) private", errno: errno)
        }
    }

    private func writeAll(_ bytes: [UInt8], to fd: Int32) throws(CortexError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write the history file \(path)", errno: errno)
            }
            offset += n
        }
    }

    private func failure(_ message: String, errno code: Int32) -> CortexError {
        .failed(
            "\(message): \(String(cString: strerror(code)))",
            hint: "history is not saved; choose another file with --history-file or CORTEX_HISTORY_FILE")
    }
}
