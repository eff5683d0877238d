/// The kind of workload an operation names, when the user named one.
public enum WorkloadKind: String, CaseIterable, Codable, Sendable {
    case deployment, statefulset, daemonset

    /// The kind a word names: the canonical name, its plural, or an alias
    /// (`deploy`, `sts`, `ds`, `stateful set`'s joined form); nil for anything else.
    public init?(alias word: String) {
        switch word.lowercased() {
        case "deployment", "deployments", "deploy", "deploys": self = .deployment
        case "statefulset", "statefulsets", "sts": self = .statefulset
        case "daemonset", "daemonsets", "ds": self = .daemonset
        default: return nil
        }
    }

    /// `Deployment`, `StatefulSet`, `DaemonSet`: the API kind.
    public var apiKind: String {
        switch self {
        case .deployment: "Deployment"
        case .statefulset: "StatefulSet"
        case .daemonset: "DaemonSet"
        }
    }
}

/// Which container resources `set-resources` changes; absent sets both.
public enum ResourceScope: String, CaseIterable, Codable, Sendable {
    case requests, limits
}

/// One entry of `set-env`: a value to set, or the removal of the variable (`null` in JSON).
public enum EnvValue: Hashable, Sendable, Codable {
    case set(String)
    case remove

    /// The value to set; nil for a removal.
    public var value: String? {
        if case .set(let text) = self { return text }
        return nil
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        self = c.decodeNil() ? .remove : .set(try c.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .set(let text): try c.encode(text)
        case .remove: try c.encodeNil()
        }
    }
}

/// Container environment variable names as the Kubernetes API accepts them: letters,
/// digits, `_`, `-` and `.`, not starting with a digit.
public enum EnvVarName {
    /// The longest name accepted.
    public static let maxLength = 256
    /// A regular expression equivalent to `isValid`.
    static let pattern = "^[A-Za-z_.-][A-Za-z0-9_.-]*$"

    public static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maxLength else { return false }
        func allowed(_ b: UInt8) -> Bool {
            (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b == 95 || b == 45 || b == 46
        }
        return !(first >= 48 && first <= 57) && bytes.allSatisfy(allowed)
    }
}

/// Kubernetes resource quantities in the canonical forms operations carry.
///
/// CPU is whole cores (`2`) or millicores (`500m`); a fraction of a core becomes millicores
/// (`0.5` -> `500m`). Memory takes a binary suffix (`512Mi`, `2Gi`); the decimal-looking
/// suffixes people write (`512MB`, `1G`, `1gb`) are read as the binary ones, as the spec says.
public enum QuantityForm {
    /// The canonical CPU quantity for `text`, or nil when it is not one.
    public static func cpu(_ text: String) -> String? {
        let t = text.lowercased()
        if t.hasSuffix("m") {
            let digits = t.dropLast()
            guard let millis = wholeNumber(digits), millis > 0 else { return nil }
            return millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
        }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first.flatMap({ $0.isEmpty ? 0 : wholeNumber($0) }) else { return nil }
        var millis = whole * 1000
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.count <= 3, let f = wholeNumber(fraction) else { return nil }
            millis += f * [1, 100, 10, 1][fraction.count]
        }
        guard millis > 0, millis <= 1_000_000_000 else { return nil }
        return millis % 1000 == 0 ? String(millis / 1000) : "\(millis)m"
    }

    /// The canonical memory quantity for `text` (`512Mi`, `1Gi`), or nil when it is not one.
    public static func memory(_ text: String) -> String? {
        let t = text.lowercased()
        let digits = t.prefix { $0.isASCII && $0.isNumber }
        guard let amount = wholeNumber(digits), amount > 0, amount <= 1_000_000 else { return nil }
        let unit: String? = switch String(t.dropFirst(digits.count)) {
        case "ki", "k", "kb", "kib": "Ki"
        case "mi", "m", "mb", "mib", "meg", "megs": "Mi"
        case "gi", "g", "gb", "gib", "gig", "gigs": "Gi"
        case "ti", "t", "tb", "tib": "Ti"
        default: nil
        }
        return unit.map { "\(amount)\($0)" }
    }

    private static func wholeNumber(_ text: Substring) -> Int? {
        guard !text.isEmpty, text.count <= 9, text.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return Int(text)
    }
}

/// How far back `events` and `logs` look: a positive whole number and one unit, `30s`,
/// `15m`, `2h`, `1d`.
public enum LookBack {
    /// The canonical form of `text` (lowercased), or nil when it is not such a duration.
    public static func canonical(_ text: String) -> String? {
        let t = text.lowercased()
        guard let unit = t.last, "smhd".contains(unit) else { return nil }
        let digits = t.dropLast()
        guard !digits.isEmpty, digits.count <= 6, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
              let n = Int(digits), n > 0
        else { return nil }
        return "\(n)\(unit)"
    }

    /// The duration in seconds of a canonical look-back.
    public static func seconds(_ canonical: String) -> Int? {
        guard let unit = canonical.last, let n = Int(canonical.dropLast()) else { return nil }
        switch unit {
        case "s": return n
        case "m": return n * 60
        case "h": return n * 3600
        case "d": return n * 86400
        default: return nil
        }
    }

    /// A regular expression for canonical look-backs.
    static let pattern = "^[1-9][0-9]{0,5}[smhd]$"
}
