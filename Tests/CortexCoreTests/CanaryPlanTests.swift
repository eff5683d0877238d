import CortexCore
import Testing

/// Canary sizing: whole pods beside the stable replicas, as close to the share asked as
/// they allow, and a sentence that says how close.
@Suite struct CanaryPlanTests {
    @Test(arguments: [
        (9, 10, 1, "1 canary pod beside 9 stable: 10% of the pods, as asked"),
        (3, 10, 1, "1 canary pod beside 3 stable: 25% of the pods, the closest to the 10% asked with 3 stable replicas (exactly 10% takes 9 stable replicas)"),
        (2, 50, 2, "2 canary pods beside 2 stable: 50% of the pods, as asked"),
        (4, 25, 1, "1 canary pod beside 4 stable: 20% of the pods, the closest to the 25% asked with 4 stable replicas (exactly 25% takes 3 stable replicas)"),
        (10, 30, 4, "4 canary pods beside 10 stable: 28.6% of the pods, the closest to the 30% asked with 10 stable replicas"),
        (0, 10, 1, "1 canary pod beside 0 stable: 100% of the pods, the closest to the 10% asked with 0 stable replicas (exactly 10% takes 9 stable replicas)"),
    ])
    func sizing(_ stable: Int, _ percent: Int, _ canary: Int, _ sentence: String) {
        let plan = CanaryPlan(stable: stable, percent: percent)
        #expect(plan.canary == canary)
        #expect(plan.sentence == sentence)
    }

    @Test func theCanaryIsTheWholeNumberOfPodsNearestToTheShare() {
        for stable in 0...40 {
            for percent in 1...99 {
                let plan = CanaryPlan(stable: stable, percent: percent)
                #expect(plan.canary >= 1)
                let error = { (c: Int) in abs(Double(c) / Double(stable + c) * 100 - Double(percent)) }
                let closer = (1...(4 * stable + 8)).first { error($0) < error(plan.canary) - 1e-9 }
                #expect(closer == nil, "stable \(stable), \(percent)%: \(closer ?? 0) is closer than \(plan.canary)")
            }
        }
    }
}
