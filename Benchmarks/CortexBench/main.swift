// cortex-bench: measures what the README promises. Build in release mode, then:
//   .build/release/cortex-bench [parse|startup|memory|guard|routing|cluster|diagnose|llm|transcripts|all] [--corpus FILE]... [--folder DIR]
//                               [--requests N]   (requests in the replayed transcript; default 1000)
//                               [--rounds N]     (timed replays, the median reported; default 3)
import CortexCore
import CortexSim
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Percentiles of a sample, in the unit the samples were taken in.
struct Summary {
    let count: Int, p50: Double, p90: Double, p99: Double, max: Double, mean: Double
    init(_ samples: [Double]) {
        let s = samples.sorted()
        func pct(_ p: Double) -> Double { s[min(s.count - 1, Int((Double(s.count - 1) * p).rounded()))] }
        count = s.count
        p50 = pct(0.5); p90 = pct(0.9); p99 = pct(0.99); max = s.last ?? 0
        mean = s.reduce(0, +) / Double(Swift.max(1, s.count))
    }
    func line(_ name: String, unit: String) -> String {
        func f(_ v: Double) -> String { String(format: "%.2f", v) }
        return "\(name): n=\(count) p50=\(f(p50))\(unit) p90=\(f(p90))\(unit) p99=\(f(p99))\(unit) max=\(f(max))\(unit) mean=\(f(mean))\(unit)"
    }
}

func nanoseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e9 + Double(d.components.attoseconds) / 1e9
}

/// Every `key` string field of a JSON Lines file (`text` in parser corpora, `task` in routing sets).
func jsonLinesField(_ key: String, from path: String) throws -> [String] {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return try String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { line in
        let obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return obj?[key] as? String
    }
}

/// Parse time per sentence: every sentence parsed `rounds` times, each call timed alone.
func benchParse(corpora: [String], rounds: Int) throws {
    let texts = try corpora.flatMap { try jsonLinesField("text", from: $0) }
    guard !texts.isEmpty else {
        print("parse per sentence: no sentences to parse; run from the repository's root (the corpora are in Tests/CortexCoreTests/Fixtures) or pass --corpus FILE")
        return
    }
    let parser = EmbeddedParser()
    let context = UnderstandingContext()
    let clock = ContinuousClock()
    for t in texts { _ = parser.understand(t, context: context) }  // warm up
    var samples: [Double] = []
    samples.reserveCapacity(texts.count * rounds)
    var sink = 0
    for _ in 0..<rounds {
        for t in texts {
            let start = clock.now
            let u = parser.understand(t, context: context)
            samples.append(nanoseconds(clock.now - start) / 1000)
            sink &+= u.operation.op.rawValue.utf8.count
        }
    }
    print(Summary(samples).line("parse per sentence (\(texts.count) sentences x \(rounds))", unit: "us"))
    if sink == 42 { print("") }  // keeps the work observable
}

/// Start-up of `cortex --version` and `cortex parse --json`, each a median of `runs`
/// spawns, next to the reference; then start to first prompt on a pseudo-terminal.
func benchStartup(binary: String, runs: Int, reference: Reference?) {
    let commands: [(String, [String])] = [
        ("cortex --version start-up", [binary, "--version"]),
        ("cortex parse --json start-up", [binary, "parse", "--json", "scale payments to 3"]),
    ]
    for (label, argv) in commands {
        guard let ms = medianSpawn(argv, runs: runs) else {
            print("\(label): cannot run \(binary)")
            return
        }
        print(String(format: "%@: p50=%.2fms", label, ms) + (reference.map { " = " + $0.ratio(ms) } ?? ""))
    }
    let prompts = (0..<(runs / 2)).compactMap { _ in firstPromptMilliseconds(binary: binary) }
    if prompts.isEmpty {
        print("first prompt: could not start cortex on a pseudo-terminal")
    } else {
        print(Summary(prompts).line("start to first prompt on a pseudo-terminal", unit: "ms"))
    }
}

/// Resident memory of the REPL at its first prompt and after 100 requests: with the
/// embedded simulated cluster (no kubeconfig), and against a cluster reached over HTTP (a
/// simulated cluster this benchmark serves on loopback, named by a kubeconfig).
func benchMemory(binary: String) throws {
    func report(_ label: String, _ arguments: [String]) {
        guard let memory = replMemory(binary: binary, arguments: arguments, requests: 100) else {
            print("REPL memory \(label): the session did not complete")
            return
        }
        print(String(format: "REPL memory %@: %.1f MiB at the first prompt, %.1f MiB after 100 requests", label, memory.idle, memory.after))
    }
    report("with the in-process simulated cluster", [])
    let sim = try SimulatedCluster.startInBackground(port: 0, seed: .standard, pace: .fast)
    defer { sim.stopAndWait() }
    let kubeconfig = NSTemporaryDirectory() + "cortex-bench-kubeconfig-\(getpid())"
    defer { try? FileManager.default.removeItem(atPath: kubeconfig) }
    try sim.writeKubeconfig(to: kubeconfig, namespace: "staging")
    report("against a cluster over HTTP (libcurl)", ["--kubeconfig", kubeconfig])
}

var args = Array(CommandLine.arguments.dropFirst())
var corpora: [String] = []
while let i = args.firstIndex(of: "--corpus"), i + 1 < args.count {
    corpora.append(args[i + 1])
    args.removeSubrange(i...(i + 1))
}
if corpora.isEmpty {
    corpora = ["Tests/CortexCoreTests/Fixtures/dev.jsonl", "Tests/CortexCoreTests/Fixtures/parser-cases.jsonl"]
        .filter { FileManager.default.fileExists(atPath: $0) }
}
var folder = NSTemporaryDirectory()
if let i = args.firstIndex(of: "--folder"), i + 1 < args.count {
    folder = args[i + 1]
    args.removeSubrange(i...(i + 1))
}
var transcriptRounds = 3
if let i = args.firstIndex(of: "--rounds"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 {
    transcriptRounds = n
    args.removeSubrange(i...(i + 1))
}
var transcriptRequests = 1000
if let i = args.firstIndex(of: "--requests"), i + 1 < args.count, let n = Int(args[i + 1]), n > 0 {
    transcriptRequests = n
    args.removeSubrange(i...(i + 1))
}
let what = args.first ?? "all"
let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cortex").path

do {
    let needsReference = ["startup", "transcripts", "all"].contains(what)
    let reference = needsReference ? Reference.measure(runs: 30) : nil
    if needsReference {
        print(reference.map { String(format: "reference: %@ p50=%.2fms", $0.name, $0.milliseconds) }
              ?? "reference: neither kubectl nor swiftc found; figures are shown without a ratio")
    }
    if what == "parse" || what == "all" { try benchParse(corpora: corpora, rounds: 200) }
    if what == "startup" || what == "all" { benchStartup(binary: binary, runs: 100, reference: reference) }
    if what == "memory" || what == "all" { try benchMemory(binary: binary) }
    if what == "guard" || what == "all" {
        for result in try GuardBenchmarks.runAll(folder: folder) { print(result) }
    }
    if what == "cluster" || what == "all" { try benchCluster() }
    if what == "diagnose" || what == "all" { try benchDiagnose() }
    if what == "llm" || what == "all" {
        for line in try benchLLMClient(rounds: 2000) { print(line) }
    }
    if what == "transcripts" || what == "all" { try TranscriptBench.run(count: transcriptRequests, rounds: transcriptRounds, reference: reference) }
    if what == "routing" || what == "all" {
        let tasks = try jsonLinesField("task", from: "Tests/CortexCoreTests/Fixtures/routing-labelled.jsonl")
        for line in benchRouting(tasks: tasks) { print(line) }
    }
} catch {
    print("cortex-bench: \(error)")
    exit(2)
}
