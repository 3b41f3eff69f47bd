@preconcurrency import CNcurses
import DeferscopeUI

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The terminal in full-screen mode, through ncursesw: draws `CellGrid`s and reads `KeyEvent`s.
///
/// One screen at a time, used from one thread. Starting it saves the terminal's state; `close()`
/// (or deinit, or a fatal signal) restores it. Drawing sends only the cells that changed since
/// the last frame.
public final class TerminalScreen {
    /// The colour depth frames are drawn with (styles are fitted to it).
    public let colorDepth: ColorDepth
    /// Whether the locale had to be switched to `C.UTF-8` because the environment's was not UTF-8.
    public let switchedLocale: Bool
    var screen: OpaquePointer?
    var window: UnsafeMutablePointer<WINDOW>?
    var lastDrawn: CellGrid?
    var pairs: ColorPairCache
    var clicks = ClickTracker()
    var isOpen = true
    /// Whether the terminal reports the mouse (false: its own text selection works).
    public let usesMouse: Bool

    /// The longest time between the two clicks of a double-click, in nanoseconds (400 ms).
    public var doubleClickInterval: UInt64 {
        get { clicks.interval }
        set { clicks.interval = newValue }
    }

    /// Starts full-screen mode on standard input and output; with `mouse`, asks the terminal
    /// to report the wheel and clicks (which takes text selection away from the terminal).
    ///
    /// - Throws: `TerminalError` when they are not a terminal, or `TERM` is unset, unknown, or
    ///   names a terminal that cannot move the cursor (unlike `initscr`, which would exit the
    ///   process or draw garbage).
    public init(
        environment: [String: String] = TerminalScreen.environment(),
        mouse: Bool = true
    ) throws(TerminalError) {
        guard isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 else { throw TerminalError.notATerminal }
        guard let type = environment["TERM"], !type.isEmpty else { throw TerminalError.noTerminalType }
        switchedLocale = TerminalScreen.ensureUTF8Locale()
        TerminalRestorer.saveModes(descriptor: STDOUT_FILENO)
        guard let output = fdopen(STDOUT_FILENO, "w"), let input = fdopen(STDIN_FILENO, "r") else {
            throw TerminalError.notATerminal
        }
        guard let screen = newterm(type, output, input) else { throw TerminalError.unknownTerminalType(type) }
        set_term(screen)
        guard TerminalScreen.canAddressCursor() else {
            endwin()
            delscreen(screen)
            TerminalRestorer.restoreModes()
            throw TerminalError.cannotAddressCursor(type)
        }
        self.screen = screen
        usesMouse = mouse
        window = ds_stdscr()
        cbreak()
        noecho()
        nonl()
        keypad(window, true)
        intrflush(window, false)
        curs_set(0)
        set_escdelay(25)
        if mouse {
            // Every press at once, and `ClickTracker` tells double-clicks. Only when a press and
            // its release arrive in one read does ncurses resolve them itself (into a click, or
            // two clicks into a double-click), hence those in the mask too.
            mouseinterval(0)
            mousemask(
                ds_button1_clicked() | ds_button1_double_clicked() | ds_button1_pressed() | ds_button2_clicked()
                    | ds_button3_clicked() | ds_button4_pressed() | ds_button5_pressed(),
                nil
            )
        }
        var colors = 0
        if has_colors() {
            start_color()
            use_default_colors()
            colors = Int(ds_colors())
        }
        colorDepth = ColorDetection.depth(environment: environment, terminfoColors: colors)
        let capacity = colorDepth == .none ? 0 : min(Int(ds_color_pairs()) - 1, 4096)
        pairs = ColorPairCache(capacity: capacity) { number, foreground, background in
            init_extended_pair(number, TerminalScreen.curses(foreground), TerminalScreen.curses(background)) == OK
        }
        TerminalRestorer.install(leave: TerminalScreen.leaveSequence())
    }

    deinit {
        close()
    }

    /// The screen's size now, in cells.
    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0
        var columns: Int32 = 0
        ds_getmaxyx(window, &rows, &columns)
        return (Int(columns), Int(rows))
    }

    /// Leaves full-screen mode and restores the terminal; safe to call twice.
    public func close() {
        guard isOpen else { return }
        isOpen = false
        endwin()
        TerminalRestorer.uninstall()
        if let screen { delscreen(screen) }
        screen = nil
        window = nil
    }

    /// The process environment as a dictionary.
    public static func environment() -> [String: String] {
        var result: [String: String] = [:]
        var pointer = environ
        while let entry = pointer.pointee {
            let text = String(cString: entry)
            if let equals = text.firstIndex(of: "=") {
                result[String(text[..<equals])] = String(text[text.index(after: equals)...])
            }
            pointer += 1
        }
        return result
    }

    // MARK: - Setup helpers

    /// Takes the locale from the environment; when its character set is not UTF-8, switches the
    /// character type to `C.UTF-8` so wide characters draw. Returns whether it switched.
    static func ensureUTF8Locale() -> Bool {
        setlocale(LC_ALL, "")
        if isUTF8() { return false }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            if isUTF8() { return true }
        }
        return false
    }

    static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Whether the terminal set up by `newterm` can move the cursor (has `cup` and is not a
    /// printing terminal): `dumb` cannot, and ncurses would draw garbage on it.
    static func canAddressCursor() -> Bool {
        guard let cup = tigetstr("cup"), Int(bitPattern: cup) != -1, cup.pointee != 0 else { return false }
        return tigetflag("hc") <= 0
    }

    /// What to write to leave full-screen mode from a signal handler: attributes off, cursor
    /// shown, keypad and mouse reporting off, alternate screen left.
    static func leaveSequence() -> [UInt8] {
        var bytes: [UInt8] = Array("\u{1B}[0m\u{1B}[?1000l\u{1B}[?1002l\u{1B}[?1003l\u{1B}[?1006l".utf8)
        for capability in ["cnorm", "rmkx", "rmcup"] {
            guard let value = tigetstr(capability), Int(bitPattern: value) != -1 else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        return bytes
    }

    /// The ncurses colour number for a colour already fitted to the terminal.
    static func curses(_ color: Color) -> Int32 {
        switch color {
        case .default: return -1
        case .ansi(let index): return Int32(index)
        case .indexed(let index): return Int32(index)
        case .rgb(let red, let green, let blue): return Int32(red) << 16 | Int32(green) << 8 | Int32(blue)
        }
    }
}
