import Testing

@testable import CortexSim

/// Selector text as the API server reads it: terms split on commas, spaces around fields
/// and values ignored, `!=`, `==` and `=` told apart.
@Suite struct SelectorParsingTests {
    @Test func fieldSelectorTermsKeepTheirOperatorAndLoseSurroundingSpaces() throws {
        let selector = try FieldSelector(parsing: " metadata.name == web ,status.phase!=Running,, spec.nodeName= ")
        #expect(selector.terms == [
            FieldSelector.Term(path: ["metadata", "name"], value: "web", negated: false),
            FieldSelector.Term(path: ["status", "phase"], value: "Running", negated: true),
            FieldSelector.Term(path: ["spec", "nodeName"], value: "", negated: false),
        ])
        #expect(throws: APIError.self) { try FieldSelector(parsing: "metadata.name") }
    }

    @Test func onlySpacesAreTrimmedAndOnlyAtTheEnds() {
        #expect("  a b  ".trimmingSpaces == "a b")
        #expect("a b".trimmingSpaces == "a b")
        #expect("   ".trimmingSpaces == "")
        #expect("".trimmingSpaces == "")
        #expect("\ta\n".trimmingSpaces == "\ta\n")
        // A space carrying a combining mark is another character, and stays.
        #expect(" \u{301}a ".trimmingSpaces == " \u{301}a")
    }
}
