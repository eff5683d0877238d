#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
public import CortexCore

/// Writes straight to the standard output and error file descriptors, unbuffered, so
/// interactive output and piped output appear in the order they were produced.
/// Where the locale is not UTF-8, cortex's own arrows and dashes are written in ASCII.
public final class StandardConsole: OutputSink, Sendable {
    /// Whether text is written with `PlainText.ascii` (the terminal's locale is not UTF-8).
    let asciiOnly: Bool

    /// `asciiOnly` defaults to what the process's locale says; JSON output passes false, so
    /// that data is written as it is.
    public init(asciiOnly: Bool = !TerminalLocale.processOutputIsUTF8) {
        self.asciiOnly = asciiOnly
    }

    public func write(_ text: String) { Self.writeAll(STDOUT_FILENO, asciiOnly ? PlainText.ascii(text) : text) }
    public func writeError(_ text: String) { Self.writeAll(STDERR_FILENO, asciiOnly ? PlainText.ascii(text) : text) }

    /// Whether standard input is a terminal (a person can answer questions).
    public static var stdinIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    /// Whether standard error is a terminal (the progress line may be redrawn there).
    public static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    /// Whether standard output is a terminal.
    public static var stdoutIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    private static func writeAll(_ fd: Int32, _ text: String) {
        var text = text
        text.withUTF8 { buf in
            var offset = 0
            while offset < buf.count {
                let n = systemWrite(fd, buf.baseAddress! + offset, buf.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}

#if canImport(Glibc)
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
private let systemWrite = Darwin.write
#endif
