public import CortexCore
public import CortexKube
import Foundation

/// The team's settings from `config.yaml` in the configuration folder:
///
///     version: 1
///     image-template: registry.example.com/{service}:{version}
///     canary-check: 2m          # how long a new canary is watched before promote or abort
///     environments:
///       production: { aliases: [prd, live], context: prod-eu, namespace: shop }
///       qa: { aliases: [test] }
///     llm:
///       understand: auto
///       url: http://127.0.0.1:8080/v1
///       model: qwen2.5-coder
///
/// Environments listed are added to the standard three (or give them aliases and a place);
/// each lives in the named context (default: the current one) and namespace (default: its
/// name). Unknown keys and bad values are errors naming file, line and key.
public struct ShellConfiguration: Equatable, Sendable {
    public var environments: EnvironmentCatalog = .standard
    public var placements = EnvironmentClusterMap()
    public var imageTemplate = ImageTemplate()
    /// How long a canary's health is watched after it starts (`canary-check`, default 2m).
    public var canaryCheck: Duration = .seconds(120)
    /// The `llm:` section: the endpoint and how it is used (see `LLMSettings`).
    public var llm = LLMConfigSection()
    /// Where audit chain, approvals and ledgers live (`state: cluster` shares them).
    public var state: StateKind?
    /// The namespace of shared state (`state-namespace`, default `cortex-system`).
    public var stateNamespace: String?

    public init() {}

    /// The configuration in `path`, or the defaults when the file does not exist. Without a
    /// file, nothing of Foundation is started (a `stat` answers).
    public static func load(path: String) throws(CortexError) -> ShellConfiguration {
        var info = stat()
        guard stat(path, &info) == 0 else { return ShellConfiguration() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .usage("cannot read the configuration file \(path)", hint: "check its permissions, or move it away")
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path)
    }

    /// Reads configuration text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(CortexError) -> ShellConfiguration {
        func fail(_ line: Int, _ key: String?, _ problem: String) -> CortexError {
            .usage(PolicyIssue(file: file, line: line, key: key, problem: problem).description,
                   hint: "fix \(file), or set CORTEX_CONFIG to another file")
        }
        let root: PolicyNode
        switch PolicyYAML.tree(text, file: file) {
        case .success(let node): root = node
        case .failure(let issue): throw .usage(issue.description, hint: "fix \(file), or set CORTEX_CONFIG to another file")
        }
        guard case .map(let top) = root.value else { throw fail(root.line, nil, "the configuration is a mapping of settings") }
        var config = ShellConfiguration()
        var version: Int?
        for entry in top {
            switch entry.key {
            case "version":
                guard case .scalar(let v) = entry.value.value, Int(v) == 1 else {
                    throw fail(entry.line, "version", "this cortex reads configuration version 1")
                }
                version = 1
            case "image-template":
                guard case .scalar(let pattern) = entry.value.value, pattern.contains("{version}") else {
                    throw fail(entry.line, "image-template", "a text with {version} (and usually {service}), e.g. registry.example.com/{service}:{version}")
                }
                config.imageTemplate = ImageTemplate(pattern)
            case "canary-check":
                guard case .scalar(let text) = entry.value.value, let seconds = PolicyDuration.seconds(text), seconds > 0 else {
                    throw fail(entry.line, "canary-check", "a length of time such as 90s, 2m or 1h")
                }
                config.canaryCheck = .milliseconds(Int64((seconds * 1000).rounded()))
            case "environments":
                guard case .map(let envs) = entry.value.value else {
                    throw fail(entry.line, "environments", "a mapping from environment name to its settings")
                }
                for env in envs {
                    let name = env.key.lowercased()
                    guard ServiceName.isValid(name) else { throw fail(env.line, env.key, "an environment name is lowercase letters, digits and -") }
                    var aliases: [String] = []
                    var placement = EnvironmentPlacement()
                    if case .map(let settings) = env.value.value {
                        for setting in settings {
                            switch (setting.key, setting.value.value) {
                            case ("aliases", .list(let items)):
                                for item in items {
                                    guard case .scalar(let alias) = item.value else { throw fail(item.line, "aliases", "each alias is a word") }
                                    aliases.append(alias.lowercased())
                                }
                            case ("context", .scalar(let context)): placement.context = context
                            case ("namespace", .scalar(let namespace)):
                                guard ServiceName.isValid(namespace) else { throw fail(setting.line, "namespace", "not a valid namespace name") }
                                placement.namespace = namespace
                            case ("aliases", _), ("context", _), ("namespace", _):
                                throw fail(setting.line, setting.key, "has the wrong shape (aliases: a list; context, namespace: a word)")
                            default:
                                throw fail(setting.line, setting.key, "unknown key (an environment has: aliases, context, namespace)")
                            }
                        }
                    } else if env.value.value != .null {
                        throw fail(env.line, env.key, "an environment's settings are a mapping of aliases, context, namespace")
                    }
                    if let other = aliases.first(where: { config.environments.canonical($0).map { $0 != name } ?? false }) {
                        throw fail(env.line, env.key, "alias `\(other)` already names \(config.environments.canonical(other)!)")
                    }
                    config.environments.add(EnvironmentDefinition(name: name, aliases: aliases))
                    if placement != EnvironmentPlacement() { config.placements.placements[name] = placement }
                }
            case "llm":
                guard case .map(let settings) = entry.value.value else {
                    throw fail(entry.line, "llm", "a mapping of LLM settings (\(LLMConfigSection.keys.joined(separator: ", ")))")
                }
                for setting in settings {
                    guard case .scalar(let value) = setting.value.value else {
                        throw fail(setting.line, setting.key, "takes a single value")
                    }
                    if let problem = config.llm.set(setting.key, value) { throw fail(setting.line, setting.key, problem) }
                }
            case "state":
                guard case .scalar(let value) = entry.value.value, let kind = StateKind(rawValue: value) else {
                    throw fail(entry.line, "state", "is file (the state folder, the default) or cluster (shared through the cluster)")
                }
                config.state = kind
            case "state-namespace":
                guard case .scalar(let value) = entry.value.value, ServiceName.isValid(value) else {
                    throw fail(entry.line, "state-namespace", "is a namespace name: lowercase letters, digits and -")
                }
                config.stateNamespace = value
            default:
                throw fail(entry.line, entry.key, "unknown key (the configuration has: version, image-template, canary-check, environments, llm, state, state-namespace)")
            }
        }
        guard version != nil else { throw fail(root.line, "version", "missing: the configuration starts with 'version: 1'") }
        return config
    }
}
