import CortexCore
import Foundation

/// Secrets as the API server keeps them: `data` values are base64 (refused otherwise, as Go's
/// decoder refuses them), `stringData` is a write-only convenience merged into `data` and
/// never stored, and `type` defaults to `Opaque`. Secret values are never logged or
/// written into error messages.
enum SecretData {
    static let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=".utf8)

    /// The decoding error for the first `data` value that is not base64, naming the key and
    /// the position only.
    static func problem(in secret: JSONValue) -> String? {
        for (key, value) in (secret["data"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let text = value.stringValue else { continue }
            if Data(base64Encoded: text) != nil { continue }
            let bytes = Array(text.utf8)
            let position = bytes.firstIndex { !alphabet.contains($0) } ?? bytes.count - bytes.count % 4
            return "illegal base64 data at input byte \(position) (data key \(key))"
        }
        return nil
    }

    static func normalize(_ secret: inout JSONValue) {
        if let strings = secret["stringData"]?.objectValue {
            var data = secret["data"]?.objectValue ?? [:]
            for (key, value) in strings {
                data[key] = .string(Data((value.stringValue ?? "").utf8).base64EncodedString())
            }
            secret["data"] = .object(data)
            secret["stringData"] = nil
        }
        if secret["type"] == nil || secret["type"] == "" { secret["type"] = "Opaque" }
    }
}
