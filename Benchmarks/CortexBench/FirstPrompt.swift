import CEditLine
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall time from starting `cortex` on a fresh pseudo-terminal until its first prompt
/// (`cortex> `) arrives, in milliseconds; the process is killed once the prompt is seen.
/// Each run gets an empty home, so no history is loaded.
func firstPromptMilliseconds(binary: String) -> Double? {
    let home = NSTemporaryDirectory() + "cortex-bench-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: home) }

    let master = cortex_posix_openpt(O_RDWR | O_NOCTTY)
    guard master >= 0, cortex_grantpt(master) == 0, cortex_unlockpt(master) == 0 else { return nil }
    defer { close(master) }
    var name = [CChar](repeating: 0, count: 256)
    guard cortex_ptsname_r(master, &name, name.count) == 0 else { return nil }
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
    var argv: [UnsafeMutablePointer<CChar>?] = [strdup(binary), nil]
    var envp: [UnsafeMutablePointer<CChar>?] = env.map { strdup($0) } + [nil]
    defer { (argv + envp).forEach { free($0) } }

    let clock = ContinuousClock()
    let start = clock.now
    var pid: pid_t = 0
    guard posix_spawn(&pid, binary, &actions, &attributes, &argv, &envp) == 0 else { return nil }
    defer { kill(pid, SIGKILL); var s: Int32 = 0; waitpid(pid, &s, 0) }

    var seen = ""
    var buffer = [UInt8](repeating: 0, count: 4096)
    while clock.now - start < .seconds(5) {
        var pfd = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&pfd, 1, 100) > 0 else { continue }
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else { return nil }
        seen += String(decoding: buffer[..<n], as: UTF8.self)
        if seen.contains("cortex> ") {
            let d = clock.now - start
            return Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
        }
    }
    return nil
}
