import CortexCore
import CortexKube
import CortexShell
import CortexTestSupport
import Testing

@Suite struct ConfigurationTests {
    let text = """
    version: 1
    image-template: registry.example.com/{service}:{version}
    environments:
      production: { aliases: [live-eu], context: prod-eu, namespace: shop }
      qa:
        aliases: [test, testing]
    """

    @Test func environmentsAliasesPlacesAndTemplate() throws {
        let c = try ShellConfiguration.parse(text, file: "config.yaml")
        #expect(c.environments.names == ["development", "staging", "production", "qa"])
        #expect(c.environments.resolve("test") == "qa")
        #expect(c.environments.resolve("live-eu") == "production")
        #expect(c.environments.resolve("prod") == "production")
        #expect(c.placements.target(for: "production", currentContext: "kind") == ClusterTarget(context: "prod-eu", namespace: "shop"))
        #expect(c.placements.target(for: "qa", currentContext: "kind") == ClusterTarget(context: "kind", namespace: "qa"))
        #expect(c.imageTemplate == ImageTemplate("registry.example.com/{service}:{version}"))
    }

    @Test(arguments: [
        ("version: 1\ncolour: blue\n", "config.yaml:2: colour: unknown key"),
        ("version: 2\n", "config.yaml:1: version: this cortex reads configuration version 1"),
        ("environments: {}\n", "config.yaml:1: version: missing"),
        ("version: 1\nenvironments:\n  qa: { region: eu }\n", "config.yaml:3: region: unknown key"),
        ("version: 1\nenvironments:\n  qa: { aliases: [prod] }\n", "config.yaml:3: qa: alias `prod` already names production"),
        ("version: 1\nimage-template: registry/{service}\n", "config.yaml:2: image-template: a text with {version}"),
        ("version: 1\nenvironments:\n  qa: { namespace: Bad_NS }\n", "config.yaml:3: namespace: not a valid namespace name"),
        ("version: 1\n  bad: [indent\n", "config.yaml:"),
        ("version: 1\ncanary-check: soon\n", "config.yaml:2: canary-check: a length of time"),
        ("version: 1\ncanary-check: 0s\n", "config.yaml:2: canary-check: a length of time"),
    ])
    func errorsNameFileLineAndKey(_ text: String, _ start: String) {
        do {
            _ = try ShellConfiguration.parse(text, file: "config.yaml")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.exitCode == .usage)
            #expect(error.message.hasPrefix(start), "\(error.message)")
            #expect(error.hint?.contains("CORTEX_CONFIG") == true)
        }
    }

    @Test func theCanaryCheckIsTwoMinutesUnlessConfigured() throws {
        #expect(try ShellConfiguration.parse("version: 1\n", file: "config.yaml").canaryCheck == .seconds(120))
        #expect(try ShellConfiguration.parse("version: 1\ncanary-check: 5m\n", file: "config.yaml").canaryCheck == .seconds(300))
        #expect(try ShellConfiguration.parse("version: 1\ncanary-check: 90s\n", file: "config.yaml").canaryCheck == .seconds(90))
    }

    @Test func aMissingFileMeansTheDefaults() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try ShellConfiguration.load(path: dir.file("config.yaml")) == ShellConfiguration())
    }
}
