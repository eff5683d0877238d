import CortexCore
import Foundation
import Testing

@Suite struct JSONValueCodableTests {
    @Test func everyKindDecodesThroughJSONDecoderAsItself() throws {
        let text = #"{"i":1,"n":-7,"d":1.5,"t":true,"f":false,"s":"x","one":"1","a":[1,"y",null,{"k":2.5}],"z":null,"o":{}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == (try JSONValue(parsing: text)))
        #expect(value["i"] == .int(1) && value["n"] == .int(-7) && value["d"] == .double(1.5))
        #expect(value["t"] == .bool(true) && value["f"] == .bool(false) && value["one"] == .string("1"))
    }
}

@Suite struct JSONParserTests {
    @Test func aRepeatedNameKeepsItsLastValueAtEveryDepth() throws {
        let value = try JSONValue(parsing: #"{"a":1,"o":{"x":1,"y":{"x":2,"x":3},"x":4},"a":{"b":[{"c":1,"c":2},{}]}}"#)
        #expect(value == ["a": ["b": [["c": 2], [:]]], "o": ["x": 4, "y": ["x": 3]]])
        #expect(value == (try JSONDecoder().decode(JSONValue.self, from: Data(#"{"o":{"y":{"x":3},"x":4},"a":{"b":[{"c":2},{}]}}"#.utf8))))
    }

    @Test func stringsAreWrittenWithTheirEscapesOrAsTheyAre() throws {
        for text in ["plain", "", "a\"b", "back\\slash", "line\nbreak\ttab\r", "\u{01}\u{1f}\u{7f}", "ünïcödé ✓", "slash/ok"] {
            #expect(try JSONValue(parsing: JSONValue.string(text).serialized()) == .string(text), "\(text)")
        }
        #expect(String(decoding: JSONValue.string("a\"b\\c\n\u{08}\u{0c}/é").serialized(), as: UTF8.self)
            == #""a\"b\\c\n\u0008\u000c/é""#)
        #expect(String(decoding: JSONValue.string("plain/é ✓").serialized(), as: UTF8.self) == #""plain/é ✓""#)
    }

    @Test func integersOfEveryLengthAreExact() throws {
        for text in ["0", "-0", "7", "-7", "123456789012345678", "-12345678901234567", "999999999999999999",
                     "9223372036854775807", "-9223372036854775808"] {
            #expect(try JSONValue(parsing: text) == .int(Int64(text)!), "\(text)")
            #expect(try JSONValue(parsing: "[\(text)]") == .array([.int(Int64(text)!)]), "\(text)")
        }
        #expect(try JSONValue(parsing: "9223372036854775808") == .double(9_223_372_036_854_775_808))
        #expect(try JSONValue(parsing: "-1.5e2") == .double(-150))
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: "-") }
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: #"{"a":1,"b"}"#) }
    }
}
