@testable import CortexCore
import Testing

@Suite struct ParserCorpusTests {
    @Test func devCorpusIsAtLeastNinetyFivePercent() throws {
        let cases = try ParserCorpus.load("dev")
        #expect(cases.count >= 60)
        let misses = ParserCorpus.misses(cases)
        for miss in misses { print("dev miss: \(miss)") }
        let rate = Double(cases.count - misses.count) / Double(cases.count)
        print("dev corpus: \(cases.count - misses.count)/\(cases.count)")
        #expect(rate >= 0.95)
    }

    @Test func ownCasesAllPass() throws {
        let cases = try ParserCorpus.load("parser-cases")
        #expect(cases.count >= 200)
        #expect(cases.filter { $0.expect.op == .unknown }.count >= 50)
        let misses = ParserCorpus.misses(cases)
        for miss in misses { print("own miss: \(miss)") }
        #expect(misses.isEmpty)
    }

    @Test func everyAnswerIsAWellFormedOperation() throws {
        let parser = EmbeddedParser()
        for c in try ParserCorpus.load("dev") + ParserCorpus.load("parser-cases") {
            let u = parser.understand(c.text, context: UnderstandingContext())
            #expect(u.operation.violations.isEmpty, "\(c.text): \(u.operation.violations)")
            #expect(u.source == "embedded")
            #expect((0...1).contains(u.confidence))
        }
    }

    @Test func theMatchRuleIsStrict() {
        let expected = Operation(.scale, service: "api", replicas: 3)
        #expect(ParserCorpus.matches(Operation(.scale, service: "api", replicas: 3), expected))
        #expect(!ParserCorpus.matches(Operation(.scale, service: "api", environment: "staging", replicas: 3), expected))
        #expect(!ParserCorpus.matches(Operation(.scale, service: "api", delta: 3), expected))
        #expect(ParserCorpus.matches(Operation(.route, task: "Fix the bug."), Operation(.route, task: "fix the bug")))
        #expect(!ParserCorpus.matches(Operation(.route, task: "fix the bug now"), Operation(.route, task: "fix the bug")))
        #expect(ParserCorpus.matches(.unknown("a"), .unknown("b")))
    }
}
