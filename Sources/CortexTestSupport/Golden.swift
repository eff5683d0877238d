import CortexCore
import Foundation
public import Testing

/// Compares rendered output with a golden file kept beside the tests (by default
/// `Tests/<Target>/Golden/<name>`). With `CORTEX_UPDATE_GOLDEN=1` in the environment the
/// file is rewritten instead, so a deliberate change of wording is one command away.
public enum Golden {
    /// Returns nil when `actual` matches, else a unified diff against the golden file.
    /// `directory` is relative to the folder of the calling test file.
    public static func mismatch(_ actual: String, named name: String, directory: String = "Golden", testFile: String = #filePath) -> String? {
        let dir = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent(directory)
        let url = dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CORTEX_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return nil
        }
        guard let data = try? Data(contentsOf: url) else {
            return "golden file \(url.path) is missing; run the tests with CORTEX_UPDATE_GOLDEN=1 to create it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        return expected == actual ? nil : TextDiff.unified(expected: expected, actual: actual, name: name)
    }

    /// Records a test issue carrying the diff when `actual` differs from the golden file.
    public static func check(
        _ actual: String, _ name: String, directory: String = "Golden",
        testFile: String = #filePath, sourceLocation: SourceLocation = #_sourceLocation
    ) {
        if let diff = mismatch(actual, named: name, directory: directory, testFile: testFile) {
            Issue.record(Comment(rawValue: diff), sourceLocation: sourceLocation)
        }
    }
}
