import CortexCore
import CortexShell
import Foundation

/// Benchmarks of the guardrails and the audit log, for the benchmark executable:
/// verdict time with a 50-rule policy (target under 10 µs), durable audit appends per second
/// (target over 1,000/s), and verification speed (target over 200,000 entries/s).
public enum GuardBenchmarks {
    /// One measurement.
    public struct Result: CustomStringConvertible, Sendable {
        public var name: String
        public var count: Int
        public var seconds: Double

        public var perSecond: Double { Double(count) / seconds }
        public var microsecondsEach: Double { seconds * 1_000_000 / Double(count) }

        public var description: String {
            let rate = perSecond >= 10_000 ? String(Int(perSecond)) : String(format: "%.1f", perSecond)
            return "\(name): \(count) in \(String(format: "%.3f", seconds)) s, \(String(format: "%.2f", microsecondsEach)) µs each, \(rate)/s"
        }
    }

    /// Every benchmark, with files in `folder` (which should be on the disk the log lives on).
    public static func runAll(folder: String) throws -> [Result] {
        [verdict(), try durableAppends(folder: folder), try verify()]
    }

    /// Verdicts on a production scale against a 50-rule policy (every kind, most in scope),
    /// with rate-limit history and approvals on record.
    public static func verdict(iterations: Int = 200_000) -> Result {
        let guardrails = Guardrails(policy: fiftyRulePolicy())
        let now = Date(timeIntervalSince1970: 1_741_341_600)  // a Friday, 10:00 UTC
        let context = PolicyContext(
            now: now, actor: "alice",
            recentMutations: (0..<8).map { MutationRecord(time: now.addingTimeInterval(Double(-60 * $0)), operation: .scale, environment: "production") },
            approvals: [], remainingBudget: 2_000)
        let resolved = ResolvedOperation(
            operation: Operation(.scale, service: "payments", environment: "production", replicas: 5),
            environment: "production", target: ClusterTarget(context: "prod", namespace: "apps"),
            current: WorkloadState(replicas: 3, image: "ghcr.io/acme/payments:1.4.2"), monthlyCostDelta: 120)
        var spoke = 0
        let elapsed = measure {
            for _ in 0..<iterations { spoke &+= guardrails.evaluate(resolved, context: context).findings.count }
        }
        precondition(spoke > 0)
        return Result(name: "verdict, 50 rules", count: iterations, seconds: elapsed)
    }

    /// Appends through `FileAuditStore`, each flushed to disk (fdatasync) before it returns.
    public static func durableAppends(count: Int = 1_000, folder: String) throws -> Result {
        let path = folder + "/bench-\(UUID().uuidString).jsonl"
        defer {
            try? FileManager.default.removeItem(atPath: path)
            try? FileManager.default.removeItem(atPath: path + ".head")
        }
        let store = FileAuditStore(path: path, appender: AuditAppender(plain: OpenSSLDigest.sha256))
        let records = (0..<count).map(record)
        var failure: CortexError?
        let elapsed = measure {
            do throws(CortexError) {
                for r in records { _ = try store.append(r) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return Result(name: "durable appends", count: count, seconds: elapsed)
    }

    /// Verification of an in-memory log of `entries` SHA-256-chained entries.
    public static func verify(entries: Int = 200_000) throws -> Result {
        let store = InMemoryAuditStore(appender: AuditAppender(plain: OpenSSLDigest.sha256))
        for n in 0..<entries { _ = try store.append(record(n)) }
        let verifier = AuditVerifier(plain: OpenSSLDigest.sha256)
        var result = AuditVerification()
        let elapsed = measure { result = verifier.verify(store.log, head: store.head) }
        precondition(result.isIntact && result.entries == entries)
        return Result(name: "verify (\(store.log.count / entries) bytes an entry)", count: entries, seconds: elapsed)
    }

    static func record(_ n: Int) -> AuditRecord {
        let event = AuditEvent(.executed, input: "scale payments in production to \(n % 40 + 2)",
                               operation: Operation(.scale, service: "payments", environment: "production", replicas: n % 40 + 2),
                               environment: "production", context: "prod", namespace: "apps",
                               confirmation: .confirmed, result: AuditResult(ok: true, summary: "scaled"))
        return AuditRecord(event, time: Date(timeIntervalSince1970: 1_741_341_600 + Double(n)),
                           origin: AuditOrigin(actor: AuditActor(user: "alice", host: "ops1"), session: "bench", source: .repl))
    }

    /// Fifty rules of every kind: the shape of a large team's policy.
    static func fiftyRulePolicy() -> Policy {
        var rules: [PolicyRule] = []
        func add(_ rule: any GuardrailRule, envs: Set<String>? = ["production"], ops: Set<OperationKind>? = nil) {
            rules.append(PolicyRule(id: "rule-\(rules.count)", location: RuleLocation(file: "bench.yaml", line: rules.count * 5 + 3),
                                    scope: RuleScope(environments: envs, operations: ops), rule: rule))
        }
        for i in 0..<5 {
            add(ProtectionRule())
            add(DestructiveRule())
            add(ReplicaBoundsRule(min: 1 + i, max: 50 + i))
            add(LargeJumpRule(factor: 2 + Double(i), step: 10 + i))
            add(ProtectedTargetRule(services: ["vault", "vault-*", "ledger-\(i)"], namespaces: ["kube-system"]))
            add(FreezeWindowRule(days: [.saturday, .sunday]), ops: [.deploy])
            add(RateLimitRule(max: 20 + i, window: 600))
            add(ImageRule(), ops: [.deploy])
            add(CostCeilingRule(maxMonthlyIncrease: 500 + Double(i), withinBudget: true))
            add(TwoPersonRule(services: ["ledger-\(i)"]), ops: [.delete])
        }
        return Policy(rules: rules)
    }

    static func measure(_ body: () -> Void) -> Double {
        let duration = ContinuousClock().measure(body)
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
