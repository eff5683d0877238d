import CortexCore
import Foundation

/// The `autoscaling/v1` `Scale` view of a workload's replica count.
enum Scale {
    static func from(_ object: JSONValue, kind: ResourceKind) -> JSONValue {
        var metadata: JSONValue = [:]
        for key in ["name", "namespace", "uid", "resourceVersion", "creationTimestamp"] {
            metadata[key] = object[path: ["metadata", key]]
        }
        let selector = object[path: ["spec", "selector"]].flatMap(LabelSelector.init(object:))?.rendered ?? ""
        return [
            "kind": "Scale", "apiVersion": "autoscaling/v1", "metadata": metadata,
            "spec": ["replicas": .number(object.desiredReplicas)],
            "status": ["replicas": .number(object.count(["status", "replicas"])), "selector": .string(selector)],
        ]
    }
}

/// The `/scale` subresource: PUT replaces the Scale (conditional on its resourceVersion when
/// given), PATCH patches the Scale document; both change only `spec.replicas`.
extension Cluster {
    func updateScale(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let body = try decodeBody(request)
        let current = try existing(target, name: name)
        return try scale(target, to: body, current: current, request: request, now: now)
    }

    func patchScale(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        guard Self.patchTypes.contains(request.mediaType) else {
            throw .unsupportedMediaType(request.contentType ?? "", accepted: Self.patchTypes)
        }
        let body = try decodeBody(request)
        let current = try existing(target, name: name)
        let patched = try Self.applyPatch(request.mediaType, body, to: Scale.from(current.value, kind: target.kind))
        return try scale(target, to: patched, current: current, request: request, now: now)
    }

    private func scale(
        _ target: APIRoute.ResourceTarget, to scale: JSONValue, current: StoredObject, request: APIRequest, now: Date
    ) throws(APIError) -> APIResponse {
        try checkType(target.kind, scale, expectedKind: "Scale")
        try checkShape(target.kind, scale, strict: false, shape: .scale)
        if !scale.name.isEmpty, scale.name != current.value.name {
            throw .badRequest(
                "the name of the object (\(scale.name)) does not match the name on the URL (\(current.value.name))")
        }
        try checkPreconditions(target.kind, scale, against: current)
        // As in the API, an absent spec.replicas is zero.
        let replicas = scale[path: ["spec", "replicas"]]?.intValue ?? 0
        if replicas < 0 {
            throw APIError(
                code: 422, reason: "Invalid",
                message: "Scale.autoscaling \"\(current.value.name)\" is invalid: spec.replicas: Invalid value: \(replicas): "
                    + "must be greater than or equal to 0",
                details: [
                    "name": .string(current.value.name), "group": "autoscaling", "kind": "Scale",
                    "causes": [
                        [
                            "reason": "FieldValueInvalid", "field": "spec.replicas",
                            "message": .string("Invalid value: \(replicas): must be greater than or equal to 0"),
                        ]
                    ],
                ])
        }
        var candidate = current.value
        candidate[path: ["spec", "replicas"]] = .number(replicas)
        var main = target
        main.subresource = nil
        let result = try commit(main, candidate: candidate, over: current, dryRun: request.isDryRun, now: now)
        return .json(Scale.from(result.value, kind: target.kind))
    }
}
