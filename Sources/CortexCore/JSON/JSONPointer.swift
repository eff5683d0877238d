/// A JSON Pointer (RFC 6901): `/spec/template/spec/containers/0/image`.
public struct JSONPointer: Equatable, Sendable, CustomStringConvertible {
    /// The unescaped reference tokens; empty for the whole document.
    public var tokens: [String]

    public init(tokens: [String]) {
        self.tokens = tokens
    }

    /// Parses the string form; it must be empty or start with `/`, and `~` may only be
    /// followed by `0` or `1`.
    public init(_ text: String) throws(JSONPatchError) {
        guard !text.isEmpty else {
            self.tokens = []
            return
        }
        guard text.hasPrefix("/") else { throw .invalidPointer(text) }
        var tokens: [String] = []
        for raw in text.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var iterator = raw.makeIterator()
            while let character = iterator.next() {
                guard character == "~" else {
                    token.append(character)
                    continue
                }
                switch iterator.next() {
                case "0": token.append("~")
                case "1": token.append("/")
                default: throw .invalidPointer(text)
                }
            }
            tokens.append(token)
        }
        self.tokens = tokens
    }

    public var description: String {
        tokens.map { token in
            var escaped = "/"
            for character in token {
                switch character {
                case "~": escaped += "~0"
                case "/": escaped += "~1"
                default: escaped.append(character)
                }
            }
            return escaped
        }.joined()
    }
}
