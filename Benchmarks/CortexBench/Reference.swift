import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The yardstick every figure is divided by, measured in the same run on the same machine,
/// so that a figure can be compared across machines of different speed: kubectl's
/// start-up (`kubectl version --client`) where kubectl is installed, otherwise the
/// start-up of a plain Swift program (one `print`) that the benchmark compiles itself.
struct Reference {
    /// What was measured, e.g. `kubectl start-up`.
    let name: String
    /// Its median wall time.
    let milliseconds: Double

    /// `figure` as a multiple of the reference, e.g. `0.11 x kubectl start-up (41.2 ms)`.
    func ratio(_ figure: Double) -> String {
        String(format: "%.3g x %@ (%.1f ms)", figure / milliseconds, name, milliseconds)
    }

    /// Measures kubectl's start-up, or builds and measures the plain Swift program; nil when
    /// neither is possible (no kubectl, no swiftc).
    static func measure(runs: Int) -> Reference? {
        if let kubectl = executable(named: "kubectl"),
           let ms = medianSpawn([kubectl, "version", "--client"], runs: runs) {
            return Reference(name: "kubectl start-up", milliseconds: ms)
        }
        guard let plain = buildPlainSwift(), let ms = medianSpawn([plain], runs: runs) else { return nil }
        return Reference(name: "plain Swift start-up", milliseconds: ms)
    }

    /// The first `name` on PATH that is executable.
    static func executable(named name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }

    /// Compiles `print("0.1.0")` with `swiftc -O -static-stdlib` (as cortex itself is linked)
    /// into a temporary folder; nil when that fails.
    static func buildPlainSwift() -> String? {
        guard let swiftc = executable(named: "swiftc") else { return nil }
        let folder = NSTemporaryDirectory() + "cortex-bench-plain-\(getpid())"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let source = folder + "/main.swift", binary = folder + "/plain"
        guard (try? "print(\"0.1.0\")\n".write(toFile: source, atomically: true, encoding: .utf8)) != nil else { return nil }
        var args = [swiftc, "-O", source, "-o", binary]
        #if os(Linux)
        args.insert("-static-stdlib", at: 2)
        #endif
        return spawnMilliseconds(args) != nil && access(binary, X_OK) == 0 ? binary : nil
    }
}

/// The median wall time of running `argv` (output discarded) `runs` times after five warm-up runs.
func medianSpawn(_ argv: [String], runs: Int) -> Double? {
    var samples: [Double] = []
    for i in 0..<(runs + 5) {
        guard let ms = spawnMilliseconds(argv) else { return nil }
        if i >= 5 { samples.append(ms) }
    }
    return Summary(samples).p50
}

/// Runs `argv` with standard output and error sent to /dev/null, waits for it, and returns
/// the wall time in milliseconds; nil when it cannot start or exits non-zero.
func spawnMilliseconds(_ argv: [String]) -> Double? {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    var cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
    defer { cArgs.forEach { free($0) } }
    let clock = ContinuousClock()
    let start = clock.now
    guard posix_spawn(&pid, argv[0], &actions, nil, &cArgs, environ) == 0 else { return nil }
    var status: Int32 = 0
    waitpid(pid, &status, 0)
    let elapsed = nanoseconds(clock.now - start) / 1e6
    return status == 0 ? elapsed : nil
}
