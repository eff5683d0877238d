import CortexCore
import CortexShell
import Foundation
import Testing

private func issues(_ yaml: String) -> [String] {
    PolicyLoader().document(yaml, file: "team.yaml").issues.map(\.description)
}

private func rules(_ yaml: String) -> [PolicyRule] {
    PolicyLoader().document(yaml, file: "team.yaml").rules
}

@Suite("Policy files")
struct PolicyLoaderTests {
    @Test func theBuiltInPolicyIsTheShippedFile() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: repository.appendingPathComponent("guardrails/default.yaml"), encoding: .utf8)
        #expect(DefaultPolicy.text == shipped,
                "Sources/CortexShell/Policy/DefaultPolicy.swift must hold guardrails/default.yaml exactly: paste the file into it")
    }

    @Test func theDefaultPolicyLoads() throws {
        let policy = try PolicyLoader().load(.bundled)
        #expect(policy.rules.count == 19)
        #expect(Set(policy.rules.map(\.kind)) == Set(RuleKinds.all.map { $0.kind }))
        #expect(policy.rules.allSatisfy { $0.location.file == "guardrails/default.yaml" })
        let freeze = try #require(policy.rules.first { $0.id == "friday-deploy-freeze" })
        #expect(freeze.location.line == 76)
        #expect(freeze.scope == RuleScope(environments: ["production"], operations: [.deploy]))
        #expect(freeze.description == "Nobody wants to debug a Friday-evening deploy on Saturday.")
        #expect(policy.longestRateWindow == 600)
    }

    @Test func aRuleReadsItsKindsKeysAndTheCommonOnes() throws {
        let read = rules("""
        version: 1
        rules:
          - id: prod-freeze
            kind: freeze
            environments: [prod, stg]
            operations: [deploy, rollback]
            days: [mon-wed, sun]
            from: "09:30"
            to: "06:00"
            action: typed
        """)
        let rule = try #require(read.first)
        #expect(rule.id == "prod-freeze")
        #expect(rule.location == RuleLocation(file: "team.yaml", line: 3))
        #expect(rule.scope == RuleScope(environments: ["production", "staging"], operations: [.deploy, .rollback]))
        #expect(rule.action == .typed)
        #expect(rule.rule as? FreezeWindowRule == FreezeWindowRule(days: [.monday, .tuesday, .wednesday, .sunday], from: 570, to: 360))
    }

    @Test func defaultsApplyWhenKeysAreLeftOut() throws {
        let read = rules("""
        version: 1
        rules:
          - {id: jump, kind: large-jump}
          - {id: two, kind: two-person}
          - {id: img, kind: image}
        """)
        #expect(read.map(\.action) == [.confirm, .approval, .deny])
        #expect(read[0].rule as? LargeJumpRule == LargeJumpRule(factor: 2, step: 10))
        #expect(read[1].rule as? TwoPersonRule == TwoPersonRule(services: nil, validFor: 3600))
        #expect(read[2].rule as? ImageRule == ImageRule())
    }

    @Test(arguments: [
        ("rules: []", ["team.yaml:1: version: missing: every policy file starts with 'version: 1'"]),
        ("version: 2\nrules: []", ["team.yaml:1: version: this cortex reads policy version 1, not 2"]),
        ("version: one\nrules: []", ["team.yaml:1: version: must be a whole number (1)"]),
        ("version: 1\nrule: []", ["team.yaml:2: rule: unknown key (a policy file has: version, rules, description)",
                                  "team.yaml:1: rules: missing: a policy file lists its rules under 'rules:'"]),
        ("version: 1\nrules: {a: 1}", ["team.yaml:2: rules: must be a list of rules, not a mapping"]),
        ("- a\n- b", ["team.yaml:1: a policy file is a mapping with 'version' and 'rules', not a list"]),
        ("", ["team.yaml:1: the file is empty"]),
        ("version: 1\nrules:\n  - id: a\n   kind: x", ["team.yaml:4: not valid YAML: did not find expected '-' indicator (while parsing a block collection)"]),
        ("version: 1\nversion: 1\nrules: []", ["team.yaml:1: version: appears more than once in the same mapping"]),
    ])
    func documentProblems(_ yaml: String, _ expected: [String]) {
        #expect(issues(yaml) == expected)
    }

    @Test(arguments: [
        ("- id: a\n    kind: freeze\n    days: [fri]\n    form: \"16:00\"",
         ["team.yaml:6: form: unknown key for a freeze rule (known: id, kind, description, environments, operations, groups, except-groups, users, except-users, action, days, from, to)"]),
        ("- id: a\n    kind: freez", ["team.yaml:4: kind: unknown kind 'freez' (one of: protection, destructive, replica-bounds, large-jump, protected, freeze, rate-limit, image, cost-ceiling, two-person, rollout-failure, autoscaler-removal)"]),
        ("- kind: destructive", ["team.yaml:3: missing 'id'"]),
        ("- id: a", ["team.yaml:3: missing 'kind' (one of: protection, destructive, replica-bounds, large-jump, protected, freeze, rate-limit, image, cost-ceiling, two-person, rollout-failure, autoscaler-removal)"]),
        ("- id: Bad_ID\n    kind: destructive", ["team.yaml:3: id: 'Bad_ID' must be lowercase letters, digits and '-'"]),
        ("- id: a\n    kind: replica-bounds\n    min: 5\n    max: two", ["team.yaml:6: max: must be a whole number >= 0, not 'two'"]),
        ("- id: a\n    kind: replica-bounds\n    min: 5\n    max: 4", ["team.yaml:6: max: must not be below min (5)"]),
        ("- id: a\n    kind: replica-bounds", ["team.yaml:3: a rule of this kind needs 'min' or 'max'"]),
        ("- id: a\n    kind: freeze\n    days: [fri]\n    from: \"25:00\"", ["team.yaml:6: from: must be a UTC time HH:MM between 00:00 and 24:00, not '25:00'"]),
        ("- id: a\n    kind: freeze\n    days: [friday, someday]", ["team.yaml:5: days: 'someday' is not a day of the week (mon, tue, … sun, or a range such as mon-fri)"]),
        ("- id: a\n    kind: freeze\n    days: []", ["team.yaml:5: days: must not be empty (leave the key out instead)"]),
        ("- id: a\n    kind: freeze", ["team.yaml:3: missing 'days'"]),
        ("- id: a\n    kind: freeze\n    days: [fri]\n    from: \"10:00\"\n    to: \"10:00\"", ["team.yaml:7: to: equals 'from': the window would be empty"]),
        ("- id: a\n    kind: rate-limit\n    max: 0\n    window: 10x", ["team.yaml:5: max: must be a whole number >= 1, not '0'",
                                                                   "team.yaml:6: window: must be a length of time such as 90s, 10m, 2h or 1d, not '10x'"]),
        ("- id: a\n    kind: rate-limit", ["team.yaml:3: missing 'max'", "team.yaml:3: missing 'window'"]),
        ("- id: a\n    kind: protection\n    environments: [prdo]", ["team.yaml:5: environments: unknown environment 'prdo' (known: development, staging, production)"]),
        ("- id: a\n    kind: protection\n    operations: [status]", ["team.yaml:5: operations: 'status' changes nothing; guardrails only judge changes (deploy, scale, restart, rollback, delete, budget, set-env, set-resources, autoscale, pause, resume, promote, abort)"]),
        ("- id: a\n    kind: protection\n    environments: production", ["team.yaml:5: environments: must be a list, such as [a, b], not a single value"]),
        ("- id: a\n    kind: protection\n    action: maybe", ["team.yaml:5: action: must be one of confirm, typed, approval, deny, not 'maybe'"]),
        ("- id: a\n    kind: protection\n    action:", ["team.yaml:5: action: needs a value"]),
        ("- id: a\n    kind: cost-ceiling\n    max-monthly-increase: -5", ["team.yaml:5: max-monthly-increase: must be a number >= 0, not '-5'"]),
        ("- id: a\n    kind: large-jump\n    factor: 1", ["team.yaml:5: factor: must be a number > 1, not '1'"]),
        ("- id: a\n    kind: image\n    require-tag: sometimes", ["team.yaml:5: require-tag: must be true or false, not 'sometimes'"]),
        ("- id: a\n    kind: protected\n    services: [{name: x}]", ["team.yaml:5: services: list items must be single values, not a mapping"]),
        ("- just text", ["team.yaml:3: a rule is a mapping with 'id' and 'kind', not a single value"]),
    ])
    func ruleProblems(_ rulesYAML: String, _ expected: [String]) {
        #expect(issues("version: 1\nrules:\n  " + rulesYAML) == expected)
    }

    @Test func everyProblemInEveryFileIsReportedAtOnce() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "version: 1\nrules:\n  - {id: a, kind: destructive}\n  - {id: b, kind: nope}\n"
            .write(toFile: folder.path + "/10-base.yaml", atomically: true, encoding: .utf8)
        try "version: 1\nrules:\n  - {id: a, kind: protection, environments: [production]}\n"
            .write(toFile: folder.path + "/20-team.yml", atomically: true, encoding: .utf8)
        try "not a policy".write(toFile: folder.path + "/notes.txt", atomically: true, encoding: .utf8)
        #expect {
            try PolicyLoader().load(.folder(folder.path))
        } throws: { error in
            guard let e = error as? CortexError else { return false }
            return e.exitCode == .usage && e.message == """
            the guardrail policy has 2 problems:
              \(folder.path)/10-base.yaml:4: kind: unknown kind 'nope' (one of: protection, destructive, replica-bounds, large-jump, protected, freeze, rate-limit, image, cost-ceiling, two-person, rollout-failure, autoscaler-removal)
              \(folder.path)/20-team.yml:3: id: 'a' is already defined at \(folder.path)/10-base.yaml:3
            """
        }
    }

    @Test func filesAreReadInNameOrder() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try "version: 1\nrules:\n  - {id: second, kind: destructive}\n".write(toFile: folder.path + "/b.yaml", atomically: true, encoding: .utf8)
        try "version: 1\nrules:\n  - {id: first, kind: destructive}\n".write(toFile: folder.path + "/a.yaml", atomically: true, encoding: .utf8)
        let policy = try PolicyLoader().load(.folder(folder.path))
        #expect(policy.rules.map(\.id) == ["first", "second"])
        #expect(policy.files == [folder.path + "/a.yaml", folder.path + "/b.yaml"])
    }

    @Test func aMissingOrEmptyFolderIsAUsageError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: CortexError.usage("the policy folder \(folder.path) holds no policy files (*.yaml)")) {
            try PolicyLoader().load(.folder(folder.path))
        }
        #expect { try PolicyLoader().load(.folder(folder.path + "/nope")) } throws: { error in
            (error as? CortexError)?.message == "the policy folder \(folder.path)/nope does not exist"
        }
    }

    @Test func theSourceFollowsFlagThenEnvironmentThenXDG() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(PolicySource.resolve(flag: "/p", environment: ["CORTEX_POLICY_DIR": "/e"]) == .folder("/p"))
        #expect(PolicySource.resolve(flag: nil, environment: ["CORTEX_POLICY_DIR": "/e"]) == .folder("/e"))
        #expect(PolicySource.resolve(flag: nil, environment: ["XDG_CONFIG_HOME": folder.path]) == .bundled)
        try FileManager.default.createDirectory(atPath: folder.path + "/cortex/guardrails", withIntermediateDirectories: true)
        #expect(PolicySource.resolve(flag: nil, environment: ["XDG_CONFIG_HOME": folder.path]) == .folder(folder.path + "/cortex/guardrails"))
    }
}
