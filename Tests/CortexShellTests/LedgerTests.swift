import CortexCore
import CortexShell
import CortexTestSupport
import Foundation
import Synchronization
import Testing

@Suite struct LedgerTests {
    let at = Date(timeIntervalSince1970: 1_741_000_000)

    func usage(_ n: Int64) -> LLMUsageRecord {
        LLMUsageRecord(at: at, model: "gpt-4o-mini", promptTokens: n, completionTokens: 1, latencyMilliseconds: 5)
    }

    @Test func aMissingFileIsAnEmptyLedgerAndAppendCreatesFolders() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = JSONLinesLedger<LLMUsageRecord>(path: dir.file("a/b/usage.jsonl"))
        #expect(try ledger.read().records.isEmpty)
        try ledger.append([usage(1), usage(2)])
        #expect(try ledger.read().records == [usage(1), usage(2)])
        let text = try String(contentsOfFile: dir.file("a/b/usage.jsonl"), encoding: .utf8)
        #expect(text == """
            {"at":"2025-03-03T11:06:40Z","completion_tokens":1,"latency_ms":5,"model":"gpt-4o-mini","prompt_tokens":1}
            {"at":"2025-03-03T11:06:40Z","completion_tokens":1,"latency_ms":5,"model":"gpt-4o-mini","prompt_tokens":2}

            """)
    }

    @Test func corruptLinesAreReportedWithFileAndLineAndTheRestIsKept() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("usage.jsonl")
        let good = #"{"at":"2025-03-03T11:06:40Z","completion_tokens":1,"latency_ms":5,"model":"m","prompt_tokens":7}"#
        let lines = [
            good,
            "not json at all",
            #"{"at":"2025-03-03T11:06:40Z","completion_tokens":1,"latency_ms":5,"model":"m"}"#,
            #"{"at":"yesterday","completion_tokens":1,"latency_ms":5,"model":"m","prompt_tokens":7}"#,
            #"{"at":"2025-03-03T11:06:40Z","completion_tokens":"one","latency_ms":5,"model":"m","prompt_tokens":7}"#,
            #"{"at":"2025-03-03T11:06:40Z","completion_tokens":-1,"latency_ms":5,"model":"m","prompt_tokens":7}"#,
            "",
            good,
        ]
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        let contents = try JSONLinesLedger<LLMUsageRecord>(path: path).read()
        #expect(contents.records.count == 2)
        #expect(contents.problems.map(\.line) == [2, 3, 4, 5, 6])
        #expect(contents.problems.map(\.reason) == [
            "not JSON", "missing field `prompt_tokens`", "invalid field `at`: not a UTC timestamp: yesterday",
            "wrong type for field `completion_tokens`", "invalid record: empty model or negative count",
        ])
        #expect(contents.problems[0].description == "warning: \(path):2: not JSON (line skipped)")
    }

    @Test func aTornLastLineStaysApartFromTheNextAppend() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("usage.jsonl")
        let ledger = JSONLinesLedger<LLMUsageRecord>(path: path)
        try ledger.append([usage(1)])
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(#"{"at":"2025-03-03T11:0"#.utf8))
        try handle.close()
        try ledger.append([usage(2)])
        let contents = try ledger.read()
        #expect(contents.records == [usage(1), usage(2)])
        #expect(contents.problems.map(\.line) == [2])
    }

    @Test func anUnwritableLocationIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir.file("plain-file")))
        let ledger = JSONLinesLedger<LLMUsageRecord>(path: dir.file("plain-file/usage.jsonl"))
        do {
            try ledger.append([usage(1)])
            Issue.record("expected an error")
        } catch {
            #expect(error.exitCode == .failed)
            #expect(error.message.contains(dir.file("plain-file")))
            #expect(error.hint?.contains("CORTEX_STATE_DIR") == true)
        }
        #expect(throws: CortexError.self) { try JSONLinesLedger<LLMUsageRecord>(path: dir.file("plain-file/x")).read() }
    }

    @Test func threadsAppendingAtOnceLoseNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("usage.jsonl")
        let threads = 8, each = 150
        let failures = Mutex<[String]>([])
        try runConcurrently(threads) { t in
            let ledger = JSONLinesLedger<LLMUsageRecord>(path: path)
            for i in 0..<each {
                do throws(CortexError) {
                    try ledger.append([usage(Int64(t * 1_000 + i))])
                } catch {
                    failures.withLock { $0.append(error.message) }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let contents = try JSONLinesLedger<LLMUsageRecord>(path: path).read()
        #expect(contents.problems.isEmpty)
        #expect(contents.records.count == threads * each)
        #expect(Set(contents.records.map(\.promptTokens)).count == threads * each)
    }

    @Test func concurrentRoutesGetDistinctIds() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("routing.jsonl")
        let decision = Router(configuration: .defaults).route("the nightly build is red")
        let ids = Mutex<[String]>([])
        try runConcurrently(6) { _ in
            let ledger = RoutingLedger(path: path)
            for _ in 0..<40 {
                if let entry = try? ledger.recordRoute(decision, at: at) { ids.withLock { $0.append(entry.id) } }
            }
        }
        let all = ids.withLock { $0 }
        #expect(all.count == 240)
        #expect(Set(all) == Set((1...240).map { "r\($0)" }))
    }

    @Test func outcomesNeedARecordedRouteAndCorrectionsAreNoted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = RoutingLedger(path: dir.file("routing.jsonl"))
        let decision = Router(configuration: .defaults).route("the nightly build is red")
        let entry = try ledger.recordRoute(decision, at: at)
        #expect(entry.id == "r1")
        do {
            _ = try ledger.recordOutcome(id: "r2", result: .success, at: at)
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("no route `r2`"))
            #expect(error.message.contains("the latest is r1"))
        }
        let first = try ledger.recordOutcome(id: "1", result: .success, at: at)
        #expect(first.previous == nil && first.route.specialist == "cicd")
        let second = try ledger.recordOutcome(id: "R1", result: .failure, at: at)
        #expect(second.previous == .success)
        let (history, problems) = try ledger.history()
        #expect(problems.isEmpty)
        #expect(history.tally(specialist: "cicd", kind: decision.kind) == OutcomeTally(successes: 0, failures: 1))
    }

    @Test func footprintsAreWrittenOnlyWhenTheSizeChanges() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledgers = CostLedgers(files: LedgerFiles(stateDirectory: dir.path))
        let pod = PodRequests(cpuMillis: 250, memoryBytes: 1 << 29)
        let f = WorkloadFootprint(at: at, service: "api", environment: "staging", replicas: 3, pod: pod)
        #expect(try ledgers.recordFootprint(f))
        #expect(try !ledgers.recordFootprint(WorkloadFootprint(at: at.addingTimeInterval(60), service: "api", environment: "staging", replicas: 3, pod: pod)))
        #expect(try ledgers.recordFootprint(WorkloadFootprint(at: at.addingTimeInterval(60), service: "api", environment: "production", replicas: 3, pod: pod)))
        #expect(try ledgers.recordFootprint(WorkloadFootprint(at: at.addingTimeInterval(120), service: "api", environment: "staging", replicas: 5, pod: pod)))
        #expect(try ledgers.snapshot().footprints.count == 3)
    }

    @Test func ledgerPathsFollowTheStateDirectoryUnlessMoved() {
        let files = LedgerFiles(stateDirectory: "/s", environment: ["CORTEX_USAGE_LEDGER": "/elsewhere/u.jsonl", "CORTEX_BUDGET_LEDGER": ""])
        #expect(files == LedgerFiles(routing: "/s/routing.jsonl", usage: "/elsewhere/u.jsonl", budgets: "/s/budgets.jsonl",
                                     footprints: "/s/footprints.jsonl"))
    }
}

/// Runs `body` on `count` threads at once and waits for all of them.
func runConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    for t in 0..<count {
        let thread = Thread {
            body(t)
            done.signal()
        }
        thread.start()
    }
    for _ in 0..<count { done.wait() }
}

/// A ledger keeps its file open between operations: threads sharing one ledger value, and
/// a file moved aside, behave as with a file opened for each operation.
extension LedgerTests {
    @Test func threadsSharingOneLedgerLoseNothing() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let ledger = JSONLinesLedger<LLMUsageRecord>(path: dir.file("usage.jsonl"))
        let failures = Mutex<[String]>([])
        let at = at
        try runConcurrently(6) { t in
            for i in 0..<100 {
                do throws(CortexError) {
                    try ledger.append([LLMUsageRecord(at: at, model: "m", promptTokens: Int64(t * 1_000 + i), completionTokens: 1,
                                                      latencyMilliseconds: 5)])
                    _ = try ledger.read()
                } catch {
                    failures.withLock { $0.append(error.message) }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty)
        let contents = try JSONLinesLedger<LLMUsageRecord>(path: dir.file("usage.jsonl")).read()
        #expect(contents.problems.isEmpty)
        #expect(Set(contents.records.map(\.promptTokens)).count == 600)
    }

    @Test func aFileMovedAsideIsFollowedByANewOneAtItsPath() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("state/usage.jsonl")
        let ledger = JSONLinesLedger<LLMUsageRecord>(path: path)
        try ledger.append([usage(1), usage(2)])
        try FileManager.default.moveItem(atPath: path, toPath: path + ".old")
        #expect(try ledger.read().records.isEmpty)
        try ledger.append([usage(3)])
        #expect(try ledger.read().records == [usage(3)])
        #expect(try JSONLinesLedger<LLMUsageRecord>(path: path + ".old").read().records == [usage(1), usage(2)])
        // A file that another ledger value appends to is read in full by this one.
        try JSONLinesLedger<LLMUsageRecord>(path: path).append([usage(4)])
        #expect(try ledger.read().records == [usage(3), usage(4)])
    }
}
