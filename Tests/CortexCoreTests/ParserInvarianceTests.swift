@testable import CortexCore
import Testing

/// The same request written differently must give the same operation.
@Suite struct ParserInvarianceTests: ReadsSentences {
    let parser = EmbeddedParser()

    static let requests: [(core: String, env: String)] = [
        ("restart ledger", "staging"),
        ("deploy cart v2.0.1", "production"),
        ("scale checkout to 4 replicas", "development"),
        ("add two replicas to orders-api", "staging"),
        ("roll back mailer to revision 3", "production"),
        ("tear down old-reports", "development"),
        ("show logs for search-api", "staging"),
        ("status of geo-service", "production"),
    ]

    static let wrappers: [(String, String)] = [
        ("please ", ""), ("", " please"), ("could you ", "?"), ("can you please ", ", thanks"),
        ("would you mind ", ""), ("I'd like to ", ""), ("I need you to ", ""), ("go ahead and ", ""),
        ("kindly ", " for me"), ("pls ", " thank you"), ("hey cortex, ", "!"),
    ]

    @Test(arguments: requests)
    func caseSpacingAndPunctuationDoNotMatter(core: String, env: String) {
        let base = parse("\(core) in \(env)")
        #expect(base.op != .unknown)
        // A version is kept as written, so only its case may differ.
        var shouted = parse("\(core) in \(env)".uppercased())
        shouted.version = shouted.version?.lowercased()
        #expect(shouted == base)
        #expect(parse("  \(core)   in\t\(env)  ") == base)
        #expect(parse("\(core) in \(env).") == base)
        #expect(parse("\(core) in \(env)!!") == base)
        #expect(parse("\(core), in \(env)") == base)
    }

    @Test(arguments: requests)
    func politeWrappersDoNotMatter(core: String, env: String) {
        let base = parse("\(core) in \(env)")
        for (before, after) in Self.wrappers {
            #expect(parse("\(before)\(core) in \(env)\(after)") == base, "\(before)…\(after)")
        }
    }

    @Test(arguments: requests)
    func clauseOrderDoesNotMatter(core: String, env: String) {
        let base = parse("\(core) in \(env)")
        #expect(parse("in \(env), \(core)") == base)
        #expect(parse("\(env): \(core)") == base)
        #expect(parse("on \(env) \(core)") == base)
    }

    @Test(arguments: requests)
    func aliasesAndTyposOfTheEnvironmentDoNotMatter(core: String, env: String) {
        let base = parse("\(core) in \(env)")
        let variants: [String: [String]] = [
            "staging": ["stage", "stg", "stagin"], "production": ["prod", "prd", "live", "prodution"],
            "development": ["dev", "developmnet"],
        ]
        for word in variants[env] ?? [] {
            #expect(parse("\(core) in \(word)") == base, "\(word)")
        }
    }

    @Test func singularAndPluralSlipsDoNotMatter() {
        let three = parse("scale cart to 3 replicas")
        #expect(parse("scale cart to 3 replica") == three)
        let one = parse("scale cart to 1 replica")
        #expect(parse("scale cart to 1 replicas") == one)
        #expect(parse("add 1 replicas to cart") == parse("add 1 replica to cart"))
    }
}
