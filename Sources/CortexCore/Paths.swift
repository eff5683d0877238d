/// Where cortex keeps its files, following the XDG base directories. Every path can be
/// overridden by a flag (passed in `overrides`) or a `CORTEX_*` environment variable.
public struct CortexPaths: Equatable, Sendable {
    /// `$XDG_CONFIG_HOME/cortex` (default `~/.config/cortex`).
    public var configDirectory: String
    /// `$XDG_STATE_HOME/cortex` (default `~/.local/state/cortex`).
    public var stateDirectory: String
    public var configFile: String
    public var historyFile: String
    public var auditLog: String

    /// Paths given on the command line; they win over the environment.
    public struct Overrides: Sendable {
        public var configFile: String?
        public var historyFile: String?
        public var auditLog: String?
        public init(configFile: String? = nil, historyFile: String? = nil, auditLog: String? = nil) {
            self.configFile = configFile
            self.historyFile = historyFile
            self.auditLog = auditLog
        }
    }

    /// Resolves every path from the process environment and the command-line overrides.
    /// Fails only when neither `HOME` nor the XDG variables say where home is.
    public static func resolve(environment env: [String: String], overrides: Overrides = .init()) throws(CortexError) -> CortexPaths {
        let config = try configDirectory(environment: env)
        let state = try stateDirectory(environment: env)
        func nonEmpty(_ key: String) -> String? { env[key].flatMap { $0.isEmpty ? nil : $0 } }
        return CortexPaths(
            configDirectory: config,
            stateDirectory: state,
            configFile: overrides.configFile ?? nonEmpty("CORTEX_CONFIG") ?? config + "/config.yaml",
            historyFile: overrides.historyFile ?? nonEmpty("CORTEX_HISTORY_FILE") ?? state + "/history",
            auditLog: overrides.auditLog ?? nonEmpty("CORTEX_AUDIT_LOG") ?? state + "/audit.jsonl")
    }

    /// `CORTEX_CONFIG_DIR`, else `$XDG_CONFIG_HOME/cortex`, else `~/.config/cortex`.
    public static func configDirectory(environment env: [String: String]) throws(CortexError) -> String {
        try directory(env, override: "CORTEX_CONFIG_DIR", xdg: "XDG_CONFIG_HOME", fallback: ".config")
    }

    /// `CORTEX_STATE_DIR`, else `$XDG_STATE_HOME/cortex`, else `~/.local/state/cortex`.
    public static func stateDirectory(environment env: [String: String]) throws(CortexError) -> String {
        try directory(env, override: "CORTEX_STATE_DIR", xdg: "XDG_STATE_HOME", fallback: ".local/state")
    }

    static func directory(_ env: [String: String], override: String, xdg: String, fallback: String) throws(CortexError) -> String {
        if let v = env[override], !v.isEmpty { return v }
        // The XDG spec says relative paths in these variables are invalid and to be ignored.
        if let v = env[xdg], v.hasPrefix("/") { return v + "/cortex" }
        guard let home = env["HOME"], !home.isEmpty else {
            throw .usage("cannot tell where to keep cortex's files: HOME and \(xdg) are unset",
                         hint: "set HOME, or \(xdg) to an absolute path")
        }
        return home + "/" + fallback + "/cortex"
    }
}
