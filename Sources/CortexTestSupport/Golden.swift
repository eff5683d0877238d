import CortexCore
import Foundation

/// Compares rendered output with a golden file kept beside the tests
/// (`Tests/<Target>/Golden/<name>`). With `CORTEX_UPDATE_GOLDEN=1` in the environment the
/// file is rewritten instead, so a deliberate change of wording is one command away.
public enum Golden {
    /// Returns nil when `actual` matches, else a readable line-by-line difference.
    public static func mismatch(_ actual: String, named name: String, testFile: String = #filePath) -> String? {
        let dir = URL(fileURLWithPath: testFile).deletingLastPathComponent().appendingPathComponent("Golden")
        let url = dir.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["CORTEX_UPDATE_GOLDEN"] == "1" {
            try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try? Data(actual.utf8).write(to: url)
            return nil
        }
        guard let data = try? Data(contentsOf: url) else {
            return "golden file \(url.path) is missing; run the tests with CORTEX_UPDATE_GOLDEN=1 to create it"
        }
        let expected = String(decoding: data, as: UTF8.self)
        return expected == actual ? nil : TextDiff.unified(expected: expected, actual: actual, name: name)
    }
}
