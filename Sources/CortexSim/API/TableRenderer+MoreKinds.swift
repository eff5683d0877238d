import CortexCore
import Foundation

/// The server-side printing of Jobs, CronJobs, Ingresses, Endpoints, EndpointSlices and the
/// storage kinds, with the columns and cell formats of the API server's printers.
extension TableRenderer {
    static func moreColumns(for kind: ResourceKind, name: Column, age: Column) -> [Column]? {
        func column(_ title: String, _ description: String, type: String = "string", priority: Int = 0) -> Column {
            Column(name: title, type: type, priority: priority, description: description)
        }
        switch kind {
        case .jobs:
            return [
                name, column("Status", "Status of the job."),
                column("Completions", "The number of pods which reached phase Succeeded."),
                column("Duration", "Time required to complete the job."), age,
            ] + templateColumns
        case .cronJobs:
            return [
                name, column("Schedule", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
                column("Timezone", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
                column("Suspend", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.", type: "boolean"),
                column("Active", "A list of pointers to currently running jobs.", type: "integer"),
                column("Last Schedule", "Information when was the last time the job was successfully scheduled."), age,
            ] + templateColumns
        case .ingresses:
            return [
                name, column("Class", "The name of the IngressClass resource."),
                column("Hosts", "Hosts that incoming requests are matched against before the ingress rule"),
                column("Address", "Address is a list containing ingress points for the load-balancer"),
                column("Ports", "Ports of TLS configurations that open"), age,
            ]
        case .endpoints:
            return [name, column("Endpoints", "Endpoints of the service"), age]
        case .endpointSlices:
            return [
                name, column("AddressType", "Type of address carried by this EndpointSlice."),
                column("Ports", "Ports contained within this EndpointSlice."),
                column("Endpoints", "Endpoints contained within this EndpointSlice."), age,
            ]
        case .persistentVolumeClaims:
            return [
                name, column("Status", "The phase of the claim."), column("Volume", "The name of the bound volume."),
                column("Capacity", "The actual resources of the underlying volume."),
                column("Access Modes", "All access modes the volume has."),
                column("StorageClass", "The name of the StorageClass required by the claim."),
                column("VolumeAttributesClass", "The name of the VolumeAttributesClass used by the claim."), age,
                column("VolumeMode", "What type of volume is required by the claim.", priority: 1),
            ]
        case .persistentVolumes:
            return [
                name, column("Capacity", "The capacity of the volume."), column("Access Modes", "All access modes the volume has."),
                column("Reclaim Policy", "What happens to a persistent volume when released from its claim."),
                column("Status", "The phase of the volume."), column("Claim", "The claim bound to the volume."),
                column("StorageClass", "The name of the StorageClass of the volume."),
                column("VolumeAttributesClass", "The name of the VolumeAttributesClass of the volume."),
                column("Reason", "Why the volume is in this phase."), age,
                column("VolumeMode", "Whether the volume is a filesystem or a raw block device.", priority: 1),
            ]
        case .storageClasses:
            return [
                name, column("Provisioner", "Indicates the type of the provisioner."),
                column("ReclaimPolicy", "Indicates the type of the reclaim policy."),
                column("VolumeBindingMode", "Indicates how PersistentVolumeClaims should be provisioned and bound."),
                column("AllowVolumeExpansion", "Indicates whether the storage class allow volume expand"), age,
            ]
        default:
            return nil
        }
    }

    static func moreCells(_ kind: ResourceKind, _ object: JSONValue, name: JSONValue, age: JSONValue, now: Date) -> [JSONValue]? {
        func text(_ path: [String], _ fallback: String = "") -> JSONValue {
            .string(object[path: path]?.stringValue ?? fallback)
        }
        switch kind {
        case .jobs:
            let (containers, images) = containerColumns(object[path: ["spec", "template", "spec", "containers"]])
            return [
                name, .string(JobController.statusWord(object)), .string(jobCompletions(object)), .string(jobDuration(object, now: now)),
                age, .string(containers), .string(images), .string(selector(object)),
            ]
        case .cronJobs:
            let (containers, images) = containerColumns(object[path: ["spec", "jobTemplate", "spec", "template", "spec", "containers"]])
            let last = object[path: ["status", "lastScheduleTime"]]?.stringValue.flatMap(Timestamp.parse)
                .map { humanDuration(now.timeIntervalSince($0)) } ?? "<none>"
            let jobSelector = object[path: ["spec", "jobTemplate", "spec", "selector"]].flatMap(LabelSelector.init(object:))
            return [
                name, text(["spec", "schedule"]), text(["spec", "timeZone"], "<none>"),
                .string(object[path: ["spec", "suspend"]]?.boolValue == true ? "True" : "False"),
                .number(object[path: ["status", "active"]]?.arrayValue?.count ?? 0), .string(last), age,
                .string(containers), .string(images), .string(jobSelector.map { $0.isEmpty ? "<none>" : $0.rendered } ?? "<none>"),
            ]
        case .ingresses:
            let rules = object[path: ["spec", "rules"]]?.arrayValue ?? []
            let hosts = rules.compactMap { $0["host"]?.stringValue }.filter { !$0.isEmpty }
            let addresses = (object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? [])
                .compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue }
            let tls = !(object[path: ["spec", "tls"]]?.arrayValue ?? []).isEmpty
            return [
                name, text(["spec", "ingressClassName"], "<none>"), .string(limited(hosts, empty: "*", separator: ",")),
                .string(addresses.joined(separator: ",")), .string(tls ? "80, 443" : "80"), age,
            ]
        case .endpoints:
            var list: [String] = []
            for subset in object["subsets"]?.arrayValue ?? [] {
                let addresses = (subset["addresses"]?.arrayValue ?? []).compactMap { $0["ip"]?.stringValue }
                let ports = (subset["ports"]?.arrayValue ?? []).compactMap { $0["port"]?.intValue }
                if ports.isEmpty { list += addresses } else {
                    for port in ports { list += addresses.map { "\($0):\(port)" } }
                }
            }
            return [name, .string(limited(list, empty: "<none>", separator: ",")), age]
        case .endpointSlices:
            let ports = (object["ports"]?.arrayValue ?? []).map { $0["port"]?.intValue.map(String.init) ?? "<unset>" }
            let addresses = (object["endpoints"]?.arrayValue ?? []).flatMap { $0["addresses"]?.arrayValue ?? [] }.compactMap(\.stringValue)
            return [
                name, text(["addressType"]), .string(ports.isEmpty ? "<unset>" : ports.joined(separator: ",")),
                .string(limited(addresses, empty: "<unset>", separator: ",")), age,
            ]
        case .persistentVolumeClaims:
            let bound = object[path: ["spec", "volumeName"]] != nil
            return [
                name, .string(object.isBeingDeleted ? "Terminating" : object[path: ["status", "phase"]]?.stringValue ?? ""),
                text(["spec", "volumeName"]),
                .string(bound ? object[path: ["status", "capacity", "storage"]]?.stringValue ?? "" : ""),
                .string(bound ? accessModes(object[path: ["status", "accessModes"]]) : ""),
                text(["spec", "storageClassName"]), text(["spec", "volumeAttributesClassName"], "<unset>"), age,
                text(["spec", "volumeMode"], "<unset>"),
            ]
        case .persistentVolumes:
            let claim = object[path: ["spec", "claimRef"]].map { "\($0["namespace"]?.stringValue ?? "")/\($0["name"]?.stringValue ?? "")" } ?? ""
            return [
                name, text(["spec", "capacity", "storage"]), .string(accessModes(object[path: ["spec", "accessModes"]])),
                text(["spec", "persistentVolumeReclaimPolicy"]),
                .string(object.isBeingDeleted ? "Terminating" : object[path: ["status", "phase"]]?.stringValue ?? ""),
                .string(claim), text(["spec", "storageClassName"]), text(["spec", "volumeAttributesClassName"], "<unset>"),
                text(["status", "reason"]), age, text(["spec", "volumeMode"], "<unset>"),
            ]
        case .storageClasses:
            let isDefault = object.annotation(MoreKindsDefaults.defaultClassAnnotation) == "true"
                || object.annotation("storageclass.beta.kubernetes.io/is-default-class") == "true"
            return [
                .string(isDefault ? "\(object.name) (default)" : object.name), text(["provisioner"]), text(["reclaimPolicy"], "Delete"),
                text(["volumeBindingMode"], "Immediate"),
                .string(object["allowVolumeExpansion"]?.boolValue == true ? "true" : "false"), age,
            ]
        default:
            return nil
        }
    }

    /// At most three entries, then ` + N more...`, as the printers shorten long lists.
    private static func limited(_ items: [String], empty: String, separator: String) -> String {
        guard !items.isEmpty else { return empty }
        let shown = items.prefix(3).joined(separator: separator)
        return items.count > 3 ? "\(shown) + \(items.count - 3) more..." : shown
    }

    private static func accessModes(_ modes: JSONValue?) -> String {
        let short = ["ReadWriteOnce": "RWO", "ReadOnlyMany": "ROX", "ReadWriteMany": "RWX", "ReadWriteOncePod": "RWOP"]
        let given = Set((modes?.arrayValue ?? []).compactMap(\.stringValue))
        return ["ReadWriteOnce", "ReadOnlyMany", "ReadWriteMany", "ReadWriteOncePod"].filter(given.contains)
            .compactMap { short[$0] }.joined(separator: ",")
    }

    /// `1/1`, or `0/1 of 3` for a Job with parallelism and no completion count.
    private static func jobCompletions(_ job: JSONValue) -> String {
        let succeeded = job[path: ["status", "succeeded"]]?.intValue ?? 0
        if let completions = job[path: ["spec", "completions"]]?.intValue { return "\(succeeded)/\(completions)" }
        let parallelism = job[path: ["spec", "parallelism"]]?.intValue ?? 0
        return parallelism > 1 ? "\(succeeded)/1 of \(parallelism)" : "\(succeeded)/1"
    }

    private static func jobDuration(_ job: JSONValue, now: Date) -> String {
        guard let start = job[path: ["status", "startTime"]]?.stringValue.flatMap(Timestamp.parse) else { return "" }
        let end = job[path: ["status", "completionTime"]]?.stringValue.flatMap(Timestamp.parse) ?? now
        return humanDuration(end.timeIntervalSince(start))
    }
}
