@testable import CortexCore
import FoundationEssentials
import Testing

/// The fields of the workload-shaping operations: their canonical JSON, their rules, their
/// strict decoding from a model's answer and their place in the schema.
@Suite struct OperationFieldTests {
    let decoder = StrictOperationDecoder(environments: .standard)

    // MARK: Canonical JSON

    @Test func envIsAnObjectWithSortedKeysAndNullForRemoval() {
        let op = Operation(.setEnv, service: "payments", environment: "staging",
                           env: ["OLD_FLAG": .remove, "LOG_LEVEL": .set("debug"), "A": .set("")])
        #expect(op.canonicalJSON
            == #"{"env":{"A":"","LOG_LEVEL":"debug","OLD_FLAG":null},"environment":"staging","op":"set-env","service":"payments"}"#)
    }

    @Test func newFieldsUseTheSpecNames() {
        let op = Operation(.autoscale, service: "payments", environment: "production", min: 2, max: 10, cpuPercent: 70)
        #expect(op.canonicalJSON == #"{"cpu_percent":70,"environment":"production","max":10,"min":2,"op":"autoscale","service":"payments"}"#)
        #expect(Operation(.autoscale, service: "payments", enabled: false).canonicalJSON
            == #"{"enabled":false,"op":"autoscale","service":"payments"}"#)
        #expect(Operation(.restart, service: "redis", environment: "staging", kind: .statefulset).canonicalJSON
            == #"{"environment":"staging","kind":"statefulset","op":"restart","service":"redis"}"#)
        #expect(Operation(.setResources, service: "cart", environment: "production", memory: "1Gi", scope: .limits).canonicalJSON
            == #"{"environment":"production","memory":"1Gi","op":"set-resources","scope":"limits","service":"cart"}"#)
        #expect(Operation(.deploy, service: "payments", environment: "production", version: "v2.1", canary: 10).canonicalJSON
            == #"{"canary":10,"environment":"production","op":"deploy","service":"payments","version":"v2.1"}"#)
        #expect(Operation(.events, environment: "production", since: "1h").canonicalJSON
            == #"{"environment":"production","op":"events","since":"1h"}"#)
    }

    @Test(arguments: [
        Operation(.setEnv, service: "a", env: ["X": .set("1"), "Y": .remove]),
        Operation(.setResources, service: "a", cpu: "500m", memory: "512Mi", scope: .requests),
        Operation(.autoscale, service: "a", min: 1, max: 4, cpuPercent: 60, enabled: true),
        Operation(.diagnose), Operation(.diagnose, service: "a", environment: "staging", kind: .daemonset),
        Operation(.events, service: "a", since: "30s"), Operation(.logs, service: "a", lines: 20, since: "2h"),
        Operation(.pause, service: "a"), Operation(.resume, service: "a"), Operation(.promote, service: "a"),
        Operation(.abort, service: "a", environment: "production"),
    ])
    func roundTripsAndIsWellFormed(_ op: Operation) throws {
        let back = try JSONDecoder().decode(Operation.self, from: Data(op.canonicalJSON.utf8))
        #expect(back == op)
        #expect(op.violations.isEmpty, "\(op.violations)")
    }

    // MARK: Violations

    @Test func alternativesAreRequired() {
        #expect(Operation(.setResources, service: "a").violations.map(\.description) == ["cpu: set-resources needs cpu or memory"])
        #expect(Operation(.autoscale, service: "a", min: 2).violations.map(\.description) == ["max: autoscale needs max, or enabled: false"])
        #expect(Operation(.autoscale, service: "a", max: 3, enabled: false).violations.map(\.description)
            == ["max: not allowed when enabled is false"])
        #expect(Operation(.setEnv, service: "a").violations.map(\.field) == ["env"])
        #expect(Operation(.setEnv, service: "a", env: [:]).violations.map(\.field) == ["env"])
        #expect(Operation(.pause).violations.map(\.field) == ["service"])
    }

    @Test func fieldsOutsideTheirOperationsAreRefused() {
        #expect(Operation(.restart, service: "a", canary: 10).violations.map(\.description) == ["canary: not allowed for restart"])
        #expect(Operation(.autoscale, service: "a", kind: .deployment, max: 3).violations.map(\.field) == ["kind"])
        #expect(Operation(.pause, service: "a", kind: .deployment).violations.map(\.field) == ["kind"])
        #expect(Operation(.status, since: "1h").violations.map(\.field) == ["since"])
        #expect(Operation(.events, service: "a", kind: .statefulset).violations.map(\.field) == ["kind"])
    }

    @Test func rangesAndFormatsAreChecked() {
        #expect(Operation(.autoscale, service: "a", min: 5, max: 3).violations.map(\.field) == ["min"])
        #expect(Operation(.autoscale, service: "a", min: 0, max: 3).violations.map(\.field) == ["min"])
        #expect(Operation(.autoscale, service: "a", max: 3, cpuPercent: 101).violations.map(\.field) == ["cpu_percent"])
        #expect(Operation(.autoscale, service: "a", max: 3, cpuPercent: 0).violations.map(\.field) == ["cpu_percent"])
        #expect(Operation(.deploy, service: "a", version: "v2", canary: 100).violations.map(\.field) == ["canary"])
        #expect(Operation(.deploy, service: "a", version: "v2", canary: 0).violations.map(\.field) == ["canary"])
        #expect(Operation(.events, since: "1 hour").violations.map(\.field) == ["since"])
        #expect(Operation(.setResources, service: "a", cpu: "0.5").violations.map(\.field) == ["cpu"])
        #expect(Operation(.setResources, service: "a", memory: "512MB").violations.map(\.field) == ["memory"])
        #expect(Operation(.setEnv, service: "a", env: ["1BAD": .set("x")]).violations.map(\.field) == ["env"])
    }

    @Test func newOperationsAreMutationsOrReads() {
        for kind in [OperationKind.setEnv, .setResources, .autoscale, .pause, .resume, .promote, .abort] {
            #expect(kind.isMutation && kind.targetsEnvironment, "\(kind)")
        }
        for kind in [OperationKind.diagnose, .events] {
            #expect(!kind.isMutation && kind.targetsEnvironment, "\(kind)")
        }
    }

    // MARK: Values

    @Test(arguments: [
        ("500m", "500m"), ("0.5", "500m"), (".25", "250m"), ("2", "2"), ("2000m", "2"), ("1.5", "1500m"),
        ("0", nil), ("abc", nil), ("1.2345", nil), ("-1", nil), ("m", nil),
    ] as [(String, String?)])
    func cpuQuantities(_ text: String, _ canonical: String?) {
        #expect(QuantityForm.cpu(text) == canonical)
    }

    @Test(arguments: [
        ("512Mi", "512Mi"), ("512MB", "512Mi"), ("512m", "512Mi"), ("1Gi", "1Gi"), ("1gb", "1Gi"), ("2G", "2Gi"),
        ("256Ki", "256Ki"), ("0Mi", nil), ("Mi", nil), ("12", nil), ("1.5Gi", nil), ("3Pi", nil),
    ] as [(String, String?)])
    func memoryQuantities(_ text: String, _ canonical: String?) {
        #expect(QuantityForm.memory(text) == canonical)
    }

    @Test func lookBacksAndKinds() {
        #expect(LookBack.canonical("15M") == "15m")
        #expect(LookBack.canonical("0s") == nil)
        #expect(LookBack.canonical("2w") == nil)
        #expect(LookBack.seconds("2h") == 7200)
        #expect(WorkloadKind(alias: "sts") == .statefulset)
        #expect(WorkloadKind(alias: "DS") == .daemonset)
        #expect(WorkloadKind(alias: "deploy") == .deployment)
        #expect(WorkloadKind(alias: "pod") == nil)
    }

    // MARK: Strict decoding

    @Test func decodesAModelAnswerWithTheNewFields() {
        #expect(decoder.decode(#"{"op":"set-env","service":"payments","environment":"stg","env":{"LOG_LEVEL":"debug","OLD":null}}"#)
            == Operation(.setEnv, service: "payments", environment: "staging", env: ["LOG_LEVEL": .set("debug"), "OLD": .remove]))
        #expect(decoder.decode(#"{"op":"set-resources","service":"cart","memory":"1GB","cpu":"0.5","scope":"limits"}"#)
            == Operation(.setResources, service: "cart", cpu: "500m", memory: "1Gi", scope: .limits))
        #expect(decoder.decode(#"{"op":"restart","service":"redis","kind":"sts"}"#) == Operation(.restart, service: "redis", kind: .statefulset))
        #expect(decoder.decode(#"{"op":"autoscale","service":"a","enabled":false,"min":null}"#)
            == Operation(.autoscale, service: "a", enabled: false))
        #expect(decoder.decode(#"{"op":"events","since":"15m"}"#) == Operation(.events, since: "15m"))
    }

    @Test(arguments: [
        (#"{"op":"autoscale","service":"a","max":4,"enabled":"false"}"#, "enabled is not true or false"),
        (#"{"op":"autoscale","service":"a","max":4,"cpu_percent":150}"#, "cpu_percent is not between 1 and 100"),
        (#"{"op":"deploy","service":"a","version":"v2","canary":100}"#, "canary is not between 1 and 99"),
        (#"{"op":"restart","service":"a","kind":"pod"}"#, "kind is not one of deployment, statefulset, daemonset"),
        (#"{"op":"events","since":"an hour"}"#, "since"),
        (#"{"op":"set-resources","service":"a","cpu":"lots"}"#, "is not a CPU quantity"),
        (#"{"op":"set-resources","service":"a"}"#, "set-resources needs cpu or memory"),
        (#"{"op":"set-env","service":"a","env":{}}"#, "names no variable"),
        (#"{"op":"set-env","service":"a","env":{"BAD NAME":"x"}}"#, "invalid variable name"),
        (#"{"op":"set-env","service":"a","env":{"X":3}}"#, "is not text"),
        (#"{"op":"set-env","service":"a","env":"X=1"}"#, "env is not an object"),
        (#"{"op":"autoscale","service":"a","min":3}"#, "autoscale needs max"),
        (#"{"op":"autoscale","service":"a","min":5,"max":3}"#, "min: must not be above max"),
        (#"{"op":"pause","service":"a","kind":"deployment"}"#, "does not take it"),
    ])
    func refusesBrokenNewFields(_ answer: String, _ fragment: String) {
        let op = decoder.decode(answer)
        #expect(op.op == .unknown, "\(answer) gave \(op.canonicalJSON)")
        #expect(op.reason?.contains(fragment) == true, "\(op.reason ?? "")")
    }

    // MARK: Schema

    @Test func schemaDescribesTheNewFields() throws {
        let list = try #require(OperationSchema.schema()["anyOf"]?.arrayValue)
        var byKind: [String: JSONValue] = [:]
        for branch in list {
            // The first branch of a kind (autoscale's first is the one with a maximum).
            let kind = try #require(branch[path: ["properties", "op", "enum"]]?.arrayValue?.first?.stringValue)
            if byKind[kind] == nil { byKind[kind] = branch }
        }
        #expect(byKind["set-env"]?[path: ["required"]] == ["op", "service", "env"])
        #expect(byKind["set-env"]?[path: ["properties", "env", "type"]] == "object")
        #expect(byKind["set-env"]?[path: ["properties", "env", "additionalProperties", "type"]] == ["string", "null"])
        #expect(byKind["autoscale"]?[path: ["properties", "enabled"]] == ["type": "boolean", "enum": [true]])
        #expect(byKind["autoscale"]?[path: ["properties", "cpu_percent", "minimum"]] == 1)
        #expect(byKind["restart"]?[path: ["properties", "kind", "enum"]] == ["deployment", "statefulset", "daemonset"])
        #expect(byKind["set-resources"]?[path: ["properties", "scope", "enum"]] == ["requests", "limits"])
        #expect(byKind["events"]?[path: ["properties", "since", "pattern"]] == .string(LookBack.pattern))
        #expect(byKind["diagnose"]?[path: ["required"]] == ["op"])
        let flat = OperationSchema.schema(.flat)
        #expect(flat[path: ["properties", "env", "type"]] == ["object", "null"])
        #expect(flat[path: ["properties", "canary", "type"]] == ["integer", "null"])
    }
}
