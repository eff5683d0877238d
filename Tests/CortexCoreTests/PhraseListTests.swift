@testable import CortexCore
import Testing

@Suite struct PhraseListTests {
    let list = PhraseList([["what", "if"], ["never", "mind"], ["nvm"], ["is", "it", "safe"]])

    @Test func findsAPhraseAnywhere() {
        #expect(list.occurs(in: ["restart", "cart", "never", "mind"]))
        #expect(list.occurs(in: ["nvm"]))
        #expect(list.occurs(in: ["so", "is", "it", "safe", "to", "restart"]))
    }

    @Test func aFirstWordAloneOrAPhraseCutShortIsNoMatch() {
        #expect(!list.occurs(in: ["what", "is", "up"]))
        #expect(!list.occurs(in: ["is", "it"]))
        #expect(!list.occurs(in: ["never"]))
        #expect(!list.occurs(in: []))
    }

    @Test func lengthAtAPositionAndAtTheStart() {
        let words = HashedWords(["ok", "is", "it", "safe"])
        #expect(list.length(at: 1, in: words) == 3)
        #expect(list.length(at: 0, in: words) == nil)
        #expect(list.prefixLength(of: ["never", "mind", "that"]) == 2)
        #expect(list.prefixLength(of: ["mind", "never"]) == nil)
    }
}
