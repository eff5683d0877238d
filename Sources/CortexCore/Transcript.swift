/// A scripted session as a person reads it: what the terminal showed, request lines after
/// the prompt, answers after the questions, everything else expected output.
///
/// Format, line by line:
/// - `# text` — a comment, ignored.
/// - `@key value` — a setting; only before the first request line (see `Setting`).
/// - `cortex> text` or `cortex (env)> text` — a request typed at the prompt.
/// - `? question … [choices] answer` — a question cortex asked and the answer given: the
///   answer is what follows the last `] `.
/// - anything else — output cortex is expected to print, in order (standard output and
///   standard error interleaved).
public struct Transcript: Equatable, Sendable {
    /// The settings a transcript may give in its header.
    public enum Setting: String, CaseIterable, Sendable {
        /// The starting environment.
        case env
        /// `yes` (default): a person answers questions; `no`: nobody can (like a pipe).
        case interactive
        /// A folder of guardrail policy files, relative to the transcript (default: the built-in policy).
        case policy
        /// What the fresh simulated cluster holds: `standard` (default) or `empty`.
        case seed
        /// How requests are understood: `local` (default, the embedded parser), `llm` or `auto`.
        case understand
        /// Answer plain confirmations yes, like `--yes` (no value).
        case yes
        /// Answer a confirmation of this service, typed name included, like `--confirm <service>`.
        case confirm

        /// The values the setting takes, when it takes only a few.
        public var allowedValues: [String]? {
            switch self {
            case .interactive: ["yes", "no"]
            case .seed: ["standard", "empty"]
            case .understand: UnderstandMode.allCases.map(\.rawValue)
            case .yes: [""]
            case .env, .policy, .confirm: nil
            }
        }
    }

    /// How a transcript's requests are understood (`@understand`).
    /// How a transcript's requests are understood: the shell's `--understand` modes.
    public typealias UnderstandMode = UnderstandingMode

    public var settings: [Setting: String]
    /// The session as shown: request lines, question lines and output lines, comments removed.
    public var lines: [String]

    /// The requests in order, without their prompts.
    public var requests: [String] { lines.compactMap(Transcript.request(in:)) }
    /// The answers in order.
    public var answers: [String] { lines.compactMap(Transcript.answer(in:)) }

    /// The session shown as text, one line each, as the replay produces it.
    public var expectedOutput: String { lines.map { $0 + "\n" }.joined() }

    public init(settings: [Setting: String] = [:], lines: [String]) {
        self.settings = settings
        self.lines = lines
    }

    /// Reads a transcript; errors name the line.
    public static func parse(_ text: String, name: String = "transcript") throws(CortexError) -> Transcript {
        var settings: [Setting: String] = [:]
        var lines: [String] = []
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? String(raw.dropLast()) : String(raw)
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("@") {
                guard lines.allSatisfy({ request(in: $0) == nil }) else {
                    throw .usage("\(name):\(i + 1): settings belong before the first request")
                }
                let parts = line.dropFirst().split(separator: " ", maxSplits: 1)
                let key = parts.first.map(String.init) ?? ""
                guard let setting = Setting(rawValue: key) else {
                    throw .usage("\(name):\(i + 1): unknown setting `@\(key)`",
                                 hint: "known settings: " + Setting.allCases.map { "@\($0.rawValue)" }.joined(separator: ", "))
                }
                let value = parts.count > 1 ? String(parts[1]).trimmedWhitespace : ""
                if let allowed = setting.allowedValues, !allowed.contains(value) {
                    throw .usage("\(name):\(i + 1): `@\(key)` takes " + (allowed == [""] ? "no value" : allowed.joined(separator: " or ")) + ", not `\(value)`")
                }
                if allowedValuesEmpty(setting), value.isEmpty {
                    throw .usage("\(name):\(i + 1): `@\(key)` needs a value")
                }
                settings[setting] = value
                continue
            }
            lines.append(line)
        }
        while let last = lines.last, last.isEmpty { lines.removeLast() }
        while let first = lines.first, first.isEmpty { lines.removeFirst() }
        return Transcript(settings: settings, lines: lines)
    }

    private static func allowedValuesEmpty(_ setting: Setting) -> Bool {
        [.env, .policy, .confirm].contains(setting)
    }

    /// Whether a person answers questions (`@interactive`, default yes).
    public var isInteractive: Bool { settings[.interactive] != "no" }

    /// The understanding mode (`@understand`, default local).
    public var understandMode: UnderstandMode {
        settings[.understand].flatMap(UnderstandMode.init(rawValue:)) ?? .local
    }

    /// The header of a transcript's text: the comments, settings and blank lines before the
    /// session starts, each line with its newline.
    public static func header(of text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { $0.hasPrefix("#") || $0.hasPrefix("@") || String($0).trimmedWhitespace.isEmpty }
            .map { $0 + "\n" }.joined()
    }

    /// The text with its session replaced by `output`, its header kept (`--update`).
    public static func rewrite(_ text: String, output: String) -> String {
        var header = header(of: text)
        while header.hasSuffix("\n\n") { header.removeLast() }
        return header.isEmpty ? output : header + "\n" + output
    }

    /// The request on a prompt line, or nil when the line is not one.
    public static func request(in line: String) -> String? {
        guard line.hasPrefix("cortex") else { return nil }
        var rest = line.dropFirst("cortex".count)
        if rest.hasPrefix(" (") {
            guard let close = rest.firstIndex(of: ")") else { return nil }
            rest = rest[rest.index(after: close)...]
        }
        guard rest.hasPrefix("> ") || rest == ">" else { return nil }
        return String(rest.dropFirst(2))
    }

    /// The answer on a question line, or nil when the line is not one.
    public static func answer(in line: String) -> String? {
        guard line.hasPrefix("? ") else { return nil }
        let chars = Array(line)
        var i = chars.count - 2
        while i >= 2 {
            if chars[i] == "]" && chars[i + 1] == " " { return String(chars[(i + 2)...]) }
            i -= 1
        }
        return nil
    }
}

/// Feeds a transcript's requests and answers to a session and writes what a terminal
/// would have shown (prompt plus typed text) to the output, so that the output can be
/// compared with the transcript line for line.
public final class TranscriptReader: LineReader {
    private var requests: [String]
    private var answers: [String]
    private let output: any OutputSink
    public let isInteractive: Bool
    private var remembered: [String] = []

    public init(_ transcript: Transcript, output: any OutputSink) {
        requests = transcript.requests
        answers = transcript.answers
        self.output = output
        isInteractive = transcript.isInteractive
    }

    public func readLine(prompt: String) -> LineInput {
        let isQuestion = prompt.hasPrefix("? ")
        if isQuestion {
            guard isInteractive, !answers.isEmpty else { return .endOfInput }
            let answer = answers.removeFirst()
            output.write(prompt + answer + "\n")
            return .line(answer)
        }
        guard !requests.isEmpty else { return .endOfInput }
        let request = requests.removeFirst()
        output.write(prompt + request + "\n")
        return .line(request)
    }

    public func remember(_ line: String) { remembered.append(line) }
    public var history: [String] { remembered }
}
