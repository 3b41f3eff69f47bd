import DeferscopeUI
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C and the mouse in a real terminal. tmux cannot click, but it passes bytes typed with
/// `send-keys -l` to the program as they are, so the tests type the reports a terminal sends
/// for the mouse (X10 encoding, which ncurses asks for under TERM=tmux-256color: `ESC [ M`, then
/// 32 + button, 32 + column, 32 + row, both 1-based). tmux's own view of the pane's mouse mode
/// (`#{mouse_any_flag}`) shows whether the program asked for mouse reports at all.
@Suite("Keys and mouse end to end (tmux)", .enabled(if: Tmux.isAvailable, "tmux is not installed"), .serialized)
struct InputEndToEndTests {
    /// What a terminal sends for mouse `button` (0 left, 3 release, 64 wheel up, 65 wheel down)
    /// at column `x`, row `y` (0-based).
    static func mouseReport(button: Int, x: Int, y: Int) -> String {
        "\u{1B}[M" + String(UnicodeScalar(UInt8(32 + button))) + String(UnicodeScalar(UInt8(33 + x)))
            + String(UnicodeScalar(UInt8(33 + y)))
    }

    /// A left click (press and release) at (`x`, `y`).
    static func click(x: Int, y: Int) -> String {
        mouseReport(button: 0, x: x, y: y) + mouseReport(button: 3, x: x, y: y)
    }

    @Test("Ctrl-C quits at once (SIGINT, status 130), from the list and from the filter prompt; stty as before")
    func controlC() throws {
        let directory = try Tmux.runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.run("stty -a > \(directory)/before.stty")
        try tmux.waitFor("EXITED-0")
        for prompt in [false, true] {
            try tmux.run("clear; XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) demo --seed 4")
            try tmux.waitFor("AGE▼")
            if prompt {
                try tmux.keys("/")
                try tmux.waitFor("filter /")
            }
            try tmux.keys("C-c")
            // Killed by SIGINT, as the convention is: bash drops the rest of the command line
            // (the `echo EXITED-$?`), and $? is 130.
            try tmux.waitFor("$", absent: "AGE▼", seconds: 10)
            try tmux.literal("echo STATUS-$?")
            try tmux.keys("Enter")
            try tmux.waitFor("STATUS-130")
            try tmux.run("clear; stty -a | diff - \(directory)/before.stty && echo SAME-STTY")
            try tmux.waitFor("SAME-STTY")
            // The demo service got the Ctrl-C too (the same foreground process group) and removed
            // its socket on the way out.
            let deadline = Date().addingTimeInterval(10)
            var sockets: [String] = []
            repeat {
                sockets = ((try? FileManager.default.contentsOfDirectory(atPath: directory + "/deferscope")) ?? [])
                    .filter { $0.hasSuffix(".sock") }
                if sockets.isEmpty { break }
                usleep(50_000)
            } while Date() < deadline
            #expect(sockets.isEmpty, "the demo service is still there: \(sockets)")
        }
    }

    @Test("the terminal's mouse reports become wheel, click and double-click (the showcase names each)")
    func mouseDecoding() throws {
        let tmux = try Tmux(width: 100, height: 30)
        defer { tmux.kill() }
        // A long double-click time, so that a slow machine's pauses between the reports typed
        // one by one never split a double-click.
        try tmux.run(Tmux.check + " --double-click-ms 5000")
        try tmux.waitFor("selected #1")
        try tmux.waitFor(format: "#{mouse_any_flag}", toBe: "1")
        try tmux.literal(Self.click(x: 10, y: 5))
        try tmux.waitFor("mouse click 10,5")
        // As a terminal sends them, each report on its own…
        for report in [0, 3, 0, 3] {
            try tmux.literal(Self.mouseReport(button: report, x: 12, y: 7))
        }
        try tmux.waitFor("mouse double-click 12,7")
        // …or all in one read (over a slow link), where ncurses resolves the double-click itself.
        try tmux.literal(Self.click(x: 14, y: 8) + Self.click(x: 14, y: 8))
        try tmux.waitFor("mouse double-click 14,8")
        // After a double-click, a click starts over as a click.
        try tmux.literal(Self.click(x: 14, y: 8))
        try tmux.waitFor("mouse click 14,8")
        try tmux.literal(Self.mouseReport(button: 64, x: 3, y: 4))
        try tmux.waitFor("mouse wheel ↑ 3,4")
        try tmux.literal(Self.mouseReport(button: 65, x: 3, y: 4))
        try tmux.waitFor("mouse wheel ↓ 3,4")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0")
        // Leaving turns mouse reporting off again: the terminal has its selection back.
        try tmux.waitFor(format: "#{mouse_any_flag}", toBe: "0")
    }

    @Test(
        "in the dashboard a double-click opens a row; the wheel scrolls the help, a click closes it; --no-mouse asks for no reports"
    )
    func dashboardMouse() throws {
        let directory = try Tmux.runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.run("XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) demo --seed 9")
        try tmux.waitFor("AGE▼")
        try tmux.waitFor(format: "#{mouse_any_flag}", toBe: "1")
        // Double-click the row of the nightly close chain, wherever it is.
        let list = try tmux.waitFor(" nightly close ").split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(list.firstIndex { $0.contains(" nightly close ") })
        try tmux.literal(Self.click(x: 20, y: row) + Self.click(x: 20, y: row))
        let detail = try tmux.waitFor("Esc back", absent: "AGE▼")
        #expect(detail.contains("'nightly close'  waiting"), "\(detail)")
        try tmux.keys("Escape")
        try tmux.waitFor("AGE▼")
        // Over the help, the wheel scrolls it (its first line goes) and a click closes it.
        try tmux.keys("?")
        try tmux.waitFor("q F10 Ctrl-C")
        try tmux.literal(Self.mouseReport(button: 65, x: 50, y: 10))
        try tmux.waitFor("deferscope keys", absent: "q F10 Ctrl-C")
        try tmux.literal(Self.click(x: 50, y: 10))
        try tmux.waitFor("AGE▼", absent: "deferscope keys")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")

        try tmux.run("clear; XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) demo --seed 9 --no-mouse")
        try tmux.waitFor("AGE▼")
        try tmux.waitFor(format: "#{mouse_any_flag}", toBe: "0", seconds: 2)
        try tmux.keys("?")
        let help = try tmux.waitFor("Show view 1 to 6")
        #expect(!help.contains("double-click"), "the help leaves the mouse out")
        try tmux.keys("Escape", "q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")
    }

    @Test("t cycles live through the bundled themes and the user's; a broken one is said once, then skipped quietly")
    func themeCycle() throws {
        let directory = try Tmux.runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let themes = directory + "/config/deferscope/themes"
        try FileManager.default.createDirectory(atPath: themes, withIntermediateDirectories: true)
        try "[ui]\nerror = \"#ff0000\"\n".write(toFile: themes + "/aa-mine.toml", atomically: true, encoding: .utf8)
        try "[ui]\n\nerror = \"#zz\"\n".write(toFile: themes + "/zz-broken.toml", atomically: true, encoding: .utf8)
        let tmux = try Tmux(width: 160, height: 30)
        defer { tmux.kill() }
        // With colour (`swift test` sets NO_COLOR), so that a new theme shows.
        try tmux.run(
            "env -u NO_COLOR XDG_CONFIG_HOME=\(directory)/config XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) "
                + "demo --seed 3"
        )
        try tmux.waitFor("AGE▼")
        // The header's colours, once every segment is there (the deadlock has its own style).
        try tmux.waitFor("DEADLOCK 1")
        let headerColours = { () throws -> Set<Substring> in
            let header = try tmux.captureWithEscapes().prefix { $0 != "\n" }
            // `38;5;255` from `ESC[38;5;255m text`: the colour, not the text after it.
            let sequences = header.split(separator: "\u{1B}[").map { $0.prefix { $0 != "m" } }
            return Set(sequences.filter { $0.hasPrefix("38;") || $0.hasPrefix("48;") })
        }
        let defaultColours = try headerColours()
        #expect(!defaultColours.isEmpty)
        let names = Array(ThemeCatalog.bundledNames.dropFirst()) + ["aa-mine"]
        for round in 0..<2 {
            for name in names {
                try tmux.keys("t")
                try tmux.waitFor("theme: \(name)\n")
                if name == "light" {
                    #expect(try headerColours() != defaultColours, "the light theme's colours are on screen")
                }
            }
            try tmux.keys("t")
            if round == 0 {
                let screen = try tmux.waitFor("theme: default (skipped \(themes)/zz-broken.toml:3: 'ui.error'")
                #expect(screen.contains("AGE▼"))
            } else {
                let screen = try tmux.waitFor("theme: default\n")
                #expect(!screen.contains("skipped"), "said once only")
            }
        }
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")
    }
}

extension InputEndToEndTests {
    @Test("with several processes, the picker: a double-click on a row attaches to that process")
    func pickerDoubleClick() throws {
        let directory = try Tmux.runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var apps: [pid_t] = []
        defer {
            for app in apps {
                kill(app, SIGINT)
                var status: Int32 = 0
                waitpid(app, &status, 0)
            }
        }
        for seed in [1, 2] {
            apps.append(
                try Tmux.spawnBackground(
                    ["/usr/bin/env", "XDG_RUNTIME_DIR=\(directory)", Tmux.deferscope, "demo", "--app-only"]
                        + ["--seed", "\(seed)"],
                    output: directory + "/app\(seed).out"
                )
            )
        }
        for seed in [1, 2] {
            _ = try TerminalFaultTests.socketLine(directory + "/app\(seed).out")
        }
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        try tmux.run("XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope)")
        let picker = try tmux.waitFor("2 attachable processes")
        // Rows are sorted by the picker; find the second one's pid and double-click it.
        let lines = picker.split(separator: "\n", omittingEmptySubsequences: false)
        let row = try #require(lines.firstIndex { line in apps.contains { line.contains(" \($0) ") } }) + 1
        let pid = try #require(apps.first { lines[row].contains(" \($0) ") })
        try tmux.literal(Self.click(x: 5, y: row) + Self.click(x: 5, y: row))
        try tmux.waitFor("deferscope \(pid)  ")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0")

        // `a` takes them all into one dashboard.
        try tmux.run("clear; XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope)")
        try tmux.waitFor("(a: all of them)")
        try tmux.keys("a")
        let all = try tmux.waitFor("2 processes  live")
        for app in apps { #expect(all.contains("deferscope \(app) live"), "\(all)") }
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0")
    }
}
