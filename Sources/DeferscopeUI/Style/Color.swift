/// A terminal colour, as precise as a theme wants it; `downgraded(to:)` fits it to a terminal.
public enum Color: Hashable, Sendable {
    /// The terminal's own foreground or background.
    case `default`
    /// One of the 16 ANSI colours: 0–7 normal, 8–15 bright.
    case ansi(UInt8)
    /// One of the 256 xterm colours (0–15 ANSI, 16–231 a 6x6x6 cube, 232–255 greys).
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    /// ANSI black.
    public static let black = Color.ansi(0)
    /// ANSI red.
    public static let red = Color.ansi(1)
    /// ANSI green.
    public static let green = Color.ansi(2)
    /// ANSI yellow.
    public static let yellow = Color.ansi(3)
    /// ANSI blue.
    public static let blue = Color.ansi(4)
    /// ANSI magenta.
    public static let magenta = Color.ansi(5)
    /// ANSI cyan.
    public static let cyan = Color.ansi(6)
    /// ANSI white (light grey on most terminals).
    public static let white = Color.ansi(7)

    /// The ANSI colour names themes use, index = ANSI number.
    public static let ansiNames: [String] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow",
        "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]
}

extension Color: CustomStringConvertible {
    /// The colour as a theme file writes it.
    public var description: String {
        switch self {
        case .default:
            return "default"
        case .ansi(let index):
            return Int(index) < Color.ansiNames.count ? Color.ansiNames[Int(index)] : "color(\(index))"
        case .indexed(let index):
            return "color(\(index))"
        case .rgb(let red, let green, let blue):
            return "#"
                + [red, green, blue].map { byte in
                    let hex = String(byte, radix: 16)
                    return hex.count == 1 ? "0" + hex : hex
                }.joined()
        }
    }
}
