import CortexCore

/// The API server's defaults and validation for Jobs, CronJobs, Ingresses and the storage
/// kinds (PersistentVolumeClaims, PersistentVolumes, StorageClasses).
enum MoreKindsDefaults {
    static let controllerUIDLabel = "batch.kubernetes.io/controller-uid"
    static let jobNameLabel = "batch.kubernetes.io/job-name"
    static let defaultClassAnnotation = "storageclass.kubernetes.io/is-default-class"

    static func apply(_ kind: ResourceKind, to object: inout JSONValue) {
        switch kind {
        case .jobs: job(&object)
        case .cronJobs: cronJob(&object)
        case .persistentVolumeClaims:
            if object[path: ["spec", "volumeMode"]] == nil { object[path: ["spec", "volumeMode"]] = "Filesystem" }
        case .persistentVolumes:
            if object[path: ["spec", "persistentVolumeReclaimPolicy"]] == nil {
                object[path: ["spec", "persistentVolumeReclaimPolicy"]] = "Retain"
            }
            if object[path: ["spec", "volumeMode"]] == nil { object[path: ["spec", "volumeMode"]] = "Filesystem" }
        case .storageClasses:
            if object["reclaimPolicy"] == nil { object["reclaimPolicy"] = "Delete" }
            if object["volumeBindingMode"] == nil { object["volumeBindingMode"] = "Immediate" }
        default: break
        }
    }

    /// The status a new object starts with.
    static func initialStatus(_ kind: ResourceKind) -> JSONValue? {
        switch kind {
        case .jobs, .cronJobs: [:]
        case .ingresses: ["loadBalancer": [:]]
        case .persistentVolumeClaims, .persistentVolumes: ["phase": "Pending"]
        default: nil
        }
    }

    /// SetDefaults_Job, and the selector the Job strategy generates on create: the pods carry
    /// the Job's uid and name (`batch.kubernetes.io/controller-uid`, `.../job-name` and their
    /// older unprefixed forms) and the selector matches the uid.
    static func job(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        jobSpec(&spec, workload: object.name)
        if spec["manualSelector"]?.boolValue != true, spec["selector"] == nil, !object.uid.isEmpty {
            let labels = [controllerUIDLabel: object.uid, jobNameLabel: object.name, "controller-uid": object.uid, "job-name": object.name]
            for (key, value) in labels { spec[path: ["template", "metadata", "labels", key]] = .string(value) }
            spec["selector"] = ["matchLabels": .object([controllerUIDLabel: .string(object.uid)])]
        }
        object["spec"] = spec
    }

    static func jobSpec(_ spec: inout JSONValue, workload: String) {
        if spec["completions"] == nil, spec["parallelism"] == nil {
            spec["completions"] = 1
            spec["parallelism"] = 1
        }
        if spec["parallelism"] == nil { spec["parallelism"] = 1 }
        if spec["backoffLimit"] == nil { spec["backoffLimit"] = 6 }
        if spec["completionMode"] == nil { spec["completionMode"] = "NonIndexed" }
        if spec["suspend"] == nil { spec["suspend"] = false }
        if spec["podReplacementPolicy"] == nil { spec["podReplacementPolicy"] = "TerminatingOrFailed" }
        if var template = spec["template"] {
            template["spec"] = Defaulting.podSpec(FailureProfile.apply(to: template["spec"] ?? [:], workload: workload))
            spec["template"] = template
        }
    }

    static func cronJob(_ object: inout JSONValue) {
        var spec = object["spec"] ?? [:]
        if spec["concurrencyPolicy"] == nil { spec["concurrencyPolicy"] = "Allow" }
        if spec["suspend"] == nil { spec["suspend"] = false }
        if spec["successfulJobsHistoryLimit"] == nil { spec["successfulJobsHistoryLimit"] = 3 }
        if spec["failedJobsHistoryLimit"] == nil { spec["failedJobsHistoryLimit"] = 1 }
        if let template = spec[path: ["jobTemplate", "spec", "template"]] {
            spec[path: ["jobTemplate", "spec", "template", "spec"]] = Defaulting.podSpec(
                FailureProfile.apply(to: template["spec"] ?? [:], workload: object.name))
        }
        object["spec"] = spec
    }

    // MARK: Validation

    static func validate(_ kind: ResourceKind, _ object: JSONValue, old: JSONValue?) -> [FieldError] {
        let spec = object["spec"] ?? .null
        switch kind {
        case .jobs:
            var errors = jobSpec(spec, path: "spec")
            if let old, old[path: ["spec", "template"]] != object[path: ["spec", "template"]] {
                errors.append(.invalid("spec.template", object[path: ["spec", "template"]] ?? .null, "field is immutable"))
            }
            return errors
        case .cronJobs:
            var errors: [FieldError] = []
            let schedule = spec["schedule"]?.stringValue ?? ""
            if schedule.isEmpty {
                errors.append(.required("spec.schedule"))
            } else {
                do throws(CronSchedule.Problem) { _ = try CronSchedule(schedule) } catch {
                    errors.append(.invalid("spec.schedule", .string(schedule), "unparseable schedule: \(error.message)"))
                }
            }
            if let policy = spec["concurrencyPolicy"]?.stringValue, !["Allow", "Forbid", "Replace"].contains(policy) {
                errors.append(.notSupported("spec.concurrencyPolicy", .string(policy), supported: ["Allow", "Forbid", "Replace"]))
            }
            for key in ["successfulJobsHistoryLimit", "failedJobsHistoryLimit"] {
                if let limit = spec[key]?.intValue, limit < 0 {
                    errors.append(.invalid("spec.\(key)", .number(limit), "must be greater than or equal to 0"))
                }
            }
            return errors + jobSpec(spec[path: ["jobTemplate", "spec"]] ?? .null, path: "spec.jobTemplate.spec", generated: false)
        case .ingresses: return ingressSpec(spec)
        case .persistentVolumeClaims:
            var errors: [FieldError] = []
            if (spec["accessModes"]?.arrayValue ?? []).isEmpty {
                errors.append(.required("spec.accessModes"))
            }
            errors += accessModes(spec)
            if spec[path: ["resources", "requests", "storage"]] == nil {
                errors.append(.required("spec.resources[storage]"))
            }
            if let old, old[path: ["spec", "volumeName"]] != nil, old["spec"]?["accessModes"] != spec["accessModes"] {
                errors.append(.forbidden("spec", "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims"))
            }
            return errors
        case .persistentVolumes:
            var errors: [FieldError] = []
            if (spec["accessModes"]?.arrayValue ?? []).isEmpty { errors.append(.required("spec.accessModes")) }
            errors += accessModes(spec)
            if spec[path: ["capacity", "storage"]] == nil { errors.append(.required("spec.capacity")) }
            return errors
        case .storageClasses:
            return (object["provisioner"]?.stringValue ?? "").isEmpty ? [.required("provisioner")] : []
        default: return []
        }
    }

    private static func accessModes(_ spec: JSONValue) -> [FieldError] {
        let supported = ["ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"]
        return (spec["accessModes"]?.arrayValue ?? []).compactMap { mode in
            supported.contains(mode.stringValue ?? "") ? nil : .notSupported("spec.accessModes", mode, supported: supported)
        }
    }

    private static func jobSpec(_ spec: JSONValue, path: String, generated: Bool = true) -> [FieldError] {
        var errors: [FieldError] = []
        for key in ["parallelism", "completions", "backoffLimit"] {
            if let value = spec[key]?.intValue, value < 0 {
                errors.append(.invalid("\(path).\(key)", .number(value), "must be greater than or equal to 0"))
            }
        }
        if let deadline = spec["activeDeadlineSeconds"]?.intValue, deadline <= 0 {
            errors.append(.invalid("\(path).activeDeadlineSeconds", .number(deadline), "must be greater than 0"))
        }
        guard let template = spec["template"], !template.isNull else { return errors + [.required("\(path).template")] }
        if generated, let selector = spec["selector"].flatMap(LabelSelector.init(object:)),
            !selector.matches(template.stringMap(at: ["metadata", "labels"]))
        {
            errors.append(.invalid("\(path).template.metadata.labels", .stringObject(template.stringMap(at: ["metadata", "labels"])),
                                   "`selector` does not match template `labels`"))
        }
        errors += Validation.podSpec(template["spec"] ?? .null, path: "\(path).template.spec")
        let policy = template[path: ["spec", "restartPolicy"]]?.stringValue ?? "Always"
        if policy != "OnFailure", policy != "Never" {
            errors.append(.notSupported("\(path).template.spec.restartPolicy", .string(policy), supported: ["OnFailure", "Never"]))
        }
        return errors
    }

    private static func ingressSpec(_ spec: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        let rules = spec["rules"]?.arrayValue ?? []
        if rules.isEmpty, spec["defaultBackend"] == nil {
            errors.append(.invalid("spec", spec, "either `defaultBackend` or `rules` must be specified"))
        }
        if let backend = spec["defaultBackend"] { errors += ingressBackend(backend, path: "spec.defaultBackend") }
        for (index, rule) in rules.enumerated() {
            let field = "spec.rules[\(index)]"
            if let host = rule["host"]?.stringValue, !host.isEmpty {
                let bare = host.hasPrefix("*.") ? String(host.dropFirst(2)) : host
                if let problem = Names.dnsSubdomainProblem(bare) { errors.append(.invalid("\(field).host", .string(host), problem)) }
            }
            guard let http = rule["http"] else { continue }
            let paths = http["paths"]?.arrayValue ?? []
            if paths.isEmpty { errors.append(.required("\(field).http.paths")) }
            for (number, entry) in paths.enumerated() {
                let pathField = "\(field).http.paths[\(number)]"
                let type = entry["pathType"]?.stringValue ?? ""
                let path = entry["path"]?.stringValue ?? ""
                if type.isEmpty {
                    errors.append(.required("\(pathField).pathType"))
                } else if !["Exact", "Prefix", "ImplementationSpecific"].contains(type) {
                    errors.append(.notSupported("\(pathField).pathType", .string(type), supported: ["Exact", "ImplementationSpecific", "Prefix"]))
                }
                if type == "Exact" || type == "Prefix", !path.hasPrefix("/") {
                    errors.append(.invalid("\(pathField).path", .string(path), "must be an absolute path"))
                }
                errors += ingressBackend(entry["backend"] ?? .null, path: "\(pathField).backend")
            }
        }
        return errors
    }

    private static func ingressBackend(_ backend: JSONValue, path: String) -> [FieldError] {
        guard let service = backend["service"] else {
            return backend["resource"] == nil ? [.invalid(path, backend, "one backend must be specified")] : []
        }
        var errors: [FieldError] = []
        let name = service["name"]?.stringValue ?? ""
        if name.isEmpty {
            errors.append(.required("\(path).service.name"))
        } else if let problem = Names.dnsLabelProblem(name) {
            errors.append(.invalid("\(path).service.name", .string(name), problem))
        }
        let number = service[path: ["port", "number"]]?.intValue
        let portName = service[path: ["port", "name"]]?.stringValue ?? ""
        if number == nil, portName.isEmpty {
            errors.append(.required("\(path).service.port"))
        } else if number != nil, !portName.isEmpty {
            errors.append(.invalid("\(path).service.port", service["port"] ?? .null, "cannot set both port name & port number"))
        } else if let number, !(1...65535).contains(number) {
            errors.append(.invalid("\(path).service.port.number", .number(number), "must be between 1 and 65535, inclusive"))
        }
        return errors
    }
}
