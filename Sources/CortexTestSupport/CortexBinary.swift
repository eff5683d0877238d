public import Foundation

/// The built `cortex` executable, for tests that run the real program.
public enum CortexBinary {
    /// `cortex` next to the test bundle: on Linux the test runner lives in
    /// `.build/<triple>/debug/`, where SwiftPM also puts the executable; on macOS the
    /// runner is inside `cortexPackageTests.xctest/Contents/MacOS/`, three levels further.
    public static var url: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("cortex")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        return nil
    }

    /// What one run of the binary printed and how it ended.
    public struct Run: Sendable {
        public var status: Int32
        public var standardOutput: String
        public var standardError: String
    }

    /// Runs `cortex` with `arguments`, feeding `input` on a pipe as standard input, with
    /// exactly `environment`.
    public static func run(_ arguments: [String] = [], input: String, environment: [String: String]) throws -> Run {
        try run(arguments, input: Array(input.utf8), environment: environment)
    }

    /// Runs `cortex` with raw bytes on standard input (for input that is not UTF-8).
    public static func run(_ arguments: [String] = [], input: [UInt8], environment: [String: String]) throws -> Run {
        guard let url else {
            throw PseudoTerminalError("the cortex executable is not next to the tests; build it first")
        }
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = environment
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Standard error drains on its own thread so that neither pipe can fill up and stall
        // the child while the other is read.
        let errorData = LockedData()
        let drained = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
            drained.signal()
        }
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        let err = errorData.get()
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            standardOutput: String(decoding: out, as: UTF8.self),
            standardError: String(decoding: err, as: UTF8.self))
    }
}

/// Bytes handed from the thread that reads them to the one that waits for them.
private final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func set(_ d: Data) { lock.withLock { data = d } }
    func get() -> Data { lock.withLock { data } }
}
