/// The JSON Schema a model's answer is held to, computed from the operation format itself:
/// the kinds from `OperationKind`, which fields each kind takes from `Operation.required` and
/// `Operation.allowed`, and each field's type and limits from its `format`. Changing any of
/// those changes the schema, so what the model is asked for and what the decoder accepts
/// cannot drift apart.
///
/// Only keywords that llama.cpp's grammar conversion, OpenAI's strict mode and Anthropic's
/// tool schemas all understand are used: `type`, `enum`, `properties`, `required`,
/// `additionalProperties`, `anyOf`, `minimum`, `minLength`, `maxLength`, `pattern`. An
/// operation that needs one of several fields (`scale`: `replicas` or `delta`;
/// `set-resources`: `cpu` or `memory`; `autoscale`: `max`, or `enabled: false`) gets one
/// branch per choice, so a server that turns the schema into a grammar cannot let the model
/// close the object without it. Rules those keywords cannot say (`delta` is not zero, `min`
/// not above `max`, the upper bounds on numbers, the names of `env` variables) are left to
/// `StrictOperationDecoder`, which checks everything again anyway: a schema is a request to
/// the model, not a guarantee.
public enum OperationSchema {
    /// How the alternatives between operations are laid out.
    public enum Shape: String, Sendable, CaseIterable {
        /// `{"type":"object","anyOf":[…]}` with one closed branch per operation, each listing
        /// its own required fields and no others. The tightest form; llama.cpp servers and
        /// Anthropic tools accept it. OpenAI's strict mode refuses `anyOf` at the root.
        case perOperation
        /// One closed object holding every field, all of them listed as required and all but
        /// `op` nullable: the form OpenAI's strict mode demands. Which fields belong to which
        /// operation is then only checked by the decoder, which reads `null` as absent.
        case flat
    }

    /// The schema in `shape`. When `environments` is given, `environment` is limited to its
    /// canonical names, which steers a model away from aliases and invented names.
    public static func schema(_ shape: Shape = .perOperation, environments: EnvironmentCatalog? = nil) -> JSONValue {
        schema(shape, environments: environments, required: Operation.required, allowed: Operation.allowed)
    }

    /// The schema for given field tables; the public form passes the operation format's own.
    static func schema(
        _ shape: Shape, environments: EnvironmentCatalog?,
        required: [OperationKind: [Operation.Field]], allowed: [OperationKind: Set<Operation.Field>]
    ) -> JSONValue {
        switch shape {
        case .perOperation:
            var branches: [JSONValue] = []
            for kind in OperationKind.allCases {
                let fields = Operation.Field.allCases.filter { $0 == .op || allowed[kind, default: []].contains($0) }
                let base = [Operation.Field.op] + required[kind, default: []].filter { $0 != .op }
                for variant in Alternative.variants(of: kind) {
                    var properties: [String: JSONValue] = [:]
                    for field in fields where !variant.excluded.contains(field) {
                        properties[field.rawValue] = field == .op
                            ? ["type": "string", "enum": [.string(kind.rawValue)]]
                            : variant.pinned[field] ?? property(field.format, nullable: false, environments: environments)
                    }
                    let names = base + variant.required.filter { !base.contains($0) && properties[$0.rawValue] != nil }
                    branches.append(closedObject(properties, required: names))
                }
            }
            return ["type": "object", "anyOf": .array(branches)]
        case .flat:
            var properties: [String: JSONValue] = [:]
            for field in Operation.Field.allCases {
                properties[field.rawValue] = property(field.format, nullable: field != .op, environments: environments)
            }
            return closedObject(properties, required: Operation.Field.allCases)
        }
    }

    /// One way of meeting an operation's "one of several fields" rule, as a schema branch.
    struct Alternative {
        /// Fields this branch requires on top of the operation's own required fields.
        var required: [Operation.Field] = []
        /// Fields this branch leaves out, so that it cannot also be another branch.
        var excluded: Set<Operation.Field> = []
        /// Fields whose value this branch fixes.
        var pinned: [Operation.Field: JSONValue] = [:]

        /// The branches of `kind`: one per choice where it has one, else one with no extras.
        static func variants(of kind: OperationKind) -> [Alternative] {
            switch kind {
            case .scale:
                [Alternative(required: [.replicas], excluded: [.delta]), Alternative(required: [.delta], excluded: [.replicas])]
            case .setResources:
                [Alternative(required: [.cpu]), Alternative(required: [.memory], excluded: [.cpu])]
            case .autoscale:
                [
                    Alternative(required: [.max], pinned: [.enabled: ["type": "boolean", "enum": [true]]]),
                    Alternative(required: [.enabled], excluded: [.min, .max, .cpuPercent], pinned: [.enabled: ["type": "boolean", "enum": [false]]]),
                ]
            default:
                [Alternative()]
            }
        }
    }

    private static func closedObject(_ properties: [String: JSONValue], required: [Operation.Field]) -> JSONValue {
        [
            "type": "object", "properties": .object(properties),
            "required": .array(required.map { .string($0.rawValue) }), "additionalProperties": false,
        ]
    }

    /// The schema of one field's value; a nullable one also admits `null` (in `type` and, where
    /// there is one, in `enum`, as OpenAI's strict mode wants both).
    private static func property(_ format: FieldFormat, nullable: Bool, environments: EnvironmentCatalog?) -> JSONValue {
        var schema: JSONValue
        var choices: [String]?
        switch format {
        case .operationKind:
            schema = ["type": "string"]
            choices = OperationKind.allCases.map(\.rawValue)
        case .workloadKind:
            schema = ["type": "string"]
            choices = WorkloadKind.allCases.map(\.rawValue)
        case .resourceScope:
            schema = ["type": "string"]
            choices = ResourceScope.allCases.map(\.rawValue)
        case .boundedInteger(let range):
            schema = ["type": "integer", "minimum": .number(range.lowerBound)]
        case .boolean:
            schema = ["type": "boolean"]
        case .lookBack:
            schema = ["type": "string", "minLength": 2, "maxLength": 7, "pattern": .string(LookBack.pattern)]
        case .cpuQuantity:
            schema = ["type": "string", "minLength": 1, "maxLength": 12, "pattern": .string(FieldFormat.cpuPattern)]
        case .memoryQuantity:
            schema = ["type": "string", "minLength": 2, "maxLength": 12, "pattern": .string(FieldFormat.memoryPattern)]
        case .environmentVariables:
            // A map with names chosen by the user: its values are schemas, its keys are checked
            // by the decoder. OpenAI's strict mode cannot say this (it wants every object closed),
            // so with the flat shape a strict server may refuse the schema; llama.cpp and
            // Anthropic accept it.
            schema = [
                "type": "object",
                "additionalProperties": ["type": ["string", "null"], "maxLength": .number(FieldFormat.envValueLength)],
            ]
        case .serviceName:
            schema = [
                "type": "string", "minLength": 1, "maxLength": .number(FieldFormat.serviceNameLength),
                "pattern": .string(FieldFormat.serviceNamePattern),
            ]
        case .environment:
            schema = ["type": "string", "minLength": 1, "maxLength": .number(FieldFormat.environmentLength)]
            choices = environments.flatMap { $0.names.isEmpty ? nil : $0.names }
        case .integer(let minimum):
            schema = ["type": "integer", "minimum": .number(minimum)]
        case .nonZeroInteger:
            schema = ["type": "integer"]
        case .number(let minimum):
            schema = ["type": "number", "minimum": .double(minimum)]
        case .period:
            schema = ["type": "string"]
            choices = Period.allCases.map(\.rawValue)
        case .text(let maxLength, _):
            schema = ["type": "string", "minLength": 1, "maxLength": .number(maxLength)]
        }
        if let choices {
            schema["enum"] = .array(choices.map { .string($0) } + (nullable ? [.null] : []))
        }
        if nullable, let type = schema["type"] {
            schema["type"] = [type, "null"]
        }
        return schema
    }
}
