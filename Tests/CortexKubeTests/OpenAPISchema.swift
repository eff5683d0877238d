import CortexCore
@testable import CortexKube
import Foundation
import Testing

/// Validates JSON values against the component schemas of a Kubernetes OpenAPI v3 document
/// (the fixture copied from the API server): `$ref`, `allOf`, `type`, `properties`,
/// `required`, `items`, `additionalProperties`, `enum`. Unknown fields are reported, as the
/// server does with `fieldValidation=Strict`. IntOrString has no type and accepts anything.
struct OpenAPISchema {
    let schemas: [String: JSONValue]

    init(fixture name: String) throws {
        let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: "json"))
        let doc = try JSONDecoder().decode(JSONValue.self, from: Data(contentsOf: url))
        schemas = doc[path: ["components", "schemas"]]?.objectValue ?? [:]
    }

    /// Problems of `value` as an instance of the schema `name`; empty when valid.
    /// - Parameter partial: a patch body, where required fields may be left out.
    func validate(_ value: JSONValue, as name: String, partial: Bool = false) -> [String] {
        guard let schema = schemas[name] else { return ["no schema \(name)"] }
        var problems: [String] = []
        check(value, schema, path: "", partial: partial, into: &problems)
        return problems
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        var s = schema
        while let ref = s["$ref"]?.stringValue, let target = schemas[String(ref.split(separator: "/").last ?? "")] { s = target }
        if let all = s["allOf"]?.arrayValue, all.count == 1 {
            var merged = resolve(all[0])
            for (k, v) in s.objectValue ?? [:] where k != "allOf" { merged[k] = v }
            return merged
        }
        return s
    }

    private func check(_ value: JSONValue, _ rawSchema: JSONValue, path: String, partial: Bool, into problems: inout [String]) {
        let schema = resolve(rawSchema)
        if let allowed = schema["enum"]?.arrayValue, !allowed.contains(value) {
            problems.append("\(path): \(value.serializedString()) is not one of the allowed values")
        }
        switch schema["type"]?.stringValue {
        case "object"?:
            guard case .object(let o) = value else { problems.append("\(path): expected object, got \(value.serializedString())"); return }
            let properties = schema["properties"]?.objectValue
            if !partial {
                for case .string(let req) in schema["required"]?.arrayValue ?? [] where o[req] == nil {
                    problems.append("\(path).\(req): required")
                }
            }
            for (k, v) in o {
                if let p = properties?[k] {
                    check(v, p, path: "\(path).\(k)", partial: partial, into: &problems)
                } else if let extra = schema["additionalProperties"], extra.objectValue != nil {
                    check(v, extra, path: "\(path).\(k)", partial: partial, into: &problems)
                } else if properties != nil {
                    problems.append("\(path).\(k): unknown field")
                }
            }
        case "array"?:
            guard case .array(let a) = value else { problems.append("\(path): expected array"); return }
            if let items = schema["items"] {
                for (i, v) in a.enumerated() { check(v, items, path: "\(path)[\(i)]", partial: partial, into: &problems) }
            }
        case "string"?:
            if case .string = value {} else { problems.append("\(path): expected string, got \(value.serializedString())") }
        case "integer"?:
            if value.intValue != nil {} else { problems.append("\(path): expected integer, got \(value.serializedString())") }
        case "number"?:
            if value.doubleValue == nil { problems.append("\(path): expected number") }
        case "boolean"?:
            if case .bool = value {} else { problems.append("\(path): expected boolean") }
        default:
            break
        }
    }
}

extension OpenAPISchema {
    /// The apps/v1 document, parsed once for all tests.
    static let appsV1: OpenAPISchema? = try? OpenAPISchema(fixture: "apps_v1_openapi")

    static func apps() throws -> OpenAPISchema { try #require(appsV1) }

    static let deploymentSchema = "io.k8s.api.apps.v1.Deployment"
    static let scaleSchema = "io.k8s.api.autoscaling.v1.Scale"
    static let deleteOptionsSchema = "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions"
}
