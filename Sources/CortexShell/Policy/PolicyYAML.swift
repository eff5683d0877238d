public import CortexCore
import Yams

/// Turns YAML text into the plain `PolicyNode` tree the policy reader works on, keeping the
/// line of every value and key. Syntax errors, duplicate keys and anchors/aliases become
/// `PolicyIssue`s naming the file and line.
public enum PolicyYAML {
    public static func tree(_ text: String, file: String) -> Result<PolicyNode, PolicyIssue> {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            return .failure(issue(error, file: file))
        } catch {
            return .failure(PolicyIssue(file: file, line: 1, problem: "not valid YAML"))
        }
        guard let root else { return .failure(PolicyIssue(file: file, line: 1, problem: "the file is empty")) }
        return convert(root, file: file)
    }

    static func convert(_ node: Node, file: String) -> Result<PolicyNode, PolicyIssue> {
        let line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any, ["", "~", "null", "Null", "NULL"].contains(scalar.string) {
                return .success(PolicyNode(.null, line: line))
            }
            return .success(PolicyNode(.scalar(scalar.string), line: line))
        case .sequence(let sequence):
            var items: [PolicyNode] = []
            for item in sequence {
                switch convert(item, file: file) {
                case .success(let n): items.append(n)
                case .failure(let issue): return .failure(issue)
                }
            }
            return .success(PolicyNode(.list(items), line: line))
        case .mapping(let mapping):
            var entries: [PolicyEntry] = []
            for (key, value) in mapping {
                guard case .scalar(let k) = key else {
                    return .failure(PolicyIssue(file: file, line: key.mark?.line ?? line, problem: "keys must be plain words"))
                }
                switch convert(value, file: file) {
                case .success(let v): entries.append(PolicyEntry(key: k.string, line: key.mark?.line ?? line, value: v))
                case .failure(let issue): return .failure(issue)
                }
            }
            return .success(PolicyNode(.map(entries), line: line))
        case .alias:
            return .failure(PolicyIssue(file: file, line: line, problem: "anchors and aliases are not supported in policy files"))
        }
    }

    static func issue(_ error: YamlError, file: String) -> PolicyIssue {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let around = context.map { " (\($0.text))" } ?? ""
            return PolicyIssue(file: file, line: mark.line, problem: "not valid YAML: \(problem)\(around)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return PolicyIssue(file: file, line: context.mark.line, key: duplicates.first,
                               problem: "appears more than once in the same mapping")
        default:
            return PolicyIssue(file: file, line: 1, problem: "not valid YAML")
        }
    }
}
