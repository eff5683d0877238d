import CortexCore
import Foundation

/// Server-side printing: the `meta.k8s.io/v1` `Table` kubectl asks for (`Accept: ...;as=Table`)
/// with the columns a real API server prints for each kind.
enum TableRenderer {
    struct Column {
        var name: String
        var type: String
        var priority: Int
        var description: String
        var format: String = ""
    }

    static func table(
        _ kind: ResourceKind, objects: [JSONValue], resourceVersion: Int, includeObject: String?, now: Date
    ) -> JSONValue {
        let columns = columns(for: kind)
        let rows: [JSONValue] = objects.map { object in
            var row: JSONValue = ["cells": .array(cells(kind, object, now: now))]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = object
            default:
                row["object"] = [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": object["metadata"] ?? [:],
                ]
            }
            return row
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1",
            "metadata": ["resourceVersion": .string(String(resourceVersion))],
            "columnDefinitions": .array(
                columns.map {
                    [
                        "name": .string($0.name), "type": .string($0.type), "format": .string($0.format),
                        "description": .string($0.description), "priority": .number($0.priority),
                    ]
                }),
            "rows": .array(rows),
        ]
    }

    /// The wide columns of the kinds that own a pod template.
    static let templateColumns = [
        Column(name: "Containers", type: "string", priority: 1, description: "Names of each container in the template."),
        Column(name: "Images", type: "string", priority: 1, description: "Images referenced by each container in the template."),
        Column(name: "Selector", type: "string", priority: 1, description: "Label selector for pods."),
    ]

    private static func columns(for kind: ResourceKind) -> [Column] {
        let name = Column(
            name: "Name", type: "string", priority: 0, description: "Name must be unique within a namespace.",
            format: "name")
        let age = Column(
            name: "Age", type: "string", priority: 0, description: "CreationTimestamp is the time the object was created.")
        switch kind {
        case .deployments:
            return [
                name,
                Column(name: "Ready", type: "string", priority: 0, description: "Number of the pod with ready state"),
                Column(name: "Up-to-date", type: "integer", priority: 0, description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
                Column(name: "Available", type: "integer", priority: 0, description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
                age,
            ] + templateColumns
        case .replicaSets:
            return [
                name,
                Column(name: "Desired", type: "integer", priority: 0, description: "Number of desired pods."),
                Column(name: "Current", type: "integer", priority: 0, description: "Number of actual replicas."),
                Column(name: "Ready", type: "integer", priority: 0, description: "The number of ready replicas."),
                age,
            ] + templateColumns
        case .pods:
            return [
                name,
                Column(name: "Ready", type: "string", priority: 0, description: "The aggregate readiness state of this pod for accepting traffic."),
                Column(name: "Status", type: "string", priority: 0, description: "The aggregate status of the containers in this pod."),
                Column(name: "Restarts", type: "string", priority: 0, description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                age,
                Column(name: "IP", type: "string", priority: 1, description: "IP address allocated to the pod."),
                Column(name: "Node", type: "string", priority: 1, description: "Name of the node this pod is assigned to."),
            ]
        case .namespaces:
            return [
                name,
                Column(name: "Status", type: "string", priority: 0, description: "The status of the namespace"),
                age,
            ]
        case .nodes:
            return [
                name,
                Column(name: "Status", type: "string", priority: 0, description: "The status of the node"),
                Column(name: "Roles", type: "string", priority: 0, description: "The roles of the node"),
                age,
                Column(name: "Version", type: "string", priority: 0, description: "Kubelet Version reported by the node."),
                Column(name: "Internal-IP", type: "string", priority: 1, description: "List of addresses reachable to the node. Queried from cloud provider, if available."),
                Column(name: "External-IP", type: "string", priority: 1, description: "List of addresses reachable to the node. Queried from cloud provider, if available."),
                Column(name: "OS-Image", type: "string", priority: 1, description: "OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy))."),
                Column(name: "Kernel-Version", type: "string", priority: 1, description: "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64)."),
                Column(name: "Container-Runtime", type: "string", priority: 1, description: "ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2)."),
            ]
        case .configMaps:
            return [name, Column(name: "Data", type: "integer", priority: 0, description: "Data contains the configuration data."), age]
        case .secrets:
            return [
                name, Column(name: "Type", type: "string", priority: 0, description: "Used to facilitate programmatic handling of secret data."),
                Column(name: "Data", type: "integer", priority: 0, description: "Data contains the secret data."), age,
            ]
        case .services:
            return [
                name,
                Column(name: "Type", type: "string", priority: 0, description: "type determines how the Service is exposed."),
                Column(name: "Cluster-IP", type: "string", priority: 0, description: "clusterIP is the IP address of the service."),
                Column(name: "External-IP", type: "string", priority: 0, description: "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
                Column(name: "Port(s)", type: "string", priority: 0, description: "The list of ports that are exposed by this service."),
                age,
                Column(name: "Selector", type: "string", priority: 1, description: "Route service traffic to pods with label keys and values matching this selector."),
            ]
        case .statefulSets:
            return [
                name,
                Column(name: "Ready", type: "string", priority: 0, description: "Number of the pod with ready state"),
                age,
                Column(name: "Containers", type: "string", priority: 1, description: "Names of each container in the template."),
                Column(name: "Images", type: "string", priority: 1, description: "Images referenced by each container in the template."),
            ]
        case .daemonSets:
            return [
                name,
                Column(name: "Desired", type: "integer", priority: 0, description: "The total number of nodes that should be running the daemon pod."),
                Column(name: "Current", type: "integer", priority: 0, description: "The number of nodes that are running at least 1 daemon pod."),
                Column(name: "Ready", type: "integer", priority: 0, description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready."),
                Column(name: "Up-to-date", type: "integer", priority: 0, description: "The total number of nodes that are running updated daemon pod"),
                Column(name: "Available", type: "integer", priority: 0, description: "The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available."),
                Column(name: "Node Selector", type: "string", priority: 0, description: "NodeSelector is a selector which must be true for the pod to fit on a node."),
                age,
            ] + templateColumns
        case .horizontalPodAutoscalers:
            return [
                name,
                Column(name: "Reference", type: "string", priority: 0, description: "reference to scaled resource; horizontal pod autoscaler will learn the current resource consumption and will set the desired number of pods by using its Scale subresource."),
                Column(name: "Targets", type: "string", priority: 0, description: "metrics contains the specifications for which to use to calculate the desired replica count."),
                Column(name: "MinPods", type: "string", priority: 0, description: "minReplicas is the lower limit for the number of replicas to which the autoscaler can scale down."),
                Column(name: "MaxPods", type: "integer", priority: 0, description: "maxReplicas is the upper limit for the number of replicas to which the autoscaler can scale up."),
                Column(name: "Replicas", type: "integer", priority: 0, description: "currentReplicas is current number of replicas of pods managed by this autoscaler."),
                age,
            ]
        case .resourceQuotas:
            return [
                name, age,
                Column(name: "Request", type: "string", priority: 0, description: "Request represents a minimum amount of cpu/memory that a container may consume."),
                Column(name: "Limit", type: "string", priority: 0, description: "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node."),
            ]
        case .limitRanges:
            return [name, Column(name: "Created At", type: "date", priority: 0, description: "CreationTimestamp is the time the object was created.")]
        case .events:
            // The API server's event printer: five columns, five more with `-o wide`.
            return [
                Column(name: "Last Seen", type: "string", priority: 0, description: "Time when last event from this source was observed."),
                Column(name: "Type", type: "string", priority: 0, description: "Type of this event (Normal, Warning), new types could be added in the future."),
                Column(name: "Reason", type: "string", priority: 0, description: "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
                Column(name: "Object", type: "string", priority: 0, description: "The object that this event is about."),
                Column(name: "Subobject", type: "string", priority: 1, description: "The field path of the part of the object this event is about."),
                Column(name: "Source", type: "string", priority: 1, description: "The component reporting this event."),
                Column(name: "Message", type: "string", priority: 0, description: "A human-readable description of the status of this operation."),
                Column(name: "First Seen", type: "string", priority: 1, description: "The time at which the event was first recorded."),
                Column(name: "Count", type: "string", priority: 1, description: "The number of times this event has occurred."),
                Column(name: "Name", type: "string", priority: 1, description: "Name must be unique within a namespace.", format: "name"),
            ]
        default:
            return moreColumns(for: kind, name: name, age: age) ?? [name, age]
        }
    }

    private static func cells(_ kind: ResourceKind, _ object: JSONValue, now: Date) -> [JSONValue] {
        let age = JSONValue.string(
            object[path: ["metadata", "creationTimestamp"]]?.stringValue.flatMap(Timestamp.parse)
                .map { humanDuration(now.timeIntervalSince($0)) } ?? "<unknown>")
        let name = JSONValue.string(object.name)
        switch kind {
        case .deployments:
            let (containers, images) = containerColumns(object[path: ["spec", "template", "spec", "containers"]])
            return [
                name, .string("\(object.count(["status", "readyReplicas"]))/\(object.desiredReplicas)"),
                .number(object.count(["status", "updatedReplicas"])), .number(object.count(["status", "availableReplicas"])),
                age, .string(containers), .string(images), .string(selector(object)),
            ]
        case .replicaSets:
            let (containers, images) = containerColumns(object[path: ["spec", "template", "spec", "containers"]])
            return [
                name, .number(object.desiredReplicas), .number(object.count(["status", "replicas"])),
                .number(object.count(["status", "readyReplicas"])), age, .string(containers), .string(images),
                .string(selector(object)),
            ]
        case .pods:
            let statuses = object[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            let total = object[path: ["spec", "containers"]]?.arrayValue?.count ?? 0
            let ready = statuses.filter { $0["ready"]?.boolValue == true }.count
            return [
                name, .string("\(ready)/\(total)"), .string(podStatus(object)), .string(restarts(statuses, now: now)), age,
                .string(object[path: ["status", "podIP"]]?.stringValue ?? "<none>"),
                .string(object[path: ["spec", "nodeName"]]?.stringValue ?? "<none>"),
            ]
        case .namespaces:
            return [name, .string(object[path: ["status", "phase"]]?.stringValue ?? "Active"), age]
        case .nodes:
            let ready = object[path: ["status", "conditions"]]?.arrayValue?.first { $0["type"] == "Ready" }?["status"] == "True"
            let addresses = object[path: ["status", "addresses"]]?.arrayValue ?? []
            func address(_ type: String) -> String {
                addresses.first { $0["type"]?.stringValue == type }?["address"]?.stringValue ?? "<none>"
            }
            let info = object[path: ["status", "nodeInfo"]] ?? [:]
            let roles = object.labels.keys.filter { $0.hasPrefix("node-role.kubernetes.io/") }
                .map { String($0.dropFirst("node-role.kubernetes.io/".count)) }.sorted()
            return [
                name, .string(ready ? "Ready" : "NotReady"), .string(roles.isEmpty ? "<none>" : roles.joined(separator: ",")), age,
                .string(info["kubeletVersion"]?.stringValue ?? ""), .string(address("InternalIP")), .string(address("ExternalIP")),
                .string(info["osImage"]?.stringValue ?? ""), .string(info["kernelVersion"]?.stringValue ?? ""),
                .string(info["containerRuntimeVersion"]?.stringValue ?? ""),
            ]
        case .configMaps:
            let count = (object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)
            return [name, .number(count), age]
        case .secrets:
            return [name, .string(object["type"]?.stringValue ?? "Opaque"), .number(object["data"]?.objectValue?.count ?? 0), age]
        case .services:
            let spec = object["spec"] ?? [:]
            let type = spec["type"]?.stringValue ?? "ClusterIP"
            let ports = (spec["ports"]?.arrayValue ?? []).map { port in
                let number = port["port"]?.intValue.map(String.init) ?? ""
                let node = port["nodePort"]?.intValue.map { ":\($0)" } ?? ""
                return "\(number)\(node)/\(port["protocol"]?.stringValue ?? "TCP")"
            }
            let selector = (spec["selector"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value.stringValue ?? "")" }
            return [
                name, .string(type), .string(spec["clusterIP"]?.stringValue ?? "<none>"),
                .string(externalIP(object, type: type)), .string(ports.isEmpty ? "<none>" : ports.joined(separator: ",")),
                age, .string(selector.isEmpty ? "<none>" : selector.joined(separator: ",")),
            ]
        case .statefulSets:
            let (containers, images) = containerColumns(object[path: ["spec", "template", "spec", "containers"]])
            return [name, .string("\(object.count(["status", "readyReplicas"]))/\(object.desiredReplicas)"), age,
                    .string(containers), .string(images)]
        case .daemonSets:
            let (containers, images) = containerColumns(object[path: ["spec", "template", "spec", "containers"]])
            let nodeSelector = object.stringMap(at: ["spec", "template", "spec", "nodeSelector"]).sorted { $0.key < $1.key }
                .map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return [
                name, .number(object.count(["status", "desiredNumberScheduled"])), .number(object.count(["status", "currentNumberScheduled"])),
                .number(object.count(["status", "numberReady"])), .number(object.count(["status", "updatedNumberScheduled"])),
                .number(object.count(["status", "numberAvailable"])), .string(nodeSelector.isEmpty ? "<none>" : nodeSelector), age,
                .string(containers), .string(images), .string(selector(object)),
            ]
        case .horizontalPodAutoscalers:
            let target = object[path: ["spec", "scaleTargetRef"]] ?? [:]
            let reference = "\(target["kind"]?.stringValue ?? "")/\(target["name"]?.stringValue ?? "")"
            let wanted = (object[path: ["spec", "metrics"]]?.arrayValue ?? []).first { $0["type"] == "Resource" }
            let current = (object[path: ["status", "currentMetrics"]]?.arrayValue ?? []).first { $0["type"] == "Resource" }
            let targets = wanted.map { metric -> String in
                let resource = metric[path: ["resource", "name"]]?.stringValue ?? "cpu"
                let now = current?[path: ["resource", "current", "averageUtilization"]]?.intValue.map { "\($0)%" } ?? "<unknown>"
                return "\(resource): \(now)/\(metric[path: ["resource", "target", "averageUtilization"]]?.intValue ?? 0)%"
            } ?? "<none>"
            return [
                name, .string(reference), .string(targets), .string(String(object[path: ["spec", "minReplicas"]]?.intValue ?? 1)),
                .number(object.count(["spec", "maxReplicas"])), .number(object.count(["status", "currentReplicas"])), age,
            ]
        case .resourceQuotas:
            // `used/hard` of each resource by name; `limits.*` in the Limit column.
            let hard = object[path: ["status", "hard"]]?.objectValue ?? [:]
            var requests: [String] = []
            var limits: [String] = []
            for resource in hard.keys.sorted() {
                let used = object[path: ["status", "used", resource]]?.stringValue ?? "0"
                let entry = "\(resource): \(used)/\(hard[resource]?.stringValue ?? "")"
                if resource.hasPrefix("limits") { limits.append(entry) } else { requests.append(entry) }
            }
            return [name, age, .string(requests.joined(separator: ", ")), .string(limits.joined(separator: ", "))]
        case .limitRanges:
            return [name, object[path: ["metadata", "creationTimestamp"]] ?? ""]
        case .events:
            return eventCells(object, name: name, now: now)
        default:
            return moreCells(kind, object, name: name, age: age, now: now) ?? [name, age]
        }
    }

    /// An Event's row as the API server prints it: times since it was first and last seen
    /// (the series' last observation when there is one), `kind/name` of the object in
    /// lower case, the reporting component and host.
    private static func eventCells(_ event: JSONValue, name: JSONValue, now: Date) -> [JSONValue] {
        func since(_ field: String) -> String? {
            guard let text = event[field]?.stringValue, let time = Timestamp.parse(text) else { return nil }
            return humanDuration(now.timeIntervalSince(time))
        }
        let first = since("firstTimestamp") ?? since("eventTime") ?? "<unknown>"
        var last = since("lastTimestamp") ?? first
        var count = max(1, event.count(["count"]))
        if let series = event["series"], series != .null {
            if let observed = series["lastObservedTime"]?.stringValue, let time = Timestamp.parse(observed) {
                last = humanDuration(now.timeIntervalSince(time))
            }
            count = event.count(["series", "count"])
        }
        let kind = (event[path: ["involvedObject", "kind"]]?.stringValue ?? "").lowercased()
        let objectName = event[path: ["involvedObject", "name"]]?.stringValue ?? ""
        var source = event[path: ["source", "component"]]?.stringValue ?? ""
        if let host = event[path: ["source", "host"]]?.stringValue, !host.isEmpty { source += ", " + host }
        if source.isEmpty {
            source = [event["reportingComponent"]?.stringValue, event["reportingInstance"]?.stringValue]
                .compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
        }
        return [
            .string(last), event["type"] ?? "", event["reason"] ?? "", .string(objectName.isEmpty ? kind : "\(kind)/\(objectName)"),
            event[path: ["involvedObject", "fieldPath"]] ?? "", .string(source),
            .string((event["message"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)),
            .string(first), .number(count), name,
        ]
    }

    /// kubectl's EXTERNAL-IP column: the external name, the load balancer's addresses or
    /// `<pending>`, the external IPs, else `<none>`.
    private static func externalIP(_ service: JSONValue, type: String) -> String {
        let external = service[path: ["spec", "externalIPs"]]?.arrayValue?.compactMap(\.stringValue) ?? []
        switch type {
        case "ExternalName": return service[path: ["spec", "externalName"]]?.stringValue ?? "<none>"
        case "LoadBalancer":
            let ingress = service[path: ["status", "loadBalancer", "ingress"]]?.arrayValue?
                .compactMap { $0["ip"]?.stringValue ?? $0["hostname"]?.stringValue } ?? []
            let all = ingress + external
            return all.isEmpty ? "<pending>" : all.joined(separator: ",")
        default: return external.isEmpty ? "<none>" : external.joined(separator: ",")
        }
    }

    static func containerColumns(_ containers: JSONValue?) -> (String, String) {
        let list = containers?.arrayValue ?? []
        return (
            list.compactMap { $0["name"]?.stringValue }.joined(separator: ","),
            list.compactMap { $0["image"]?.stringValue }.joined(separator: ",")
        )
    }

    static func selector(_ object: JSONValue) -> String {
        guard let selector = object[path: ["spec", "selector"]].flatMap(LabelSelector.init(object:)) else { return "<none>" }
        return selector.isEmpty ? "<none>" : selector.rendered
    }

    /// The STATUS column of `kubectl get pods`: the first unfinished init container
    /// (`Init:CrashLoopBackOff`, `Init:0/1`), else the last container that is not running.
    static func podStatus(_ pod: JSONValue) -> String {
        if pod.isBeingDeleted { return "Terminating" }
        var reason = pod[path: ["status", "reason"]]?.stringValue ?? pod[path: ["status", "phase"]]?.stringValue ?? "Unknown"
        let initStatuses = pod[path: ["status", "initContainerStatuses"]]?.arrayValue ?? []
        for (index, status) in initStatuses.enumerated() {
            if let terminated = status[path: ["state", "terminated"]] {
                if terminated["exitCode"]?.intValue == 0 { continue }
                let why = terminated["reason"]?.stringValue ?? ""
                return why.isEmpty ? "Init:ExitCode:\(terminated["exitCode"]?.intValue ?? 0)" : "Init:\(why)"
            }
            if let waiting = status[path: ["state", "waiting", "reason"]]?.stringValue, !waiting.isEmpty,
                waiting != "PodInitializing"
            {
                return "Init:\(waiting)"
            }
            return "Init:\(index)/\(initStatuses.count)"
        }
        for status in (pod[path: ["status", "containerStatuses"]]?.arrayValue ?? []).reversed() {
            if let waiting = status[path: ["state", "waiting", "reason"]]?.stringValue, !waiting.isEmpty {
                reason = waiting
            } else if let terminated = status[path: ["state", "terminated", "reason"]]?.stringValue {
                reason = terminated
            }
        }
        return reason
    }

    private static func restarts(_ statuses: [JSONValue], now: Date) -> String {
        let count = statuses.reduce(0) { $0 + ($1["restartCount"]?.intValue ?? 0) }
        let last = statuses.compactMap { $0[path: ["lastState", "terminated", "finishedAt"]]?.stringValue.flatMap(Timestamp.parse) }
            .max()
        guard count > 0, let last else { return String(count) }
        return "\(count) (\(humanDuration(now.timeIntervalSince(last))) ago)"
    }

    /// apimachinery's `duration.HumanDuration`: `45s`, `5m12s`, `3h20m`, `12d`.
    static func humanDuration(_ interval: TimeInterval) -> String {
        let seconds = Int(interval.rounded(.down))
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 120 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 { return seconds % 60 == 0 ? "\(minutes)m" : "\(minutes)m\(seconds % 60)s" }
        if minutes < 180 { return "\(minutes)m" }
        let hours = minutes / 60
        if hours < 8 { return minutes % 60 == 0 ? "\(hours)h" : "\(hours)h\(minutes % 60)m" }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 { return hours % 24 == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(hours % 24)h" }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        let days = hours / 24
        if hours < 24 * 365 * 8 { return days % 365 == 0 ? "\(days / 365)y" : "\(days / 365)y\(days % 365)d" }
        return "\(days / 365)y"
    }
}
