import CortexCore
import CortexShell
import Foundation
import Testing

private func document(_ yaml: String) -> (rules: [PolicyRule], issues: [String]) {
    let read = PolicyLoader().document(yaml, file: "team.yaml")
    return (read.rules, read.issues.map(\.description))
}

/// Rules narrowed to groups and users, and approvers from named groups, read from policy files
/// and judged for identities the cluster gave.
@Suite("Policy rules by identity")
struct PolicyIdentityTests {
    static let yaml = """
        version: 1
        rules:
          - id: oncall-restarts
            kind: protection
            environments: [production]
            operations: [restart]
            action: confirm
            except-groups: [oncall]
          - id: developers-never-delete
            kind: destructive
            environments: [production]
            action: deny
            groups: [developers]
          - id: dual-approval
            kind: two-person
            environments: [production]
            operations: [delete]
            approvers: {groups: [sre, security], distinct-groups: true}
        """

    func verdict(_ op: OperationKind, as identity: OperatorIdentity?) -> Verdict {
        let policy = Policy(rules: document(Self.yaml).rules)
        let resolved = ResolvedOperation(operation: Operation(op, service: "payments", environment: "production"), environment: "production")
        let context = PolicyContext(now: Date(), actor: identity?.user ?? "local", identity: identity)
        return Guardrails(policy: policy).evaluate(resolved, context: context)
    }

    @Test func theKeysAreRead() throws {
        let (rules, issues) = document(Self.yaml)
        #expect(issues == [])
        #expect(rules[0].audience == RuleAudience(exceptGroups: ["oncall"]))
        #expect(rules[1].audience == RuleAudience(groups: ["developers"]))
        let twoPerson = try #require(rules[2].rule as? TwoPersonRule)
        #expect(twoPerson.approvers == ApproverRequirement(groups: ["sre", "security"], distinctGroups: true))
    }

    @Test func onCallRestartsWithoutBeingAskedAndDevelopersCannotDelete() {
        let oncall = OperatorIdentity(user: "alice", groups: ["oncall"], verified: true)
        let developer = OperatorIdentity(user: "dave", groups: ["developers"], verified: true)
        #expect(verdict(.restart, as: oncall).findings.isEmpty)
        #expect(verdict(.restart, as: developer).action == .confirm)
        #expect(verdict(.delete, as: developer).action == .deny)
        #expect(verdict(.delete, as: oncall).action == .approval)
        // The groups of an identity the cluster did not verify do not count.
        #expect(verdict(.restart, as: OperatorIdentity(user: "alice", groups: ["oncall"], verified: false)).action == .confirm)
        #expect(verdict(.delete, as: oncall).findings.first?.message.contains("two people from two different groups of sre, security") == true)
    }

    @Test(arguments: [
        ("approvers: {groups: [sre], distinct-groups: true}", "distinct-groups needs at least two groups"),
        ("approvers: {group: [sre]}", "unknown key in 'approvers'"),
        ("approvers: [sre]", "must be a mapping"),
        ("groups: oncall", "must be a list"),
    ])
    func mistakesNameTheKey(_ line: String, _ problem: String) {
        let (_, issues) = document("""
            version: 1
            rules:
              - id: r
                kind: two-person
                \(line)
            """)
        #expect(issues.contains { $0.contains(problem) }, "\(issues)")
    }
}
