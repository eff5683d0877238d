import CortexSim
import Foundation
import Testing

/// A table of everyday kubectl commands run in order against one simulated cluster, as a
/// user checking cortex's work would type them. Checks marked `simulated` must pass; the
/// others are what the simulator does not do yet (listed in the README) and must keep
/// failing until they are marked, so the table and the README stay true.
@Suite(.enabled(if: Kubectl.isAvailable, "kubectl is not on PATH: the kubectl compatibility checks are skipped"))
struct KubectlCompatibilityTests {
    /// One kubectl command and what a real API server's answer looks like.
    struct Check: CustomStringConvertible {
        var arguments: [String]
        /// Whether the simulator is expected to answer like a real API server.
        var simulated: Bool
        var passes: @Sendable (Kubectl.Result) -> Bool
        /// Seconds after which the command is stopped: a watch or a followed log is judged by
        /// what it printed until then.
        var timeout: Double = 70
        /// Another command run while this one streams, so that it sees changes happen.
        var alongside: Alongside? = nil

        /// A command started `delay` seconds after the check's own command has opened a
        /// watch on the server; it must succeed.
        struct Alongside {
            var delay: Double
            var arguments: [String]
        }

        var description: String {
            "kubectl " + arguments.joined(separator: " ")
                + (alongside.map { " (while kubectl " + $0.arguments.joined(separator: " ") + ")" } ?? "")
        }
    }

    /// Exit status 0 and every expected text on standard output.
    static func succeeds(_ arguments: [String], _ expected: String..., simulated: Bool = true) -> Check {
        Check(arguments: arguments, simulated: simulated) { result in
            // An empty expectation asks only for success (`"".contains("")` is false).
            result.status == 0 && expected.allSatisfy { $0.isEmpty || result.stdout.contains($0) }
        }
    }

    /// A non-zero exit status whose error contains the expected text.
    static func fails(_ arguments: [String], _ expected: String, simulated: Bool = true) -> Check {
        Check(arguments: arguments, simulated: simulated) { result in
            result.status != 0 && result.stderr.contains(expected)
        }
    }

    /// Every output line satisfies `line` and there are `count` of them (any count when nil).
    static func lines(
        _ arguments: [String], count: Int? = nil, simulated: Bool = true, _ line: @escaping @Sendable (String) -> Bool
    ) -> Check {
        Check(arguments: arguments, simulated: simulated) { result in
            let output = result.stdout.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("Found ") }
            return result.status == 0 && !output.isEmpty && (count.map { output.count == $0 } ?? true)
                && output.allSatisfy(line)
        }
    }

    /// Lines of `kubectl logs --timestamps` start with the kubelet's RFC 3339 time with
    /// nanoseconds (the simulated services print their own time without a fraction).
    static func timestamped(_ line: String) -> Bool {
        line.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z "#, options: .regularExpression) != nil
    }

    static let checks: [Check] = [
        // Discovery and reading.
        succeeds(["version"], "Server Version: v1."),
        succeeds(["api-versions"], "apps/v1", "v1"),
        succeeds(["api-resources"], "deployments", "deploy", "apps/v1", "true", "Deployment"),
        succeeds(["api-resources", "--namespaced=false", "-o", "name"], "namespaces", "nodes"),
        succeeds(["cluster-info"], "is running at"),
        succeeds(["get", "deployments"], "NAME", "READY", "payments"),
        succeeds(["get", "deployments", "-o", "wide"], "CONTAINERS", "IMAGES", "SELECTOR", "ghcr.io/acme/payments"),
        succeeds(["get", "deployment", "payments", "-o", "json"], "\"kind\": \"Deployment\"", "\"availableReplicas\""),
        succeeds(["get", "deployment", "payments", "-o", "yaml"], "kind: Deployment", "apiVersion: apps/v1"),
        succeeds(["get", "deployment", "payments", "-o", "jsonpath={.spec.replicas}"], "2"),
        succeeds(["get", "pods", "-o", "wide"], "IP", "NODE", "Running"),
        succeeds(["get", "pods", "-l", "app=payments", "-o", "name"], "pod/payments-"),
        succeeds(["get", "pods", "-A"], "NAMESPACE", "production", "development"),
        succeeds(["get", "replicasets"], "DESIRED", "payments-"),
        succeeds(["get", "all"], "pod/payments-", "deployment.apps/payments", "replicaset.apps/payments-"),
        succeeds(["get", "namespaces"], "production", "Active"),
        succeeds(["get", "events"], "LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE", "pod/payments-", "Scheduled"),
        succeeds(["get", "events", "-o", "wide"], "SUBOBJECT", "SOURCE", "FIRST SEEN", "COUNT", "kubelet, sim-node-"),
        succeeds(["events"], "REASON", "Scheduled"),
        succeeds(["describe", "deployment", "payments"], "Name:", "payments", "Replicas:", "Pod Template:"),
        succeeds(["describe", "pods", "-l", "app=payments"], "Node:", "Containers:", "Conditions:"),
        succeeds(["get", "--raw", "/api/v1/namespaces/staging/pods"], "\"kind\":\"PodList\""),
        succeeds(["get", "nodes"], "sim-node-1", "Ready", "v1.32.0"),
        succeeds(["get", "nodes", "-o", "wide"], "INTERNAL-IP", "10.0.0.13", "containerd://"),
        succeeds(["describe", "node", "sim-node-3"], "Capacity:", "Allocatable:", "KubeletReady", "Non-terminated Pods:"),
        succeeds(["auth", "can-i", "get", "pods"], "yes"),
        succeeds(["auth", "can-i", "delete", "deployments", "-n", "production"], "yes"),
        succeeds(["explain", "deployment.spec.replicas"], "GROUP:      apps", "FIELD: replicas <integer>", "Number of desired pods"),
        succeeds(["top", "pods"], "NAME", "CPU(cores)", "MEMORY(bytes)", "payments-"),

        // Logs and their flags.
        lines(["logs", "deployment/payments", "--tail=3"], count: 3) { !$0.isEmpty },
        lines(["logs", "deployment/payments", "--tail=2", "--timestamps"], count: 2, timestamped),
        lines(["logs", "deployment/payments", "--since=1h", "--tail=2"], count: 2) { !timestamped($0) },
        fails(["logs", "deployment/payments", "--previous"], "previous terminated container \"payments\" in pod"),
        lines(["logs", "deployment/payments", "--since=2s", "--timestamps"]) { line in
            // Pods of the standard seed are days old: only recent lines are within two seconds.
            guard timestamped(line), let time = ISO8601DateFormatter().date(from: String(line.prefix(19)) + "Z") else { return false }
            return time > Date().addingTimeInterval(-10)
        },

        // Changing workloads.
        succeeds(["scale", "deployment/payments", "--replicas=3"], "deployment.apps/payments scaled"),
        succeeds(["rollout", "status", "deployment/payments", "--timeout=60s"], "successfully rolled out"),
        succeeds(["label", "deployment", "payments", "tier=backend"], "deployment.apps/payments labeled"),
        succeeds(["annotate", "deployment", "payments", "owner=payments-team"], "deployment.apps/payments annotated"),
        succeeds(["edit", "deployment", "payments"], "deployment.apps/payments edited"),
        succeeds(["get", "deployment", "payments", "-o", "jsonpath={.metadata.annotations.owner}"], "platform-team"),
        succeeds(["get", "deployments", "-l", "tier=backend", "-o", "name"], "deployment.apps/payments"),
        succeeds(["patch", "deployment", "payments", "-p", #"{"spec":{"minReadySeconds":1}}"#], "patched"),
        succeeds(["patch", "deployment", "payments", "--type=json", "-p", #"[{"op":"replace","path":"/spec/minReadySeconds","value":0}]"#], "patched"),
        succeeds(["set", "image", "deployment/payments", "payments=ghcr.io/acme/payments:2.4.0"], "image updated"),
        succeeds(["rollout", "status", "deployment/payments", "--timeout=60s"], "successfully rolled out"),
        succeeds(["rollout", "history", "deployment/payments"], "REVISION", "1", "2"),
        succeeds(["rollout", "undo", "deployment/payments"], "rolled back"),
        succeeds(["rollout", "status", "deployment/payments", "--timeout=60s"], "successfully rolled out"),
        succeeds(
            ["get", "deployment", "payments", "-o", "jsonpath={.spec.template.spec.containers[0].image}"],
            "ghcr.io/acme/payments:2.3.1"),
        succeeds(["rollout", "undo", "deployment/payments", "--to-revision=2"], "rolled back"),
        succeeds(
            ["get", "deployment", "payments", "-o", "jsonpath={.spec.template.spec.containers[0].image}"],
            "ghcr.io/acme/payments:2.4.0"),
        succeeds(
            ["autoscale", "deployment", "payments", "--min=2", "--max=5", "--cpu-percent=80"],
            "horizontalpodautoscaler.autoscaling/payments autoscaled"),
        succeeds(["get", "hpa", "payments", "-o", "jsonpath={.spec.maxReplicas} {.spec.scaleTargetRef.name}"], "5 payments"),
        succeeds(["rollout", "restart", "deployment/api-gateway"], "restarted"),
        succeeds(["rollout", "status", "deployment/api-gateway", "--timeout=60s"], "successfully rolled out"),

        // Creating and applying.
        succeeds(["create", "deployment", "hello", "--image=ghcr.io/acme/hello:1.0", "--replicas=2"],
            "deployment.apps/hello created"),
        succeeds(["rollout", "status", "deployment/hello", "--timeout=60s"], "successfully rolled out"),
        succeeds(["create", "namespace", "scratch"], "namespace/scratch created"),
        succeeds(["create", "configmap", "settings", "--from-literal=mode=fast"], "configmap/settings created"),
        succeeds(["get", "configmap", "settings", "-o", "jsonpath={.data.mode}"], "fast"),
        succeeds(["create", "secret", "generic", "token", "--from-literal=key=s3cr3t"], "secret/token created"),
        succeeds(["get", "secret", "token", "-o", "jsonpath={.data.key}"], "czNjcjN0"),
        succeeds(["get", "secrets"], "token", "Opaque", "1"),
        succeeds(["get", "configmaps", "settings"], "DATA", "1"),
        succeeds(["describe", "secret", "token"], "Type:  Opaque", "key:  6 bytes"),
        succeeds(["create", "service", "clusterip", "hello", "--tcp=80:8080"], "service/hello created"),
        succeeds(["get", "services"], "hello", "ClusterIP", "10.96.", "80/TCP"),
        succeeds(["get", "services", "-o", "wide"], "SELECTOR", "app=hello"),
        succeeds(["describe", "service", "hello"], "Type:", "ClusterIP", "TargetPort:", "8080/TCP"),
        succeeds(["delete", "service", "hello"], "service \"hello\" deleted"),
        succeeds(["delete", "configmap", "settings"], "configmap \"settings\" deleted"),
        succeeds(["delete", "secret", "token"], "secret \"token\" deleted"),
        succeeds(["delete", "namespace", "scratch"], "namespace \"scratch\" deleted"),
        succeeds(["apply", "-f", "MANIFEST"], "deployment.apps/applied created"),
        succeeds(["apply", "-f", "MANIFEST"], "deployment.apps/applied unchanged"),
        succeeds(["apply", "--server-side", "-f", "MANIFEST"], "deployment.apps/applied serverside-applied"),
        succeeds(["diff", "-f", "MANIFEST"], ""),
        succeeds(["delete", "deployment", "applied"], "deployment.apps \"applied\" deleted"),
        fails(["get", "deployment", "applied"], "NotFound"),
        fails(["get", "deployment", "no-such-thing"], "(NotFound)"),
    ] + moreKindsChecks + admissionAndToolsChecks

    /// Endpoints kept from ready pods, Jobs run to completion, CronJobs, Ingresses and
    /// claims bound by the storage provisioner.
    static let moreKindsChecks: [Check] = [
        succeeds(["create", "deployment", "web", "--image=ghcr.io/acme/web:1.0", "--replicas=2"], "deployment.apps/web created"),
        succeeds(["rollout", "status", "deployment/web", "--timeout=60s"], "successfully rolled out"),
        succeeds(["create", "service", "clusterip", "web", "--tcp=80:8080"], "service/web created"),
        // The endpoints controllers write on their next pass, as on a real cluster.
        succeeds(["wait", "--for=create", "endpoints/web", "--timeout=60s"], "endpoints/web condition met"),
        lines(["get", "endpoints", "web", "--no-headers"], count: 1) { line in
            // Two ready pods, both at the target port.
            line.hasPrefix("web ") && line.components(separatedBy: ":8080").count == 3 && line.contains("10.244.")
        },
        succeeds(["get", "endpointslices", "-l", "kubernetes.io/service-name=web"], "ADDRESSTYPE", "web-", "IPv4", "8080", "10.244."),
        succeeds(
            ["get", "endpointslices", "-l", "kubernetes.io/service-name=web", "-o",
             "jsonpath={.items[0].metadata.labels.endpointslice\\.kubernetes\\.io/managed-by} {.items[0].endpoints[*].conditions.ready}"],
            "endpointslice-controller.k8s.io true true"),
        succeeds(["describe", "service", "web"], "Endpoints:", "10.244.", ":8080"),
        succeeds(["create", "job", "hello", "--image=busybox", "--", "echo", "hi"], "job.batch/hello created"),
        succeeds(["wait", "--for=condition=complete", "job/hello", "--timeout=60s"], "job.batch/hello condition met"),
        succeeds(["get", "job", "hello"], "STATUS", "COMPLETIONS", "Complete", "1/1"),
        succeeds(["get", "jobs"], "hello"),
        succeeds(["get", "pods", "-l", "job-name=hello"], "Completed", "0/1"),
        lines(["logs", "job/hello"], count: 1) { $0 == "hi" },
        succeeds(["create", "cronjob", "tick", "--image=busybox", "--schedule=*/5 * * * *", "--", "date"], "cronjob.batch/tick created"),
        succeeds(["get", "cronjobs"], "SCHEDULE", "tick", "*/5 * * * *", "False"),
        succeeds(["create", "job", "tick-manual", "--from=cronjob/tick"], "job.batch/tick-manual created"),
        succeeds(["wait", "--for=condition=complete", "job/tick-manual", "--timeout=60s"], "condition met"),
        succeeds(["get", "job", "tick-manual", "-o", "jsonpath={.metadata.ownerReferences[0].kind} {.status.succeeded}"], "CronJob 1"),
        succeeds(["create", "ingress", "web", "--rule=shop.example.com/cart=web:80"], "ingress.networking.k8s.io/web created"),
        succeeds(["get", "ingress"], "CLASS", "HOSTS", "ADDRESS", "PORTS", "shop.example.com", "80"),
        succeeds(["get", "ingress", "web", "-o", "jsonpath={.spec.rules[0].http.paths[0].pathType}"], "Exact"),
        succeeds(["get", "storageclass"], "standard (default)", "cortex.sim/host-path", "Immediate"),
        succeeds(["apply", "-f", "CLAIM"], "persistentvolumeclaim/data created"),
        succeeds(["wait", "--for=jsonpath={.status.phase}=Bound", "pvc/data", "--timeout=60s"], "condition met"),
        succeeds(["get", "pvc", "data"], "Bound", "pvc-", "1Gi", "RWO", "standard"),
        succeeds(["get", "pv"], "pvc-", "1Gi", "RWO", "Delete", "Bound", "staging/data", "standard"),
        succeeds(["delete", "pvc", "data"], "persistentvolumeclaim \"data\" deleted"),
    ]

    /// Schemas for `kubectl explain`, resource metrics for `kubectl top`, and the admission
    /// of LimitRanges and ResourceQuotas, including a scale-up that the quota stops.
    static let admissionAndToolsChecks: [Check] = [
        succeeds(["explain", "pods.spec.containers", "--recursive"], "KIND:       Pod", "FIELDS:", "livenessProbe\t<Probe>"),
        succeeds(["explain", "svc"], "KIND:       Service", "DESCRIPTION:", "Service is a named abstraction"),
        succeeds(["top", "pods", "-n", "production", "--containers"], "POD", "NAME", "CPU(cores)", "payments"),
        succeeds(["top", "nodes"], "sim-node-1", "CPU(%)", "MEMORY(%)"),
        succeeds(["create", "namespace", "quota-demo"], "namespace/quota-demo created"),
        succeeds(["create", "quota", "q", "--hard=pods=2,requests.cpu=1", "-n", "quota-demo"], "resourcequota/q created"),
        succeeds(["apply", "-f", "LIMITRANGE"], "limitrange/limits created"),
        succeeds(["get", "limitrange", "-n", "quota-demo"], "CREATED AT", "limits"),
        fails(["apply", "-f", "BIGPOD"], #"pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2"#),
        succeeds(["create", "deployment", "capped", "--image=ghcr.io/acme/capped:1.0", "-n", "quota-demo"], "deployment.apps/capped created"),
        succeeds(["rollout", "status", "deployment/capped", "-n", "quota-demo", "--timeout=60s"], "successfully rolled out"),
        succeeds(
            ["get", "pods", "-n", "quota-demo", "-o", "jsonpath={.items[0].spec.containers[0].resources.requests.cpu}"], "100m"),
        succeeds(["scale", "deployment/capped", "--replicas=4", "-n", "quota-demo"], "deployment.apps/capped scaled"),
        // The ReplicaSet controller creates the pods after the scale answers, on a real
        // server as here: wait for the quota to count them, as a user would.
        succeeds(
            ["wait", "--for=jsonpath={.status.used.pods}=2", "resourcequota/q", "-n", "quota-demo", "--timeout=60s"],
            "condition met"),
        succeeds(
            ["wait", "--for=condition=ReplicaFailure", "deployment/capped", "-n", "quota-demo", "--timeout=60s"],
            "condition met"),
        succeeds(
            ["wait", "--for=jsonpath={.status.readyReplicas}=2", "deployment/capped", "-n", "quota-demo", "--timeout=60s"],
            "condition met"),
        succeeds(["describe", "quota", "q", "-n", "quota-demo"], "Resource", "Used", "Hard", "pods          2     2"),
        succeeds(
            ["events", "-n", "quota-demo", "--types=Warning"], "FailedCreate", "ReplicaSet/capped-",
            "exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2"),
        succeeds(["get", "deployment", "capped", "-n", "quota-demo"], "2/4"),
        succeeds(["describe", "deployment", "capped", "-n", "quota-demo"], "ReplicaFailure   True    FailedCreate"),
        succeeds(["delete", "namespace", "quota-demo"], "namespace \"quota-demo\" deleted"),

        // Server-side apply: field managers, conflicts, forcing, and fields a manager stops applying.
        succeeds(["apply", "--server-side", "-f", "SSA"], "deployment.apps/owned serverside-applied"),
        fails(
            ["apply", "--server-side", "-f", "SSA_OTHER", "--field-manager=other"],
            #"Apply failed with 1 conflict: conflict with "kubectl": .spec.replicas"#),
        succeeds(
            ["apply", "--server-side", "-f", "SSA_OTHER", "--field-manager=other", "--force-conflicts"],
            "deployment.apps/owned serverside-applied"),
        succeeds(["get", "deployment", "owned", "-o", "jsonpath={.spec.replicas}"], "5"),
        succeeds(
            ["get", "deployment", "owned", "-o", "yaml", "--show-managed-fields"], "manager: kubectl\n", "manager: other\n",
            "operation: Apply", "f:replicas: {}", #"k:{"name":"owned"}:"#),
        succeeds(["apply", "--server-side", "-f", "SSA_PRUNED"], "deployment.apps/owned serverside-applied"),
        succeeds(["get", "deployment", "owned", "-o", "jsonpath=[{.spec.minReadySeconds}] {.spec.replicas}"], "[] 5"),
        succeeds(["delete", "deployment", "owned"], "deployment.apps \"owned\" deleted"),
    ]

    /// A Deployment applied by kubectl; `other` sets more replicas and no minReadySeconds,
    /// and kubectl then stops applying both.
    static let ownedManifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: owned, labels: {app: owned}}
        spec:
          replicas: 2
          minReadySeconds: 3
          selector: {matchLabels: {app: owned}}
          template:
            metadata: {labels: {app: owned}}
            spec:
              containers: [{name: owned, image: ghcr.io/acme/owned:1.0}]
        """

    /// The files the checks name by placeholder.
    static let manifests = [
        "SSA": ownedManifest,
        "SSA_OTHER": ownedManifest.replacingOccurrences(of: "replicas: 2", with: "replicas: 5")
            .replacingOccurrences(of: "  minReadySeconds: 3\n", with: ""),
        "SSA_PRUNED": ownedManifest.replacingOccurrences(of: "  replicas: 2\n", with: "")
            .replacingOccurrences(of: "  minReadySeconds: 3\n", with: ""),
        "LIMITRANGE": """
            apiVersion: v1
            kind: LimitRange
            metadata: {name: limits, namespace: quota-demo}
            spec:
              limits:
              - type: Container
                default: {cpu: 200m, memory: 128Mi}
                defaultRequest: {cpu: 100m, memory: 64Mi}
                max: {cpu: "1"}
            """,
        "BIGPOD": """
            apiVersion: v1
            kind: Pod
            metadata: {name: big, namespace: quota-demo}
            spec:
              containers: [{name: big, image: ghcr.io/acme/big:1.0, resources: {limits: {cpu: "2"}}}]
            """,
    ]

    // MARK: Watches and followed logs

    /// A streaming command stopped after `seconds`, judged by its standard output (its exit
    /// status is the stop's), optionally while another command changes the cluster.
    static func streams(
        _ arguments: [String], stoppedAfter seconds: Double, while other: [String]? = nil, after delay: Double = 1,
        simulated: Bool = true, _ output: @escaping @Sendable (String) -> Bool
    ) -> Check {
        var check = Check(arguments: arguments, simulated: simulated) { result in
            !result.stderr.contains("error") && output(result.stdout)
        }
        check.timeout = seconds
        check.alongside = other.map { Check.Alongside(delay: delay, arguments: $0) }
        return check
    }

    /// Succeeds with the expected texts while another command runs alongside (a `wait` or
    /// `rollout status` that only a watch delivering the change can end).
    static func succeeds(_ arguments: [String], _ expected: String..., while other: [String], after delay: Double = 0.5) -> Check {
        var check = Check(arguments: arguments, simulated: true) { result in
            result.status == 0 && expected.allSatisfy { result.stdout.contains($0) }
        }
        check.alongside = Check.Alongside(delay: delay, arguments: other)
        return check
    }

    /// Replaced by an RFC 3339 time five seconds before the command runs.
    static let recentTime = "RECENT-TIME"

    static let streamingChecks: [Check] = [
        // `get -w` prints the two pods there are, then the two a scale creates, with the
        // server's columns.
        streams(["get", "pods", "-l", "app=hello", "-w"], stoppedAfter: 10, while: ["scale", "deployment/hello", "--replicas=4"], after: 1) { output in
            let names = Set(output.split(separator: "\n").filter { $0.hasPrefix("hello-") }.map { $0.prefix { $0 != " " } })
            return output.hasPrefix("NAME") && output.contains("STATUS") && names.count == 4
        },
        streams(
            ["get", "deploy", "-w", "--output-watch-events"], stoppedAfter: 10,
            while: ["scale", "deployment/hello", "--replicas=2"], after: 1
        ) { output in
            output.contains("EVENT") && output.contains("ADDED") && output.split(separator: "\n").contains { $0.hasPrefix("MODIFIED") && $0.contains("hello") }
        },
        // The server ends a watch at timeoutSeconds; the client ends it at --request-timeout.
        succeeds(["get", "--raw", "/api/v1/namespaces/staging/pods?watch=1&timeoutSeconds=2"], #"{"type":"ADDED","object":{"#),
        succeeds(["get", "pods", "-w", "--request-timeout=2s"], "NAME", "hello-"),
        succeeds(["get", "--raw", "/api/v1/namespaces/staging/pods?watch=1&resourceVersion=1"], #""type":"ERROR""#, #""reason":"Expired""#, #""code":410"#),
        fails(
            ["get", "--raw", "/api/v1/namespaces/staging/pods?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true"],
            "sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled"),
        // rollout status follows a rollout slowed by minReadySeconds through its progress.
        succeeds(["create", "deployment", "slow", "--image=ghcr.io/acme/slow:1.0", "--replicas=3"], "deployment.apps/slow created"),
        succeeds(["rollout", "status", "deployment/slow", "--timeout=60s"], "successfully rolled out"),
        succeeds(["patch", "deployment", "slow", "-p", #"{"spec":{"minReadySeconds":300}}"#], "patched"),
        succeeds(["set", "image", "deployment/slow", "slow=ghcr.io/acme/slow:1.1"], "image updated"),
        succeeds(["rollout", "status", "deployment/slow", "--timeout=60s"], "Waiting for deployment \"slow\" rollout to finish", "successfully rolled out"),
        succeeds(["wait", "--for=condition=Available", "deployment/slow", "--timeout=30s"], "deployment.apps/slow condition met"),
        succeeds(
            ["wait", "--for=jsonpath={.status.availableReplicas}=5", "deployment/hello", "--timeout=30s"],
            "deployment.apps/hello condition met", while: ["scale", "deployment/hello", "--replicas=5"]),
        succeeds(["delete", "deployment", "slow", "--wait"], "deployment.apps \"slow\" deleted"),
        fails(["get", "deployment", "slow"], "(NotFound)"),
        // Followed logs: lines keep arriving at the fast pace (one every 0.05 s).
        streams(["logs", "-f", "deployment/hello", "--tail=1"], stoppedAfter: 3) { $0.split(separator: "\n").count > 5 },
        Check(arguments: ["logs", "deployment/hello", "--limit-bytes=100"], simulated: true) { result in
            result.status == 0 && result.stdout.utf8.count == 100
        },
        Check(arguments: ["logs", "-f", "deployment/hello", "--limit-bytes=100"], simulated: true) { result in
            result.status == 0 && result.stdout.utf8.count == 100
        },
        lines(["logs", "deployment/hello", "--since-time=\(recentTime)", "--timestamps"]) { line in
            guard timestamped(line), let time = ISO8601DateFormatter().date(from: String(line.prefix(19)) + "Z") else { return false }
            return time >= Date().addingTimeInterval(-30)
        },
    ]
    static let claimManifest = """
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata: {name: data}
        spec:
          accessModes: [ReadWriteOnce]
          resources: {requests: {storage: 1Gi}}
        """

    static let manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: applied, labels: {app: applied}}
        spec:
          replicas: 1
          selector: {matchLabels: {app: applied}}
          template:
            metadata: {labels: {app: applied}}
            spec:
              containers: [{name: applied, image: ghcr.io/acme/applied:1.0}]
        """

    @Test func everydayCommands() async throws {
        let sim = try await SimulatedCluster.start(seed: .standard, pace: .fast, tickInterval: 0.05)
        do {
            let kubectl = try Kubectl(sim)
            var files = ["MANIFEST": try kubectl.manifest("applied.yaml", Self.manifest)]
            files["CLAIM"] = try kubectl.manifest("claim.yaml", Self.claimManifest)
            for (placeholder, text) in Self.manifests {
                files[placeholder] = try kubectl.manifest("\(placeholder.lowercased()).yaml", text)
            }
            var passed = 0
            var notSimulated: [String] = []
            for check in Self.checks + Self.streamingChecks {
                let recent = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-5))
                let arguments = check.arguments.map { files[$0] ?? $0.replacingOccurrences(of: Self.recentTime, with: recent) }
                let watchesBefore = await sim.openWatches
                async let running = kubectl.run(arguments, timeout: check.timeout)
                if let alongside = check.alongside {
                    let deadline = Date().addingTimeInterval(check.timeout / 2)
                    while await sim.openWatches <= watchesBefore, Date() < deadline {
                        try await Task.sleep(nanoseconds: 20_000_000)
                    }
                    try await Task.sleep(nanoseconds: UInt64(alongside.delay * 1_000_000_000))
                    let other = try await kubectl.run(alongside.arguments, timeout: 30)
                    #expect(other.status == 0, "kubectl \(alongside.arguments.joined(separator: " ")) failed: \(other.output)")
                }
                let result = try await running
                let ok = check.passes(result)
                if ok { passed += 1 }
                if check.simulated {
                    #expect(ok, "\(check) answered differently from a real API server: \(result.output)")
                } else {
                    if !ok { notSimulated.append(check.description) }
                    #expect(!ok, "\(check) now works: mark it simulated and remove it from the README's list")
                }
            }
            print("kubectl compatibility: \(passed) of \(Self.checks.count + Self.streamingChecks.count) checks pass")
            for check in notSimulated { print("  not simulated yet: \(check)") }
        } catch {
            await sim.stop()
            throw error
        }
        await sim.stop()
    }
}
