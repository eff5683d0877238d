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
}
