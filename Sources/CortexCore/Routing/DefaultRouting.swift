/// The shipped specialists and task kinds. `routing.yaml` replaces either list.
enum DefaultRouting {
    static let specialists: [Specialist] = [
        Specialist(
            id: "development", name: "Development",
            domains: ["defect", "feature", "refactoring", "code-review", "unit-testing"],
            keywords: ["code", "function", "method", "class", "module", "library", "sdk", "api", "endpoint",
                       "query", "frontend", "backend", "ui", "app", "form", "page", "orm", "schema", "table", "column",
                       "migration"],
            capacity: 6, load: 2, costPerTask: .cents(4_000)),
        Specialist(
            id: "security", name: "Security",
            domains: ["vulnerability", "access-control", "secrets", "security-incident", "compliance"],
            keywords: ["security", "secure", "attack", "attacker", "threat", "firewall", "vpn", "okta", "vault",
                       "kms", "encrypt", "encryption", "tls", "ssl", "malware", "bucket"],
            capacity: 4, load: 1, costPerTask: .cents(6_000)),
        Specialist(
            id: "cicd", name: "CI/CD",
            domains: ["pipeline", "release-automation"],
            keywords: ["jenkins", "github actions", "gitlab ci", "travis", "circleci", "argo cd", "argocd",
                       "tekton", "buildkite", "nexus", "artifactory", "docker hub", "merge", "merges"],
            capacity: 5, load: 2, costPerTask: .cents(3_500)),
        Specialist(
            id: "documentation", name: "Inventory and documentation",
            domains: ["documentation", "inventory"],
            keywords: ["confluence", "backstage", "notion", "markdown", "spreadsheet", "wiki", "handbook", "docs site"],
            capacity: 4, load: 1, costPerTask: .cents(2_500)),
        Specialist(
            id: "operations", name: "Operations",
            domains: ["incident", "capacity", "maintenance", "observability"],
            keywords: ["production", "prod", "cluster", "node", "nodes", "pod", "pods", "kubernetes", "server",
                       "instances", "load balancer", "database", "redis", "broker", "grafana", "prometheus",
                       "elasticsearch", "region", "downtime"],
            capacity: 5, load: 2, costPerTask: .cents(4_500)),
    ]

    static let kinds: [TaskKindDefinition] = [
        // Development
        TaskKindDefinition(id: "defect", cues: [
            "bug", "defect", "crash", "crashes", "exception", "null pointer", "stack trace", "regression",
            "off by one", "wrong", "incorrect", "broken", "ignores", "doesn't", "does not", "memory leak",
            "renders", "typo", "edge case", "race condition", "deadlock", "infinite loop",
        ]),
        TaskKindDefinition(id: "feature", cues: [
            "implement", "feature", "new feature", "add support", "export", "import", "webhook", "handler",
            "resolver", "pagination", "feature flag", "user story", "prototype", "integration with",
            "retry", "backoff", "caching layer", "serialize", "parse", "validation",
        ]),
        TaskKindDefinition(id: "refactoring", cues: [
            "refactor", "refactoring", "clean up", "dead code", "deprecated", "technical debt", "tech debt",
            "rewrite", "split", "extract", "rename", "monolith", "legacy code", "simplify",
            "faster", "optimize", "full table scan", "slow query",
        ]),
        TaskKindDefinition(id: "code-review", cues: [
            "review", "pull request", "code review", "merge request", "diff",
        ]),
        TaskKindDefinition(id: "unit-testing", cues: [
            "unit test", "unit tests", "test case", "mock", "fixture", "test coverage",
        ]),
        // Security
        TaskKindDefinition(id: "vulnerability", cues: [
            "vulnerability", "vulnerabilities", "vulnerable", "cve", "exploit", "injection", "sql injection",
            "xss", "csrf", "ssrf", "pen test", "pentest", "penetration", "dependabot", "snyk", "log4j",
            "openssl", "patch", "security advisory", "disclosure", "bug bounty", "scan", "known vulnerabilities",
        ]),
        TaskKindDefinition(id: "access-control", cues: [
            "rbac", "iam", "permission", "permissions", "admin rights", "privilege", "least privilege",
            "access review", "role", "roles", "service account", "single sign on", "sso", "mfa", "2fa",
            "two factor", "oauth", "saml", "who has access", "access to", "restrict", "publicly readable",
            "public access",
        ]),
        TaskKindDefinition(id: "secrets", cues: [
            "secret", "secrets", "leaked", "leak", "credential", "credentials", "password", "passwords",
            "access key", "api key", "api token", "token", "tokens", "private key", "rotate", "rotation",
            "revoke", "committed", "encrypt", "at rest",
        ]),
        TaskKindDefinition(id: "security-incident", cues: [
            "suspicious", "phishing", "phished", "breach", "intrusion", "compromised", "brute force",
            "failed login", "failed login attempts", "malicious", "outbound traffic", "ddos", "ransomware",
        ]),
        TaskKindDefinition(id: "compliance", cues: [
            "compliance", "soc 2", "soc2", "iso 27001", "gdpr", "hipaa", "pci", "audit", "evidence",
            "data deletion", "data protection", "privacy",
        ]),
        // CI/CD
        TaskKindDefinition(id: "pipeline", cues: [
            "pipeline", "pipelines", "ci", "continuous integration", "build", "builds", "nightly build",
            "workflow", "workflows", "runner", "runners", "build agent", "job", "jobs", "stage", "step",
            "flaky", "red", "lint", "coverage", "code coverage", "cache", "caching", "layer caching",
            "preview environment", "preview environments", "end to end", "integration tests",
            "docker image", "base image", "images", "multi arch", "helm upgrade", "sync", "gate",
        ]),
        TaskKindDefinition(id: "release-automation", cues: [
            "release", "releases", "tag", "tagging", "publish", "publishes", "artifact", "artifacts",
            "version bump", "semantic version", "canary", "promote", "promotes", "continuous delivery",
            "continuous deployment", "delivery pipeline", "signing", "approval gate", "package",
        ]),
        // Inventory and documentation
        TaskKindDefinition(id: "documentation", cues: [
            "document", "documentation", "docs", "readme", "runbook", "runbooks", "guide", "onboarding guide",
            "how to", "tutorial", "wiki", "wiki page", "handbook", "manual", "user manual", "diagram",
            "architecture diagram", "adr", "decision record", "release notes", "changelog entry", "glossary",
            "docstring", "docstrings", "examples", "openapi", "swagger", "template", "explain", "describe",
            "translate", "write up", "summarise", "summarize", "out of date", "help centre", "help center",
        ]),
        TaskKindDefinition(id: "inventory", cues: [
            "inventory", "list every", "list all", "list of", "catalogue", "catalog", "service catalogue",
            "service catalog", "which versions", "which teams", "which repositories", "which services",
            "who uses", "owner", "owners", "ownership", "codeowners", "cost centre", "cost center",
            "spreadsheet", "how many", "track down", "expire", "expiry",
            "asset", "assets", "licenses",
        ]),
        // Operations
        TaskKindDefinition(id: "incident", cues: [
            "outage", "down", "incident", "502", "503", "504", "500s", "502s", "error rate", "latency",
            "on call", "paging", "notready", "not ready", "oomkilled", "crashloop",
            "crashloopbackoff", "failed over", "failover", "can't connect", "not resolving", "spiking",
            "unreachable", "replication lag", "roll back", "rollback", "degraded",
        ]),
        TaskKindDefinition(id: "capacity", cues: [
            "scale", "scale up", "scaling", "capacity", "autoscaler", "autoscaling", "traffic", "load",
            "throttling", "limits", "bigger instances", "connection pool", "max connections", "growth",
            "idle resources", "cloud bill", "right size", "rightsizing", "headroom",
        ]),
        TaskKindDefinition(id: "maintenance", cues: [
            "upgrade the kubernetes", "cluster upgrade", "backup", "backups", "restore", "disaster recovery",
            "dns", "certificate", "renew", "expiring", "cron", "cron job", "disk", "disk full", "full",
            "log shipping", "drain", "kernel", "patching", "maintenance window", "no downtime",
        ]),
        TaskKindDefinition(id: "observability", cues: [
            "alert", "alerting", "alerts", "dashboard", "dashboards", "monitoring", "metrics", "logging",
            "logs", "tracing", "slo", "sli", "uptime", "grafana", "prometheus", "queue depth",
        ]),
    ]
}
