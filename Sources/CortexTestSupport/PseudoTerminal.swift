import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What went wrong while driving a pseudo-terminal.
public struct PseudoTerminalError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) { self.description = description }

    static func system(_ call: String) -> PseudoTerminalError {
        PseudoTerminalError("\(call) failed: \(String(cString: strerror(errno)))")
    }
}

/// A pseudo-terminal a test types into and reads from, like a person at a terminal: the
/// controller side stays with the test, the terminal side is handed to the program under
/// test (``PseudoTerminalProcess``) or to a reader in this process (``openTerminalSide()``).
///
/// Every wait has a deadline: a test that expects text that never comes fails with the
/// output seen so far instead of hanging.
public final class PseudoTerminal {
    /// The controller (master) side.
    public let controller: Int32
    /// The path of the terminal (slave) side, `/dev/pts/N`.
    public let terminalPath: String
    private var received: [UInt8] = []
    /// Where the next ``expect(_:timeout:)`` starts looking.
    private var cursor = 0
    private var closed = false

    public init(columns: UInt16 = 80, rows: UInt16 = 24) throws {
        let fd = cortex_posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw PseudoTerminalError.system("posix_openpt") }
        guard cortex_grantpt(fd) == 0, cortex_unlockpt(fd) == 0 else {
            let error = PseudoTerminalError.system("grantpt/unlockpt")
            closeDescriptor(fd)
            throw error
        }
        var name = [CChar](repeating: 0, count: 128)
        guard cortex_ptsname_r(fd, &name, name.count) == 0 else {
            let error = PseudoTerminalError.system("ptsname_r")
            closeDescriptor(fd)
            throw error
        }
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(fd, UInt(TIOCSWINSZ), &size)
        controller = fd
        terminalPath = name.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
    }

    deinit { close() }

    /// Opens the terminal side for use in this process (not as controlling terminal).
    public func openTerminalSide() throws -> Int32 {
        let fd = open(terminalPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard fd >= 0 else { throw PseudoTerminalError.system("open \(terminalPath)") }
        return fd
    }

    /// Types `text` as keys: "\t" for Tab, "\u{1b}[A" for Up, "\u{03}" for Ctrl-C,
    /// "\u{04}" for Ctrl-D, "\r" for Enter. See ``waitForRawMode(timeout:)`` for when.
    public func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(controller, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw PseudoTerminalError.system("write to the pseudo-terminal")
            }
            offset += n
        }
    }

    /// Everything the program has drawn so far, escape sequences included.
    public var output: String {
        String(decoding: received, as: UTF8.self)
    }

    /// Waits until `text` appears in the output after the previous match, and returns the
    /// output from the previous match up to the end of this one. Throws on timeout or when
    /// the program closes the terminal first.
    @discardableResult
    public func expect(_ text: String, timeout: Duration = .seconds(15)) throws -> String {
        let needle = Array(text.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            if let range = find(needle, from: cursor) {
                let seen = String(decoding: received[cursor..<range.upperBound], as: UTF8.self)
                cursor = range.upperBound
                return seen
            }
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else {
                throw failure("timed out waiting for \(text.debugDescription)")
            }
            guard try pump(for: remaining) else {
                throw failure("the terminal closed before \(text.debugDescription) appeared")
            }
        }
    }

    /// An error that shows what the program printed since the last match.
    func failure(_ what: String) -> PseudoTerminalError {
        PseudoTerminalError("\(what); output since the last match: \(pendingOutput.debugDescription)")
    }

    /// The output after the last match.
    public var pendingOutput: String {
        String(decoding: received[cursor...], as: UTF8.self)
    }

    /// Reads whatever arrives within `duration` (at most), without waiting for anything
    /// in particular.
    public func drain(for duration: Duration = .milliseconds(200)) throws {
        let deadline = ContinuousClock.now + duration
        while case let remaining = ContinuousClock.now.duration(to: deadline), remaining > .zero {
            guard try pump(for: remaining) else { return }
        }
    }

    /// Waits until the program has switched the terminal to raw mode (ICANON off): a line
    /// editor is then waiting for keys, and Ctrl-C or Ctrl-D typed now reach it as keys.
    /// Typed earlier, while the terminal is still in line mode, the terminal itself would
    /// act on them. Keeps collecting output meanwhile.
    public func waitForRawMode(timeout: Duration = .seconds(15)) throws {
        let deadline = ContinuousClock.now + timeout
        while true {
            let probe = open(terminalPath, O_RDWR | O_NOCTTY | O_CLOEXEC)
            var settings = termios()
            let known = probe >= 0 && tcgetattr(probe, &settings) == 0
            if probe >= 0 { closeDescriptor(probe) }
            if known, settings.c_lflag & tcflag_t(ICANON) == 0 { return }
            guard ContinuousClock.now < deadline else {
                throw failure("the terminal stayed in line mode for \(timeout)")
            }
            _ = try pump(for: .milliseconds(10))
        }
    }

    /// The terminal's interrupt character (VINTR, normally Ctrl-C = 3); nil when disabled.
    public func interruptCharacter() throws -> UInt8? {
        try withSettings { settings in
            let c = withUnsafeBytes(of: settings.c_cc) { $0[Int(VINTR)] }
            return c == 0 ? nil : c
        }
    }

    /// Sets the interrupt character, as a shell does when it resumes a stopped program.
    public func setInterruptCharacter(_ character: UInt8) throws {
        try withSettings { settings in
            withUnsafeMutableBytes(of: &settings.c_cc) { $0[Int(VINTR)] = character }
        }
    }

    /// Reads the terminal side's settings, lets `body` change them, and applies them.
    private func withSettings<T>(_ body: (inout termios) -> T) throws -> T {
        let fd = try openTerminalSide()
        defer { closeDescriptor(fd) }
        var settings = termios()
        guard tcgetattr(fd, &settings) == 0 else { throw PseudoTerminalError.system("tcgetattr") }
        let before = settings
        let result = body(&settings)
        if withUnsafeBytes(of: before, { a in withUnsafeBytes(of: settings) { b in !a.elementsEqual(b) } }),
           tcsetattr(fd, TCSANOW, &settings) != 0 {
            throw PseudoTerminalError.system("tcsetattr")
        }
        return result
    }

    public func close() {
        guard !closed else { return }
        closed = true
        closeDescriptor(controller)
    }

    /// Waits up to `duration` for bytes and appends them; false once the other side has
    /// gone (EIO on Linux when the last terminal-side descriptor is closed).
    private func pump(for duration: Duration) throws -> Bool {
        let (seconds, attoseconds) = duration.components
        let ms = Int32(clamping: max(1, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
        var poller = pollfd(fd: controller, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, min(ms, 100))
        if ready < 0 {
            if errno == EINTR { return true }
            throw PseudoTerminalError.system("poll")
        }
        guard ready > 0 else { return true }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let n = chunk.withUnsafeMutableBytes { read(controller, $0.baseAddress, $0.count) }
        if n > 0 {
            received += chunk[..<n]
            return true
        }
        if n < 0, errno == EINTR || errno == EAGAIN { return true }
        return false
    }

    private func find(_ needle: [UInt8], from start: Int) -> Range<Int>? {
        guard !needle.isEmpty else { return start..<start }
        guard received.count - start >= needle.count else { return nil }
        for i in start...(received.count - needle.count) where received[i] == needle[0] {
            if received[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
        }
        return nil
    }
}

/// A program running on a ``PseudoTerminal`` as its controlling terminal (stdin, stdout and
/// stderr), in a session of its own, so Ctrl-C reaches it as a real SIGINT. The program is
/// killed when this object goes away.
public final class PseudoTerminalProcess {
    public let terminal: PseudoTerminal
    public let pid: Int32
    private var status: Int32?

    /// Starts `executable` with `arguments` and exactly `environment` (add TERM yourself;
    /// ``standardEnvironment(_:)`` gives a sensible base). With `standardOutput`, stdout goes
    /// to that file instead of the terminal, as when the output is piped.
    public init(
        executable: String, arguments: [String] = [], environment: [String: String],
        standardOutput: String? = nil, columns: UInt16 = 80, rows: UInt16 = 24
    ) throws {
        terminal = try PseudoTerminal(columns: columns, rows: rows)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        // A new session with no controlling terminal; opening the terminal side without
        // O_NOCTTY then makes it the controlling terminal.
        let flags = cortex_spawn_setsid_flag() | Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK)
        posix_spawnattr_setflags(&attributes, flags)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawn_file_actions_addopen(&actions, 0, terminal.terminalPath, O_RDWR, 0)
        if let standardOutput {
            posix_spawn_file_actions_addopen(&actions, 1, standardOutput, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        } else {
            posix_spawn_file_actions_adddup2(&actions, 0, 1)
        }
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var child: pid_t = 0
        let result = posix_spawn(&child, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw PseudoTerminalError("cannot start \(executable): \(String(cString: strerror(result)))")
        }
        pid = child
    }

    deinit {
        kill()
        terminal.close()
    }

    /// The environment a terminal program expects (TERM, a UTF-8 locale, HOME, PATH) plus `extra`.
    public static func standardEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        var base: [String: String] = [
            "TERM": "xterm", "LANG": "C.UTF-8",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
        ]
        if let home = ProcessInfo.processInfo.environment["HOME"] { base["HOME"] = home }
        return base.merging(extra) { $1 }
    }

    /// Waits for the program to end and returns its exit status; a program killed by a
    /// signal is reported as 128 + the signal number, as shells do.
    public func waitForExit(timeout: Duration = .seconds(15)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status { return status }
            var raw: Int32 = 0
            let done = waitpid(pid, &raw, WNOHANG)
            if done == pid {
                let code = raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
                status = code
                return code
            }
            guard ContinuousClock.now < deadline else {
                throw terminal.failure("the program did not exit within \(timeout)")
            }
            // Keep reading so a program blocked on a full terminal can finish.
            try terminal.drain(for: .milliseconds(50))
        }
    }

    /// Waits until the program sleeps (on Linux, state S in /proc: blocked in a read, when
    /// it waits at a prompt), so that a signal sent next finds it inside the read. Returns
    /// at once where /proc is not available.
    public func waitUntilSleeping(timeout: Duration = .seconds(15)) throws {
        let deadline = ContinuousClock.now + timeout
        while let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) {
            // "pid (name) S ...": the state follows the last parenthesis.
            guard let close = stat.lastIndex(of: ")") else { return }
            if stat[stat.index(after: close)...].trimmingCharacters(in: .whitespaces).hasPrefix("S") { return }
            guard ContinuousClock.now < deadline else { throw terminal.failure("the program never waited") }
            try terminal.drain(for: .milliseconds(10))
        }
    }

    /// Kills the program (SIGKILL) unless it has ended, and reaps it.
    public func kill() {
        guard status == nil else { return }
        var raw: Int32 = 0
        if waitpid(pid, &raw, WNOHANG) == pid {
            status = raw
            return
        }
        sendSignal(pid, SIGKILL)
        _ = waitpid(pid, &raw, 0)
        status = 128 + SIGKILL
    }
}

// Free functions named like the methods above, which would otherwise shadow them.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
private func sendSignal(_ pid: Int32, _ number: Int32) { _ = kill(pid, number) }
