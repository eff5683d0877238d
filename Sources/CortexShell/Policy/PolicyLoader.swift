public import CortexCore
import Foundation

/// Where the guardrail policy comes from: a folder of YAML files, or the default policy
/// built into cortex.
public enum PolicySource: Equatable, Sendable, CustomStringConvertible {
    case folder(String)
    case bundled

    /// `--policy` > `CORTEX_POLICY_DIR` > `$XDG_CONFIG_HOME/cortex/guardrails` when it exists >
    /// the built-in default.
    public static func resolve(flag: String?, environment: [String: String]) -> PolicySource {
        if let flag { return .folder(flag) }
        if let dir = environment["CORTEX_POLICY_DIR"], !dir.isEmpty { return .folder(dir) }
        // With no home to look in, there is no team folder either: the built-in policy applies.
        guard let config = try? CortexPaths.configDirectory(environment: environment) else { return .bundled }
        let user = config + "/guardrails"
        return PosixFile.isDirectory(user) ? .folder(user) : .bundled
    }

    public var description: String {
        switch self {
        case .folder(let path): path
        case .bundled: "the built-in default policy"
        }
    }
}

/// Reads guardrail policies: every `*.yaml` / `*.yml` file of a folder in name order, or the
/// built-in default. Problems name the file, line and key; all of them are reported at once.
public struct PolicyLoader: Sendable {
    public var reader: PolicyReader

    public init(environments: EnvironmentCatalog = .standard) {
        reader = PolicyReader(environments: environments)
    }

    /// The policy from `source`, or a configuration error listing every problem.
    public func load(_ source: PolicySource) throws(CortexError) -> Policy {
        let documents = try documents(source)
        do {
            return try reader.policy(from: documents)
        } catch {
            throw error.cortexError
        }
    }

    /// The documents of `source`, each with its own problems, for `cortex policy check`.
    public func documents(_ source: PolicySource) throws(CortexError) -> [PolicyDocument] {
        switch source {
        case .bundled:
            return [document(DefaultPolicy.text, file: DefaultPolicy.file)]
        case .folder(let path):
            return try files(in: path).map { file in
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    return PolicyDocument(file: file, version: nil, rules: [],
                                          issues: [PolicyIssue(file: file, line: 1, problem: "cannot be read as UTF-8 text")])
                }
                return document(text, file: file)
            }
        }
    }

    /// One document from YAML text.
    public func document(_ text: String, file: String) -> PolicyDocument {
        switch PolicyYAML.tree(text, file: file) {
        case .success(let root): reader.read(root, file: file)
        case .failure(let issue): PolicyDocument(file: file, version: nil, rules: [], issues: [issue])
        }
    }

    func files(in folder: String) throws(CortexError) -> [String] {
        guard PosixFile.isDirectory(folder) else {
            throw .usage("the policy folder \(folder) does not exist",
                         hint: "pass --policy <folder> or set CORTEX_POLICY_DIR to a folder of policy files")
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.hasPrefix(".") }
            .sorted()
        guard !names.isEmpty else {
            throw .usage("the policy folder \(folder) holds no policy files (*.yaml)")
        }
        let prefix = folder.hasSuffix("/") ? folder : folder + "/"
        return names.map { prefix + $0 }
    }
}
