@testable import CortexCore
import Testing

@Suite struct EnvironmentCatalogTests {
    let catalog = EnvironmentCatalog.standard

    @Test(arguments: [
        ("development", "development"), ("dev", "development"), ("develop", "development"),
        ("staging", "staging"), ("stage", "staging"), ("stg", "staging"), ("STG", "staging"),
        ("production", "production"), ("prod", "production"), ("prd", "production"), ("live", "production"),
    ])
    func namesAndAliasesResolveExactly(word: String, name: String) {
        #expect(catalog.canonical(word) == name)
        #expect(catalog.resolve(word) == name)
    }

    @Test(arguments: [
        ("stagin", "staging"), ("stagging", "staging"), ("satging", "staging"), ("stagign", "staging"),
        ("prodution", "production"), ("productoin", "production"), ("producton", "production"),
        ("prodcution", "production"), ("porduction", "production"), ("developmnet", "development"),
        ("devlopment", "development"), ("pord", "production"), ("stgae", "staging"),
    ])
    func smallTyposResolve(word: String, name: String) {
        #expect(catalog.canonical(word) == nil)
        #expect(catalog.resolve(word) == name)
    }

    @Test(arguments: ["pod", "prob", "dog", "deb", "stag", "live-api", "product", "login", "prods-x", "sandbox", "stages-of-grief", "pro", "d"])
    func wordsThatOnlyLookAlikeDoNotResolve(word: String) {
        #expect(catalog.resolve(word) == nil)
    }

    @Test func configuredEnvironmentsAndAliasesJoinTheCatalog() {
        var c = EnvironmentCatalog.standard
        c.add(EnvironmentDefinition(name: "Sandbox", aliases: ["sbx"]))
        c.add(EnvironmentDefinition(name: "production", aliases: ["prod-eu"]))
        #expect(c.names == ["development", "staging", "production", "sandbox"])
        #expect(c.resolve("sbx") == "sandbox")
        #expect(c.resolve("sandbx") == "sandbox")
        #expect(c.resolve("prod-eu") == "production")
        #expect(c.resolve("prod") == "production")
    }

    @Test func equallyCloseEnvironmentsAreNotGuessed() {
        let c = EnvironmentCatalog([.init(name: "stage-a"), .init(name: "stage-b")])
        #expect(c.resolve("stage-c") == nil)
        #expect(c.resolve("stage-a") == "stage-a")
        #expect(c.resolve("stagea") == "stage-a")
    }

    @Test func editDistanceCountsASwapAsOneEdit() {
        #expect(EditDistance.damerauLevenshtein("productoin", "production") == 1)
        #expect(EditDistance.damerauLevenshtein("stagin", "staging") == 1)
        #expect(EditDistance.damerauLevenshtein("pod", "prod") == 1)
        #expect(EditDistance.damerauLevenshtein("kitten", "sitting") == 3)
        #expect(EditDistance.damerauLevenshtein("abcdef", "uvwxyz", limit: 2) > 2)
    }
}

@Suite struct EnvironmentParsingTests {
    let parser = EmbeddedParser()

    func parse(_ text: String, _ context: UnderstandingContext = UnderstandingContext()) -> Operation {
        parser.understand(text, context: context).operation
    }

    var sandbox: UnderstandingContext {
        var catalog = EnvironmentCatalog.standard
        catalog.add(EnvironmentDefinition(name: "sandbox", aliases: ["sbx", "play"]))
        catalog.add(EnvironmentDefinition(name: "qa-east", aliases: ["qa"]))
        return UnderstandingContext(environments: catalog)
    }

    @Test func configuredEnvironmentsAreUnderstood() {
        #expect(parse("deploy ledger to sandbox", sandbox) == Operation(.deploy, service: "ledger", environment: "sandbox"))
        #expect(parse("restart ledger in sbx", sandbox) == Operation(.restart, service: "ledger", environment: "sandbox"))
        #expect(parse("scale ledger to 2 in sandbx", sandbox) == Operation(.scale, service: "ledger", environment: "sandbox", replicas: 2))
        #expect(parse("qa: restart ledger", sandbox) == Operation(.restart, service: "ledger", environment: "qa-east"))
        #expect(parse("what's running in qa-east", sandbox) == Operation(.status, environment: "qa-east"))
    }

    @Test func unconfiguredEnvironmentsAreNotInvented() {
        #expect(parse("deploy ledger to sandbox").op == .unknown)
        #expect(parse("restart ledger in qa").op == .unknown)
        #expect(parse("restart ledger in qa").reason?.contains("not a known environment") == true)
    }

    @Test func anEnvironmentWordIsNeverAWorkload() {
        #expect(parse("restart prod").op == .unknown)
        #expect(parse("deploy staging to production").op == .unknown)
        #expect(parse("status of dev") == Operation(.status, environment: "development"))
    }

    @Test func shortWordsDoNotBecomeEnvironments() {
        #expect(parse("restart ledger in pod").op == .unknown)
        #expect(parse("restart pod-manager in prod") == Operation(.restart, service: "pod-manager", environment: "production"))
        #expect(parse("restart prod-api in dev") == Operation(.restart, service: "prod-api", environment: "development"))
        #expect(parse("restart ledger in pord") == Operation(.restart, service: "ledger", environment: "production"))
    }

    @Test func theSessionEnvironmentIsNotFilledIn() {
        let context = UnderstandingContext(currentEnvironment: "staging")
        #expect(parse("scale ledger to 3", context) == Operation(.scale, service: "ledger", replicas: 3))
    }
}
