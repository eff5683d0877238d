import CortexCore
import CortexShell
import Foundation

/// A 1,000-request transcript replayed through the same harness as `cortex run`: a fresh
/// simulated cluster, a fresh state folder, the fixed clock. The first replay writes the
/// expected output, the timed second one must match it.
enum TranscriptBench {
    /// A realistic mix of reads and changes in staging and development.
    static func requests(count: Int) -> [String] {
        let mix: [(Int) -> String] = [
            { _ in "status" },
            { i in "scale payments to \(2 + i % 2)" },
            { _ in "restart web-frontend" },
            { _ in "last 5 lines of logs from payments" },
            { i in "deploy api-gateway 1.\(20 + i % 50).0" },
            { _ in "how much have we spent this month" },
            { _ in "who should fix the flaky CI pipeline" },
            { _ in "status of payments in development" },
            { _ in "add one replica of web-frontend" },
            { _ in "remove one replica of web-frontend" },
        ]
        return (0..<count).map { mix[$0 % mix.count]($0 / mix.count) }
    }

    /// Replays `rounds` times and prints each time and the median, as a multiple of
    /// `reference` when there is one. Each round starts from a fresh cluster and state folder,
    /// so the rounds are alike; the median of several keeps one slow moment of a shared
    /// machine from deciding the figure.
    static func run(count: Int = 1000, rounds: Int = 3, reference: Reference? = nil) throws {
        let lines = ["@env staging", "@interactive no"] + requests(count: count).map { "cortex (staging)> \($0)" }
        let draft = try Transcript.parse(lines.joined(separator: "\n") + "\n", name: "bench.txt")
        let replay = TranscriptReplay()
        let first = try replay.replay(draft, name: "bench.txt")
        let transcript = try Transcript.parse(first.output, name: "bench.txt")
        var fixed = transcript
        fixed.settings = draft.settings
        let clock = ContinuousClock()
        var times: [Double] = []
        for round in 1...max(1, rounds) {
            let start = clock.now
            let result = try replay.replay(fixed, name: "bench.txt")
            let elapsed = clock.now - start
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            times.append(seconds)
            print(String(format: "transcript replay %d: %d requests (%d lines) in %.2fs (%.2f ms per request), %@",
                         round, count, fixed.lines.count, seconds, seconds * 1000 / Double(count),
                         result.mismatch == nil ? "output matches" : "OUTPUT DIFFERS"))
        }
        let sorted = times.sorted()
        let median = sorted[sorted.count / 2]
        print(String(format: "transcript replay: %d requests, median of %d rounds %.2fs (%.2f–%.2fs)",
                     count, sorted.count, median, sorted[0], sorted[sorted.count - 1])
              + (reference.map { " = " + $0.ratio(median * 1000) } ?? ""))
    }
}
