import CortexCore
import Foundation

/// The world one transcript runs in: a fresh temporary folder for the state (audit log,
/// approvals, routing and cost ledgers) and an empty configuration folder, a fresh
/// simulated cluster seeded as `@seed` says, and a fixed clock. Nothing of the user's own
/// files is read, so a transcript shows the same text on every machine.
struct TranscriptSandbox {
    /// The moment every transcript starts: a Monday morning, outside the default policy's
    /// deploy freezes (Friday afternoon and the weekend).
    static let start = Date(timeIntervalSince1970: 1_767_607_200)  // 2026-01-05T10:00:00Z

    let folder: String
    let options: LaunchOptions

    /// - Parameters:
    ///   - directory: the transcript's folder, against which `@policy` is resolved.
    ///   - cluster: a real cluster to run against instead of a fresh simulated one (no fixed
    ///     clock then: the cluster's own time and names vary).
    ///   - processEnvironment: consulted only for a real cluster (`KUBECONFIG`, `HOME`).
    static func make(_ settings: [Transcript.Setting: String], name: String, directory: String?,
                     cluster: ClusterChoice?, processEnvironment: [String: String]) throws(CortexError) -> TranscriptSandbox {
        var id = UUID().uuidString.prefix(8).lowercased()
        // Output normalization knows an id by a letter among its hex digits (`<id>`): one in
        // 40 random ids has none, and its path would then differ from run to run.
        if !id.contains(where: \.isLetter) { id = "a" + id.dropFirst() }
        let folder = NSTemporaryDirectory() + "cortex-transcript-" + id
        do {
            try FileManager.default.createDirectory(atPath: folder + "/config", withIntermediateDirectories: true)
            try FileManager.default.createDirectory(atPath: folder + "/state", withIntermediateDirectories: true)
        } catch {
            throw .failed("cannot prepare a state folder for \(name) in \(folder)", hint: "check that the temporary folder is writable")
        }
        var environment = ["CORTEX_STATE_DIR": folder + "/state", "CORTEX_CONFIG_DIR": folder + "/config", "HOME": folder,
                           "USER": "operator"]
        if cluster != nil {
            for key in ["KUBECONFIG", "HOME"] { environment[key] = processEnvironment[key] ?? environment[key] }
        }
        let policy = settings[.policy].map { path in
            path.hasPrefix("/") ? path : URL(fileURLWithPath: directory ?? ".").appendingPathComponent(path).standardizedFileURL.path
        }
        var options = LaunchOptions(environment: settings[.env], cluster: cluster ?? ClusterChoice(forceSimulator: true),
                                    policyFolder: policy, assumeYes: settings[.yes] != nil, confirmName: settings[.confirm],
                                    processEnvironment: environment)
        options.scratchState = cluster == nil
        options.simulation = SimulationSetup(seed: settings[.seed] == "empty" ? .empty : .standard,
                                             time: cluster == nil ? .fixed(at: start) : .system, listens: false)
        return TranscriptSandbox(folder: folder, options: options)
    }

    /// Removes the state folder.
    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
