@testable import CortexCore
import Testing

/// The byte search the parser's readers and the secret redactor share.
@Suite struct ByteSearchTests {
    let text = Array("abc, please — abc".utf8)

    @Test func findsTheFirstOccurrenceFromAnOffset() {
        #expect(ByteSearch.first(Array("abc".utf8), in: text) == 0)
        #expect(ByteSearch.first(Array("abc".utf8), in: text, from: 1) == 16)
        #expect(ByteSearch.first(Array(" — ".utf8), in: text) == 11)
        #expect(ByteSearch.first(Array("c".utf8), in: text, from: text.count - 1) == text.count - 1)
    }

    @Test func findsNothingWhereItCannotBe() {
        #expect(ByteSearch.first(Array("abd".utf8), in: text) == nil)
        #expect(ByteSearch.first([], in: text) == nil)
        #expect(ByteSearch.first(Array("abc".utf8), in: text, from: 17) == nil)
        #expect(ByteSearch.first(Array("abc".utf8), in: text, from: text.count + 5) == nil)
        #expect(ByteSearch.first(Array("abc".utf8), in: []) == nil)
    }
}
