@testable import CortexCore
import Foundation
import Testing

/// The lexicon answers its first lookups by scanning its phrases and the later ones from a
/// table: the two must give the same entries in the same order.
@Suite struct ParserLexiconScanTests {
    @Test func aScanFindsWhatTheTableHolds() {
        for (first, entries) in Lexicon.table where first.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(Lexicon.scan(first) == entries, "\(first)")
        }
        for word in ["", "payments", "rol", "rollback", "roll", "re", "3", "to", "-", "scale", "a"] {
            #expect(Lexicon.scan(word) == Lexicon.table[word], "\(word)")
        }
    }

    /// A scan compares bytes where the table compares `String`s; for an ASCII word the two
    /// agree because every phrase is written in normal form C.
    @Test func everyPhraseIsInNormalFormC() {
        for (text, _) in Lexicon.entries {
            #expect(Array(text.utf8) == Array(text.precomposedStringWithCanonicalMapping.utf8), "\(text)")
        }
    }
}
