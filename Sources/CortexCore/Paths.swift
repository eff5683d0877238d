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
        func nonEmpty(_ key: String) -> String? {
            guard let v = env[key], !v.isEmpty else { return nil }
            return v
        }
        let home = nonEmpty("HOME")
        // The XDG spec says relative paths in these variables are invalid and to be ignored.
        func xdg(_ key: String, _ fallback: String) throws(CortexError) -> String {
            if let v = nonEmpty(key), v.hasPrefix("/") { return v }
            guard let home else {
                throw .usage("cannot tell where to keep cortex's files: HOME and \(key) are unset",
                             hint: "set HOME, or \(key) to an absolute path")
            }
            return home + "/" + fallback
        }
        var config = nonEmpty("CORTEX_CONFIG_DIR") ?? ""
        if config.isEmpty { config = try xdg("XDG_CONFIG_HOME", ".config") + "/cortex" }
        var state = nonEmpty("CORTEX_STATE_DIR") ?? ""
        if state.isEmpty { state = try xdg("XDG_STATE_HOME", ".local/state") + "/cortex" }
        return CortexPaths(
            configDirectory: config,
            stateDirectory: state,
            configFile: overrides.configFile ?? nonEmpty("CORTEX_CONFIG") ?? config + "/config.yaml",
            historyFile: overrides.historyFile ?? nonEmpty("CORTEX_HISTORY_FILE") ?? state + "/history",
            auditLog: overrides.auditLog ?? nonEmpty("CORTEX_AUDIT_LOG") ?? state + "/audit.jsonl")
    }
}
