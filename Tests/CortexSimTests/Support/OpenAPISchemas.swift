import CortexCore
import Foundation

/// Checks JSON objects against the schemas of the apps/v1 OpenAPI document the API server
/// publishes (a fixture). Stricter than the document itself: a member that the schema does
/// not declare is a problem, because the API server never sends one.
struct OpenAPISchemas {
    let schemas: [String: JSONValue]

    static let appsV1: OpenAPISchemas = {
        guard let url = Bundle.module.url(forResource: "apps_v1_openapi", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let document = try? JSONValue(parsing: Array(data)),
            let schemas = document[path: ["components", "schemas"]]?.objectValue
        else {
            fatalError("the apps/v1 OpenAPI fixture is missing or unreadable")
        }
        return OpenAPISchemas(schemas: schemas)
    }()

    /// The problems of `value` as an instance of the named schema, e.g.
    /// `io.k8s.api.apps.v1.Deployment`; empty when it conforms.
    func problems(_ value: JSONValue, as name: String) -> [String] {
        var problems: [String] = []
        guard let schema = schemas[name] else { return ["no schema named \(name)"] }
        check(value, schema, path: "", into: &problems)
        return problems
    }

    private func resolve(_ schema: JSONValue) -> JSONValue {
        guard let reference = schema["$ref"]?.stringValue else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        return schemas[name] ?? [:]
    }

    private func check(_ value: JSONValue, _ schema: JSONValue, path: String, into problems: inout [String]) {
        let schema = resolve(schema)
        if let parts = schema["allOf"]?.arrayValue {
            for part in parts { check(value, part, path: path, into: &problems) }
        }
        if let options = schema["oneOf"]?.arrayValue {
            let fits = options.contains { option in
                var local: [String] = []
                check(value, option, path: path, into: &local)
                return local.isEmpty
            }
            if !fits { problems.append("\(path): matches none of the allowed shapes: \(value.serializedString())") }
        }
        if value.isNull { return }
        switch schema["type"]?.stringValue {
        case "string":
            if value.stringValue == nil { problems.append("\(path): expected a string, got \(value.serializedString())") }
        case "integer":
            if value.intValue == nil { problems.append("\(path): expected an integer, got \(value.serializedString())") }
        case "number":
            if value.doubleValue == nil { problems.append("\(path): expected a number") }
        case "boolean":
            if value.boolValue == nil { problems.append("\(path): expected a boolean") }
        case "array":
            guard let elements = value.arrayValue else { return problems.append("\(path): expected an array") }
            for (index, element) in elements.enumerated() {
                check(element, schema["items"] ?? [:], path: "\(path)[\(index)]", into: &problems)
            }
        case "object":
            guard let members = value.objectValue else { return problems.append("\(path): expected an object") }
            checkObject(members, schema, path: path, into: &problems)
        default:
            if let members = value.objectValue, schema["properties"] != nil {
                checkObject(members, schema, path: path, into: &problems)
            }
        }
    }

    private func checkObject(
        _ members: [String: JSONValue], _ schema: JSONValue, path: String, into problems: inout [String]
    ) {
        for required in schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [] where members[required] == nil {
            problems.append("\(path).\(required): required but missing")
        }
        let properties = schema["properties"]?.objectValue
        let additional = schema["additionalProperties"]
        for (key, member) in members {
            if let property = properties?[key] {
                check(member, property, path: "\(path).\(key)", into: &problems)
            } else if let additional {
                check(member, additional, path: "\(path).\(key)", into: &problems)
            } else if properties != nil {
                problems.append("\(path).\(key): not a field of this type")
            }
        }
    }
}
