import CortexCore

/// The services of the standard seed: realistic images, ports, probes and resources.
enum SeedServices {
    struct Placement {
        var namespace: String
        var replicas: Int
        /// The image history; the last one is current.
        var images: [String]
    }

    struct Service {
        var name: String
        var team: String
        var port: Int
        var cpu: String
        var memory: String
        var memoryLimit: String
        var env: [(String, String)]
        var placements: [Placement]

        func deployment(namespace: String, replicas: Int, image: String) -> JSONValue {
            let labels: JSONValue = ["app": .string(name), "team": .string(team)]
            var container: JSONValue = [
                "name": .string(name), "image": .string(image),
                "ports": [["name": "http", "containerPort": .number(port)]],
                "env": .array(env.map { ["name": .string($0.0), "value": .string($0.1)] }),
                "resources": [
                    "requests": ["cpu": .string(cpu), "memory": .string(memory)],
                    "limits": ["memory": .string(memoryLimit)],
                ],
            ]
            if port > 0 {
                container["readinessProbe"] = [
                    "httpGet": ["path": "/healthz", "port": .number(port)], "periodSeconds": 10,
                ]
            }
            return [
                "apiVersion": "apps/v1", "kind": "Deployment",
                "metadata": [
                    "name": .string(name), "namespace": .string(namespace), "labels": labels,
                    "annotations": ["kubernetes.io/change-cause": .string("deploy \(name) \(image)")],
                ],
                "spec": [
                    "replicas": .number(replicas), "selector": ["matchLabels": ["app": .string(name)]],
                    "template": ["metadata": ["labels": labels], "spec": ["containers": [container]]],
                ],
            ]
        }
    }

    static let registry = "ghcr.io/acme"

    static let all: [Service] = [
        Service(
            name: "api-gateway", team: "platform", port: 8080, cpu: "250m", memory: "256Mi", memoryLimit: "512Mi",
            env: [("LOG_LEVEL", "info"), ("UPSTREAM_TIMEOUT", "5s")],
            placements: [
                Placement(namespace: "development", replicas: 1, images: ["\(registry)/api-gateway:1.15.0"]),
                Placement(namespace: "staging", replicas: 2, images: ["\(registry)/api-gateway:1.14.2"]),
                Placement(
                    namespace: "production", replicas: 3,
                    images: ["\(registry)/api-gateway:1.14.0", "\(registry)/api-gateway:1.14.2"]),
            ]),
        Service(
            name: "payments", team: "payments", port: 8443, cpu: "500m", memory: "512Mi", memoryLimit: "1Gi",
            env: [("LOG_LEVEL", "info"), ("LEDGER_URL", "http://ledger:9000")],
            placements: [
                Placement(namespace: "development", replicas: 1, images: ["\(registry)/payments:2.4.0-rc.1"]),
                Placement(namespace: "staging", replicas: 2, images: ["\(registry)/payments:2.3.1"]),
                Placement(
                    namespace: "production", replicas: 3,
                    images: ["\(registry)/payments:2.2.0", "\(registry)/payments:2.3.0", "\(registry)/payments:2.3.1"]),
            ]),
        Service(
            name: "web-frontend", team: "web", port: 3000, cpu: "100m", memory: "128Mi", memoryLimit: "256Mi",
            env: [("NODE_ENV", "production")],
            placements: [
                Placement(namespace: "development", replicas: 1, images: ["\(registry)/web-frontend:3.9.0"]),
                Placement(namespace: "staging", replicas: 2, images: ["\(registry)/web-frontend:3.8.0"]),
                Placement(namespace: "production", replicas: 4, images: ["\(registry)/web-frontend:3.8.0"]),
            ]),
        Service(
            name: "security-worker", team: "security", port: 9090, cpu: "200m", memory: "256Mi", memoryLimit: "512Mi",
            env: [("QUEUE_URL", "amqp://rabbitmq:5672"), ("SCAN_CONCURRENCY", "4")],
            placements: [
                Placement(namespace: "development", replicas: 1, images: ["\(registry)/security-worker:0.9.3"]),
            ]),
    ]

    /// A StatefulSet or DaemonSet of the seed, with its image history (the last is current).
    struct OtherWorkload {
        var name: String
        var namespace: String
        /// `statefulsets` or `daemonsets`.
        var plural: String
        var replicas: Int?
        var port: Int
        var cpu: String
        var memory: String
        var memoryLimit: String
        var images: [String]

        func object(image: String) -> JSONValue {
            let labels: JSONValue = ["app": .string(name)]
            let container: JSONValue = [
                "name": .string(name), "image": .string(image),
                "ports": [["containerPort": .number(port)]],
                "resources": [
                    "requests": ["cpu": .string(cpu), "memory": .string(memory)], "limits": ["memory": .string(memoryLimit)],
                ],
            ]
            var spec: JSONValue = [
                "selector": ["matchLabels": labels],
                "template": ["metadata": ["labels": labels], "spec": ["containers": [container]]],
            ]
            if let replicas {
                spec["replicas"] = .number(replicas)
                spec["serviceName"] = .string(name)
            }
            return [
                "apiVersion": "apps/v1", "kind": .string(plural == "statefulsets" ? "StatefulSet" : "DaemonSet"),
                "metadata": ["name": .string(name), "namespace": .string(namespace), "labels": labels],
                "spec": spec,
            ]
        }
    }

    static let otherWorkloads: [OtherWorkload] = [
        OtherWorkload(name: "redis", namespace: "staging", plural: "statefulsets", replicas: 2, port: 6379, cpu: "250m",
                      memory: "512Mi", memoryLimit: "1Gi", images: ["docker.io/library/redis:7.2.4", "docker.io/library/redis:7.2.5"]),
        OtherWorkload(name: "log-agent", namespace: "staging", plural: "daemonsets", replicas: nil, port: 2020, cpu: "100m",
                      memory: "64Mi", memoryLimit: "128Mi", images: ["docker.io/fluent/fluent-bit:3.0.7"]),
    ]

    /// The LimitRange of every environment: at most 2 CPUs and 4Gi of memory per container.
    static func limitRange(namespace: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "LimitRange",
            "metadata": ["name": "container-limits", "namespace": .string(namespace)],
            "spec": ["limits": [["type": "Container", "max": ["cpu": "2", "memory": "4Gi"]]]],
        ]
    }
}
