#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CortexCore

/// A ledger file (a `KeptFile`) under an advisory `flock` for one operation: shared for
/// reading, exclusive for appending and for read-decide-append. Several shells (processes,
/// each with its own descriptor) can use the same file; every append is whole lines and
/// fsync'ed before the lock is released.
struct LockedFile: ~Copyable {
    let path: String
    private let fd: Int32

    enum Mode { case read, write }

    /// Locks a kept descriptor (shared for `read`, exclusive for `write`); the lock is
    /// released, and the descriptor kept, when this value ends.
    static func lock(_ kept: KeptFile, path: String, mode: Mode) throws(CortexError) -> LockedFile {
        while flock(kept.fd, mode == .write ? LOCK_EX : LOCK_SH) != 0 {
            guard errno == EINTR else { throw LockedFile.failure("cannot lock", path) }
        }
        return LockedFile(path: path, fd: kept.fd)
    }

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit {
        _ = flock(fd, LOCK_UN)
    }

    /// The whole file.
    func readAll() throws(CortexError) -> [UInt8] {
        try read(from: 0)
    }

    /// Which file is open, and its size.
    func identity() throws(CortexError) -> (file: FileIdentity, size: Int) {
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LockedFile.failure("cannot inspect", path) }
        return (FileIdentity(st), Int(st.st_size))
    }

    /// The file from `start` to its end.
    func read(from start: Int) throws(CortexError) -> [UInt8] {
        var out: [UInt8] = []
        var offset = off_t(start)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LockedFile.failure("cannot read", path)
            }
            if n == 0 { return out }
            out.append(contentsOf: buffer[0..<n])
            offset += off_t(n)
        }
    }

    /// Appends `bytes` and, unless `flush` is false, flushes them to disk. When the file does
    /// not end in a newline (a writer died mid-line), a newline goes first so the torn line
    /// stays apart and is reported as corrupt, not glued to the new record.
    func append(_ bytes: [UInt8], flush: Bool = true) throws(CortexError) {
        var data = bytes
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw LockedFile.failure("cannot inspect", path) }
        if st.st_size > 0 {
            var last: UInt8 = 0
            let n = pread(fd, &last, 1, st.st_size - 1)
            if n == 1 && last != UInt8(ascii: "\n") { data.insert(UInt8(ascii: "\n"), at: 0) }
        }
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { systemWrite(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 {
                if errno == EINTR { continue }
                throw LockedFile.failure("cannot write", path)
            }
            written += n
        }
        guard !flush || fsync(fd) == 0 else { throw LockedFile.failure("cannot flush", path) }
    }

    static func failure(_ what: String, _ path: String) -> CortexError {
        let reason = String(cString: strerror(errno))
        return .failed("\(what) \(path): \(reason)",
                       hint: "check that the state directory exists and is writable (CORTEX_STATE_DIR moves it)")
    }

    static func makeParentDirectory(of path: String) throws(CortexError) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        guard !parts.isEmpty else { return }
        var current = path.hasPrefix("/") ? "" : "."
        if parts.first == "" { parts = parts.dropFirst() }
        for part in parts where !part.isEmpty {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw failure("cannot create", current)
            }
        }
    }
}

/// A ledger file's descriptor kept open between the reads and appends of one ledger (a
/// session), so that each of them only takes the lock. Opened read-only until the first
/// append needs it writable; `identity` tells whether the path still names this file.
final class KeptFile: Sendable {
    let fd: Int32
    let identity: FileIdentity
    let writable: Bool

    /// Opens `path`; in write mode the file and its folder are created (0600 and 0700). In
    /// read mode a missing file yields nil.
    static func open(_ path: String, mode: LockedFile.Mode) throws(CortexError) -> KeptFile? {
        if mode == .write { try LockedFile.makeParentDirectory(of: path) }
        let flags = mode == .write ? (O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC) : (O_RDONLY | O_CLOEXEC)
        let fd = systemOpen(path, flags, 0o600)
        if fd < 0 {
            if mode == .read && errno == ENOENT { return nil }
            throw LockedFile.failure("cannot open", path)
        }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let error = LockedFile.failure("cannot inspect", path)
            close(fd)
            throw error
        }
        return KeptFile(fd: fd, identity: FileIdentity(st), writable: mode == .write)
    }

    private init(fd: Int32, identity: FileIdentity, writable: Bool) {
        self.fd = fd
        self.identity = identity
        self.writable = writable
    }

    deinit { close(fd) }
}

private func systemOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
    #if canImport(Glibc)
    Glibc.open(path, flags, mode)
    #else
    Darwin.open(path, flags, mode)
    #endif
}

private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int {
    #if canImport(Glibc)
    Glibc.write(fd, buffer, count)
    #else
    Darwin.write(fd, buffer, count)
    #endif
}
