@testable import CortexCore
import Testing

/// The schema sent to models is computed from the operation format, and stays within the
/// keywords every server understands.
@Suite struct LLMSchemaTests {
    static let keywords: Set<String> = [
        "type", "enum", "const", "properties", "required", "additionalProperties", "anyOf",
        "minimum", "maxLength", "minLength", "pattern",
    ]

    /// The branches of each operation kind, in schema order.
    func branchLists(_ schema: JSONValue) throws -> [String: [JSONValue]] {
        let list = try #require(schema["anyOf"]?.arrayValue)
        var byKind: [String: [JSONValue]] = [:]
        for branch in list {
            let kinds = try #require(branch[path: ["properties", "op", "enum"]]?.arrayValue)
            #expect(kinds.count == 1)
            byKind[try #require(kinds.first?.stringValue), default: []].append(branch)
        }
        return byKind
    }

    /// The first branch of each kind (the only one, but for the kinds that need one of several fields).
    func branches(_ schema: JSONValue) throws -> [String: JSONValue] {
        try branchLists(schema).compactMapValues(\.first)
    }

    @Test func everyKindHasClosedBranchesWithItsFields() throws {
        let schema = OperationSchema.schema()
        #expect(schema["type"] == "object")
        let byKind = try branchLists(schema)
        #expect(Set(byKind.keys) == Set(OperationKind.allCases.map(\.rawValue)))
        for kind in OperationKind.allCases {
            for branch in byKind[kind.rawValue] ?? [] {
                #expect(branch["additionalProperties"] == false)
                let properties = try #require(branch["properties"]?.objectValue)
                let allowed = Set(Operation.allowed[kind, default: []].map(\.rawValue)).union(["op"])
                #expect(Set(properties.keys).isSubset(of: allowed), "\(kind)")
                let required = try #require(branch["required"]?.arrayValue).compactMap(\.stringValue)
                #expect(Array(required.prefix(1 + Operation.required[kind, default: []].count))
                    == ["op"] + Operation.required[kind, default: []].map(\.rawValue), "\(kind)")
                #expect(Set(required).isSubset(of: Set(properties.keys)), "\(kind)")
            }
        }
        #expect(byKind["restart"]?.count == 1)
    }

    /// A grammar built from the schema cannot end a `scale`, `set-resources` or `autoscale`
    /// without the field that makes it well-formed: every branch requires one of them.
    @Test func oneOfSeveralFieldsIsABranchPerChoice() throws {
        let byKind = try branchLists(OperationSchema.schema())
        func required(_ kind: String) -> [[String]] {
            (byKind[kind] ?? []).map { ($0["required"]?.arrayValue ?? []).compactMap(\.stringValue) }
        }
        #expect(required("scale") == [["op", "service", "replicas"], ["op", "service", "delta"]])
        #expect(required("set-resources") == [["op", "service", "cpu"], ["op", "service", "memory"]])
        #expect(required("autoscale") == [["op", "service", "max"], ["op", "service", "enabled"]])
        let scale = try #require(byKind["scale"]), autoscale = try #require(byKind["autoscale"])
        try #require(scale.count == 2 && autoscale.count == 2)
        #expect(scale[0][path: ["properties", "delta"]] == nil)
        #expect(scale[1][path: ["properties", "replicas"]] == nil)
        #expect(autoscale[0][path: ["properties", "enabled", "enum"]] == [true])
        #expect(autoscale[1][path: ["properties", "enabled", "enum"]] == [false])
        #expect(autoscale[1][path: ["properties", "max"]] == nil)
    }

    @Test func fieldTypesAndRangesFollowTheFormat() throws {
        let byKind = try branches(OperationSchema.schema())
        let deploy = try #require(byKind["deploy"]?["properties"])
        #expect(deploy["service"] == [
            "type": "string", "minLength": 1, "maxLength": 63, "pattern": "^[a-z0-9]([a-z0-9-]*[a-z0-9])?$",
        ])
        #expect(deploy["replicas"] == ["type": "integer", "minimum": 0])
        #expect(deploy["version"]?["minLength"] == 1)
        #expect(deploy["image"]?["maxLength"] == 512)
        #expect(try branchLists(OperationSchema.schema())["scale"]?.last?[path: ["properties", "delta"]] == ["type": "integer"])
        #expect(byKind["rollback"]?[path: ["properties", "revision", "minimum"]] == 1)
        #expect(byKind["logs"]?[path: ["properties", "lines", "minimum"]] == 1)
        #expect(byKind["budget"]?[path: ["properties", "amount"]] == ["type": "number", "minimum": 0])
        #expect(byKind["cost"]?[path: ["properties", "period", "enum"]] == ["day", "week", "month"])
        #expect(byKind["unknown"]?[path: ["properties", "reason", "type"]] == "string")
    }

    @Test func environmentsNarrowTheEnvironmentField() throws {
        let byKind = try branches(OperationSchema.schema(environments: .standard))
        #expect(byKind["restart"]?[path: ["properties", "environment", "enum"]] == ["development", "staging", "production"])
        let open = try branches(OperationSchema.schema())
        #expect(open["restart"]?[path: ["properties", "environment", "enum"]] == nil)
    }

    @Test func flatShapeListsEveryFieldAsRequiredAndNullable() throws {
        let schema = OperationSchema.schema(.flat, environments: .standard)
        #expect(schema["anyOf"] == nil)
        #expect(schema["additionalProperties"] == false)
        let properties = try #require(schema["properties"]?.objectValue)
        #expect(Set(properties.keys) == Set(Operation.Field.allCases.map(\.rawValue)))
        #expect(schema["required"]?.arrayValue?.count == Operation.Field.allCases.count)
        #expect(properties["op"]?["enum"]?.arrayValue?.count == OperationKind.allCases.count)
        #expect(properties["op"]?["type"] == "string")
        #expect(properties["replicas"]?["type"] == ["integer", "null"])
        #expect(properties["period"]?["enum"] == ["day", "week", "month", .null])
    }

    @Test(arguments: OperationSchema.Shape.allCases)
    func onlyWidelySupportedKeywordsAreUsed(shape: OperationSchema.Shape) {
        var unexpected: [String] = []
        func walk(_ value: JSONValue) {
            guard let members = value.objectValue else { return }
            for (key, child) in members {
                if !Self.keywords.contains(key) { unexpected.append(key) }
                if key == "properties" {
                    child.objectValue?.values.forEach(walk)
                } else if key == "anyOf" {
                    child.arrayValue?.forEach(walk)
                }
            }
        }
        walk(OperationSchema.schema(shape, environments: .standard))
        #expect(unexpected.isEmpty, "\(unexpected)")
    }

    @Test func schemaIsComputedFromTheFieldTables() throws {
        var allowed = Operation.allowed
        allowed[.restart, default: []].insert(.lines)
        var required = Operation.required
        required[.status] = [.service]
        let changed = OperationSchema.schema(.perOperation, environments: nil, required: required, allowed: allowed)
        #expect(changed != OperationSchema.schema())
        let byKind = try branches(changed)
        #expect(byKind["restart"]?[path: ["properties", "lines"]] == ["type": "integer", "minimum": 1])
        #expect(byKind["status"]?["required"] == ["op", "service"])
        let flatChanged = OperationSchema.schema(.flat, environments: nil, required: required, allowed: allowed)
        #expect(flatChanged == OperationSchema.schema(.flat))
    }

    @Test(arguments: ["a", "api", "security-worker", "x1", "a-b-c", "-api", "api-", "Api", "a_b", "a.b", "", String(repeating: "a", count: 63)])
    func servicePatternAgreesWithServiceName(name: String) throws {
        let regex = try Regex(FieldFormat.serviceNamePattern)
        let matches = (try? regex.wholeMatch(in: name)) != nil
        #expect(matches == ServiceName.isValid(name))
    }
}
