import CortexCore
import CortexKube
import CortexShell
import CortexSim
import Foundation

/// Time to answer "why is payments failing?" on the simulated cluster: a crashing version is
/// deployed to staging, then the diagnosis (gather over libcurl, analyze, render) is timed
/// `rounds` times, and a whole environment once per round.
func benchDiagnose(rounds: Int = 50) throws {
    let sim = try SimulatedCluster.startInBackground(port: 0, seed: .standard, pace: .fast)
    defer { sim.stopAndWait() }
    let folder = NSTemporaryDirectory() + "cortex-bench-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    try sim.writeKubeconfig(to: folder + "/kubeconfig")
    guard let clients = try LiveKube.clients(kubeconfig: folder + "/kubeconfig", context: nil, environment: [:], transport: LiveKube.transport()) else { return }
    let client = try clients.client(for: clients.currentContext)
    // Roll payments in staging to a crashing image and let the simulated pods fail a while.
    let patch: JSONValue = ["spec": ["template": ["spec": ["containers": [["name": "payments", "image": "ghcr.io/acme/payments:2.4.0-crashloop"]]]]]]
    _ = try client.patch("staging", "payments", .strategicMerge, patch, dryRun: false)
    for _ in 0..<40 { sim.settleAndWait(); usleep(50_000) }
    let gatherer = EvidenceGatherer(client: client)
    let clock = ContinuousClock()
    var one: [Double] = [], all: [Double] = []
    var verdicts: [String: Int] = [:]
    for _ in 0..<rounds {
        var t = clock.now
        let report = Diagnosis.run(try gatherer.gather("payments", namespace: "staging", environment: "staging", now: Date()))
        _ = DiagnosisText.render(report)
        one.append(nanoseconds(clock.now - t) / 1e6)
        verdicts[report.verdict.rawValue, default: 0] += 1
        t = clock.now
        let (evidence, unreadable) = try gatherer.gatherAll(namespace: "staging", environment: "staging", now: Date())
        _ = DiagnosisText.renderEnvironment(evidence.map { Diagnosis.run($0) }, environment: "staging", unreadable: unreadable)
        all.append(nanoseconds(clock.now - t) / 1e6)
    }
    let sample = Diagnosis.run(try gatherer.gather("payments", namespace: "staging", environment: "staging", now: Date()))
    for line in DiagnosisText.render(sample) { print("  | " + line) }
    print(Summary(one).line("diagnose one crashing workload (simulated cluster, libcurl)", unit: "ms"))
    print(Summary(all).line("diagnose a whole environment (simulated cluster, libcurl)", unit: "ms"))
    print("verdicts: " + verdicts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
}
