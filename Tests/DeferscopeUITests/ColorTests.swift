import DeferscopeUI
import Testing

@Suite("Color and Style")
struct ColorTests {
    @Test("RGB goes to the nearest of the 256 colours: cube or grey ramp")
    func to256() {
        #expect(Color.rgb(255, 0, 0).downgraded(to: .indexed256) == .indexed(196))
        #expect(Color.rgb(0, 0, 0).downgraded(to: .indexed256) == .indexed(16))
        #expect(Color.rgb(128, 128, 128).downgraded(to: .indexed256) == .indexed(244))
        #expect(Color.rgb(0x30, 0x3a, 0x4a).downgraded(to: .indexed256) == .indexed(237))
        #expect(Color.rgb(95, 135, 175).downgraded(to: .indexed256) == .indexed(67))
    }

    @Test("RGB and 256 colours go to the nearest of the 16 ANSI colours")
    func to16() {
        #expect(Color.rgb(250, 10, 10).downgraded(to: .ansi16) == .ansi(9))
        #expect(Color.rgb(180, 0, 0).downgraded(to: .ansi16) == .ansi(1))
        #expect(Color.rgb(20, 20, 20).downgraded(to: .ansi16) == .ansi(0))
        #expect(Color.indexed(231).downgraded(to: .ansi16) == .ansi(15))
        #expect(Color.indexed(3).downgraded(to: .ansi16) == .ansi(3))
    }

    @Test("8 colours fold bright ANSI colours onto normal ones")
    func to8() {
        #expect(Color.ansi(9).downgraded(to: .ansi8) == .ansi(1))
        #expect(Color.rgb(255, 255, 255).downgraded(to: .ansi8) == .ansi(7))
    }

    @Test("true colour and .default are kept as they are")
    func kept() {
        #expect(Color.rgb(1, 2, 3).downgraded(to: .trueColor) == .rgb(1, 2, 3))
        #expect(Color.default.downgraded(to: .ansi8) == .default)
    }

    @Test("without colour, attributes stay and a background-only emphasis becomes reverse")
    func noColor() {
        let selected = Style(foreground: .rgb(255, 255, 255), background: .rgb(52, 90, 143), attributes: .bold)
        #expect(selected.downgraded(to: .none) == Style(attributes: [.bold, .reverse]))
        let error = Style(foreground: .red, attributes: .underline)
        #expect(error.downgraded(to: .none) == Style(attributes: .underline))
    }

    @Test("colours print as theme files write them")
    func descriptions() {
        #expect(Color.rgb(0x0a, 0xbc, 0xff).description == "#0abcff")
        #expect(Color.indexed(42).description == "color(42)")
        #expect(Color.ansi(12).description == "bright-blue")
    }
}
