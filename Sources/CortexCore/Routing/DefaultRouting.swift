/// The shipped specialists and task kinds. `routing.yaml` replaces either list.
///
/// The cues are the everyday vocabulary of each kind of work; a phrase of several words
/// counts once per word, so specific phrases outweigh the single words they contain.
enum DefaultRouting {
    static let specialists: [Specialist] = [
        Specialist(
            id: "development", name: "Development",
            domains: ["defect", "feature", "refactoring", "code-review", "unit-testing"],
            keywords: [
                "code", "codebase", "function", "method", "class", "module", "component", "library", "sdk",
                "api", "endpoint", "rest api", "graphql", "grpc", "query", "sql query", "orm", "schema", "table",
                "column", "frontend", "backend", "ui", "ux", "mobile app", "ios", "android", "screen",
                "form", "field", "button", "script", "checkout page", "cart", "invoice", "pdf", "signup", "profile",
                "customer records", "voucher", "coupon", "discount", "spinner", "link", "links", "tooltip", "dropdown",
                "checkbox", "autocomplete", "suggestions", "typing", "keyboard", "search box", "date picker",
                "calendar", "chart", "popup", "banner", "newsletter", "unsubscribe", "email", "emails", "order",
                "orders", "receipt", "receipts", "shipping", "address", "addresses", "customer", "user", "users",
                "avatar", "accessibility", "responsive", "layout", "localization", "i18n", "checkout", "price",
                "prices", "total", "currency", "tax", "locale", "controller", "view", "views", "domain model",
                "read model", "state management", "json", "xml", "csv", "parser", "regex", "algorithm", "async",
                "thread", "concurrency", "refresh", "reload", "date", "dates", "modal", "css", "html", "javascript", "typescript", "python",
                "java", "kotlin", "golang", "rust", "react", "vue", "angular", "django", "rails", "spring",
            ],
            capacity: 6, load: 2, costPerTask: .cents(4_000)),
        Specialist(
            id: "security", name: "Security",
            domains: ["vulnerability", "access-control", "secrets", "security-incident", "compliance"],
            keywords: [
                "security", "secure", "insecure", "attack", "attacker", "threat", "threat model", "firewall",
                "security group", "network policy", "vpn", "zero trust", "waf", "okta", "vault", "kms", "hsm",
                "encrypt", "encryption", "encrypted", "tls", "ssl", "cipher", "sha 1", "malware", "antivirus",
                "public", "publicly", "internet", "exposed", "exposure", "open port", "bucket", "root account",
                "dmarc", "spf", "dkim", "spoofed", "spoofing", "hardening", "harden", "lock down", "open to everyone",
                "plain text", "plaintext", "hash", "hashed", "cookie", "cookies", "httponly", "secure flag", "session",
                "sessions", "rate limiting", "rate limit", "questionnaire", "security questionnaire", "default admin",
                "default password", "default credentials", "as root", "root", "privileged", "seccomp", "apparmor",
                "selinux", "sudo", "ports", "open ports", "port scan", "scanning", "allowlist", "denylist", "captcha",
                "bots", "fraud", "account takeover", "jwt", "csp", "cors", "hsts", "security headers",
            ],
            capacity: 4, load: 1, costPerTask: .cents(6_000)),
        Specialist(
            id: "cicd", name: "CI/CD",
            domains: ["pipeline", "release-automation"],
            keywords: [
                "jenkins", "github actions", "gitlab ci", "travis", "circleci", "buildkite", "tekton", "argo cd",
                "argocd", "flux", "spinnaker", "nexus", "artifactory", "docker hub", "dockerfile", "docker build",
                "registry", "container registry", "merge", "merges", "merge queue", "branch protection", "status check",
                "required check", "bazel", "gradle", "maven", "npm install", "yarn", "gems", "bundler",
                "testflight", "fastlane", "app store", "play store", "gitops", "renovate", "argo rollouts", "helm chart",
                "github releases", "terraform plan", "commit sha", "release branch", "release candidate",
                "release candidates", "ci system", "ci server", "build server", "arm runners",
            ],
            capacity: 5, load: 2, costPerTask: .cents(3_500)),
        Specialist(
            id: "documentation", name: "Inventory and documentation",
            domains: ["documentation", "inventory"],
            keywords: [
                "confluence", "backstage", "notion", "markdown", "spreadsheet", "wiki", "handbook", "docs site",
                "knowledge base", "cmdb", "faq",
            ],
            capacity: 4, load: 1, costPerTask: .cents(2_500)),
        Specialist(
            id: "operations", name: "Operations",
            domains: ["incident", "capacity", "maintenance", "observability"],
            keywords: [
                "production", "prod", "cluster", "node", "nodes", "pod", "pods", "kubernetes", "k8s", "kubelet",
                "server", "servers", "instance", "instances", "vm", "ec2", "load balancer", "ingress", "nginx",
                "haproxy", "cdn", "database", "primary database", "read replica", "redis", "memcached", "kafka",
                "rabbitmq", "broker", "queue", "elasticsearch", "region", "availability zone", "terraform",
                "infrastructure", "postgres", "mysql", "datadog", "new relic", "pagerduty", "grafana", "prometheus", "loki",
            ],
            capacity: 5, load: 2, costPerTask: .cents(4_500)),
    ]

    static let kinds: [TaskKindDefinition] = [
        // Development
        TaskKindDefinition(id: "defect", cues: [
            "bug", "bugs", "defect", "fix", "cuts off", "off by", "cents", "lets people", "allows users", "logs out",
            "loses", "mismatch", "randomly", "lag", "lags", "404s", "blank", "empty", "missing", "show", "gets", "crash", "crashes", "freezes", "hangs", "flickers", "exception",
            "null pointer", "undefined", "stack trace", "error message", "regression", "off by one", "wrong",
            "incorrect", "broken", "ignores", "twice", "duplicate", "typo", "edge case", "race condition",
            "deadlock", "infinite loop", "memory leak", "renders", "display", "shows", "accepts", "rejects",
            "rounding", "calculation", "timezone", "encoding", "unicode", "instead of", "does not", "doesn't",
            "isn't", "not working", "users report",
        ]),
        TaskKindDefinition(id: "feature", cues: [
            "implement", "feature", "new feature", "add support", "support for", "export", "import", "upload",
            "download", "webhook", "handler", "resolver", "pagination", "sort", "filter", "search", "feature flag",
            "user story", "prototype", "dark mode", "settings", "notification", "email template", "retry",
            "backoff", "caching layer", "serialize", "parse", "validation", "integration with", "build the backend",
            "add sorting", "merges", "add an option", "option to", "support multiple", "ability to", "allow users",
            "let users", "new page", "new screen", "redesign",
        ]),
        TaskKindDefinition(id: "refactoring", cues: [
            "refactor", "refactoring", "clean up", "dead code", "deprecated", "technical debt", "tech debt",
            "rewrite", "port", "split", "extract", "rename", "monolith", "legacy code", "simplify", "faster query",
            "optimize", "full table scan", "slow query", "library upgrade", "replace",
        ]),
        TaskKindDefinition(id: "code-review", cues: [
            "review", "pull request", "code review", "merge request", "diff", "pair programming",
        ]),
        TaskKindDefinition(id: "unit-testing", cues: [
            "unit test", "unit tests", "test case", "test cases", "mock", "mocks", "fixture", "write tests",
            "tests for", "test for",
        ]),
        // Security
        TaskKindDefinition(id: "vulnerability", cues: [
            "vulnerability", "vulnerabilities", "vulnerable", "cve", "exploit", "zero day", "injection",
            "sql injection", "xss", "csrf", "ssrf", "rce", "deserialization", "pen test", "pentest", "penetration",
            "dependabot", "snyk", "npm audit", "sast", "dast", "log4j", "openssl", "security patch",
            "security advisory", "disclosure", "bug bounty", "scan", "scanner", "known vulnerabilities",
            "supply chain", "malicious package", "typosquatting",
        ]),
        TaskKindDefinition(id: "access-control", cues: [
            "rbac", "iam", "iam policy", "permission", "permissions", "admin rights", "admin access", "privilege",
            "privileges", "least privilege", "access review", "role", "roles", "service account", "single sign on",
            "sso", "saml", "oidc", "mfa", "2fa", "two factor", "oauth", "who has access", "access to",
            "read only access", "restrict", "publicly readable", "public access", "offboarding", "login", "logins",
            "sign in", "authentication", "unauthenticated", "without authentication", "authorization",
            "remove access", "revoke access", "left the company", "leavers", "deprovision", "admin console", "access list",
            "access", "has access", "still has access", "former employee", "admin account", "disable the",
        ]),
        TaskKindDefinition(id: "secrets", cues: [
            "secret", "secrets", "leaked", "leak", "credential", "credentials", "password", "passwords",
            "without a password", "access key", "api key", "api token", "token", "tokens", "ssh key", "private key",
            "rotate", "rotation", "revoke", "committed", "encrypt", "encryption", "turn on encryption", "at rest",
            "secrets manager",
        ]),
        TaskKindDefinition(id: "security-incident", cues: [
            "suspicious", "phishing", "phished", "social engineering", "breach", "intrusion", "compromised",
            "stolen", "lost laptop", "brute force", "credential stuffing", "failed login", "failed login attempts",
            "malicious", "outbound traffic", "ddos", "ransomware", "anomaly", "unauthorized",
        ]),
        TaskKindDefinition(id: "compliance", cues: [
            "compliance", "soc 2", "soc2", "iso 27001", "gdpr", "hipaa", "pci", "pii", "personal data",
            "credit card", "audit", "auditor", "evidence", "data deletion", "data protection", "privacy",
            "risk assessment", "security review", "auditors", "everyone with",
        ]),
        // CI/CD
        TaskKindDefinition(id: "pipeline", cues: [
            "pipeline", "pipelines", "ci", "continuous integration", "build", "builds", "build time",
            "nightly build", "failing build", "broken build", "compile", "workflow", "workflows", "runner",
            "runners", "runner group", "build agent", "executor", "job", "jobs", "stage", "step", "matrix",
            "flaky", "flake", "red", "lint", "linter", "static analysis", "coverage", "code coverage",
            "quality gate", "cache", "caching", "layer caching", "dependency cache", "reinstall",
            "preview environment", "ephemeral environment", "end to end", "e2e", "integration tests", "test suite", "docker image", "base image", "image build", "images", "multi arch", "helm upgrade",
            "sync", "gate", "monorepo", "affected tests", "smoke tests", "install dependencies", "dependency bump",
            "dependency updates", "main branch", "after every deploy", "ci minutes", "pull request", "pull requests",
            "on every", "should run", "run on", "fail the pipeline", "push images", "tagged", "check to",
            "manual approval", "approval", "times out on",
        ]),
        TaskKindDefinition(id: "release-automation", cues: [
            "release", "releases", "release process", "tag", "tagging", "publish", "publishes", "artifact",
            "artifacts", "version bump", "semantic version", "canary", "promote", "promotes", "continuous delivery",
            "continuous deployment", "delivery pipeline", "deploy step", "deploy job", "deployment pipeline",
            "signing", "approval gate", "package", "packages", "automatically", "automate",
            "blue green", "sbom", "provenance", "binaries", "bump", "bumped", "progressive delivery", "rollouts", "changelog",
        ]),
        // Inventory and documentation
        TaskKindDefinition(id: "documentation", cues: [
            "document", "documentation", "docs", "readme", "runbook", "runbooks", "playbook", "guide",
            "onboarding guide", "how to", "tutorial", "wiki", "wiki page", "handbook", "manual", "user manual",
            "user guide", "troubleshooting section", "diagram", "architecture diagram", "architecture page", "adr",
            "decision record", "design doc", "rfc", "release notes", "changelog entry", "glossary", "docstring",
            "docstrings", "examples", "api reference", "openapi", "swagger", "template", "explain", "describe",
            "translate", "write up", "summarise", "summarize", "summary", "overview", "out of date", "outdated",
            "help centre", "help center", "write down", "steps to", "page explaining", "explaining", "short guide",
            "procedure", "instructions", "explanation", "explain how", "how our", "section", "section on",
            "developer portal", "getting started", "mentions", "still mentions", "slides", "presentation",
            "for management", "summary of", "one page",
        ]),
        TaskKindDefinition(id: "inventory", cues: [
            "inventory", "list", "list every", "list all", "list of", "catalogue", "catalog", "service catalogue",
            "service catalog", "which versions", "which teams", "which repositories", "which services",
            "which of our", "who uses", "who owns", "owner", "owners", "ownership", "contact person",
            "point of contact", "codeowners", "cost centre", "cost center", "spreadsheet", "how many", "count",
            "track down", "expire", "expiry", "still run", "still use", "asset", "assets", "licenses",
            "subscriptions", "vendors", "unused", "sheet", "table of", "gather", "find every", "every place",
            "into one", "compile a list", "map out", "record which", "which", "who is responsible",
            "responsible for", "what runs", "exist",
        ]),
        // Operations
        TaskKindDefinition(id: "incident", cues: [
            "outage", "down", "downtime", "incident", "unavailable", "unreachable", "degraded", "500s", "502",
            "503", "504", "502s", "5xx", "error rate", "latency", "timeouts", "slow responses", "on call",
            "paging", "notready", "not ready", "oomkilled", "crashloop", "crashloopbackoff", "evicted", "pending", "failed over", "failover", "can't connect", "not resolving",
            "spiking", "spike", "replication lag", "roll back", "rollback", "restart", "flap",
            "flapping", "p99", "p95", "went from", "out of disk", "out of memory", "running out", "every few minutes",
            "response times", "doubled", "after the deploy", "yellow", "shards", "unassigned", "swapping", "stuck",
            "running for", "hours", "routed to", "errors in production",
        ]),
        TaskKindDefinition(id: "capacity", cues: [
            "scale", "scale up", "scaling", "capacity", "autoscaler", "autoscaling", "hpa", "traffic", "load",
            "throttling", "limits", "cpu", "memory usage", "bigger instances", "instance type", "connection pool",
            "max connections", "connections", "at peak", "growth", "growing", "backlog", "messages", "reserve capacity",
            "launch", "idle resources", "cloud bill", "save money", "spot instances",
            "reserved instances", "right size", "rightsizing", "headroom", "high availability", "multi az",
        ]),
        TaskKindDefinition(id: "maintenance", cues: [
            "upgrade the kubernetes", "cluster upgrade", "backup", "backups", "restore", "snapshot",
            "disaster recovery", "dns", "renew", "renewal", "expiring", "cron", "cron job", "disk", "disk space",
            "disk full", "full", "volume", "storage", "log shipping", "drain", "cordon", "kernel", "os patching",
            "maintenance window", "no downtime", "provisioning", "data centre", "data center", "migrate the vms",
            "vms", "status page", "expires", "certificate", "certificate expiry", "deleted", "versioning",
            "log retention", "retention", "filling up", "fills up", "etl", "batch job", "more memory",
        ]),
        TaskKindDefinition(id: "observability", cues: [
            "alert", "alerting", "alerts", "dashboard", "dashboards", "monitoring", "monitor", "metrics",
            "logging", "logs", "tracing", "slo", "sla", "sli", "uptime", "uptime checks", "health check",
            "health checks", "probe", "probes", "queue depth",
        ]),
    ]
}
