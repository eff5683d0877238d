@testable import CortexCore
import Foundation
import Testing

/// `canonicalJSON` is written by hand; audit hashes cover it, so it must stay byte for byte
/// what `JSONEncoder` (sorted keys, slashes unescaped) makes of the operation's `Codable` form.
@Suite struct OperationCanonicalJSONTests {
    static func encoded(_ op: CortexCore.Operation) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(op) else { return #"{"op":"unknown"}"# }
        return String(decoding: data, as: UTF8.self)
    }

    /// Text with every control character, the characters JSON escapes, `/`, DEL and non-ASCII.
    static let hostile: String = {
        var text = ""
        for value in 0..<0x20 { text.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        return text + "\u{7F} / \" \\ é e\u{301} \u{2028} 😀 ok"
    }()

    @Test func everyFieldIsWrittenAsTheEncoderWritesIt() {
        let op = CortexCore.Operation(
            .setResources, service: Self.hostile, environment: "staging", replicas: 3, delta: -2, version: "v1.2/3",
            image: "ghcr.io/acme/x:1", revision: 7, lines: 50, task: Self.hostile, amount: 12.5, period: .week,
            reason: "why \u{8}\u{C}", kind: .statefulset, since: "15m",
            env: ["LOG_LEVEL": .set("debug"), "a": .remove, "B": .set(Self.hostile), "_x": .set(""), "a10": .remove,
                  "a9": .set("9"), "é": .set("1"), "e\u{301}x": .set("2"), "Z": .set("3")],
            cpu: "500m", memory: "1Gi", scope: .limits, min: 1, max: 9, cpuPercent: 80, enabled: false, canary: 10)
        #expect(op.canonicalJSON == Self.encoded(op))
    }

    @Test(arguments: [0.1, 1e-7, 100, 1e15, 1e16, -0.0, 0, 123456789.123, .leastNonzeroMagnitude, 1e300, 0.3, 99.99, -42, 2.5e-5,
                      .infinity, -.infinity, .nan])
    func amountsAreWrittenAsTheEncoderWritesThem(amount: Double) {
        let op = CortexCore.Operation(.budget, amount: amount, period: .month)
        #expect(op.canonicalJSON == Self.encoded(op))
    }

    @Test func everyCorpusOperationAndItsParseAreWrittenAsTheEncoderWritesThem() throws {
        let parser = EmbeddedParser()
        var cases = 0
        for name in ["dev", "parser-cases", "parser-operations", "parser-unseen", "parser-unseen-open"] {
            for c in try ParserCorpus.load(name) {
                for op in [c.expect, parser.understand(c.text, context: UnderstandingContext()).operation] {
                    #expect(op.canonicalJSON == Self.encoded(op), "\(c.text)")
                }
                cases += 1
            }
        }
        #expect(cases > 1000)
    }
}
