#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding of the terminal. libedit drops every non-ASCII key unless
/// LC_CTYPE names a UTF-8 encoding, so the shell takes the user's locale when it is UTF-8
/// and falls back to C.UTF-8 otherwise.
public enum TerminalLocale {
    /// Sets LC_CTYPE for UTF-8 input; returns the codeset in effect afterwards.
    @discardableResult
    static func useUTF8() -> String {
        setlocale(LC_CTYPE, "")
        if codeset() != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return codeset()
    }

    /// Whether the user's locale writes UTF-8, by the POSIX precedence of `LC_ALL`, then
    /// `LC_CTYPE`, then `LANG` (unset or empty: the C locale, which is ASCII).
    public static func outputIsUTF8(environment: [String: String]) -> Bool {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lower = name.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }

    /// `outputIsUTF8` for this process's environment.
    public static var processOutputIsUTF8: Bool {
        var env: [String: String] = [:]
        for key in ["LC_ALL", "LC_CTYPE", "LANG"] {
            if let value = getenv(key) { env[key] = String(cString: value) }
        }
        return outputIsUTF8(environment: env)
    }

    static func codeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: name)
    }
}
