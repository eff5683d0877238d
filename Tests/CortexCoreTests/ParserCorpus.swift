@testable import CortexCore
import Foundation
import Testing

/// One line of a corpus file: a sentence and the operation it must become.
struct CorpusCase: Decodable, CustomStringConvertible {
    let text: String
    let expect: CortexCore.Operation
    /// Why the expectation is what it is, for debatable cases.
    let why: String?

    var description: String { text }
}

/// Reads corpus files shipped with the tests and applies the match rule of the operation
/// format: every field of `expect` equal, no other field but `reason`; `task` compared
/// without regard to case or punctuation.
enum ParserCorpus {
    static func load(_ name: String) throws -> [CorpusCase] {
        let url = try #require(Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures"))
        let text = try String(contentsOf: url, encoding: .utf8)
        let decoder = JSONDecoder()
        return try text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.map { line in
            try decoder.decode(CorpusCase.self, from: Data(line.utf8))
        }
    }

    static func matches(_ got: CortexCore.Operation, _ expected: CortexCore.Operation) -> Bool {
        guard got.op == expected.op else { return false }
        if got.op == .unknown { return true }
        guard loose(got.task) == loose(expected.task) else { return false }
        var a = got, b = expected
        a.task = nil
        b.task = nil
        a.reason = nil
        b.reason = nil
        return a == b
    }

    /// Lowercased letters and digits, single spaces between words.
    static func loose(_ text: String?) -> String? {
        guard let text else { return nil }
        return text.lowercased().split { !($0.isLetter || $0.isNumber) }.joined(separator: " ")
    }

    /// Parses every case and returns the misses, described for the test log.
    static func misses(_ cases: [CorpusCase], context: UnderstandingContext = UnderstandingContext()) -> [String] {
        let parser = EmbeddedParser()
        return cases.compactMap { c in
            let got = parser.understand(c.text, context: context).operation
            if matches(got, c.expect) { return nil }
            return "\(c.text)\n    got  \(got.canonicalJSON)\n    want \(c.expect.canonicalJSON)"
        }
    }
}

/// A suite that reads sentences with its embedded parser and no session context.
protocol ReadsSentences {
    var parser: EmbeddedParser { get }
}

extension ReadsSentences {
    /// The operation the parser makes of `text`.
    func parse(_ text: String) -> CortexCore.Operation {
        parser.understand(text, context: UnderstandingContext()).operation
    }
}
