import Foundation

/// Runs child processes (kubectl, python) from async tests.
enum ChildProcess {
    /// Starts `process` and returns its exit status, terminating it after `timeout` seconds.
    /// Waits without blocking a thread of the cooperative pool, which the simulator needs.
    static func run(_ process: Process, timeout: Double) async throws -> Int32 {
        try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if process.isRunning { process.terminate() }
            }
        }
    }
}
