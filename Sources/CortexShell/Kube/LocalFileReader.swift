public import CortexCore
public import CortexKube
public import Foundation

/// Reads kubeconfig and the files it references from the local disk.
public struct LocalFileReader: KubeFileReader {
    public init() {}

    public func read(_ path: String) throws(CortexError) -> Data? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) }
        catch { throw .usage("cannot read \(path): \(error.localizedDescription)", hint: "check the file's permissions") }
    }
}

/// Runs exec credential plugins with Foundation's `Process`: stdin closed, output collected,
/// and the plugin ended when it runs longer than `timeout`.
public struct FoundationProcessRunner: ProcessRunner {
    let baseEnvironment: [String: String]
    let timeout: Double

    /// - Parameter timeout: seconds a plugin may run.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment, timeout: Double = 60) {
        baseEnvironment = environment
        self.timeout = timeout
    }

    public func run(_ command: String, arguments: [String], environment: [String: String]) throws(CortexError) -> ProcessOutput {
        var env = baseEnvironment
        for (k, v) in environment { env[k] = v }
        guard let executable = locate(command, path: env["PATH"] ?? "/usr/bin:/bin") else {
            throw .usage("exec credential plugin \(command) was not found", hint: "install it or put it in PATH")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = env
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            throw .usage("cannot run exec credential plugin \(command): \(error.localizedDescription)", hint: "check that it is executable")
        }
        let watchdog = Watchdog(process)
        let limit = timeout
        Thread.detachNewThread {
            let end = Date().addingTimeInterval(limit)
            while Date() < end && !watchdog.isDone { Thread.sleep(forTimeInterval: 0.02) }
            watchdog.fire()
        }
        // Read both pipes while the plugin runs, so a large output cannot block it.
        let errReader = PipeDrain(err.fileHandleForReading)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errReader.finish()
        process.waitUntilExit()
        if watchdog.disarm() {
            let seconds = timeout == timeout.rounded() ? String(Int(timeout)) : String(timeout)
            throw .failed("exec credential plugin \(command) did not finish within \(seconds) seconds", hint: "run the plugin by hand to see where it waits")
        }
        return ProcessOutput(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    private func locate(_ command: String, path: String) -> String? {
        let fm = FileManager.default
        if command.contains("/") { return fm.isExecutableFile(atPath: command) ? command : nil }
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(command)"
            if fm.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}

/// Terminates a process that is still running when fired; tells afterwards whether it did.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private let process: Process
    private var done = false
    private var fired = false

    init(_ process: Process) { self.process = process }

    var isDone: Bool { lock.lock(); defer { lock.unlock() }; return done }

    func fire() {
        lock.lock(); defer { lock.unlock() }
        guard !done, process.isRunning else { return }
        fired = true
        kill(process.processIdentifier, SIGKILL)
    }

    /// Stops the watchdog; returns whether it ended the process.
    func disarm() -> Bool {
        lock.lock(); defer { lock.unlock() }
        done = true
        return fired
    }
}

/// Reads a pipe to its end on another thread.
private final class PipeDrain: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var data = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func finish() -> Data {
        done.wait()
        return data
    }
}
