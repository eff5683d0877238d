public import CortexCore
public import FoundationEssentials

/// Gathers what a verdict depends on besides the operation: the time, the operator, recent
/// mutations from the audit log (as far back as the policy's longest rate-limit window), and
/// approvals on record. The pipeline and `cortex policy explain` use the same gathering.
public enum GuardrailContext {
    public static func gather(
        policy: Policy, actor: AuditActor, now: Date, audit: (any AuditEntrySource)?, approvals: (any ApprovalStore)?,
        remainingBudget: Double? = nil, identity: OperatorIdentity? = nil
    ) throws(CortexError) -> PolicyContext {
        var mutations: [MutationRecord] = []
        if let audit, let window = policy.longestRateWindow {
            let since = now.addingTimeInterval(-window)
            mutations = AuditReading.mutations(in: try audit.entries(since: since), since: since)
        }
        let granted = try approvals?.read().granted ?? []
        return PolicyContext(now: now, actor: identity?.user ?? actor.user, recentMutations: mutations, approvals: granted,
                             remainingBudget: remainingBudget, identity: identity)
    }
}
