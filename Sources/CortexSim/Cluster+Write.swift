import CortexCore
import Foundation

/// Writes: create, update (PUT), patch (four content types), delete, each honouring
/// `dryRun=All`, optimistic concurrency and validation like the API server.
extension Cluster {
    static let patchTypes = [
        "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json",
        "application/apply-patch+yaml",
    ]

    // MARK: Create

    func create(_ target: APIRoute.ResourceTarget, _ request: APIRequest, now: Date) throws(APIError) -> APIResponse {
        if target.kind.namespaced, target.namespace == nil { throw .methodNotAllowed }
        let body = try decodeBody(request)
        if AutoscalerVersions.isV1(target) {
            try checkType(target.kind, body)
            let created = try createObject(AutoscalerVersions.stored(target), body: AutoscalerVersions.v2(fromV1: body), request: request, now: now)
            return .json(AutoscalerVersions.v1(created.value), code: 201)
        }
        let created = try createObject(target, body: body, request: request, now: now)
        return created.stored.map { .stored($0, code: 201) } ?? .json(created.value, code: 201)
    }

    /// Validates, defaults and stores a new object; `stored` is nil for a dry run.
    func createObject(_ target: APIRoute.ResourceTarget, body: JSONValue, request: APIRequest, now: Date) throws(APIError)
        -> (value: JSONValue, stored: StoredObject?)
    {
        let kind = target.kind
        var object = body
        try checkType(kind, object)
        if kind.namespaced {
            let namespace = target.namespace ?? ""
            if let given = object[path: ["metadata", "namespace"]]?.stringValue, !given.isEmpty, given != namespace {
                throw .badRequest("the namespace of the provided object does not match the namespace sent on the request")
            }
            object[path: ["metadata", "namespace"]] = .string(namespace)
        }
        if object.name.isEmpty, let prefix = object[path: ["metadata", "generateName"]]?.stringValue, !prefix.isEmpty {
            object[path: ["metadata", "name"]] = .string(prefix + newSuffix())
        }
        try checkShape(kind, object, strict: request.query["fieldValidation"] == "Strict")
        if object.name.isEmpty {
            throw .invalid(kind, "", [FieldError(kind: .required, field: "metadata.name", value: nil, detail: "name or generateName is required")])
        }
        if kind.namespaced {
            let namespace = object.namespace
            guard let owner = store.get(.namespaces, namespace: "", name: namespace) else {
                throw .notFound(.namespaces, namespace)
            }
            if owner.value.isBeingDeleted {
                throw .forbidden(
                    kind, object.name,
                    "unable to create new content in namespace \(namespace) because it is being terminated")
            }
        }
        prepareForCreate(kind, &object, now: now)
        if kind == .services { try allocateClusterIP(&object) }
        if kind == .persistentVolumeClaims { StorageProvisioner.admitClaim(&object, classes: store.list(.storageClasses).map(\.value)) }
        let admission = Admission(store: store)
        admission.mutate(kind, &object)
        let errors = Validation.validate(kind, object, old: nil)
        if !errors.isEmpty { throw .invalid(kind, object.name, errors) }
        if let refusal = admission.refusal(kind, object) { throw .forbidden(kind, object.name, refusal) }
        if kind == .resourceQuotas { object["status"] = ResourceQuotas(store: store).status(of: object) }
        if store.contains(kind, namespace: object.namespace, name: object.name) {
            throw .alreadyExists(kind, object.name)
        }
        if let manager = request.query["fieldManager"], !manager.isEmpty {
            let time = Timestamp.format(now)
            if request.mediaType == "application/apply-patch+yaml" {
                let entry = ManagedFields.Entry(
                    manager: manager, operation: "Apply", apiVersion: kind.apiVersion, time: time,
                    fields: ManagedFields.fields(of: body))
                ManagedFields.set([entry], on: &object)
            } else {
                ManagedFields.recordUpdate(&object, old: nil, manager: manager, apiVersion: kind.apiVersion, time: time)
            }
        }
        if request.isDryRun { return (object, nil) }
        let stored = store.put(kind, object)
        if kind.namespaced, kind != .events { ResourceQuotas(store: store).refresh(namespace: object.namespace) }
        return (stored.value, stored)
    }

    private func prepareForCreate(_ kind: ResourceKind, _ object: inout JSONValue, now: Date) {
        var metadata = object["metadata"] ?? [:]
        for key in ["resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink", "managedFields"] {
            metadata[key] = nil
        }
        metadata["uid"] = .string(newUID())
        metadata["creationTimestamp"] = .string(Timestamp.format(now))
        // ConfigMaps and Secrets have no spec, so no generation either.
        if ![ResourceKind.namespaces, .configMaps, .secrets].contains(kind) { metadata["generation"] = 1 }
        object["metadata"] = metadata
        object["apiVersion"] = .string(kind.apiVersion)
        object["kind"] = .string(kind.kind)
        switch kind {
        case .deployments, .pods: object["status"] = [:]
        case .replicaSets, .statefulSets: object["status"] = ["replicas": 0]
        case .daemonSets:
            object["status"] = ["currentNumberScheduled": 0, "numberMisscheduled": 0, "desiredNumberScheduled": 0, "numberReady": 0]
        case .horizontalPodAutoscalers: object["status"] = ["desiredReplicas": 0]
        default: if let status = MoreKindsDefaults.initialStatus(kind) { object["status"] = status }
        }
        Defaulting.apply(kind, to: &object)
    }

    /// Gives a new Service its virtual IP: the one asked for when free, else the lowest free
    /// one; headless (`None`) and ExternalName Services get none.
    private func allocateClusterIP(_ object: inout JSONValue) throws(APIError) {
        let type = object[path: ["spec", "type"]]?.stringValue ?? "ClusterIP"
        let requested = object[path: ["spec", "clusterIP"]]?.stringValue ?? ""
        guard type != "ExternalName", requested != "None" else {
            if requested == "None" { object[path: ["spec", "clusterIPs"]] = ["None"] }
            return
        }
        let used = Set(store.list(.services).compactMap { $0.value[path: ["spec", "clusterIP"]]?.stringValue })
        let address: String
        if !requested.isEmpty {
            guard !used.contains(requested) else {
                throw .invalid(.services, object.name, [
                    .invalid("spec.clusterIPs", .array([.string(requested)]),
                        "failed to allocate IP \(requested): provided IP is already allocated")
                ])
            }
            address = requested
        } else {
            guard let free = ServiceDefaults.freeAddress(excluding: used) else {
                throw .invalid(.services, object.name, [
                    .invalid("spec.clusterIPs", .array([]), "failed to allocate IP: range is full")
                ])
            }
            address = free
        }
        object[path: ["spec", "clusterIP"]] = .string(address)
        object[path: ["spec", "clusterIPs"]] = [.string(address)]
    }

    // MARK: Update

    func update(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let body = try decodeBody(request)
        let current = try existing(target, name: name)
        try checkType(target.kind, body)
        if AutoscalerVersions.isV1(target) {
            let result = try commit(AutoscalerVersions.stored(target), candidate: AutoscalerVersions.v2(fromV1: body), over: current,
                                    dryRun: request.isDryRun, now: now)
            return .json(AutoscalerVersions.v1(result.value))
        }
        if body.name != name {
            throw .badRequest("the name of the object (\(body.name)) does not match the name on the URL (\(name))")
        }
        if let namespace = target.namespace, let given = body[path: ["metadata", "namespace"]]?.stringValue,
            !given.isEmpty, given != namespace
        {
            throw .badRequest("the namespace of the object (\(given)) does not match the namespace on the request (\(namespace))")
        }
        try checkShape(target.kind, body, strict: request.query["fieldValidation"] == "Strict")
        try checkPreconditions(target.kind, body, against: current)
        let result = try commit(
            target, candidate: body, over: current, dryRun: request.isDryRun, now: now, manager: request.query["fieldManager"])
        return result.stored.map { .stored($0) } ?? .json(result.value)
    }

    /// A `resourceVersion` (or `uid`) in the body must match the stored object.
    func checkPreconditions(_ kind: ResourceKind, _ body: JSONValue, against current: StoredObject) throws(APIError) {
        if let version = body.resourceVersion, !version.isEmpty, version != String(current.resourceVersion) {
            throw .conflict(kind, current.value.name)
        }
        if let uid = body[path: ["metadata", "uid"]]?.stringValue, !uid.isEmpty, uid != current.value.uid {
            throw .conflict(
                kind, current.value.name,
                because: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.value.uid)")
        }
    }

    /// Turns a candidate into the next version of `current` and stores it: system metadata
    /// and the other half (spec or status) are kept from `current`, defaults applied,
    /// `generation` bumped on a spec change, validation run. A candidate that changes nothing
    /// is not written (the resource version stays).
    ///
    /// `managedFields` come from the candidate, else stay as they were; with a `manager`,
    /// the write is recorded as its `Update` of the fields it changed.
    func commit(
        _ target: APIRoute.ResourceTarget, candidate: JSONValue, over current: StoredObject, dryRun: Bool, now: Date,
        manager: String? = nil
    ) throws(APIError) -> (value: JSONValue, stored: StoredObject?) {
        let kind = target.kind
        let old = current.value
        var new: JSONValue
        if target.subresource == "status" {
            new = old
            new["status"] = candidate["status"]
        } else {
            new = candidate
            new["status"] = old["status"]
            new["apiVersion"] = .string(kind.apiVersion)
            new["kind"] = .string(kind.kind)
            for key in ["uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds"] {
                new[path: ["metadata", key]] = old[path: ["metadata", key]]
            }
            new[path: ["metadata", "namespace"]] = old[path: ["metadata", "namespace"]]
            new[path: ["metadata", "managedFields"]] =
                candidate[path: ["metadata", "managedFields"]] ?? old[path: ["metadata", "managedFields"]]
            Defaulting.apply(kind, to: &new)
            if kind != .namespaces, new["spec"] != old["spec"] {
                new[path: ["metadata", "generation"]] = .number(old.generation + 1)
            }
            if let manager, !manager.isEmpty {
                ManagedFields.recordUpdate(&new, old: old, manager: manager, apiVersion: kind.apiVersion, time: Timestamp.format(now))
            }
        }
        new[path: ["metadata", "resourceVersion"]] = .string(String(current.resourceVersion))
        let errors = Validation.validate(kind, new, old: old)
        if !errors.isEmpty { throw .invalid(kind, old.name, errors) }
        if new == old { return (old, current) }
        if dryRun { return (new, nil) }
        let stored = store.put(kind, new)
        return (stored.value, stored)
    }

    // MARK: Patch

    func patch(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let type = request.mediaType
        guard Self.patchTypes.contains(type) else {
            throw .unsupportedMediaType(request.contentType ?? "", accepted: Self.patchTypes)
        }
        let body = try decodeBody(request)
        guard let current = store.get(target.kind, namespace: target.namespace ?? "", name: name) else {
            guard type == "application/apply-patch+yaml", target.subresource == nil else {
                throw .notFound(target.kind, name)
            }
            try checkApplyBody(target.kind, body, name: name)
            let created = try createObject(target, body: body, request: request, now: now)
            return created.stored.map { .stored($0, code: 201) } ?? .json(created.value, code: 201)
        }
        if type == "application/apply-patch+yaml" { try checkApplyBody(target.kind, body, name: name) }
        if AutoscalerVersions.isV1(target) {
            let patched = AutoscalerVersions.v2(fromV1: try Self.applyPatch(type, body, to: AutoscalerVersions.v1(current.value)))
            let result = try commit(AutoscalerVersions.stored(target), candidate: patched, over: current, dryRun: request.isDryRun, now: now)
            return .json(AutoscalerVersions.v1(result.value))
        }
        var patched = try Self.applyPatch(type, body, to: current.value)
        guard patched.objectValue != nil else { throw .badRequest("the patch did not produce an object") }
        if type == "application/apply-patch+yaml", target.subresource == nil {
            patched = try serverSideApply(target.kind, body, merged: patched, live: current.value, request: request, now: now)
        }
        if patched.name != name {
            throw .badRequest("the name of the object (\(patched.name)) does not match the name on the URL (\(name))")
        }
        try checkShape(target.kind, patched, strict: request.query["fieldValidation"] == "Strict")
        try checkPreconditions(target.kind, patched, against: current)
        let manager = type == "application/apply-patch+yaml" ? nil : request.query["fieldManager"]
        let result = try commit(target, candidate: patched, over: current, dryRun: request.isDryRun, now: now, manager: manager)
        return result.stored.map { .stored($0) } ?? .json(result.value)
    }

    /// Field ownership for server-side apply (`ManagedFields.apply`): 409 Conflict naming
    /// each field another manager set differently, unless `force=true`.
    private func serverSideApply(
        _ kind: ResourceKind, _ body: JSONValue, merged: JSONValue, live: JSONValue, request: APIRequest, now: Date
    ) throws(APIError) -> JSONValue {
        guard let manager = request.query["fieldManager"], !manager.isEmpty else {
            throw .badRequest(#"PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch"#)
        }
        var applied = body
        applied["status"] = nil
        applied[path: ["metadata", "managedFields"]] = nil
        do throws(ManagedFields.Conflicts) {
            return try ManagedFields.apply(
                applied, merged: merged, live: live, manager: manager, apiVersion: kind.apiVersion,
                time: Timestamp.format(now), force: ["true", "1"].contains(request.query["force"]))
        } catch {
            var details: JSONValue = ["name": .string(live.name), "kind": .string(kind.plural)]
            if !kind.group.isEmpty { details["group"] = .string(kind.group) }
            details["causes"] = .array(error.list.map { conflict in
                [
                    "reason": "FieldManagerConflict", "message": .string("conflict with \(conflict.entry.printed)"),
                    "field": .string(ManagedFields.describe(conflict.path)),
                ]
            })
            throw APIError(code: 409, reason: "Conflict", message: error.message, details: details)
        }
    }

    /// Server-side apply bodies must name their kind and version, and the object of the URL.
    private func checkApplyBody(_ kind: ResourceKind, _ body: JSONValue, name: String) throws(APIError) {
        guard body["apiVersion"]?.stringValue != nil, body["kind"]?.stringValue != nil else {
            throw .badRequest("apiVersion and kind must be set in an apply patch")
        }
        if !body.name.isEmpty, body.name != name {
            throw .badRequest("the name of the object (\(body.name)) does not match the name on the URL (\(name))")
        }
    }

    /// Applies a patch body of the given content type. For server-side apply this is the
    /// strategic merge of the applied configuration; `serverSideApply` then settles field
    /// ownership, conflicts and the removal of fields the manager no longer applies.
    static func applyPatch(_ type: String, _ patch: JSONValue, to object: JSONValue) throws(APIError) -> JSONValue {
        do throws(JSONPatchError) {
            switch type {
            case "application/json-patch+json":
                return try JSONPatch(patch).apply(to: object)
            case "application/merge-patch+json":
                guard patch.objectValue != nil else { throw JSONPatchError.malformed("a merge patch must be a JSON object") }
                return MergePatch.apply(patch, to: object)
            case "application/apply-patch+yaml":
                var applied = patch
                applied["status"] = nil
                applied[path: ["metadata", "managedFields"]] = nil
                return try StrategicMergePatch.apply(applied, to: object)
            default:
                return try StrategicMergePatch.apply(patch, to: object)
            }
        } catch {
            if error.isMalformed { throw .badRequest(error.description) }
            throw .unprocessable("the server rejected our request due to an error in our request: \(error)")
        }
    }

    // MARK: Delete

    func delete(_ target: APIRoute.ResourceTarget, name: String, request: APIRequest, now: Date) throws(APIError)
        -> APIResponse
    {
        let kind = target.kind
        guard kind.verbs.contains("delete") else { throw .methodNotAllowed }
        let current = try existing(target, name: name)
        let options = request.body.isEmpty ? JSONValue.object([:]) : try decodeBody(request)
        if let uid = options[path: ["preconditions", "uid"]]?.stringValue, uid != current.value.uid {
            throw .conflict(
                kind, name, because: "Precondition failed: UID in precondition: \(uid), UID in object meta: \(current.value.uid)")
        }
        if let version = options[path: ["preconditions", "resourceVersion"]]?.stringValue,
            version != String(current.resourceVersion)
        {
            throw .conflict(
                kind, name,
                because: "Precondition failed: ResourceVersion in precondition: \(version), ResourceVersion in object meta: \(current.resourceVersion)")
        }
        let dryRun = request.isDryRun || options["dryRun"] == ["All"]
        if current.value.isBeingDeleted { return .stored(current) }
        var policy = options["propagationPolicy"]?.stringValue ?? request.query["propagationPolicy"] ?? "Background"
        if let orphan = options["orphanDependents"]?.boolValue ?? request.query["orphanDependents"].map({ $0 == "true" }) {
            policy = orphan ? "Orphan" : "Background"
        }
        guard ["Background", "Foreground", "Orphan"].contains(policy) else {
            throw .invalid(
                kind, name,
                [.notSupported("propagationPolicy", .string(policy), supported: ["Foreground", "Background", "Orphan"])])
        }
        var marked = current.value
        marked[path: ["metadata", "deletionTimestamp"]] = .string(Timestamp.format(now))
        marked[path: ["metadata", "deletionGracePeriodSeconds"]] = 0
        if kind == .namespaces {
            marked[path: ["status", "phase"]] = "Terminating"
            if dryRun { return .json(marked) }
            return .stored(store.put(kind, marked))
        }
        if policy != "Background", kind == .deployments || kind == .replicaSets {
            let finalizer = policy == "Foreground" ? "foregroundDeletion" : "orphan"
            var finalizers = marked[path: ["metadata", "finalizers"]]?.arrayValue ?? []
            if !finalizers.contains(.string(finalizer)) { finalizers.append(.string(finalizer)) }
            marked[path: ["metadata", "finalizers"]] = .array(finalizers)
            if dryRun { return .json(marked) }
            return .stored(store.put(kind, marked))
        }
        if !dryRun { store.remove(kind, namespace: current.value.namespace, name: name) }
        var details: JSONValue = ["name": .string(name), "kind": .string(kind.plural), "uid": .string(current.value.uid)]
        if !kind.group.isEmpty { details["group"] = .string(kind.group) }
        return .json(["kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Success", "details": details])
    }

    // MARK: Bodies

    /// Parses a JSON body, or a protobuf body of the kinds `ProtobufBody` reads (kubectl's
    /// typed clients send those); other protobuf and CBOR bodies are refused with 415. YAML
    /// is accepted when it is written as JSON.
    func decodeBody(_ request: APIRequest) throws(APIError) -> JSONValue {
        let type = request.mediaType
        if type == "application/vnd.kubernetes.protobuf" {
            do throws(ProtobufBody.Problem) {
                return try ProtobufBody.decode(request.body)
            } catch {
                switch error {
                case .malformed(let problem):
                    throw .badRequest("the protobuf body of the request is not valid: \(problem)")
                case .unsupported(let what):
                    throw .unsupportedMediaType(
                        "\(request.contentType ?? type): \(what)",
                        accepted: ["application/json", "application/yaml"])
                }
            }
        }
        if type.contains("protobuf") || type.contains("cbor") {
            throw .unsupportedMediaType(request.contentType ?? "", accepted: ["application/json", "application/yaml"])
        }
        do {
            return try JSONValue(parsing: request.body)
        } catch {
            if type.hasSuffix("yaml") {
                throw .unsupportedMediaType(
                    request.contentType ?? "", accepted: ["application/json", "YAML written as JSON"])
            }
            throw .badRequest("the body of the request is not valid JSON: \(error)")
        }
    }

    /// `kind` and `apiVersion`, when given, must be those of the resource.
    func checkType(_ kind: ResourceKind, _ body: JSONValue, expectedKind: String? = nil) throws(APIError) {
        guard body.objectValue != nil else { throw .badRequest("the body of the request must be a JSON object") }
        let expected = expectedKind ?? kind.kind
        if let given = body["kind"]?.stringValue, !given.isEmpty, given != expected {
            throw .badRequest("the object provided is unrecognized (must be of type \(expected)): kind \(given)")
        }
        let version = expectedKind == "Scale" ? "autoscaling/v1" : kind.apiVersion
        if let given = body["apiVersion"]?.stringValue, !given.isEmpty, given != version {
            throw .badRequest(
                "the API version in the data (\(given)) does not match the expected API version (\(version))")
        }
    }

    /// Type errors are always refused; unknown fields only with `fieldValidation=Strict`.
    func checkShape(_ kind: ResourceKind, _ body: JSONValue, strict: Bool, shape: ObjectShape? = nil) throws(APIError) {
        if kind == .secrets, shape == nil, let problem = SecretData.problem(in: body) {
            throw .badRequest("Secret in version \"v1\" cannot be handled as a Secret: \(problem)")
        }
        let problems = (shape ?? ObjectShape.forKind(kind)).problems(in: body)
        let typeName = shape == nil ? kind.kind : "Scale"
        for problem in problems {
            if case let .wrongType(field, found, expected) = problem {
                throw .badRequest(
                    "\(typeName) in version \"v1\" cannot be handled as a \(typeName): json: cannot unmarshal \(found) "
                        + "into Go struct field \(field) of type \(expected)")
            }
        }
        guard strict else { return }
        let unknown = problems.compactMap { problem -> String? in
            if case .unknownField(let field) = problem { return "unknown field \"\(field)\"" }
            return nil
        }
        if !unknown.isEmpty { throw .badRequest("strict decoding error: " + unknown.joined(separator: ", ")) }
    }

}
