import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `deferscope demo` in a real terminal that misbehaves: resized in a storm, too small, of a
/// type that cannot draw, without colour, or with its output piped. No crash, a sensible screen
/// or message, and the terminal as it was.
@Suite("Terminal faults (tmux)", .enabled(if: Tmux.isAvailable, "tmux is not installed"), .serialized)
struct TerminalFaultTests {
    /// Starts `deferscope demo` in `tmux` after saving the terminal's modes; returns the runtime
    /// directory. By default in colour, as a user sees it (`swift test` sets NO_COLOR, and tmux
    /// passes it on).
    func startDemo(_ tmux: Tmux, environment: String = "env -u NO_COLOR", options: String = "") throws -> String {
        let directory = try Tmux.runtimeDirectory()
        try tmux.run("stty -g > \(directory)/before.stty")
        try tmux.waitFor("EXITED-0")
        try tmux.run("clear; \(environment) XDG_RUNTIME_DIR=\(directory) \(Tmux.deferscope) demo --seed 11 \(options)")
        return directory
    }

    /// Checks that the terminal's modes are those saved by `startDemo` (`stty -g`: every mode
    /// and control character, not the size, which the tests change).
    func expectSameStty(_ tmux: Tmux, _ directory: String) throws {
        try tmux.run("clear; stty -g | diff - \(directory)/before.stty && echo SAME-STTY")
        try tmux.waitFor("SAME-STTY")
    }

    /// The screen's lines, trailing blanks removed.
    func lines(_ screen: String) -> [String] {
        screen.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0.reversed().drop { $0 == " " }.reversed())
        }
    }

    @Test("a storm of 50 resizes, down to 1×1: then the dashboard is whole at the final size, and q quits")
    func resizeStorm() throws {
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        let directory = try startDemo(tmux)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tmux.waitFor("AGE▼")
        // A fixed seed, so that a failure repeats; the tiny sizes are always in.
        var generator = SplitMix(seed: 0xDEF3)
        var sizes = (0..<46).map { _ in
            (Int.random(in: 1...200, using: &generator), Int.random(in: 1...60, using: &generator))
        }
        sizes.insert(contentsOf: [(1, 1), (20, 6), (59, 11), (2, 40)], at: 10)
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
        }
        try tmux.resize(width: 100, height: 28)
        // Let the last frame land: its footer is on the last row.
        let deadline = Date().addingTimeInterval(15)
        var screen = lines(try tmux.capture())
        while Date() < deadline && !(screen.count >= 28 && screen[27].hasPrefix("? help")) {
            usleep(50_000)
            screen = lines(try tmux.capture())
        }
        let text = screen.joined(separator: "\n")
        #expect(screen.count >= 28 && screen[27].hasPrefix("? help  q quit"), "\(text)")
        #expect(screen[0].contains("live"), "\(text)")
        #expect(screen[1].hasPrefix(" 1 Pending"), "\(text)")
        #expect(screen[2].contains("AGE▼"), "\(text)")
        #expect(!text.contains("too small"))
        #expect(screen.allSatisfy { Substring($0).displayColumns <= 100 }, "\(text)")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")
        try expectSameStty(tmux, directory)
    }

    @Test("20×6 says 'terminal too small (20×6, need 60×12)' and recovers when enlarged")
    func tooSmall() throws {
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        let directory = try startDemo(tmux)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tmux.waitFor("AGE▼")
        try tmux.resize(width: 20, height: 6)
        let deadline = Date().addingTimeInterval(15)
        var joined = ""
        while Date() < deadline {
            joined = lines(try tmux.capture()).filter { !$0.isEmpty }.joined(separator: " ")
            if joined == "terminal too small (20×6, need 60×12)" { break }
            usleep(50_000)
        }
        #expect(joined == "terminal too small (20×6, need 60×12)")
        // Keys still work while it is small: Tab moves to Chains, seen once it is big again.
        try tmux.keys("Tab")
        try tmux.resize(width: 100, height: 30)
        let screen = try tmux.waitFor("CHAIN")
        #expect(!screen.contains("too small"))
        #expect(lines(screen)[29].hasPrefix("? help"))
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "CHAIN")
        try expectSameStty(tmux, directory)
    }

    @Test("started in a 20×6 terminal, it says so at once, and draws when the terminal grows")
    func startsTooSmall() throws {
        let tmux = try Tmux(width: 20, height: 6)
        defer { tmux.kill() }
        let directory = try startDemo(tmux)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tmux.waitFor("(20×6, need")
        try tmux.resize(width: 90, height: 24)
        try tmux.waitFor("AGE▼")
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")
        try expectSameStty(tmux, directory)
    }

    @Test("TERM=dumb: a message and one picture as text, exit 0, the terminal untouched")
    func dumbTerminal() throws {
        let tmux = try Tmux(width: 120, height: 40)
        defer { tmux.kill() }
        let directory = try startDemo(tmux, environment: "env -u NO_COLOR TERM=dumb")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The note comes last, after `clear` and the picture: only then is EXITED-0 the demo's.
        try tmux.waitFor("TERM=dumb cannot show the live dashboard", seconds: 40)
        let screen = try tmux.waitFor("EXITED-0")
        #expect(screen.contains("ledger handshake"), "the picture is there: \(screen)")
        #expect(screen.contains("? help  q quit"))
        #expect(!(try tmux.captureWithEscapes()).contains("\u{1B}["), "no escape sequence on a dumb terminal")
        try expectSameStty(tmux, directory)
    }

    /// The SGR parameters on screen: `\e[1;38;5;12m` gives [1, 38, 5, 12].
    static func sgrParameters(_ screen: String) -> [Int] {
        var parameters: [Int] = []
        var rest = Substring(screen)
        while let start = rest.range(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let body = rest.prefix { $0.isNumber || $0 == ";" || $0 == ":" }
            guard rest.dropFirst(body.count).first == "m" else { continue }
            parameters += body.split(whereSeparator: { $0 == ";" || $0 == ":" }).compactMap { Int($0) }
        }
        return parameters
    }

    /// Whether an SGR parameter sets a colour (foreground, background, 256 or 24-bit); 39 and
    /// 49 go back to the terminal's default colours, which is no colour.
    static func isColor(_ parameter: Int) -> Bool {
        (30...38).contains(parameter) || (40...48).contains(parameter) || (90...97).contains(parameter)
            || (100...107).contains(parameter)
    }

    @Test("NO_COLOR=1: attributes only, no colour at all on screen (and colours without it)")
    func noColor() throws {
        let tmux = try Tmux(width: 120, height: 30)
        defer { tmux.kill() }
        // Without NO_COLOR, the same screen has colours: the check below can see them.
        let coloured = try startDemo(tmux)
        defer { try? FileManager.default.removeItem(atPath: coloured) }
        try tmux.waitFor("ledger handshake")
        #expect(Self.sgrParameters(try tmux.captureWithEscapes()).contains(where: Self.isColor))
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")

        let directory = try startDemo(tmux, environment: "NO_COLOR=1")
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try tmux.waitFor("AGE▼")
        try tmux.waitFor("ledger handshake")
        let parameters = Self.sgrParameters(try tmux.captureWithEscapes())
        #expect(!parameters.contains(where: Self.isColor), "colour SGR parameters: \(parameters.filter(Self.isColor))")
        // Still usable: the selected row is reversed, titles bold.
        #expect(parameters.contains(7))
        #expect(parameters.contains(1))
        try tmux.keys("q")
        try tmux.waitFor("EXITED-0", absent: "AGE▼")
        try expectSameStty(tmux, directory)
    }

    @Test("attach with its output piped to cat: one picture as text, exit 0, the terminal untouched")
    func pipedOutput() throws {
        let directory = try Tmux.runtimeDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let app = try Tmux.spawnBackground(
            ["/usr/bin/env", "XDG_RUNTIME_DIR=\(directory)", Tmux.deferscope, "demo", "--app-only", "--seed", "5"],
            output: directory + "/app.out"
        )
        defer {
            kill(app, SIGINT)
            var status: Int32 = 0
            waitpid(app, &status, 0)
        }
        let socket = try Self.socketLine(directory + "/app.out")
        // Room for the whole 160×50 picture.
        let tmux = try Tmux(width: 170, height: 60)
        defer { tmux.kill() }
        try tmux.run("stty -g > \(directory)/before.stty")
        try tmux.waitFor("EXITED-0")
        try tmux.run("clear; \(Tmux.deferscope) attach \(socket) | cat; echo PIPE-${PIPESTATUS[0]}")
        let screen = try tmux.waitFor("PIPE-0", seconds: 40)
        #expect(screen.contains("live"))
        #expect(screen.contains("AGE▼"))
        #expect(screen.contains("ledger handshake"))
        #expect(!(try tmux.captureWithEscapes()).contains("\u{1B}["), "plain text, no escape sequences")
        try expectSameStty(tmux, directory)
    }

    /// The socket path the demo app prints (`socket PATH`), waiting for it.
    static func socketLine(_ path: String, seconds: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.hasPrefix("socket /") }) {
                return String(line.dropFirst("socket ".count))
            }
            usleep(50_000)
        }
        throw TmuxError("the demo app printed no socket line within \(seconds)s")
    }
}

/// A small seeded generator (SplitMix64), so that a random storm repeats.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
