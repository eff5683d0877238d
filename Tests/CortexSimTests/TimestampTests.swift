@testable import CortexSim
import Foundation
import Testing

@Suite struct TimestampTests {
    /// `Timestamp.format` writes RFC 3339 in UTC to the second, as the API server stamps
    /// objects: the same text as a POSIX date formatter, over leap days, ends of days and
    /// years, and times with fractions of a second (cut, not rounded).
    @Test func formatsAsADateFormatterDoes() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'"
        var dates = [0, 59, 86_399, 86_400, 951_782_400, 951_868_799, 1_709_164_800, 1_735_689_599, 4_102_444_800, 253_402_300_799]
            .map { Date(timeIntervalSince1970: Double($0)) }
        var state: UInt64 = 7
        for _ in 0..<2000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            dates.append(Date(timeIntervalSince1970: Double(state >> 26) / 100))
        }
        for date in dates {
            #expect(Timestamp.format(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
            #expect(Timestamp.parse(Timestamp.format(date)) == Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        }
    }
}
