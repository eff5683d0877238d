/// A credential value (bearer token, key material as text) that never prints itself.
///
/// `description`, `debugDescription` and string interpolation show `<redacted>`, so a secret
/// that slips into an error message, a log line or an audit entry reveals nothing. Read the
/// value only where it is handed to the wire.
public struct Secret: Equatable, Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let revealed: String

    public init(_ value: String) { self.revealed = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
