import CortexCore
import Testing

@Suite struct CostMoneyTests {
    @Test(arguments: [
        ("12", 12_000_000), ("0.15", 150_000), ("2.50", 2_500_000), ("$1,250.75", 1_250_750_000),
        ("0.0000005", 1), ("0.0000004", 0), ("-3.5", -3_500_000), (".5", 500_000), ("7.", 7_000_000),
    ] as [(String, Int64)])
    func decimalTextIsReadExactly(text: String, micros: Int64) {
        #expect(MicroDollars(decimal: text)?.value == micros)
    }

    @Test(arguments: ["", ".", "abc", "1.2.3", "1e3", "--1", "99999999999999999999"])
    func malformedDecimalTextIsRejected(text: String) {
        #expect(MicroDollars(decimal: text) == nil)
    }

    @Test func doublesRoundToTheNearestMicroDollar() {
        #expect(MicroDollars(dollars: 0.1)?.value == 100_000)
        #expect(MicroDollars(dollars: 500)?.value == 500_000_000)
        #expect(MicroDollars(dollars: .infinity) == nil)
        #expect(MicroDollars(dollars: .nan) == nil)
    }

    @Test func renderingRoundsHalfAwayFromZeroAndGroupsThousands() {
        #expect(MicroDollars(1_234_565_000).description == "$1,234.57")
        #expect(MicroDollars(1_234_564_999).description == "$1,234.56")
        #expect(MicroDollars(-12_000_000).description == "-$12.00")
        #expect(MicroDollars(4_999).description == "$0.00")
        #expect(MicroDollars(5_000).description == "$0.01")
        #expect(MoneyText.change(MicroDollars(204_400_000)) == "+$204.40")
        #expect(MoneyText.change(MicroDollars(-3_500_000)) == "-$3.50")
    }

    /// Dollar amounts that arrive as `Double` (a budget, a rule's figure) round like every
    /// other amount: once, half away from zero, from the decimal value written.
    @Test(arguments: [(49.275, "$49.28"), (1.005, "$1.01"), (-2.675, "-$2.68"), (1234.5, "$1,234.50"), (0.004, "$0.00")])
    func dollarsFromDoublesRoundAsMicroDollarsDo(_ amount: Double, _ text: String) {
        #expect(Money.dollars(amount) == text)
        #expect(Money.dollars(amount) == MicroDollars(dollars: amount)?.description)
    }

    @Test func apportionedCentsAddUpToTheRoundedTotal() {
        // Three parts of 1/3 cent each round to 0 alone, but together they make 1 cent.
        let parts = [MicroDollars(3_333), MicroDollars(3_333), MicroDollars(3_334)]
        let cents = CentApportionment.apportion(parts)
        #expect(cents.reduce(0, +) == 1)
        #expect(cents == [0, 0, 1])
        // Independent rounding would show 0.01 + 0.01 + 0.01 for a total of 0.02.
        let halves = [MicroDollars(6_000), MicroDollars(6_000), MicroDollars(6_000)]
        #expect(CentApportionment.apportion(halves) == [1, 1, 0])
    }

    @Test func apportionmentMeetsAnImposedTotal() {
        let parts = [MicroDollars(1_004_000), MicroDollars(2_004_000)]
        // Equal remainders: the earlier part gets the cent.
        #expect(CentApportionment.apportion(parts, total: 301) == [101, 200])
        #expect(CentApportionment.apportion(parts, total: 300) == [100, 200])
        #expect(CentApportionment.apportion([], total: 0) == [])
    }
}

@Suite struct PlainTextTests {
    @Test func cortexsOwnGlyphsHaveASCIISpellingsAndOtherTextPassesUnchanged() {
        #expect(PlainText.ascii("replicas  3 → 4, ($49.29 → $65.72)") == "replicas  3 -> 4, ($49.29 -> $65.72)")
        #expect(PlainText.ascii("replicas 2…50, fri 15:00–24:00 UTC, ±10") == "replicas 2...50, fri 15:00-24:00 UTC, +/-10")
        #expect(PlainText.ascii("unknown environment `ステージ` or stäging") == "unknown environment `ステージ` or stäging")
        #expect(PlainText.ascii("plain") == "plain")
    }
}
