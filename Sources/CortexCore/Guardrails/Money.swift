/// US dollar amounts as messages show them: `$1,234.50`, `-$12.00`.
public enum Money {
    public static func dollars(_ amount: Double) -> String {
        let cents = Int64((abs(amount) * 100).rounded())
        var whole = String(cents / 100)
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole = String(whole.dropLast(3))
        }
        let fraction = cents % 100
        return (amount < 0 && cents > 0 ? "-" : "") + "$" + whole + grouped + "." + (fraction < 10 ? "0" : "") + String(fraction)
    }
}
