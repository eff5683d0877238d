// Time per routing: every task of the labelled set routed many times, each call timed alone.
import CortexCore
import Foundation

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

    var sink = 0
    for t in tasks { sink &+= router.route(t).ranking.count }  // warm up
    var plain: [Double] = []
    plain.reserveCapacity(tasks.count * rounds)
    for _ in 0..<rounds {
        for t in tasks {
            let start = clock.now
            let d = router.route(t)
            plain.append(nanoseconds(clock.now - start) / 1000)
            sink &+= d.kind.utf8.count
        }
    }
    var learned: [Double] = []
    for t in tasks {
        let start = clock.now
        let d = router.route(t, history: RoutingHistory(records: records))
        learned.append(nanoseconds(clock.now - start) / 1000)
        sink &+= d.kind.utf8.count
    }
    var out = [
        Summary(plain).line("route per task (\(tasks.count) tasks x \(rounds))", unit: "us"),
        Summary(learned).line("history of \(records.count) records + route (\(tasks.count) tasks)", unit: "us"),
    ]
    if sink == 42 { out.append("") }  // keeps the work observable
    return out
}
