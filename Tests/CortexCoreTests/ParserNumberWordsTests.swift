@testable import CortexCore
import Testing

@Suite struct ParserNumberWordsTests {
    @Test(arguments: [
        ("0", 0), ("7", 7), ("12", 12), ("2,000", 2000), ("zero", 0), ("none", 0), ("one", 1), ("two", 2),
        ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9),
        ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13), ("fourteen", 14), ("fifteen", 15),
        ("sixteen", 16), ("seventeen", 17), ("eighteen", 18), ("nineteen", 19), ("twenty", 20),
        ("thirty", 30), ("forty", 40), ("fifty", 50), ("ninety", 90), ("twenty-one", 21), ("forty-two", 42),
        ("ninety-nine", 99),
    ])
    func singleWords(word: String, value: Int) {
        #expect(NumberWords.single(word) == value)
    }

    @Test(arguments: ["a", "few", "several", "some", "twenty-zero", "one-two", "1.5", "x", "", "-3", "99999999999"])
    func notNumbers(word: String) {
        #expect(NumberWords.single(word) == nil)
    }

    @Test(arguments: [
        ("twenty one replicas", 21, 2), ("a hundred", 100, 2), ("one hundred", 100, 2),
        ("two hundred and five", 205, 4), ("three thousand", 3000, 2), ("a dozen", 12, 2),
        ("half a dozen", 6, 3), ("seventy seven", 77, 2), ("ten more", 10, 1),
    ])
    func phrases(text: String, value: Int, length: Int) {
        let words = text.split(separator: " ").map(String.init)
        let found = NumberWords.read(words, from: 0)
        #expect(found?.value == value)
        #expect(found?.length == length)
    }

    @Test(arguments: ["a few", "a couple", "several", "many", "an hour"])
    func vagueAmountsAreNotNumbers(text: String) {
        #expect(NumberWords.read(text.split(separator: " ").map(String.init), from: 0) == nil)
    }

    @Test(arguments: [
        ("zero", 0), ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("six", 6), ("seven", 7),
        ("eight", 8), ("nine", 9), ("ten", 10), ("eleven", 11), ("twelve", 12), ("thirteen", 13),
        ("fourteen", 14), ("fifteen", 15), ("sixteen", 16), ("seventeen", 17), ("eighteen", 18),
        ("nineteen", 19), ("twenty", 20), ("twenty-one", 21), ("twenty two", 22), ("thirty", 30), ("none", 0),
    ])
    func theParserReadsReplicaCountsInWords(word: String, value: Int) {
        let op = EmbeddedParser().understand("scale ledger to \(word) replicas", context: UnderstandingContext()).operation
        #expect(op == Operation(.scale, service: "ledger", replicas: value))
    }

    @Test func anArticleIsOneOnlyBeforeACountedNoun() {
        let parser = EmbeddedParser()
        let context = UnderstandingContext()
        #expect(parser.understand("add a replica to ledger", context: context).operation == Operation(.scale, service: "ledger", delta: 1))
        #expect(parser.understand("add an extra replica to ledger", context: context).operation == Operation(.scale, service: "ledger", delta: 1))
        #expect(parser.understand("scale ledger to one replica", context: context).operation == Operation(.scale, service: "ledger", replicas: 1))
        #expect(parser.understand("restart a ledger", context: context).operation.op == .unknown)
    }
}
