import CortexCore
import Testing

@Suite struct TextDiffTests {
    @Test func equalTextsGiveNoDiff() {
        #expect(TextDiff.unified(expected: "a\nb\n", actual: "a\nb\n", name: "x").isEmpty)
    }

    @Test func changedLineShowsAsOneHunkWithContext() {
        let e = "1\n2\n3\n4\n5\n6\n7\n8\n9", a = "1\n2\n3\n4\nFIVE\n6\n7\n8\n9"
        #expect(TextDiff.unified(expected: e, actual: a, name: "t") == """
        --- t (expected)
        +++ t (actual)
        @@ -2,7 +2,7 @@
         2
         3
         4
        -5
        +FIVE
         6
         7
         8
        """)
    }

    @Test func distantChangesMakeTwoHunksAndInsertionsCount() {
        let e = (1...20).map(String.init).joined(separator: "\n")
        var lines = (1...20).map(String.init)
        lines.insert("new", at: 1)
        lines[19] = "nineteen"
        let d = TextDiff.unified(expected: e, actual: lines.joined(separator: "\n"), name: "t", context: 1)
        #expect(d.split(separator: "\n").filter { $0.hasPrefix("@@") } == ["@@ -1,2 +1,3 @@", "@@ -18,3 +19,3 @@"])
        #expect(d.contains("+new") && d.contains("-19") && d.contains("+nineteen"))
    }
}
