import CortexCore
import Foundation
import Testing

/// The labelled task set: realistic requests, each with the specialist that should take it.
struct LabelledTask: Decodable {
    let task: String
    let expect: String

    static func load(_ name: String = "routing-labelled") throws -> [LabelledTask] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures"))
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
        let heldOut = try LabelledTask.load("routing-heldout")
        #expect(Set(heldOut.map(\.expect)) == ids)
        #expect(Set(heldOut.map(\.task)).isDisjoint(with: tasks.map(\.task)))
    }

    @Test func routesAtLeastNinetyPercentOfTheLabelledSetToTheExpectedSpecialist() throws {
        let accuracy = try Self.measure(LabelledTask.load(), name: "the labelled set")
        #expect(accuracy >= 0.9, "accuracy \(accuracy) below 90%")
    }

    /// The held-out set was written after the default cues were settled and has never been
    /// used to choose them, so it shows how routing does on tasks it was not shaped by. Once
    /// cues are changed to fix its misses it stops being held out: move it into the labelled
    /// set and write a new one. The floor guards against regressions; the printed figure is
    /// the one to quote.
    @Test func heldOutTasksStayAboveTheirFloor() throws {
        let accuracy = try Self.measure(LabelledTask.load("routing-heldout"), name: "the held-out set")
        #expect(accuracy >= 0.6, "accuracy \(accuracy) below the held-out floor of 60%")
    }

    /// Routes every task with the default configuration, prints the accuracy and the misses.
    static func measure(_ tasks: [LabelledTask], name: String) -> Double {
        let router = Router(configuration: .defaults)
        var misses: [String] = []
        for t in tasks {
            let d = router.route(t.task)
            if d.chosen.specialist.id != t.expect {
                let expected = d.ranking.first { $0.specialist.id == t.expect }
                misses.append("  expected \(t.expect), got \(d.chosen.specialist.id) (kind \(d.kind), matched \(d.chosen.matched); "
                    + "\(t.expect) matched \(expected?.matched ?? [])): \(t.task)")
            }
        }
        let accuracy = Double(tasks.count - misses.count) / Double(tasks.count)
        print("routing accuracy on \(name): \(tasks.count - misses.count)/\(tasks.count) = \(Int((accuracy * 1000).rounded()) / 10)%")
        if !misses.isEmpty { print("misses:\n" + misses.joined(separator: "\n")) }
        return accuracy
    }
}
