import CortexCore
import Foundation
import Testing

@Suite struct JSONValueCodableTests {
    @Test func everyKindDecodesThroughJSONDecoderAsItself() throws {
        let text = #"{"i":1,"n":-7,"d":1.5,"t":true,"f":false,"s":"x","one":"1","a":[1,"y",null,{"k":2.5}],"z":null,"o":{}}"#
        let value = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        #expect(value == (try JSONValue(parsing: text)))
        #expect(value["i"] == .int(1) && value["n"] == .int(-7) && value["d"] == .double(1.5))
        #expect(value["t"] == .bool(true) && value["f"] == .bool(false) && value["one"] == .string("1"))
    }
}
