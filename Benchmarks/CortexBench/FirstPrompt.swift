import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cortex` running on a fresh pseudo-terminal with an empty home (no history, no
/// configuration): the benchmark types lines and reads what it shows. The process is
/// killed when the session is closed.
final class TerminalSession {
    let pid: pid_t
    let home: String
    private let master: Int32
    private var seen = ""

    /// Starts `binary` with `arguments`; nil when no pseudo-terminal or process can be had.
    init?(binary: String, arguments: [String] = []) {
        home = NSTemporaryDirectory() + "cortex-bench-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let master = cortex_posix_openpt(O_RDWR | O_NOCTTY)
        var name = [CChar](repeating: 0, count: 256)
        guard master >= 0, cortex_grantpt(master) == 0, cortex_unlockpt(master) == 0,
              cortex_ptsname_r(master, &name, name.count) == 0 else {
            if master >= 0 { close(master) }
            return nil
        }
        let slavePath = String(decoding: name.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) }, as: UTF8.self)

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for fd: Int32 in [0, 1, 2] { posix_spawn_file_actions_addopen(&actions, fd, slavePath, O_RDWR, 0) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawnattr_setflags(&attributes, cortex_spawn_setsid_flag())

        let env = ["HOME=\(home)", "TERM=xterm", "LANG=C.UTF-8", "PATH=/usr/bin:/bin"]
        var argv: [UnsafeMutablePointer<CChar>?] = ([binary] + arguments).map { strdup($0) } + [nil]
        var envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        guard posix_spawn(&pid, binary, &actions, &attributes, &argv, &envp) == 0 else {
            close(master)
            return nil
        }
        self.pid = pid
        self.master = master
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(master)
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Reads until `text` has appeared since the last call (then forgets what was read);
    /// false after `timeout` or when the terminal closes.
    func wait(for text: String, timeout: Duration = .seconds(10)) -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        var buffer = [UInt8](repeating: 0, count: 4096)
        while clock.now - start < timeout {
            if let found = seen.range(of: text) {
                seen.removeSubrange(..<found.upperBound)
                return true
            }
            var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, 100) > 0 else { continue }
            let n = read(master, &buffer, buffer.count)
            guard n > 0 else { return false }
            seen += String(decoding: buffer[..<n], as: UTF8.self)
        }
        return false
    }

    /// Types `line` and Enter.
    func type(_ line: String) {
        let bytes = Array((line + "\r").utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// The process's resident memory (VmRSS) in MiB; nil when it cannot be read.
    var residentMiB: Double? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
              let kB = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) }) else { return nil }
        return kB / 1024
    }
}

/// Wall time from starting `cortex` on a fresh pseudo-terminal until its first prompt
/// (`cortex> `) arrives, in milliseconds.
func firstPromptMilliseconds(binary: String) -> Double? {
    let clock = ContinuousClock()
    let start = clock.now
    guard let session = TerminalSession(binary: binary), session.wait(for: "cortex> ", timeout: .seconds(5)) else { return nil }
    return nanoseconds(clock.now - start) / 1e6
}

/// The REPL's resident memory at its first prompt and after `requests` read-only requests
/// (status and logs in staging), in MiB; nil when the session does not get that far.
func replMemory(binary: String, arguments: [String], requests: Int) -> (idle: Double, after: Double)? {
    guard let session = TerminalSession(binary: binary, arguments: arguments),
          session.wait(for: "> ", timeout: .seconds(10)) else { return nil }
    usleep(200_000)  // let start-up work that follows the prompt finish
    guard let idle = session.residentMiB else { return nil }
    let lines = ["status of payments in staging", "last 5 lines of logs from web-frontend in staging",
                 "status in staging", "status of api-gateway in development"]
    for i in 0..<requests {
        session.type(lines[i % lines.count])
        guard session.wait(for: "> ", timeout: .seconds(10)) else { return nil }
    }
    guard let after = session.residentMiB else { return nil }
    return (idle, after)
}
