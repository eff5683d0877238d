import CortexCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONValue(parsing: #" {"a": [1, -2.5, true, false, null, "x"], "b": {"c": 1e3}} "#)
        #expect(value["a"] == [1, -2.5, true, false, .null, "x"])
        #expect(value[path: ["b", "c"]] == .double(1000))
    }

    @Test func keepsIntegersAndFractionsApartButComparesByValue() throws {
        let value = try JSONValue(parsing: "[3, 3.0, 3.5]")
        guard case .array(let items) = value else {
            Issue.record("not an array")
            return
        }
        #expect(items[0] == .int(3))
        #expect(items[1] == .double(3))
        #expect(items[0] == items[1])
        #expect(items[1].intValue == 3)
        #expect(items[2].intValue == nil)
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONValue(parsing: #""tab\tquote\"slash\/e\u00e9 clef\ud834\udd1e""#)
        #expect(value == .string("tab\tquote\"slash/e\u{e9} clef\u{1D11E}"))
    }

    @Test func serializesCompactlyWithSortedKeys() {
        let value: JSONValue = ["b": [1, 2.5, "x\n\"y\""], "a": .null, "c": ["d": true]]
        #expect(value.serializedString() == #"{"a":null,"b":[1,2.5,"x\n\"y\""],"c":{"d":true}}"#)
    }

    @Test func escapesControlCharacters() {
        #expect(JSONValue.string("\u{01}").serializedString() == #""\u0001""#)
    }

    @Test func roundTripsThroughText() throws {
        let value: JSONValue = [
            "name": "web", "replicas": 3, "ratio": 0.25, "labels": ["app": "web"], "list": [[:], [], .null, false],
        ]
        #expect(try JSONValue(parsing: value.serializedString()) == value)
        #expect(try JSONValue(parsing: value.serializedString(pretty: true)) == value)
    }

    @Test(arguments: [
        ("", "unexpected end of input"),
        ("{\"a\" 1}", "expected ':'"),
        ("[1,]", "unexpected character"),
        ("01", "unexpected data after the document"),
        ("\"abc", "unterminated string"),
        ("tru", "unexpected end of input"),
        ("\"\\ud800\"", "unpaired surrogate"),
        ("{} x", "unexpected data after the document"),
    ])
    func rejectsMalformedText(text: String, reason: String) {
        #expect {
            try JSONValue(parsing: text)
        } throws: { error in
            (error as? JSONParseError)?.reason.hasPrefix(reason) == true
        }
    }

    @Test func reportsTheOffsetOfAnError() {
        #expect(throws: JSONParseError(reason: "expected ',' or '}'", offset: 8)) {
            try JSONValue(parsing: #"{"a": 1 "b": 2}"#)
        }
    }

    @Test func refusesNestingBeyondTheLimit() {
        let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
        #expect((try? JSONValue(parsing: deep, maxDepth: 400)) != nil)
    }

    @Test func pathSubscriptCreatesAndRemovesMembers() {
        var value: JSONValue = [:]
        value[path: ["spec", "template", "metadata", "labels", "app"]] = "web"
        #expect(value.serializedString() == #"{"spec":{"template":{"metadata":{"labels":{"app":"web"}}}}}"#)
        value[path: ["spec", "template"]] = nil
        #expect(value == ["spec": [:]])
    }

    @Test func removesNullMembersAtAnyDepth() {
        let value: JSONValue = ["a": .null, "b": ["c": .null, "d": [.null, ["e": .null]]]]
        #expect(value.removingNullMembers() == ["b": ["d": [.null, [:]]]])
    }
}
