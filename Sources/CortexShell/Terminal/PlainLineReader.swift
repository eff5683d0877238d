public import CortexCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads lines from a file descriptor that is not a terminal (a piped script, a file):
/// no prompt, no editing, nobody to answer questions.
///
/// Lines end at LF; a CR before it is dropped, a last line without LF is still a line, a
/// leading byte-order mark is skipped, and bytes that are not UTF-8 become U+FFFD.
public final class PlainLineReader: LineReader {
    public let isInteractive = false
    private let descriptor: Int32
    private var buffer: [UInt8] = []
    private var consumed = 0
    private var reachedEnd = false
    private var startOfInput = true
    private var list: HistoryList

    public init(fileDescriptor: Int32 = 0, historyLimit: Int = HistoryFile.defaultLimit) {
        descriptor = fileDescriptor
        list = HistoryList(limit: historyLimit)
    }

    public func readLine(prompt: String) -> LineInput {
        while true {
            if let newline = buffer[consumed...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = take(upTo: newline)
                consumed = newline + 1
                return .line(line)
            }
            if reachedEnd {
                guard consumed < buffer.count else { return .endOfInput }
                let line = take(upTo: buffer.count)
                consumed = buffer.count
                return .line(line)
            }
            fill()
        }
    }

    public func remember(_ line: String) { list.add(line) }
    public var history: [String] { list.entries }

    private func take(upTo end: Int) -> String {
        var bytes = buffer[consumed..<end]
        if bytes.last == UInt8(ascii: "\r") { bytes = bytes.dropLast() }
        if startOfInput {
            startOfInput = false
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Reads the next chunk; an error other than EINTR ends the input like EOF does.
    private func fill() {
        if consumed > 0 {
            buffer.removeFirst(consumed)
            consumed = 0
        }
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n > 0 {
                buffer += chunk[..<n]
                return
            }
            if n < 0, errno == EINTR { continue }
            reachedEnd = true
            return
        }
    }
}
