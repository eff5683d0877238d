// Time per routing: every task of the labelled set routed many times, each call timed alone.
// Self-contained so that it compiles beside any benchmark main.
import CortexCore
import Foundation

/// The `task` fields of a routing JSON Lines file (`Tests/CortexCoreTests/Fixtures/routing-labelled.jsonl`).
public func routingBenchTasks(from path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
        let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return obj?["task"] as? String
    }
}

/// Routes every task `rounds` times with the default registry and returns two lines of
/// percentiles in microseconds: routing alone (empty history), and routing after building
/// the learned history from `historyRecords` ledger records, as `cortex route` does on each
/// call (file reading excluded).
public func benchRouting(tasks: [String], rounds: Int = 200, historyRecords: Int = 10_000) -> [String] {
    let router = Router(configuration: .defaults)
    let clock = ContinuousClock()
    let at = Date(timeIntervalSince1970: 1_740_000_000)
    let kinds = RoutingConfiguration.defaults.kinds.map(\.id)
    let specialists = RoutingConfiguration.defaults.specialists.map(\.id)
    var records: [RoutingRecord] = []
    for i in 0..<(historyRecords / 2) {
        let id = "r\(i + 1)"
        records.append(.routed(RouteEntry(id: id, at: at, task: "task \(i)", kind: kinds[i % kinds.count],
                                          specialist: specialists[i % specialists.count], confidence: 0.5)))
        records.append(.outcome(OutcomeEntry(id: id, at: at, result: i % 3 == 0 ? .failure : .success)))
    }

    func micros(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
    }
    func line(_ name: String, _ samples: [Double]) -> String {
        let s = samples.sorted()
        func pct(_ p: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))] }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        return "\(name): n=\(s.count) p50=\(f(pct(0.5)))us p99=\(f(pct(0.99)))us max=\(f(s.last ?? 0))us"
    }

    var sink = 0
    for t in tasks { sink &+= router.route(t).ranking.count }  // warm up
    var plain: [Double] = []
    plain.reserveCapacity(tasks.count * rounds)
    for _ in 0..<rounds {
        for t in tasks {
            let start = clock.now
            let d = router.route(t)
            plain.append(micros(clock.now - start))
            sink &+= d.kind.utf8.count
        }
    }
    var learned: [Double] = []
    for t in tasks {
        let start = clock.now
        let d = router.route(t, history: RoutingHistory(records: records))
        learned.append(micros(clock.now - start))
        sink &+= d.kind.utf8.count
    }
    var out = [
        line("route per task (\(tasks.count) tasks x \(rounds))", plain),
        line("history of \(records.count) records + route (\(tasks.count) tasks)", learned),
    ]
    if sink == 42 { out.append("") }  // keeps the work observable
    return out
}
