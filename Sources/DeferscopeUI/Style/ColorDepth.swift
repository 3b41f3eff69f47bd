/// How many colours a terminal can show, from none to 24-bit.
public enum ColorDepth: Int, Comparable, Sendable, CaseIterable {
    /// No colour (a monochrome terminal, or `NO_COLOR` set): attributes only.
    case none = 0
    /// The 8 basic ANSI colours.
    case ansi8 = 8
    /// The 16 ANSI colours (8 basic, 8 bright).
    case ansi16 = 16
    /// The 256 xterm colours.
    case indexed256 = 256
    /// 24-bit colour.
    case trueColor = 16_777_216

    /// Orders depths from fewest colours to most.
    public static func < (lhs: ColorDepth, rhs: ColorDepth) -> Bool { lhs.rawValue < rhs.rawValue }
}
