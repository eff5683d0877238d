import CortexCore
import Foundation
import Testing

/// Builders shared by the guardrail, confirmation and audit tests of this target.
enum Fixture {
    /// An instant written as ISO 8601 UTC.
    static func at(_ text: String) -> Date {
        guard let date = UTCTime.parseISO8601(text) else { fatalError("bad fixture time \(text)") }
        return date
    }

    /// Friday 2025-03-07, 10:00 UTC: outside every freeze window of the tests.
    static let friday = at("2025-03-07T10:00:00Z")

    static func resolved(
        _ op: OperationKind, _ service: String? = "payments", env: String? = "production",
        replicas: Int? = nil, delta: Int? = nil, version: String? = nil, image: String? = nil,
        current: Int? = nil, currentImage: String? = nil, namespace: String? = nil, cost: Double? = nil
    ) -> ResolvedOperation {
        let operation = Operation(op, service: service, environment: env, replicas: replicas, delta: delta,
                                  version: version, image: image)
        return ResolvedOperation(
            operation: operation, environment: env,
            target: namespace.map { ClusterTarget(context: "ctx", namespace: $0) },
            current: current != nil || currentImage != nil ? WorkloadState(replicas: current, image: currentImage) : nil,
            monthlyCostDelta: cost)
    }

    static func context(
        now: Date = friday, actor: String = "alice", mutations: [MutationRecord] = [],
        approvals: [ApprovalRequest] = [], budget: Double? = nil
    ) -> PolicyContext {
        PolicyContext(now: now, actor: actor, recentMutations: mutations, approvals: approvals, remainingBudget: budget)
    }

    /// A policy holding one rule.
    static func guardrails(
        _ rule: any GuardrailRule, environments: Set<String>? = nil, operations: Set<OperationKind>? = nil,
        action: RuleAction? = nil
    ) -> Guardrails {
        Guardrails(policy: Policy(rules: [PolicyRule(
            id: "rule-under-test", location: RuleLocation(file: "test.yaml", line: 3),
            scope: RuleScope(environments: environments, operations: operations), action: action, rule: rule)]))
    }
}

/// A deterministic stand-in digest for pure tests (FNV-1a lanes, not cryptographic). With a
/// key it plays the keyed algorithm.
struct TestDigest: CortexCore.Digest {
    var key: [UInt8]?

    var algorithm: String { key == nil ? DigestAlgorithm.sha256 : DigestAlgorithm.hmacSHA256 }
    var isKeyed: Bool { key != nil }

    func digest(_ bytes: UnsafeRawBufferPointer) -> [UInt8] {
        var out: [UInt8] = []
        for lane in 0..<4 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 &+ UInt64(lane)
            for b in (key ?? []) + Array(bytes) {
                h = (h ^ UInt64(b)) &* 0x100_0000_01b3
            }
            for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: h >> (8 * UInt64(k)))) }
        }
        return out
    }
}

