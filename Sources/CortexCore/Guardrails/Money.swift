/// US dollar amounts as messages show them: `$1,234.50`, `-$12.00`.
public enum Money {
    /// Rounds like every other amount of cortex: through `MicroDollars`, once, half away
    /// from zero, so that `49.275` shows as `$49.28` (its binary value is a hair below).
    public static func dollars(_ amount: Double) -> String {
        guard let exact = MicroDollars(dollars: amount) else { return amount < 0 ? "-$∞" : "$∞" }
        return exact.description
    }
}
