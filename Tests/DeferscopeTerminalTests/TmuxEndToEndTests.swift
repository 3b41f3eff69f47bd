import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The showcase in a real terminal: tmux runs it, types keys, and reads the screen back.
@Suite("Terminal end to end (tmux)", .enabled(if: Tmux.isAvailable, "tmux is not installed"))
struct TmuxEndToEndTests {
    @Test("draws the showcase, follows keys, survives a resize, and gives the shell back on q")
    func showcase() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.run(Tmux.check)
        var screen = try tmux.waitFor("selected #1")
        #expect(screen.contains("deferscope-check["))
        #expect(screen.contains("ID Label"))
        #expect(screen.contains("│  └─ #3 db query  blocked on: nobody fired it"))
        #expect(screen.contains("wide: 延迟 Deferred 🚀 ok 漢字テスト"))
        #expect(screen.contains("q quit  ? help"))

        try tmux.keys("Down")
        try tmux.waitFor("selected #2")
        try tmux.keys("j")
        try tmux.waitFor("selected #3")
        try tmux.keys("t")
        try tmux.waitFor("theme dracula")
        try tmux.keys("?")
        screen = try tmux.waitFor("Show view 1 to 6")
        #expect(screen.contains("┌─ Help"))
        try tmux.keys("Escape")
        try tmux.waitFor("key Esc", absent: "Show view 1 to 6")
        try tmux.keys("/", "d", "b", "Enter")
        try tmux.waitFor("filter db")

        try tmux.resize(width: 60, height: 20)
        screen = try tmux.waitFor("size 60x20")
        #expect(screen.split(separator: "\n").allSatisfy { $0.displayColumns <= 60 })

        try tmux.keys("q")
        screen = try tmux.waitFor("EXITED-0")
        #expect(!screen.contains("deferscope-check["), "the alternate screen should be gone")
    }

    @Test("SIGTERM restores the terminal: alternate screen left, echo and line mode back")
    func terminated() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.run(Tmux.check)
        let screen = try tmux.waitFor("selected #1")
        let pid = try #require(Tmux.pid(in: screen))
        #expect(kill(pid, SIGTERM) == 0)
        try tmux.waitFor("EXITED-143", absent: "deferscope-check[")
        try tmux.run("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' , ; echo")
        try tmux.waitFor("icanon,echo,")
    }

    @Test("a crash restores the terminal before the process dies")
    func crashed() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.run("SWIFT_BACKTRACE=enable=no " + Tmux.check + " --crash-after-first-frame")
        // Killed by SIGILL (132) or SIGTRAP (133), as fatalError is on Linux.
        let screen = try tmux.waitFor("EXITED-13")
        #expect(!screen.contains("deferscope-check["))
        try tmux.run("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' , ; echo")
        try tmux.waitFor("icanon,echo,")
    }

    @Test("an unknown TERM is a clear error, not a silent exit")
    func unknownTerm() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        try tmux.run("TERM=no-such-terminal " + Tmux.check)
        let screen = try tmux.waitFor("EXITED-1")
        #expect(screen.contains("unknown terminal type 'no-such-terminal'"))
    }
}

extension Substring {
    /// Columns a captured line takes (wide characters count two).
    var displayColumns: Int {
        unicodeScalars.reduce(0) { total, scalar in
            let value = scalar.value
            let wide =
                (0x1100...0x115F).contains(value) || (0x2E80...0xA4CF).contains(value)
                || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value)
                || (0xFF00...0xFF60).contains(value) || (0x1F300...0x1FAFF).contains(value)
            return total + (wide ? 2 : 1)
        }
    }
}
