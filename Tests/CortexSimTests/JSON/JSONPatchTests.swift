import CortexCore
import Testing

/// The examples of RFC 6902, appendix A.
@Suite struct JSONPatchTests {
    private func apply(_ patch: String, to document: String) throws -> JSONValue {
        try JSONPatch(JSONValue(parsing: patch)).apply(to: JSONValue(parsing: document))
    }

    @Test(arguments: [
        // A.1 Adding an object member
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux"}]"#, #"{"baz":"qux","foo":"bar"}"#),
        // A.2 Adding an array element
        (#"{"foo":["bar","baz"]}"#, #"[{"op":"add","path":"/foo/1","value":"qux"}]"#, #"{"foo":["bar","qux","baz"]}"#),
        // A.3 Removing an object member
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"remove","path":"/baz"}]"#, #"{"foo":"bar"}"#),
        // A.4 Removing an array element
        (#"{"foo":["bar","qux","baz"]}"#, #"[{"op":"remove","path":"/foo/1"}]"#, #"{"foo":["bar","baz"]}"#),
        // A.5 Replacing a value
        (#"{"baz":"qux","foo":"bar"}"#, #"[{"op":"replace","path":"/baz","value":"boo"}]"#, #"{"baz":"boo","foo":"bar"}"#),
        // A.6 Moving a value
        (
            #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
            #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
            #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#
        ),
        // A.7 Moving an array element
        (#"{"foo":["all","grass","cows","eat"]}"#, #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, #"{"foo":["all","cows","eat","grass"]}"#),
        // A.8 Testing a value: success
        (
            #"{"baz":"qux","foo":["a",2,"c"]}"#,
            #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
            #"{"baz":"qux","foo":["a",2,"c"]}"#
        ),
        // A.10 Adding a nested member object
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#, #"{"child":{"grandchild":{}},"foo":"bar"}"#),
        // A.11 Ignoring unrecognized elements
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, #"{"baz":"qux","foo":"bar"}"#),
        // A.14 ~ escape ordering
        (#"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":10}]"#, #"{"/":9,"~1":10}"#),
        // A.16 Adding an array value
        (#"{"foo":["bar"]}"#, #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#, #"{"foo":["bar",["abc","def"]]}"#),
        // Copy, and replacing the whole document
        (#"{"a":{"b":1}}"#, #"[{"op":"copy","from":"/a","path":"/c"}]"#, #"{"a":{"b":1},"c":{"b":1}}"#),
        (#"{"a":1}"#, #"[{"op":"replace","path":"","value":[1]}]"#, "[1]"),
    ])
    func appliesTheRFCExamples(document: String, patch: String, expected: String) throws {
        #expect(try apply(patch, to: document) == JSONValue(parsing: expected))
    }

    @Test(arguments: [
        // A.9 Testing a value: error
        (#"{"baz":"qux"}"#, #"[{"op":"test","path":"/baz","value":"bar"}]"#),
        // A.12 Adding to a nonexistent target
        (#"{"foo":"bar"}"#, #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#),
        // A.15 Comparing strings and numbers
        (#"{"/":9,"~1":10}"#, #"[{"op":"test","path":"/~01","value":"10"}]"#),
        // Removing a missing member, an index past the end, a leading zero
        (#"{"a":1}"#, #"[{"op":"remove","path":"/b"}]"#),
        (#"{"a":[1]}"#, #"[{"op":"add","path":"/a/2","value":0}]"#),
        (#"{"a":[1,2]}"#, #"[{"op":"replace","path":"/a/01","value":0}]"#),
        (#"{"a":{"b":1}}"#, #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#),
    ])
    func reportsConflictsWithTheDocument(document: String, patch: String) {
        #expect {
            try apply(patch, to: document)
        } throws: { error in
            guard let error = error as? JSONPatchError else { return false }
            return !error.isMalformed
        }
    }

    @Test(arguments: [
        #"{"op":"add"}"#,
        #"[{"op":"frobnicate","path":"/a"}]"#,
        #"[{"path":"/a","value":1}]"#,
        #"[{"op":"add","path":"/a"}]"#,
        #"[{"op":"move","path":"/a"}]"#,
        #"[{"op":"add","path":"a","value":1}]"#,
        #"[{"op":"add","path":"/a~2","value":1}]"#,
    ])
    func rejectsMalformedPatches(patch: String) {
        #expect {
            try apply(patch, to: "{}")
        } throws: { error in
            (error as? JSONPatchError)?.isMalformed == true
        }
    }

    @Test func leavesTheDocumentUntouchedWhenAnOperationFails() throws {
        let document: JSONValue = ["a": 1]
        let patch = try JSONPatch(JSONValue(parsing: #"[{"op":"add","path":"/b","value":2},{"op":"test","path":"/a","value":5}]"#))
        #expect(throws: JSONPatchError.self) { try patch.apply(to: document) }
        #expect(document == ["a": 1])
    }

    @Test func pointersEscapeAndUnescape() throws {
        let pointer = try JSONPointer("/a~1b/c~0d/0")
        #expect(pointer.tokens == ["a/b", "c~d", "0"])
        #expect(pointer.description == "/a~1b/c~0d/0")
    }
}
