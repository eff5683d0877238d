import CortexCore
import Yams

/// One YAML mapping of a configuration file, read strictly: every key must be known, every
/// value of the expected type, and each error names the file, the line and the key.
struct StrictYAMLMap {
    let file: String
    /// What the mapping is, for messages: `specialist \`security\``, `cluster`.
    let context: String
    let mapping: Node.Mapping
    let line: Int

    /// Parses a whole file; an empty file is an empty mapping.
    static func document(_ text: String, file: String) throws(CortexError) -> StrictYAMLMap {
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw .usage("\(file): not valid YAML: \(StrictYAMLMap.describe(error))")
        } catch {
            throw .usage("\(file): not valid YAML: \(error)")
        }
        guard let node else { return StrictYAMLMap(file: file, context: "the file", mapping: [:], line: 1) }
        return try StrictYAMLMap(node, file: file, context: "the file")
    }

    init(_ node: Node, file: String, context: String) throws(CortexError) {
        guard case .mapping(let m) = node else {
            throw .usage("\(file):\(node.mark?.line ?? 0): \(context) must be a mapping of keys to values")
        }
        self.init(file: file, context: context, mapping: m, line: node.mark?.line ?? 0)
    }

    private init(file: String, context: String, mapping: Node.Mapping, line: Int) {
        self.file = file
        self.context = context
        self.mapping = mapping
        self.line = line
    }

    /// Fails on the first key not in `allowed`.
    func allowOnly(_ allowed: [String]) throws(CortexError) {
        for (key, _) in mapping {
            guard let name = key.string, allowed.contains(name) else {
                throw .usage("\(file):\(key.mark?.line ?? line): unknown key `\(key.string ?? "?")` in \(context)",
                             hint: "known keys: \(allowed.joined(separator: ", "))")
            }
        }
    }

    /// The keys in file order.
    var keys: [(name: String, line: Int)] {
        mapping.compactMap { key, _ in key.string.map { ($0, key.mark?.line ?? line) } }
    }

    func node(_ key: String) -> Node? { mapping[key] }

    func lineOf(_ key: String) -> Int { mapping[key]?.mark?.line ?? line }

    func error(_ key: String, _ problem: String) -> CortexError {
        .usage("\(file):\(lineOf(key)): `\(key)` in \(context) \(problem)")
    }

    func scalar(_ key: String) throws(CortexError) -> String? {
        guard let n = node(key) else { return nil }
        guard case .scalar(let s) = n else { throw error(key, "must be a single value") }
        return s.string
    }

    func string(_ key: String) throws(CortexError) -> String? {
        guard let s = try scalar(key) else { return nil }
        guard !s.isEmpty else { throw error(key, "must not be empty") }
        return s
    }

    func int(_ key: String, atLeast minimum: Int) throws(CortexError) -> Int? {
        guard let s = try scalar(key) else { return nil }
        guard let v = Int(s), v >= minimum else { throw error(key, "must be a whole number of at least \(minimum), not `\(s)`") }
        return v
    }

    func number(_ key: String) throws(CortexError) -> Double? {
        guard let s = try scalar(key) else { return nil }
        guard let v = Double(s), v.isFinite, v >= 0 else { throw error(key, "must be a number of at least 0, not `\(s)`") }
        return v
    }

    /// US dollars written in decimal (`2.50`), read exactly.
    func dollars(_ key: String) throws(CortexError) -> MicroDollars? {
        guard let s = try scalar(key) else { return nil }
        guard let v = MicroDollars(decimal: s), v >= .zero else { throw error(key, "must be an amount in US dollars such as 2.50, not `\(s)`") }
        return v
    }

    func strings(_ key: String) throws(CortexError) -> [String]? {
        guard let n = node(key) else { return nil }
        guard case .sequence(let seq) = n else { throw error(key, "must be a list") }
        var out: [String] = []
        for item in seq {
            guard case .scalar(let s) = item, !s.string.isEmpty else {
                throw .usage("\(file):\(item.mark?.line ?? lineOf(key)): `\(key)` in \(context) must list plain words")
            }
            out.append(s.string)
        }
        return out
    }

    func map(_ key: String, context: String) throws(CortexError) -> StrictYAMLMap? {
        guard let n = node(key) else { return nil }
        return try StrictYAMLMap(n, file: file, context: context)
    }

    /// The mappings of a list under `key`, each named by `name(index)` in messages.
    func maps(_ key: String, context: (Int) -> String) throws(CortexError) -> [StrictYAMLMap]? {
        guard let n = node(key) else { return nil }
        guard case .sequence(let seq) = n else { throw error(key, "must be a list") }
        var out: [StrictYAMLMap] = []
        for (i, item) in seq.enumerated() { out.append(try StrictYAMLMap(item, file: file, context: context(i))) }
        return out
    }

    func require<T>(_ value: T?, _ key: String) throws(CortexError) -> T {
        guard let value else { throw .usage("\(file):\(line): \(context) needs `\(key)`") }
        return value
    }

    /// Checks `version: 1` when present.
    func checkVersion() throws(CortexError) {
        if let v = try scalar("version"), v != "1" {
            throw error("version", "is `\(v)`; this cortex reads version 1")
        }
    }

    static func describe(_ error: YamlError) -> String {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return "line \(mark.line): \(problem)"
        case let .duplicatedKeysInMapping(duplicates, _):
            return "duplicate keys \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }
}
