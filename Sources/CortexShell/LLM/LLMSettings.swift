public import CortexCore

/// What the command line said about understanding (`--understand`, `--llm-*`, `--prompts`).
public struct LLMOptions: Equatable, Sendable {
    public var understand: String?
    public var url: String?
    public var model: String?
    public var provider: String?
    public var dialect: String?
    public var promptsFolder: String?

    public init(understand: String? = nil, url: String? = nil, model: String? = nil, provider: String? = nil,
                dialect: String? = nil, promptsFolder: String? = nil) {
        self.understand = understand
        self.url = url
        self.model = model
        self.provider = provider
        self.dialect = dialect
        self.promptsFolder = promptsFolder
    }
}

/// The `llm:` section of `config.yaml`, as written; checked when the settings are resolved.
///
///     llm:
///       understand: auto            # local (default), llm or auto
///       provider: openai            # openai (any OpenAI-compatible server) or anthropic
///       url: http://127.0.0.1:8080/v1
///       model: qwen2.5-coder-0.5b
///       dialect: json_schema        # or json_object (llama-cpp-python)
///       schema: per-operation       # or flat (OpenAI's strict mode; automatic for api.openai.com)
///       threshold: 0.6              # auto asks the model below this parser confidence
///       timeout: 30                 # seconds for one call
///       max-tokens: 256
///       api-key-command: pass show cortex/llm   # prints the key; instead of a key variable
///       prompts: /etc/cortex/prompts            # system.md and examples.jsonl
public struct LLMConfigSection: Equatable, Sendable {
    public var values: [String: String] = [:]

    public static let keys = ["understand", "provider", "url", "model", "dialect", "schema", "threshold", "timeout",
                              "max-tokens", "api-key-command", "prompts"]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// Stores one setting; a problem when the key is not one of `keys`.
    mutating func set(_ key: String, _ value: String) -> String? {
        guard Self.keys.contains(key) else { return "unknown key (llm has: \(Self.keys.joined(separator: ", ")))" }
        values[key] = value
        return nil
    }

    public subscript(key: String) -> String? { values[key].flatMap { $0.isEmpty ? nil : $0 } }
}

/// How sentences are understood in this process: the mode, and for `llm` and `auto` the
/// endpoint, the key's source and the prompt. Flags win over environment variables, which win
/// over `config.yaml`.
public struct LLMSettings: Sendable {
    public var mode: UnderstandingMode
    /// Nil when no endpoint is configured (then only `local` is possible).
    public var endpoint: LLMEndpoint?
    public var threshold: Double
    public var apiKeyCommand: String?
    /// A folder with `system.md` and `examples.jsonl`; nil for the built-in prompt.
    public var promptsFolder: String?

    public init(mode: UnderstandingMode = .local, endpoint: LLMEndpoint? = nil, threshold: Double = ModeUnderstander.defaultThreshold,
                apiKeyCommand: String? = nil, promptsFolder: String? = nil) {
        self.mode = mode
        self.endpoint = endpoint
        self.threshold = threshold
        self.apiKeyCommand = apiKeyCommand
        self.promptsFolder = promptsFolder
    }

    static let hint = "set --llm-url and --llm-model (or CORTEX_LLM_URL and CORTEX_LLM_MODEL, or llm: url/model in config.yaml)"

    public static func resolve(_ flags: LLMOptions, environment env: [String: String], config: LLMConfigSection) throws(CortexError) -> LLMSettings {
        func pick(_ flag: String?, _ variable: String, _ key: String) -> String? {
            if let flag, !flag.isEmpty { return flag }
            if let v = env[variable], !v.isEmpty { return v }
            return config[key]
        }
        var settings = LLMSettings()
        if let word = pick(flags.understand, "CORTEX_UNDERSTAND", "understand") {
            guard let mode = UnderstandingMode(rawValue: word.lowercased()) else {
                throw .usage("unknown understanding mode `\(word)`", hint: "choose local, llm or auto")
            }
            settings.mode = mode
        }
        settings.promptsFolder = pick(flags.promptsFolder, "CORTEX_PROMPTS_DIR", "prompts")
        settings.apiKeyCommand = config["api-key-command"]
        if let text = config["threshold"] {
            guard let t = Double(text), t >= 0, t <= 1 else { throw .usage("llm threshold `\(text)` is not a number from 0 to 1") }
            settings.threshold = t
        }

        var provider = LLMProvider.openai
        if let word = pick(flags.provider, "CORTEX_LLM_PROVIDER", "provider") {
            guard let p = LLMProvider(rawValue: word.lowercased()) else {
                throw .usage("unknown LLM provider `\(word)`", hint: "choose openai (any OpenAI-compatible server) or anthropic")
            }
            provider = p
        }
        let url = pick(flags.url, "CORTEX_LLM_URL", "url") ?? (provider == .anthropic ? "https://api.anthropic.com" : nil)
        let model = pick(flags.model, "CORTEX_LLM_MODEL", "model")
        if let url {
            let lower = url.lowercased()
            guard lower.hasPrefix("http://") || lower.hasPrefix("https://"), LoopbackHost.host(of: url) != nil else {
                throw .usage("LLM endpoint `\(url)` is not an http:// or https:// URL", hint: "e.g. http://127.0.0.1:8080/v1")
            }
            guard let model else { throw .usage("no LLM model named for \(url)", hint: "set --llm-model, CORTEX_LLM_MODEL or llm: model") }
            var endpoint = LLMEndpoint(provider: provider, baseURL: url, model: model)
            if let word = pick(flags.dialect, "CORTEX_LLM_DIALECT", "dialect") {
                guard let dialect = SchemaDialect(rawValue: word.lowercased()) else {
                    throw .usage("unknown schema dialect `\(word)`", hint: "choose json_schema or json_object")
                }
                endpoint.dialect = dialect
            }
            switch config["schema"] {
            case "flat"?: endpoint.schemaShape = .flat
            case "per-operation"?: endpoint.schemaShape = .perOperation
            case nil: if LoopbackHost.host(of: url)?.lowercased().hasSuffix("openai.com") == true { endpoint.schemaShape = .flat }
            case let other?: throw .usage("llm schema `\(other)` is neither per-operation nor flat")
            }
            if let text = config["timeout"] {
                guard let seconds = Double(text), seconds > 0, seconds <= 600 else { throw .usage("llm timeout `\(text)` is not a number of seconds up to 600") }
                endpoint.timeouts.total = .milliseconds(Int64(seconds * 1000))
            }
            if let text = config["max-tokens"] {
                guard let n = Int(text), n >= 16, n <= 8192 else { throw .usage("llm max-tokens `\(text)` is not a whole number from 16 to 8192") }
                endpoint.maxTokens = n
            }
            settings.endpoint = endpoint
        }
        if settings.mode != .local && settings.endpoint == nil {
            throw .usage("--understand \(settings.mode.rawValue) needs an LLM endpoint", hint: hint)
        }
        return settings
    }
}
