#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CortexCore

/// An open file descriptor and the few POSIX calls the audit log and the approval store
/// need: advisory locks, positioned reads, complete writes, and flushing to disk. Every
/// platform call of these stores is in this file; failures become `CortexError`s naming the path.
final class PosixFile {
    let fd: Int32
    let path: String

    private init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit { close(fd) }

    /// Opens `path` for reading and writing, creating it (mode 0600) when `create`; with
    /// `append`, every write goes to the end.
    static func open(_ path: String, create: Bool = true, append: Bool = false) throws(CortexError) -> PosixFile {
        var flags = O_RDWR | O_CLOEXEC
        if create { flags |= O_CREAT }
        if append { flags |= O_APPEND }
        let fd = posixOpen(path, flags, 0o600)
        guard fd >= 0 else { throw failure("cannot open", path) }
        return PosixFile(fd: fd, path: path)
    }

    /// Opens `path` read-only; nil when it does not exist.
    static func openForReading(_ path: String) throws(CortexError) -> PosixFile? {
        let fd = posixOpen(path, O_RDONLY | O_CLOEXEC, 0)
        if fd < 0, errno == ENOENT { return nil }
        guard fd >= 0 else { throw failure("cannot open", path) }
        return PosixFile(fd: fd, path: path)
    }

    /// Waits for an exclusive (or shared) advisory lock on the whole file.
    func lock(shared: Bool = false) throws(CortexError) {
        while flock(fd, shared ? LOCK_SH : LOCK_EX) != 0 {
            guard errno == EINTR else { throw Self.failure("cannot lock", path) }
        }
    }

    func unlock() {
        _ = flock(fd, LOCK_UN)
    }

    func size() throws(CortexError) -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("cannot read the size of", path) }
        return Int(info.st_size)
    }

    func identity() throws(CortexError) -> FileIdentity {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("cannot read the attributes of", path) }
        return FileIdentity(info)
    }

    /// Reads `count` bytes at `offset` (fewer at the end of the file).
    func read(at offset: Int, count: Int) throws(CortexError) -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: count)
        var done = 0
        while done < count {
            let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress! + done, count - done, off_t(offset + done)) }
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw Self.failure("cannot read", path) }
            if n == 0 { break }
            done += n
        }
        return Array(buffer.prefix(done))
    }

    func readAll() throws(CortexError) -> [UInt8] {
        try read(at: 0, count: size())
    }

    /// Writes all of `bytes` at the current end (append mode) or at `offset`.
    func write(_ bytes: [UInt8], at offset: Int? = nil) throws(CortexError) {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                let base = raw.baseAddress! + done
                return offset.map { pwrite(fd, base, bytes.count - done, off_t($0 + done)) }
                    ?? posixWrite(fd, base, bytes.count - done)
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw Self.failure("cannot write", path) }
            done += n
        }
    }

    /// Flushes written data to the device before returning.
    func syncData() throws(CortexError) {
        #if canImport(Glibc)
        let result = fdatasync(fd)
        #else
        let result = fsync(fd)
        #endif
        guard result == 0 else { throw Self.failure("cannot flush", path) }
    }

    func truncate(to length: Int) throws(CortexError) {
        guard ftruncate(fd, off_t(length)) == 0 else { throw Self.failure("cannot truncate", path) }
    }

    /// Creates a folder and its parents (mode 0700 for new ones).
    static func makeDirectories(_ path: String) throws(CortexError) {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            if mkdir(built, 0o700) != 0, errno != EEXIST { throw failure("cannot create the folder", built) }
        }
    }

    /// Flushes a folder's entries (a new or renamed file in it) to the device.
    static func syncDirectory(_ path: String) {
        let fd = posixOpen(path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Replaces `path` with `bytes` atomically: a temporary file, flushed, then renamed.
    static func replace(_ path: String, with bytes: [UInt8]) throws(CortexError) {
        let temporary = path + ".tmp"
        let file = try open(temporary)
        try file.truncate(to: 0)
        try file.write(bytes, at: 0)
        try file.syncData()
        guard rename(temporary, path) == 0 else { throw failure("cannot replace", path) }
        syncDirectory(parent(of: path))
    }

    /// Which file is at `path` now; nil when there is none.
    static func identity(ofPath path: String) -> FileIdentity? {
        var info = stat()
        return stat(path, &info) == 0 ? FileIdentity(info) : nil
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func failure(_ what: String, _ path: String) -> CortexError {
        .failed("\(what) \(path): \(String(cString: strerror(errno)))")
    }
}

// `open` and `write` are also names of methods above; these reach the C functions.
private func posixOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 { open(path, flags, mode) }
private func posixWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

/// Which file an open descriptor refers to: its device and inode. A reader that keeps what
/// it read compares it to tell the same file, appended to, from one replaced under its path.
struct FileIdentity: Equatable {
    var device: UInt64
    var inode: UInt64

    init(_ info: stat) {
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}
