import CortexCore
import Testing

@testable import CortexSim

@Suite struct TemplateMatchTests {
    static let base: JSONValue = [
        "metadata": ["labels": ["app": "web"]], "spec": ["containers": [["name": "web", "image": "web:1"]]],
    ]

    static func with(_ template: JSONValue, _ path: [String], _ value: JSONValue?) -> JSONValue {
        var template = template
        template[path: path] = value
        return template
    }

    static let templates: [JSONValue] = [
        base,
        with(base, ["metadata", "labels", TemplateHash.label], "5d4f7c8b9"),
        with(base, ["spec", "containers"], [["name": "web", "image": "web:2"]]),
        with(base, ["metadata", "labels"], [TemplateHash.label: "5d4f7c8b9"]),
        with(base, ["metadata", "labels"], nil),
        with(base, ["metadata"], nil),
        with(base, ["spec", "restartPolicy"], "Always"),
        with(base, ["metadata", "annotations"], ["kubectl.kubernetes.io/restartedAt": "2026-12-06T10:00:00Z"]),
        ["spec": base["spec"] ?? .null],
    ]

    @Test func theQuickComparisonAgreesWithComparingCopiesWithoutTheLabel() {
        for a in Self.templates {
            for b in Self.templates {
                let expected = TemplateHash.withoutHashLabel(a) == TemplateHash.withoutHashLabel(b)
                #expect(TemplateHash.templatesEqual(a, b) == expected, "\(a) \(b)")
            }
        }
    }

    @Test func keptComparisonsFollowTheTemplatesAsTheyChange() {
        let matches = TemplateMatches()
        // One ReplicaSet slot, its template and its Deployment's changing in turn.
        for _ in 0..<2 {
            for a in Self.templates {
                for b in Self.templates {
                    #expect(matches.equal("rs-1", a, b) == TemplateHash.templatesEqual(a, b), "\(a) \(b)")
                }
            }
        }
        #expect(!matches.equal("rs-1", nil, Self.base))
        #expect(!matches.equal("rs-1", Self.base, nil))
    }
}
