import CortexCore

/// Which lines may be kept in the history: not blank, and not looking like they carry a
/// secret (a token, a bearer header, an API key, a password). The check is deliberately
/// blunt: dropping a harmless line costs a retype, keeping a secret costs a rotation.
public enum HistoryFilter {
    /// Whether `line` may be stored in the history.
    public static func admits(_ line: String) -> Bool {
        !line.allSatisfy(\.isWhitespace) && !mayCarrySecret(line)
    }

    /// Case-insensitive fragments that name or introduce a secret.
    static let fragments = [
        "token=", "token:", "bearer ", "password", "passwd", "secret=", "secret:",
        "api_key", "apikey", "api-key", "authorization:", "private key",
    ]

    /// Whether `line` looks like it carries a secret: a fragment above, a word that starts
    /// like a provider key (`sk-…`, `sk_live_…`), or a variable named like a secret.
    public static func mayCarrySecret(_ line: String) -> Bool {
        let lower = line.lowercased()
        if fragments.contains(where: lower.contains) { return true }
        let words = line.split { $0.isWhitespace || "=\"'`:".contains($0) }
        if words.contains(where: { $0.lowercased().hasPrefix("sk-") || $0.lowercased().hasPrefix("sk_") }) { return true }
        // An environment variable named like a secret (`STRIPE_KEY=…`, `GITHUB_TOKEN …`).
        return words.contains { ($0.contains("_") || $0.contains("-")) && SecretLookingName.matches(String($0)) }
    }
}
