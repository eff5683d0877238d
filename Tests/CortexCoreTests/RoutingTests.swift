import CortexTestSupport
import CortexCore
import FoundationEssentials
import Testing

@Suite struct RoutingTests {
    let router = Router(configuration: .defaults)
    let t0 = utc("2025-03-01T09:00:00Z")

    func history(_ results: [RoutingResult], specialist: String, kind: String) -> RoutingHistory {
        var records: [RoutingRecord] = []
        for (i, r) in results.enumerated() {
            let id = "r\(i + 1)"
            records.append(.routed(RouteEntry(id: id, at: t0, task: "t", kind: kind, specialist: specialist, confidence: 0.5)))
            records.append(.outcome(OutcomeEntry(id: id, at: t0, result: r)))
        }
        return RoutingHistory(records: records)
    }

    @Test func stemsMeetAcrossInflections() {
        #expect(TaskText("Builds building built build").stems == ["build", "build", "built", "build"])
        #expect(TaskText("the CI/CD pipelines failed").stems == ["the", "ci", "cd", "pipelin", "fail"])
        #expect(TaskText("rotated rotating rotate").stems.allSatisfy { $0 == "rotat" })
        #expect(TaskText("shipped policies").stems == ["ship", "policy"])
    }

    @Test func classificationIsDeterministicAndExplained() {
        let c = TaskKindClassifier(RoutingConfiguration.defaults.kinds)
        let a = c.classify("Dependabot flagged a critical CVE in lodash")
        #expect(a.kind == "vulnerability")
        #expect(a.matches["vulnerability"] == ["cve", "dependabot"])
        #expect(c.classify("Dependabot flagged a critical CVE in lodash") == a)
        #expect(c.classify("what a lovely day").kind == TaskClassification.generalKind)
    }

    @Test func phrasesMustBeAdjacentAndInOrder() {
        let c = TaskKindClassifier([TaskKindDefinition(id: "a", cues: ["pull request"]), TaskKindDefinition(id: "b", cues: ["request"])])
        #expect(c.classify("review the pull request").kind == "a")
        #expect(c.classify("request to pull the data").kind == "b")
    }

    @Test func everyFactorIsComputedAsDocumented() throws {
        let d = router.route("patch the OpenSSL vulnerability on the edge proxies")
        #expect(d.chosen.specialist.id == "security")
        #expect(d.kind == "vulnerability")
        let sec = d.chosen.factors
        #expect(sec.expertise == 1)
        #expect(sec.availability == 0.75)  // capacity 4, load 1
        #expect(sec.history == 0.5)  // no outcomes yet
        #expect(sec.cost == 25.0 / 60.0)  // cheapest is documentation at $25
        let w = RoutingWeights.defaults
        let expected = (w.expertise * 1 + w.availability * 0.75 + w.history * 0.5 + w.cost * 25.0 / 60.0) / w.total
        #expect(abs(d.chosen.score - expected) < 1e-12)
        let docs = try #require(d.ranking.first { $0.specialist.id == "documentation" })
        #expect(docs.factors.cost == 1)
        #expect(docs.factors.expertise == 0)
    }

    @Test func theSameHistoryGivesTheSameAnswer() {
        let h = history([.success, .failure, .success], specialist: "cicd", kind: "pipeline")
        let a = router.route("the nightly build has been red since yesterday", history: h)
        let b = router.route("the nightly build has been red since yesterday", history: RoutingHistory(records: recordsOf(h)))
        #expect(a == b)
    }

    func recordsOf(_ h: RoutingHistory) -> [RoutingRecord] {
        h.routes.keys.sorted().flatMap { id -> [RoutingRecord] in
            [.routed(h.routes[id]!)] + (h.outcomes[id].map { [.outcome(OutcomeEntry(id: id, at: t0, result: $0))] } ?? [])
        }
    }

    @Test func confidenceRisesWithEachRecordedSuccess() {
        let task = "the integration tests are flaky on the CI runners"
        var previous = router.route(task)
        #expect(previous.chosen.specialist.id == "cicd")
        for n in 1...5 {
            let next = router.route(task, history: history(Array(repeating: .success, count: n), specialist: "cicd", kind: previous.kind))
            #expect(next.chosen.specialist.id == "cicd")
            #expect(next.confidence > previous.confidence, "after \(n) successes")
            #expect(next.chosen.factors.history > previous.chosen.factors.history)
            previous = next
        }
    }

    @Test func confidenceFallsWithEachRecordedFailure() {
        let task = "Dependabot flagged a critical CVE in lodash"
        var previous = router.route(task)
        for n in 1...3 {
            let next = router.route(task, history: history(Array(repeating: .failure, count: n), specialist: "security", kind: "vulnerability"))
            #expect(next.chosen.specialist.id == "security")
            #expect(next.confidence < previous.confidence, "after \(n) failures")
            previous = next
        }
    }

    @Test func historyOfAnotherKindDoesNotCount() {
        let task = "Dependabot flagged a critical CVE in lodash"
        let other = router.route(task, history: history([.failure, .failure], specialist: "security", kind: "compliance"))
        #expect(other == router.route(task))
    }

    @Test func failuresHandAnEvenlyMatchedKindToTheOtherSpecialist() {
        // Equal in every factor, `a` wins by registry order until its failures on the kind count.
        let config = RoutingConfiguration(
            specialists: [
                Specialist(id: "a", name: "A", domains: ["k"], capacity: 2, costPerTask: .cents(100)),
                Specialist(id: "b", name: "B", domains: ["k"], capacity: 2, costPerTask: .cents(100)),
            ],
            kinds: [TaskKindDefinition(id: "k", cues: ["release"])])
        let r = Router(configuration: config)
        #expect(r.route("deploy the release").chosen.specialist.id == "a")
        let failures = history([.failure], specialist: "a", kind: "k")
        #expect(r.route("deploy the release", history: failures).chosen.specialist.id == "b")
    }

    @Test func openRoutesCountAsLoad() {
        let calm = router.route("write release notes for version 4.2")
        let busy = router.route("write release notes for version 4.2", openLoad: ["documentation": 3])
        let before = calm.ranking.first { $0.specialist.id == "documentation" }!
        let after = busy.ranking.first { $0.specialist.id == "documentation" }!
        #expect(before.factors.availability == 0.75)
        #expect(after.factors.availability == 0)
        #expect(after.load == 4)
    }

    @Test func nothingMatchedMeansLowConfidenceAndASayingSo() {
        let d = router.route("what a lovely day")
        #expect(d.kind == "general")
        #expect(d.chosen.factors.expertise == 0)
        #expect(d.confidence < 0.5)
        #expect(RoutingText.lines(d).contains("no words of the task match any specialist; ranked by availability, history and cost"))
    }

    @Test func latestOutcomeForARouteWinsAndStrayOutcomesAreIgnored() {
        let h = RoutingHistory(records: [
            .routed(RouteEntry(id: "r1", at: t0, task: "t", kind: "k", specialist: "s", confidence: 0.5)),
            .outcome(OutcomeEntry(id: "r1", at: t0, result: .failure)),
            .outcome(OutcomeEntry(id: "r1", at: t0, result: .success)),
            .outcome(OutcomeEntry(id: "r9", at: t0, result: .failure)),
            .routed(RouteEntry(id: "r2", at: t0, task: "t", kind: "k", specialist: "s", confidence: 0.5)),
        ])
        #expect(h.tally(specialist: "s", kind: "k") == OutcomeTally(successes: 1, failures: 0))
        #expect(h.openRoutes(since: t0) == ["s": 1])
        #expect(h.openRoutes(since: utc("2025-03-02T00:00:00Z")) == [:])
    }

    @Test func rankingRendersAsTheGoldenFile() {
        let h = history([.success, .success, .failure], specialist: "cicd", kind: "pipeline")
        let d = router.route("the nightly build has been red since yesterday", history: h, openLoad: ["cicd": 1])
        let text = RoutingText.lines(d, id: "r17").joined(separator: "\n") + "\n"
        Golden.check(text, "routing-ranking.txt", directory: "Fixtures/Golden")
    }

    @Test func configurationProblemsAreListed() {
        var config = RoutingConfiguration.defaults
        #expect(config.problems.isEmpty)
        config.specialists.append(config.specialists[0])
        config.specialists[1].domains.append("astrology")
        config.specialists[2].capacity = 0
        config.weights = RoutingWeights(expertise: 0, availability: 0, history: 0, cost: 0)
        let problems = config.problems
        #expect(problems.contains("specialist `development` is defined twice"))
        #expect(problems.contains { $0.hasPrefix("specialist `security`: domain `astrology` is not a task kind") })
        #expect(problems.contains("specialist `cicd`: capacity must be at least 1"))
        #expect(problems.contains("at least one weight must be above zero"))
    }
}
