import DeferscopeUI
import Testing

@testable import DeferscopeTerminal

@Suite("Terminal pieces without a terminal")
struct TerminalUnitTests {
    @Test("colour depth: NO_COLOR wins, then what terminfo can show")
    func colorDepth() {
        #expect(ColorDetection.depth(environment: ["NO_COLOR": "1"], terminfoColors: 256) == .none)
        #expect(ColorDetection.depth(environment: ["NO_COLOR": ""], terminfoColors: 256) == .indexed256)
        #expect(ColorDetection.depth(environment: [:], terminfoColors: 0x100_0000) == .trueColor)
        #expect(ColorDetection.depth(environment: ["COLORTERM": "truecolor"], terminfoColors: 256) == .indexed256)
        #expect(ColorDetection.depth(environment: [:], terminfoColors: 16) == .ansi16)
        #expect(ColorDetection.depth(environment: [:], terminfoColors: 8) == .ansi8)
        #expect(ColorDetection.depth(environment: [:], terminfoColors: 0) == .none)
        #expect(ColorDetection.claimsTrueColor(environment: ["COLORTERM": "24bit"]))
    }

    @Test("colour pairs are allocated once per combination; default on default is pair 0")
    func pairCache() {
        var allocated: [(Int32, Color, Color)] = []
        var cache = ColorPairCache(capacity: 10) { number, foreground, background in
            allocated.append((number, foreground, background))
            return true
        }
        #expect(cache.pair(foreground: .default, background: .default) == 0)
        #expect(cache.pair(foreground: .red, background: .default) == 1)
        #expect(cache.pair(foreground: .blue, background: .black) == 2)
        #expect(cache.pair(foreground: .red, background: .default) == 1)
        #expect(allocated.map(\.0) == [1, 2])
    }

    @Test("when pairs run out, the nearest allocated pair is borrowed")
    func pairCacheFull() {
        var cache = ColorPairCache(capacity: 2) { _, _, _ in true }
        let red = cache.pair(foreground: .rgb(255, 0, 0), background: .rgb(0, 0, 0))
        let blue = cache.pair(foreground: .rgb(0, 0, 255), background: .rgb(0, 0, 0))
        #expect(cache.pair(foreground: .rgb(240, 10, 10), background: .rgb(10, 0, 0)) == red)
        #expect(cache.pair(foreground: .rgb(0, 0, 200), background: .rgb(0, 0, 20)) == blue)
        #expect(cache.pairs.count == 2)
    }

    @Test("ncurses codes and control characters become keys")
    func keys() {
        #expect(TerminalScreen.key(forCharacter: 4) == .control("d"))
        #expect(TerminalScreen.key(forCharacter: 27) == .escape)
        #expect(TerminalScreen.key(forCharacter: 13) == .enter)
        #expect(TerminalScreen.key(forCharacter: 127) == .backspace)
        #expect(TerminalScreen.key(forCharacter: 9) == .tab)
        #expect(TerminalScreen.key(forCharacter: 0x6F22) == .character("漢"))
        #expect(TerminalScreen.key(forCode: 0o522) == .pageDown)  // KEY_NPAGE
        #expect(TerminalScreen.key(forCode: 0o541) == .backTab)
        #expect(TerminalScreen.key(forCode: 0o410 + 10) == .function(10))
    }

    @Test("without a terminal, starting the screen is an error, not an exit")
    func notATerminal() {
        // `swift test` runs with output to a pipe.
        guard !PlainTextOutput.isTerminal() else { return }
        #expect(throws: TerminalError.notATerminal) { try TerminalScreen() }
    }
}
