#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character encoding of the terminal. libedit drops every non-ASCII key unless
/// LC_CTYPE names a UTF-8 encoding, so the shell takes the user's locale when it is UTF-8
/// and falls back to C.UTF-8 otherwise.
enum TerminalLocale {
    /// Sets LC_CTYPE for UTF-8 input; returns the codeset in effect afterwards.
    @discardableResult
    static func useUTF8() -> String {
        setlocale(LC_CTYPE, "")
        if codeset() != "UTF-8" {
            setlocale(LC_CTYPE, "C.UTF-8")
        }
        return codeset()
    }

    static func codeset() -> String {
        guard let name = nl_langinfo(nl_item(CODESET)) else { return "" }
        return String(cString: name)
    }
}
