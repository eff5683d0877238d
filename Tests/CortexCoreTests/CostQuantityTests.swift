import CortexCore
import Testing

@Suite struct CostQuantityTests {
    @Test(arguments: [
        ("250m", 250), ("1", 1_000), ("0.5", 500), ("2", 2_000), ("1.5", 1_500), ("100m", 100),
        ("0.001", 1), ("0.0001", 1), ("1k", 1_000_000), ("500u", 1), ("1e3", 1_000_000), ("+3", 3_000),
    ] as [(String, Int64)])
    func cpuQuantitiesInMillicores(text: String, millis: Int64) throws {
        #expect(try ResourceQuantity(text).millis == millis)
    }

    @Test(arguments: [
        ("512Mi", 536_870_912), ("1Gi", 1_073_741_824), ("1G", 1_000_000_000), ("100M", 100_000_000),
        ("128974848", 128_974_848), ("129e6", 129_000_000), ("123Mi", 128_974_848), ("1.5Gi", 1_610_612_736),
        ("64Ki", 65_536), ("1Ti", 1_099_511_627_776), ("0.5Mi", 524_288), ("1E3", 1_000),
    ] as [(String, Int64)])
    func memoryQuantitiesInBytes(text: String, bytes: Int64) throws {
        #expect(try ResourceQuantity(text).units == bytes)
    }

    @Test func fractionsOfAByteRoundUp() throws {
        #expect(try ResourceQuantity("1m").units == 1)
        #expect(try ResourceQuantity("0.1").units == 1)
        #expect(try ResourceQuantity("-1m").units == 0)
    }

    @Test(arguments: ["", "m", "Mi", "1.2.3", "12 Mi", "1mi", "1MB", "1Gb", "one", "1e", "e3", "1.5x", "--1",
                      "1234567890123456789012"])
    func malformedQuantitiesAreUsageErrorsWithAHint(text: String) {
        #expect(throws: CortexError.self) { try ResourceQuantity(text) }
        do {
            _ = try ResourceQuantity(text)
        } catch {
            #expect(error.exitCode == .usage)
            #expect(error.message.contains("`\(text)`"))
            #expect(error.hint?.contains("512Mi") == true)
        }
    }

    @Test func overflowingValuesYieldNil() throws {
        #expect(try ResourceQuantity("16Ei").units == nil)
        #expect(try ResourceQuantity("999999999999999999").millis == nil)
    }

    @Test func podRequestsSumContainersAndNameTheOnesWithoutRequests() throws {
        let pod = try PodRequests(containers: [
            ContainerRequests(name: "app", cpu: "250m", memory: "512Mi"),
            ContainerRequests(name: "sidecar", cpu: "0.1", memory: nil),
        ])
        #expect(pod.cpuMillis == 350)
        #expect(pod.memoryBytes == 536_870_912)
        #expect(pod.containersWithoutRequests == ["sidecar"])
    }

    @Test func aBadRequestNamesItsContainer() {
        do {
            _ = try PodRequests(containers: [ContainerRequests(name: "worker", cpu: "lots", memory: "1Gi")])
            Issue.record("expected an error")
        } catch {
            #expect(error.message.contains("worker"))
            #expect(error.message.contains("`lots`"))
        }
        #expect(throws: CortexError.self) {
            try PodRequests(containers: [ContainerRequests(name: "w", cpu: "-1", memory: "1Gi")])
        }
    }
}
