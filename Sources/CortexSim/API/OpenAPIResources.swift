import Foundation

/// The trimmed official OpenAPI documents shipped as this module's resources, read from
/// disk on demand. SwiftPM's generated `Bundle.module` stops the process when the resource
/// directory is missing; this lookup answers nil instead.
enum OpenAPIResources {
    /// The resource directory's name beside the executable (Linux) or in its bundle (macOS).
    private static let bundleNames = ["cortex_CortexSim.resources", "cortex_CortexSim.bundle"]

    /// The document's bytes, or nil when the resource is not there or unreadable.
    static func document(for groupVersion: String) -> [UInt8]? {
        guard let url = url(for: groupVersion), let data = try? Data(contentsOf: url) else { return nil }
        return Array(data)
    }

    /// The document file's size in bytes, or nil when it is not there.
    static func size(of groupVersion: String) -> Int? {
        guard let url = url(for: groupVersion),
            let size = try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber
        else { return nil }
        return size.intValue
    }

    private static func url(for groupVersion: String) -> URL? {
        let file = groupVersion.replacingOccurrences(of: "/", with: "__") + ".json"
        for directory in directories {
            let url = directory.appendingPathComponent("OpenAPI").appendingPathComponent(file)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    /// Where the resource directory may be: beside the executable, in the main bundle's
    /// resources, or (for test runners) beside the test bundle.
    private static var directories: [URL] {
        var places = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        if let resources = Bundle.main.resourceURL { places.append(resources) }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            places.append(executable.deletingLastPathComponent())
        }
        return places.flatMap { place in
            bundleNames.flatMap { name in
                [place.appendingPathComponent(name), place.appendingPathComponent(name).appendingPathComponent("Contents/Resources")]
            }
        }
    }
}
