/// Environment variable names whose values are secrets: `*_TOKEN`, `*_KEY`, anything with
/// `PASSWORD`, `PASSWD` or `SECRET` in it. Such values belong in a Secret referenced by the
/// container, not in the pod template where anyone who can read the workload sees them.
public enum SecretLookingName {
    /// Whether `name` (any case) names a secret.
    public static func matches(_ name: String) -> Bool {
        let upper = name.uppercased()
        if upper == "TOKEN" || upper == "KEY" { return true }
        if ["_TOKEN", "-TOKEN", "_KEY", "-KEY", ".KEY"].contains(where: upper.hasSuffix) { return true }
        return ["PASSWORD", "PASSWD", "SECRET"].contains(where: upper.contains)
    }

    /// Refuses plain values for secret-looking names; removing such a variable is fine. The
    /// message names the variables, never their values.
    public static func refusePlainValues(_ env: [String: EnvValue], workload: String) throws(CortexError) {
        let secrets = env.filter { $0.value != .remove && matches($0.key) }.keys.sorted()
        guard let first = secrets.first else { return }
        let names = secrets.joined(separator: ", ")
        throw .usage("\(names) looks like a secret: cortex does not put secrets into a pod template as plain values",
                     hint: "store it in a Secret and reference it: kubectl create secret generic \(workload)-secrets --from-literal=\(first)=…, "
                        + "then env \(first) valueFrom.secretKeyRef (name \(workload)-secrets, key \(first))")
    }

    /// The operation with the values of secret-looking variables replaced by `[REDACTED]`,
    /// for anything that is stored (audit, approvals).
    public static func redacting(_ operation: Operation) -> Operation {
        guard let env = operation.env else { return operation }
        var copy = operation
        copy.env = env.reduce(into: [:]) { out, entry in
            out[entry.key] = (matches(entry.key) && entry.value != .remove) ? .set(SecretRedactor.mask) : entry.value
        }
        return copy
    }
}
