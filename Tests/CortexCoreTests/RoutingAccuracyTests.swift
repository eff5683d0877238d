import CortexCore
import Foundation
import Testing

/// The labelled task set: realistic requests, each with the specialist that should take it.
struct LabelledTask: Decodable {
    let task: String
    let expect: String

    static func load() throws -> [LabelledTask] {
        let url = try #require(Bundle.module.url(forResource: "routing-labelled", withExtension: "jsonl", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONDecoder().decode(LabelledTask.self, from: Data($0.utf8)) }
    }
}

@Suite struct RoutingAccuracyTests {
    @Test func labelledSetIsLargeAndCoversEverySpecialist() throws {
        let tasks = try LabelledTask.load()
        #expect(tasks.count >= 100)
        let ids = Set(RoutingConfiguration.defaults.specialists.map(\.id))
        #expect(Set(tasks.map(\.expect)) == ids)
        #expect(Set(tasks.map(\.task)).count == tasks.count, "duplicate tasks in the labelled set")
    }

    @Test func routesAtLeastNinetyPercentOfTheLabelledSetToTheExpectedSpecialist() throws {
        let tasks = try LabelledTask.load()
        let router = Router(configuration: .defaults)
        var misses: [String] = []
        for t in tasks {
            let d = router.route(t.task)
            if d.chosen.specialist.id != t.expect {
                let runnerUp = d.ranking.first { $0.specialist.id == t.expect }
                misses.append("  expected \(t.expect), got \(d.chosen.specialist.id) (kind \(d.kind), matched \(d.chosen.matched); "
                    + "expected one matched \(runnerUp?.matched ?? [])): \(t.task)")
            }
        }
        let accuracy = Double(tasks.count - misses.count) / Double(tasks.count)
        print("routing accuracy on the labelled set: \(tasks.count - misses.count)/\(tasks.count) = \(Int((accuracy * 1000).rounded()) / 10)%")
        if !misses.isEmpty { print("misses:\n" + misses.joined(separator: "\n")) }
        #expect(accuracy >= 0.9, "accuracy \(accuracy) below 90%")
    }
}
