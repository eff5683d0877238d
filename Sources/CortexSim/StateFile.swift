import CortexCore
import Foundation

/// The simulated cluster's state on disk: one JSON document with a format version, the
/// last resource version and every object by resource.
///
///     {"format": 1, "resourceVersion": 1234, "objects": {"deployments": [...], "pods": [...]}}
enum StateFile {
    static let format = 1

    struct Snapshot: Sendable {
        var resourceVersion: Int
        var objects: [(ResourceKind, JSONValue)]
    }

    static func encode(_ snapshot: Snapshot) -> String {
        var objects: JSONValue = [:]
        for kind in ResourceKind.stored {
            objects[kind.plural] = .array(snapshot.objects.filter { $0.0 == kind }.map(\.1))
        }
        let document: JSONValue = [
            "format": .number(format), "resourceVersion": .number(snapshot.resourceVersion), "objects": objects,
        ]
        return document.serializedString(pretty: true) + "\n"
    }

    static func decode(_ text: String, path: String) throws(CortexError) -> Snapshot {
        let document: JSONValue
        do {
            document = try JSONValue(parsing: text)
        } catch {
            throw .usage("The simulator state file \(path) is not valid JSON (\(error)).", hint: fix(path))
        }
        guard document["format"]?.intValue == format else {
            throw .usage(
                "The simulator state file \(path) has format \(document["format"]?.serializedString() ?? "none"); "
                    + "this version reads format \(format).",
                hint: fix(path))
        }
        guard let version = document["resourceVersion"]?.intValue, let objects = document["objects"]?.objectValue else {
            throw .usage("The simulator state file \(path) lacks \"resourceVersion\" or \"objects\".", hint: fix(path))
        }
        var entries: [(ResourceKind, JSONValue)] = []
        for (plural, list) in objects.sorted(by: { $0.key < $1.key }) {
            guard let kind = ResourceKind.stored.first(where: { $0.plural == plural }) else {
                throw .usage("The simulator state file \(path) holds an unknown resource \"\(plural)\".", hint: fix(path))
            }
            guard let items = list.arrayValue else {
                throw .usage("In the simulator state file \(path), \"\(plural)\" is not a list.", hint: fix(path))
            }
            for item in items {
                guard !item.name.isEmpty, kind.namespaced == !item.namespace.isEmpty else {
                    throw .usage(
                        "The simulator state file \(path) holds a \(kind.kind) without a proper name or namespace.",
                        hint: fix(path))
                }
                entries.append((kind, item))
            }
        }
        return Snapshot(resourceVersion: version, objects: entries)
    }

    static func read(_ path: String) throws(CortexError) -> Snapshot {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .usage("Cannot read the simulator state file \(path): \(error.localizedDescription)", hint: fix(path))
        }
        return try decode(text, path: path)
    }

    /// Writes through a temporary file and a rename, so that a crash never leaves half a file.
    static func write(_ snapshot: Snapshot, to path: String) throws(CortexError) {
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        do {
            try Data(encode(snapshot).utf8).write(to: URL(fileURLWithPath: temporary))
            guard rename(temporary, path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(atPath: temporary)
            throw .failed(
                "Cannot save the simulator state to \(path): \(error.localizedDescription)",
                hint: "Check that the directory exists and is writable.")
        }
    }

    private static func fix(_ path: String) -> String {
        "Fix or remove \(path); without it the simulator starts from its seed."
    }
}
